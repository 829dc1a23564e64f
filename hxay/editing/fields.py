"""Stage 3, editing: what the tools that write records need to know about a kind's fields,
read from the same models the loader validates with (`hxay new`, templates, imports)."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal, TypeGuard

from pydantic import BaseModel

from hxay.loading.errors import did_you_mean
from hxay.models import records as r
from hxay.models.errors import HxayError
from hxay.models.text import Msg

Shape = Literal["scalar", "list", "model", "models", "mapping"]


@dataclass(frozen=True)
class FieldSpec:
    """What `new` needs to know about one field of a record kind."""

    name: str
    description: str
    required: bool
    shape: Shape
    model: type[BaseModel] | None = None
    choices: Mapping[str, str] | None = None


def bare(annotation: object, metadata: Iterable[object] = ()) -> tuple[object, list[object]]:
    """A field's type without `Optional` and `Annotated`, and every annotation on it (the
    field's `metadata`, then those of each `Annotated` taken off, outer to inner)."""
    extras = list(metadata)
    ann = annotation
    while True:
        origin = typing.get_origin(ann)
        if origin is typing.Annotated:
            args = typing.get_args(ann)
            ann, extras = args[0], extras + list(args[1:])
        elif origin in (typing.Union, types.UnionType):
            rest = [a for a in typing.get_args(ann) if a is not type(None)]
            if len(rest) != 1:
                return ann, extras
            ann = rest[0]
        else:
            return ann, extras


def choice_of(extras: Iterable[object]) -> r.Choice | None:
    """The Choice among a field's annotations (an enumerated field), if any."""
    return next((x for x in extras if isinstance(x, r.Choice)), None)


def _is_model(t: object) -> TypeGuard[type[BaseModel]]:
    return isinstance(t, type) and issubclass(t, BaseModel)


def fields_of(model: type[BaseModel]) -> dict[str, FieldSpec]:
    """The fields of a model in declaration order, by the name written in YAML."""
    out: dict[str, FieldSpec] = {}
    for name, info in model.model_fields.items():
        key = info.alias or name
        base, extras = bare(info.annotation, info.metadata)
        origin = typing.get_origin(base)
        shape: Shape = "scalar"
        inner: type[BaseModel] | None = None
        if _is_model(base):
            shape, inner = "model", base
        elif origin in (tuple, list):
            args = typing.get_args(base)
            item = bare(args[0])[0] if args else None
            if _is_model(item):
                shape, inner = "models", item
            else:
                shape = "list"
        elif origin is dict:
            shape = "mapping"
        out[key] = FieldSpec(
            name=key,
            description=info.description or key,
            required=info.is_required(),
            shape=shape,
            model=inner,
            choices=choice.labels if (choice := choice_of(extras)) is not None else None,
        )
    return out


def resolve_kind(word: str) -> str:
    """A record kind from its code or Chinese label, as `kind:` is read."""
    text = word.strip()
    for code, label in r.KIND_LABELS.items():
        if text in (code, label) or text.lower() == code:
            return code
    hint = did_you_mean(text, r.KINDS)
    known = ", ".join(r.KINDS)
    raise HxayError(
        Msg(
            f"未知的记录种类 '{text}'{hint.zh};可用:{known}",
            f"unknown record kind '{text}'{hint.en}; known kinds: {known}",
        )
    )


def kinds() -> list[str]:
    """Every record kind's code."""
    return list(r.KINDS)


def field_names(kind: str) -> list[str]:
    """The fields `hxay new` takes for a kind (all but `kind`), in declaration order."""
    return [name for name in fields_of(r.KINDS[kind]) if name != "kind"]
