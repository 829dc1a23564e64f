"""`hxay template`: the workbook to fill in, built from the models (sheets, labels, the hidden
codes row, drop-downs, formats, the 填写说明 lines, the folder's ids)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from conftest import DataDir
from sheetkit import codes, column, run, template

from hxay.editing.fields import fields_of
from hxay.editing.template import STATION_KINDS, sheets
from hxay.models import records as r


def _validations(ws: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, str]:
    """Column letter -> the list formula of its drop-down."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for cells in dv.sqref.ranges:
            out[cells.coord.split(":")[0].rstrip("0123456789")] = dv.formula1
    return out


def test_the_default_template_has_every_kind_a_station_records(datadir: DataDir) -> None:
    wb = template(datadir.write())
    labels = [r.KIND_LABELS[k] for k in STATION_KINDS]
    assert wb.sheetnames == ["填写说明", *labels, "编号"]


def test_a_sheet_has_labels_required_marks_and_the_hidden_codes_row(datadir: DataDir) -> None:
    ws = template(datadir.write(), "inspection")["检查"]
    assert [c.value for c in ws[1]] == [
        "编号", "检查日期*", "学校编号*", "检查单位编号*", "检查类型", "检查人员", "出动警力",
        "检查情况", "备注",
    ]  # fmt: skip
    assert codes(ws) == [
        "id", "date", "school", "unit", "type", "inspectors", "officers", "summary", "note",
    ]  # fmt: skip
    assert ws.row_dimensions[2].hidden
    assert ws.freeze_panes == "B3"
    assert ws.page_setup.orientation == "landscape"


def test_drop_downs_formats_and_the_folder_ids(datadir: DataDir) -> None:
    wb = template(datadir.write(), "inspection", unit="ps-a")
    ws = wb["检查"]
    lists = _validations(ws)
    assert lists[column(ws, "type")] == '"日常检查,全面检查"'
    assert lists[column(ws, "school")] == "'编号'!$G$2:$G$2"  # ps-a has one school, sch-a
    assert lists[column(ws, "unit")] == "'编号'!$A$2:$A$6"  # the five units of the folder
    ids = wb["编号"]
    assert [ids.cell(i, 7).value for i in (1, 2, 3)] == ["学校编号", "sch-a", None]
    assert ws.column_dimensions[column(ws, "date")].number_format == "yyyy-mm-dd"
    assert ws.column_dimensions[column(ws, "school")].number_format == "@"
    assert ws.column_dimensions[column(ws, "officers")].number_format == "0"
    hz = wb["隐患"]
    assert _validations(hz)[column(hz, "severity")] == '"一般,严重,重大"'
    assert hz.column_dimensions[column(hz, "rectifier.phone")].number_format == "@"


def test_without_a_data_folder_there_are_no_id_drop_downs() -> None:
    wb = template(None, "training")
    assert "编号" not in wb.sheetnames
    ws = wb["培训"]
    assert column(ws, "schools") not in _validations(ws)


def test_hazards_and_drivers_come_with_their_parents() -> None:
    assert template(None, "vehicle_check").sheetnames == ["填写说明", "车辆检查", "隐患"]
    wb = template(None, "school", "vehicle", "unit")
    assert wb.sheetnames == ["填写说明", "学校", "车辆", "驾驶人", "单位"]
    assert codes(wb["驾驶人"])[:2] == ["vehicle", "name"]
    assert codes(wb["学校"])[-4:] == [
        "legal_vice_principal.phone", "opened", "closed", "note",
    ]  # fmt: skip


@pytest.mark.parametrize("kind", list(r.KINDS))
def test_every_field_of_every_kind_has_a_column(kind: str) -> None:
    """The template is the models: each field (nested ones by their path) is a column, except
    `kind` (the sheet says it) and the lists that have sheets of their own."""
    expected = []
    for name, spec in fields_of(r.KINDS[kind]).items():
        if name in ("kind", "hazards") or (kind == "vehicle" and name == "drivers"):
            continue
        if spec.shape == "model" and spec.model is not None:
            expected += [f"{name}.{sub}" for sub in fields_of(spec.model)]
        else:
            expected.append(name)
    sheet = next(s for s in sheets([kind]) if s.kind == kind)
    assert sorted(c.code for c in sheet.columns) == sorted(expected)


def test_the_instructions_have_a_line_per_field() -> None:
    wb = template(None, "inspection")
    info = wb["填写说明"]
    table = [row for row in info.iter_rows(values_only=True) if row[0] in ("检查", "隐患")]
    expected = len(codes(wb["检查"])) + len(codes(wb["隐患"]))
    assert len(table) == expected
    assert table[1][:4] == ("检查", "检查日期", "date", "是")
    assert "、分隔" in next(row[4] for row in table if row[2] == "inspectors")


def test_the_command_writes_the_file_and_says_so(tmp_path: Path, datadir: DataDir) -> None:
    root = datadir.write()
    out = tmp_path / "模板.xlsx"
    code, _, err = run("template", "检查", "--out", str(out), "--data", str(root))
    assert code == 0, err
    assert f"已写入 {out}:4 张表(填写说明、检查、隐患、编号)" in err
    assert openpyxl.load_workbook(out).sheetnames == ["填写说明", "检查", "隐患", "编号"]


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["inspection"], "--out"),
        (["inspection", "--out", "x.csv"], "--out"),
        (["inspectoin", "--out", "x.xlsx"], "inspection"),
        (["inspection", "--out", "x.xlsx", "--unit", "ps-x"], "ps-a"),
    ],
)
def test_usage_mistakes_exit_2(args: list[str], said: str, datadir: DataDir) -> None:
    code, _, err = run("template", *args, "--data", str(datadir.write()))
    assert code == 2
    assert said in err
