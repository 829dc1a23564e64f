"""Stage 5, render: a report Chart drawn as a PNG image, for formats that cannot hold SVG
(Word). The same layout as render/svg.py (sizes, ticks, colours, slanted unit names), painted
with Pillow at twice the size so it prints sharp. Pillow is a small, self-contained library
(its wheels carry FreeType), so no system graphics library is needed; it is imported inside
the functions. Chinese text needs a CJK font file: `cjk_font()` finds one (fontconfig, then
the usual places on Windows, macOS and Linux), and without one there is no image.
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from hxay.render.svg import (
    BOTTOM,
    HEIGHT,
    LEFT,
    PALETTE,
    RIGHT,
    SERIES_COLOURS,
    TOP,
    WIDTH,
    nice_ticks,
)
from hxay.reports.document import Chart

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

SCALE = 2

_KNOWN = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
)


@dataclass(frozen=True, slots=True)
class FontFile:
    """A font file and the face in it (a .ttc holds several)."""

    path: Path
    index: int = 0


def _fontconfig() -> FontFile | None:
    if shutil.which("fc-match") is None:
        return None
    try:
        done = subprocess.run(
            ["fc-match", "-f", "%{file}\n%{index}\n%{lang}", ":lang=zh-cn"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    parts = done.stdout.split("\n")
    if done.returncode != 0 or len(parts) < 3 or "zh-cn" not in parts[2].split("|"):
        return None  # fontconfig falls back to any font when no Chinese one is installed
    path = Path(parts[0])
    return FontFile(path, int(parts[1] or 0)) if path.is_file() else None


def _face_of(path: Path) -> FontFile:
    """The Simplified Chinese face of a collection (Noto's .ttc holds JP, KR, SC, TC, HK)."""
    from PIL import ImageFont

    for index in range(8):
        try:
            family = ImageFont.truetype(str(path), 12, index=index).getname()[0] or ""
        except OSError:
            break
        if "SC" in family or "GB" in family:
            return FontFile(path, index)
    return FontFile(path, 0)


@functools.cache
def cjk_font() -> FontFile | None:
    """A font file that draws Chinese, or None when the machine has none."""
    found = _fontconfig()
    if found is not None:
        return found
    for name in _KNOWN:
        path = Path(name)
        if path.is_file():
            return _face_of(path)
    return None


def _colour(k: int, series_id: str) -> str:
    return SERIES_COLOURS.get(series_id, PALETTE[k % len(PALETTE)])


def to_png(chart: Chart, font: FontFile) -> bytes:
    """The chart as PNG bytes: title, legend, gridlines with y ticks, categories (slanted
    when wider than their band), axis titles, bars or lines with their values."""
    from PIL import Image, ImageDraw, ImageFont

    def face(size: float) -> FreeTypeFont:
        return ImageFont.truetype(str(font.path), round(size * SCALE), index=font.index)

    small, normal, title_face = face(10), face(12), face(15)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top = max((v for s in chart.series for v in s.values), default=0)
    ticks = nice_ticks(top)
    y_max = ticks[-1]
    n = max(len(chart.categories), 1)
    band = plot_w / n
    widest = max((normal.getlength(c) / SCALE for c in chart.categories), default=0.0)
    slanted = widest > band - 6
    height = HEIGHT + (round(widest * 0.65) if slanted else 0)

    image = Image.new("RGB", (WIDTH * SCALE, height * SCALE), "#ffffff")
    draw = ImageDraw.Draw(image)

    def at(x: float, y: float) -> tuple[float, float]:
        return x * SCALE, y * SCALE

    def y_of(value: int) -> float:
        return TOP + plot_h - plot_h * value / y_max

    def turned(text: str, fnt: FreeTypeFont, angle: float, anchor_xy: tuple[float, float]) -> None:
        """Text turned by `angle` degrees, its right end at `anchor_xy` (or centred for 90)."""
        w = round(fnt.getlength(text)) + 4
        h = round(fnt.size * 1.4)
        label = Image.new("RGBA", (w, h), (255, 255, 255, 0))
        ImageDraw.Draw(label).text((w - 2, h * 0.8), text, font=fnt, fill="#333333", anchor="rs")
        rotated = label.rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
        x, y = at(*anchor_xy)
        if angle == 90:
            image.paste(
                rotated, (round(x - rotated.width / 2), round(y - rotated.height / 2)), rotated
            )
        else:
            image.paste(rotated, (round(x - rotated.width), round(y - 4)), rotated)

    draw.text(at(LEFT, 22), chart.title, font=title_face, fill="#222222", anchor="ls")
    x = float(LEFT)
    for k, series in enumerate(chart.series):
        draw.rectangle([at(x, 34), at(x + 12, 46)], fill=_colour(k, series.id))
        draw.text(at(x + 16, 45), series.label, font=normal, fill="#333333", anchor="ls")
        x += 16 + normal.getlength(series.label) / SCALE + 20
    for tick in ticks:
        y = y_of(tick)
        draw.line([at(LEFT, y), at(LEFT + plot_w, y)], fill="#e2e2e2", width=SCALE)
        draw.text(at(LEFT - 8, y + 4), str(tick), font=normal, fill="#555555", anchor="rs")
    base = TOP + plot_h
    draw.line([at(LEFT, TOP), at(LEFT, base)], fill="#888888", width=SCALE)
    draw.line([at(LEFT, base), at(LEFT + plot_w, base)], fill="#888888", width=SCALE)
    for i, category in enumerate(chart.categories):
        cx = LEFT + band * (i + 0.5)
        if slanted:
            turned(category, normal, 40, (cx + 4, base + 10))
        else:
            draw.text(at(cx, base + 18), category, font=normal, fill="#333333", anchor="ms")
    draw.text(
        at(LEFT + plot_w / 2, height - 12), chart.x_label, font=normal, fill="#333333", anchor="ms"
    )
    turned(chart.y_label, normal, 90, (14, TOP + plot_h / 2))

    if chart.kind == "bar":
        count = max(len(chart.series), 1)
        group = band * 0.72
        width = group / count
        for k, series in enumerate(chart.series):
            for i, value in enumerate(series.values):
                bx = LEFT + band * i + (band - group) / 2 + width * k
                by = y_of(value)
                if value:
                    draw.rectangle(
                        [at(bx, by), at(bx + width - 1, base)], fill=_colour(k, series.id)
                    )
                if width >= 12:
                    draw.text(
                        at(bx + (width - 1) / 2, by - 4),
                        str(value),
                        font=small,
                        fill="#444444",
                        anchor="ms",
                    )
    else:
        for k, series in enumerate(chart.series):
            colour = _colour(k, series.id)
            points = [(LEFT + band * (i + 0.5), y_of(v)) for i, v in enumerate(series.values)]
            if len(points) > 1:
                draw.line([at(px, py) for px, py in points], fill=colour, width=round(2.5 * SCALE))
            for (px, py), value in zip(points, series.values, strict=True):
                r = 3.5
                draw.ellipse([at(px - r, py - r), at(px + r, py + r)], fill=colour)
                above = k % 2 == 0 or py + 16 > base - 2
                draw.text(
                    at(px, py + (-8.0 if above else 16.0)),
                    str(value),
                    font=small,
                    fill=colour,
                    anchor="ms",
                )
    buf = io.BytesIO()
    image.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
