"""Which data folder, and which files in it hold records."""

from __future__ import annotations

import errno
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


def _unreadable(rel: str, exc: BaseException) -> Diagnostic:
    """An E-read diagnostic for a folder, file or link hxay cannot read, saying why."""
    code = getattr(exc, "errno", None)
    if isinstance(exc, RuntimeError) or code == errno.ELOOP:
        why = Msg("链接形成循环", "the link loops back on itself")
    elif code == errno.ENAMETOOLONG:
        why = Msg("路径过长", "the path is too long")
    elif code in (errno.EACCES, errno.EPERM):
        why = Msg("没有读取权限", "permission denied")
    elif code == errno.ENOENT:
        why = Msg("链接指向的文件不存在", "the link points at nothing")
    else:
        detail = getattr(exc, "strerror", None) or str(exc)
        why = Msg(detail, detail)
    return Diagnostic(
        rel or ".",
        1,
        1,
        "E-read",
        Msg(
            f"无法读取({why.zh}),其中的记录没有计入;请修正权限或链接",
            f"cannot be read ({why.en}), so its records are not counted; fix the permissions "
            "or the link",
        ),
    )


def _walk(root: Path) -> tuple[list[str], list[Diagnostic]]:
    """Relative paths of the YAML files below root, each real file once, and what could not
    be read (never skipped without a word: a form built without some files would count too
    little).

    The folder's own tree is walked first, so a file is read under its own name; links are
    followed afterwards, only when they resolve inside the folder and to something not read
    yet (which also ends loops through folders).
    """
    real_root = root.resolve()
    visited: set[Path] = set()
    read: set[Path] = set()
    found: list[str] = []
    links: list[Path] = []
    problems: list[Diagnostic] = []

    prefix = os.path.join(str(root), "")

    def rel_of(path: Path | str) -> str:
        text = str(path)
        if text.startswith(prefix) and os.sep == "/" and "/." not in text:
            return text[len(prefix) :]  # what relpath gives, without its normalising walk
        return Path(os.path.relpath(path, root)).as_posix()

    def add(path: Path, real: Path) -> None:
        if real not in read:
            read.add(real)
            found.append(rel_of(path))

    def walk(top: Path) -> None:
        # iterative: a folder nested deeper than Python's recursion limit is an E-read
        # (its path is too long), not a crash
        stack = [top]
        while stack:
            here = stack.pop()
            try:
                real = here.resolve()
                with os.scandir(here) as listing:
                    entries = sorted(listing, key=lambda e: e.name)
            except (OSError, RuntimeError) as exc:
                problems.append(_unreadable(rel_of(here), exc))
                continue
            if real in visited:
                continue
            visited.add(real)
            folders = []
            for entry in entries:
                name = entry.name
                if _skipped(name):
                    continue
                path = here / name
                try:
                    if entry.is_symlink():
                        if _is_yaml(name) or entry.is_dir():
                            links.append(path)
                    elif entry.is_dir():
                        folders.append(path)
                    elif _is_yaml(name) and entry.is_file():
                        add(path, real / name)
                except OSError as exc:
                    problems.append(_unreadable(rel_of(path), exc))
            stack.extend(reversed(folders))

    walk(root)
    while links:
        link = links.pop(0)
        try:
            target = link.resolve(strict=True)
        except (OSError, RuntimeError) as exc:
            try:
                outside = not link.resolve().is_relative_to(real_root)
            except (OSError, RuntimeError):
                outside = False
            if not outside:  # a link out of the folder is not followed, by design
                problems.append(_unreadable(rel_of(link), exc))
            continue
        if not target.is_relative_to(real_root):
            continue
        if target.is_dir():
            walk(link)
        elif target.is_file():
            add(link, target)
    return found, problems


def list_files(root: Path) -> FileSet:
    """Every `*.yaml`/`*.yml` below root (dot and underscore names skipped, links kept inside)."""
    found: list[str] = []
    campaign: str | None = None
    walked, diagnostics = _walk(root)
    for rel in walked:
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
