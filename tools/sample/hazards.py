"""Hazards as found on an inspection or a vehicle check: description, deadline, who
supervises and who rectifies, and whether and when it was fixed."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .base import GenBase
from .dates import END, D
from .model import Rec, School
from .tables import CAMPUS_HAZARDS, SHORT_OF, SURROUNDING_HAZARDS
from .yamlout import FlowMap


class HazardsMixin(GenBase):
    """Making hazards; their ids and notice numbers come last, in date order."""

    def notice(self, unit: str) -> str:
        """A placeholder; numbers are given in date order by `assign_ids`."""
        self.notice_seq[unit] += 1
        return f"@{unit}@{self.notice_seq[unit]}"

    @staticmethod
    def notice_text(unit: str, n: int) -> str:
        if unit == "edu-bureau":
            return f"平教安整〔2012〕{n:02d}号"
        if unit == "jjdd":
            return f"平公交整〔2012〕{n:03d}号"
        if unit == "zadd":
            return f"平公治整〔2012〕{n:02d}号"
        return f"平公{SHORT_OF[unit][0]}整字〔2012〕第{n:03d}号"

    def rectifier(self, s: School) -> dict[str, Any]:
        r = self.rng
        if s.id not in self.safety_of:
            self.safety_of[s.id] = self.name()
        name = s.data["principal"] if r.random() < 0.4 else self.safety_of[s.id]
        rect: dict[str, Any] = {"name": name}
        if r.random() < 0.85:
            rect["phone"] = self.person_phone(name)
        return FlowMap(rect)

    def supervisor(self, s: School, unit: str) -> dict[str, Any]:
        if unit == "edu-bureau":
            if s.id not in self.supervisor_of:
                self.supervisor_of[s.id] = self.rng.choice(self.staff["edu-bureau"])
            return FlowMap(name=self.supervisor_of[s.id], unit=unit)
        return FlowMap(name=self.rng.choice(self.staff.get(unit) or self.officers[unit]), unit=unit)

    def outcome(
        self, found: D, deadline: D | None, p_late: float = 0.1, p_never: float = 0.07
    ) -> D | None:
        r = self.rng
        x = r.random()
        if deadline is None:
            return found
        if x < p_never:
            return None
        if x < p_never + p_late:
            d = deadline + dt.timedelta(days=r.randrange(2, 22))
        else:
            d = found + dt.timedelta(days=r.randrange(1, (deadline - found).days + 1))
        return d if d <= END else None

    def make_hazard(
        self,
        s: School,
        found: D,
        unit: str,
        *,
        area: str = "campus",
        category: str | None = None,
        description: str | None = None,
        supervisor_unit: str | None = None,
        rectifier: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        r = self.rng
        if area == "surroundings" and category is None:
            category, description, sup = r.choice(SURROUNDING_HAZARDS)
            supervisor_unit = supervisor_unit or (s.station if sup == "ps" else sup)
        elif category is None:
            category = r.choices(list(CAMPUS_HAZARDS), weights=[3, 5, 5, 4, 5, 2, 2])[0]
            description = self.fits(s, CAMPUS_HAZARDS[category])
        assert description
        h: dict[str, Any] = {"id": None, "category": category}
        if area != "campus":
            h["area"] = area
        h["description"] = description
        deadline = found + dt.timedelta(days=r.choice([7, 10, 15, 15, 20, 30]))
        h["deadline"] = deadline
        h["supervisor"] = self.supervisor(s, supervisor_unit or "edu-bureau")
        h["rectifier"] = FlowMap(rectifier) if rectifier else self.rectifier(s)
        rect = self.outcome(found, deadline)
        if rect:
            h["rectified"] = rect
            if r.random() < 0.4:
                who = r.choice(self.officers[s.station])
                h["verified_by"] = f"{SHORT_OF[s.station]}派出所 {who}"
        return h

    def fits(self, s: School, texts: list[str]) -> str:
        """A description that fits the school: no dormitory where nobody boards."""
        ok = [t for t in texts if "宿舍" not in t or s.data.get("boarding")]
        return self.rng.choice(ok)

    def on_the_spot(
        self, s: School, found: D, rectifier: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        r = self.rng
        cat = r.choice(["management", "fire", "physical"])
        desc = {
            "management": "外来人员进出未登记",
            "fire": "疏散通道堆放杂物",
            "physical": "门卫室防卫器械未按规定放置",
        }[cat]
        return {
            "id": None,
            "category": cat,
            "description": desc,
            "rectifier": FlowMap(rectifier) if rectifier else self.rectifier(s),
            "rectified": found,
            "note": "当场整改",
        }

    def register_hazards(self, rec: Rec, hazards: list[dict[str, Any]]) -> None:
        for h in hazards:
            self.hazards.append((h, rec.date, rec))
