"""YAML as the data files are written: block style with flow lists and mappings where
they read better, no anchors, a comment header per file."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import yaml


class Flow(list):  # type: ignore[type-arg]
    """A list written in flow style: [王建国, 李明]."""


class FlowMap(dict):  # type: ignore[type-arg]
    """A mapping written in flow style: {name: 陈伟, unit: edu-bureau}."""


class Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # never anchors: the same record node twice is an error in hxay

    def increase_indentation(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indentation(flow, False)  # indent lists nested in mappings


Dumper.add_representer(
    Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)
Dumper.add_representer(
    FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True)
)


def dump_records(
    records: list[dict[str, Any]], header: list[str], groups: dict[int, str] | None = None
) -> str:
    """One YAML list per file, a blank line between records, comments at the top."""
    out = [f"# {h}\n" for h in header]
    for i, rec in enumerate(records):
        out.append("\n")
        if groups and i in groups:
            out.append(f"# {groups[i]}\n")
        out.append(
            yaml.dump(
                [rec],
                Dumper=Dumper,
                allow_unicode=True,
                sort_keys=False,
                default_flow_style=False,
                width=1000,
            )
        )
    return "".join(out)


def plain(obj: Any) -> Any:
    """The data as yaml.safe_load should give it back (Flow -> list, FlowMap -> dict)."""
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [plain(v) for v in obj]
    return obj


def flow(items: Iterable[Any], limit: int = 6) -> list[Any]:
    items = list(items)
    return Flow(items) if len(items) <= limit else items
