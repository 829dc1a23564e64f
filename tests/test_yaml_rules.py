"""docs/data-format.md, "YAML rules": safe tags, duplicate keys, anchors and merges, null, exact
text, dates, booleans, counts, Chinese labels, input-method mistakes, text and id lists.

Every expected line and column is counted by hand from the inline YAML (1-based, characters).
"""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import VEHICLES, DataDir, by_id, located, of_kind, problems

MAY_14 = dt.date(2012, 5, 14)


def meeting(date: str = "2012-05-14", extra: str = "") -> str:
    """A meeting whose `date` value starts at line 2, column 9; `extra` lines follow line 3."""
    return f"- kind: meeting\n  date: {date}\n  unit: ps-a\n{extra}"


# Safe YAML only


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object:os.system {}",
        "!!python/object/apply:os.system ['ls']",
        "!!python/name:os.system ''",
        "!include topic.txt",
        "!Ref topic",
    ],
)
def test_object_and_unknown_tags_are_errors(datadir: DataDir, tagged: str) -> None:
    loaded = datadir.load({"r.yaml": meeting(extra=f"  topic: {tagged}\n")})
    # "  topic: " is 9 characters: the tag starts at column 10
    assert located(loaded) == [("r.yaml", 4, 10, "E-tag")]
    assert of_kind(loaded, "meeting") == []


def test_a_tag_on_a_required_field_is_one_error_not_two(datadir: DataDir) -> None:
    # the tagged value is refused; it must not also be reported as a missing `date`
    assert datadir.located({"r.yaml": meeting("!!python/object:os.system {}")}) == [
        ("r.yaml", 2, 9, "E-tag")
    ]


def test_standard_str_tag_is_allowed(datadir: DataDir) -> None:
    loaded = datadir.load({"r.yaml": meeting(extra="  topic: !!str 2012\n")})
    assert loaded.diagnostics == []
    assert of_kind(loaded, "meeting")[0].topic == "2012"  # type: ignore[attr-defined]


# Duplicate keys


def test_duplicate_key_is_an_error_at_the_second_naming_the_first(datadir: DataDir) -> None:
    loaded = datadir.load({"r.yaml": meeting(extra="  date: 2012-05-15\n")})
    assert located(loaded) == [("r.yaml", 4, 3, "E-duplicate-key")]
    assert "line 2" in loaded.diagnostics[0].message("en")
    assert of_kind(loaded, "meeting") == []


def test_duplicate_key_inside_a_nested_mapping(datadir: DataDir) -> None:
    unit = """\
    - kind: unit
      id: ps-c
      name: 丙派出所
      type: police_station
      liaison:
        name: 王建国
        name: 李明
    """
    assert datadir.located({"r.yaml": unit}) == [("r.yaml", 7, 5, "E-duplicate-key")]


def test_merge_key_with_an_override_is_fine(datadir: DataDir) -> None:
    text = """\
    - x_base: &base
        kind: meeting
        unit: ps-a
        date: 2012-05-14
    - <<: *base
      date: 2012-05-15
      topic: 第二次
    - <<: *base
      topic: 第一次
    """
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    got = [(m.line, m.date, m.unit, m.topic) for m in of_kind(loaded, "meeting")]  # type: ignore[attr-defined]
    assert got == [(5, dt.date(2012, 5, 15), "ps-a", "第二次"), (8, MAY_14, "ps-a", "第一次")]


def test_merge_of_several_mappings_earlier_wins(datadir: DataDir) -> None:
    text = """\
    - x_a: &a {unit: ps-a, topic: 甲}
      x_b: &b {unit: ps-b, topic: 乙, attendees: 5}
    - kind: meeting
      date: 2012-05-14
      <<: [*a, *b]
    """
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    [m] = of_kind(loaded, "meeting")
    assert (m.unit, m.topic, m.attendees) == ("ps-a", "甲", 5)  # type: ignore[attr-defined]


