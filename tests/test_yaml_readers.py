"""The two readers of composed YAML in hxay/loading/nodes.py agree: whatever record the fast
reader accepts, the full converter reads as the same plain data, with no diagnostics.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from hxay.loading.nodes import Converter, Slow
from hxay.loading.nodes import fast as fast_reader
from hxay.loading.yamlsrc import _Loader

# Words YAML 1.1 would read as something other than text, and some that look like it.
TRICKY = [
    "",
    "~",
    "null",
    "Null",
    "NULL",
    "007",
    "1e5",
    "0x1F",
    "0o17",
    "1_000",
    "-.5",
    ".inf",
    ".NaN",
    "true",
    "yes",
    "No",
    "off",
    "y",
    "2012-09-01",
    "2012-09-01 08:00:00",
    "12:30",
    "=",
    "<<",
    "kind",
    "x_base",
    "平湖市当湖实验小学",
    "张 三",
    "校园安全 检查",
]
KEYS = ["kind", "id", "name", "a", "b", "x_base", "<<", "007", "~", "null", "", "键", "名称"]
TAGS = ["!!str", "!!int", "!!null", "!!bool", "!!map", "!!seq", "!", "!x", "!!python/none"]

PLAIN_TEXT = st.text(
    alphabet=st.sampled_from("abcxyz0123456789_-. 平湖安全检查学校"), min_size=1, max_size=8
).map(str.strip)
QUOTED_TEXT = st.text(max_size=10)
TAG = st.sampled_from([""] * 16 * len(TAGS) + TAGS)  # mostly untagged
ANCHORED = st.integers(0, 4).map(lambda n: n == 0)


def _single(text: str) -> str:
    # single quotes cannot escape, and YAML refuses control characters written as they are
    return "'" + "".join(c for c in text if c.isprintable()).replace("'", "''") + "'"


def _double(text: str) -> str:
    return '"' + "".join(_escape(c) for c in text) + '"'


def _escape(char: str) -> str:
    if char in '"\\':
        return "\\" + char
    if char.isprintable():
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


@st.composite
def _scalar(draw: st.DrawFn, *, key: bool = False) -> str:
    """A scalar as written, with an optional tag: plain, single- or double-quoted."""
    text = draw(st.sampled_from(KEYS) if key else st.one_of(st.sampled_from(TRICKY), PLAIN_TEXT))
    style = draw(st.sampled_from(["plain", "plain", "plain", "single", "double", "any"]))
    if style == "any":
        text = draw(QUOTED_TEXT)
        style = draw(st.sampled_from(["single", "double"]))
    written = {"plain": text, "single": _single(text), "double": _double(text)}[style]
    tag = draw(TAG)
    return f"{tag} {written}".strip() if tag else written


# A node as a tree, rendered below in block or flow style:
#   ("scalar", text, anchored) | ("alias", k) | ("map", tag, anchored, flow, [(key, node)]) |
#   ("seq", tag, anchored, flow, [node]); a mapping entry (MERGE, [k, ...]) is `<<: *alias`.
# Anchors get fresh names as they are written and an alias names the k-th anchor written so
# far, so that most texts compose (a duplicate anchor or an undefined alias does not).
Tree = tuple[Any, ...]
MERGE = "<<"


def _leaves() -> st.SearchStrategy[Tree]:
    return st.one_of(
        st.tuples(st.just("scalar"), _scalar(), ANCHORED),
        st.tuples(st.just("alias"), st.integers(0, 3)),
    )


def _entries(children: st.SearchStrategy[Tree]) -> st.SearchStrategy[list[tuple[str, Any]]]:
    merge = st.lists(st.integers(0, 3), min_size=1, max_size=2)
    pair = st.tuples(_scalar(key=True), children)
    # now and then a merge before the pair (one_of would make it every other entry)
    entry = st.tuples(st.integers(0, 7), merge, pair).map(
        lambda e: [(MERGE, e[1]), e[2]] if e[0] == 0 else [e[2]]
    )
    return st.lists(entry, max_size=4).map(lambda es: [x for e in es for x in e])


def _mapping(children: st.SearchStrategy[Tree]) -> st.SearchStrategy[Tree]:
    return st.tuples(st.just("map"), TAG, ANCHORED, st.booleans(), _entries(children))


def _trees() -> st.SearchStrategy[Tree]:
    def extend(children: st.SearchStrategy[Tree]) -> st.SearchStrategy[Tree]:
        return st.one_of(
            _mapping(children),
            st.tuples(st.just("seq"), TAG, ANCHORED, st.booleans(), st.lists(children, max_size=4)),
        )

    return st.recursive(_leaves(), extend, max_leaves=8)


class _Writer:
    """Renders trees as YAML text, naming anchors in the order they are written."""

    def __init__(self) -> None:
        self.anchors: list[str] = []

    def props(self, tree: Tree) -> str:
        tag, anchored = (tree[1], tree[2]) if tree[0] != "scalar" else ("", tree[2])
        parts = [tag] if tag else []
        if anchored:
            self.anchors.append(f"a{len(self.anchors)}")
            parts.insert(0, "&" + self.anchors[-1])
        return " ".join(parts)

    def alias(self, k: int) -> str:
        # before any anchor, plain text where the alias would be (an undefined one fails)
        return "*" + self.anchors[k % len(self.anchors)] if self.anchors else "no-anchor-yet"

    def flow(self, tree: Tree) -> str:
        kind = tree[0]
        if kind == "alias":
            return self.alias(tree[1])
        props = self.props(tree)
        if kind == "scalar":
            body = tree[1]
        elif kind == "seq":
            body = "[" + ", ".join(self.flow(item) for item in tree[4]) + "]"
        else:
            body = "{" + ", ".join(self.entry(key, value) for key, value in tree[4]) + "}"
        return f"{props} {body}" if props else body

    def entry(self, key: str, value: Any) -> str:
        if key == MERGE and isinstance(value, list):
            aliases = [self.alias(k) for k in value]
            return "<<: " + (aliases[0] if len(aliases) == 1 else "[" + ", ".join(aliases) + "]")
        return f"{key}: {self.flow(value)}"

    def block(self, tree: Tree, indent: int) -> list[str]:
        """Lines of a block collection at `indent` (its properties are already written)."""
        pad = " " * indent
        lines: list[str] = []
        if tree[0] == "seq":
            for item in tree[4]:
                if not _is_block(item):
                    lines.append(f"{pad}- {self.flow(item)}")
                    continue
                props = self.props(item)
                if props:
                    lines.append(f"{pad}- {props}")
                    lines.extend(self.block(item, indent + 2))
                else:  # the compact `- key: value` form of the data files
                    inner = self.block(item, indent + 2)
                    lines.append(f"{pad}- {inner[0][indent + 2 :]}")
                    lines.extend(inner[1:])
            return lines
        for key, value in tree[4]:
            if (key == MERGE and isinstance(value, list)) or not _is_block(value):
                lines.append(pad + self.entry(key, value))
                continue
            props = self.props(value)
            lines.append(f"{pad}{key}:" + (f" {props}" if props else ""))
            lines.extend(self.block(value, indent + 2))
        return lines

    def document(self, tree: Tree) -> str:
        if not _is_block(tree):
            return self.flow(tree) + "\n"
        props = self.props(tree)
        return "\n".join([*([props] if props else []), *self.block(tree, 0)]) + "\n"


def _is_block(tree: Tree) -> bool:
    return tree[0] in ("map", "seq") and not tree[3] and bool(tree[4])


def _document_texts() -> st.SearchStrategy[str]:
    """One to three documents; a data file's shape (a list of records) is the commonest."""
    trees = _trees()
    record = _mapping(trees)
    records = st.lists(record, max_size=3)
    files = st.tuples(st.just("seq"), st.just(""), st.just(False), st.just(False), records)
    documents = st.lists(st.one_of(files, files, record, trees), min_size=1, max_size=3)
    # anchors end with their document
    return documents.map(lambda docs: "---\n".join(_Writer().document(doc) for doc in docs))


