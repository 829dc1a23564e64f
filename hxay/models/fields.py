"""Stage 0, models: the field types records and campaign.yaml are written with. No I/O.

Values arrive as the raw scalar text of the YAML source; each annotated type reads the
spellings people type (models/values.py) and carries its JSON Schema fragment. An
enumerated field is `Annotated[ALIAS, choice(LABELS)]`: its code or its Chinese label in,
the code (a `Literal` of models/codes.py) out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Annotated, Any, TypeVar

from pydantic import BeforeValidator, GetCoreSchemaHandler, GetJsonSchemaHandler, WithJsonSchema
from pydantic_core import PydanticCustomError, core_schema

from hxay.models import schema_types as js
from hxay.models import values as v

T = TypeVar("T")


def wrap(fn: Callable[[Any], T]) -> Callable[[Any], T]:
    """A value reader as a pydantic validator: `BadValue` becomes an error whose type is the
    diagnostic code and whose context holds the message in both languages."""

    def validate(value: Any) -> T:
        try:
            return fn(value)
        except v.BadValue as exc:
            raise PydanticCustomError(
                exc.code, "{en}", {"zh": exc.msg.zh, "en": exc.msg.en}
            ) from None

    return validate


Date = Annotated[dt.date, BeforeValidator(wrap(v.parse_date)), WithJsonSchema(js.DATE)]
Count = Annotated[int, BeforeValidator(wrap(v.parse_count)), WithJsonSchema(js.COUNT)]
Days = Annotated[int, BeforeValidator(wrap(v.parse_days)), WithJsonSchema(js.COUNT)]
PositiveCount = Annotated[
    int, BeforeValidator(wrap(v.parse_positive_count)), WithJsonSchema(js.POSITIVE_COUNT)
]
Bool = Annotated[bool, BeforeValidator(wrap(v.parse_bool)), WithJsonSchema(js.BOOL)]
# Text is pydantic's own str check (no Python call per field): the loader hands every scalar
# over as its source text, so only a list or mapping can fail it (mapped to E-bad-value).
Text = Annotated[str, WithJsonSchema(js.TEXT)]
Id = Annotated[str, BeforeValidator(wrap(v.parse_id)), WithJsonSchema(js.ID)]
IdList = Annotated[
    tuple[Id, ...],  # each item validated on its own, so an error points at the item
    BeforeValidator(v.one_or_many),
    WithJsonSchema({"anyOf": [js.ID, {"type": "array", "items": js.ID}]}),
]
TextList = Annotated[
    tuple[str, ...],
    BeforeValidator(wrap(v.parse_text_list)),
    WithJsonSchema({"anyOf": [js.TEXT, {"type": "array", "items": js.TEXT}]}),
]


class Choice:
    """Metadata of an enumerated field: the code or its Chinese label is read and the code
    kept; the `Literal` it annotates then checks the code. Tools read `labels` to list the
    codes (templates, docs, `hxay new`)."""

    __slots__ = ("_reader", "labels")

    def __init__(self, labels: Mapping[str, str]) -> None:
        self.labels: Mapping[str, str] = MappingProxyType(dict(labels))
        self._reader = v.Choice(self.labels)

    def parse(self, value: Any) -> str:
        return self._reader.parse(value)

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_before_validator_function(wrap(self.parse), handler(source))

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return js.choice(self.labels)


def choice(labels: Mapping[str, str]) -> Choice:
    """`Annotated[ALIAS, choice(LABELS)]`: an enumerated field of models/codes.py."""
    return Choice(labels)
