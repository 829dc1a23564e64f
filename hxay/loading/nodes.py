"""Stage 2, loading: composed YAML nodes as plain values. The full converter records where
each key and value was written and checks tags, duplicate keys, merges and alias bombs; the
fast reader takes clean records without positions and gives up (`Slow`) on anything unusual.
Scalars stay the exact source text.
"""

from __future__ import annotations

from typing import Any

import yaml

from hxay.models.diagnostics import Code, Diagnostic
from hxay.models.text import Msg

PLAIN_TAG = "tag:hxay,2012:plain"  # an unquoted, untagged scalar: text, or null when empty/~/null
QUOTED_TAG = "tag:yaml.org,2002:str"
MERGE = "tag:yaml.org,2002:merge"

Pos = tuple[int, int]  # 1-based line, column
KeyPath = tuple[str | int, ...]

ALIAS_LIMIT = 100_000
MAX_DEPTH = 64

_STD = "tag:yaml.org,2002:"
_ALLOWED_TAGS = frozenset(
    _STD + t
    for t in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq", "merge", "value")
) | {PLAIN_TAG}
_MERGE_TAG = _STD + "merge"
_NULL_TAG = _STD + "null"
_MAP_TAG = _STD + "map"
_SEQ_TAG = _STD + "seq"
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})


class Slow(Exception):
    """The fast reader met something unusual (a tag, an alias, a merge, a duplicate key)."""


def fast(node: yaml.Node, seen: set[int], depth: int) -> Any:
    """Plain values of a clean record, without positions; raises _Slow for anything unusual,
    which the full converter then reads with every check and position."""
    cls = node.__class__
    if cls is yaml.ScalarNode:
        tag = node.tag
        if tag == PLAIN_TAG:
            value = node.value
            return None if value in _NULL_WORDS else value
        if tag == QUOTED_TAG:
            return node.value
        raise Slow
    if depth > MAX_DEPTH or id(node) in seen:
        raise Slow
    seen.add(id(node))
    if cls is yaml.MappingNode and node.tag == _MAP_TAG:
        out: dict[str, Any] = {}
        for knode, vnode in node.value:
            if knode.__class__ is not yaml.ScalarNode or (
                knode.tag != PLAIN_TAG and knode.tag != QUOTED_TAG
            ):
                raise Slow
            key = knode.value
            if key in out:
                raise Slow
            out[key] = fast(vnode, seen, depth + 1)
        return out
    if cls is yaml.SequenceNode and node.tag == _SEQ_TAG:
        return [fast(item, seen, depth + 1) for item in node.value]
    raise Slow


class FileFailed(Exception):
    """The file cannot be used at all; its diagnostic is already recorded."""


def is_null(node: yaml.Node) -> bool:
    """An unquoted empty value, `~` or `null`: the field is absent. libyaml marks plain
    scalars with style '' where PyYAML uses None, so test for falsy."""
    if not isinstance(node, yaml.ScalarNode):
        return False
    return node.tag == _NULL_TAG or (node.tag == PLAIN_TAG and node.value in _NULL_WORDS)


def mark(node: yaml.Node) -> Pos:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class Converter:
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

    def error(self, pos: Pos, code: Code, msg: Msg) -> None:
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
                raise FileFailed
        if depth > MAX_DEPTH:
            self.error(
                mark(node),
                "E-yaml",
                Msg(f"嵌套超过 {MAX_DEPTH} 层", f"nested deeper than {MAX_DEPTH} levels"),
            )
            raise FileFailed
        self.values.setdefault(loc, mark(node))
        if node.tag not in _ALLOWED_TAGS:
            self.refused.add(loc)
            self.error(
                mark(node),
                "E-tag",
                Msg(
                    f"不允许使用标签 '{node.tag}'(只允许安全的 YAML);请删除该标签",
                    f"the tag '{node.tag}' is not allowed (safe YAML only); remove it",
                ),
            )
            return None
        if isinstance(node, yaml.ScalarNode):
            if is_null(node):
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
                    mark(knode),
                    "E-yaml",
                    Msg("键必须是简单文字", "a key must be plain text"),
                )
                continue
            key = knode.value
            kpos = mark(knode)
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
                    mark(merged),
                    "E-yaml",
                    Msg("'<<' 只能合并映射", "'<<' can only merge mappings"),
                )
                continue
            self.keys.setdefault(loc, mark(merged))
            values = self.mapping(merged, loc, depth + 1, True)
            for key, value in values.items():
                result.setdefault(key, value)
        return result
