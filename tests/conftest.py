"""Shared test helpers: a data folder written from inline YAML, and diagnostics as tuples.

`datadir.write({...})` writes files (relative path -> text or bytes; `None` removes one of
the base files) below a fresh folder that always holds a minimal valid campaign.yaml,
units.yaml and schools.yaml; `datadir.problems({...})` writes, validates and returns the
diagnostics as `(path, line, code)` tuples.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from hxay.api import validate
from hxay.loading.load import Loaded
from hxay.models.records import Record

CAMPAIGN = """\
id: test-2012
name: 测试专项行动
issued: 2012-04-24
start: 2012-03-01
end: 2012-11-30
terms:
  - {name: 2011学年第二学期, start: 2012-02-08, end: 2012-07-05}
  - {name: 2012学年第一学期, start: 2012-09-03, end: 2013-01-25}
"""

UNITS = """\
- kind: unit
  id: sb
  name: 治安大队
  type: security_brigade
- kind: unit
  id: ps-a
  name: 甲派出所
  type: police_station
  parent: sb
- kind: unit
  id: ps-b
  name: 乙派出所
  type: police_station
  parent: sb
- kind: unit
  id: tb
  name: 交警大队
  type: traffic_brigade
- kind: unit
  id: edu
  name: 教育局
  type: education_bureau
"""

SCHOOLS = """\
- kind: school
  id: sch-a
  name: 甲小学
  type: primary
  station: ps-a
- kind: school
  id: sch-b
  name: 乙幼儿园
  type: kindergarten
  station: ps-b
"""

# Not part of the base folder: tests that need vehicles add it.
VEHICLES = """\
- kind: vehicle
  id: veh-1
  plate: 浙F-A1234
  school: sch-a
  seats: 19
  drivers:
    - name: 张三
  former_drivers: [李四]
"""

BASE = {"campaign.yaml": CAMPAIGN, "units.yaml": UNITS, "schools.yaml": SCHOOLS}
BASE_RECORDS = 7  # 5 units + 2 schools

Files = Mapping[str, str | bytes | None]
Problem = tuple[str, int, str]
Located = tuple[str, int, int, str]


def problems(loaded: Loaded) -> list[Problem]:
    """Every diagnostic as (path, line, code), sorted."""
    return sorted((d.path, d.line, d.code) for d in loaded.diagnostics)


def located(loaded: Loaded) -> list[Located]:
    """Every diagnostic as (path, line, column, code), sorted."""
    return sorted((d.path, d.line, d.column, d.code) for d in loaded.diagnostics)


def by_id(loaded: Loaded, ident: str) -> Record:
    """The kept record with this id (KeyError when it was left out)."""
    found = [x for x in loaded.kept if x.id == ident]
    if not found:
        raise KeyError(ident)
    assert len(found) == 1
    return found[0]


def of_kind(loaded: Loaded, kind: str) -> list[Record]:
    """Kept records of one kind, in (path, line) order."""
    return sorted((x for x in loaded.kept if kind == x.KIND), key=lambda x: (x.path, x.line))


class DataDir:
    """A data folder under tmp_path, written from inline YAML."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written = False

    def write(self, files: Files | None = None, *, base: bool = True) -> Path:
        """Write `files` (text is dedented, then UTF-8), the first time over the base files
        (unless `base=False`); return the root."""
        wanted: dict[str, str | bytes | None] = dict(BASE) if base and not self.written else {}
        wanted.update(files or {})
        self.written = True
        self.root.mkdir(parents=True, exist_ok=True)
        for rel, content in wanted.items():
            target = self.root / rel
            if content is None:
                target.unlink(missing_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                target.write_bytes(content)
            else:
                target.write_text(textwrap.dedent(content), encoding="utf-8")
        return self.root

    def load(self, files: Files | None = None, *, base: bool = True) -> Loaded:
        """Write, then run `hxay.api.validate` on the folder."""
        return validate(self.write(files, base=base))

    def problems(self, files: Files | None = None, *, base: bool = True) -> list[Problem]:
        return problems(self.load(files, base=base))

    def located(self, files: Files | None = None, *, base: bool = True) -> list[Located]:
        return located(self.load(files, base=base))


@pytest.fixture
def datadir(tmp_path: Path) -> DataDir:
    return DataDir(tmp_path / "data")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files in tests/golden/ instead of comparing with them",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """`--update-golden` runs the tests in one process (no xdist workers): a golden test lists
    the files the other golden tests write, so it must run after them, in file order."""
    if config.getoption("--update-golden") and getattr(config.option, "numprocesses", None):
        config.option.numprocesses = 0


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """Whether `--update-golden` was given: golden tests then write what they would compare."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    """Commands run in tests cache into a throwaway folder, never the user's ~/.cache, and
    the cache setting a command made does not leak into the next test."""
    from hxay.loading import cachesetting

    monkeypatch.setenv("HXAY_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "hxay-cache"))
    monkeypatch.delenv("HXAY_NO_CACHE", raising=False)
    yield
    cachesetting.use_cache(None)
