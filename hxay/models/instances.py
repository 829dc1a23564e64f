"""Stage 0, models: record instances made without validating again, from values pydantic
already accepted (the fast typing, the cache decoder, and a record's copy with a field
changed)."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

R = TypeVar("R", bound=BaseModel)


def unvalidated(model: type[R], values: dict[str, object], written: set[str]) -> R:
    """An instance of `model` holding `values` as they are, `written` its fields set: what
    pydantic makes of values it already accepted, without validating them again (the fast
    typing, the cache decoder and `updated` make their records so)."""
    obj = _new(model)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", written)
    _set(obj, "__pydantic_extra__", None)
    _set(obj, "__pydantic_private__", None)
    return obj


_new = object.__new__
_set = object.__setattr__


def updated(rec: R, **changes: Any) -> R:
    """A copy of a record with some fields changed: what `model_copy(update=...)` makes (the
    instance dict copied, where it was written too, and the fields marked as written),
    without pydantic's general path, which costs ten times as much per record."""
    values = dict(rec.__dict__)
    values.update(changes)
    return unvalidated(type(rec), values, rec.__pydantic_fields_set__ | changes.keys())
