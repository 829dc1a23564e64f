"""Stage 5, render, xlsx: the statistics form's machine contract, so a program (`hxay rollup`,
a prefecture's own script) reads the numbers back exactly whatever the labels say.

- custom document properties (strings): `hxay.form`, `hxay.campaign`, `hxay.campaign_name`,
  `hxay.period` (label), `hxay.period_start`, `hxay.period_end`, `hxay.cumulative_start`,
  `hxay.cumulative_end` (ISO dates), `hxay.as_of`, `hxay.header_unit` (empty when not
  configured), `hxay.version`;
- on the form's sheet (the first), one hidden row directly above the two header rows:
  `hxay:measure` in column A and each indicator's measure id in its 本期 column (its 累计
  column is the next one); one hidden column directly after the last value column:
  `hxay:unit` in that row and each data row's unit id (`-` for 其他, `*` for 合计). Both
  lie outside the print area. docs/forms.md documents it for readers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from hxay.render.escape import set_cell
from hxay.reports.readback import MEASURE_MARK, UNIT_MARK
from hxay.reports.table import Table

if TYPE_CHECKING:
    import hxay.render.xlsx.protocols as xl

PREFIX = "hxay."


def properties(t: Table) -> dict[str, str]:
    """The custom document properties of a statistics form, by name without `hxay.`."""
    header_unit = t.header.unit if t.header is not None and t.header.unit else ""
    props = {
        "form": t.form,
        "campaign": t.campaign.id,
        "campaign_name": t.campaign.label,
        "period": t.period.label if t.period is not None else "",
        "period_start": t.period.start.isoformat() if t.period is not None else "",
        "period_end": t.period.end.isoformat() if t.period is not None else "",
        "cumulative_start": t.cumulative.start.isoformat() if t.cumulative is not None else "",
        "cumulative_end": t.cumulative.end.isoformat() if t.cumulative is not None else "",
        "as_of": t.as_of.isoformat(),
        "header_unit": header_unit,
        "version": t.version,
    }
    return props


def add_properties(wb: xl.Workbook, props: Mapping[str, str]) -> None:
    """Custom document properties (strings) written into the workbook as `hxay.NAME`; every
    workbook hxay writes carries at least form, campaign, as_of and version."""
    from openpyxl.packaging.custom import StringProperty

    for name, value in props.items():
        wb.custom_doc_props.append(StringProperty(name=PREFIX + name, value=value))


def stamp(wb: xl.Workbook, t: Table) -> None:
    """Write the form's custom document properties into the workbook."""
    add_properties(wb, properties(t))


def mark(ws: xl.Worksheet, t: Table, *, marks: int, first_row: int, after: int) -> None:
    """The hidden row `marks` (measure ids over each indicator's first part) and the hidden
    column `after` (unit ids beside the data rows from `first_row`)."""
    from openpyxl.utils import get_column_letter

    nparts = len(t.parts)
    set_cell(ws.cell(marks, 1), MEASURE_MARK)
    for j, col in enumerate(t.columns):
        set_cell(ws.cell(marks, 2 + j * nparts), col.id)
    set_cell(ws.cell(marks, after), UNIT_MARK)
    for i, row in enumerate(t.rows):
        set_cell(ws.cell(first_row + i, after), row.id)
    ws.row_dimensions[marks].hidden = True
    ws.column_dimensions[get_column_letter(after)].hidden = True
