"""The generator's shared state and the helpers every record family uses: people, phones,
adding a record, picking a day."""

from __future__ import annotations

from collections import Counter
from random import Random
from typing import Any

from .dates import END, START, D
from .model import Rec, School, Vehicle
from .tables import GIVEN, MOBILE_PREFIXES, SURNAMES
from .yamlout import FlowMap


class GenBase:
    """State shared by the record families; `Gen` puts them together."""

    def __init__(self) -> None:
        self.rng = Random(2012)
        self.used_names: set[str] = set()
        self.used_phones: set[str] = set()
        self.units: list[dict[str, Any]] = []
        self.unit_type: dict[str, str] = {}
        self.schools: list[School] = []
        self.school_by_id: dict[str, School] = {}
        self.vehicles: list[Vehicle] = []
        self.records: list[Rec] = []
        self.hazards: list[tuple[dict[str, Any], D, Rec]] = []  # hazard, found, holder
        self.officers: dict[str, list[str]] = {}
        self.staff: dict[str, list[str]] = {}
        self.notice_seq: Counter[str] = Counter()
        self.phone_of: dict[str, str] = {}
        self.safety_of: dict[str, str] = {}  # school -> 安全(总务)主任
        self.supervisor_of: dict[str, str] = {}  # school -> 教育局督办责任人
        self.seq = 0

    def name(self) -> str:
        while True:
            n = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)
            if n not in self.used_names:
                self.used_names.add(n)
                return n

    def mobile(self) -> str:
        while True:
            p = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if p not in self.used_phones:
                self.used_phones.add(p)
                return p

    def landline(self) -> str:
        while True:
            p = f"0573-85{self.rng.randrange(10**6):06d}"
            if p not in self.used_phones and not p.startswith("0573-850000"):
                self.used_phones.add(p)
                return p

    def add(self, data: dict[str, Any], date: D, owner: str) -> Rec:
        assert START <= date <= END, (data, date)
        self.seq += 1
        rec = Rec(data, date, owner, self.seq)
        self.records.append(rec)
        return rec

    def pick_day(self, choices: list[D]) -> D:
        assert choices
        return self.rng.choice(choices)

    def person_phone(self, person: str) -> str:
        if person not in self.phone_of:
            self.phone_of[person] = self.mobile()
        return self.phone_of[person]

    def contact(self, person: str) -> dict[str, Any]:
        """{name, phone} of a person, the same phone every time they are named."""
        return FlowMap(name=person, phone=self.person_phone(person))
