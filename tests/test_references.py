"""docs/data-format.md: the reference table, defaults taken from other records, checked drivers,
unique ids, what is left out (transitively), and warnings that never leave anything out.

Every expected line and column is counted by hand from the inline YAML (1-based, characters).
"""

from __future__ import annotations

import pytest
from conftest import (
    BASE_RECORDS,
    SCHOOLS,
    UNITS,
    VEHICLES,
    DataDir,
    by_id,
    located,
    of_kind,
    problems,
)

# Records written so that each one references something through `{ref}`; the expected place
# of a reference diagnostic is where `{ref}` is written. One line per reference row of the
# table in docs/data-format.md ("*.school" etc. expand to every kind that has the field).
REFERENCES: dict[str, tuple[str, str]] = {
    # name: (record text, what a wrong target of an existing record of the wrong type is)
    "school.station": (
        "- kind: school\n  id: sch-x\n  name: 丙\n  type: primary\n  station: {ref}\n",
        "edu",
    ),
    "school.station(a school)": (
        "- kind: school\n  id: sch-x\n  name: 丙\n  type: primary\n  station: {ref}\n",
        "sch-b",
    ),
    "operation.stations": (
        "- kind: operation\n  date: 2012-06-01\n  lead: sb\n  departments: [公安]\n"
        "  stations: [ps-a, {ref}]\n",
        "tb",
    ),
    "vehicle.school": (
        "- kind: vehicle\n  id: veh-x\n  plate: x\n  school: {ref}\n  seats: 7\n"
        "  drivers: [{name: 王五}]\n",
        "ps-a",
    ),
    "inspection.school": (
        "- kind: inspection\n  date: 2012-05-14\n  unit: ps-a\n  school: {ref}\n",
        "ps-a",
    ),
    "hazard.school": (
        "- kind: hazard\n  id: hz-x\n  found: 2012-05-14\n  description: x\n  school: {ref}\n",
        "veh-1",
    ),
    "legal_visit.school": ("- kind: legal_visit\n  date: 2012-05-14\n  school: {ref}\n", "ps-a"),
    "education.school": (
        "- kind: education\n  date: 2012-05-14\n  audience: staff\n  school: {ref}\n",
        "ps-a",
    ),
    "case.school": (
        "- kind: case\n  date: 2012-05-14\n  unit: ps-a\n  type: other\n  description: x\n"
        "  school: {ref}\n",
        "edu",
    ),
    "training.schools": (
        "- kind: training\n  date: 2012-05-14\n  unit: ps-a\n  schools: [sch-a, {ref}]\n",
        "ps-a",
    ),
    "meeting.schools": (
        "- kind: meeting\n  date: 2012-05-14\n  unit: ps-a\n  schools:\n    - sch-a\n    - {ref}\n",
        "ps-b",
    ),
    "hazard.vehicle": (
        "- kind: hazard\n  id: hz-x\n  found: 2012-05-14\n  description: x\n  vehicle: {ref}\n",
        "sch-a",
    ),
    "vehicle_check.vehicle": (
        "- kind: vehicle_check\n  date: 2012-05-14\n  unit: tb\n  result: pass\n  vehicle: {ref}\n",
        "sch-a",
    ),
    "vehicle_status.vehicle": (
        "- kind: vehicle_status\n  date: 2012-05-14\n  status: suspended\n  vehicle: {ref}\n",
        "tb",
    ),
    "hazard.source": (
        "- kind: hazard\n  id: hz-x\n  school: sch-a\n  found: 2012-05-14\n  description: x\n"
        "  source: {ref}\n",
        "sch-a",
    ),
    "hazard.source(a meeting)": (
        "- kind: hazard\n  id: hz-x\n  school: sch-a\n  found: 2012-05-14\n  description: x\n"
        "  source: {ref}\n",
        "mt-1",
    ),
    "inspection.unit": (
        "- kind: inspection\n  date: 2012-05-14\n  school: sch-a\n  unit: {ref}\n",
        "sch-a",
    ),
    "vehicle_check.unit": (
        "- kind: vehicle_check\n  date: 2012-05-14\n  vehicle: veh-1\n  result: pass\n  unit: {ref}\n",
        "veh-1",
    ),
    "vehicle_status.unit": (
        "- kind: vehicle_status\n  date: 2012-05-14\n  vehicle: veh-1\n  status: suspended\n"
        "  unit: {ref}\n",
        "sch-a",
    ),
    "training.unit": (
        "- kind: training\n  date: 2012-05-14\n  schools: [sch-a]\n  unit: {ref}\n",
        "sch-a",
    ),
    "education.unit": (
        "- kind: education\n  date: 2012-05-14\n  school: sch-a\n  audience: staff\n  unit: {ref}\n",
        "sch-b",
    ),
    "meeting.unit": ("- kind: meeting\n  date: 2012-05-14\n  unit: {ref}\n", "sch-a"),
    "case.unit": (
        "- kind: case\n  date: 2012-05-14\n  type: other\n  description: x\n  unit: {ref}\n",
        "mt-1",
    ),
    "submission.unit": (
        "- kind: submission\n  form: experience\n  submitted: 2012-05-14\n  unit: {ref}\n",
        "sch-a",
    ),
    "operation.lead": (
        "- kind: operation\n  date: 2012-06-01\n  departments: [公安]\n  lead: {ref}\n",
        "sch-a",
    ),
    "submission.to": (
        "- kind: submission\n  form: experience\n  unit: ps-a\n  submitted: 2012-05-14\n"
        "  to: [sb, {ref}]\n",
        "sch-a",
    ),
    "unit.parent": (
        "- kind: unit\n  id: ps-x\n  name: 丙派出所\n  type: police_station\n  parent: {ref}\n",
        "sch-a",
    ),
    "supervisor.unit": (
        "- kind: hazard\n  id: hz-x\n  school: sch-a\n  found: 2012-05-14\n  description: x\n"
        "  supervisor:\n    name: 陈伟\n    unit: {ref}\n",
        "sch-a",
    ),
}

