"""Campus inspections: the comprehensive new-term ones, monthly routine ones by the
stations, the education bureau's spot checks."""

from __future__ import annotations

from typing import Any

from .dates import TERM_MONTHS, WINDOW, D, days, month_end, school_days
from .hazards import HazardsMixin
from .model import Rec, School
from .yamlout import Flow


class InspectionsMixin(HazardsMixin):
    """Inspection records and the hazards found on them."""

    def inspectors(self, unit: str, k: int | None = None) -> list[str]:
        r = self.rng
        pool = self.officers.get(unit) or self.staff[unit]
        k = k or r.choice([1, 2, 2, 2, 3])
        return Flow(r.sample(pool, min(k, len(pool))))

    def inspection(
        self,
        s: School,
        d: D,
        unit: str,
        *,
        itype: str = "routine",
        p_hazard: float = 0.12,
        summary: str | None = None,
        extra_inspectors: list[str] | None = None,
    ) -> Rec:
        r = self.rng
        data: dict[str, Any] = {"kind": "inspection", "date": d, "unit": unit, "school": s.id}
        if itype != "routine":
            data["type"] = itype
        insp = self.inspectors(unit, self.rng.choice([1, 2]) if extra_inspectors else None)
        if extra_inspectors:
            police = len(insp)
            insp = Flow(list(insp) + extra_inspectors)
            data["inspectors"] = insp
            data["officers"] = police
        else:
            data["inspectors"] = insp
        if unit in ("edu-bureau",):
            data["officers"] = 0
        if summary:
            data["summary"] = summary
        rec = self.add(data, d, unit)
        if r.random() < p_hazard:
            hazards = []
            rect = self.rectifier(s)
            for _ in range(r.choice([1, 1, 1, 2, 2, 3])):
                area = "surroundings" if r.random() < 0.15 else "campus"
                hazards.append(self.make_hazard(s, d, unit, area=area, rectifier=rect))
            if r.random() < 0.08:
                hazards.append(self.on_the_spot(s, d, rect))
            # one notice for the inspection's hazards with a deadline, most of the time
            if r.random() < 0.6 or len(hazards) > 1:
                no = self.notice(unit)
                for h in hazards:
                    if "deadline" in h:
                        h_items = list(h.items())
                        idx = [k for k, _ in h_items].index("deadline")
                        h_items.insert(idx, ("notice_no", no))
                        h.clear()
                        h.update(h_items)
            data["hazards"] = hazards
            self.register_hazards(rec, hazards)
        elif r.random() < 0.04:
            spot = [self.on_the_spot(s, d)]
            data["hazards"] = spot
            self.register_hazards(rec, spot)
        return rec

    def build_inspections(self) -> None:
        r = self.rng
        comp_summary = [
            "开学前全面安全大检查:人防、物防、技防及消防、食堂、校舍",
            "新学期校园安全大检查",
            "开学安全检查,联合教育局",
            None,
            None,
        ]
        routine_summary = [
            "检查门卫登记、监控运行、消防器材",
            "检查上下学时段护校情况",
            "检查校园安保措施落实情况",
            None,
            None,
            None,
            None,
        ]
        self.comp_missing: list[str] = []
        self.comp_late: list[str] = []
        eligible = [s for s in self.schools if s.open_on(WINDOW[1])]
        shuffled = sorted(eligible, key=lambda s: s.id)
        r.shuffle(shuffled)
        missing = {s.id for s in shuffled[:5]}
        late = {s.id for s in shuffled[5:10]}
        self.station_sept: set[str] = set()
        window_days = [d for d in days(*WINDOW) if d.weekday() < 5]
        for s in eligible:
            if s.id in missing:
                self.comp_missing.append(s.id)
                continue
            if s.id in late:
                self.comp_late.append(s.id)
                d = self.pick_day(school_days(D(2012, 9, 17), D(2012, 9, 28)))
            else:
                choices = [x for x in window_days if s.open_on(x) and x >= D(2012, 8, 27)]
                if s.tag == "new":
                    choices = [x for x in choices if x >= D(2012, 9, 3)]
                d = self.pick_day(choices)
            x = r.random()
            if x < 0.1:
                unit, extra = "edu-bureau", None
            elif x < 0.2:
                unit, extra = "zadd", [r.choice(self.staff["edu-bureau"])]
            else:
                unit = s.station
                extra = [r.choice(self.staff["edu-bureau"])] if r.random() < 0.3 else None
            self.inspection(
                s,
                d,
                unit,
                itype="comprehensive",
                p_hazard=0.33,
                summary=r.choice(comp_summary),
                extra_inspectors=extra,
            )
            if unit == s.station and d.month == 9:
                self.station_sept.add(s.id)
        # monthly routine inspections by the station (with gaps)
        self.monthly_gaps: list[tuple[str, str]] = []
        for s in self.schools:
            for m in TERM_MONTHS:
                first, last = D(2012, m, 1), month_end(2012, m)
                choices = [d for d in school_days(first, last) if s.open_on(d)]
                if not choices:
                    continue
                if m == 9 and s.id in self.station_sept and r.random() < 0.7:
                    continue
                if r.random() < 0.08:
                    self.monthly_gaps.append((s.id, f"2012-{m:02d}"))
                    if r.random() < 0.35:  # the education bureau came, the station did not
                        self.inspection(s, self.pick_day(choices), "edu-bureau", p_hazard=0.2)
                    continue
                # now and then only in the last days of the month
                d = self.pick_day(choices[-3:] if r.random() < 0.1 else choices)
                self.inspection(s, d, s.station, summary=r.choice(routine_summary))
                if s.students > 900 and r.random() < 0.4:
                    d2 = self.pick_day(choices)
                    if d2 != d:
                        self.inspection(s, d2, s.station)
        # education bureau spot checks and end-of-term checks before the summer holiday
        for _ in range(45):
            s = r.choice(self.schools)
            choices = [d for d in school_days(D(2012, 3, 5), D(2012, 11, 23)) if s.open_on(d)]
            self.inspection(
                s,
                self.pick_day(choices),
                "edu-bureau",
                p_hazard=0.25,
                summary="教育局校园安全专项督查",
            )
        for s in r.sample([s for s in self.schools if s.open_on(D(2012, 7, 5))], 16):
            self.inspection(
                s,
                self.pick_day(school_days(D(2012, 7, 2), D(2012, 7, 5))),
                s.station,
                summary="放假前安全检查",
                p_hazard=0.05,
            )
