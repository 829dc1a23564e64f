"""`hxay import`: rows appended to a record file all or nothing, each problem at its cell,
nothing added twice, the target's bytes kept. The expected YAML is written out by hand."""

from __future__ import annotations

import datetime as dt
import fcntl
import functools
import os
from pathlib import Path

import openpyxl
import pytest
from conftest import DataDir
from sheetkit import import_, put, save, template

from hxay.api import validate
from hxay.editing import importer
from hxay.editing.lock import folder_lock
from hxay.loading.text import decode

TARGET = "records/2012-05/ps-a.yaml"
EXPECTED = """\
# 导入自 5月检查.xlsx!检查 第 3 行
- kind: inspection
  id: insp-1
  date: 2012-05-14
  school: sch-a
  unit: ps-a
  type: comprehensive
  inspectors: [王建国, 李明]
  hazards:
    # 导入自 5月检查.xlsx!隐患 第 3 行
    - id: hz-20120514-1
      severity: major
      description: 围墙破损
      deadline: 2012/5/31
"""


@pytest.fixture
def root(datadir: DataDir) -> Path:
    return datadir.write()


def inspection_book(root: Path, path: Path, date: object = None) -> Path:
    wb = template(root, "inspection")
    put(
        wb["检查"], 3, id="insp-1", date=date or dt.date(2012, 5, 14), school="sch-a", unit="ps-a",
        type="全面检查", inspectors="王建国、李明",
    )  # fmt: skip
    put(
        wb["隐患"],
        3,
        source="insp-1",
        description="围墙破损",
        severity="重大",
        deadline="2012/5/31",
    )
    return save(wb, path)


def test_rows_are_appended_as_a_person_would_write_them(root: Path, tmp_path: Path) -> None:
    book = inspection_book(root, tmp_path / "5月检查.xlsx")
    code, out, err = import_(root, book, TARGET)
    assert code == 0, err
    assert out == ""
    # the hazard's id is fresh in `hxay new`'s form, dated like its inspection (no hazards yet)
    assert (root / TARGET).read_text(encoding="utf-8") == EXPECTED
    assert f"已写入 {TARGET}:1-14:2 行(2 条记录)" in err
    assert [d.format("en") for d in validate(root).diagnostics] == []


def test_importing_twice_gives_the_file_importing_once_gave(root: Path, tmp_path: Path) -> None:
    book = inspection_book(root, tmp_path / "5月检查.xlsx")
    assert import_(root, book, TARGET)[0] == 0
    once = (root / TARGET).read_bytes()
    code, _, err = import_(root, book, TARGET)
    assert code == 0, err
    assert "没有要追加的新记录" in err and "已在数据文件夹中的 2 行跳过" in err
    assert (root / TARGET).read_bytes() == once


def test_rows_without_an_id_are_not_added_twice_either(root: Path, tmp_path: Path) -> None:
    wb = template(root, "legal_visit")
    put(wb["法制副校长到校"], 3, date="2012年5月20日", school="sch-a", participants=300)
    put(wb["法制副校长到校"], 4, date="2012年5月20日", school="sch-a", participants=300)
    book = save(wb, tmp_path / "visits.xlsx")
    assert import_(root, book, TARGET)[0] == 0
    once = (root / TARGET).read_text(encoding="utf-8")
    assert once.count("- kind: legal_visit\n") == 2  # two visits the same day are two rows
    assert "  id: lv-20120520-1\n" in once and "  id: lv-20120520-2\n" in once
    assert import_(root, book, TARGET)[0] == 0
    assert (root / TARGET).read_text(encoding="utf-8") == once