def test_aliased_values_are_allowed(datadir: DataDir) -> None:
    text = """\
    - kind: inspection
      date: 2012-05-14
      unit: ps-a
      school: sch-a
      inspectors: &team [王建国, 李明]
    - kind: inspection
      date: 2012-05-15
      unit: ps-b
      school: sch-b
      inspectors: *team
    """
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    assert [i.inspectors for i in of_kind(loaded, "inspection")] == [("王建国", "李明")] * 2  # type: ignore[attr-defined]


def test_the_same_record_node_twice_through_an_alias_is_an_error(datadir: DataDir) -> None:
    text = """\
    - &m
      kind: meeting
      date: 2012-05-14
      unit: ps-a
    - *m
    """
    loaded = datadir.load({"r.yaml": text})
    assert located(loaded) == [("r.yaml", 5, 3, "E-alias-record")]
    # the record is not counted twice (the written record itself is fine; the alias is the mistake)
    assert len(of_kind(loaded, "meeting")) == 1


# null means absent


@pytest.mark.parametrize("blank", ["", " ~", " null", " Null", " NULL"])
def test_empty_tilde_and_null_mean_absent(datadir: DataDir, blank: str) -> None:
    hazard = f"""\
- kind: hazard
  id: hz-1
  school: sch-a
  found: 2012-05-14
  description: 围墙破损
  rectified:{blank}
  deadline:{blank}
"""
    loaded = datadir.load({"r.yaml": hazard})
    assert loaded.diagnostics == []
    hz = by_id(loaded, "hz-1")
    assert (hz.rectified, hz.deadline) == (None, None)  # type: ignore[attr-defined]


def test_a_required_field_left_blank_is_missing(datadir: DataDir) -> None:
    text = """\
    - kind: inspection
      date: 2012-05-14
      unit: ps-a
      school:
    """
    assert datadir.located({"r.yaml": text}) == [("r.yaml", 1, 3, "E-missing-field")]


@pytest.mark.parametrize(
    ("written", "text"), [('"null"', "null"), ("'null'", "null"), ('"~"', "~")]
)
def test_quoted_null_is_text(datadir: DataDir, written: str, text: str) -> None:
    loaded = datadir.load({"r.yaml": meeting(extra=f"  topic: {written}\n")})
    assert loaded.diagnostics == []
    assert of_kind(loaded, "meeting")[0].topic == text  # type: ignore[attr-defined]


# Text keeps the exact source text


def test_text_fields_keep_the_source_text(datadir: DataDir) -> None:
    text = """\
    - kind: school
      id: 007
      name: NO
      type: primary
      station: ps-a
      phone: 0573-85012345
      principal: yes
      address: 1_000
      note: 12:30
    - kind: vehicle
      id: 1e5
      plate: 1e5
      school: 007
      seats: 7
      owner: 0x1F
      drivers: [{name: true, license_class: 1.50}]
    - kind: unit
      id: ps-c
      name: 丙派出所
      type: police_station
      liaison: {name: 王建国, phone: 0573-85012345}
    """
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    school = by_id(loaded, "007")
    assert (school.name, school.phone, school.principal, school.address, school.note) == (  # type: ignore[attr-defined]
        "NO",
        "0573-85012345",
        "yes",
        "1_000",
        "12:30",
    )
    vehicle = by_id(loaded, "1e5")
    assert (vehicle.plate, vehicle.school, vehicle.owner) == ("1e5", "007", "0x1F")  # type: ignore[attr-defined]
    assert (vehicle.drivers[0].name, vehicle.drivers[0].license_class) == ("true", "1.50")  # type: ignore[attr-defined]
    assert by_id(loaded, "ps-c").liaison.phone == "0573-85012345"  # type: ignore[attr-defined]


# Dates


