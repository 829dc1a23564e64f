"""A statistics form as an xlsx workbook in hxay's machine contract (reports/readback.py): the
custom document properties, the hidden `hxay:measure` row above the two header rows and the
hidden `hxay:unit` column after the values. Written from a form's JSON, as a stand-in for
the renderer's own workbook in the tests of `hxay rollup`."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def contract_workbook(form: dict[str, Any], path: Path, header_unit: str = "") -> Path:
    from openpyxl import Workbook
    from openpyxl.packaging.custom import StringProperty

    wb = Workbook()
    ws = wb.active
    ws.title = form["period"]["label"]
    props = {
        "hxay.form": "stats",
        "hxay.campaign": form["campaign"],
        "hxay.campaign_name": form.get("campaign_name", form["campaign"] + " 专项行动"),
        "hxay.period": form["period"]["label"],
        "hxay.period_start": form["period"]["start"],
        "hxay.period_end": form["period"]["end"],
        "hxay.cumulative_start": form["cumulative"]["start"],
        "hxay.cumulative_end": form["cumulative"]["end"],
        "hxay.as_of": form["as_of"],
        "hxay.header_unit": header_unit,
        "hxay.version": form["hxay"],
    }
    for name, value in props.items():
        wb.custom_doc_props.append(StringProperty(name=name, value=value))
    ws.cell(1, 1, "统计报表")
    ws.cell(2, 1, "填报单位:")
    marker = 4
    ws.cell(marker, 1, "hxay:measure")
    ws.row_dimensions[marker].hidden = True
    ws.cell(marker + 1, 1, "单位")
    values = {(v["measure"], v["unit"]): (v["period"], v["cumulative"]) for v in form["values"]}
    for j, m in enumerate(form["measures"]):
        col = 2 + 2 * j
        ws.cell(marker, col, m["id"])
        ws.cell(marker + 1, col, m["label"])
        ws.cell(marker + 2, col, "本期")
        ws.cell(marker + 2, col + 1, "累计")
    unit_col = 2 + 2 * len(form["measures"])
    ws.cell(marker, unit_col, "hxay:unit")
    ws.column_dimensions[ws.cell(1, unit_col).column_letter].hidden = True
    for i, u in enumerate(form["units"]):
        r = marker + 3 + i
        ws.cell(r, 1, u["name"])
        ws.cell(r, unit_col, u["id"])
        for j, m in enumerate(form["measures"]):
            p, c = values[(m["id"], u["id"])]
            ws.cell(r, 2 + 2 * j, p)
            ws.cell(r, 3 + 2 * j, c)
    ws.cell(marker + 4 + len(form["units"]), 1, "填表人:")
    wb.save(path)
    return path
