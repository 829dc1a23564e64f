"""docs/data-format.md, "Records": kinds, common and required fields, unknown fields, defaults,
inline hazards, per-kind checks, submission periods and files; and campaign.yaml errors.

Every expected line and column is counted by hand from the inline YAML (1-based, characters).
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import CAMPAIGN, UNITS, VEHICLES, DataDir, by_id, located, of_kind

from hxay.rules.registry import BY_ID

# One minimal valid record per kind: (field, value) pairs in order, `kind` first.
MINIMAL: dict[str, list[tuple[str, str]]] = {
    "unit": [("kind", "unit"), ("id", "u-x"), ("name", "丙单位"), ("type", "department")],
    "school": [
        ("kind", "school"),
        ("id", "sch-x"),
        ("name", "丙小学"),
        ("type", "primary"),
        ("station", "ps-a"),
    ],
    "vehicle": [
        ("kind", "vehicle"),
        ("id", "veh-x"),
        ("plate", "浙F-X0001"),
        ("school", "sch-a"),
        ("seats", "7"),
        ("drivers", "[{name: 王五}]"),
    ],
    "inspection": [
        ("kind", "inspection"),
        ("date", "2012-05-14"),
        ("school", "sch-a"),
        ("unit", "ps-a"),
    ],
    "hazard": [
        ("kind", "hazard"),
        ("id", "hz-x"),
        ("school", "sch-a"),
        ("found", "2012-05-14"),
        ("description", "围墙破损"),
    ],
    "vehicle_check": [
        ("kind", "vehicle_check"),
        ("date", "2012-05-14"),
        ("vehicle", "veh-1"),
        ("unit", "tb"),
        ("result", "pass"),
    ],
    "vehicle_status": [
        ("kind", "vehicle_status"),
        ("date", "2012-05-14"),
        ("vehicle", "veh-1"),
        ("status", "suspended"),
    ],
    "legal_visit": [("kind", "legal_visit"), ("date", "2012-05-14"), ("school", "sch-a")],
    "training": [
        ("kind", "training"),
        ("date", "2012-05-14"),
        ("unit", "ps-a"),
        ("schools", "[sch-a]"),
    ],
    "education": [
        ("kind", "education"),
        ("date", "2012-05-14"),
        ("school", "sch-a"),
        ("audience", "students"),
    ],
    "meeting": [("kind", "meeting"), ("date", "2012-05-14"), ("unit", "ps-a")],
    "operation": [
        ("kind", "operation"),
        ("date", "2012-06-01"),
        ("lead", "sb"),
        ("departments", "[公安]"),
    ],
    "case": [
        ("kind", "case"),
        ("date", "2012-05-14"),
        ("unit", "ps-a"),
        ("type", "public_order"),
        ("description", "校门口斗殴"),
    ],
    "submission": [
        ("kind", "submission"),
        ("form", "experience"),
        ("unit", "ps-a"),
        ("submitted", "2012-05-14"),
    ],
}
REQUIRED = [(kind, name) for kind, fields in MINIMAL.items() for name, _ in fields]


def record(fields: list[tuple[str, str]]) -> str:
    lines = [f"  {name}: {value}" for name, value in fields]
    return "- " + "\n".join(lines)[2:] + "\n"


def with_vehicles(text: str) -> dict[str, str]:
    return {"vehicles.yaml": VEHICLES, "r.yaml": text}


# Kinds and required fields


@pytest.mark.parametrize("kind", list(MINIMAL))
def test_a_minimal_record_of_every_kind_loads(datadir: DataDir, kind: str) -> None:
    loaded = datadir.load(with_vehicles(record(MINIMAL[kind])))
    assert loaded.diagnostics == []
    assert [x.line for x in loaded.kept if x.path == "r.yaml" and kind == x.KIND] == [1]


@pytest.mark.parametrize(("kind", "missing"), REQUIRED)
def test_a_missing_required_field_points_at_the_first_key(
    datadir: DataDir, kind: str, missing: str
) -> None:
    fields = [(name, value) for name, value in MINIMAL[kind] if name != missing]
    loaded = datadir.load(with_vehicles(record(fields)))
    assert located(loaded) == [("r.yaml", 1, 3, "E-missing-field")]
    assert missing in loaded.diagnostics[0].message("en")
    assert [x for x in loaded.kept if x.path == "r.yaml"] == []


def test_a_hazard_needs_a_school_or_a_vehicle(datadir: DataDir) -> None:
    text = """\
    - kind: hazard
      id: hz-1
      found: 2012-05-14
      description: 围墙破损
    - kind: hazard
      id: hz-2
      vehicle: veh-1
      found: 2012-05-14
      description: 灭火器过期
    """
    loaded = datadir.load(with_vehicles(text))
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [(1, 3, "E-missing-field")]
    assert [h.id for h in of_kind(loaded, "hazard")] == ["hz-2"]


@pytest.mark.parametrize(
    ("written", "hint"), [("inspecton", "inspection"), ("vehicle_chek", "vehicle_check")]
)
def test_unknown_kind_suggests_the_nearest(datadir: DataDir, written: str, hint: str) -> None:
    text = f"- kind: {written}\n  date: 2012-05-14\n  school: sch-a\n  unit: ps-a\n"
    loaded = datadir.load({"r.yaml": text})
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [(1, 9, "E-unknown-kind")]
    assert f"did you mean '{hint}'" in loaded.diagnostics[0].message("en")


def test_a_record_without_kind_is_an_error(datadir: DataDir) -> None:
    text = "- date: 2012-05-14\n  unit: ps-a\n"
    assert datadir.located({"r.yaml": text}) == [("r.yaml", 1, 3, "E-missing-field")]


# Ids


@pytest.mark.parametrize("written", ["'-'", "'*'", "a/b", "a b", "'a:b'", "甲#1"])
def test_bad_ids_are_errors_at_the_value(datadir: DataDir, written: str) -> None:
    text = f"- kind: meeting\n  id: {written}\n  date: 2012-05-14\n  unit: ps-a\n"
    loaded = datadir.load({"r.yaml": text})
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [(2, 7, "E-bad-id")]
    assert of_kind(loaded, "meeting") == []


@pytest.mark.parametrize(
    "written", ["mt-1", "mt_1", "mt.2012.05", "联席会议-1", "浙F-A1234", "007"]
)
def test_good_ids(datadir: DataDir, written: str) -> None:
    text = f"- kind: meeting\n  id: {written}\n  date: 2012-05-14\n  unit: ps-a\n"
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    assert by_id(loaded, written).KIND == "meeting"


# Unknown fields, also inside nested mappings


@pytest.mark.parametrize(
    ("text", "line", "column", "hint"),
    [
        (  # top level of a record
            "- kind: hazard\n  id: hz-1\n  school: sch-a\n  found: 2012-05-14\n"
            "  description: 围墙破损\n  deadlne: 2012-05-31\n",
            6,
            3,
            "deadline",
        ),
        (  # liaison
            "- kind: unit\n  id: ps-c\n  name: 丙派出所\n  type: police_station\n"
            "  liaison:\n    name: 王建国\n    phnoe: 0573-85012345\n",
            7,
            5,
            "phone",
        ),
        (  # supervisor of a hazard, in flow style
            "- kind: hazard\n  id: hz-1\n  school: sch-a\n  found: 2012-05-14\n"
            "  description: 围墙破损\n  supervisor: {name: 陈伟, unti: edu}\n",
            6,
            26,
            "unit",
        ),
        (  # a drivers item of a vehicle
            "- kind: vehicle\n  id: veh-2\n  plate: 浙F-B0001\n  school: sch-a\n  seats: 7\n"
            "  drivers:\n    - name: 王五\n      licence_class: B1\n",
            8,
            7,
            "license_class",
        ),
        (  # an inline hazard
            "- kind: inspection\n  date: 2012-05-14\n  unit: ps-a\n  school: sch-a\n"
            "  hazards:\n    - id: hz-1\n      description: 围墙破损\n      deadlne: 2012-05-31\n",
            8,
            7,
            "deadline",
        ),
        (  # legal vice-principal of a school
            "- kind: school\n  id: sch-c\n  name: 丙小学\n  type: primary\n  station: ps-a\n"
            "  legal_vice_principal:\n    name: 李明\n    titel: 法制辅导员\n",
            8,
            5,
            "title",
        ),
        (  # rectifier of a hazard
            "- kind: hazard\n  id: hz-1\n  school: sch-a\n  found: 2012-05-14\n"
            "  description: 围墙破损\n  rectifier:\n    name: 张老师\n    phon: '123'\n",
            8,
            5,
            "phone",
        ),
    ],
    ids=["top", "liaison", "supervisor", "drivers", "inline-hazard", "lvp", "rectifier"],
)
def test_unknown_field_suggests_the_nearest_known_one(
    datadir: DataDir, text: str, line: int, column: int, hint: str
) -> None:
    loaded = datadir.load(with_vehicles(text))
    assert located(loaded) == [("r.yaml", line, column, "E-unknown-field")]
    assert f"did you mean '{hint}'" in loaded.diagnostics[0].message("en")


# x_* fields and ignored mappings


def test_x_fields_are_kept_as_extensions(datadir: DataDir) -> None:
    text = """\
    - kind: inspection
      id: in-1
      date: 2012-05-14
      unit: ps-a
      school: sch-a
      x_source: 检查记录本第3页
      x_tags: [夜查, 联合]
      hazards:
        - id: hz-1
          description: 围墙破损
          x_photo: IMG_0001.jpg
    - kind: unit
      id: ps-c
      name: 丙派出所
      type: police_station
      liaison: {name: 王建国, x_wechat: wjg}
    """
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    assert by_id(loaded, "in-1").extensions == {
        "x_source": "检查记录本第3页",
        "x_tags": ["夜查", "联合"],
    }
    assert by_id(loaded, "hz-1").extensions == {"x_photo": "IMG_0001.jpg"}
    assert by_id(loaded, "ps-c").liaison.name == "王建国"  # type: ignore[attr-defined]


def test_a_mapping_of_only_x_keys_is_ignored(datadir: DataDir) -> None:
    text = """\
    x_note: 这个文档只放锚点
    x_unit: &u {unit: ps-a}
    ---
    - x_base: &base {kind: meeting, unit: ps-a}
    - <<: *base
      date: 2012-05-14
    """
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    assert [(m.line, m.unit) for m in of_kind(loaded, "meeting")] == [(5, "ps-a")]  # type: ignore[attr-defined]


# Defaults


def test_defaults_of_optional_fields(datadir: DataDir) -> None:
    text = """\
    - kind: inspection
      id: in-1
      date: 2012-05-14
      unit: ps-a
      school: sch-a
    - kind: inspection
      id: in-2
      date: 2012-05-15
      unit: ps-a
      school: sch-a
      inspectors: [王建国, 李明, 赵六]
    - kind: inspection
      id: in-3
      date: 2012-05-16
      unit: ps-a
      school: sch-a
      inspectors: [王建国]
      officers: 12
    - kind: hazard
      id: hz-1
      school: sch-a
      found: 2012-05-14
      description: 围墙破损
    - kind: hazard
      id: hz-2
      vehicle: veh-1
      found: 2012-05-14
      description: 灭火器过期
    - kind: school
      id: sch-c
      name: 丙小学
      type: primary
      station: ps-a
      legal_vice_principal: {name: 李明}
    """
    loaded = datadir.load(with_vehicles(text))
    assert loaded.diagnostics == []
    assert by_id(loaded, "veh-1").type == "contracted"  # type: ignore[attr-defined]
    got = [
        (by_id(loaded, i).type, by_id(loaded, i).officers_deployed)
        for i in ("in-1", "in-2", "in-3")
    ]  # type: ignore[attr-defined]
    assert got == [("routine", 0), ("routine", 3), ("routine", 12)]
    hz1, hz2 = by_id(loaded, "hz-1"), by_id(loaded, "hz-2")
    assert (hz1.severity, hz1.effective_area, hz1.school) == ("general", "campus", "sch-a")  # type: ignore[attr-defined]
    assert (hz2.severity, hz2.effective_area, hz2.school) == ("general", "vehicle", "sch-a")  # type: ignore[attr-defined]
    assert by_id(loaded, "sch-c").legal_vice_principal.title == "法制副校长"  # type: ignore[attr-defined]


def test_a_school_has_no_uses_transport_default(datadir: DataDir) -> None:
    loaded = datadir.load()
    assert by_id(loaded, "sch-a").uses_transport is None  # type: ignore[attr-defined]


def test_submission_to_defaults_to_the_security_brigade(datadir: DataDir) -> None:
    text = """\
    - kind: submission
      id: sub-1
      form: experience
      unit: ps-a
      submitted: 2012-05-14
    - kind: submission
      id: sub-2
      form: experience
      unit: ps-a
      submitted: 2012-05-14
      to: [edu]
    """
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    assert by_id(loaded, "sub-1").to == ("sb",)  # type: ignore[attr-defined]
    assert by_id(loaded, "sub-2").to == ("edu",)  # type: ignore[attr-defined]


def test_submission_to_defaults_to_the_city_psb_without_a_security_brigade(
    datadir: DataDir,
) -> None:
    units = UNITS.replace(
        "name: 治安大队\n  type: security_brigade", "name: 市公安局\n  type: city_psb"
    )
    text = "- kind: submission\n  id: sub-1\n  form: experience\n  unit: ps-a\n  submitted: 2012-05-14\n"
    loaded = datadir.load({"units.yaml": units, "r.yaml": text})
    assert loaded.diagnostics == []
    assert by_id(loaded, "sb").type == "city_psb"  # type: ignore[attr-defined]
    assert by_id(loaded, "sub-1").to == ("sb",)  # type: ignore[attr-defined]


def test_legal_visit_person_defaults_to_the_legal_vice_principal(datadir: DataDir) -> None:
    schools = """\
    - kind: school
      id: sch-a
      name: 甲小学
      type: primary
      station: ps-a
      legal_vice_principal: {name: 李明, unit: 甲派出所}
    - kind: school
      id: sch-b
      name: 乙幼儿园
      type: kindergarten
      station: ps-b
    """
    text = """\
    - kind: legal_visit
      id: lv-1
      date: 2012-05-18
      school: sch-a
    - kind: legal_visit
      id: lv-2
      date: 2012-05-19
      school: sch-a
      person: 王律师
    - kind: legal_visit
      id: lv-3
      date: 2012-05-20
      school: sch-b
    """
    loaded = datadir.load({"schools.yaml": schools, "r.yaml": text})
    assert loaded.diagnostics == []
    assert [by_id(loaded, i).person for i in ("lv-1", "lv-2", "lv-3")] == ["李明", "王律师", None]  # type: ignore[attr-defined]


# Vehicles


def vehicle(extra: str) -> str:
    return f"- kind: vehicle\n  id: veh-2\n  plate: 浙F-B0001\n  school: sch-a\n{extra}"


def test_seats_must_be_at_least_one(datadir: DataDir) -> None:
    # "  seats: " is 9 characters
    text = vehicle("  seats: 0\n  drivers: [{name: 王五}]\n")
    assert datadir.located({"r.yaml": text}) == [("r.yaml", 5, 10, "E-bad-count")]


def test_drivers_must_not_be_empty(datadir: DataDir) -> None:
    text = vehicle("  seats: 7\n  drivers: []\n")
    assert datadir.located({"r.yaml": text}) == [("r.yaml", 6, 12, "E-bad-value")]


def test_drivers_are_mappings_with_a_name(datadir: DataDir) -> None:
    text = vehicle("  seats: 7\n  drivers:\n    - 王五\n")
    assert datadir.located({"r.yaml": text}) == [("r.yaml", 7, 7, "E-bad-value")]


def test_driver_names_are_unique_within_a_vehicle(datadir: DataDir) -> None:
    text = vehicle("  seats: 7\n  drivers:\n    - name: 王五\n    - name: 王五\n")
    assert [(d.line, d.is_error) for d in datadir.load({"r.yaml": text}).diagnostics] == [(8, True)]


def test_a_vehicle_with_all_its_fields(datadir: DataDir) -> None:
    text = vehicle(
        "  type: school_bus\n  seats: 30\n  owner: 某客运公司\n"
        "  drivers:\n    - name: 王五\n      license_class: A3\n"
        "      license_valid_until: 2016年8月31日\n      school_bus_permit: 0012\n"
        "  former_drivers: [赵六]\n  inspection_valid_until: 2012-10-31\n"
        "  insurance_valid_until: 2013-3-31\n  permit_valid_until: 2013/1/1\n"
        "  registered: 2011-09-01\n  retired: 2012-12-31\n"
    )
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    v = by_id(loaded, "veh-2")
    d = v.drivers[0]  # type: ignore[attr-defined]
    assert (d.name, d.license_class, d.license_valid_until, d.school_bus_permit) == (
        "王五",
        "A3",
        dt.date(2016, 8, 31),
        "0012",
    )
    assert v.former_drivers == ("赵六",)  # type: ignore[attr-defined]
    assert (v.insurance_valid_until, v.permit_valid_until) == (
        dt.date(2013, 3, 31),
        dt.date(2013, 1, 1),
    )  # type: ignore[attr-defined]


# Hazards: dates not before `found`


@pytest.mark.parametrize("name", ["deadline", "rectified", "reported_to_government"])
def test_hazard_dates_not_before_found(datadir: DataDir, name: str) -> None:
    text = (
        "- kind: hazard\n  id: hz-1\n  school: sch-a\n  found: 2012-05-14\n"
        f"  description: 围墙破损\n  {name}: 2012-05-13\n"
    )
    column = len(f"  {name}: ") + 1
    assert datadir.located({"r.yaml": text}) == [("r.yaml", 6, column, "E-date-order")]


def test_hazard_dates_on_the_day_found_are_fine(datadir: DataDir) -> None:
    text = (
        "- kind: hazard\n  id: hz-1\n  school: sch-a\n  found: 2012-05-14\n"
        "  description: 围墙破损\n  deadline: 2012-05-14\n  rectified: 2012-05-14\n"
        "  reported_to_government: 2012-05-14\n"
        "  supervisor: {name: 陈伟, unit: edu}\n  rectifier: {name: 张老师, phone: '139'}\n"
        "  notice_no: 平公(治)改字[2012]001号\n  verified_by: 陈伟\n"
    )
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    hz = by_id(loaded, "hz-1")
    assert (hz.supervisor.unit, hz.rectifier.name, hz.notice_no) == (
        "edu",
        "张老师",
        "平公(治)改字[2012]001号",
    )  # type: ignore[attr-defined]


# Inline hazards


INSPECTION_WITH_HAZARDS = """\
- kind: inspection
  id: in-1
  date: 2012-05-14
  unit: ps-a
  school: sch-a
  hazards:
    - id: hz-1
      description: 围墙破损
    - kind: hazard
      id: hz-2
      found: 2012-05-20
      description: 监控损坏
      severity: {severity}