@pytest.mark.parametrize(
    "written",
    [
        "2012-05-14",
        "2012-5-14",
        "2012/5/14",
        "2012.5.14",
        "2012年5月14日",
        '"2012-05-14"',
        "'2012/05/14'",
        "'2012年5月14日'",
        "２０１２-０５-１４",
        "２０１２年５月１４日",
        "２０１２／５／１４",
        "２０１２．５．１４",
    ],
)
def test_every_date_spelling_loads(datadir: DataDir, written: str) -> None:
    loaded = datadir.load({"r.yaml": meeting(written)})
    assert loaded.diagnostics == []
    assert [m.date for m in of_kind(loaded, "meeting")] == [MAY_14]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "written",
    [
        "2012-02-30",
        "2012-13-01",
        "2012-05-14 08:30",
        "2012-05-14T08:30:00",
        "'2012-05-14 08:30'",
        "2012年5月14日 8时",
        "14/5/2012",
        "2012-05",
        "20120514",
        "2012年5月14",
        "五月十四日",
    ],
)
def test_bad_dates_are_errors_at_the_value(datadir: DataDir, written: str) -> None:
    loaded = datadir.load({"r.yaml": meeting(written)})
    assert located(loaded) == [("r.yaml", 2, 9, "E-bad-date")]
    assert of_kind(loaded, "meeting") == []


def test_campaign_dates_accept_the_same_spellings(datadir: DataDir) -> None:
    campaign = """\
    id: test-2012
    name: 测试
    issued: '2012/4/24'
    start: 2012年3月1日
    end: ２０１２-１１-３０
    terms:
      - {name: 2011学年第二学期, start: 2012.2.8, end: 2012-7-5}
    """
    loaded = datadir.load({"campaign.yaml": campaign})
    assert loaded.diagnostics == []
    assert loaded.campaign is not None
    c = loaded.campaign
    assert (c.issued, c.start, c.end) == (
        dt.date(2012, 4, 24),
        dt.date(2012, 3, 1),
        dt.date(2012, 11, 30),
    )
    assert (c.terms[0].start, c.terms[0].end) == (dt.date(2012, 2, 8), dt.date(2012, 7, 5))


# Booleans


def school(extra: str) -> str:
    """A school whose sixth line is `extra`."""
    return f"- kind: school\n  id: sch-c\n  name: 丙小学\n  type: primary\n  station: ps-a\n{extra}"


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("yes", True),
        ("Yes", True),
        ("YES", True),
        ("是", True),
        ("有", True),
        ("'true'", True),
        ("false", False),
        ("False", False),
        ("no", False),
        ("No", False),
        ("NO", False),
        ("否", False),
        ("无", False),
        ('"否"', False),
    ],
)
def test_boolean_spellings(datadir: DataDir, written: str, value: bool) -> None:
    loaded = datadir.load({"r.yaml": school(f"  boarding: {written}\n")})
    assert loaded.diagnostics == []
    assert by_id(loaded, "sch-c").boarding is value  # type: ignore[attr-defined]


@pytest.mark.parametrize("written", ["部分", "1", "on", "y", "对"])
def test_bad_booleans_are_errors_at_the_value(datadir: DataDir, written: str) -> None:
    # "  boarding: " is 12 characters
    assert datadir.located({"r.yaml": school(f"  boarding: {written}\n")}) == [
        ("r.yaml", 6, 13, "E-bad-bool")
    ]


def test_check_items_are_booleans(datadir: DataDir) -> None:
    text = """\
    - kind: vehicle_check
      id: vc-1
      date: 2012-05-14
      vehicle: veh-1
      unit: tb
      result: pass
      items: {逃生锤: 是, 灭火器: 无, 安全带: Yes}
    """
    loaded = datadir.load({"vehicles.yaml": VEHICLES, "r.yaml": text})
    assert loaded.diagnostics == []
    assert by_id(loaded, "vc-1").items == {"逃生锤": True, "灭火器": False, "安全带": True}  # type: ignore[attr-defined]


# Counts


