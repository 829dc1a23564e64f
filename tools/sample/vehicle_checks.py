"""Vehicle checks by the traffic brigade and the transport bureau, the hazards they find,
and the suspended vehicle."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from .dates import END, START, D, workdays
from .hazards import HazardsMixin
from .model import Rec, Vehicle
from .tables import VEHICLE_HAZARDS
from .yamlout import Flow, FlowMap


class VehicleChecksMixin(HazardsMixin):
    """Two rounds of checks a year, spot checks, and the scenarios the rules look for."""

    def vehicle_check(
        self,
        v: Vehicle,
        d: D,
        *,
        unit: str = "jjdd",
        fail: bool = False,
        omit_driver: bool = False,
        hazard_kw: dict[str, Any] | None = None,
        note: str | None = None,
    ) -> Rec:
        r = self.rng
        assert v.active_on(d), (v.id, d)
        crew = v.crew(d)
        if omit_driver and len(crew) > 1:
            crew = crew[:1]
        items = {"逃生锤": True, "灭火器": True, "安全带": True, "行驶记录仪": True}
        if r.random() < 0.5:
            items["随车照管人员"] = True
        if v.type == "school_bus":
            items["校车标牌"] = True
            items["停车指示标志"] = True
        data: dict[str, Any] = {
            "kind": "vehicle_check",
            "date": d,
            "unit": unit,
            "vehicle": v.id,
            "drivers": Flow(crew),
            "result": "fail" if fail else "pass",
            "items": FlowMap(items),
        }
        if note:
            data["note"] = note
        rec = self.add(data, d, unit)
        if fail:
            kw = hazard_kw or {}
            nh = kw.pop("count", None) or r.choice([1, 1, 2])
            picks = r.sample(VEHICLE_HAZARDS, nh)
            hazards = []
            no = self.notice("jjdd") if unit == "jjdd" else None
            for item, cat, desc in picks:
                items[item] = False
                deadline = d + dt.timedelta(days=r.choice([3, 5, 7, 10]))
                h: dict[str, Any] = {"id": None, "category": cat, "description": desc}
                if no:
                    h["notice_no"] = no
                h["deadline"] = deadline
                sunit = r.choice(["jtj", "edu-bureau"])
                h["supervisor"] = FlowMap(name=r.choice(self.staff[sunit]), unit=sunit)
                h["rectifier"] = self.contact(v.crew(d)[0])
                rect = d + dt.timedelta(days=r.randrange(1, (deadline - d).days + 1))
                if rect <= END:
                    h["rectified"] = rect
                h.update(kw)
                for k in [k for k, val in h.items() if val is None and k != "id"]:
                    h.pop(k)
                hazards.append(h)
                kw = {}
            data["items"] = FlowMap(items)
            data["hazards"] = hazards
            self.register_hazards(rec, hazards)
        return rec

    def build_vehicle_checks(self) -> None:
        r = self.rng
        active_end = [v for v in self.vehicles if v.active_on(END)]
        scenario = r.sample(
            [v for v in active_end if v.type == "contracted" and v not in self.crew_changed], 4
        )
        self.v_suspend, self.v_unbanned, self.v_late = scenario[:3]
        self.v_never = [scenario[3], self.new_buses[-1]]
        # a second driver who is never named in a check
        self.v_omitted = r.choice(
            [
                v
                for v in active_end
                if len(v.data["drivers"]) == 2 and v not in scenario and v not in self.crew_changed
            ]
        )
        skip = set(id(v) for v in self.v_never)
        spring = workdays(D(2012, 3, 12), D(2012, 5, 25))
        autumn = workdays(D(2012, 8, 27), D(2012, 10, 19))
        for v in self.vehicles:
            if id(v) in skip:
                continue
            omit = v is self.v_omitted
            if v.active_on(D(2012, 3, 12)) and (r.random() < 0.85 or v is self.retired):
                d = self.pick_day([x for x in spring if v.active_on(x)])
                unit = "jtj" if r.random() < 0.1 else "jjdd"
                fail = r.random() < 0.1 and v not in scenario[:3]
                self.vehicle_check(
                    v, d, unit=unit, fail=fail, omit_driver=omit or r.random() < 0.08
                )
            if v.active_on(D(2012, 10, 19)) and (
                r.random() < 0.9 or v in self.crew_changed or v is self.v_omitted
            ):
                choices = [x for x in autumn if v.active_on(x)]
                if v.crew_change:
                    choices = [x for x in choices if x >= v.crew_change]
                d = self.pick_day(choices)
                fail = r.random() < 0.1 and v not in scenario[:3]
                omit = omit or (v is self.crew_changed[1])
                self.vehicle_check(v, d, fail=fail, omit_driver=omit)
        v2 = self.crew_changed[1]  # its autumn check names only the continuing driver
        for _ in range(40):
            v = r.choice([v for v in self.vehicles if id(v) not in skip])
            choices = [x for x in workdays(D(2012, 4, 9), D(2012, 11, 23)) if v.active_on(x)]
            if v is self.v_omitted or v is self.crew_changed[1]:
                continue
            if v in scenario[:3]:
                continue
            self.vehicle_check(
                v,
                self.pick_day(choices),
                fail=r.random() < 0.12,
                note="路面抽查" if r.random() < 0.5 else None,
            )
        # every vehicle in service at the end is checked at least once (except v_never)
        checked = {x.data["vehicle"] for x in self.records if x.data["kind"] == "vehicle_check"}
        for v in self.vehicles:
            if v.id in checked or id(v) in skip or v in scenario[:3] or not v.active_on(END):
                continue
            choices = [x for x in autumn if v.active_on(x) and x >= (v.crew_change or START)]
            self.vehicle_check(v, self.pick_day(choices), omit_driver=v is self.v_omitted)
        # make sure every current driver is named at least once (except deliberate gaps)
        named: dict[str, set[str]] = defaultdict(set)
        last: dict[str, Rec] = {}
        for rec in sorted(self.records, key=lambda x: (x.date, x.seq)):
            if rec.data["kind"] == "vehicle_check":
                named[rec.data["vehicle"]].update(rec.data["drivers"])
                last[rec.data["vehicle"]] = rec
        for v in self.vehicles:
            if id(v) in skip or v is self.v_omitted or v is v2 or v.id not in last:
                continue
            for dname in v.crew(END):
                if dname not in named[v.id] and last[v.id].date >= (v.crew_change or START):
                    lst = list(last[v.id].data["drivers"])
                    if dname not in lst:
                        lst.append(dname)
                    last[v.id].data["drivers"] = Flow(lst)
        # scenario: failed, not rectified by the deadline, suspended the next day, back later
        v = self.v_suspend
        d = D(2012, 9, 11)
        self.vehicle_check(
            v,
            d,
            fail=True,
            hazard_kw={"count": 1, "deadline": D(2012, 9, 21), "rectified": D(2012, 10, 12)},
        )
        self.susp_hazard = self.hazards[-1][0]
        self.add(
            {
                "kind": "vehicle_status",
                "date": D(2012, 9, 22),
                "vehicle": v.id,
                "status": "suspended",
                "reason": None,
                "unit": "jjdd",
            },
            D(2012, 9, 22),
            "jjdd",
        )
        self.vehicle_check(v, D(2012, 10, 15), note="整改后复查")
        self.add(
            {
                "kind": "vehicle_status",
                "date": D(2012, 10, 15),
                "vehicle": v.id,
                "status": "in_service",
                "reason": "隐患整改到位,复查合格,恢复接送",
                "unit": "jjdd",
            },
            D(2012, 10, 15),
            "jjdd",
        )
        # scenario: failed, deadline passed, neither rectified nor suspended
        v = self.v_unbanned
        self.vehicle_check(v, D(2012, 4, 18))
        self.vehicle_check(
            v,
            D(2012, 10, 16),
            fail=True,
            hazard_kw={"count": 1, "deadline": D(2012, 10, 26), "rectified": None},
        )
        # scenario: rectified a few days after the deadline, never suspended
        v = self.v_late
        self.vehicle_check(
            v,
            D(2012, 5, 8),
            fail=True,
            hazard_kw={"count": 1, "deadline": D(2012, 5, 18), "rectified": D(2012, 5, 23)},
        )
        self.vehicle_check(v, D(2012, 9, 18))
        # a few hazards on vehicles entered as their own records, pointing at the check
        checks = [
            x
            for x in self.records
            if x.data["kind"] == "vehicle_check"
            and x.data["result"] == "pass"
            and x.date <= D(2012, 11, 10)
            and x.data["vehicle"] not in {s.id for s in scenario}
        ]
        for src in r.sample(checks, 2):
            vid = src.data["vehicle"]
            src.data = {
                "kind": "vehicle_check",
                "id": f"vc-{src.date:%Y%m%d}-{vid}",
                **{k: val for k, val in src.data.items() if k != "kind"},
            }
            v = next(x for x in self.vehicles if x.id == vid)
            data = {
                "kind": "hazard",
                "id": None,
                "vehicle": vid,
                "found": src.date,
                "source": src.data["id"],
                "category": "management",
                "description": "驾驶人安全驾驶记录未建档,接送线路未报备",
                "deadline": src.date + dt.timedelta(days=15),
                "supervisor": FlowMap(name=self.staff["jtj"][0], unit="jtj"),
                "rectifier": FlowMap(name=v.crew(src.date)[0]),
                "rectified": src.date + dt.timedelta(days=r.randrange(3, 14)),
            }
            rec = self.add(data, src.date, src.owner)
            self.hazards.append((data, src.date, rec))