YAML_TEXTS = _document_texts()


def _mappings(node: yaml.Node, seen: set[int]) -> Iterator[yaml.Node]:
    """Every mapping node under `node`, once each (an alias may point back up the tree)."""
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        yield node
        for key, value in node.value:
            yield from _mappings(key, seen)
            yield from _mappings(value, seen)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _mappings(item, seen)


def check_readers_agree(text: str) -> None:
    try:
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except (yaml.YAMLError, RecursionError):
        return
    seen: set[int] = set()
    for document in documents:
        if document is None:
            continue
        for node in _mappings(document, seen):
            try:  # a fresh `seen`: each mapping read as if it were a record of its own
                fast = fast_reader(node, set(), 0)
            except Slow:
                continue
            conv = Converter("test.yaml")
            assert conv.convert(node, ()) == fast, text
            assert conv.diagnostics == [], text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=YAML_TEXTS)
@example(text="- kind: a\n  b: ~\n  c: null\n  d:\n  e: ''\n  f: '~'\n  g: !!str ~\n  h: ! 1\n")
@example(text="- {kind: '007', n: 007, e: 1e5, t: yes, d: 2012-09-01, x: 平湖市}\n")
@example(text='- x_base: &a {kind: meeting}\n- {kind: b, ref: *a, s: !!str 1e5, q: "\\u5e73"}\n')
@example(text="- &x {k: v}\n- {<<: *x, k: w}\n- kind: a\n  kind: b\n- {'<<': *x}\n")
def test_fast_reader_agrees_with_the_converter(text: str) -> None:
    check_readers_agree(text)