@pytest.mark.parametrize(
    ("written", "value"),
    [("12", 12), ("'12'", 12), ("１２", 12), ('"１２"', 12), ("0", 0), ("1200", 1200)],
)
def test_count_spellings(datadir: DataDir, written: str, value: int) -> None:
    loaded = datadir.load({"r.yaml": school(f"  students: {written}\n")})
    assert loaded.diagnostics == []
    assert by_id(loaded, "sch-c").students == value  # type: ignore[attr-defined]


@pytest.mark.parametrize("written", ["12人", "-1", "1.5", "十二", "1e3", "many"])
def test_bad_counts_are_errors_at_the_value(datadir: DataDir, written: str) -> None:
    # "  students: " is 12 characters
    assert datadir.located({"r.yaml": school(f"  students: {written}\n")}) == [
        ("r.yaml", 6, 13, "E-bad-count")
    ]


def test_a_count_with_a_unit_word_hints_the_bare_number(datadir: DataDir) -> None:
    loaded = datadir.load({"r.yaml": school("  students: 12人\n")})
    [d] = loaded.diagnostics
    assert "write 12" in d.message("en")
    assert "12" in d.message("zh")


# Enumerated values: code or Chinese label, stored as the code


def test_chinese_labels_load_as_codes(datadir: DataDir) -> None:
    text = """\
    - kind: 单位
      id: ps-c
      name: 丙派出所
      type: 派出所
    - kind: 学校
      id: sch-c
      name: 丙幼儿园
      type: 幼儿园
      station: ps-c
      legal_vice_principal: {name: 李明, title: 法制辅导员}
    - kind: 检查
      id: in-1
      date: 2012-05-14
      unit: ps-c
      school: sch-c
      type: 全面检查
    - kind: 隐患
      id: hz-1
      school: sch-c
      found: 2012-05-14
      description: 围墙破损
      severity: 重大
      area: 周边
      category: 消防
    - kind: 车辆
      id: veh-2
      plate: 浙F-B0001
      school: sch-c
      type: 专用校车
      seats: 30
      drivers: [{name: 王五}]
    - kind: 车辆检查
      id: vc-1
      date: 2012-05-14
      vehicle: veh-2
      unit: tb
      result: 不合格
      hazards: [{id: hz-2, description: 灭火器过期}]
    - kind: 车辆状态
      id: vs-1
      date: 2012-05-15
      vehicle: veh-2
      status: 停运
    - kind: 安全教育
      id: ed-1
      date: 2012-05-14
      school: sch-c
      audience: 家长
    - kind: 案事件
      id: case-1
      date: 2012-05-14
      unit: ps-c
      type: 矛盾纠纷
      description: 家长纠纷
    - kind: 报送
      id: sub-1
      form: 统计报表
      unit: ps-c
      submitted: 2012-05-16
      period: 2012-05-1
    """
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    got = {
        x.id: (x.KIND, getattr(x, "type", None))
        for x in loaded.kept
        if x.path == "r.yaml" and x.id not in ("hz-1", "hz-2")
    }
    assert got == {
        "ps-c": ("unit", "police_station"),
        "sch-c": ("school", "kindergarten"),
        "in-1": ("inspection", "comprehensive"),
        "veh-2": ("vehicle", "school_bus"),
        "vc-1": ("vehicle_check", None),
        "vs-1": ("vehicle_status", None),
        "ed-1": ("education", None),
        "case-1": ("case", "dispute"),
        "sub-1": ("submission", None),
    }
    hz = by_id(loaded, "hz-1")
    assert (hz.KIND, hz.severity, hz.area, hz.category) == (
        "hazard",
        "major",
        "surroundings",
        "fire",
    )  # type: ignore[attr-defined]
    assert by_id(loaded, "sch-c").legal_vice_principal.title == "法制辅导员"  # type: ignore[attr-defined]
    assert by_id(loaded, "vc-1").result == "fail"  # type: ignore[attr-defined]
    assert by_id(loaded, "vs-1").status == "suspended"  # type: ignore[attr-defined]
    assert by_id(loaded, "ed-1").audience == "parents"  # type: ignore[attr-defined]
    assert by_id(loaded, "sub-1").form == "stats_form"  # type: ignore[attr-defined]


