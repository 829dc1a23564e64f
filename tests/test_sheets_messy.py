"""Hostile and messy spreadsheets: each case gives the records a person means, or an error
at the exact cell, and a failed import leaves the target byte-identical."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import DataDir
from sheetkit import import_, patch_sheet, put, save, template

TARGET = "records/2012-05/ps-a.yaml"
EXISTING = b"- kind: meeting\n  date: 2012-05-02\n  unit: ps-a\n"


@pytest.fixture
def root(datadir: DataDir) -> Path:
    root = datadir.write()
    (root / TARGET).parent.mkdir(parents=True)
    (root / TARGET).write_bytes(EXISTING)
    return root


def book(root: Path) -> Any:
    wb = template(root, "inspection")
    put(wb["检查"], 3, date=dt.date(2012, 5, 14), school="sch-a", unit="ps-a", summary="门卫")
    return wb


def added(root: Path) -> str:
    raw = (root / TARGET).read_bytes()
    assert raw.startswith(EXISTING)
    return raw[len(EXISTING) :].decode("utf-8")


def refused(root: Path, path: Path, cell: str, code: str, *extra: str) -> str:
    """The import fails, naming `cell` with `code`, and the target is as it was."""
    status, _, err = import_(root, path, TARGET, *extra)
    assert status == 1, err
    assert f"{cell}: error {code}" in err, err
    assert (root / TARGET).read_bytes() == EXISTING
    return err


def test_rows_merged_in_one_column_all_take_the_value(root: Path, tmp_path: Path) -> None:
    wb = book(root)
    ws = wb["检查"]
    put(ws, 4, school="sch-a", unit="ps-a", summary="围墙")
    ws.merge_cells("B3:B4")  # one date for both inspections, as ledgers are often kept
    status, _, err = import_(root, save(wb, tmp_path / "m.xlsx"), TARGET)
    assert status == 0, err
    assert added(root).count("  date: 2012-05-14\n") == 2


def test_a_cell_merged_across_columns_is_refused_at_it(root: Path, tmp_path: Path) -> None:
    wb = book(root)
    wb["检查"].merge_cells("C3:D3")
    err = refused(root, save(wb, tmp_path / "m.xlsx"), "m.xlsx!检查!C3", "E-sheet-merged")
    assert "C3:D3" in err


def test_a_hidden_row_with_data_is_refused_at_it(root: Path, tmp_path: Path) -> None:
    wb = book(root)
    put(wb["检查"], 4, date=dt.date(2012, 5, 15), school="sch-a", unit="ps-a")
    wb["检查"].row_dimensions[4].hidden = True
    err = refused(root, save(wb, tmp_path / "h.xlsx"), "h.xlsx!检查!B4", "E-sheet-hidden")
    assert "取消隐藏" in err


def test_a_formula_gives_its_cached_value(root: Path, tmp_path: Path) -> None:
    wb = book(root)
    wb["检查"]["G3"] = "=1+2"
    path = save(wb, tmp_path / "f.xlsx")
    patch_sheet(
        path, 2, r'(<c r="G3"[^>]*>)<f>1\+2</f>(?:<v\s*/>|<v></v>)', r"\1<f>1+2</f><v>3</v>"
    )
    status, _, err = import_(root, path, TARGET)
    assert status == 0, err
    assert "  officers: 3\n" in added(root)


def test_a_formula_without_a_value_is_refused_at_it(root: Path, tmp_path: Path) -> None:
    wb = book(root)
    wb["检查"]["G3"] = "=1+2"  # openpyxl writes the formula, never a calculated value
    err = refused(root, save(wb, tmp_path / "f.xlsx"), "f.xlsx!检查!G3", "E-sheet-formula")
    assert "出动警力" in err and "没有计算结果" in err


def test_an_error_value_is_refused_at_it(root: Path, tmp_path: Path) -> None:
    wb = book(root)
    wb["检查"]["G3"] = "#REF!"
    wb["检查"]["G3"].data_type = "e"
    err = refused(root, save(wb, tmp_path / "e.xlsx"), "e.xlsx!检查!G3", "E-sheet-formula")
    assert "#REF!" in err


def test_empty_rows_in_the_middle_are_skipped(root: Path, tmp_path: Path) -> None:
    wb = book(root)
    put(wb["检查"], 7, date="2012-05-16", school="sch-a", unit="ps-a")
    wb["检查"]["H5"] = "   "  # a cell holding only spaces is empty too
    status, _, err = import_(root, save(wb, tmp_path / "g.xlsx"), TARGET)
    assert status == 0, err
    text = added(root)
    assert text.count("- kind: inspection") == 2
    assert "# 导入自 g.xlsx!检查 第 3 行\n" in text and "# 导入自 g.xlsx!检查 第 7 行\n" in text


def test_the_template_layout_is_found_below_title_rows(root: Path, tmp_path: Path) -> None:
    wb = book(root)
    ws = wb["检查"]
    ws.insert_rows(1, 2)
    ws["A1"] = "当湖派出所 2012年5月 校园安保检查"
    codes_row = [c.value for c in ws[4]]
    ws.cell(6, codes_row.index("date") + 1, "2012-02-30")
    ws.cell(6, codes_row.index("school") + 1, "sch-a")
    err = refused(root, save(wb, tmp_path / "t.xlsx"), "t.xlsx!检查!B6", "E-bad-date")
    assert "2012年2月没有30日" in err


def test_spaces_around_values_and_full_width_digits(root: Path, tmp_path: Path) -> None:
    wb = template(root, "inspection")
    put(
        wb["检查"], 3, date="２０１２年５月１４日", school="  sch-a ", unit="ps-a\u3000",
        officers="１２", summary="门卫值守   ",
    )  # fmt: skip
    status, _, err = import_(root, save(wb, tmp_path / "w.xlsx"), TARGET)
    assert status == 0, err
    text = added(root)
    assert "  school: sch-a\n  unit: ps-a\n" in text and "  summary: 门卫值守\n" in text
    assert "  officers: １２\n" in text  # the loader reads full-width digits, as in YAML
    wb = template(root, "inspection")
    put(wb["检查"], 3, date=dt.date(2012, 5, 14), school="sch-a", unit="ps-a", officers="１２人")
    (root / TARGET).write_bytes(EXISTING)
    err = refused(root, save(wb, tmp_path / "w.xlsx"), "w.xlsx!检查!G3", "E-bad-count")
    assert "写作 12" in err


def test_a_password_protected_workbook_is_one_clear_error(root: Path, tmp_path: Path) -> None:
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml")
    plain = io.BytesIO()
    book(root).save(plain)
    locked = io.BytesIO()
    ooxml.OOXMLFile(io.BytesIO(plain.getvalue())).encrypt("secret", locked)
    path = tmp_path / "加密.xlsx"
    path.write_bytes(locked.getvalue())
    status, _, err = import_(root, path, TARGET)
    assert status == 1
    assert err == (
        "hxay: 加密.xlsx:工作簿有密码保护,hxay 无法读取;请在 Excel/WPS 中取消密码"
        "(文件 -> 信息 -> 保护工作簿 -> 用密码加密,清空密码)后另存\n"
    )
    assert (root / TARGET).read_bytes() == EXISTING


@pytest.mark.parametrize("damage", ["truncated", "not-a-zip", "old-xls"])
def test_a_damaged_file_is_one_clear_error(root: Path, tmp_path: Path, damage: str) -> None:
    good = io.BytesIO()
    book(root).save(good)
    raw = {
        "truncated": good.getvalue()[: len(good.getvalue()) // 2],
        "not-a-zip": b"this is not a workbook\n",
        "old-xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504,
    }[damage]
    path = tmp_path / "坏.xlsx"
    path.write_bytes(raw)
    status, _, err = import_(root, path, TARGET, "--lang", "en")
    assert status == 1
    assert err.count("\n") == 1 and err.startswith("hxay: 坏.xlsx:")
    assert ".xlsx" in err and "Traceback" not in err
    assert (root / TARGET).read_bytes() == EXISTING


def test_a_file_that_is_not_there_or_not_a_sheet_is_a_usage_error(
    root: Path, tmp_path: Path
) -> None:
    assert import_(root, tmp_path / "nope.xlsx", TARGET)[0] == 2
    (tmp_path / "x.xls").write_bytes(b"")
    status, _, err = import_(root, tmp_path / "x.xls", TARGET)
    assert status == 2 and "另存为 .xlsx" in err


def test_a_hidden_sheet_with_data_is_refused(root: Path, tmp_path: Path) -> None:
    wb = book(root)
    wb["检查"].sheet_state = "hidden"
    wb.active = 0
    refused(root, save(wb, tmp_path / "s.xlsx"), "s.xlsx!检查", "E-sheet-hidden")


def test_a_large_sheet_imports(root: Path, tmp_path: Path) -> None:
    """Not timed (benchmarks/sheets.py measures 50,000 rows): many rows go through."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("检查")
    ws.append(["date", "school", "unit", "inspectors"])
    for i in range(2000):
        ws.append(
            [dt.date(2012, 5, 1) + dt.timedelta(days=i % 30), "sch-a", "ps-a", "王建国、李明"]
        )
    status, _, err = import_(root, save(wb, tmp_path / "big.xlsx"), TARGET)
    assert status == 0, err
    assert added(root).count("- kind: inspection") == 2000


