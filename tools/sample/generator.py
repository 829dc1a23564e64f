"""The whole sample campaign: every record family, built in a fixed order from one Random."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from .activities import ActivitiesMixin
from .cases import CasesMixin
from .dates import END
from .hazard_records import HazardRecordsMixin
from .registers import RegistersMixin
from .submissions import SubmissionsMixin
from .tables import STATION_IDS
from .vehicle_checks import VehicleChecksMixin
from .vehicles import VehiclesMixin


class Gen(
    RegistersMixin,
    VehiclesMixin,
    HazardRecordsMixin,
    VehicleChecksMixin,
    ActivitiesMixin,
    CasesMixin,
    SubmissionsMixin,
):
    """The generator; `run` builds everything, and its order is the order of the random draws."""

    def assign_ids(self) -> None:
        order = {sid: i for i, sid in enumerate(STATION_IDS)}
        keyed = []
        for i, (h, found, rec) in enumerate(self.hazards):
            school = rec.data.get("school") or ""
            keyed.append(((found, order.get(rec.owner, 99), rec.owner, school, i), h))
        keyed.sort(key=lambda t: t[0])
        numbers: dict[str, str] = {}
        per_unit: Counter[str] = Counter()
        for n, (_, h) in enumerate(keyed, 1):
            h["id"] = f"hz-2012-{n:04d}"
            ph = h.get("notice_no")
            if ph is not None:
                if ph not in numbers:
                    unit = ph.split("@")[1]
                    per_unit[unit] += 1
                    numbers[ph] = self.notice_text(unit, per_unit[unit])
                h["notice_no"] = numbers[ph]
        self.susp_reason()

    def review_hazards(self) -> None:
        """复查销号: most hazards checked by a named officer are struck off a few days after
        rectification, a few late. A Random of its own, drawn last, so that the dates leave
        every other record as it was."""
        r = random.Random(20121130)
        for h, _found, _rec in self.hazards:
            rectified = h.get("rectified")
            if not h.get("verified_by") or rectified is None or r.random() < 0.2:
                continue
            days = r.randrange(10, 16) if r.random() < 0.1 else r.randrange(0, 6)
            reviewed = min(rectified + dt.timedelta(days=days), END)
            items = list(h.items())
            at = [k for k, _ in items].index("verified_by") + 1
            items.insert(at, ("reviewed", reviewed))
            h.clear()
            h.update(items)

    def susp_reason(self) -> None:
        for rec in self.records:
            if rec.data["kind"] == "vehicle_status" and rec.data.get("reason") is None:
                rec.data["reason"] = f"隐患{self.susp_hazard['id']}逾期未整改,禁止接送学生"

    def run(self) -> None:
        self.build_units()
        self.build_schools()
        self.build_vehicles()
        self.build_inspections()
        self.standalone_hazards()
        self.special_hazards()
        self.build_vehicle_checks()
        self.build_school_activities()
        self.build_trainings()
        self.build_meetings()
        self.build_operations_and_cases()
        self.build_submissions()
        self.assign_ids()
        self.review_hazards()