def test_a_value_outside_the_choices_is_an_error_at_the_value(datadir: DataDir) -> None:
    text = """\
    - kind: hazard
      id: hz-1
      school: sch-a
      found: 2012-05-14
      description: 围墙破损
      severity: critical
    """
    loaded = datadir.load({"r.yaml": text})
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [(6, 13, "E-bad-value")]
    assert "major" in loaded.diagnostics[0].message("en")


# Input-method mistakes


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("- kind: meeting\n  date：2012-05-14\n  unit: ps-a\n", 2, 7),
        ("- kind: meeting\n  date： 2012-05-14\n  unit: ps-a\n", 2, 7),
        ("- kind：meeting\n  date: 2012-05-14\n  unit: ps-a\n", 1, 7),
    ],
)
def test_fullwidth_colon_after_a_key(datadir: DataDir, text: str, line: int, column: int) -> None:
    assert datadir.located({"r.yaml": text}) == [("r.yaml", line, column, "E-fullwidth-colon")]


def test_fullwidth_colon_inside_text_is_fine(datadir: DataDir) -> None:
    loaded = datadir.load({"r.yaml": meeting(extra="  topic: 议题：校园安全\n")})
    assert loaded.diagnostics == []
    assert of_kind(loaded, "meeting")[0].topic == "议题：校园安全"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("indent", "column"), [("\t", 1), ("\u3000", 1), ("  \t", 3), ("\u3000\u3000", 1)]
)
def test_tabs_and_fullwidth_spaces_in_indentation(
    datadir: DataDir, indent: str, column: int
) -> None:
    text = f"- kind: meeting\n{indent}date: 2012-05-14\n  unit: ps-a\n"
    assert datadir.located({"r.yaml": text, "ok.yaml": meeting()}) == [
        ("r.yaml", 2, column, "E-indent")
    ]


# Lists of free text


def inspection(inspectors: str) -> str:
    """An inspection whose `inspectors` value starts at line 5, column 15."""
    return (
        "- kind: inspection\n  id: in-1\n  date: 2012-05-14\n  unit: ps-a\n"
        f"  inspectors: {inspectors}\n  school: sch-a\n"
    )


@pytest.mark.parametrize(
    ("written", "names"),
    [
        ("王建国，李明", ("王建国", "李明")),
        ("王建国、李明；赵六", ("王建国", "李明", "赵六")),
        ("[王建国，李明]", ("王建国", "李明")),
        ("[王建国、李明, 赵六]", ("王建国", "李明", "赵六")),
    ],
)
def test_text_lists_are_split_with_a_warning(
    datadir: DataDir, written: str, names: tuple[str, ...]
) -> None:
    loaded = datadir.load({"r.yaml": inspection(written)})
    assert problems(loaded) == [("r.yaml", 5, "W-split-list")]
    rec = by_id(loaded, "in-1")
    assert rec.inspectors == names  # type: ignore[attr-defined]
    assert rec.officers_deployed == len(names)  # type: ignore[attr-defined]


def test_a_split_scalar_warning_points_at_the_value(datadir: DataDir) -> None:
    assert datadir.located({"r.yaml": inspection("王建国，李明")}) == [
        ("r.yaml", 5, 15, "W-split-list")
    ]


@pytest.mark.parametrize(
    ("written", "names"), [("[王建国, 李明]", ("王建国", "李明")), ("王建国", ("王建国",))]
)
def test_text_lists_without_separators_give_no_warning(
    datadir: DataDir, written: str, names: tuple[str, ...]
) -> None:
    loaded = datadir.load({"r.yaml": inspection(written)})
    assert loaded.diagnostics == []
    assert by_id(loaded, "in-1").inspectors == names  # type: ignore[attr-defined]


