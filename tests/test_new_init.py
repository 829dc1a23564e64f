"""`hxay new` (record skeletons, fresh ids, safe appends) and `hxay init` (a new folder)."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from conftest import VEHICLES, DataDir
from typer.testing import CliRunner

from hxay import api
from hxay.cli import app
from hxay.editing import ids
from hxay.editing.init import files
from hxay.models import records as r
from hxay.models.plan import CONFIRM
from hxay.rules.registry import OBLIGATIONS

DAY = "2012-05-14"
NOW = dt.datetime(2012, 5, 14, 4, tzinfo=dt.UTC)

# A valid value for each placeholder the skeletons leave, by (kind, field) or field.
FILL = {
    ("unit", "type"): "police_station",
    ("school", "type"): "primary",
    ("case", "type"): "criminal",
    "name": "新名称",
    "school": "sch-a",
    "station": "ps-a",
    "unit": "ps-a",
    "vehicle": "veh-1",
    "lead": "sb",
    "plate": "浙F-N0001",
    "seats": "19",
    "drivers[0].name": "张三",
    "description": "围墙破损",
    "result": "pass",
    "status": "suspended",
    "audience": "students",
    "schools": "[sch-a]",
    "departments": "[综治, 公安]",
    "form": "stats_form",
    "period": "2012-05-1",
}
_PLACEHOLDER = re.compile(r"^(?P<lead>\s*(?:- )?)(?P<key>[A-Za-z_]+):\s+#.*$", re.M)


def fill(kind: str, text: str, missing: list[str]) -> str:
    """Replace each placeholder line by the field with a valid value."""

    def value(m: re.Match[str]) -> str:
        key = m["key"]
        path = next(p for p in missing if p == key or p.endswith(f".{key}"))
        missing.remove(path)
        chosen = FILL.get((kind, key), FILL.get(path, FILL.get(key)))
        assert chosen is not None, (kind, path)
        return f"{m['lead']}{key}: {chosen}"

    return _PLACEHOLDER.sub(value, text)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(datadir: DataDir) -> Path:
    return datadir.write({"vehicles.yaml": VEHICLES})


@pytest.mark.parametrize("kind", list(r.KINDS))
def test_every_kind_loads_once_its_placeholders_are_filled(kind: str, folder: Path) -> None:
    code, out, err = run("new", kind, "--data", str(folder), "--date", DAY)
    assert code == 0, err
    listed = re.search(r"# 请填写:(.*)", err)
    missing = listed.group(1).split(", ") if listed else []
    assert len(_PLACEHOLDER.findall(out)) == len(missing)
    # unfilled, the skeleton does not load: placeholders are real gaps, never silent text
    (folder / "new.yaml").write_text(out, encoding="utf-8")
    if missing:
        assert any(d.code == "E-missing-field" for d in api.validate(folder).errors)
    filled = fill(kind, out, list(missing))
    (folder / "new.yaml").write_text(filled, encoding="utf-8")
    loaded = api.validate(folder)
    assert [d.format("en") for d in loaded.errors] == []
    ident = re.search(r"^  id: (.+)$", out, re.M)
    assert ident is not None
    assert any(x.id == ident.group(1) and isinstance(x, r.KINDS[kind]) for x in loaded.kept)


def test_the_date_is_today_in_the_campaign_timezone_or_date(folder: Path) -> None:
    late = dt.datetime(2012, 5, 13, 17, 30, tzinfo=dt.UTC)  # 2012-05-14 01:30 in Shanghai
    made = api.new_record(folder, kind="inspection", assignments=[], day=None, now=late)
    assert "date: 2012-05-14" in made.text
    made = api.new_record(
        folder, kind="inspection", assignments=[], day=dt.date(2012, 6, 1), now=late
    )
    assert "date: 2012-06-01" in made.text
    assert made.record_id == "insp-20120601-1"


def test_given_fields_lists_nested_and_own_fields(folder: Path) -> None:
    code, out, _ = run(
        "new",
        "检查",
        "school=sch-a",
        "inspectors=王建国，李明",
        "x_memo=note: with colon",
        "--data",
        str(folder),
        "--date",
        DAY,
    )
    assert code == 0
    assert "- kind: inspection\n" in out
    assert "  inspectors: [王建国, 李明]\n" in out
    assert '  x_memo: "note: with colon"\n' in out
    code, out, _ = run(
        "new",
        "hazard",
        "school=sch-a",
        "supervisor.name=陈伟",
        "rectifier=张老师",
        "--data",
        str(folder),
        "--date",
        DAY,
    )
    assert "  supervisor:\n    name: 陈伟\n    unit:   #" in out
    assert "  rectifier:\n    name: 张老师\n" in out


@pytest.mark.parametrize("text", ["007", "yes", "null", "~", "a: b", "#1", "- x", " lead", "1e5"])
def test_values_are_written_so_hxay_reads_them_back_exactly(text: str, folder: Path) -> None:
    made = api.new_record(
        folder,
        kind="hazard",
        assignments=["school=sch-a", f"description={text}", f"notice_no={text}"],
        day=None,
        now=NOW,
    )
    (folder / "new.yaml").write_text(made.text, encoding="utf-8")
    loaded = api.validate(folder)
    assert loaded.errors == []
    hazard = next(x for x in loaded.kept if x.id == made.record_id)
    assert isinstance(hazard, r.Hazard)
    assert (hazard.description, hazard.notice_no) == (text, text)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["new", "inspecton"], "did you mean 'inspection'"),
        (["new", "hazard", "deadlne=2012-05-01"], "did you mean 'deadline'"),
        (["new", "hazard", "deadline=2012-02-30"], "2012-02-30"),
        (["new", "hazard", "severity=critical"], "critical"),
        (["new", "hazard", "school"], "field=value"),
        (["new", "hazard", "--date", "2012-13-01"], "--date"),
    ],
)
def test_usage_problems_exit_2(args: list[str], needle: str, folder: Path) -> None:
    code, _, err = run(*args, "--data", str(folder), "--lang", "en")
    assert code == 2
    assert needle in err


def _ids(existing: list[tuple[str, str]], kind: str, **given: str) -> str:
    found = ids.Existing()
    for k, ident in existing:
        data = {"id": ident, **({"station": ident.split("-")[1]} if k == "school" else {})}
        found.add(k, data)
    return ids.fresh_id(kind, dt.date(2012, 5, 14), given, found)


def test_fresh_ids_follow_the_folder() -> None:
    hz = [("hazard", f"hz-2012-{n:04d}") for n in (1, 2, 7)]
    assert _ids(hz, "hazard") == "hz-2012-0008"
    assert _ids([("hazard", "hz-2011-0099")], "hazard") == "hz-2012-0001"  # a new year restarts
    schools = [("school", "sch-dh-01"), ("school", "sch-dh-02"), ("school", "sch-zp-05")]
    assert _ids(schools, "school", station="dh") == "sch-dh-03"
    assert _ids(schools, "school", station="zp") == "sch-zp-06"
    assert _ids(schools, "school") == "sch-20120514-1"  # no station: no group to number in
    assert _ids([], "vehicle", plate="浙F12345") == "浙F12345"  # vehicles go by their plate
    assert _ids([("vehicle", "浙F12345")], "vehicle", plate="浙F12345") == "veh-20120514-1"
    taken = [("meeting", "mt-20120514-1"), ("unit", "mt-20120514-2")]
    assert _ids(taken, "meeting") == "mt-20120514-3"  # unique across kinds
    odd = [("inspection", "insp-sch-a-20120303"), ("inspection", "insp-x")]
    assert _ids(odd, "inspection") == "insp-20120514-1"


def test_fresh_ids_never_collide_with_broken_or_inline_records(datadir: DataDir) -> None:
    folder = datadir.write(
        {
            "a.yaml": """\
            - kind: hazard
              id: hz-20120514-1
              found: 2012-02-30
            - kind: inspection
              date: 2012-05-14
              unit: ps-a
              school: sch-a
              hazards:
                - {id: hz-20120514-2, description: x}
            """
        }
    )
    made = api.new_record(folder, kind="hazard", assignments=[], day=None, now=NOW, lang="en")
    assert made.record_id not in {"hz-20120514-1", "hz-20120514-2"}


def _add(folder: Path, target: str, *fields: str, kind: str = "meeting") -> tuple[int, str, str]:
    return run("new", kind, *fields, "--data", str(folder), "--date", DAY, "--to", target)


def test_to_appends_a_list_item_to_a_list_file(folder: Path) -> None:
    target = folder / "records" / "a.yaml"
    target.parent.mkdir()
    target.write_text("# 会议\n- kind: meeting\n  date: 2012-05-01\n  unit: ps-a\n", "utf-8")
    code, out, err = _add(folder, str(target), "unit=ps-a")
    assert code == 0, err
    text = target.read_text("utf-8")
    assert text.startswith("# 会议\n- kind: meeting\n  date: 2012-05-01\n  unit: ps-a\n\n- kind:")
    assert out.startswith("records/a.yaml:6: ")
    loaded = api.validate(folder)
    assert loaded.errors == [] and len([x for x in loaded.kept if x.KIND == "meeting"]) == 2


def test_to_keeps_the_indentation_of_an_indented_list(folder: Path) -> None:
    target = folder / "a.yaml"
    target.write_text("  - kind: meeting\n    date: 2012-05-01\n    unit: ps-a\n", "utf-8")
    assert _add(folder, str(target), "unit=ps-b")[0] == 0
    assert "\n  - kind: meeting\n    id: " in target.read_text("utf-8")
    assert len([x for x in api.validate(folder).kept if x.KIND == "meeting"]) == 2


@pytest.mark.parametrize(
    "before",
    [
        "kind: meeting\ndate: 2012-05-01\nunit: ps-a\n",  # a mapping document
        "- {kind: meeting, date: 2012-05-01, unit: ps-a}\n...\n",  # a closed document
        "[{kind: meeting, date: 2012-05-01, unit: ps-a}]",  # a flow list, no final newline
    ],
)
def test_to_adds_a_document_when_the_last_one_is_not_a_block_list(
    before: str, folder: Path
) -> None:
    target = folder / "a.yaml"
    target.write_text(before, "utf-8")
    assert _add(folder, str(target), "unit=ps-b")[0] == 0
    text = target.read_text("utf-8")
    assert text.startswith(before) and "\n---\nkind: meeting\n" in text
    assert len([x for x in api.validate(folder).kept if x.KIND == "meeting"]) == 2


@pytest.mark.parametrize("before", [None, "", "# 只有注释\n", "---\n"])
def test_to_starts_a_list_in_a_new_or_empty_file(before: str | None, folder: Path) -> None:
    target = folder / "records" / "2012-05" / "ps-a.yaml"
    if before is not None:
        target.parent.mkdir(parents=True)
        target.write_text(before, "utf-8")
    code, _, err = _add(folder, str(target), "unit=ps-a")
    assert code == 0, err
    assert "- kind: meeting\n" in target.read_text("utf-8")
    assert api.validate(folder).errors == []


def test_to_keeps_bom_and_crlf(folder: Path) -> None:
    target = folder / "a.yaml"
    target.write_bytes(b"\xef\xbb\xbf- kind: meeting\r\n  date: 2012-05-01\r\n  unit: ps-a\r\n")
    assert _add(folder, str(target), "unit=ps-b")[0] == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf- kind: meeting\r\n") and b"\n" not in raw.replace(
        b"\r\n", b""
    )
    assert len([x for x in api.validate(folder).kept if x.KIND == "meeting"]) == 2


def test_to_needs_every_required_field(folder: Path) -> None:
    target = folder / "a.yaml"
    code, _, err = run("new", "hazard", "--data", str(folder), "--to", str(target), "--lang", "en")
    assert code == 2
    assert "missing: school, description" in err
    assert not target.exists()


def test_to_refuses_a_record_that_would_not_load(folder: Path) -> None:
    target = folder / "schools.yaml"
    before = target.read_bytes()
    code, _, err = _add(folder, str(target), "unit=ps-a", "schools=sch-zz")
    assert code == 1
    assert "E-ref-missing" in err
    assert target.read_bytes() == before
    code, _, err = _add(folder, str(target), "unit=ps-a", "id=sch-a")  # a duplicate id
    assert code == 1 and "E-duplicate-id" in err
    assert target.read_bytes() == before


def test_to_refuses_files_hxay_does_not_read(folder: Path, tmp_path: Path) -> None:
    for target in (tmp_path / "outside.yaml", folder / "campaign.yaml", folder / "_d" / "a.yaml"):
        assert _add(folder, str(target), "unit=ps-a")[0] == 2
    assert _add(folder, str(folder / "notes.txt"), "unit=ps-a")[0] == 2
    broken = folder / "gbk.yaml"
    broken.write_bytes("- kind: meeting  # 会议\n".encode("gbk"))
    assert _add(folder, str(broken), "unit=ps-a")[0] == 1


def test_a_failing_write_leaves_the_file_as_it_was(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = folder / "schools.yaml"
    before = target.read_bytes()
    listing = sorted(os.listdir(folder))

    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, err = _add(folder, str(target), "unit=ps-a")
    assert code == 1
    assert "No space left on device" in err
    assert target.read_bytes() == before
    assert sorted(os.listdir(folder)) == listing  # no temporary file left behind
    new_file = folder / "records" / "2012-05" / "new.yaml"
    assert _add(folder, str(new_file), "unit=ps-a")[0] == 1
    assert not (folder / "records").exists()  # nor the folders made for it
    monkeypatch.undo()
    assert api.validate(folder).errors == []


def test_to_writes_despite_earlier_errors_elsewhere_and_says_so(datadir: DataDir) -> None:
    folder = datadir.write({"bad.yaml": "- {kind: meeting, date: 2012-02-30, unit: ps-a}\n"})
    code, out, err = _add(folder, str(folder / "a.yaml"), "unit=ps-a")
    assert code == 0
    assert "a.yaml:1: " in out and "1 个错误" in err


def test_init_writes_a_folder_that_loads(tmp_path: Path) -> None:
    target = tmp_path / "new-data"
    code, out, _ = run("init", str(target))
    assert code == 0
    assert sorted(p.name for p in target.iterdir()) == sorted(files())
    assert str(target / "campaign.yaml") in out
    loaded = api.validate(target)
    assert loaded.kept == [] and loaded.campaign is not None
    assert loaded.campaign.id == "pinghu-2012"
    # with no units registered yet, validate says which units check will need, as check would
    assert {d.code for d in loaded.diagnostics} == {"E-campaign"}
    assert all(d.path == "campaign.yaml" and "unit" in d.msg.en for d in loaded.diagnostics)


def test_init_campaign_shows_every_parameter_its_default_and_source(tmp_path: Path) -> None:
    create = api.init_folder(tmp_path / "d")
    assert "campaign.yaml" in create
    text = (tmp_path / "d" / "campaign.yaml").read_text("utf-8")
    campaign = api.validate(tmp_path / "d").campaign
    assert campaign is not None
    for ob in OBLIGATIONS:
        obligation = ob.id
        written, commented = f"\n  {obligation}:\n", f"\n  # {obligation}:\n"
        if written in text:
            section = text.split(written, 1)[1].split("\n\n", 1)[0]
        else:  # an opt-in obligation is written commented out
            section = text.split(commented, 1)[1].split("\n\n", 1)[0]
            section = "\n".join("  " + line[4:] for line in section.splitlines())
        assert ob.source.sentence in text
        params = ob.settings(campaign)
        for name, info in ob.params.model_fields.items():
            key = info.alias or name
            assert re.search(rf"^    (# )?{key}:", section, re.M), (obligation, key)
            expected = ob.example.get(key, info.default)
            assert getattr(params, name) == expected, (obligation, key)
    assert text.count(CONFIRM) >= 10
    assert re.search(rf"^# 学期.*{re.escape(CONFIRM)}$", text, re.M)  # terms: local dates


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("x", "utf-8")
    code, _, err = run("init", str(tmp_path), "--lang", "en")
    assert code == 2 and "not an empty folder" in err
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("init", str(empty))[0] == 0


def test_an_initialised_folder_takes_new_records(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    api.init_folder(folder)
    code, _, err = run(
        "new",
        "unit",
        "id=ps-a",
        "name=甲派出所",
        "type=派出所",
        "--data",
        str(folder),
        "--to",
        str(folder / "units.yaml"),
    )
    assert code == 0, err
    text = (folder / "units.yaml").read_text("utf-8")
    assert text.startswith("# ") and "\n- kind: unit\n  id: ps-a\n" in text
    assert len(api.validate(folder).kept) == 1
