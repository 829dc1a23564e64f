"""Write docs/template-sample.png: the import template of the sample data, filled in as a
station would, opened in LibreOffice and printed (xlsx -> PDF -> PNG).

    python tools/template_screenshot.py     # needs soffice and pdftoppm

The same rows are what the README's round trip imports.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

import openpyxl
from gen_screenshots import first_page_png

from hxay import api

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "template-sample.png"


def filled() -> bytes:
    """The template for ps-danghu's schools with three inspections and two hazards."""
    made = api.template(ROOT / "data", ["inspection"], "ps-danghu")
    wb = openpyxl.load_workbook(io.BytesIO(made.data))

    def put(sheet: str, row: int, **values: object) -> None:
        ws = wb[sheet]
        codes = [c.value for c in ws[2]]
        for key, value in values.items():
            ws.cell(row, codes.index(key.replace("__", ".")) + 1, value)

    put("检查", 3, id="insp-2012-0601", date=dt.date(2012, 6, 4), school="sch-dh-01",
        unit="ps-danghu", type="全面检查", inspectors="王建国、李明", summary="门卫、监控、消防通道")  # fmt: skip
    put("检查", 4, date="2012年6月5日", school="sch-dh-02", unit="ps-danghu",
        inspectors="王建国", officers=1, summary="幼儿园门卫值守")  # fmt: skip
    put("检查", 5, date=dt.date(2012, 6, 6), school="sch-dh-03", unit="ps-danghu",
        inspectors="李明、张伟", summary="校车接送秩序")  # fmt: skip
    put("隐患", 3, source="insp-2012-0601", category="技防", severity="严重",
        description="周界报警装置故障", deadline=dt.date(2012, 6, 20),
        supervisor__name="陈伟", supervisor__unit="edu-bureau", rectifier__name="张老师",
        rectifier__phone="13857301234")  # fmt: skip
    put("隐患", 4, source="insp-2012-0601", category="消防", description="灭火器过期",
        deadline=dt.date(2012, 6, 10))  # fmt: skip
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "template.xlsx"
        wb = openpyxl.load_workbook(io.BytesIO(filled()))
        del wb["填写说明"], wb["隐患"], wb["编号"]  # the page shown: the 检查 sheet
        wb.save(book)
        first_page_png(book, OUT, Path(tmp), crop=("-x", "0", "-y", "0", "-W", "1290", "-H", "260"))
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
