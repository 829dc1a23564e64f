"""Self-check of the generated data: what hxay would refuse or warn about must not happen
by accident."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from .dates import END, START, D
from .generator import Gen
from .model import School

ID_RE = re.compile(r"^[\w.\-]+$")
PERIOD_RE = {
    "stats_form": re.compile(r"^2012-(0[1-9]|1[0-2])-[12]$"),
    "monthly_work": re.compile(r"^2012-(0[1-9]|1[0-2])$"),
    "gov_briefing": re.compile(r"^2012-(Q[1-4]|0[1-9]|1[0-2])$"),
}
SEPARATORS = ("，", "、", "；")


def check(g: Gen) -> None:
    ids: Counter[str] = Counter()
    units = {u["id"]: u["type"] for u in g.units}
    schools = g.school_by_id
    vehicles = {v.id: v for v in g.vehicles}
    record_ids: dict[str, str] = {}
    for u in g.units:
        ids[u["id"]] += 1
        if "parent" in u:
            assert u["parent"] in units
    for s in g.schools:
        ids[s.id] += 1
        assert units[s.station] == "police_station"
    for v in g.vehicles:
        ids[v.id] += 1
        assert v.school.data.get("uses_transport") is True
        assert v.school.open_on(END)
        names = [d["name"] for d in v.data["drivers"]]
        assert names and len(set(names)) == len(names)
        assert not set(names) & set(v.data.get("former_drivers", []))
    for rec in g.records:
        if rec.data.get("id"):
            ids[rec.data["id"]] += 1
            record_ids[rec.data["id"]] = rec.data["kind"]
        for h in rec.data.get("hazards", []):
            ids[h["id"]] += 1
            record_ids[h["id"]] = "hazard"
    dup = [k for k, n in ids.items() if n > 1]
    assert not dup, dup
    assert all(ID_RE.match(k) and k not in ("-", "*") for k in ids), "bad id"

    def unit(u: str) -> None:
        assert u in units, u

    def school(sid: str, d: D) -> School:
        s = schools[sid]
        assert s.open_on(d), (sid, d)
        return s

    def hazard(h: dict[str, Any], found: D, holder: dict[str, Any]) -> None:
        assert h["id"] and h["description"]
        for k in ("deadline", "rectified", "reported_to_government"):
            if k in h:
                assert h[k] >= found, (h, k)
        for k in ("rectified", "reported_to_government"):
            if k in h:
                assert h[k] <= END
        if "deadline" in h:
            assert (h["deadline"] - found).days <= 90
        if "supervisor" in h:
            unit(h["supervisor"]["unit"])
        if "source" in h:
            assert record_ids.get(h["source"]) in ("inspection", "vehicle_check")
        assert h.get("severity", "general") in ("general", "serious", "major")
        if "vehicle" not in h and "vehicle" not in holder:
            school(h.get("school") or holder["school"], found)

    for rec in g.records:
        d, k = rec.data, rec.data["kind"]
        assert START <= rec.date <= END
        if k == "inspection":
            unit(d["unit"])
            school(d["school"], rec.date)
            assert not any(sep in n for n in d["inspectors"] for sep in SEPARATORS)
            for h in d.get("hazards", []):
                hazard(h, rec.date, d)
        elif k == "hazard":
            assert d["found"] == rec.date
            if "vehicle" in d:
                assert vehicles[d["vehicle"]].active_on(rec.date)
            hazard(d, rec.date, d)
        elif k == "vehicle_check":
            v = vehicles[d["vehicle"]]
            assert v.active_on(rec.date)
            unit(d["unit"])
            allowed = {x["name"] for x in v.data["drivers"]} | set(v.data.get("former_drivers", []))
            assert set(d["drivers"]) <= allowed, (d, allowed)
            if d["result"] == "fail":
                assert d.get("hazards")
            for h in d.get("hazards", []):
                hazard(h, rec.date, d)
        elif k == "vehicle_status":
            assert d["vehicle"] in vehicles and d["status"] in ("suspended", "in_service")
        elif k in ("legal_visit", "education"):
            school(d["school"], rec.date)
            if "unit" in d:
                unit(d["unit"])
        elif k in ("training", "meeting"):
            unit(d["unit"])
            for sid in d.get("schools", []):
                school(sid, rec.date)
            if k == "training":
                assert d["schools"]
        elif k == "operation":
            unit(d["lead"])
            for sid in d.get("stations", []):
                assert units[sid] == "police_station"
            if "end" in d:
                assert rec.date <= d["end"] <= END
        elif k == "case":
            unit(d["unit"])
            school(d["school"], rec.date)
            if "solved" in d:
                assert rec.date <= d["solved"] <= END
        elif k == "submission":
            unit(d["unit"])
            for t in d.get("to", []):
                unit(t)
            form = d["form"]
            if form in PERIOD_RE:
                assert PERIOD_RE[form].match(d["period"]), d
            else:
                assert "period" not in d
        else:
            raise AssertionError(k)
    # a school that says it has no transport has no active vehicle
    for v in g.vehicles:
        assert v.school.data.get("uses_transport") is True