def test_a_changed_row_with_an_id_in_the_folder_shows_the_difference(
    root: Path, tmp_path: Path
) -> None:
    assert import_(root, inspection_book(root, tmp_path / "a.xlsx"), TARGET)[0] == 0
    before = (root / TARGET).read_bytes()
    changed = inspection_book(root, tmp_path / "b.xlsx", date=dt.date(2012, 5, 15))
    code, _, err = import_(root, changed, TARGET)
    assert code == 1
    assert (
        f"b.xlsx!检查!A3: error E-duplicate-id 编号「insp-1」: 编号 insp-1 已在 {TARGET}:2 使用,"
        "内容不同:检查日期 2012-05-14 → 2012-05-15" in err
    )
    assert (root / TARGET).read_bytes() == before


def test_an_existing_file_keeps_its_bytes_bom_and_line_endings(root: Path, tmp_path: Path) -> None:
    first = "\ufeff- kind: meeting\r\n  date: 2012-05-02\r\n  unit: ps-a\r\n".encode()
    (root / TARGET).parent.mkdir(parents=True)
    (root / TARGET).write_bytes(first)
    assert import_(root, inspection_book(root, tmp_path / "5月检查.xlsx"), TARGET)[0] == 0
    after = (root / TARGET).read_bytes()
    assert after == first + b"\r\n" + EXPECTED.replace("\n", "\r\n").encode()


def test_a_failed_import_leaves_the_target_byte_identical(root: Path, tmp_path: Path) -> None:
    existing = b"- kind: meeting\n  date: 2012-05-02\n  unit: ps-a\n"
    (root / TARGET).parent.mkdir(parents=True)
    (root / TARGET).write_bytes(existing)
    wb = template(root, "inspection")
    put(wb["检查"], 3, date=dt.date(2012, 5, 14), school="sch-a", unit="ps-a")
    put(wb["检查"], 4, date="2012-13-01", school="sch-x", unit="ps-a", officers="3人")
    code, _, err = import_(root, save(wb, tmp_path / "5月检查.xlsx"), TARGET)
    assert code == 1
    assert (
        "5月检查.xlsx!检查!B4: error E-bad-date 检查日期「2012-13-01」: '2012-13-01' 不是存在的日期"
        in err
    )
    assert (
        "5月检查.xlsx!检查!G4: error E-bad-count 出动警力「3人」: '3人' 不是整数;去掉单位,写作 3"
        in err
    )
    assert "未写入 records/2012-05/ps-a.yaml" in err
    assert (root / TARGET).read_bytes() == existing
    code, _, err = import_(root, save(wb, tmp_path / "5月检查.xlsx"), "records/new.yaml")
    assert code == 1
    assert not (root / "records/new.yaml").exists()


def test_references_are_told_at_their_cell_in_english(root: Path, tmp_path: Path) -> None:
    wb = template(root, "training")
    put(wb["培训"], 3, date=dt.date(2012, 5, 22), unit="ps-a", schools="sch-a、sch-z", trainees=12)
    code, _, err = import_(root, save(wb, tmp_path / "t.xlsx"), TARGET, "--lang", "en")
    assert code == 1
    assert "t.xlsx!培训!D3: error E-ref-missing 参训学校编号「sch-a、sch-z」:" in err
    assert "sch-z" in err and "1 errors (1 rows); nothing written" in err


def test_skip_bad_writes_the_good_rows_and_lists_the_bad(root: Path, tmp_path: Path) -> None:
    wb = template(root, "education")
    sheet = wb["安全教育"]
    put(sheet, 3, date=dt.date(2012, 5, 23), school="sch-a", audience="学生", participants=300)
    put(sheet, 4, date=dt.date(2012, 5, 24), school="sch-a", audience="老师")
    code, _, err = import_(root, save(wb, tmp_path / "e.xlsx"), TARGET, "--skip-bad")
    assert code == 1
    assert "e.xlsx!安全教育!D4: error E-bad-value 对象「老师」:" in err
    assert "有 1 行出错未导入(见上),其余已写入" in err
    text = (root / TARGET).read_text(encoding="utf-8")
    assert text.count("- kind: education") == 1 and "participants: 300" in text


