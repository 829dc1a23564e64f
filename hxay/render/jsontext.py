"""Stage 5, render: JSON text as `json.dumps(doc, ensure_ascii=False, indent=2)` writes it,
byte for byte, by orjson (about ten times faster on a check of 70,000 findings).

The documents hxay builds hold text, whole numbers, booleans, null, lists and mappings
with text keys, which both encoders write the same; anything else orjson refuses (a key
that is not text, text that is not valid Unicode) is written by `json` itself.
"""

from __future__ import annotations

import json
from typing import Any


def dumps(doc: Any) -> str:
    import orjson

    try:
        return orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return json.dumps(doc, ensure_ascii=False, indent=2)
