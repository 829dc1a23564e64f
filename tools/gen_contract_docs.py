"""Write docs/obligations.md and docs/data-format.md, the contract in the repository's own
words, with every list that the code holds (obligations and their parameters, codes and
labels, references, diagnostics, spellings) taken from the code itself.

    python tools/gen_contract_docs.py           # rewrite both after changing the code
    python tools/gen_contract_docs.py --check   # exit 1 when either is stale

tests/test_contract_docs.py runs the same comparison, so CI fails on a stale document.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from contract_text import DATA_FORMAT, OBLIGATIONS_INTRO, OBLIGATIONS_OUTRO

from hxay.loading.closure import REFERENCES
from hxay.models import codes
from hxay.models.campaign import Campaign
from hxay.models.diagnostics import CATALOGUE
from hxay.models.plan import GENERIC_NOTES, UNSET_NOTES
from hxay.models.values import DATE_FORMS, FALSE_WORDS, TRUE_WORDS
from hxay.rules.base import Rule
from hxay.rules.registry import OBLIGATIONS

DOCS = Path(__file__).resolve().parent.parent / "docs"
OBLIGATIONS_MD = DOCS / "obligations.md"
DATA_FORMAT_MD = DOCS / "data-format.md"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _value(value: Any) -> str:
    if value is None:
        return "unset"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return str(value)


def _params(ob: Rule) -> list[str]:
    lines = [
        "| parameter | default | meaning | where the default comes from |",
        "|---|---|---|---|",
    ]
    for name, info in ob.params.model_fields.items():
        key = info.alias or name
        default = ob.example.get(key, info.default)
        shown = _value(default)
        if default is None:
            shown = ob.unset.get(key) or UNSET_NOTES.get(key, "unset")
        note = ob.notes.get(key) or GENERIC_NOTES.get(key, "")
        if key in ob.confirm:
            note += " (confirm locally)"
        lines.append(
            f"| `{key}` | {_cell(shown)} | {_cell(info.description or '')} | {_cell(note)} |"
        )
    return lines


def obligations() -> str:
    parts = [OBLIGATIONS_INTRO.rstrip(), "", "## Catalogue", ""]
    parts += [
        "| id | duty (the plan's words) | responsible unit | subject | period |",
        "|---|---|---|---|---|",
    ]
    for ob in OBLIGATIONS:
        t = ob.terms
        parts.append(
            f"| [`{ob.id}`](#{ob.id}) | {ob.duty.zh} | {_cell(t.unit)} | {_cell(t.subject)} "
            f"| {_cell(t.period)} |"
        )
    parts.append("")
    for ob in OBLIGATIONS:
        t = ob.terms
        owner = (
            f" Owned by the only unit of type `{ob.owner}` unless `unit` names another."
            if ob.owner
            else ""
        )
        enabled = ob.params.model_fields["enabled"].default
        parts += [
            f"### {ob.id}",
            "",
            f"{ob.duty.zh} ({ob.duty.en}). Plan {ob.source.section}: “{ob.source.sentence}”",
            "",
            f"- **Responsible unit**: {t.unit}.{owner}",
            f"- **Subject**: {t.subject}.",
            f"- **Period**: {t.period}.",
            f"- **Begins**: {t.begins}.",
            f"- **Due**: {t.due}.",
            f"- **Satisfied by**: {t.satisfied}.",
            "- **Runs**: "
            + ("always, unless `enabled: false`." if enabled else "only with `enabled: true`."),
            "",
            *_params(ob),
            "",
        ]
    parts.append(OBLIGATIONS_OUTRO.rstrip())
    return "\n".join(parts) + "\n"


_CODE_LISTS = (
    ("unit `type`", codes.UNIT_TYPES),
    ("school `type`", codes.SCHOOL_TYPES),
    ("vehicle `type`", codes.VEHICLE_TYPES),
    ("inspection `type`", codes.INSPECTION_TYPES),
    ("hazard `area`", codes.HAZARD_AREAS),
    ("hazard `category`", codes.HAZARD_CATEGORIES),
    ("hazard `severity`", codes.SEVERITIES),
    ("vehicle_check `result`", codes.CHECK_RESULTS),
    ("vehicle_status `status`", codes.VEHICLE_STATUSES),
    ("education `audience`", codes.AUDIENCES),
    ("case `type`", codes.CASE_TYPES),
    ("submission `form`", codes.FORMS),
    ("legal_vice_principal `title`", codes.LVP_TITLES),
    ("`kind`", codes.KIND_LABELS),
)


def _campaign_keys() -> list[str]:
    lines = ["| key | required | meaning |", "|---|---|---|"]
    for name, info in Campaign.model_fields.items():
        key = info.alias or name
        required = "yes" if info.is_required() else ""
        lines.append(f"| `{key}` | {required} | {_cell(info.description or '')} |")
    return lines


def data_format() -> str:
    enums = ["| field | code: label |", "|---|---|"]
    for what, labels in _CODE_LISTS:
        shown = " · ".join(f"`{c}` {lab}" if c != lab else f"`{c}`" for c, lab in labels.items())
        enums.append(f"| {what} | {shown} |")
    refs = ["| field | must name | list of ids |", "|---|---|---|"]
    for name, (kinds, types, many) in REFERENCES.items():
        target = " or ".join(kinds) + (f" of type {' or '.join(types)}" if types else "")
        refs.append(f"| `{name}` | {target} | {'yes' if many else ''} |")
    refs.append("| `supervisor.unit` | unit | |")
    diags = ["| code | meaning |", "|---|---|"]
    diags += [f"| `{code}` | {meaning} |" for code, meaning in CATALOGUE.items()]
    return DATA_FORMAT.format(
        date_forms=DATE_FORMS,
        true_words=", ".join(f"`{w}`" for w in sorted(TRUE_WORDS)),
        false_words=", ".join(f"`{w}`" for w in sorted(FALSE_WORDS)),
        campaign_keys="\n".join(_campaign_keys()),
        enumerations="\n".join(enums),
        references="\n".join(refs),
        diagnostics="\n".join(diags),
    )


def main() -> None:
    wanted = {OBLIGATIONS_MD: obligations(), DATA_FORMAT_MD: data_format()}
    if "--check" in sys.argv[1:]:
        stale = [
            p.name for p, text in wanted.items() if not p.exists() or p.read_text("utf-8") != text
        ]
        if stale:
            print(
                f"stale: {', '.join(stale)}; run python tools/gen_contract_docs.py", file=sys.stderr
            )
            raise SystemExit(1)
        return
    for path, text in wanted.items():
        path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