def test_dry_run_shows_what_would_be_appended(root: Path, tmp_path: Path) -> None:
    code, out, err = import_(
        root, inspection_book(root, tmp_path / "5月检查.xlsx"), TARGET, "--dry-run"
    )
    assert code == 0, err
    assert out == EXPECTED
    assert "预览:将追加到" in err
    assert not (root / TARGET).exists()


def test_a_csv_file_with_labels_and_a_bom(root: Path, tmp_path: Path) -> None:
    csv = tmp_path / "检查.csv"
    csv.write_bytes(
        "\ufeff检查日期,学校编号*,检查单位编号,检查人员\n2012/5/14,sch-a,ps-a,王建国，李明\n".encode()
    )
    code, _, err = import_(root, csv, TARGET)
    assert code == 0, err
    assert (root / TARGET).read_text(encoding="utf-8") == (
        "# 导入自 检查.csv 第 2 行\n- kind: inspection\n  id: insp-20120514-1\n"
        "  date: 2012/5/14\n  school: sch-a\n  unit: ps-a\n  inspectors: [王建国, 李明]\n"
    )
    other = tmp_path / "data.csv"
    other.write_text("date,school,unit\n2012-05-15,sch-b,ps-b\n", encoding="utf-8")
    code, _, err = import_(root, other, TARGET)
    assert code == 1
    assert "data.csv: error E-unknown-kind" in err
    assert import_(root, other, TARGET, "--kind", "检查")[0] == 0


def test_a_gbk_csv_gets_the_message_a_gbk_yaml_file_gets(root: Path, tmp_path: Path) -> None:
    raw = "检查日期,学校编号,检查单位编号\n2012-05-14,sch-a,ps-a\n".encode("gbk")
    csv = tmp_path / "检查.csv"
    csv.write_bytes(raw)
    _, problems = decode("检查.csv", raw)
    code, _, err = import_(root, csv, TARGET)
    assert code == 1
    assert err.strip() == f"hxay: 检查.csv:{problems[0].msg.zh}"
    assert "GBK" in err


def test_a_plain_workbook_by_labels_or_field_names_below_a_title(
    root: Path, tmp_path: Path
) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "检查"
    ws["A1"] = "当湖派出所 5月检查台账"
    ws.merge_cells("A1:C1")
    ws.append([])
    ws.append(["检查日期*", "学校编号", "检查单位编号"])
    ws.append([dt.date(2012, 5, 14), "sch-x", "ps-a"])
    code, _, err = import_(root, save(wb, tmp_path / "台账.xlsx"), TARGET)
    assert code == 1
    assert "台账.xlsx!检查!B4: error E-ref-missing 学校编号「sch-x」:" in err
    ws.delete_rows(3)
    ws.insert_rows(3)
    for j, name in enumerate(["date", "school", "unit"], start=1):
        ws.cell(3, j, name)
    ws["B4"] = "sch-a"
    code, _, err = import_(root, save(wb, tmp_path / "台账.xlsx"), TARGET)
    assert code == 0, err
    ws["B3"] = "学校编号"  # codes and labels mixed in one header row
    ws["B4"] = "sch-b"
    ws["C4"] = "ps-b"
    code, _, err = import_(root, save(wb, tmp_path / "台账.xlsx"), TARGET)
    assert code == 0, err
    assert "  school: sch-b\n  unit: ps-b\n" in (root / TARGET).read_text(encoding="utf-8")


