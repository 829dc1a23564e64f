"""The round trip a station makes: template -> fill in -> import -> validate -> check.

Every kind is filled into the template the way people type (dates as date cells and as
`2012年5月14日`, phones as numbers, Chinese labels for codes, 是/否, `、`-separated lists), then
imported into a folder that holds only campaign.yaml. The same records written as YAML by
hand make a second folder; both must load clean and give the same check findings.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from conftest import CAMPAIGN
from sheetkit import import_, put, save, template

from hxay import api
from hxay.api.checking import Scope, View
from hxay.editing.template import STATION_KINDS, sheets
from hxay.models import records as r

RECORDS: list[dict[str, Any]] = [
    {"kind": "unit", "id": "sb", "name": "治安大队", "type": "security_brigade"},
    {
        "kind": "unit",
        "id": "ps-a",
        "name": "甲派出所",
        "type": "police_station",
        "parent": "sb",
        "liaison": {"name": "王建国", "phone": "0573-85012345"},
    },
    {
        "kind": "unit",
        "id": "tb",
        "name": "交警大队",
        "type": "traffic_brigade",
        "liaison": {"name": "周强", "phone": "13812345678"},
    },
    {"kind": "unit", "id": "edu", "name": "教育局", "type": "education_bureau"},
    {
        "kind": "school",
        "id": "sch-a",
        "name": "甲小学",
        "type": "primary",
        "station": "ps-a",
        "phone": "057385011111",
        "students": "1200",
        "uses_transport": "true",
        "legal_vice_principal": {"name": "李明", "unit": "甲派出所", "phone": "13900001111"},
    },
    {
        "kind": "school",
        "id": "sch-b",
        "name": "乙幼儿园",
        "type": "kindergarten",
        "station": "ps-a",
        "uses_transport": "false",
        "boarding": "false",
    },
    {
        "kind": "vehicle",
        "id": "浙F12345",
        "plate": "浙F12345",
        "school": "sch-a",
        "type": "school_bus",
        "seats": "19",
        "drivers": [
            {"name": "张三", "license_class": "A1", "license_valid_until": "2014-03-01"},
            {"name": "王五"},
        ],
        "inspection_valid_until": "2012-12-31",
    },
    {
        "kind": "inspection",
        "id": "insp-1",
        "date": "2012-05-14",
        "school": "sch-a",
        "unit": "ps-a",
        "type": "comprehensive",
        "inspectors": ["王建国", "李明"],
        "hazards": [
            {
                "id": "hz-1",
                "category": "physical",
                "severity": "major",
                "description": "围墙破损",
                "deadline": "2012-05-31",
                "supervisor": {"name": "陈伟", "unit": "edu"},
                "rectifier": {"name": "张老师", "phone": "13812345678"},
                "rectified": "2012-05-28",
            }
        ],
    },
    {
        "kind": "inspection",
        "date": "2012-06-11",
        "school": "sch-b",
        "unit": "ps-a",
        "officers": "2",
    },
    {
        "kind": "hazard",
        "id": "hz-2",
        "school": "sch-b",
        "found": "2012-06-02",
        "severity": "serious",
        "description": "滑梯松动",
        "deadline": "2012-06-20",
    },
    {
        "kind": "vehicle_check",
        "id": "vc-1",
        "date": "2012-05-18",
        "vehicle": "浙F12345",
        "unit": "tb",
        "drivers": ["张三", "王五"],
        "result": "fail",
        "items": {"逃生锤": "true", "灭火器": "false"},
        "hazards": [
            {
                "id": "hz-3",
                "category": "fire",
                "description": "灭火器过期",
                "deadline": "2012-05-25",
                "rectified": "2012-05-24",
            }
        ],
    },
    {
        "kind": "vehicle_status",
        "date": "2012-06-01",
        "vehicle": "浙F12345",
        "status": "suspended",
        "reason": "整改不到位",
        "unit": "tb",
    },
    {
        "kind": "legal_visit",
        "date": "2012-05-20",
        "school": "sch-a",
        "activity": "法制讲座",
        "participants": "300",
    },
    {
        "kind": "education",
        "date": "2012-05-23",
        "school": "sch-a",
        "audience": "students",
        "participants": "300",
        "topic": "防溺水",
    },
    {
        "kind": "training",
        "date": "2012-05-22",
        "unit": "ps-a",
        "schools": ["sch-a", "sch-b"],
        "trainees": "12",
    },
    {"kind": "meeting", "date": "2012-06-10", "unit": "ps-a", "schools": ["sch-a"]},
    {
        "kind": "operation",
        "date": "2012-07-10",
        "lead": "sb",
        "departments": ["综治", "公安", "文化"],
        "stations": ["ps-a"],
        "results": {"检查网吧": "12"},
    },
    {
        "kind": "case",
        "date": "2012-06-02",
        "unit": "ps-a",
        "type": "public_order",
        "description": "校门口斗殴",
        "school": "sch-a",
        "solved": "2012-06-05",
        "persons_handled": "2",
    },
    {
        "kind": "submission",
        "form": "stats_form",
        "unit": "ps-a",
        "period": "2012-05-1",
        "submitted": "2012-05-16",
    },
    {
        "kind": "submission",
        "form": "monthly_work",
        "unit": "ps-a",
        "period": "2012-05",
        "submitted": "2012-06-02",
        "to": ["sb"],
    },
]

SHEETS = {s.kind: s for s in sheets([*STATION_KINDS, "school", "vehicle", "unit", "operation"])}
_turn = [0]


def human(kind: str, code: str, value: Any) -> Any:
    """A value as a person types it into the cell."""
    col = SHEETS[kind].column(code)
    assert col is not None, (kind, code)
    if col.type == "date":
        _turn[0] += 1
        day = dt.date.fromisoformat(value)
        return day if _turn[0] % 2 else f"{day.year}年{day.month}月{day.day}日"
    if col.type == "choice":
        return col.choices[value]
    if col.type == "bool":
        return "是" if value == "true" else "否"
    if col.type == "count":
        return int(value)
    if col.type in ("list", "ids"):
        return "、".join(value)
    if col.type == "mapping":
        shown = {"true": "是", "false": "否"}
        return "、".join(f"{k}:{shown.get(v, v)}" for k, v in value.items())
    if code.endswith("phone") and value.isdigit() and not value.startswith("0"):
        return int(value)  # typed into a General cell, a phone number is a number
    return value


def fill(wb: Any) -> None:
    next_row: dict[str, int] = {}

    def add(kind: str, values: dict[str, Any]) -> None:
        sheet = SHEETS[kind]
        row = next_row.get(sheet.title, 3)
        next_row[sheet.title] = row + 2 if row == 4 else row + 1  # an empty row in the middle
        flat = {}
        for key, value in values.items():
            if isinstance(value, dict) and sheet.column(key) is None:
                flat.update({f"{key}__{k}": human(kind, f"{key}.{k}", v) for k, v in value.items()})
            else:
                flat[key] = human(kind, key, value)
        put(wb[sheet.title], row, **flat)

    for rec in RECORDS:
        children = ("hazards", "drivers") if rec["kind"] == "vehicle" else ("hazards",)
        add(rec["kind"], {k: v for k, v in rec.items() if k not in ("kind", *children)})
        for hazard in rec.get("hazards", []):
            add("hazard", {**hazard, "source": rec["id"]})
        for driver in rec.get("drivers", []) if rec["kind"] == "vehicle" else []:
            add("drivers", {**driver, "vehicle": rec["id"]})


def findings(root: Path) -> set[tuple[Any, ...]]:
    result = api.check(
        root,
        display_path=None,
        as_of=dt.date(2012, 7, 15),
        now=dt.datetime(2012, 7, 15, tzinfo=dt.UTC),
        scope=Scope(),
        view=View(show_all=True),
    )
    assert result.problems == []
    return {
        (f.obligation, f.status, f.unit, f.subject, f.period, f.due, f.evidence)
        for f in result.in_scope
    }


def test_every_kind_imported_from_the_template_checks_like_the_same_yaml(tmp_path: Path) -> None:
    by_hand = tmp_path / "yaml"
    by_hand.mkdir()
    (by_hand / "campaign.yaml").write_text(CAMPAIGN, encoding="utf-8")
    (by_hand / "records.yaml").write_text(
        yaml.safe_dump(RECORDS, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    imported = tmp_path / "sheet"
    imported.mkdir()
    (imported / "campaign.yaml").write_text(CAMPAIGN, encoding="utf-8")
    wb = template(None, *STATION_KINDS, "school", "vehicle", "unit", "operation")
    fill(wb)
    book = save(wb, tmp_path / "5月台账.xlsx")

    code, _, err = import_(imported, book, "records/2012-05/ps-a.yaml")
    assert code == 0, err
    assert "已写入 records/2012-05/ps-a.yaml" in err

    loaded, expected = api.validate(imported), api.validate(by_hand)
    assert [d.format("en") for d in loaded.diagnostics] == []
    assert [d.format("en") for d in expected.diagnostics] == []
    assert loaded.counts() == expected.counts()
    # 20 records above, 2 of them with an inline hazard: 22 kept, every kind present
    assert sum(loaded.counts().values()) == 22
    assert set(loaded.counts()) == set(r.KINDS)
    assert findings(imported) == findings(by_hand)
    assert len(findings(imported)) > 20  # the check has something to compare

    text = (imported / "records/2012-05/ps-a.yaml").read_text(encoding="utf-8")
    assert "# 导入自 5月台账.xlsx!检查 第 3 行\n- kind: inspection\n  id: insp-1\n" in text
    assert "  hazards:\n    # 导入自 5月台账.xlsx!隐患 第 3 行\n    - id: hz-1\n" in text
    assert "    phone: 13812345678\n" in text  # a phone typed as a number, its digits kept
    assert "  phone: 057385011111\n" in text  # a text cell keeps the leading 0
    assert "  date: 2012年6月11日\n" in text or "  date: 2012-06-11\n" in text

    again = (imported / "records/2012-05/ps-a.yaml").read_bytes()
    code, _, err = import_(imported, book, "records/2012-05/ps-a.yaml")
    assert code == 0, err
    assert "没有要追加的新记录" in err
    assert (imported / "records/2012-05/ps-a.yaml").read_bytes() == again