# Records the references above can point at besides the base units and schools.
OTHERS = """\
- kind: meeting
  id: mt-1
  date: 2012-05-14
  unit: ps-a
- kind: inspection
  id: in-1
  date: 2012-05-14
  unit: ps-a
  school: sch-a
- kind: vehicle_check
  id: vc-1
  date: 2012-05-14
  vehicle: veh-1
  unit: tb
  result: pass
"""


def where(template: str) -> tuple[int, int]:
    """(line, column) at which `{ref}` is written."""
    before = template[: template.index("{ref}")]
    return before.count("\n") + 1, len(before) - before.rfind("\n")


def folder(template: str, target: str) -> dict[str, str]:
    return {
        "vehicles.yaml": VEHICLES,
        "others.yaml": OTHERS,
        "r.yaml": template.replace("{ref}", target),
    }


def test_the_other_records_load(datadir: DataDir) -> None:
    loaded = datadir.load(folder("", ""))
    assert loaded.diagnostics == []
    assert len(loaded.kept) == BASE_RECORDS + 4


@pytest.mark.parametrize("name", list(REFERENCES))
def test_a_reference_to_nothing_is_ref_missing(datadir: DataDir, name: str) -> None:
    template, _ = REFERENCES[name]
    loaded = datadir.load(folder(template, "zz-none"))
    line, column = where(template)
    assert located(loaded) == [("r.yaml", line, column, "E-ref-missing")]
    assert [x for x in loaded.kept if x.path == "r.yaml"] == []


