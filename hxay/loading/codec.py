"""Stage 2, loading: one file's result (loading/parse.py), diagnostics and findings as plain
MessagePack (msgspec) and back, for the caches. Plain data only: decoding never runs code, and every
value is decoded into the type its field declares (a date is a date) or the whole payload
is refused.

A record is its field values in the model's order (nested models as nested arrays) and a
bit mask of the fields that were written; where it was written travels beside it.
Records come back without validation: they were validated when first read, and the
payload is sealed (loading/cachedir.py).
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import getitem
from types import GenericAlias
from typing import Any, Literal, Protocol, Union, cast

import msgspec
from pydantic import BaseModel

from hxay.loading.parse import Parsed
from hxay.loading.yamlsrc import FileSource, LazyPositions
from hxay.models import records as r
from hxay.models.diagnostics import Diagnostic, is_code
from hxay.models.findings import Finding, Status
from hxay.models.instances import unvalidated
from hxay.models.text import Msg

KIND_ORDER: tuple[str, ...] = tuple(r.KINDS)
_Pinned = list[tuple[list[str | int], int, int]] | None
_Loc = tuple[int, int, int, int, Any, list[str | int], int, _Pinned]
"""(path index, line, record line, record column, extra, base, parent index or -1, the
positions of a record kept because a warning points into it)"""
_Diag = tuple[str, int, int, str, str, str]
_Coder = Callable[[object], object]


@dataclass
class _Spec:
    """How one model travels: its field names, which of them hold models, its wire type."""

    cls: type[BaseModel]
    names: tuple[str, ...]
    nested: tuple[tuple[str, _Coder, _Coder], ...]
    wire: object
    masks: dict[int, set[str]]


_SPECS: dict[type[BaseModel], _Spec] = {}


def _wire_type(tp: object) -> tuple[object, _Coder | None, _Coder | None]:
    """(msgspec type, encoder, decoder) of an annotation; the coders only where models are."""
    origin = typing.get_origin(tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        spec = _spec(tp)
        return spec.wire, lambda m, s=spec: _encode_model(s, m), lambda v, s=spec: _build(s, v)
    if origin is typing.Annotated:
        return _wire_type(typing.get_args(tp)[0])
    if origin in (Union, types.UnionType):
        parts = [_wire_type(a) for a in typing.get_args(tp)]
        enc = next((p[1] for p in parts if p[1] is not None), None)
        dec = next((p[2] for p in parts if p[2] is not None), None)
        wire = getitem(Union, tuple(p[0] for p in parts))
        if enc is None or dec is None:
            return wire, None, None
        return (
            wire,
            lambda v, e=enc: None if v is None else e(v),
            lambda v, d=dec: None if v is None else d(v),
        )
    if origin is tuple:
        args = typing.get_args(tp)
        item, enc, dec = _wire_type(args[0])
        wire = GenericAlias(tuple, (item, ...))
        if enc is None or dec is None:
            return wire, None, None
        return (
            wire,
            lambda v, e=enc: [e(x) for x in v],
            lambda v, d=dec: tuple(d(x) for x in v),
        )
    if origin is dict:
        key, value = typing.get_args(tp)
        return GenericAlias(dict, (_wire_type(key)[0], _wire_type(value)[0])), None, None
    if origin is Literal:
        return str, None, None
    if tp in (str, int, bool, dt.date, type(None)):
        return tp, None, None
    raise TypeError(f"no wire type for {tp!r}")


def _spec(cls: type[BaseModel]) -> _Spec:
    found = _SPECS.get(cls)
    if found is not None:
        return found
    names = tuple(cls.model_fields)
    types_: list[object] = []
    nested = []
    for name in names:
        wire, enc, dec = _wire_type(cls.model_fields[name].annotation)
        types_.append(wire)
        if enc is not None and dec is not None:
            nested.append((name, enc, dec))
    wire_tuple = tuple.__class_getitem__((*types_, int))  # the fields, then the written mask
    spec = _Spec(cls, names, tuple(nested), wire_tuple, {})
    _SPECS[cls] = spec
    return spec


def _encode_model(spec: _Spec, model: object) -> list[object]:
    values = cast(BaseModel, model).__dict__
    out = [values[n] for n in spec.names]
    for name, enc, _ in spec.nested:
        out[spec.names.index(name)] = enc(values[name])
    written = cast(BaseModel, model).__pydantic_fields_set__
    out.append(sum(1 << i for i, n in enumerate(spec.names) if n in written))
    return out


def _build(spec: _Spec, values: Sequence[object]) -> BaseModel:
    data = dict(zip(spec.names, values, strict=False))
    for name, _, dec in spec.nested:
        data[name] = dec(data[name])
    mask = cast(int, values[-1])
    written = spec.masks.get(mask)
    if written is None:
        written = spec.masks[mask] = {n for i, n in enumerate(spec.names) if mask >> i & 1}
    return unvalidated(spec.cls, data, written)


class _Doc(Protocol):
    """The decoded payload (a Struct made at run time from the record models)."""

    paths: list[str]
    order: list[int]
    by_kind: object
    locs: list[_Loc]
    diags: list[_Diag]
    broken_ids: list[str]
    broken: int


_Wire: type[msgspec.Struct] | None = None


def _wire() -> type[msgspec.Struct]:
    """The payload type, made once from the record models."""
    global _Wire
    if _Wire is None:
        kinds = [(k, GenericAlias(list, (_spec(r.KINDS[k]).wire,))) for k in KIND_ORDER]
        by_kind = msgspec.defstruct("ByKind", kinds, array_like=True)
        _Wire = msgspec.defstruct(
            "Records",
            [
                ("paths", list[str]),
                ("order", list[int]),
                ("by_kind", by_kind),
                ("locs", list[_Loc]),
                ("diags", list[_Diag]),
                ("broken_ids", list[str]),
                ("broken", int),
            ],
            array_like=True,
        )
    return _Wire


_ENCODER = msgspec.msgpack.Encoder()


def encode(payload: Parsed) -> bytes | None:
    """The result's bytes; None when a record cannot travel (an inline hazard whose
    parent is not among the records)."""
    paths: dict[str, int] = {}
    kind_index = {k: i for i, k in enumerate(KIND_ORDER)}
    order: list[int] = []
    by_kind: list[list[list[object]]] = [[] for _ in KIND_ORDER]
    locs: list[_Loc] = []
    index = {id(rec): i for i, rec in enumerate(payload.records)}
    for rec in payload.records:
        k = kind_index[rec.KIND]
        order.append(k)
        by_kind[k].append(_encode_model(_spec(type(rec)), rec))
        where = rec.location
        positions = where.positions
        raw_line, raw_col, pinned = (
            (positions.line, positions.column, positions.pinned)
            if isinstance(positions, LazyPositions)
            else (where.line, 1, None)
        )
        parent = rec.parent if isinstance(rec, r.Hazard) else None
        parent_at = -1
        if parent is not None:
            found = index.get(id(parent))
            if found is None:
                return None
            parent_at = found
        locs.append(
            (
                paths.setdefault(where.path, len(paths)),
                where.line,
                raw_line,
                raw_col,
                where.extra,
                list(where.base),
                parent_at,
                None if pinned is None else [(list(k), v[0], v[1]) for k, v in pinned.items()],
            )
        )
    diags = encode_diagnostics(payload.diagnostics)
    doc = [list(paths), order, by_kind, locs, diags, sorted(payload.broken_ids), payload.broken]
    return _ENCODER.encode(doc)


def decode(data: bytes, source: FileSource) -> Parsed | None:
    """The result back, the positions of its records in `source`'s file read through it
    when a diagnostic needs them; None when the bytes are not a result of this shape."""
    try:
        doc = cast(_Doc, msgspec.msgpack.decode(data, type=_wire()))
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    if len(doc.order) != len(doc.locs):
        return None
    streams = [iter(getattr(doc.by_kind, k)) for k in KIND_ORDER]
    specs = [_spec(r.KINDS[k]) for k in KIND_ORDER]
    records: list[r.Record] = []
    paths = doc.paths
    try:
        for k, loc in zip(doc.order, doc.locs, strict=True):
            rec = cast(r.Record, _build(specs[k], next(streams[k])))
            at, line, raw_line, raw_col, extra, base, parent, pinned = loc
            path = paths[at]
            table = None if pinned is None else {tuple(k): (a, b) for k, a, b in pinned}
            positions = LazyPositions(
                source if path == source.path else None, raw_line, raw_col, table
            )
            rec.locate(r.Location(path, line, extra, positions, tuple(base)))
            if parent >= 0:
                if not isinstance(rec, r.Hazard):
                    return None
                rec.set_parent(records[parent])
            records.append(rec)
    except (StopIteration, IndexError, ValueError, TypeError, AttributeError):
        return None
    diagnostics = decode_diagnostics(doc.diags)
    if diagnostics is None:
        return None
    return Parsed(records, diagnostics, set(doc.broken_ids), doc.broken)


def encode_diagnostics(diagnostics: Sequence[Diagnostic]) -> list[_Diag]:
    return [(d.path, d.line, d.column, d.code, d.msg.zh, d.msg.en) for d in diagnostics]


def decode_diagnostics(rows: Sequence[_Diag]) -> list[Diagnostic] | None:
    """Diagnostics back; None when a code is not in the catalogue."""
    out: list[Diagnostic] = []
    for path, line, col, code, zh, en in rows:
        if not is_code(code):
            return None
        out.append(Diagnostic(path, line, col, code, Msg(zh, en)))
    return out


_FindingRow = tuple[
    str,
    Status,
    str | None,
    str,
    str | None,
    dt.date,
    dt.date | None,
    str,
    str,
    list[str],
    str,
    str,
    str | None,
    str | None,
]
_FindingsDoc = tuple[list[_FindingRow], list[tuple[str, str, str]]]


def encode_findings(findings: Sequence[Finding], problems: Sequence[tuple[str, Msg]]) -> bytes:
    rows = [
        (
            f.obligation,
            f.status,
            f.unit,
            f.subject,
            f.period,
            f.due,
            f.evidence,
            f.msg.zh,
            f.msg.en,
            list(f.refs),
            f.duty.zh,
            f.duty.en,
            f.detail.zh if f.detail is not None else None,
            f.detail.en if f.detail is not None else None,
        )
        for f in findings
    ]
    return _ENCODER.encode((rows, [(name, m.zh, m.en) for name, m in problems]))


def decode_findings(data: bytes) -> tuple[list[Finding], list[tuple[str, Msg]]] | None:
    """Findings back, each exactly as the rules made it; None when the bytes are not."""
    try:
        rows, problems = msgspec.msgpack.decode(data, type=_FindingsDoc)
    except (msgspec.DecodeError, msgspec.ValidationError):
        return None
    duties: dict[tuple[str, str], Msg] = {}
    out = []
    for ob, status, unit, subject, period, due, evidence, zh, en, refs, dz, de, xz, xe in rows:
        duty = duties.get((dz, de))
        if duty is None:
            duty = duties[(dz, de)] = Msg(dz, de)
        detail = Msg(xz, xe) if xz is not None and xe is not None else None
        out.append(
            Finding(
                ob,
                status,
                unit,
                subject,
                period,
                due,
                evidence,
                Msg(zh, en),
                tuple(refs),
                duty,
                detail,
            )
        )
    return out, [(name, Msg(zh, en)) for name, zh, en in problems]
