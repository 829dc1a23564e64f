"""Stage 3, editing: append a record to a file so that nothing is lost and the folder still
loads: the whole folder is tried with the new content first (`load(overrides=...)`) and the
file is replaced atomically only when the record loads and no new error appears.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from hxay.editing.atomic import write_atomic_with_folders
from hxay.editing.new import Skeleton
from hxay.loading.discover import CAMPAIGN_FILE
from hxay.loading.load import load
from hxay.models import records as r
from hxay.models.diagnostics import Diagnostic
from hxay.models.errors import HxayError
from hxay.models.text import Msg


def target_name(root: Path, target: Path) -> str:
    """The target's path as the folder names it, links resolved first; a usage problem when
    hxay would not read it, and a refusal (exit 1) when it is not a regular file hxay may
    write (a FIFO, a folder, a read-only file)."""
    where = Msg(f"(数据文件夹:{root})", f" (data folder: {root})")
    try:
        real = target.resolve(strict=False)
        base = root.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # a link loop, a name too long
        raise HxayError(
            Msg(
                f"--to {target}:无法解析路径({exc})",
                f"--to {target}: cannot resolve the path ({exc})",
            ),
            1,
        ) from None
    rel = Path(os.path.relpath(real, base))
    parts = rel.parts
    if not parts or parts[0] == ".." or rel.is_absolute():
        raise HxayError(
            Msg(
                f"--to {target}:文件必须在数据文件夹中" + where.zh,
                f"--to {target}: the file must be inside the data folder" + where.en,
            )
        )
    name = rel.as_posix()
    if name == CAMPAIGN_FILE or any(p.startswith((".", "_")) for p in parts):
        raise HxayError(
            Msg(
                f"--to {target}:hxay 不把这个文件当作记录读取",
                f"--to {target}: hxay does not read this file as records",
            )
        )
    if rel.suffix.lower() not in (".yaml", ".yml"):
        raise HxayError(
            Msg(
                f"--to {target}:记录文件的扩展名应为 .yaml 或 .yml",
                f"--to {target}: a record file ends in .yaml or .yml",
            )
        )
    _writable(target, real)
    return name


def _writable(target: Path, real: Path) -> None:
    """A regular file this user may replace, or a new file in a folder they may write."""
    try:
        st = os.stat(real)
    except FileNotFoundError:
        folder = real.parent
        while not folder.exists():
            folder = folder.parent
        if not os.access(folder, os.W_OK):
            raise HxayError(
                Msg(
                    f"--to {target}:没有写入 {folder} 的权限,未写入",
                    f"--to {target}: no permission to write in {folder}; nothing written",
                ),
                1,
            ) from None
        return
    if not stat.S_ISREG(st.st_mode):
        raise HxayError(
            Msg(
                f"--to {target}:不是普通文件,未写入",
                f"--to {target}: not a regular file; nothing written",
            ),
            1,
        )
    if not os.access(real, os.W_OK) or not os.access(real.parent, os.W_OK):
        raise HxayError(
            Msg(
                f"--to {target}:文件是只读的(或所在文件夹不可写),未写入",
                f"--to {target}: the file is read-only (or its folder is not writable); nothing written",
            ),
            1,
        )


_BOM = b"\xef\xbb\xbf"


def appended(raw: bytes, record: Skeleton) -> tuple[bytes, int]:
    """The file with the record added, and the line of the record's first key.

    A list item when the file's last document is a block list, else a new `---` document;
    an empty file starts a list. The file's BOM and line endings are kept.
    """
    bom, text, column = _layout(raw)
    if column is None:
        return _joined(bom, text, ["---", *record.lines], 1)
    pad = " " * column
    return _joined(bom, text, [pad + line for line in record.as_item().rstrip("\n").split("\n")], 0)


def appended_items(raw: bytes, items: list[list[str]]) -> tuple[bytes, int]:
    """The file with these list items added (each item's lines, `- ` first; comment lines
    allowed), and the line of the first added line: at the end of the file's last document
    when it is a block list, else as a new `---` document that is a list."""
    bom, text, column = _layout(raw)
    pad = " " * (column or 0)
    block = [pad + line for item in items for line in item]
    if column is None:
        return _joined(bom, text, ["---", *block], 1)
    return _joined(bom, text, block, 0)


def _layout(raw: bytes) -> tuple[bool, str, int | None]:
    """The file's BOM, its text, and the column list items go at (None: a new document)."""
    bom = raw.startswith(_BOM)
    try:
        text = raw[len(_BOM) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError:
        raise HxayError(
            Msg(
                "文件不是 UTF-8 编码,未写入;请先另存为 UTF-8(hxay validate 会说明)",
                "the file is not UTF-8, nothing written; save it as UTF-8 first "
                "(hxay validate says more)",
            ),
            1,
        ) from None
    try:
        events = list(yaml.parse(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError:
        raise HxayError(
            Msg(
                "文件不是有效的 YAML,未写入;请先改正(hxay validate 会说明)",
                "the file is not valid YAML, nothing written; fix it first "
                "(hxay validate says where)",
            ),
            1,
        ) from None
    starts = [i for i, e in enumerate(events) if isinstance(e, yaml.DocumentStartEvent)]
    column: int | None = 0  # where list items go; None: a new document
    if starts:
        top = events[starts[-1] + 1]
        end = next(e for e in events[starts[-1] :] if isinstance(e, yaml.DocumentEndEvent))
        empty = isinstance(top, yaml.ScalarEvent) and top.value in ("", "~", "null")
        if end.explicit:
            column = None  # `...` closed the document: what follows would be a new one anyway
        elif isinstance(top, yaml.SequenceStartEvent) and not top.flow_style and top.start_mark:
            column = top.start_mark.column
        elif not empty:
            column = None
    return bom, text, column


def _joined(bom: bool, text: str, block: list[str], first: int) -> tuple[bytes, int]:
    """`text` with `block` added after it, and the line of `block[first]`."""
    newline = _last_line_ending(text)
    # The file's bytes stay exactly as they are; what is added uses the file's own line end.
    lines = _LINE_END.split(text)
    tail = ""
    if text and not text.endswith(("\n", "\r")):
        tail += newline
    if text.strip() and not (len(lines) > 2 and lines[-1] == "" and lines[-2].strip() == ""):
        tail += newline
    line = len(_LINE_END.split(text + tail)) + first
    added = newline.join(block) + newline
    return (_BOM if bom else b"") + (text + tail + added).encode("utf-8"), line


_LINE_END = re.compile("\r\n|\r|\n")


def _last_line_ending(text: str) -> str:
    """The line ending of the file's last line that has one (LF when none has)."""
    found = _LINE_END.findall(text)
    return found[-1] if found else "\n"


@dataclass
class Added:
    """What `new --to` did: where the record went, or the new errors that stopped it."""

    path: str
    line: int
    written: bool
    problems: list[Diagnostic]
    earlier_errors: int


def add_to_file(root: Path, target: Path, record: Skeleton) -> Added:
    """Append the record to `target` if the whole folder still loads with it; atomically."""
    rel = target_name(root, target)
    path = root / rel
    raw = path.read_bytes() if path.exists() else b""
    content, line = appended(raw, record)
    after = load(root, overrides={rel: content})
    model = r.KINDS[record.kind]
    kept = any(x.id == record.record_id and isinstance(x, model) for x in after.kept)
    new_errors: list[Diagnostic] = []
    earlier = 0
    if after.errors:
        before = {(d.path, d.line, d.column, d.code, d.msg) for d in load(root).errors}
        new_errors = [
            d for d in after.errors if (d.path, d.line, d.column, d.code, d.msg) not in before
        ]
        earlier = len(after.errors) - len(new_errors)
    if new_errors or not kept:
        if not new_errors:
            new_errors = [
                Diagnostic(
                    rel,
                    line,
                    1,
                    "E-not-record",
                    Msg("新记录未能读取,未写入", "the new record did not load; nothing written"),
                )
            ]
        return Added(rel, line, False, new_errors, earlier)
    write_atomic_with_folders(path, content)
    return Added(rel, line, True, [], earlier)
