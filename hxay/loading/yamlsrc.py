"""Stage 2, loading: read one YAML file into records of plain data with a side table of
source locations.

Bytes -> text (loading/text.py) -> nodes (PyYAML's C composer) -> plain values
(loading/nodes.py). Scalars stay the exact source text (typing happens in parse.py); every
problem is a Diagnostic, never raised.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import yaml

from hxay.loading.nodes import (
    MERGE,
    PLAIN_TAG,
    QUOTED_TAG,
    Converter,
    FileFailed,
    KeyPath,
    Pos,
    Slow,
    fast,
    is_null,
    mark,
)
from hxay.loading.syntax import explain, not_a_record
from hxay.loading.text import decode, input_method_mistakes
from hxay.models.diagnostics import PER_FILE, Diagnostic, capped
from hxay.models.text import Msg

__all__ = ["KeyPath", "Pos", "RawRecord", "read_records"]


class _TextResolver(yaml.resolver.BaseResolver):
    """Every plain scalar is text (typing happens per field); only `<<` keeps its merge meaning.

    This also spares PyYAML's regex-based implicit resolution, a large share of compose time.
    """

    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode:
            if implicit[0]:
                return MERGE if value == "<<" else PLAIN_TAG
            return QUOTED_TAG
        # PyYAML ships no type hints for its resolver
        return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """No path-dependent resolvers here: skip PyYAML's bookkeeping for every node."""

    def ascend_resolver(self) -> None:
        """See descend_resolver."""


# libyaml's parser and composer (PyYAML wheels ship it); the C loader is part of the stack.
_Parser: Any = vars(yaml.cyaml)["CParser"]


# the C parser is reached through vars() (no stub names it), so its base is untyped
class _Loader(_Parser, yaml.constructor.SafeConstructor, _TextResolver):  # type: ignore[misc]
    """PyYAML's C parser and composer, with the text resolver."""

    def __init__(self, stream: Any) -> None:
        _Parser.__init__(self, stream)
        yaml.constructor.SafeConstructor.__init__(self)
        _TextResolver.__init__(self)


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
            conv = Converter(self.path)
            if self.node is not None:
                # the file was read once already, so it cannot fail now
                with contextlib.suppress(FileFailed):
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


class FileSource:
    """One file's records as read, shared by the positions of all its records: the tables
    come from the nodes while the load holds them (`hold`), else from one re-read of the
    file (`read`) for the whole file, the first time a diagnostic needs a column."""

    def __init__(self, path: str, read: Callable[[], bytes] | None = None) -> None:
        self.path = path
        self._read = read
        self._raws: dict[Pos, RawRecord] | None = None

    def hold(self, raws: list[RawRecord]) -> None:
        self._raws = {(raw.line, raw.column): raw for raw in raws}

    def release(self) -> None:
        """Let the node trees go (the memory of a large folder); positions read again."""
        if self._read is not None:
            self._raws = None

    def values(self, at: Pos) -> Mapping[KeyPath, Pos]:
        if self._raws is None:
            raws: list[RawRecord] = []
            if self._read is not None:
                with contextlib.suppress(OSError):
                    raws = read_records(self.path, self._read())[0]
            self.hold(raws)
        assert self._raws is not None
        raw = self._raws.get(at)
        return raw.values if raw is not None else {}


class LazyPositions(Mapping[KeyPath, Pos]):
    """A record's value positions, built on first use from its file's source."""

    __slots__ = ("column", "line", "pinned", "source")

    def __init__(
        self,
        source: FileSource | None,
        line: int,
        column: int,
        pinned: Mapping[KeyPath, Pos] | None = None,
    ) -> None:
        self.source, self.line, self.column, self.pinned = source, line, column, pinned

    def pin(self) -> Mapping[KeyPath, Pos]:
        """Build the table now and keep it (before the file's nodes are let go)."""
        if self.pinned is None:
            self.pinned = self.source.values((self.line, self.column)) if self.source else {}
        return self.pinned

    def _table(self) -> Mapping[KeyPath, Pos]:
        if self.pinned is not None:
            return self.pinned
        return self.source.values((self.line, self.column)) if self.source else {}

    def __getitem__(self, loc: KeyPath) -> Pos:
        return self._table()[loc]

    def __iter__(self) -> Iterator[KeyPath]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())

    def get(self, loc: KeyPath, default: Any = None) -> Any:
        return self._table().get(loc, default)


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


def _is_record_node(node: yaml.Node) -> bool:
    return isinstance(node, yaml.MappingNode)


def read_records(path: str, raw: bytes) -> tuple[list[RawRecord], list[Diagnostic]]:
    """All records of one file, or none with the diagnostics that explain why."""
    text, problems = decode(path, raw)
    if text is None:
        return [], problems
    problems = input_method_mistakes(path, text)
    if problems:
        return [], capped(problems)
    try:
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        return [], [explain(path, text, exc)]
    except RecursionError:
        return [], [
            Diagnostic(path, 1, 1, "E-yaml", Msg("YAML 嵌套过深", "YAML nested too deeply"))
        ]

    records: list[RawRecord] = []
    diagnostics: list[Diagnostic] = []
    record_nodes: dict[int, Pos] = {}
    conv = Converter(path)
    seen: set[int] = set()  # collection nodes read by the fast reader: a second visit is an alias
    for doc_index, document in enumerate(documents):
        if document is None:
            continue
        items: list[yaml.Node]
        items = list(document.value) if isinstance(document, yaml.SequenceNode) else [document]
        for item_index, item in enumerate(items):
            conv.start_record()
            if is_null(item):
                continue
            if not _is_record_node(item):
                diagnostics.append(
                    Diagnostic(
                        path,
                        *mark(item),
                        "E-not-record",
                        not_a_record(item),
                    )
                )
                continue
            if id(item) in record_nodes:
                first = record_nodes[id(item)][0]
                diagnostics.append(
                    Diagnostic(
                        path,
                        *_alias_position(text, doc_index, item_index, mark(item)),
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
            record_nodes[id(item)] = mark(item)
            quick = True
            try:
                data = fast(item, seen, 0)
            except Slow:
                quick = False
                try:
                    data = conv.convert(item, ())
                except FileFailed:
                    return [], conv.diagnostics[-1:]
            if not isinstance(data, dict):
                continue
            if data and all(str(k).startswith("x_") for k in data):
                continue  # a place to keep anchors for `<<:`
            line, column = _first_key_pos(item)
            if quick:
                records.append(RawRecord(path, line, column, data, item))
            else:
                refused = frozenset(conv.refused)
                records.append(
                    RawRecord(path, line, column, data, item, refused, conv.keys, conv.values)
                )
    diagnostics.extend(conv.diagnostics)
    diagnostics.sort(key=Diagnostic.sort_key)
    if len(diagnostics) > PER_FILE:
        return [], capped(diagnostics)  # so broken a file is left out whole
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
        return mark(node.value[0][0])
    return mark(node)