@pytest.mark.parametrize("name", list(REFERENCES))
def test_a_reference_to_the_wrong_kind_or_type_is_ref_type(datadir: DataDir, name: str) -> None:
    template, wrong = REFERENCES[name]
    loaded = datadir.load(folder(template, wrong))
    line, column = where(template)
    assert located(loaded) == [("r.yaml", line, column, "E-ref-type")]
    assert [x for x in loaded.kept if x.path == "r.yaml"] == []


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("school.station", "ps-b"),
        ("operation.stations", "ps-b"),
        ("vehicle.school", "sch-b"),
        ("hazard.source", "in-1"),
        ("hazard.source", "vc-1"),
        ("hazard.vehicle", "veh-1"),
        ("case.unit", "edu"),
        ("submission.to", "edu"),
        ("unit.parent", "sb"),
        ("supervisor.unit", "edu"),
    ],
)
def test_a_reference_to_the_right_record_loads(datadir: DataDir, name: str, target: str) -> None:
    loaded = datadir.load(folder(REFERENCES[name][0], target))
    assert loaded.diagnostics == []
    assert len([x for x in loaded.kept if x.path == "r.yaml"]) == 1


@pytest.mark.parametrize(("target", "code"), [("zz-none", "E-ref-missing"), ("mt-1", "E-ref-type")])
def test_a_source_written_on_an_inline_hazard_is_checked(
    datadir: DataDir, target: str, code: str
) -> None:
    text = (
        "- kind: inspection\n  id: in-2\n  date: 2012-05-14\n  unit: ps-a\n  school: sch-a\n"
        f"  hazards:\n    - id: hz-1\n      source: {target}\n      description: 围墙破损\n"
        "    - id: hz-2\n      source: vc-1\n      description: 监控损坏\n"
    )
    loaded = datadir.load(folder(text, ""))
    # "      source: " is 14 characters
    assert located(loaded) == [("r.yaml", 8, 15, code)]
    assert {x.id for x in loaded.kept if x.path == "r.yaml"} == {"in-2", "hz-2"}


def test_ref_missing_suggests_a_near_id_of_the_right_kind(datadir: DataDir) -> None:
    loaded = datadir.load(folder(REFERENCES["inspection.school"][0], "sch-aa"))
    assert "did you mean 'sch-a'" in loaded.diagnostics[0].message("en")


def test_ids_are_case_sensitive(datadir: DataDir) -> None:
    loaded = datadir.load(folder(REFERENCES["inspection.school"][0], "SCH-A"))
    assert [d.code for d in loaded.diagnostics] == ["E-ref-missing"]


def test_the_legal_vice_principal_unit_is_text_not_a_reference(datadir: DataDir) -> None:
    text = (
        "- kind: school\n  id: sch-x\n  name: 丙\n  type: primary\n  station: ps-a\n"
        "  legal_vice_principal: {name: 李明, unit: 平湖市司法局}\n"
    )
    assert datadir.problems({"r.yaml": text}) == []


# A hazard's school from its vehicle


def test_a_hazard_on_a_vehicle_of_another_school_is_an_error(datadir: DataDir) -> None:
    text = """\
    - kind: hazard
      id: hz-1
      vehicle: veh-1
      school: sch-b
      found: 2012-05-14
      description: 灭火器过期
    - kind: hazard
      id: hz-2
      vehicle: veh-1
      school: sch-a
      found: 2012-05-14
      description: 灭火器过期
    """
    loaded = datadir.load({"vehicles.yaml": VEHICLES, "r.yaml": text})
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [
        (4, 11, "E-school-mismatch")
    ]
    assert [h.id for h in of_kind(loaded, "hazard")] == ["hz-2"]


def test_an_inline_hazard_of_a_vehicle_check_with_another_school(datadir: DataDir) -> None:
    text = """\
    - kind: vehicle_check
      id: vc-1
      date: 2012-05-22
      vehicle: veh-1
      unit: tb
      result: fail
      hazards:
        - id: hz-1
          school: sch-b
          description: 灭火器过期
        - id: hz-2
          description: 座椅破损
    """
    loaded = datadir.load({"vehicles.yaml": VEHICLES, "r.yaml": text})
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [
        (9, 15, "E-school-mismatch")
    ]
    assert {x.id for x in loaded.kept if x.path == "r.yaml"} == {"vc-1", "hz-2"}
    assert by_id(loaded, "hz-2").school == "sch-a"  # type: ignore[attr-defined]


