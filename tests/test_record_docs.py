"""docs/records.md is generated from the loader's models (tools/gen_record_docs.py), never stale."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import gen_record_docs

from hxay.models.records import KINDS


def test_record_reference_is_up_to_date() -> None:
    assert gen_record_docs.DOCS.read_text(encoding="utf-8") == gen_record_docs.render(), (
        "docs/records.md is stale: run `python tools/gen_record_docs.py` and commit the result"
    )


def test_every_kind_and_required_field_is_documented() -> None:
    text = gen_record_docs.DOCS.read_text(encoding="utf-8")
    for kind, model in KINDS.items():
        assert f"## `{kind}` " in text
        for name, field in model.model_fields.items():
            if name not in ("kind", "id", "note"):
                assert f"| `{name}` | {'yes' if field.is_required() else ''} |" in text
