"""Read one YAML file into plain data with a side table of source locations.

Bytes -> text (UTF-8 only) -> nodes (PyYAML's C composer) -> plain values. Scalars stay the
exact source text (typing happens in parse.py); every problem is a Diagnostic, never raised.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from hxay.models.diagnostics import Diagnostic
from hxay.models.text import Msg

_PLAIN_TAG = "tag:hxay,2012:plain"  # an unquoted, untagged scalar: text, or null when empty/~/null
_QUOTED_TAG = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"


class _TextResolver(yaml.resolver.BaseResolver):
    """Every plain scalar is text (typing happens per field); only `<<` keeps its merge meaning.

    This also spares PyYAML's regex-based implicit resolution, a large share of compose time.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                return _MERGE if value == "<<" else _PLAIN_TAG
            return _QUOTED_TAG
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path-dependent resolvers here: skip PyYAML's bookkeeping for every node."""

    def ascend_resolver(self) -> None:
        """See descend_resolver."""


# libyaml's parser and composer (PyYAML wheels ship it); the C loader is part of the stack.
_Parser: Any = vars(yaml.cyaml)["CParser"]


class _Loader(_Parser, yaml.constructor.SafeConstructor, _TextResolver):  # type: ignore[misc]
    """PyYAML's C parser and composer, with the text resolver."""

    def __init__(self, stream: Any) -> None:
        _Parser.__init__(self, stream)
        yaml.constructor.SafeConstructor.__init__(self)
        _TextResolver.__init__(self)


Pos = tuple[int, int]  # 1-based line, column
KeyPath = tuple[str | int, ...]

ALIAS_LIMIT = 100_000
MAX_DEPTH = 64
MAX_BYTES = 32 * 1024 * 1024
MAX_DIAGNOSTICS_PER_FILE = 50

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _STD + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "value")
) | {_PLAIN_TAG}
_MERGE_TAG = _STD + "merge"
_NULL_TAG = _STD + "null"
_MAP_TAG = _STD + "map"
_SEQ_TAG = _STD + "seq"
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
_FULLWIDTH_KEY = re.compile(r"^[ ]*(?:-[ ]+)?([A-Za-z_][A-Za-z0-9_]*)[ ]*：")
_INDENT = re.compile(r"^[ \t\u3000]*")
# YAML's line breaks (str.splitlines also splits on form feeds and others, shifting lines)
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


@dataclass
class RawRecord:
    """One record as plain data, with where each key and value was written.

    The position tables are built only when asked for (a diagnostic needs a column): most
    records never need them, and walking every node for positions is most of a clean load.
    """

    path: str
    line: int
    column: int
    data: dict[str, Any]
    node: yaml.Node | None = None
    # where reading already found an error (a refused tag, a duplicate key): the record is
    # broken there, and a field left empty by it is not reported again as missing
    refused: frozenset[KeyPath] = frozenset()
    _keys: dict[KeyPath, Pos] | None = None
    _values: dict[KeyPath, Pos] | None = None

    def _tables(self) -> tuple[dict[KeyPath, Pos], dict[KeyPath, Pos]]:
        if self._keys is None or self._values is None:
            conv = _Converter(self.path)
            if self.node is not None:
                # the file was read once already, so it cannot fail now
                with contextlib.suppress(_FileFailed):
                    conv.convert(self.node, ())
            self._keys, self._values = conv.keys, conv.values
        return self._keys, self._values

    @property
    def keys(self) -> dict[KeyPath, Pos]:
        return self._tables()[0]

    @property
    def values(self) -> dict[KeyPath, Pos]:
        return self._tables()[1]

    def pos(self, loc: KeyPath, *, key: bool = False) -> Pos:
        """The best source position for `loc`: the key or value itself, else its nearest parent."""
        keys, values = self._tables()
        table = keys if key else values
        for end in range(len(loc), 0, -1):
            prefix = loc[:end]
            if prefix in table:
                return table[prefix]
            if prefix in keys:
                return keys[prefix]
        return (self.line, self.column)


