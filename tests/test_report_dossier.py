"""`hxay report --form dossier` (一校一档) on a hand-made folder: one school (sch-a1) with its
vehicle, inspections, a hazard at each step of the loop, legal visits, education, a training
and a case, and records of another school and after D that must stay out. Every listing is
asserted row by row as worked out by hand in the comments; then the JSON, the formats, and
the command line (one file per school with --out DIR, an unknown school is exit 2).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from ruleskit import make_folder
from typer.testing import CliRunner

from hxay import api
from hxay.cli import app
from hxay.loading.load import load
from hxay.models.ledger import Ledger, Provenance
from hxay.render import formats
from hxay.render.formats import Format, RenderOptions
from hxay.reports import forms
from hxay.reports.document import Document
from hxay.reports.dossier import build_dossiers, select_schools
from hxay.reports.period import UsageError
from hxay.rules.registry import BY_ID, evaluate

D = dt.date(2012, 6, 30)
PROVENANCE = Provenance("data", None, None, 0, 0, 0)

# Only these obligations run, so the obligations listing can be worked out by hand.
ON = ("hazard_assignment", "hazard_rectification", "hazard_review", "legal_visits", "vehicle_check")


def obligations(review: bool = True) -> str:
    lines = ["obligations:"]
    for ob in BY_ID:
        if ob == "hazard_review":
            lines.append(f"  hazard_review: {{enabled: {'true' if review else 'false'}}}")
        elif ob not in ON:
            lines.append(f"  {ob}: {{enabled: false}}")
    return "\n".join(lines) + "\n"


SCHOOLS = """\
- {kind: school, id: sch-a1, name: 甲一小学, type: primary, station: ps-a, uses_transport: true,
   principal: 周校长, address: 甲路1号, legal_vice_principal: {name: 王警官, unit: 甲派出所}}
- {kind: school, id: sch-b1, name: 乙一幼儿园, type: kindergarten, station: ps-b,
   uses_transport: false, legal_vice_principal: {name: 李警官}}
"""
VEHICLES = """\
- kind: vehicle
  id: v1
  plate: 浙F-00001
  school: sch-a1
  seats: 19
  drivers: [{name: 张三, license_valid_until: 2014-03-01}]
  inspection_valid_until: 2012-12-31
  insurance_valid_until: 2012-07-15
"""
PEOPLE = "supervisor: {name: 陈伟, unit: edu}, rectifier: {name: 张老师, phone: '139'}"
RECORDS = f"""\
- kind: inspection
  id: insp-1
  date: 2012-05-02
  unit: ps-a
  school: sch-a1
  inspectors: [王, 李]
  hazards:
    - {{id: hz-closed, description: 围墙破损, deadline: 2012-05-10, {PEOPLE},
       rectified: 2012-05-08, reviewed: 2012-05-12, verified_by: 刘复查}}
    - {{id: hz-late, description: 监控损坏, severity: serious, deadline: 2012-05-10, {PEOPLE},
       rectified: 2012-05-15, reviewed: 2012-05-30}}
- {{kind: hazard, id: hz-future, school: sch-a1, found: 2012-06-01, description: 门卫缺岗,
   deadline: 2012-06-25, {PEOPLE}, rectified: 2012-07-05}}
- kind: inspection
  id: insp-2
  date: 2012-06-05
  unit: ps-b
  school: sch-a1
  type: comprehensive
  officers: 3
  hazards:
    - {{id: hz-open, description: 消防通道堵塞, deadline: 2012-06-20,
       rectifier: {{name: 张老师}}}}
    - {{id: hz-new, found: 2012-06-28, description: 灭火器过期, deadline: 2012-07-10, {PEOPLE}}}
- {{kind: hazard, id: hz-veh, vehicle: v1, found: 2012-06-10, description: 座椅松动,
   deadline: 2012-06-15, {PEOPLE}, rectified: 2012-06-14}}
- {{kind: hazard, id: hz-b, school: sch-b1, found: 2012-05-05, description: 大门损坏,
   deadline: 2012-05-20}}
- {{kind: vehicle_check, id: vc-1, date: 2012-05-20, vehicle: v1, unit: jjdd, drivers: [张三],
   result: pass}}
