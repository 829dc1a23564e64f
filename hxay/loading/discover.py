"""Which data folder, and which files in it hold records."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from hxay.models.diagnostics import Diagnostic
from hxay.models.errors import HxayError
from hxay.models.text import Msg

CAMPAIGN_FILE = "campaign.yaml"


class NoDataFolder(HxayError):
    """Nothing can go on: there is no data folder to read (exit 2)."""


def find_data_dir(given: str | None, env: str | None, cwd: Path) -> Path:
    """`--data DIR`, else `$HXAY_DATA`, else `./data` holding a campaign.yaml, else the nearest
    of `.` and its parents that holds one (as git finds its repository: a user editing
    `records/2012-09/` runs hxay right there)."""
    for value, origin in ((given, "--data"), (env, "HXAY_DATA")):
        if value:
            path = Path(value)
            if not path.is_dir():
                raise NoDataFolder(
                    Msg(
                        f"{origin} 指定的数据文件夹 '{value}' 不存在",
                        f"the data folder '{value}' given by {origin} does not exist",
                    )
                )
            return path
    if (cwd / "data" / CAMPAIGN_FILE).is_file():
        return Path("data")
    for depth, candidate in enumerate((cwd, *cwd.parents)):
        try:
            found = (candidate / CAMPAIGN_FILE).is_file()
        except OSError:
            found = False
        if found:
            return Path(*([".."] * depth)) if depth else Path(".")
    raise NoDataFolder(
        Msg(
            "找不到数据文件夹:./data、当前目录及其上级目录中都没有 campaign.yaml。"
            "请用 --data 目录 或环境变量 HXAY_DATA 指定,或用 hxay init 目录 新建一个",
            "no data folder found: neither ./data nor . or a folder above it holds a "
            "campaign.yaml. Point at one with --data DIR or HXAY_DATA, or create one with "
            "hxay init DIR",
        )
    )


@dataclass(frozen=True)
class FileSet:
    """The files hxay reads: campaign.yaml and the record files, as `/`-separated relative paths."""

    root: Path
    campaign: str | None
    records: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]


def _skipped(name: str) -> bool:
    return name.startswith((".", "_"))


def _is_yaml(name: str) -> bool:
    return name.lower().endswith((".yaml", ".yml"))


def _walk(root: Path) -> list[str]:
    """Relative paths of the YAML files below root, each real file once.

    The folder's own tree is walked first, so a file is read under its own name; links are
    followed afterwards, only when they resolve inside the folder and to something not read
    yet (which also ends link loops).
    """
    real_root = root.resolve()
    visited: set[Path] = set()
    read: set[Path] = set()
    found: list[str] = []
    links: list[Path] = []

    def add(path: Path) -> None:
        real = path.resolve()
        if real not in read:
            read.add(real)
            found.append(path.relative_to(root).as_posix())

    def walk(top: Path) -> None:
        for dirpath, dirnames, filenames in os.walk(top):
            here = Path(dirpath)
            real = here.resolve()
            if real in visited:
                dirnames[:] = []
                continue
            visited.add(real)
            keep = []
            for name in sorted(dirnames):
                if _skipped(name):
                    continue
                if (here / name).is_symlink():
                    links.append(here / name)
                else:
                    keep.append(name)
            dirnames[:] = keep
            for name in sorted(filenames):
                if _skipped(name) or not _is_yaml(name):
                    continue
                if (here / name).is_symlink():
                    links.append(here / name)
                elif (here / name).is_file():
                    add(here / name)

    walk(root)
    while links:
        link = links.pop(0)
        target = link.resolve()
        if not target.is_relative_to(real_root):
            continue
        if target.is_dir():
            walk(link)
        elif target.is_file():
            add(link)
    return found


def list_files(root: Path) -> FileSet:
    """Every `*.yaml`/`*.yml` below root (dot and underscore names skipped, links kept inside)."""
    found: list[str] = []
    diagnostics: list[Diagnostic] = []
    campaign: str | None = None
    for rel in _walk(root):
        if rel == CAMPAIGN_FILE:
            campaign = rel
        elif "/" not in rel and rel.lower() in ("campaign.yml", "campaign.yaml"):
            diagnostics.append(
                Diagnostic(
                    rel,
                    1,
                    1,
                    "E-campaign",
                    Msg(
                        f"活动设置文件必须命名为 campaign.yaml;请把 {rel} 改名",
                        f"the campaign file must be named campaign.yaml; rename {rel}",
                    ),
                )
            )
        else:
            found.append(rel)
    if campaign is None:
        diagnostics.append(
            Diagnostic(
                CAMPAIGN_FILE,
                1,
                1,
                "E-campaign",
                Msg(
                    "数据文件夹根目录下没有 campaign.yaml;可用 hxay init 生成",
                    "there is no campaign.yaml at the root of the data folder; hxay init writes one",
                ),
            )
        )
    return FileSet(root, campaign, tuple(sorted(found)), tuple(diagnostics))