# Drivers named by a vehicle check


def test_checked_drivers_must_be_drivers_or_former_drivers(datadir: DataDir) -> None:
    text = """\
    - kind: vehicle_check
      id: vc-1
      date: 2012-05-22
      vehicle: veh-1
      unit: tb
      drivers: [张三, 李四, 赵六]
      result: pass
    - kind: vehicle_check
      id: vc-2
      date: 2012-05-23
      vehicle: veh-1
      unit: tb
      drivers: [张三, 李四]
      result: pass
    """
    loaded = datadir.load({"vehicles.yaml": VEHICLES, "r.yaml": text})
    # "  drivers: [张三, 李四, " is 20 characters
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [(6, 21, "E-bad-driver")]
    assert [c.id for c in of_kind(loaded, "vehicle_check")] == ["vc-2"]


def test_checked_drivers_given_as_one_text_are_split_then_checked(datadir: DataDir) -> None:
    text = (
        "- kind: vehicle_check\n  date: 2012-05-22\n  vehicle: veh-1\n  unit: tb\n"
        "  drivers: 张三，赵六\n  result: pass\n"
    )
    loaded = datadir.load({"vehicles.yaml": VEHICLES, "r.yaml": text})
    assert [(d.line, d.code) for d in loaded.diagnostics] == [
        (5, "E-bad-driver"),
        (5, "W-split-list"),
    ]


# Unique ids


def test_a_duplicate_id_across_files_and_kinds_is_reported_at_each_place(
    datadir: DataDir,
) -> None:
    a = "- id: dup-1\n  kind: meeting\n  date: 2012-05-14\n  unit: ps-a\n"
    b = "# b\n- id: dup-1\n  kind: training\n  date: 2012-05-20\n  unit: ps-a\n  schools: [sch-a]\n"
    loaded = datadir.load({"a.yaml": a, "sub/b.yaml": b})
    assert problems(loaded) == [
        ("a.yaml", 1, "E-duplicate-id"),
        ("sub/b.yaml", 2, "E-duplicate-id"),
    ]
    first, second = sorted(loaded.diagnostics, key=lambda d: d.path)
    assert "sub/b.yaml:2" in first.message("en")
    assert "a.yaml:1" in second.message("en")
    assert [x for x in loaded.kept if x.id == "dup-1"] == []
    assert loaded.left_out == 2


def test_a_duplicate_id_within_one_file_and_inline(datadir: DataDir) -> None:
    text = """\
    - id: hz-1
      kind: hazard
      school: sch-a
      found: 2012-05-14
      description: 围墙破损
    - kind: inspection
      date: 2012-05-14
      unit: ps-a
      school: sch-a
      hazards:
        - id: hz-1
          description: 监控损坏
        - id: hz-2
          description: 门卫缺岗
    """
    loaded = datadir.load({"r.yaml": text})
    assert [(d.line, d.code) for d in loaded.diagnostics] == [
        (1, "E-duplicate-id"),
        (11, "E-duplicate-id"),
    ]
    assert {x.id for x in of_kind(loaded, "hazard")} == {"hz-2"}
    assert len(of_kind(loaded, "inspection")) == 1


def test_ids_differing_in_case_are_not_duplicates(datadir: DataDir) -> None:
    text = "- id: Sch-A\n  kind: school\n  name: 丙\n  type: primary\n  station: ps-a\n"
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    assert {by_id(loaded, "Sch-A").KIND, by_id(loaded, "sch-a").KIND} == {"school"}


