"""docs/obligations.md and docs/data-format.md are generated from the registry and the models
(tools/gen_contract_docs.py), never stale, and name every obligation, parameter and code."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import gen_contract_docs

from hxay.models.diagnostics import CATALOGUE
from hxay.rules.registry import OBLIGATIONS


def test_contract_documents_are_up_to_date() -> None:
    assert gen_contract_docs.OBLIGATIONS_MD.read_text("utf-8") == gen_contract_docs.obligations()
    assert gen_contract_docs.DATA_FORMAT_MD.read_text("utf-8") == gen_contract_docs.data_format(), (
        "stale: run `python tools/gen_contract_docs.py` and commit the result"
    )


def test_every_obligation_and_parameter_is_documented() -> None:
    text = gen_contract_docs.OBLIGATIONS_MD.read_text("utf-8")
    for ob in OBLIGATIONS:
        section = text.split(f"\n### {ob.id}\n", 1)[1].split("\n### ", 1)[0]
        assert ob.source.sentence in section
        for name, info in ob.params.model_fields.items():
            assert f"| `{info.alias or name}` |" in section, (ob.id, name)


def test_every_diagnostic_code_is_documented() -> None:
    text = gen_contract_docs.DATA_FORMAT_MD.read_text("utf-8")
    for code in CATALOGUE:
        assert f"| `{code}` |" in text
