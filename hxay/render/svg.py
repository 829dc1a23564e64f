"""Stage 5, render: a report Chart (series of counts over categories) drawn as inline SVG.

Hand-written SVG, no plotting library and no script: the file a summary is written to opens
offline in any browser and prints as it shows. Text stays text (`<text>`), so Chinese labels
are searchable and sharp; the font list names the common CJK fonts of Windows, macOS and
Linux before the generic sans-serif.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from html import escape

from hxay.reports.document import Chart

FONTS = (
    "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', "
    "'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'SimHei', sans-serif"
)
PALETTE = ("#2f6db5", "#e07b28", "#3a9a5b", "#c23b3b", "#7a5bb5")
# Series that mean the same thing keep their colour in every chart: missed is red.
SERIES_COLOURS = {"met": "#2f6db5", "late": "#e07b28", "overdue": "#c23b3b"}

Scale = Callable[[int], float]

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 64, 64


def nice_ticks(top: int, count: int = 5) -> list[int]:
    """Whole-number ticks from 0 to at least `top`, with a step of 1, 2 or 5 times a power
    of ten, about `count` of them."""
    if top <= 0:
        return [0, 1]
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    whole = max(1, math.ceil(step))
    return [i * whole for i in range(math.ceil(top / whole) + 1)]


def text_width(text: str, size: float) -> float:
    """A rough width in px: a CJK character is about one em, anything else a little over half."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.6 for ch in text)


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, content: str, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
    return f'<text x="{_num(x)}" y="{_num(y)}"{extra}>{escape(content)}</text>'


def to_svg(chart: Chart) -> str:
    """The chart as one `<svg>` element: title, legend, gridlines with y ticks, the x
    categories, both axis titles, and the bars or lines with their values."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = max((v for s in chart.series for v in s.values), default=0)
    ticks = nice_ticks(top)
    y_max = ticks[-1]

    def y_of(value: int) -> float:
        return TOP + plot_h - plot_h * value / y_max

    n = max(len(chart.categories), 1)
    band = plot_w / n
    # Category names wider than their band (unit names) are turned 40 degrees, and the
    # chart grows downward to hold them; month names stay level.
    widest = max((text_width(c, 12) for c in chart.categories), default=0.0)
    slanted = widest > band - 6
    height = HEIGHT + (round(widest * 0.65) if slanted else 0)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(chart.title)}" '
        f'class="chart chart-{escape(chart.kind)}" id="chart-{escape(chart.id)}" '
        f'font-family="{escape(FONTS)}" font-size="12">',
        f"<title>{escape(chart.title)}</title>",
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>',
        _text(LEFT, 22, chart.title, font_size="15", font_weight="bold", fill="#222222"),
    ]
    x = float(LEFT)
    for k, series in enumerate(chart.series):
        color = SERIES_COLOURS.get(series.id, PALETTE[k % len(PALETTE)])
        out.append(
            f'<rect x="{_num(x)}" y="34" width="12" height="12" fill="{color}" class="legend-key"/>'
        )
        out.append(_text(x + 16, 45, series.label, fill="#333333", class_="legend"))
        x += 16 + text_width(series.label, 12) + 20
    for tick in ticks:
        y = y_of(tick)
        out.append(
            f'<line x1="{LEFT}" y1="{_num(y)}" x2="{LEFT + plot_w}" y2="{_num(y)}" '
            f'stroke="#e2e2e2" stroke-width="1"/>'
        )
        out.append(_text(LEFT - 8, y + 4, str(tick), text_anchor="end", fill="#555555"))
    base = TOP + plot_h
    out.append(
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{base}" stroke="#888888" stroke-width="1"/>'
    )
    out.append(
        f'<line x1="{LEFT}" y1="{base}" x2="{LEFT + plot_w}" y2="{base}" '
        f'stroke="#888888" stroke-width="1"/>'
    )
    for i, category in enumerate(chart.categories):
        cx = LEFT + band * (i + 0.5)
        if slanted:
            out.append(
                _text(
                    cx + 4,
                    base + 14,
                    category,
                    text_anchor="end",
                    fill="#333333",
                    transform=f"rotate(-40 {_num(cx + 4)} {_num(base + 14)})",
                )
            )
        else:
            out.append(_text(cx, base + 18, category, text_anchor="middle", fill="#333333"))
    out.append(
        _text(LEFT + plot_w / 2, height - 12, chart.x_label, text_anchor="middle", fill="#333333")
    )
    mid = TOP + plot_h / 2
    out.append(
        f'<text x="{_num(-mid)}" y="18" transform="rotate(-90)" text-anchor="middle" '
        f'fill="#333333">{escape(chart.y_label)}</text>'
    )
    if chart.kind == "bar":
        out += _bars(chart, band, y_of, base)
    else:
        out += _lines(chart, band, y_of, base)
    out.append("</svg>")
    return "\n".join(out)


def _bars(chart: Chart, band: float, y_of: Scale, base: float) -> list[str]:
    out: list[str] = []
    count = max(len(chart.series), 1)
    group = band * 0.72
    width = group / count
    for k, series in enumerate(chart.series):
        color = SERIES_COLOURS.get(series.id, PALETTE[k % len(PALETTE)])
        for i, value in enumerate(series.values):
            x = LEFT + band * i + (band - group) / 2 + width * k
            y = y_of(value)
            out.append(
                f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(width - 1)}" '
                f'height="{_num(base - y)}" fill="{color}" class="bar">'
                f"<title>{escape(series.label)} {escape(chart.categories[i])}: {value}</title></rect>"
            )
            if width >= 12:
                out.append(
                    _text(
                        x + (width - 1) / 2,
                        y - 4,
                        str(value),
                        text_anchor="middle",
                        font_size="10",
                        fill="#444444",
                    )
                )
    return out


def _lines(chart: Chart, band: float, y_of: Scale, base: float) -> list[str]:
    out: list[str] = []
    for k, series in enumerate(chart.series):
        color = SERIES_COLOURS.get(series.id, PALETTE[k % len(PALETTE)])
        points = [(LEFT + band * (i + 0.5), y_of(v)) for i, v in enumerate(series.values)]
        path = " ".join(f"{_num(px)},{_num(py)}" for px, py in points)
        out.append(
            f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2.5" '
            f'stroke-linejoin="round" class="line"/>'
        )
        for (px, py), value, category in zip(points, series.values, chart.categories, strict=True):
            out.append(
                f'<circle cx="{_num(px)}" cy="{_num(py)}" r="3.5" fill="{color}">'
                f"<title>{escape(series.label)} {escape(category)}: {value}</title></circle>"
            )
            # the first series labels its points above, the next below, so that two lines
            # meeting at a point do not print their values on top of each other; a label
            # that would cross the x axis goes above
            above = k % 2 == 0 or py + 16 > base - 2
            dy = -8.0 if above else 16.0
            out.append(
                _text(px, py + dy, str(value), text_anchor="middle", font_size="10", fill=color)
            )
    return out