def test_departments_and_checked_drivers_are_split_too(datadir: DataDir) -> None:
    text = """\
    - kind: operation
      id: op-1
      date: 2012-06-01
      lead: sb
      departments: 综治、公安、文化
    - kind: vehicle_check
      id: vc-1
      date: 2012-05-14
      vehicle: veh-1
      unit: tb
      drivers: 张三，李四
      result: pass
    """
    loaded = datadir.load({"vehicles.yaml": VEHICLES, "r.yaml": text})
    assert [(d.line, d.code) for d in loaded.diagnostics] == [
        (5, "W-split-list"),
        (11, "W-split-list"),
    ]
    assert by_id(loaded, "op-1").departments == ("综治", "公安", "文化")  # type: ignore[attr-defined]
    assert by_id(loaded, "vc-1").drivers == ("张三", "李四")  # type: ignore[attr-defined]


# Lists of ids


def test_id_lists_accept_a_single_id(datadir: DataDir) -> None:
    text = """\
    - kind: training
      id: tr-1
      date: 2012-05-20
      unit: ps-a
      schools: sch-a
    - kind: meeting
      id: mt-1
      date: 2012-05-20
      unit: ps-a
      schools: sch-b
    - kind: operation
      id: op-1
      date: 2012-06-01
      lead: sb
      departments: [综治, 公安]
      stations: ps-a
    - kind: submission
      id: sub-1
      form: experience
      unit: ps-a
      submitted: 2012-06-01
      to: edu
    """
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    assert by_id(loaded, "tr-1").schools == ("sch-a",)  # type: ignore[attr-defined]
    assert by_id(loaded, "mt-1").schools == ("sch-b",)  # type: ignore[attr-defined]
    assert by_id(loaded, "op-1").stations == ("ps-a",)  # type: ignore[attr-defined]
    assert by_id(loaded, "sub-1").to == ("edu",)  # type: ignore[attr-defined]


def training(schools: str) -> str:
    """A training whose `schools` value starts at line 4, column 12."""
    return f"- kind: training\n  date: 2012-05-20\n  unit: ps-a\n  schools: {schools}\n"


@pytest.mark.parametrize(
    ("written", "column"),
    [
        ("sch-a，sch-b", 12),
        ("sch-a、sch-b", 12),
        ("sch-a, sch-b", 12),
        ("sch-a sch-b", 12),
        ("[sch-a、sch-b]", 13),
        ("[sch-a；sch-b]", 13),
    ],
)
def test_separators_inside_an_id_are_an_error_showing_the_list_form(
    datadir: DataDir, written: str, column: int
) -> None:
    loaded = datadir.load({"r.yaml": training(written)})
    assert located(loaded) == [("r.yaml", 4, column, "E-bad-id")]
    assert "[sch-a, sch-b]" in loaded.diagnostics[0].message("en")
    assert of_kind(loaded, "training") == []


def test_separators_inside_a_single_id_field_are_an_error(datadir: DataDir) -> None:
    text = """\
    - kind: inspection
      date: 2012-05-14
      unit: ps-a
      school: sch-a，sch-b
    """
    loaded = datadir.load({"r.yaml": text})
    assert [(d.line, d.column, d.code) for d in loaded.diagnostics] == [(4, 11, "E-bad-id")]
    assert "[sch-a, sch-b]" in loaded.diagnostics[0].message("en")


# Line ends


@pytest.mark.parametrize("end", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends_keep_positions(datadir: DataDir, end: str) -> None:
    text = meeting("2012-02-30").replace("\n", end)
    assert datadir.located({"r.yaml": text.encode()}) == [("r.yaml", 2, 9, "E-bad-date")]


def test_a_form_feed_in_a_comment_does_not_shift_lines(datadir: DataDir) -> None:
    text = "# 会议\x0c记录\n- kind: meeting\n\tdate: 2012-05-14\n  unit: ps-a\n"
    assert datadir.located({"r.yaml": text}) == [("r.yaml", 3, 1, "E-indent")]
