"""docs/data-format.md, "Folder": which data folder, which files hold records, links, encodings,
and what a file may contain (a YAML stream of records or lists of records).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import BASE_RECORDS, DataDir, located, of_kind, problems
from typer.testing import CliRunner

from hxay.cli import app
from hxay.loading.discover import NoDataFolder, find_data_dir
from hxay.loading.load import Loaded

MEETING = "- kind: meeting\n  date: 2012-05-14\n  unit: ps-a\n"
BROKEN = "- kind: meeting\n  date: 2012-02-30\n  unit: ps-a\n"  # E-bad-date if it were read


# Which folder


def make(path: Path, *, campaign: bool = True) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    if campaign:
        (path / "campaign.yaml").write_text("id: x\n", encoding="utf-8")
    return path


def test_data_option_wins(tmp_path: Path) -> None:
    given, env = make(tmp_path / "given"), make(tmp_path / "env")
    make(tmp_path / "data")
    make(tmp_path)
    assert find_data_dir(str(given), str(env), tmp_path) == given


def test_then_the_environment(tmp_path: Path) -> None:
    env = make(tmp_path / "env")
    make(tmp_path / "data")
    assert find_data_dir(None, str(env), tmp_path) == env


def test_then_data_if_it_holds_a_campaign(tmp_path: Path) -> None:
    make(tmp_path / "data")
    make(tmp_path)
    assert (tmp_path / find_data_dir(None, None, tmp_path)).resolve() == tmp_path / "data"


def test_then_the_current_folder_if_it_holds_a_campaign(tmp_path: Path) -> None:
    make(tmp_path / "data", campaign=False)
    make(tmp_path)
    assert (tmp_path / find_data_dir(None, None, tmp_path)).resolve() == tmp_path


def test_no_data_folder_says_how_to_point_at_one(tmp_path: Path) -> None:
    make(tmp_path / "data", campaign=False)
    with pytest.raises(NoDataFolder) as caught:
        find_data_dir(None, "", tmp_path)
    text = caught.value.msg.en
    assert "--data" in text and "HXAY_DATA" in text and "hxay init" in text


def test_a_data_option_naming_no_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(NoDataFolder):
        find_data_dir(str(tmp_path / "nowhere"), None, tmp_path)


def test_validate_without_a_data_folder_exits_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HXAY_DATA", raising=False)
    result = CliRunner().invoke(app, ["validate"])
    assert result.exit_code == 2
    assert "hxay init" in result.stderr
    assert result.stdout == ""


def test_validate_finds_the_folder_through_the_environment(
    datadir: DataDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = datadir.write()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["validate", "--format", "json"], env={"HXAY_DATA": str(root)})
    assert result.exit_code == 0
    assert '"records": 7' in result.stdout


def test_validate_finds_data_below_the_current_folder(
    datadir: DataDir, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    datadir.write({"r.yaml": BROKEN})  # datadir is tmp_path / "data"
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("HXAY_DATA", raising=False)
    result = CliRunner().invoke(app, ["validate"])
    assert result.exit_code == 1
    assert "r.yaml:2:9" in result.output


# Which files


def test_every_yaml_file_in_any_case_below_the_folder_is_read(datadir: DataDir) -> None:
    loaded = datadir.load(
        {
            "a.yaml": MEETING,
            "b.YML": MEETING,
            "c.Yaml": MEETING,
            "sub/d.yml": MEETING,
            "records/2012-05/ps-a.YAML": MEETING,
            "notes.txt": BROKEN,
            "a.yaml.bak": BROKEN,
            "a.json": BROKEN,
            "README.md": BROKEN,
        }
    )
    assert loaded.diagnostics == []
    assert sorted(loaded.files) == sorted(
        [
            "campaign.yaml",
            "units.yaml",
            "schools.yaml",
            "a.yaml",
            "b.YML",
            "c.Yaml",
            "sub/d.yml",
            "records/2012-05/ps-a.YAML",
        ]
    )
    assert len(of_kind(loaded, "meeting")) == 5


def test_dot_and_underscore_files_and_folders_are_skipped(datadir: DataDir) -> None:
    loaded = datadir.load(
        {
            ".hidden.yaml": BROKEN,
            "_draft.yaml": BROKEN,
            ".git/config.yaml": BROKEN,
            "_drafts/2012-05.yaml": BROKEN,
            "sub/.#lock.yaml": BROKEN,
            "sub/_old.yml": BROKEN,
            ".cache/x/y.yaml": BROKEN,
            "sub/_tmp/z.yaml": BROKEN,
            "sub/ok.yaml": MEETING,
        }
    )
    assert loaded.diagnostics == []
    assert "sub/ok.yaml" in loaded.files
    assert len(loaded.files) == 4


def test_diagnostic_paths_are_relative_with_slashes(datadir: DataDir) -> None:
    assert datadir.problems({"records/2012-05/ps-a.yaml": BROKEN}) == [
        ("records/2012-05/ps-a.yaml", 2, "E-bad-date")
    ]


def test_a_root_campaign_yml_must_be_renamed(datadir: DataDir) -> None:
    loaded = datadir.load({"campaign.yml": "id: x\n"})
    assert located(loaded) == [("campaign.yml", 1, 1, "E-campaign")]
    assert "rename" in loaded.diagnostics[0].message("en")
    assert "campaign.yaml" in loaded.diagnostics[0].message("en")


def test_a_campaign_yml_alone_is_not_read_as_records(datadir: DataDir) -> None:
    loaded = datadir.load({"campaign.yml": "id: x\n", "campaign.yaml": None})
    assert ("campaign.yml", 1, "E-campaign") in problems(loaded)
    assert {d.code for d in loaded.diagnostics} == {"E-campaign"}
    assert loaded.campaign is None


def test_a_missing_campaign_yaml_is_an_error(datadir: DataDir) -> None:
    loaded = datadir.load({"campaign.yaml": None})
    assert [(d.path, d.code) for d in loaded.diagnostics] == [("campaign.yaml", "E-campaign")]
    assert len(loaded.kept) == BASE_RECORDS


# Links


def test_links_are_followed_inside_the_folder_only(datadir: DataDir, tmp_path: Path) -> None:
    root = datadir.write({"_shared/meetings.yaml": MEETING})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.yaml").write_text(BROKEN, encoding="utf-8")
    os.symlink(root / "_shared" / "meetings.yaml", root / "linked.yaml")
    os.symlink(elsewhere / "x.yaml", root / "outside.yaml")
    os.symlink(elsewhere, root / "outside-dir")
    loaded = datadir.load()
    assert loaded.diagnostics == []
    assert [m.path for m in of_kind(loaded, "meeting")] == ["linked.yaml"]
    assert "outside.yaml" not in loaded.files
    assert not any(f.startswith("outside-dir") for f in loaded.files)


def test_a_linked_folder_inside_is_read_once(datadir: DataDir) -> None:
    text = "- kind: meeting\n  id: mt-1\n  date: 2012-05-14\n  unit: ps-a\n"
    root = datadir.write({"records/2012-05/ps-a.yaml": text})
    os.symlink(root / "records" / "2012-05", root / "current")
    loaded = datadir.load()
    assert loaded.diagnostics == []
    assert [m.path for m in of_kind(loaded, "meeting")] == ["records/2012-05/ps-a.yaml"]


def test_a_link_loop_ends(datadir: DataDir) -> None:
    root = datadir.write({"records/ps-a.yaml": MEETING})
    os.symlink(root, root / "records" / "loop")
    loaded = datadir.load()
    assert loaded.diagnostics == []
    assert sorted(loaded.files) == [
        "campaign.yaml",
        "records/ps-a.yaml",
        "schools.yaml",
        "units.yaml",
    ]


# Encodings


def test_utf8_with_a_bom_loads(datadir: DataDir) -> None:
    loaded = datadir.load({"r.yaml": "\ufeff# 会议\n".encode() + MEETING.encode()})
    assert loaded.diagnostics == []
    assert [m.line for m in of_kind(loaded, "meeting")] == [2]


@pytest.mark.parametrize(
    ("encoding", "named"),
    [
        ("gbk", "GBK"),
        ("gb18030", "GBK"),
        ("utf-16", "UTF-16"),
        ("utf-16-le", "UTF-16"),
        ("utf-16-be", "UTF-16"),
    ],
)
def test_other_encodings_are_refused_with_how_to_convert(
    datadir: DataDir, encoding: str, named: str
) -> None:
    text = MEETING + "  topic: 校园安全联席会议\n"
    loaded = datadir.load({"r.yaml": text.encode(encoding), "ok.yaml": MEETING})
    assert located(loaded) == [("r.yaml", 1, 1, "E-encoding")]
    message = loaded.diagnostics[0].message("en")
    assert named in message and "UTF-8" in message
    assert [m.path for m in of_kind(loaded, "meeting")] == ["ok.yaml"]


def test_gbk_after_utf8_lines_is_still_refused_whole(datadir: DataDir) -> None:
    text = "# 会议记录\n".encode() + MEETING.encode() + "  topic: 校园安全\n".encode("gbk")
    loaded = datadir.load({"r.yaml": text})
    assert [(d.path, d.code) for d in loaded.diagnostics] == [("r.yaml", "E-encoding")]
    assert of_kind(loaded, "meeting") == []


def test_a_binary_file_is_refused(datadir: DataDir) -> None:
    loaded = datadir.load({"r.yaml": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00"})
    assert located(loaded) == [("r.yaml", 1, 1, "E-binary")]
    assert len(loaded.kept) == BASE_RECORDS


# What a file holds


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "# only a comment\n", "---\n", "---\n...\n---\n", "~\n", "[]\n", "- \n- ~\n"],
)
def test_empty_files_and_documents_are_fine(datadir: DataDir, text: str) -> None:
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    assert len(loaded.kept) == BASE_RECORDS


def test_a_stream_of_records_and_lists(datadir: DataDir) -> None:
    text = """\
    kind: meeting
    date: 2012-05-14
    unit: ps-a
    ---
    ---
    - kind: meeting
      date: 2012-05-15
      unit: ps-a
    - kind: meeting
      date: 2012-05-16
      unit: ps-b
    ---
    # a comment only
    ---
    kind: meeting
    date: 2012-05-17
    unit: ps-b
    """
    loaded = datadir.load({"r.yaml": text})
    assert loaded.diagnostics == []
    assert [m.line for m in of_kind(loaded, "meeting")] == [1, 6, 9, 15]


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("会议记录\n", 1, 1),
        (MEETING + "- 2012-05-21 当湖派出所召开联席会议\n", 4, 3),
        (MEETING + "- [a, b]\n", 4, 3),
    ],
)
def test_anything_but_a_mapping_is_not_a_record(
    datadir: DataDir, text: str, line: int, column: int
) -> None:
    assert datadir.located({"r.yaml": text}) == [("r.yaml", line, column, "E-not-record")]


def test_a_syntax_error_leaves_out_the_file_whole(datadir: DataDir) -> None:
    text = MEETING + "- kind: meeting\n  date: 2012-05-15\n   unit: ps-a\n"
    loaded = datadir.load({"r.yaml": text, "ok.yaml": MEETING})
    assert problems(loaded) == [("r.yaml", 6, "E-yaml")]
    assert [m.path for m in of_kind(loaded, "meeting")] == ["ok.yaml"]


def test_an_unclosed_quote_is_a_yaml_error(datadir: DataDir) -> None:
    text = '- kind: meeting\n  date: 2012-05-14\n  unit: ps-a\n  topic: "安全\n'
    [(path, _, code)] = datadir.problems({"r.yaml": text})
    assert (path, code) == ("r.yaml", "E-yaml")


# What cannot be read is an E-read error at its path, never a silent skip (issue: a form
# built without some files counts too little).


def _e_read(loaded: Loaded) -> list[str]:
    return [d.path for d in loaded.diagnostics if d.code == "E-read"]


def test_a_file_linked_to_itself_is_an_error_not_a_crash(datadir: DataDir) -> None:
    root = datadir.write()
    os.symlink("x.yaml", root / "x.yaml")
    loaded = datadir.load()
    assert _e_read(loaded) == ["x.yaml"]
    assert "loops" in next(d for d in loaded.diagnostics if d.code == "E-read").msg.en


def test_a_dangling_link_inside_the_folder_is_an_error(datadir: DataDir) -> None:
    root = datadir.write()
    os.symlink(root / "records" / "gone.yaml", root / "current.yaml")
    assert _e_read(datadir.load()) == ["current.yaml"]


def test_a_path_longer_than_the_system_allows(datadir: DataDir) -> None:
    root = datadir.write()
    try:
        _long_path_case(datadir, root)
    finally:
        subprocess.run(["rm", "-rf", str(root / "dddd")], check=True)  # rmtree recurses too deep


def _long_path_case(datadir: DataDir, root: Path) -> None:
    fd = os.open(root, os.O_RDONLY)
    try:
        for _ in range(1100):  # 1,100 folders of 4 letters: 5.5 KB of path, past PATH_MAX
            os.mkdir("dddd", dir_fd=fd)
            new = os.open("dddd", os.O_RDONLY, dir_fd=fd)
            os.close(fd)
            fd = new
        with os.fdopen(os.open("x.yaml", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd), "w") as f:
            f.write(MEETING)
    finally:
        os.close(fd)
    loaded = datadir.load()
    paths = _e_read(loaded)
    assert paths and all(p.startswith("dddd/dddd/") for p in paths)
    runner = CliRunner()
    assert runner.invoke(app, ["validate", "--data", str(root)]).exit_code == 1
    got = runner.invoke(app, ["check", "--as-of", "2012-05-20", "--data", str(root)])
    assert got.exit_code == 3


UNREADABLE = """\
import sys
from hxay.api import validate
loaded = validate(__import__("pathlib").Path(sys.argv[1]))
print([(d.path, d.code) for d in loaded.diagnostics])
"""


def test_an_unreadable_folder_is_an_error_at_its_path() -> None:
    # Root reads everything: as root, the folder is read by another user (nobody), from a
    # folder every user may enter.
    base = Path(tempfile.mkdtemp(prefix="hxay-unreadable-"))
    base.chmod(0o755)
    root = DataDir(base / "data").write({"records/2012-05/ps-a.yaml": MEETING})
    for path in (root, *root.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)
    (root / "records" / "2012-05").chmod(0o000)
    try:
        if os.geteuid() == 0:
            if shutil.which("setpriv") is None:
                pytest.skip("running as root and cannot switch to another user (no setpriv)")
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        else:
            cmd = []
        done = subprocess.run(
            [*cmd, sys.executable, "-c", UNREADABLE, str(root)],
            capture_output=True,
            text=True,
            env={**os.environ, "HXAY_NO_CACHE": "1"},
        )
        if cmd and (done.returncode != 0 or "('.', 'E-read')" in done.stdout):
            pytest.skip(f"another user cannot run hxay from here: {done.stderr.strip()[-200:]}")
        assert done.returncode == 0, done.stderr
        assert "('records/2012-05', 'E-read')" in done.stdout
    finally:
        (root / "records" / "2012-05").chmod(0o755)
        shutil.rmtree(base)