def test_records_referencing_a_duplicate_id_are_left_out_too(datadir: DataDir) -> None:
    # a second `ps-a`: both are left out, so are the school it is the station of and the
    # inspections of that school; nothing else is reported
    text = """\
    - id: ps-a
      kind: unit
      name: 甲派出所(重复)
      type: police_station
    - kind: inspection
      date: 2012-05-14
      unit: ps-b
      school: sch-a
    - kind: inspection
      date: 2012-05-14
      unit: ps-b
      school: sch-b
    """
    loaded = datadir.load({"r.yaml": text})
    assert problems(loaded) == [
        ("r.yaml", 1, "E-duplicate-id"),
        ("units.yaml", 6, "E-duplicate-id"),
    ]
    assert [x for x in loaded.kept if x.id in ("ps-a", "sch-a")] == []
    assert [i.school for i in of_kind(loaded, "inspection")] == ["sch-b"]  # type: ignore[attr-defined]
    assert loaded.left_out == 4  # two ps-a, sch-a, one inspection


# What is left out, transitively


def test_a_broken_school_leaves_out_everything_that_references_it(datadir: DataDir) -> None:
    schools = SCHOOLS.replace("  station: ps-a\n", "  station: ps-a\n  students: 12人\n")
    text = """\
    - kind: inspection
      id: in-1
      date: 2012-05-14
      unit: ps-a
      school: sch-a
      hazards: [{id: hz-1, description: 围墙破损}]
    - kind: inspection
      id: in-2
      date: 2012-05-14
      unit: ps-b
      school: sch-b
    - kind: hazard
      id: hz-s
      school: sch-b
      source: in-1
      found: 2012-05-15
      description: 周边摊点
    - kind: vehicle_check
      id: vc-1
      date: 2012-05-22
      vehicle: veh-1
      unit: tb
      result: pass
    - kind: training
      id: tr-1
      date: 2012-05-20
      unit: ps-a
      schools: [sch-a, sch-b]
    - kind: meeting
      id: mt-1
      date: 2012-05-21
      unit: ps-a
      schools: [sch-b]
    """
    loaded = datadir.load({"schools.yaml": schools, "vehicles.yaml": VEHICLES, "r.yaml": text})
    assert problems(loaded) == [("schools.yaml", 6, "E-bad-count")]
    assert {x.id for x in loaded.kept if x.path == "r.yaml"} == {"in-2", "mt-1"}
    left = {"sch-a", "in-1", "hz-1", "hz-s", "veh-1", "vc-1", "tr-1"}
    assert [x for x in loaded.kept if x.id in left] == []
    assert loaded.left_out == len(left)


def test_a_chain_from_a_unit_with_a_bad_reference(datadir: DataDir) -> None:
    units = UNITS.replace("  parent: sb\n", "  parent: sb-zz\n", 1)  # ps-a's parent
    text = (
        "- kind: inspection\n  id: in-1\n  date: 2012-05-14\n  unit: ps-b\n  school: sch-a\n"
        "  hazards: [{id: hz-1, description: 围墙破损}]\n"
    )
    loaded = datadir.load({"units.yaml": units, "r.yaml": text})
    assert problems(loaded) == [("units.yaml", 9, "E-ref-missing")]
    assert [x for x in loaded.kept if x.id in ("ps-a", "sch-a", "in-1", "hz-1")] == []
    assert loaded.left_out == 4


def test_a_standalone_hazard_of_a_broken_check_is_left_out(datadir: DataDir) -> None:
    text = """\
    - kind: vehicle_check
      id: vc-1
      date: 2012-05-22
      vehicle: veh-1
      unit: tb
      drivers: [赵六]
      result: fail
    - kind: hazard
      id: hz-1
      vehicle: veh-1
      source: vc-1
      found: 2012-05-22
      description: 驾驶人无校车驾驶资格
    """
    loaded = datadir.load({"vehicles.yaml": VEHICLES, "r.yaml": text})
    assert [(d.line, d.code) for d in loaded.diagnostics] == [(6, "E-bad-driver")]
    assert [x for x in loaded.kept if x.path == "r.yaml"] == []