def test_a_hazard_of_a_broken_inspection_row_is_left_out_with_it(
    root: Path, tmp_path: Path
) -> None:
    wb = book(root)
    ws = wb["检查"]
    put(ws, 3, id="insp-1", officers="#REF!")
    ws["G3"].data_type = "e"
    put(ws, 4, date=dt.date(2012, 5, 15), school="sch-a", unit="ps-a")
    put(wb["隐患"], 3, source="insp-1", description="围墙破损")
    path = save(wb, tmp_path / "b.xlsx")
    err = refused(root, path, "b.xlsx!隐患!3:3", "E-ref-missing")
    assert "所属的检查表第 3 行有错误" in err and "b.xlsx!检查!G3: error E-sheet-formula" in err
    status, _, err = import_(root, path, TARGET, "--skip-bad")
    assert status == 1
    text = added(root)
    assert text.count("- kind: inspection") == 1 and "  date: 2012-05-15\n" in text
    assert "围墙破损" not in text


def test_a_column_and_a_part_of_it_are_refused_at_the_second(root: Path, tmp_path: Path) -> None:
    wb = book(root)
    ws = wb["检查"]
    end = len([c for c in ws[2] if c.value is not None])
    # x_note (a whole value) in the first free column, x_note.by (a part of it) after it
    for j, code, value in ((end + 1, "x_note", "门卫"), (end + 2, "x_note.by", "王")):
        ws.cell(2, j, code)
        ws.cell(3, j, value)
    second = openpyxl.utils.get_column_letter(end + 2)
    err = refused(root, save(wb, tmp_path / "x.xlsx"), f"x.xlsx!检查!{second}2", "E-duplicate-key")
    assert "x_note" in err
