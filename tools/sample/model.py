"""What the generator keeps while it builds: schools, vehicles and records with their file."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .dates import D


@dataclass
class School:
    id: str
    name: str
    type: str
    station: str
    tag: str
    students: int
    data: dict[str, Any]

    @property
    def opened(self) -> D | None:
        return self.data.get("opened")

    @property
    def closed(self) -> D | None:
        return self.data.get("closed")

    def open_on(self, d: D) -> bool:
        return (self.opened is None or self.opened <= d) and (
            self.closed is None or self.closed > d
        )

    @property
    def lvp(self) -> str | None:
        v = self.data.get("legal_vice_principal")
        return v["name"] if v else None


@dataclass
class Vehicle:
    id: str
    school: School
    type: str
    data: dict[str, Any]
    crew_change: D | None = None  # drivers changed on this day
    crew_before: tuple[str, ...] = ()  # drivers before the change

    def active_on(self, d: D) -> bool:
        reg, ret = self.data.get("registered"), self.data.get("retired")
        return (reg is None or reg <= d) and (ret is None or ret > d)

    def crew(self, d: D) -> list[str]:
        if self.crew_change and d < self.crew_change:
            return list(self.crew_before)
        return [x["name"] for x in self.data["drivers"]]


@dataclass
class Rec:
    data: dict[str, Any]
    date: D
    owner: str  # unit id: the file records/2012-MM/<owner>.yaml
    seq: int = 0


KIND_ORDER = {
    k: i
    for i, k in enumerate(
        [
            "inspection",
            "vehicle_check",
            "vehicle_status",
            "hazard",
            "legal_visit",
            "education",
            "training",
            "meeting",
            "operation",
            "case",
            "submission",
        ]
    )
}