class LazyPositions(Mapping[KeyPath, Pos]):
    """A record's value positions, built from its YAML nodes on first use."""

    def __init__(self, raw: RawRecord) -> None:
        self._raw = raw

    @property
    def raw_line(self) -> int:
        return self._raw.line

    def _table(self) -> Mapping[KeyPath, Pos]:
        return self._raw.values

    def __getitem__(self, loc: KeyPath) -> Pos:
        return self._table()[loc]

    def __iter__(self) -> Iterator[KeyPath]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())

    def get(self, loc: KeyPath, default: Any = None) -> Any:
        return self._table().get(loc, default)


class FilePositions(LazyPositions):
    """Positions of a record restored from the cache: the file is read again when (rarely)
    a diagnostic needs a column, so the cache never stores node trees."""

    def __init__(self, file: str, path: str, line: int) -> None:
        self._file, self._path, self._line = file, path, line
        self._values: Mapping[KeyPath, Pos] | None = None

    @property
    def raw_line(self) -> int:
        return self._line

    def _table(self) -> Mapping[KeyPath, Pos]:
        if self._values is None:
            self._values = {}
            try:
                with open(self._file, "rb") as handle:
                    raws, _ = read_records(self._path, handle.read())
            except OSError:
                raws = []
            for raw in raws:
                if raw.line == self._line:
                    self._values = raw.values
                    break
        return self._values

    def __getstate__(self) -> dict[str, Any]:
        return {"_file": self._file, "_path": self._path, "_line": self._line, "_values": None}


def item_line(raw: RawRecord, base: KeyPath) -> int:
    """The line of the first key of the mapping at `base` (e.g. an inline hazard)."""
    node: yaml.Node | None = raw.node
    for part in base:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            node = next((v for k, v in node.value if k.value == part), None)
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
        else:
            node = None
        if node is None:
            return raw.pos(base)[0]
    return _first_key_pos(node)[0] if node is not None else raw.line


class _Slow(Exception):
    """The fast reader met something unusual (a tag, an alias, a merge, a duplicate key)."""


def _fast(node: yaml.Node, seen: set[int], depth: int) -> Any:
    """Plain values of a clean record, without positions; raises _Slow for anything unusual,
    which the full converter then reads with every check and position."""
    cls = node.__class__
    if cls is yaml.ScalarNode:
        tag = node.tag
        if tag == _PLAIN_TAG:
            value = node.value
            return None if value in _NULL_WORDS else value
        if tag == _QUOTED_TAG:
            return node.value
        raise _Slow
    if depth > MAX_DEPTH or id(node) in seen:
        raise _Slow
    seen.add(id(node))
    if cls is yaml.MappingNode and node.tag == _MAP_TAG:
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            if knode.__class__ is not yaml.ScalarNode or (
                knode.tag != _PLAIN_TAG and knode.tag != _QUOTED_TAG
            ):
                raise _Slow
            key = knode.value
            if key in out:
                raise _Slow
            out[key] = _fast(vnode, seen, depth + 1)
        return out
    if cls is yaml.SequenceNode and node.tag == _SEQ_TAG:
        return [_fast(item, seen, depth + 1) for item in node.value]
    raise _Slow


class _FileFailed(Exception):
    """The file cannot be used at all; its diagnostic is already recorded."""


def _is_null(node: yaml.Node) -> bool:
    """An unquoted empty value, `~` or `null`: the field is absent. libyaml marks plain
    scalars with style '' where PyYAML uses None, so test for falsy."""
    if not isinstance(node, yaml.ScalarNode):
        return False
    return node.tag == _NULL_TAG or (node.tag == _PLAIN_TAG and node.value in _NULL_WORDS)


def _mark(node: yaml.Node) -> Pos:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


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

    def fail(code: str, msg: Msg) -> tuple[None, list[Diagnostic]]:
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


def _input_method_mistakes(path: str, text: str) -> list[Diagnostic]:
    """Tabs or full-width spaces in indentation, and `key：` with a full-width colon."""
    found: list[Diagnostic] = []
    if "\t" not in text and "\u3000" not in text and "：" not in text:
        return found  # the common case: one scan in C instead of a loop over lines
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
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


