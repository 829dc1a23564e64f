"""Stage 4, render: a report Table as one self-contained HTML page (inline CSS, nothing fetched).

The layout is Markdown's: indicators down, units across, one table per part (本期, then
累计), under the title, the period and the describing lines, with the data provenance at
the foot. Notes (data errors let through) stand out at the top and again at the foot.
Every piece of text goes through `html.escape`.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from hxay.models.text import Msg
from hxay.render.tables import data_line, part_heading, period_title, range_lines, stock_line
from hxay.reports.table import Table

if TYPE_CHECKING:
    from hxay.render.formats import RenderOptions

LANG_TAGS = {"zh": "zh-CN", "en": "en"}

STYLE = """\
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC",
  "Microsoft YaHei", "SimSun", sans-serif; margin: 2rem auto; max-width: 80rem;
  padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.1rem; margin: 1.75rem 0 .5rem; }
.subtitle { font-size: 1.1rem; margin: 0 0 .75rem; }
.lines { margin: 0; padding: 0; list-style: none; }
.notice { border: 2px solid #b00020; background: #fdecee; color: #b00020;
  font-weight: bold; padding: .5rem .75rem; margin: 1rem 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #888; padding: .2rem .5rem; }
thead th { background: #eee; vertical-align: bottom; }
tbody th { text-align: left; font-weight: normal; white-space: nowrap; }
td { text-align: right; }
.total { font-weight: bold; background: #f6f6f6; }
thead th:first-child, tbody th { position: sticky; left: 0; background: #fff; }
thead th:first-child { background: #eee; }
footer { margin-top: 1.5rem; font-size: .9rem; color: #444; }
@media print { body { margin: 0; max-width: none; } .scroll { overflow: visible; } }
"""


def _notices(notes: tuple[str, ...]) -> list[str]:
    return [f'<p class="notice" role="alert">{escape(note)}</p>' for note in notes]


def to_html(t: Table, _: RenderOptions) -> str:
    title = escape(t.title)
    subtitle = period_title(t)
    head_title = f"{title} {escape(subtitle)}" if subtitle else title
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{LANG_TAGS.get(t.lang, t.lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="hxay {escape(t.version)}">',
        f"<title>{head_title}</title>",
        f"<style>\n{STYLE}</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{title}</h1>",
    ]
    if subtitle:
        out.append(f'<p class="subtitle">{escape(subtitle)}</p>')
    out += _notices(t.notes)
    out.append('<ul class="lines">')
    out += [f"<li>{escape(line)}</li>" for line in range_lines(t)]
    out += ["</ul>", "</header>", "<main>"]
    indicator = escape(Msg("指标", "Indicator").render(t.lang))
    for k, part in enumerate(t.parts):
        heading = part_heading(t, part)
        out += [
            f'<section id="{escape(part.id)}">',
            f"<h2>{escape(heading)}</h2>",
            '<div class="scroll">',
            "<table>",
            "<thead>",
            "<tr>",
            f'<th scope="col">{indicator}</th>',
        ]
        out += [f'<th scope="col"{_total(row.total)}>{escape(row.label)}</th>' for row in t.rows]
        out += ["</tr>", "</thead>", "<tbody>"]
        for j, col in enumerate(t.columns):
            cells = "".join(f"<td{_total(row.total)}>{row.cells[j][k]}</td>" for row in t.rows)
            out.append(f'<tr><th scope="row">{escape(col.label)}</th>{cells}</tr>')
        out += ["</tbody>", "</table>", "</div>", "</section>"]
    out += ["</main>", "<footer>"]
    stock = stock_line(t)
    if stock is not None:
        out.append(f"<p>{escape(stock)}</p>")
    out.append(f"<p>{escape(data_line(t))}</p>")
    out += _notices(t.notes)
    out += ["</footer>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def _total(total: bool) -> str:
    return ' class="total"' if total else ""
