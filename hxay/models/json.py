"""Stage 0, models: the type of JSON-shaped data (JSON Schema documents, `model_dump(mode=
"json")`, the plain values a YAML reader gives), for the code that builds or walks it."""

from __future__ import annotations

from typing import TypeAlias

JSON: TypeAlias = str | int | float | bool | list["JSON"] | dict[str, "JSON"] | None
JSONObject: TypeAlias = dict[str, JSON]