class _Converter:
    """Nodes -> plain values, recording positions; checks tags, duplicate keys and alias bombs."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.seen: set[int] = set()
        self.expanded = 0
        self.keys: dict[KeyPath, Pos] = {}
        self.values: dict[KeyPath, Pos] = {}
        self.refused: set[KeyPath] = set()

    def start_record(self) -> None:
        self.keys, self.values, self.refused = {}, {}, set()

    def error(self, pos: Pos, code: str, msg: Msg) -> None:
        self.diagnostics.append(Diagnostic(self.path, pos[0], pos[1], code, msg))

    def convert(self, node: yaml.Node, loc: KeyPath, depth: int = 0, aliased: bool = False) -> Any:
        if id(node) in self.seen:
            aliased = True
        else:
            self.seen.add(id(node))
        if aliased:
            self.expanded += 1
            if self.expanded > ALIAS_LIMIT:
                self.error(
                    (1, 1),
                    "E-alias-bomb",
                    Msg(
                        f"别名展开超过 {ALIAS_LIMIT} 个节点,文件被拒绝;请不要嵌套引用别名",
                        f"aliases expand past {ALIAS_LIMIT} nodes; the file is refused "
                        "(do not nest aliases of aliases)",
                    ),
                )
                raise _FileFailed
        if depth > MAX_DEPTH:
            self.error(
                _mark(node),
                "E-yaml",
                Msg(f"嵌套超过 {MAX_DEPTH} 层", f"nested deeper than {MAX_DEPTH} levels"),
            )
            raise _FileFailed
        self.values.setdefault(loc, _mark(node))
        if node.tag not in _ALLOWED_TAGS:
            self.refused.add(loc)
            self.error(
                _mark(node),
                "E-tag",
                Msg(
                    f"不允许使用标签 '{node.tag}'(只允许安全的 YAML);请删除该标签",
                    f"the tag '{node.tag}' is not allowed (safe YAML only); remove it",
                ),
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            if _is_null(node):
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [
                self.convert(item, (*loc, i), depth + 1, aliased)
                for i, item in enumerate(node.value)
            ]
        return self.mapping(node, loc, depth, aliased)

    def mapping(self, node: yaml.Node, loc: KeyPath, depth: int, aliased: bool) -> dict[str, Any]:
        result: dict[str, Any] = {}
        explicit: dict[str, Pos] = {}
        merges: list[yaml.Node] = []
        for knode, vnode in node.value:
            if knode.tag == _MERGE_TAG:
                merges.extend(vnode.value if isinstance(vnode, yaml.SequenceNode) else [vnode])
                continue
            if not isinstance(knode, yaml.ScalarNode):
                self.refused.add(loc)
                self.error(
                    _mark(knode),
                    "E-yaml",
                    Msg("键必须是简单文字", "a key must be plain text"),
                )
                continue
            key = knode.value
            kpos = _mark(knode)
            if key in explicit:
                first = explicit[key][0]
                self.refused.add((*loc, key))
                self.error(
                    kpos,
                    "E-duplicate-key",
                    Msg(
                        f"键 '{key}' 重复:第 {first} 行已有;删除其中一个",
                        f"the key '{key}' appears twice: also on line {first}; remove one of them",
                    ),
                )
                continue
            explicit[key] = kpos
            self.keys.setdefault((*loc, key), kpos)  # a key written here wins over a merged one
            result[key] = self.convert(vnode, (*loc, key), depth + 1, aliased)
        # Merged keys (`<<: *base`) fill in what the mapping does not say itself; earlier
        # merges win over later ones, as in YAML's merge-key spec.
        for merged in merges:
            if not isinstance(merged, yaml.MappingNode):
                self.refused.add(loc)
                self.error(
                    _mark(merged),
                    "E-yaml",
                    Msg("'<<' 只能合并映射", "'<<' can only merge mappings"),
                )
                continue
            self.keys.setdefault(loc, _mark(merged))
            values = self.mapping(merged, loc, depth + 1, True)
            for key, value in values.items():
                result.setdefault(key, value)
        return result


def _yaml_error(path: str, exc: yaml.YAMLError) -> Diagnostic:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    detail = f"{context}: {problem}" if context else str(problem)
    return Diagnostic(
        path,
        line,
        col,
        "E-yaml",
        Msg(
            f"YAML 格式错误:{detail};请检查缩进、冒号后的空格和引号是否成对",
            f"invalid YAML: {detail}; check the indentation, the space after each colon "
            "and that quotes are closed",
        ),
    )


def _is_record_node(node: yaml.Node) -> bool:
    return isinstance(node, yaml.MappingNode)


def read_records(path: str, raw: bytes) -> tuple[list[RawRecord], list[Diagnostic]]:
    """All records of one file, or none with the diagnostics that explain why."""
    text, problems = decode(path, raw)
    if text is None:
        return [], problems
    problems = _input_method_mistakes(path, text)
    if problems:
        return [], problems[:MAX_DIAGNOSTICS_PER_FILE]
    try:
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        return [], [_yaml_error(path, exc)]
    except RecursionError:
        return [], [
            Diagnostic(path, 1, 1, "E-yaml", Msg("YAML 嵌套过深", "YAML nested too deeply"))
        ]

    records: list[RawRecord] = []
    diagnostics: list[Diagnostic] = []
    record_nodes: dict[int, Pos] = {}
    conv = _Converter(path)
    seen: set[int] = set()  # collection nodes read by the fast reader: a second visit is an alias
    for doc_index, document in enumerate(documents):
        if document is None:
            continue
        items: list[yaml.Node]
        items = list(document.value) if isinstance(document, yaml.SequenceNode) else [document]
        for item_index, item in enumerate(items):
            conv.start_record()
            if _is_null(item):
                continue
            if not _is_record_node(item):
                diagnostics.append(
                    Diagnostic(
                        path,
                        *_mark(item),
                        "E-not-record",
                        Msg(
                            "这里应为一条记录(以 kind: 开头的映射)",
                            "expected a record here (a mapping starting with kind:)",
                        ),
                    )
                )
                continue
            if id(item) in record_nodes:
                first = record_nodes[id(item)][0]
                diagnostics.append(
                    Diagnostic(
                        path,
                        *_alias_position(text, doc_index, item_index, _mark(item)),
                        "E-alias-record",
                        Msg(
                            f"通过别名重复使用了第 {first} 行的记录,会被计算两次;"
                            "请用 '<<: *锚点' 合并后写成新记录",
                            f"the record of line {first} is used again through an alias and would "
                            "count twice; write a new record with '<<: *anchor' instead",
                        ),
                    )
                )
                continue
            record_nodes[id(item)] = _mark(item)
            fast = True
            try:
                data = _fast(item, seen, 0)
            except _Slow:
                fast = False
                try:
                    data = conv.convert(item, ())
                except _FileFailed:
                    return [], conv.diagnostics[-1:]
            if not isinstance(data, dict):
                continue
            if data and all(str(k).startswith("x_") for k in data):
                continue  # a place to keep anchors for `<<:`
            line, column = _first_key_pos(item)
            if fast:
                records.append(RawRecord(path, line, column, data, item))
            else:
                refused = frozenset(conv.refused)
                records.append(
                    RawRecord(path, line, column, data, item, refused, conv.keys, conv.values)
                )
    diagnostics.extend(conv.diagnostics)
    diagnostics.sort(key=Diagnostic.sort_key)
    if len(diagnostics) > MAX_DIAGNOSTICS_PER_FILE:
        extra = len(diagnostics) - MAX_DIAGNOSTICS_PER_FILE
        last = diagnostics[MAX_DIAGNOSTICS_PER_FILE - 1]
        diagnostics = diagnostics[:MAX_DIAGNOSTICS_PER_FILE]
        diagnostics.append(
            Diagnostic(
                path,
                last.line,
                last.column,
                "E-yaml",
                Msg(f"还有 {extra} 个问题未列出", f"{extra} more problems not listed"),
            )
        )
        return [], diagnostics
    return records, diagnostics


def _alias_position(text: str, doc_index: int, item_index: int, fallback: Pos) -> Pos:
    """Where an alias item of a root list was written (composed nodes keep only the anchor's)."""
    doc, depth, index = -1, 0, -1
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.DocumentStartEvent):
            doc, depth, index = doc + 1, 0, -1
            continue
        if doc != doc_index:
            continue
        if (
            depth == 1
            and isinstance(event, (yaml.NodeEvent))
            and not isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent))
        ):
            index += 1
            mark = event.start_mark
            if index == item_index and isinstance(event, yaml.AliasEvent) and mark is not None:
                return (mark.line + 1, mark.column + 1)
        if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            depth += 1
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            depth -= 1
    return fallback


def _first_key_pos(node: yaml.Node) -> Pos:
    if isinstance(node, yaml.MappingNode) and node.value:
        return _mark(node.value[0][0])
    return _mark(node)
