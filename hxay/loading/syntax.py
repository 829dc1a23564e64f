"""Stage 2, loading: a YAML syntax error told at the mistake, with its fix, in both languages.

libyaml says what it was reading and where it gave up, often a line later or at the end of
the file; each rule below matches that report against the text (loading/layout.py) to find
the line and column a person has to change. What no rule knows gets a plainer message at
the parser's position. Every position lies inside the file; nothing here raises.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from hxay.loading.blocks import BLOCK_RULES, Rule
from hxay.loading.layout import (
    NO_NAME,
    Found,
    Pos,
    Report,
    Source,
    position,
    snip,
    tight_colon,
    word,
)
from hxay.loading.text import LINE_BREAK
from hxay.models.diagnostics import Diagnostic
from hxay.models.text import Msg

_Scanner: Any = vars(yaml.cyaml)["CParser"]


def _unclosed_flow(src: Source, r: Report) -> Found | None:
    """`[a, b` or `{name: x` without its closing bracket, or a wrong item inside one."""
    if not r.problem.startswith("did not find expected ','") or r.near is None:
        return None
    opener = src.char(*r.near) or ("[" if "sequence" in r.context else "{")
    closer = "]" if opener == "[" else "}"
    at = r.at
    if at is None or at[0] != r.near[0] or at[1] >= len(src.text(at[0]).rstrip()):
        return (
            *r.near,
            Msg(
                f"这里的 '{opener}' 没有配对的 '{closer}';请在这个值的末尾补上 '{closer}'",
                f"the '{opener}' here is never closed; add '{closer}' at the end of the value",
            ),
        )
    ch = src.char(*at)
    if ch in "]}":
        msg = Msg(
            f"第 {r.near[1] + 1} 列的 '{opener}' 要用 '{closer}' 结束,这里却是 '{ch}';请改为 '{closer}'",
            f"the '{opener}' at column {r.near[1] + 1} closes with '{closer}', not '{ch}'; "
            f"write '{closer}'",
        )
    elif ch == ":":
        msg = Msg(
            f"'{opener}…{closer}' 里这里多了一个 ':':若是两项,请用逗号分开;"
            "若冒号是值的一部分,请给这个值加引号",
            f"an extra ':' inside '{opener}…{closer}': separate two items with a comma, or "
            "quote a value that holds a colon",
        )
    else:
        msg = Msg(
            f"'{opener}…{closer}' 里的各项要用逗号 ',' 分开,这里缺少逗号或 '{closer}'",
            f"items inside '{opener}…{closer}' are separated by commas; a comma or "
            f"'{closer}' is missing here",
        )
    return (*at, msg)


def _flow_gap(src: Source, r: Report) -> Found | None:
    """`[a,, b]` or `{a: b, : c}`: an empty place between commas."""
    if r.problem != "did not find expected node content" or r.at is None:
        return None
    ch = src.char(*r.at)
    if r.context == "while parsing a block node" and ch in ",]}":
        value = snip(src.text(r.at[0])[r.at[1] :])
        msg = _reserved(ch, value)
    elif ch == ",":
        msg = Msg(
            "这里多了一个逗号(两个逗号之间没有内容);请删去它",
            "an extra comma (nothing between two commas); delete it",
        )
    elif ch == ":":
        msg = NO_NAME
    else:
        return None
    return (*r.at, msg)


def _flow_colon(src: Source, r: Report) -> Found | None:
    """`{a: b, c:}`: a key inside brackets with a colon and no value."""
    if r.problem != "found unexpected ':'" or r.at is None:
        return None
    line, col = r.at
    match = re.search(r"[^\s{\[,]*$", src.text(line)[:col])
    key = snip(match.group() if match else "", 12) or "…"
    return (
        line,
        col,
        Msg(
            f"'{key}:' 后面缺少值;括号里请写成 '{key}: 值'(冒号后加空格),没有值就删去这一项",
            f"'{key}:' has no value; inside brackets write '{key}: value' (a space after the "
            "colon), or delete the item",
        ),
    )


def _quoted(src: Source, r: Report) -> Found | None:
    if not r.context.endswith("quoted scalar"):
        return None
    if r.near is not None and r.problem in (
        "found unexpected end of stream",
        "found unexpected document indicator",
    ):
        return (*r.near, _unclosed_quote(src.char(*r.near), None))
    if r.at is not None and ("escape" in r.problem or "hexdecimal" in r.problem):
        return (
            *r.at,
            Msg(
                "双引号里的 '\\' 是转义符,这里的写法不是合法的转义;路径等文字请改用单引号"
                "(如 'D:\\报表'),或把 '\\' 写成 '\\\\'",
                "inside double quotes '\\' starts an escape, and this one is not valid; quote "
                "paths with single quotes (as in 'D:\\forms'), or write '\\' as '\\\\'",
            ),
        )
    return None


def _unclosed_quote(quote: str, closed_on: int | None) -> Msg:
    kind = Msg("双", "double") if quote == '"' else Msg("单", "single")
    zh = f"这里开始的{kind.zh}引号 {quote} 没有结束的引号"
    en = f"the {kind.en} quote {quote} that opens here is not closed"
    if closed_on is not None:
        zh += f"(到第 {closed_on} 行才遇到下一个 {quote})"
        en += f" (the next {quote} is on line {closed_on})"
    return Msg(zh + f";请在这个值的末尾补上 {quote}", en + f"; add {quote} at the end of the value")


def _indicator(src: Source, r: Report) -> Found | None:
    """A value starting with a character YAML reserves: `*` `&` `@` `` ` `` `%` `|` `>`."""
    where = r.near if r.context in _INDICATOR_CONTEXTS else None
    if r.problem == "found character that cannot start any token":
        where = r.at
    if where is None:
        return None
    ch = src.char(*where)
    if ch == "\t":
        return (*where, _TAB)
    value = snip(src.text(where[0])[where[1] :])
    if ch in "|>" and r.context.startswith("while scanning a block"):
        return (
            *where,
            Msg(
                f"'{ch}' 表示下面几行是多行文字,它后面不能再写内容;请把文字另起一行并缩进,"
                "或给整个值加引号",
                f"'{ch}' says the lines below hold the text, so nothing may follow it; put the "
                "text on the next lines, indented, or quote the whole value",
            ),
        )
    if ch in "*&":
        what = Msg("别名(引用)", "an alias") if ch == "*" else Msg("锚点", "an anchor")
        return (
            *where,
            Msg(
                f"以 '{ch}' 开头的值会被当成{what.zh};若是文字,请给整个值加引号:\"{value}\"",
                f"a value starting with '{ch}' is read as {what.en}; if it is text, quote the "
                f'whole value: "{value}"',
            ),
        )
    return (*where, _reserved(ch, value))


def _reserved(ch: str, value: str) -> Msg:
    return Msg(
        f"'{ch}' 是 YAML 的保留符号,值不能以它开头;请给整个值加引号:\"{value}\"",
        f"'{ch}' is reserved in YAML and cannot start a value; quote the whole value: \"{value}\"",
    )


_INDICATOR_CONTEXTS = (
    "while scanning an alias",
    "while scanning an anchor",
    "while scanning a block scalar",
)
_TAB = Msg(
    "这里有制表符(Tab);YAML 里的缩进和间隔只能用空格,请换成空格",
    "a tab here; YAML indents and separates with spaces only: replace it with spaces",
)


def _other(src: Source, r: Report) -> Found | None:
    if r.at is None:
        return None
    if "tab" in r.problem:
        return (*r.at, _TAB)
    if r.problem == "found undefined alias":
        alias = word(src, r.at)
        return (
            *r.at,
            Msg(
                f"'{alias}' 引用的锚点 '&{alias[1:]}' 在前面没有定义;请先写锚点,"
                "若 '*' 是文字的一部分,请给整个值加引号",
                f"'{alias}' names an anchor '&{alias[1:]}' that is not defined above; define "
                "it first, or quote the value if the '*' is part of the text",
            ),
        )
    if "nesting depth" in r.problem:
        return (
            *r.at,
            Msg(
                "括号嵌套太深;请检查这一行是否多写了 '[' 或 '{'",
                "brackets nested too deep; look for extra '[' or '{' on this line",
            ),
        )
    return None


_RULES: tuple[Rule, ...] = (
    _quoted,
    *BLOCK_RULES,
    _unclosed_flow,
    _flow_gap,
    _flow_colon,
    _indicator,
    _other,
)


def _spanning_quote(text: str, src: Source, r: Report) -> Found | None:
    """A quoted value that runs over several lines up to the error: its closing quote is
    missing, and the next quote in the file (another value's) closed it instead."""
    if r.index is None or r.at is None or r.context.endswith("quoted scalar"):
        return None
    before = src.text(r.at[0])[: r.at[1]]
    if not any(before.count(q) % 2 for q in "\"'"):
        return None  # such a value would close on this line with an odd quote: spare the scan
    last: Any = None
    try:
        for token in yaml.scan(text, Loader=_Scanner):
            if token.start_mark.index >= r.index:
                break
            last = token
    except yaml.YAMLError:
        pass
    if (
        isinstance(last, yaml.ScalarToken)
        and last.style in ('"', "'")
        and last.start_mark.line < last.end_mark.line == r.at[0]
    ):
        start = (last.start_mark.line, last.start_mark.column)
        return (*start, _unclosed_quote(last.style, last.end_mark.line + 1))
    return None


def _reader_error(text: str, exc: yaml.reader.ReaderError) -> tuple[Pos, Msg]:
    """A character YAML refuses (a control character pasted in): libyaml gives its offset in
    the UTF-8 bytes."""
    index = len(text.encode("utf-8")[: exc.position].decode("utf-8", "ignore"))
    line = len(LINE_BREAK.findall(text, 0, index))
    start = max(text.rfind("\n", 0, index), text.rfind("\r", 0, index)) + 1
    code = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    return (line, index - start), Msg(
        f"这里有一个不可见的控制字符 U+{code:04X}(常见于从 Word 或网页复制的文字);请删去它",
        f"an invisible control character U+{code:04X} here (often pasted from Word or a web "
        "page); delete it",
    )


def explain(path: str, text: str, exc: yaml.YAMLError) -> Diagnostic:
    """The E-yaml diagnostic for a file libyaml refused."""
    src = Source(text)
    if isinstance(exc, yaml.reader.ReaderError):
        (line, col), msg = _reader_error(text, exc)
    else:
        at = getattr(exc, "problem_mark", None)
        r = Report(
            str(getattr(exc, "problem", None) or exc),
            str(getattr(exc, "context", None) or ""),
            position(at),
            position(getattr(exc, "context_mark", None)),
            getattr(at, "index", None),
        )
        found = _spanning_quote(text, src, r)
        for rule in _RULES:
            if found is not None:
                break
            found = rule(src, r)
        if found is None:
            line, col = r.at or r.near or (0, 0)
            detail = r.problem if not r.context else f"{r.context}: {r.problem}"
            msg = Msg(
                f"YAML 格式错误,这里的写法无法读取(解析器:{detail});"
                "请检查这一行和上一行的缩进、冒号后的空格,以及引号和括号是否成对",
                f"invalid YAML, this cannot be read ({detail}); check the indentation of this "
                "line and the one above, the space after each colon, and that quotes and "
                "brackets are closed",
            )
        else:
            line, col, msg = found
    line, col = src.clamp(line, col)
    return Diagnostic(path, line + 1, col + 1, "E-yaml", msg)


def not_a_record(node: yaml.Node) -> Msg:
    """What to say where a record was expected: `- kind:meeting` is valid YAML (one text),
    so the missing space after its colon is named here rather than by the parser."""
    msg = Msg(
        "这里应为一条记录(以 kind: 开头的映射)",
        "expected a record here (a mapping starting with kind:)",
    )
    if isinstance(node, yaml.ScalarNode) and not node.style:
        found = tight_colon(node.value, 0)
        if found is not None:
            key, colon = found
            fixed = f"{key}: {snip(node.value[colon + 1 :])}"
            msg += Msg(
                f";'{key}:' 的冒号后面缺少空格,请写成 '{fixed}'",
                f"; there is no space after the colon of '{key}:': write '{fixed}'",
            )
    return msg