"""


def test_inline_hazards_take_found_school_and_source_from_the_inspection(
    datadir: DataDir,
) -> None:
    loaded = datadir.load({"r.yaml": INSPECTION_WITH_HAZARDS.format(severity="serious")})
    assert loaded.diagnostics == []
    parent = by_id(loaded, "in-1")
    hz1, hz2 = by_id(loaded, "hz-1"), by_id(loaded, "hz-2")
    assert (hz1.KIND, hz1.found, hz1.school, hz1.source, hz1.line) == (  # type: ignore[attr-defined]
        "hazard",
        dt.date(2012, 5, 14),
        "sch-a",
        "in-1",
        7,
    )
    assert (hz2.found, hz2.severity, hz2.line) == (dt.date(2012, 5, 20), "serious", 9)  # type: ignore[attr-defined]
    assert hz1.parent is parent and hz2.parent is parent  # type: ignore[attr-defined]


def test_an_inline_hazard_error_leaves_out_only_that_hazard(datadir: DataDir) -> None:
    loaded = datadir.load({"r.yaml": INSPECTION_WITH_HAZARDS.format(severity="critical")})
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [(13, 17, "E-bad-value")]
    assert {x.id for x in loaded.kept if x.path == "r.yaml"} == {"in-1", "hz-1"}
    assert loaded.left_out == 1


def test_an_inline_hazard_found_before_its_inspection(datadir: DataDir) -> None:
    text = """\
    - kind: inspection
      id: in-1
      date: 2012-05-14
      unit: ps-a
      school: sch-a
      hazards:
        - id: hz-1
          found: 2012-05-10
          description: 围墙破损
        - id: hz-2
          description: 监控损坏
    """
    loaded = datadir.load({"r.yaml": text})
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [
        (8, 14, "E-found-before-parent")
    ]
    assert {x.id for x in loaded.kept if x.path == "r.yaml"} == {"in-1", "hz-2"}


def test_inline_hazards_of_a_broken_inspection_are_left_out(datadir: DataDir) -> None:
    text = """\
    - kind: inspection
      id: in-1
      date: 2012-05-14
      unit: ps-a
      school: sch-a
      type: 突击检查
      hazards:
        - id: hz-1
          description: 围墙破损
        - id: hz-2
          description: 监控损坏
          severity: 特别重大
    """
    loaded = datadir.load({"r.yaml": text})
    # the hazards are still checked, so both mistakes are reported in one run
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [
        (6, 9, "E-bad-value"),
        (12, 17, "E-bad-value"),
    ]
    assert [x for x in loaded.kept if x.path == "r.yaml"] == []
    assert loaded.left_out == 3


def test_inline_hazards_of_a_vehicle_check(datadir: DataDir) -> None:
    text = """\
    - kind: vehicle_check
      id: vc-1
      date: 2012-05-22
      vehicle: veh-1
      unit: tb
      drivers: [张三]
      result: fail
      hazards:
        - id: hz-1
          category: traffic
          description: 灭火器过期
    """
    loaded = datadir.load(with_vehicles(text))
    assert loaded.diagnostics == []
    hz = by_id(loaded, "hz-1")
    assert (hz.found, hz.vehicle, hz.school, hz.source, hz.effective_area) == (  # type: ignore[attr-defined]
        dt.date(2012, 5, 22),
        "veh-1",
        "sch-a",
        "vc-1",
        "vehicle",
    )
    assert hz.parent is by_id(loaded, "vc-1")  # type: ignore[attr-defined]


def test_an_inline_hazard_of_a_parent_without_id_has_the_parent(datadir: DataDir) -> None:
    text = """\
    - kind: inspection
      date: 2012-05-14
      unit: ps-a
      school: sch-a
      hazards: [{id: hz-1, description: 围墙破损}]
    """
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    [parent] = of_kind(loaded, "inspection")
    assert by_id(loaded, "hz-1").parent is parent  # type: ignore[attr-defined]


def test_an_inline_hazard_may_say_its_kind_as_code_or_label(datadir: DataDir) -> None:
    text = """\
    - kind: inspection
      date: 2012-05-14
      unit: ps-a
      school: sch-a
      hazards:
        - {kind: hazard, id: hz-1, description: 围墙破损}
        - {kind: 隐患, id: hz-2, description: 监控损坏}
    """
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    assert [h.id for h in of_kind(loaded, "hazard")] == ["hz-1", "hz-2"]


def test_an_inline_item_of_another_kind_is_an_error(datadir: DataDir) -> None:
    text = """\
    - kind: inspection
      id: in-1
      date: 2012-05-14
      unit: ps-a
      school: sch-a
      hazards:
        - kind: meeting
          id: hz-1
          description: 围墙破损
    """
    loaded = datadir.load({"r.yaml": text})
    assert [(d.line, d.is_error) for d in loaded.diagnostics] == [(7, True)]
    assert {x.id for x in loaded.kept if x.path == "r.yaml"} == {"in-1"}


# Other kinds' typed fields


def test_operation_results_are_counts(datadir: DataDir) -> None:
    text = """\
    - kind: operation
      id: op-1
      date: 2012-06-01
      end: 2012-06-30
      lead: sb
      departments: [综治, 公安, 文化, 工商, 卫生, 市城管执法局]
      stations: [ps-a, ps-b]
      results: {检查网吧: 12, 取缔摊点: １２}
    - kind: operation
      id: op-2
      date: 2012-06-01
      lead: sb
      departments: [公安]
      results:
        检查网吧: 12家
    """
    loaded = datadir.load({"r.yaml": text})
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [(15, 11, "E-bad-count")]
    assert by_id(loaded, "op-1").results == {"检查网吧": 12, "取缔摊点": 12}  # type: ignore[attr-defined]


def test_case_and_education_and_status_fields(datadir: DataDir) -> None:
    text = """\
    - kind: case
      id: case-1
      date: 2012-05-14
      unit: ps-a
      type: criminal
      description: 盗窃
      school: sch-a
      solved: 2012-05-20
      persons_handled: 2
    - kind: education
      id: ed-1
      date: 2012-05-14
      school: sch-a
      audience: staff
      participants: 60
      topic: 消防
      unit: ps-a
    - kind: vehicle_status
      id: vs-1
      date: 2012-05-14
      vehicle: veh-1
      status: in_service
      reason: 整改完毕
      unit: tb
    """
    loaded = datadir.load(with_vehicles(text))
    assert loaded.diagnostics == []
    c = by_id(loaded, "case-1")
    assert (c.solved, c.persons_handled) == (dt.date(2012, 5, 20), 2)  # type: ignore[attr-defined]
    assert by_id(loaded, "ed-1").participants == 60  # type: ignore[attr-defined]
    assert by_id(loaded, "vs-1").status == "in_service"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("kind", "name"), [("training", "schools"), ("operation", "departments")])
def test_lists_that_must_not_be_empty(datadir: DataDir, kind: str, name: str) -> None:
    fields = [(n, "[]" if n == name else v) for n, v in MINIMAL[kind]]
    assert datadir.located({"r.yaml": record(fields)}) == [
        ("r.yaml", 4, len(f"  {name}: ") + 1, "E-bad-value")
    ]


# Submission periods


def submission(form: str, period: str | None) -> str:
    """A submission whose `period` value, if any, starts at line 4, column 11."""
    line = f"  period: {period}\n" if period is not None else ""
    return f"- kind: submission\n  form: {form}\n  unit: ps-a\n{line}  submitted: 2012-06-01\n  id: sub-1\n"


@pytest.mark.parametrize(
    ("form", "written", "label"),
    [
        ("stats_form", "2012-05-1", "2012-05-1"),
        ("stats_form", "2012-5-1", "2012-05-1"),
        ("stats_form", "2012-05-2", "2012-05-2"),
        ("stats_form", "'2012-5-2'", "2012-05-2"),
        ("stats_form", "2012-05上", "2012-05-1"),
        ("stats_form", "2012-05下", "2012-05-2"),
        ("stats_form", "2012-5下", "2012-05-2"),
        ("统计报表", "2012-11-1", "2012-11-1"),
        ("monthly_work", "2012-05", "2012-05"),
        ("monthly_work", "2012-5", "2012-05"),
        ("gov_briefing", "2012-5", "2012-05"),
        ("gov_briefing", "2012-Q2", "2012-Q2"),
        ("gov_briefing", "2011学年第二学期", "2011学年第二学期"),
        ("gov_briefing", "campaign", "campaign"),
    ],
)
def test_periods_are_normalised(datadir: DataDir, form: str, written: str, label: str) -> None:
    loaded = datadir.load({"r.yaml": submission(form, written)})
    assert loaded.diagnostics == []
    assert by_id(loaded, "sub-1").period == label  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("form", "written"),
    [
        ("stats_form", "2012-05"),
        ("stats_form", "2012-05-3"),
        ("stats_form", "2012-13-1"),
        ("stats_form", "2012-00-1"),
        ("stats_form", "2012-05中"),
        ("stats_form", "5月上半月"),
        ("monthly_work", "2012-05-1"),
        ("monthly_work", "2012-13"),
        ("monthly_work", "2012-Q2"),
        ("gov_briefing", "2012-Q5"),
        ("gov_briefing", "2012学年第三学期"),
        ("gov_briefing", "上半年"),
    ],
)
def test_bad_periods_show_the_expected_form(datadir: DataDir, form: str, written: str) -> None:
    loaded = datadir.load({"r.yaml": submission(form, written)})
    assert located(loaded) == [("r.yaml", 4, 11, "E-bad-period")]
    expected = {"stats_form": "2012-05-1", "monthly_work": "2012-05", "gov_briefing": "2012-Q2"}
    assert expected[form] in loaded.diagnostics[0].message("en")
    assert of_kind(loaded, "submission") == []


@pytest.mark.parametrize("form", ["serious_hazard_list", "campaign_summary", "experience", "other"])
def test_a_period_on_a_form_that_takes_none_is_an_error(datadir: DataDir, form: str) -> None:
    loaded = datadir.load({"r.yaml": submission(form, "2012-05")})
    assert [(d.line, d.code) for d in loaded.diagnostics] == [(4, "E-bad-period")]


@pytest.mark.parametrize("form", ["stats_form", "monthly_work", "gov_briefing"])
def test_a_missing_period_is_an_error(datadir: DataDir, form: str) -> None:
    assert datadir.located({"r.yaml": submission(form, None)}) == [
        ("r.yaml", 1, 3, "E-missing-field")
    ]


# Submission files


def test_a_submission_file_must_exist_inside_the_folder(datadir: DataDir) -> None:
    text = """\
    - kind: submission
      id: sub-1
      form: experience
      unit: ps-a
      submitted: 2012-06-01
      file: docs/经验材料.doc
    - kind: submission
      id: sub-2
      form: experience
      unit: ps-a
      submitted: 2012-06-01
      file: docs/没有这个文件.doc
    - kind: submission
      id: sub-3
      form: experience
      unit: ps-a
      submitted: 2012-06-01
      file: ../outside.doc
    - kind: submission
      id: sub-4
      form: experience
      unit: ps-a
      submitted: 2012-06-01
      file: docs
    """
    root = datadir.write({"r.yaml": text, "docs/经验材料.doc": b"\xd0\xcf\x11\xe0"})
    (root.parent / "outside.doc").write_bytes(b"x")
    loaded = datadir.load()
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [
        (12, 9, "E-bad-file"),
        (18, 9, "E-bad-file"),
        (24, 9, "E-bad-file"),
    ]
    assert [s.id for s in of_kind(loaded, "submission")] == ["sub-1"]


def test_a_submission_file_may_not_be_an_absolute_path_outside(datadir: DataDir) -> None:
    text = (
        "- kind: submission\n  form: experience\n  unit: ps-a\n"
        "  submitted: 2012-06-01\n  file: /etc/hostname\n"
    )
    assert datadir.located({"r.yaml": text}) == [("r.yaml", 5, 9, "E-bad-file")]


# campaign.yaml


def campaign_with(extra: str) -> str:
    """The base campaign (8 lines) followed by `extra` from line 9."""
    return CAMPAIGN + extra


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        (campaign_with("ends: 2012-12-31\n"), 9, 1),  # unknown top-level key
        (campaign_with("obligations:\n  stats_from: {enabled: true}\n"), 10, 3),  # unknown id
        (campaign_with("obligations:\n  stats_form: {enabeld: false}\n"), 10, 16),  # parameter
        (campaign_with("obligations:\n  monthly_inspection:\n    mni: 2\n"), 11, 5),
        (CAMPAIGN.replace("start: 2012-03-01", "start: 2012-12-01"), 5, 6),  # start > end
        (CAMPAIGN.replace("start: 2012-09-03", "start: 2012-07-01"), 8, 31),  # overlap
        (CAMPAIGN.replace("2012学年第一学期", "2012-09"), 8, 12),  # term named like a period
        (CAMPAIGN.replace("2012学年第一学期", "2012-Q3"), 8, 12),
        (CAMPAIGN.replace("2012学年第一学期", "campaign"), 8, 12),
        (CAMPAIGN.replace("2012学年第一学期", "2011学年第二学期"), 8, 12),  # duplicate term name
        (CAMPAIGN.replace("issued: 2012-04-24", "issued: 2012-12-24"), 3, 9),  # issued > end
        (
            CAMPAIGN.replace(
                "start: 2012-02-08, end: 2012-07-05", "start: 2012-07-05, end: 2012-02-08"
            ),
            7,
            48,
        ),
        (campaign_with("language: fr\n"), 9, 11),
        (campaign_with("min_term_days: 十五\n"), 9, 16),
        (campaign_with("due_shift: weekly\n"), 9, 12),
    ],
    ids=[
        "top-level-key",
        "obligation-id",
        "parameter",
        "parameter-block",
        "start-after-end",
        "overlapping-terms",
        "term-month-label",
        "term-quarter-label",
        "term-campaign-label",
        "term-duplicate",
        "issued-after-end",
        "term-start-after-end",
        "language",
        "count",
        "due-shift",
    ],
)
def test_campaign_errors_are_at_their_line(
    datadir: DataDir, text: str, line: int, column: int
) -> None:
    loaded = datadir.load({"campaign.yaml": text})
    assert located(loaded) == [("campaign.yaml", line, column, "E-campaign")]
    assert loaded.campaign is None


def test_campaign_unknown_key_suggests_the_nearest(datadir: DataDir) -> None:
    loaded = datadir.load({"campaign.yaml": campaign_with("obligations:\n  stats_from: {}\n")})
    assert "did you mean 'stats_form'" in loaded.diagnostics[0].message("en")


def test_campaign_missing_required_field(datadir: DataDir) -> None:
    text = CAMPAIGN.replace("start: 2012-03-01\n", "")
    assert datadir.located({"campaign.yaml": text}) == [("campaign.yaml", 1, 1, "E-campaign")]


def test_campaign_parameters_load(datadir: DataDir) -> None:
    text = campaign_with(
        "obligations:\n"
        "  comprehensive_inspection:\n    windows: [[2012-08-27, 2012-09-14]]\n"
        "  serious_hazard_list: {due: 2012-09-23}\n"
        "  joint_operation: {due: 2012年7月31日, departments: 综治、公安}\n"
        "  monthly_inspection:\n"
        "  liaison: {enabled: 否}\n"
    )
    loaded = datadir.load({"campaign.yaml": text})
    assert [d.code for d in loaded.diagnostics] == []
    assert loaded.campaign is not None
    c = loaded.campaign
    windows = ((dt.date(2012, 8, 27), dt.date(2012, 9, 14)),)
    assert BY_ID["comprehensive_inspection"].settings(c).windows == windows
    assert BY_ID["joint_operation"].settings(c).due == dt.date(2012, 7, 31)
    assert BY_ID["joint_operation"].settings(c).departments == ("综治", "公安")
    assert BY_ID["monthly_inspection"].settings(c).min == 1
    assert BY_ID["liaison"].settings(c).enabled is False


def test_records_still_load_when_campaign_yaml_is_broken(datadir: DataDir) -> None:
    loaded = datadir.load({"campaign.yaml": campaign_with("ends: 2012-12-31\n")})
    assert loaded.campaign is None
    assert len(loaded.kept) == 7
