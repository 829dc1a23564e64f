"""Stage 2, loading: a file's bytes as text (UTF-8 only, with the fix for what it is instead)
and the mistakes Chinese input methods make in YAML (full-width colons, tabs and full-width
spaces in indentation), each a Diagnostic, never raised.
"""

from __future__ import annotations

import re

from hxay.models.diagnostics import Code, Diagnostic
from hxay.models.text import Msg

MAX_BYTES = 32 * 1024 * 1024
_FULLWIDTH_KEY = re.compile(r"^[ ]*(?:-[ ]+)?([A-Za-z_][A-Za-z0-9_]*)[ ]*：")
_INDENT = re.compile(r"^[ \t\u3000]*")
# YAML's line breaks (str.splitlines also splits on form feeds and others, shifting lines)
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _looks_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: YAML's ASCII keys and spaces leave the high byte of
    many code units zero, always at the same parity (binary files have NULs anywhere)."""
    sample = raw[:4096]
    units = len(sample) // 2
    if units < 2:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    return min(even, odd) == 0 and max(even, odd) >= max(1, units // 4)


def decode(path: str, raw: bytes) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text (BOM allowed), or a diagnostic saying what the bytes are and how to fix them."""

    def fail(code: Code, msg: Msg) -> tuple[None, list[Diagnostic]]:
        return None, [Diagnostic(path, 1, 1, code, msg)]

    if len(raw) > MAX_BYTES:
        return fail(
            "E-too-large",
            Msg(
                f"文件过大({len(raw) // 1048576} MB),请拆分成多个文件",
                f"the file is too large ({len(raw) // 1048576} MB); split it into several files",
            ),
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_utf16(raw):
        return fail(
            "E-encoding",
            Msg(
                "文件是 UTF-16 编码;请另存为 UTF-8(记事本:另存为 -> 编码 UTF-8)",
                "the file is UTF-16 encoded; save it as UTF-8 (Notepad: Save As -> Encoding UTF-8)",
            ),
        )
    if b"\x00" in raw:
        return fail(
            "E-binary",
            Msg(
                "这不是文本文件(含二进制内容);请移出数据文件夹或改名为非 .yaml 扩展名",
                "this is not a text file (binary content); move it out of the data folder "
                "or give it a name that does not end in .yaml",
            ),
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        try:
            raw.decode("gb18030")
            looks = Msg(
                "像是 GBK 编码(记事本或 WPS 保存)", "looks like GBK (saved by Notepad or WPS)"
            )
        except UnicodeDecodeError:
            looks = Msg("不是 UTF-8 编码", "is not UTF-8")
        return fail(
            "E-encoding",
            Msg(
                f"文件{looks.zh}(第 {line} 行起);请另存为 UTF-8,"
                f"或运行 iconv -f GBK -t UTF-8 原文件 > 新文件",
                f"the file {looks.en} (from line {line}); save it as UTF-8, "
                f"or run iconv -f GBK -t UTF-8 FILE > NEW_FILE",
            ),
        )


def input_method_mistakes(path: str, text: str) -> list[Diagnostic]:
    """Tabs or full-width spaces in indentation, and `key：` with a full-width colon."""
    found: list[Diagnostic] = []
    if "\t" not in text and "\u3000" not in text and "：" not in text:
        return found  # the common case: one scan in C instead of a loop over lines
    for number, line in enumerate(LINE_BREAK.split(text), start=1):
        stripped = line.lstrip(" \t\u3000")
        if not stripped or stripped.startswith("#"):
            continue
        indent = _INDENT.match(line)
        lead = indent.group() if indent else ""
        if "\t" in lead or "\u3000" in lead:
            col = min(i for i, ch in enumerate(lead) if ch in "\t\u3000") + 1
            what = (
                Msg("制表符(Tab)", "a tab")
                if "\t" in lead
                else Msg("全角空格", "a full-width space")
            )
            found.append(
                Diagnostic(
                    path,
                    number,
                    col,
                    "E-indent",
                    Msg(
                        f"缩进中有{what.zh};缩进只能用半角空格",
                        f"the indentation contains {what.en}; indent with ASCII spaces only",
                    ),
                )
            )
            continue
        colon = _FULLWIDTH_KEY.match(line)
        if colon:
            key = colon.group(1)
            found.append(
                Diagnostic(
                    path,
                    number,
                    line.index("：") + 1,
                    "E-fullwidth-colon",
                    Msg(
                        f"'{key}' 后面是全角冒号 '：';请改为半角冒号加空格 '{key}: '",
                        f"'{key}' is followed by a full-width colon '：'; write '{key}: ' "
                        f"(ASCII colon and a space)",
                    ),
                )
            )
    return found