def test_an_unknown_column_names_the_nearest(root: Path, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "检查"
    ws.append(["检查日起", "学校编号", "检查单位编号", "序号"])
    ws.append([dt.date(2012, 5, 14), "sch-a", "ps-a", 1])
    code, _, err = import_(root, save(wb, tmp_path / "x.xlsx"), TARGET)
    assert code == 1
    assert (
        "x.xlsx!检查!A1: error E-unknown-field 检查日起: “检查日起”不是检查表的列(是否应为“检查日期”?)"
        in err
    )
    assert "x.xlsx!检查!D1: error E-unknown-field 序号:" in err and "x_" in err


def test_a_sheet_not_named_after_a_kind_needs_kind(root: Path, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.append(["date", "school", "unit"])
    wb.active.append(["2012-05-14", "sch-a", "ps-a"])
    book = save(wb, tmp_path / "x.xlsx")
    code, _, err = import_(root, book, TARGET)
    assert code == 1 and "x.xlsx!Sheet: error E-unknown-kind" in err
    assert import_(root, book, TARGET, "--kind", "inspection", "--sheet", "Sheet")[0] == 0
    code, _, err = import_(root, book, TARGET, "--sheet", "Nope")
    assert code == 2 and "Sheet" in err


def test_a_hazard_takes_what_its_folder_inspection_gives(datadir: DataDir, tmp_path: Path) -> None:
    root = datadir.write(
        {
            "insp.yaml": "- {kind: inspection, id: insp-9, date: 2012-05-10, school: sch-a, unit: ps-a}\n"
        }
    )
    wb = template(root, "hazard")
    put(wb["隐患"], 3, id="hz-9", source="insp-9", description="门卫缺岗")
    code, _, err = import_(root, save(wb, tmp_path / "h.xlsx"), TARGET)
    assert code == 0, err
    assert (root / TARGET).read_text(encoding="utf-8") == (
        "# 导入自 h.xlsx!隐患 第 3 行\n- kind: hazard\n  id: hz-9\n  school: sch-a\n"
        "  found: 2012-05-10\n  source: insp-9\n  description: 门卫缺岗\n"
    )


def test_a_driver_comes_with_a_vehicle_of_the_workbook(root: Path, tmp_path: Path) -> None:
    wb = template(root, "vehicle")
    put(wb["车辆"], 3, plate="浙F-B0001", school="sch-a", seats=19)
    put(wb["驾驶人"], 3, vehicle="浙F-B0001", name="赵六", license_valid_until=dt.date(2014, 1, 1))
    put(wb["驾驶人"], 4, vehicle="浙F-B9999", name="钱七")
    code, _, err = import_(root, save(wb, tmp_path / "v.xlsx"), TARGET)
    assert code == 1
    assert "v.xlsx!驾驶人!A4: error E-ref-missing 车辆编号「浙F-B9999」:" in err
    wb["驾驶人"].delete_rows(4)
    code, _, err = import_(root, save(wb, tmp_path / "v.xlsx"), TARGET)
    assert code == 0, err
    assert (root / TARGET).read_text(encoding="utf-8") == (
        "# 导入自 v.xlsx!车辆 第 3 行\n- kind: vehicle\n  id: 浙F-B0001\n  plate: 浙F-B0001\n"
        "  school: sch-a\n  seats: 19\n  drivers:\n    # 导入自 v.xlsx!驾驶人 第 3 行\n"
        "    - name: 赵六\n      license_valid_until: 2014-01-01\n"
    )


def test_the_import_holds_the_folder_lock(
    root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(importer, "folder_lock", functools.partial(folder_lock, wait=0.2))
    book = inspection_book(root, tmp_path / "5月检查.xlsx")
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)  # another writer holds the folder
        code, _, err = import_(root, book, TARGET)
    finally:
        os.close(fd)
    assert code == 1 and "另一个写入" in err
    assert not (root / TARGET).exists()


def test_the_same_id_on_two_rows_names_both_cells(root: Path, tmp_path: Path) -> None:
    wb = template(root, "inspection")
    for row in (3, 4):
        put(wb["检查"], row, id="insp-1", date=dt.date(2012, 5, 14), school="sch-a", unit="ps-a")
    code, _, err = import_(root, save(wb, tmp_path / "d.xlsx"), TARGET)
    assert code == 1
    assert (
        "d.xlsx!检查!A3: error E-duplicate-id 编号「insp-1」: 编号 'insp-1' 重复,另见 d.xlsx!检查!A4"
        in err
    )
    assert (
        "d.xlsx!检查!A4: error E-duplicate-id 编号「insp-1」: 编号 'insp-1' 重复,另见 d.xlsx!检查!A3"
        in err
    )
