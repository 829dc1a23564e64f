"""Stage 2, loading: typing a record in one pass (msgspec) when it is written the usual way;
anything else goes to the exact path (pydantic with the spelling validators), which alone
makes diagnostics.

Each record kind gets a msgspec Struct that accepts only a strict subset of what its
pydantic model accepts, and for that subset gives the same values: dates only as
YYYY-MM-DD within 1900..2100, counts only as ASCII digits, yes/no only as the lower-case
words, codes only as codes, ids only in the id alphabet, list items with nothing to strip
or split, no unknown field. A record it
refuses (a label, 2012年5月14日, a count with a unit, a typo) is validated by pydantic as
before, so no diagnostic's code, position or message can change; tests/test_fasttype.py
checks that both paths give equal records over every spelling the value readers take.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Callable, Mapping
from operator import getitem
from types import GenericAlias
from typing import Annotated, Literal, TypeVar, Union, cast

import msgspec
from annotated_types import MinLen
from pydantic import BaseModel
from pydantic_core import PydanticUndefined

from hxay.models import fields as f
from hxay.models import values as v
from hxay.models.instances import unvalidated

_ID = Annotated[str, msgspec.Meta(pattern=r"^(?!-\Z)[\w.\-]+\Z")]
_DIGITS = Annotated[str, msgspec.Meta(pattern=r"^[0-9]+\Z")]
_POSITIVE = Annotated[str, msgspec.Meta(pattern=r"^[0-9]*[1-9][0-9]*\Z")]
_LISTED = Annotated[str, msgspec.Meta(pattern=r"^(?!\s)[^，、；]*(?<!\s)\Z")]
"""An item of a text list that the list reader keeps as it is (nothing to strip or split)."""
_WORDS = {"true": True, "yes": True, "是": True, "有": True}
_WORDS.update({"false": False, "no": False, "否": False, "无": False})
_BOOL = Literal["true", "yes", "是", "有", "false", "no", "否", "无"]
_FIRST, _LAST = dt.date(v.FIRST_YEAR, 1, 1), dt.date(v.LAST_YEAR, 12, 31)

Post = Callable[..., object] | None
"""(typed value, value as written) -> the model's value; None: the typed value as it is."""


class Refused(Exception):
    """Outside the subset: the exact path decides."""


def _date(value: dt.date, _: object) -> dt.date:
    if not _FIRST <= value <= _LAST:
        raise Refused
    return value


def _int(value: str, _: object) -> int:
    return int(value)


def _bool(value: str, _: object) -> bool:
    return _WORDS[value]


def _alias(tp: object, metadata: list[object]) -> tuple[object, Post]:
    """The wire type and post step of one of models/fields.py's field types, if it is one."""
    written = getitem(Annotated, (tp, *metadata)) if metadata else tp
    if written == f.Text:
        return str, None
    if written == f.Id:
        return _ID, None
    if written == f.Date:
        return dt.date, _date
    if written == f.Count:
        return _DIGITS, _int
    if written == f.PositiveCount:
        return _POSITIVE, _int
    if written == f.Bool:
        return _BOOL, _bool
    if written == f.IdList:
        return GenericAlias(tuple, (_ID, ...)), None
    if written == f.TextList:
        return GenericAlias(tuple, (_LISTED, ...)), None
    if typing.get_origin(tp) is Literal and all(isinstance(m, f.Choice) for m in metadata):
        return tp, None  # codes only; a label goes the exact way
    raise TypeError(f"no fast type for {written!r}")


def _wire(tp: object, metadata: list[object]) -> tuple[object, Post]:
    origin = typing.get_origin(tp)
    if origin is Annotated:
        inner, *more = typing.get_args(tp)
        return _wire(inner, [*more, *metadata])
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        fast = _fast(tp)
        return fast.struct, fast.build
    if origin in (Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) != 1:
            raise TypeError(tp)
        return _wire(args[0], metadata)  # a null was dropped before typing: never null here
    if origin is tuple and not metadata:
        item, post = _wire(typing.get_args(tp)[0], [])
        if post is None:
            return GenericAlias(tuple, (item, ...)), None
        return GenericAlias(tuple, (item, ...)), lambda xs, raw, p=post: tuple(
            p(x, r) for x, r in zip(xs, raw, strict=True)
        )
    if origin is dict and not metadata:
        _, value = typing.get_args(tp)
        vtype, post = _wire(value, [])
        if post is None:
            return GenericAlias(dict, (str, vtype)), None
        return GenericAlias(dict, (str, vtype)), lambda d, raw, p=post: {
            k: p(x, raw[k]) for k, x in d.items()
        }
    if origin is Literal and not metadata:
        return tp, None
    return _alias(tp, metadata)


class _Fast:
    """One model's Struct and how a typed Struct becomes the model's instance."""

    def __init__(self, model: type[BaseModel]) -> None:
        self.model = model
        self.names = tuple(model.model_fields)
        fields: list[tuple[str, object] | tuple[str, object, object]] = []
        posts: list[tuple[str, Callable[..., object]]] = []
        for name, info in model.model_fields.items():
            metadata = list(info.metadata)
            minimum = [m.min_length for m in metadata if isinstance(m, MinLen)]
            metadata = [m for m in metadata if not isinstance(m, MinLen)]
            wire, post = _wire(info.annotation, metadata)
            if minimum:
                wire = getitem(Annotated, (wire, msgspec.Meta(min_length=minimum[0])))
            if info.default is PydanticUndefined:
                fields.append((name, wire))
            else:
                fields.append((name, wire, info.default))
            if post is not None:
                posts.append((name, post))
        self.posts = tuple(posts)
        self.struct = msgspec.defstruct(
            f"Fast{model.__name__}", fields, forbid_unknown_fields=True, kw_only=True
        )

    def build(self, typed: msgspec.Struct, written: Mapping[str, object]) -> BaseModel:
        values = dict(zip(self.names, astuple(typed), strict=True))
        for name, post in self.posts:
            if name in written:
                values[name] = post(values[name], written[name])
        return unvalidated(self.model, values, set(written))


M = TypeVar("M", bound=BaseModel)
astuple = msgspec.structs.astuple
_MADE: dict[type[BaseModel], _Fast] = {}


def _fast(model: type[BaseModel]) -> _Fast:
    found = _MADE.get(model)
    if found is None:
        found = _MADE[model] = _Fast(model)
    return found


def fast_validate(model: type[M], data: Mapping[str, object]) -> M | None:
    """The model's instance for a record written the usual way; None otherwise (the exact
    path decides)."""
    fast = _fast(model)
    try:
        return cast(M, fast.build(msgspec.convert(data, fast.struct), data))
    except (msgspec.ValidationError, Refused, KeyError, ValueError, TypeError):
        return None