# Warnings never leave anything out


def test_records_dated_outside_the_campaign_are_a_warning(datadir: DataDir) -> None:
    text = """\
    - kind: meeting
      date: 2012-12-10
      unit: ps-a
    - kind: meeting
      date: 2012-02-29
      unit: ps-a
    - kind: submission
      form: experience
      unit: ps-a
      submitted: 2012-12-01
    - kind: hazard
      id: hz-1
      school: sch-a
      found: 2012-02-01
      description: 围墙破损
    - kind: meeting
      date: 2012-03-01
      unit: ps-a
    - kind: meeting
      date: 2012-11-30
      unit: ps-a
    """
    loaded = datadir.load({"r.yaml": text})
    assert problems(loaded) == [
        ("r.yaml", 2, "W-outside-campaign"),
        ("r.yaml", 5, "W-outside-campaign"),
        ("r.yaml", 10, "W-outside-campaign"),
        ("r.yaml", 14, "W-outside-campaign"),
    ]
    assert len([x for x in loaded.kept if x.path == "r.yaml"]) == 6
    assert loaded.left_out == 0


@pytest.mark.parametrize(("deadline", "warned"), [("2012-08-12", False), ("2012-08-13", True)])
def test_a_deadline_more_than_90_days_after_found_is_a_warning(
    datadir: DataDir, deadline: str, warned: bool
) -> None:
    text = (
        "- kind: hazard\n  id: hz-1\n  school: sch-a\n  found: 2012-05-14\n"
        f"  description: 围墙破损\n  deadline: {deadline}\n"
    )
    loaded = datadir.load({"r.yaml": text})
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == (
        [(6, 13, "W-long-deadline")] if warned else []
    )
    assert by_id(loaded, "hz-1").deadline is not None  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("vehicle_dates", "warned"),
    [
        ("", True),
        ("  registered: 2012-06-01\n", True),
        ("  retired: 2012-02-01\n", False),
        ("  registered: 2012-12-01\n", False),
    ],
)
def test_no_transport_while_a_vehicle_is_active_is_a_warning(
    datadir: DataDir, vehicle_dates: str, warned: bool
) -> None:
    schools = SCHOOLS.replace("  station: ps-a\n", "  station: ps-a\n  uses_transport: 无\n")
    loaded = datadir.load({"schools.yaml": schools, "vehicles.yaml": VEHICLES + vehicle_dates})
    # "  uses_transport: " is 18 characters
    assert located(loaded) == ([("schools.yaml", 6, 19, "W-transport-mismatch")] if warned else [])
    assert len(loaded.kept) == BASE_RECORDS + 1


def test_a_failed_check_without_hazards_is_a_warning(datadir: DataDir) -> None:
    text = """\
    - kind: vehicle_check
      id: vc-1
      date: 2012-05-22
      vehicle: veh-1
      unit: tb
      result: fail
    - kind: vehicle_check
      id: vc-2
      date: 2012-05-23
      vehicle: veh-1
      unit: tb
      result: fail
      hazards: [{id: hz-1, description: 灭火器过期}]
    - kind: vehicle_check
      id: vc-3
      date: 2012-05-24
      vehicle: veh-1
      unit: tb
      result: 不合格
    - kind: hazard
      id: hz-3
      vehicle: veh-1
      source: vc-3
      found: 2012-05-24
      description: 安全带损坏
    - kind: vehicle_check
      id: vc-4
      date: 2012-05-25
      vehicle: veh-1
      unit: tb
      result: pass
    """
    loaded = datadir.load({"vehicles.yaml": VEHICLES, "r.yaml": text})
    # "  result: " is 10 characters
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [(6, 11, "W-fail-no-hazard")]
    assert {c.id for c in of_kind(loaded, "vehicle_check")} == {"vc-1", "vc-2", "vc-3", "vc-4"}