- {{kind: legal_visit, id: lv-1, date: 2012-05-15, school: sch-a1, activity: 法制讲座,
   participants: 300}}
- {{kind: legal_visit, id: lv-2, date: 2012-06-12, school: sch-a1, person: 赵警官,
   activity: 交通安全}}
- {{kind: legal_visit, id: lv-b, date: 2012-06-12, school: sch-b1}}
- {{kind: training, id: tr-1, date: 2012-05-22, unit: ps-a, schools: [sch-a1, sch-b1],
   trainees: 12, topic: 保安培训}}
- {{kind: training, id: tr-b, date: 2012-05-23, unit: ps-b, schools: [sch-b1]}}
- {{kind: education, id: ed-1, date: 2012-06-01, school: sch-a1, audience: students,
   participants: 200, topic: 防溺水}}
- {{kind: case, id: case-1, date: 2012-06-02, unit: ps-a, type: public_order, school: sch-a1,
   description: 校门口斗殴, solved: 2012-07-03, persons_handled: 2}}
- {{kind: case, id: case-later, date: 2012-07-01, unit: ps-a, type: dispute, school: sch-a1,
   description: 家长纠纷}}
- {{kind: inspection, id: insp-later, date: 2012-07-02, unit: ps-a, school: sch-a1}}
"""


def folder(root: Path, review: bool = True) -> Path:
    return make_folder(
        root,
        {"vehicles.yaml": VEHICLES, "records/2012.yaml": RECORDS},
        campaign_extra=obligations(review),
        schools=SCHOOLS,
    )


def ledger_of(root: Path) -> Ledger:
    loaded = load(root)
    assert not loaded.errors, [d.format("en") for d in loaded.errors]
    assert not loaded.diagnostics, [d.format("en") for d in loaded.diagnostics]
    assert loaded.ledger is not None
    return loaded.ledger


def dossier(root: Path, lang: str = "zh") -> Document:
    ledger = ledger_of(root)
    findings, problems = evaluate(ledger, D)
    assert not problems
    schools = select_schools(ledger, ["sch-a1"], None)
    docs = build_dossiers(ledger, D, findings, schools, provenance=PROVENANCE, lang=lang)  # type: ignore[arg-type]
    return docs["sch-a1"]


@pytest.fixture(scope="module")
def doc(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return dossier(folder(tmp_path_factory.mktemp("dossier") / "data"))


def rows(doc: Document, listing: str, *keys: str) -> list[tuple[object, ...]]:
    return [tuple(rec[k] for k in keys) for rec in doc.listing(listing).records()]


def people(doc: Document, listing: str, *keys: str) -> list[tuple[object, ...]]:
    """Values of the columns for people (the `text` ones JSON leaves out), row by row."""
    found = doc.listing(listing)
    index = [next(j for j, f in enumerate(found.fields) if f.id == k) for k in keys]
    return [tuple(row[j] for j in index) for row in found.rows]


def test_range_and_register(doc: Document) -> None:
    assert doc.form == "dossier" and doc.title == "测试专项行动一校一档:甲一小学"
    assert doc.period is not None and (doc.period.start, doc.period.end) == (
        dt.date(2012, 3, 1),
        D,
    )
    assert dict(people(doc, "register", "item", "value")) == {
        "学校编号": "sch-a1",
        "学校名称": "甲一小学",
        "学校类型": "小学",
        "辖区派出所": "甲派出所(ps-a)",
        "地址": "甲路1号",
        "校长": "周校长",
        "是否有接送学生车辆": "是",
        "法制副校长": "法制副校长 王警官、甲派出所",
    }
    block = doc.extra["school"]
    assert isinstance(block, dict)
    assert block["id"] == "sch-a1" and block["type"] == "primary" and block["uses_transport"]
    assert block["legal_vice_principal"] == {
        "name": "王警官",
        "title": "法制副校长",
        "unit": "甲派出所",
        "phone": None,
    }


def test_vehicles_drivers_and_checks(doc: Document) -> None:
    assert rows(
        doc, "vehicles", "vehicle", "plate", "type", "seats", "state", "inspection_valid_until"
    ) == [("v1", "浙F-00001", "contracted", 19, "in_service", "2012-12-31")]
    assert rows(doc, "vehicles", "insurance_valid_until", "permit_valid_until") == [
        ("2012-07-15", None)
    ]
    assert rows(doc, "drivers", "vehicle", "driver", "license_valid_until") == [
        ("v1", "张三", "2014-03-01")
    ]
    assert rows(doc, "vehicle_checks", "id", "date", "unit", "drivers", "result", "hazards") == [
        ("vc-1", "2012-05-20", "jjdd", "张三", "pass", None)
    ]


def test_inspections_up_to_d(doc: Document) -> None:
    # insp-later (07-02) is after D; insp-2 found hz-open (06-05) and hz-new (06-28)
    assert rows(doc, "inspections", "id", "date", "unit", "type", "officers", "hazards") == [
        ("insp-1", "2012-05-02", "ps-a", "routine", 2, "hz-closed、hz-late"),
        ("insp-2", "2012-06-05", "ps-b", "comprehensive", 3, "hz-open、hz-new"),
    ]
    assert people(doc, "inspections", "unit_name", "type_name") == [
        ("甲派出所", "日常检查"),
        ("乙派出所", "全面检查"),
    ]


LOOP = (
    "hazard",
    "found_by",
    "assignment",
    "assignment_days",
    "rectified",
    "rectification",
    "rectification_days",
    "reviewed",
    "review",
    "review_days",
    "stage",
)


def test_hazard_loop_by_hand(doc: Document) -> None:
    # D = 06-30. Assignment is due found + 7; rectification on the deadline; review
    # rectified + 7. hz-b is another school's.
    assert rows(doc, "hazards", *LOOP) == [
        # all recorded; rectified 05-08 <= 05-10; reviewed 05-12 <= 05-15
        (
            "hz-closed",
            "ps-a",
            "met",
            None,
            "2012-05-08",
            "met",
            None,
            "2012-05-12",
            "met",
            None,
            "closed",
        ),
        # rectified 05-15, 5 days after 05-10; reviewed 05-30, 8 days after 05-22
        (
            "hz-late",
            "ps-a",
            "met",
            None,
            "2012-05-15",
            "late",
            5,
            "2012-05-30",
            "late",
            8,
            "closed",
        ),
        # no source record; rectified 07-05 is after D: not known, 5 days past 06-25, no review yet
        ("hz-future", None, "met", None, None, "overdue", 5, None, None, None, "overdue"),
        # no supervisor: assignment due 06-12, 18 days overdue; deadline 06-20, 10 days overdue
        ("hz-open", "ps-b", "overdue", 18, None, "overdue", 10, None, None, None, "overdue"),
        # a vehicle hazard of the school's vehicle: rectified 06-14 in time; review due 06-21
        ("hz-veh", None, "met", None, "2012-06-14", "met", None, None, "overdue", 9, "rectified"),
        # found 06-28 (after its inspection): everything still ahead
        ("hz-new", "ps-b", "met", None, None, "due", None, None, None, None, "rectifying"),
    ]
    texts = people(
        doc,
        "hazards",
        "found_text",
        "assigned_text",
        "rectified_text",
        "reviewed_text",
        "stage_text",
    )
    assert texts[0] == (
        "2012-05-02 甲派出所",
        "督办:陈伟(教育局);整改:张老师(139);已落实",
        "2012-05-08;按时",
        "2012-05-12;刘复查;按时",
        "已销号",
    )
    assert texts[1][2:] == ("2012-05-15;逾期5天完成", "2012-05-30;逾期8天完成", "已销号")
    assert texts[2] == (
        "2012-06-01",
        "督办:陈伟(教育局);整改:张老师(139);已落实",
        "未整改;逾期5天未完成",
        "",
        "逾期未整改",
    )
    assert texts[3][1] == "整改:张老师;未落实督办责任人;逾期18天未完成"
    assert texts[4][3:] == ("未复查;逾期9天未完成", "已整改")
    assert texts[5][2:] == ("未整改;期限2012-07-10", "", "整改中")
    lead = doc.sections[3].blocks[0]
    assert (
        getattr(lead, "text", "")
        == "截至2012-06-30共6处:已销号2处、已整改1处、逾期未整改2处、整改中1处。"
    )


def test_hazard_loop_without_the_review_duty(tmp_path: Path) -> None:
    # hazard_review off: no lateness for the review step, and no "not reviewed" where none
    # is asked for; the reviewed dates themselves stay
    doc = dossier(folder(tmp_path / "data", review=False))
    assert rows(doc, "hazards", "hazard", "reviewed", "review", "review_days") == [
        ("hz-closed", "2012-05-12", None, None),
        ("hz-late", "2012-05-30", None, None),
        ("hz-future", None, None, None),
        ("hz-open", None, None, None),
        ("hz-veh", None, None, None),
        ("hz-new", None, None, None),
    ]
    assert [t[0] for t in people(doc, "hazards", "reviewed_text")] == [
        "2012-05-12;刘复查",
        "2012-05-30",
        "",
        "",
        "",
        "",
    ]
    assert "hazard_review" not in {r[0] for r in rows(doc, "obligations", "obligation")}


def test_visits_education_trainings_cases(doc: Document) -> None:
    # lv-1 names no person: the school's legal vice-principal; lv-b is another school's
    assert rows(doc, "legal_visits", "id", "date", "person", "activity", "participants") == [
        ("lv-1", "2012-05-15", "王警官", "法制讲座", 300),
        ("lv-2", "2012-06-12", "赵警官", "交通安全", None),
    ]
    assert rows(doc, "education", "id", "date", "audience", "topic", "participants") == [
        ("ed-1", "2012-06-01", "students", "防溺水", 200)
    ]
    # tr-b does not list the school
    assert rows(doc, "trainings", "id", "date", "unit", "trainees", "schools") == [
        ("tr-1", "2012-05-22", "ps-a", 12, 2)
    ]
    # case-later is after D; case-1's solved (07-03) is not known on 06-30
    assert rows(doc, "cases", "id", "date", "type", "solved", "persons_handled") == [
        ("case-1", "2012-06-02", "public_order", None, 2)
    ]


def test_obligations_of_the_school_its_hazards_and_vehicle(doc: Document) -> None:
    # sorted by due, obligation, subject; units: insp-1 -> ps-a, insp-2 -> ps-b, no source
    # -> the station ps-a, a vehicle hazard without source -> the traffic brigade jjdd.
    # legal_visits: term 03-01..07-05, 2 visits by 06-12; vehicle_check over the campaign.
    assert rows(doc, "obligations", "obligation", "subject", "unit", "due", "status", "days") == [
        ("hazard_assignment", "hz-closed", "ps-a", "2012-05-09", "met", None),
        ("hazard_assignment", "hz-late", "ps-a", "2012-05-09", "met", None),
        ("hazard_rectification", "hz-closed", "ps-a", "2012-05-10", "met", None),
        ("hazard_rectification", "hz-late", "ps-a", "2012-05-10", "late", 5),
        ("hazard_review", "hz-closed", "ps-a", "2012-05-15", "met", None),
        ("hazard_review", "hz-late", "ps-a", "2012-05-22", "late", 8),
        ("hazard_assignment", "hz-future", "ps-a", "2012-06-08", "met", None),
        ("hazard_assignment", "hz-open", "ps-b", "2012-06-12", "overdue", 18),
        ("hazard_rectification", "hz-veh", "jjdd", "2012-06-15", "met", None),
        ("hazard_assignment", "hz-veh", "jjdd", "2012-06-17", "met", None),
        ("hazard_rectification", "hz-open", "ps-b", "2012-06-20", "overdue", 10),
        ("hazard_review", "hz-veh", "jjdd", "2012-06-21", "overdue", 9),
        ("hazard_rectification", "hz-future", "ps-a", "2012-06-25", "overdue", 5),
        ("hazard_assignment", "hz-new", "ps-b", "2012-07-05", "met", None),
        ("legal_visits", "sch-a1", "ps-a", "2012-07-05", "met", None),
        ("hazard_rectification", "hz-new", "ps-b", "2012-07-10", "due", None),
        ("vehicle_check", "v1", "jjdd", "2012-11-30", "met", None),
    ]
    subjects = [row[0] for row in people(doc, "obligations", "subject_name")]
    assert (
        subjects[0] == "hz-closed 围墙破损"
        and subjects[14] == "本校"
        and subjects[16] == "浙F-00001"
    )
    status = doc.sections[-1].blocks[0]
    assert (
        getattr(status, "text", "") == "共17项:按时完成10项,逾期完成2项,逾期未完成4项,待完成1项。"
    )


def test_json_carries_every_listing_and_the_register(doc: Document) -> None:
    data = json.loads(str(formats.render(doc, Format.json)))
    assert data["form"] == "dossier" and data["as_of"] == "2012-06-30"
    assert data["school"] == doc.extra["school"]
    listings = [
        "vehicles",
        "drivers",
        "vehicle_checks",
        "inspections",
        "hazards",
        "legal_visits",
        "education",
        "trainings",
        "cases",
        "obligations",
    ]
    assert [k for k in data if k in listings] == listings
    assert "register" not in data and "register" not in data["fields"]  # for people only
    assert list(data["fields"]) == listings
    assert data["hazards"] == doc.listing("hazards").records()
    assert "stage_text" not in data["hazards"][0] and data["hazards"][0]["stage"] == "closed"
    assert {"id": "due", "label": "期限"} in data["fields"]["obligations"]


def test_people_formats_show_the_words(doc: Document) -> None:
    md = str(formats.render(doc, Format.md))
    assert md.startswith("# 测试专项行动一校一档:甲一小学")
    assert "## 四、隐患整改闭环(发现—交办—整改—复查—销号)" in md
    assert "| hz-open | 消防通道堵塞 | 2012-06-05 乙派出所 |" in md
    assert "| hz-late | 监控损坏(严重) | 2012-05-02 甲派出所 |" in md
    html = str(formats.render(doc, Format.html))
    assert html.startswith("<!DOCTYPE html>") and 'data-listing="hazards"' in html
    assert "逾期18天未完成" in html
    text = str(formats.render(doc, Format.table, RenderOptions(width=100)))
    assert "九、义务履行情况" in text and "逾期未整改" in text.replace("\n", "")


def test_english(tmp_path: Path) -> None:
    doc = dossier(folder(tmp_path / "data"), lang="en")
    assert doc.title == "测试专项行动: school file, 甲一小学"
    assert people(doc, "hazards", "stage_text")[0] == ("closed",)
    assert dict(people(doc, "register", "item", "value"))["Police station"] == "甲派出所 (ps-a)"


def test_select_schools(tmp_path: Path) -> None:
    ledger = ledger_of(folder(tmp_path / "data"))
    assert [s.id for s in select_schools(ledger, [], None)] == ["sch-a1", "sch-b1"]
    assert [s.id for s in select_schools(ledger, [], "ps-b")] == ["sch-b1"]
    assert [s.id for s in select_schools(ledger, ["乙一幼儿园", "sch-a1"], None)] == [
        "sch-b1",
        "sch-a1",
    ]
    with pytest.raises(UsageError) as bad:
        select_schools(ledger, ["sch-a2"], None)
    assert "sch-a1" in bad.value.msg.zh and "sch-a1" in bad.value.msg.en
    with pytest.raises(UsageError):
        select_schools(ledger, ["sch-a1"], "ps-b")  # not that station's school


# the command line


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("HXAY_DATA", raising=False)
    return CliRunner()


def report(runner: CliRunner, root: Path, *args: str) -> tuple[int, str, str]:
    got = runner.invoke(app, ["report", "--form", "dossier", "--data", str(root), *args])
    return got.exit_code, got.stdout, got.stderr


def test_cli_json_is_the_api_result(runner: CliRunner, tmp_path: Path) -> None:
    root = folder(tmp_path / "data")
    code, out, _ = report(runner, root, "--school", "sch-a1", "--as-of", "2012-06-30", "-f", "json")
    assert code == 0
    result = api.report(
        root, month=None, display_path=str(root), form="dossier", as_of=D, schools=["sch-a1"]
    )
    assert isinstance(result.table, Document)
    assert out == formats.render(result.table, Format.json)
    # --month M: up to M's last day; the exact name works as the id does
    code, by_month, _ = report(runner, root, "--school", "甲一小学", "-m", "2012-06", "-f", "json")
    assert code == 0 and by_month == out


def test_cli_out_dir_writes_one_file_per_school(runner: CliRunner, tmp_path: Path) -> None:
    root = folder(tmp_path / "data")
    target = tmp_path / "files"
    code, out, err = report(runner, root, "--as-of", "2012-06-30", "--out", str(target))
    assert code == 0 and out == ""
    assert sorted(p.name for p in target.iterdir()) == ["sch-a1.html", "sch-b1.html"]
    assert "乙一幼儿园" in (target / "sch-b1.html").read_text("utf-8")
    assert f"已在 {target} 写入 2 个文件" in err
    # --format picks the files' format; --unit narrows the schools; an existing folder
    # takes a single --school too
    code, _, err = report(
        runner, root, "--unit", "ps-a", "-f", "md", "--out", str(target), "--lang", "en"
    )
    assert code == 0 and "wrote 1 file to" in err
    assert (
        (target / "sch-a1.md")
        .read_text("utf-8")
        .startswith("# 测试专项行动: school file, 甲一小学")
    )
    code, _, _ = report(runner, root, "--school", "sch-b1", "-f", "json", "--out", str(target))
    assert code == 0
    assert json.loads((target / "sch-b1.json").read_text("utf-8"))["school"]["id"] == "sch-b1"


def test_cli_one_school_to_a_file(runner: CliRunner, tmp_path: Path) -> None:
    root = folder(tmp_path / "data")
    target = tmp_path / "sch-a1.md"
    code, out, _ = report(runner, root, "--school", "sch-a1", "--out", str(target))
    assert code == 0 and out == ""
    assert "## 九、义务履行情况" in target.read_text("utf-8")


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--school", "sch-a2"], "sch-a1"),  # an unknown school names the nearest ids
        ([], "--school"),  # neither one school nor --out DIR
        (["--school", "sch-a1,sch-b1"], "--out"),
        (["--school", "sch-a1", "-f", "csv"], "json"),
        (["--school", "sch-a1", "--half", "1", "-m", "2012-05"], "--half"),
        (["--school", "sch-a1", "-m", "2013-01"], "2013-01"),
    ],
)
def test_cli_usage_errors_exit_2(
    runner: CliRunner, tmp_path: Path, args: list[str], needle: str
) -> None:
    root = folder(tmp_path / "data")
    code, out, err = report(runner, root, *args)
    assert code == 2 and out == ""
    assert needle in err


def test_cli_school_only_for_the_dossier(runner: CliRunner, tmp_path: Path) -> None:
    root = folder(tmp_path / "data")
    got = runner.invoke(
        app, ["report", "--form", "schools", "--school", "sch-a1", "--data", str(root)]
    )
    assert got.exit_code == 2 and "--school" in got.stderr


def test_cli_out_that_is_a_file_is_not_a_folder(runner: CliRunner, tmp_path: Path) -> None:
    root = folder(tmp_path / "data")
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    code, _, err = report(runner, root, "--out", str(target))
    assert code == 2 and "taken" in err
    assert target.read_text("utf-8") == "x"


@pytest.mark.parametrize("form", ["summary", "serious-list", "schools", "dossier"])
def test_month_means_up_to_its_last_day(tmp_path: Path, form: str) -> None:
    # the reports that run up to a date: --month M is M's last day, cut by --as-of
    campaign = ledger_of(folder(tmp_path / "data")).campaign
    forms.check_options(form, "2012-06", None, ["sch-a1"] if form == "dossier" else ())
    assert forms.report_day(forms.Request(form, month="2012-06"), campaign) == D
    cut = forms.Request(form, month="2012-06", as_of=dt.date(2012, 6, 10))
    assert forms.report_day(cut, campaign) == dt.date(2012, 6, 10)
    with pytest.raises(UsageError):
        forms.report_day(forms.Request(form, month="2012-02"), campaign)  # before the campaign
    with pytest.raises(UsageError):
        forms.check_options(form, "2012-06", 1, ["sch-a1"] if form == "dossier" else ())
