"""Export stage: the columns of a table and how they become typed DataFrame columns.

A column has a value type (text, date, count, yes/no, code with all its codes, mapping) and
may be a list. Record kinds get theirs from the pydantic models, so a new field is a new
column; nested models are flattened into dotted names (`supervisor.name`), a list of models
into one list column per sub-field (`drivers.name`). pandas and pyarrow are imported inside
the functions.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, Literal, TypeVar

from pydantic import BaseModel

from hxay.editing.fields import bare, choice_of
from hxay.models.fields import Choice

if TYPE_CHECKING:
    from pandas import DataFrame

ValueType = Literal["text", "date", "count", "bool", "code", "bool_map", "count_map"]
Row = TypeVar("Row")
Row_contra = TypeVar("Row_contra", contravariant=True)


@dataclass(frozen=True)
class Col(Generic[Row_contra]):
    """One column: its name, value type, the codes of a code column, whether it holds lists,
    and how to read its value from a row object (a column that reads any object serves
    every table)."""

    name: str
    type: ValueType
    get: Callable[[Row_contra], object]
    codes: tuple[str, ...] = ()
    many: bool = False


def _unwrap(annotation: object, metadata: Sequence[object]) -> tuple[object, Choice | None]:
    """The bare type of a field and its Choice (an enumerated field)."""
    ann, extras = bare(annotation, metadata)
    return ann, choice_of(extras)


def _scalar(ann: object, choice: Choice | None) -> tuple[ValueType, tuple[str, ...]]:
    if typing.get_origin(ann) is Literal:
        return "code", tuple(str(a) for a in typing.get_args(ann))
    if choice is not None:
        return "code", tuple(choice.labels)
    if ann is bool:
        return "bool", ()
    if ann is int:
        return "count", ()
    if ann is dt.date:
        return "date", ()
    return "text", ()


def _attr(name: str) -> Callable[[object], object]:
    return lambda x: x.__dict__.get(name)


def _nested(name: str, sub: str) -> Callable[[object], object]:
    def get(x: object) -> object:
        value = x.__dict__.get(name)
        return None if value is None else value.__dict__.get(sub)

    return get


def _each(name: str, sub: str) -> Callable[[object], object]:
    return lambda x: [item.__dict__.get(sub) for item in x.__dict__.get(name) or ()]


def model_columns(model: type[BaseModel], skip: Sequence[str] = ("kind",)) -> list[Col[object]]:
    """Every field of a model as columns, in declaration order (`note` last)."""
    names = [n for n in model.model_fields if n not in skip]
    if "note" in names:
        names = [n for n in names if n != "note"] + ["note"]
    out: list[Col[object]] = []
    for name in names:
        info = model.model_fields[name]
        ann, choice = _unwrap(info.annotation, info.metadata)
        origin = typing.get_origin(ann)
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            for sub, sub_info in ann.model_fields.items():
                vt, codes = _scalar(*_unwrap(sub_info.annotation, sub_info.metadata))
                out.append(Col(f"{name}.{sub}", vt, _nested(name, sub), codes))
        elif origin in (tuple, list):
            item, item_choice = _unwrap(typing.get_args(ann)[0], ())
            if isinstance(item, type) and issubclass(item, BaseModel):
                for sub, sub_info in item.model_fields.items():
                    if sub == "kind":
                        continue
                    vt, codes = _scalar(*_unwrap(sub_info.annotation, sub_info.metadata))
                    out.append(Col(f"{name}.{sub}", vt, _each(name, sub), codes, many=True))
            else:
                vt, codes = _scalar(item, item_choice)
                out.append(Col(name, vt, _attr(name), codes, many=True))
        elif origin is dict:
            value_type = _unwrap(typing.get_args(ann)[1], ())[0]
            out.append(Col(name, "bool_map" if value_type is bool else "count_map", _attr(name)))
        else:
            vt, codes = _scalar(ann, choice)
            out.append(Col(name, vt, _attr(name), codes))
    return out


def arrow_type(col: Col[Row]) -> object:
    """The pyarrow type of a column (lists of their item type)."""
    import pyarrow as pa

    base: object = {
        "text": pa.string(),
        "date": pa.date32(),
        "count": pa.int64(),
        "bool": pa.bool_(),
        "code": pa.dictionary(pa.int8(), pa.string()),
        "bool_map": pa.map_(pa.string(), pa.bool_()),
        "count_map": pa.map_(pa.string(), pa.int64()),
    }[col.type]
    return pa.list_(base) if col.many else base


def arrow_schema(cols: Sequence[Col[Row]]) -> object:
    import pyarrow as pa

    return pa.schema([pa.field(c.name, arrow_type(c)) for c in cols])


def _array(col: Col[Row], values: list[object]) -> object:
    import pyarrow as pa

    if col.type == "code" and not col.many:
        index = {code: i for i, code in enumerate(col.codes)}
        indices = pa.array([None if v is None else index[str(v)] for v in values], pa.int8())
        return pa.DictionaryArray.from_arrays(indices, pa.array(list(col.codes), pa.string()))
    if col.type.endswith("_map"):
        # a map column's values are dicts; the column's values are typed as any cell value
        values = [None if v is None else list(v.items()) for v in values]  # type: ignore[attr-defined]
    return pa.array(values, arrow_type(col))


def _dtype(arrow: object) -> object:
    """pandas dtypes for arrow types: counts as nullable integers, text as pandas strings,
    dates, lists and mappings as arrow-backed columns (a date stays a date); codes become
    categoricals by pandas' own conversion of dictionaries."""
    import pandas as pd
    import pyarrow as pa

    if pa.types.is_integer(arrow):
        return pd.Int64Dtype()
    if pa.types.is_boolean(arrow):
        return pd.BooleanDtype()
    if pa.types.is_string(arrow) or pa.types.is_large_string(arrow):
        return pd.StringDtype("pyarrow")
    if pa.types.is_date(arrow) or pa.types.is_list(arrow) or pa.types.is_map(arrow):
        return pd.ArrowDtype(arrow)
    return None


def to_frame(cols: Sequence[Col[Row]], rows: Sequence[Row]) -> DataFrame:
    """A DataFrame with one column per `Col`, read from each row object."""
    import pyarrow as pa

    arrays = [_array(c, [c.get(x) for x in rows]) for c in cols]
    table = pa.Table.from_arrays(arrays, names=[c.name for c in cols])
    return table.to_pandas(types_mapper=_dtype)
