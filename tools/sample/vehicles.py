"""The vehicle register (vehicles.yaml): school buses and contracted vehicles, their drivers
and the gaps in their papers."""

from __future__ import annotations

from typing import Any

from .base import GenBase
from .dates import D
from .model import School, Vehicle
from .tables import STATION_IDS
from .yamlout import Flow


class VehiclesMixin(GenBase):
    """Vehicles of the schools that use student transport."""

    def build_vehicles(self) -> None:
        r = self.rng
        transport = [s for s in self.schools if s.data.get("uses_transport") is True]
        # one school that reported using transport but whose vehicles were never registered
        rural_primary = [s for s in transport if s.type == "primary" and s.tag != "priv"]
        self.unregistered_school = r.choice(rural_primary or transport)
        plates: set[str] = set()

        def plate() -> str:
            while True:
                if r.random() < 0.6:
                    p = f"浙F{r.randrange(10000, 99999)}"
                else:
                    p = f"浙F{r.choice('ABCDEGHJKLMNPQRSTUVWXY')}{r.randrange(1000, 9999)}"
                if p not in plates:
                    plates.add(p)
                    return p

        public = [
            s
            for s in transport
            if s.tag != "priv" and s.type in ("kindergarten", "primary", "special")
        ]
        public = [s for s in public if s is not self.unregistered_school]
        bus_schools = r.sample(public, 7)
        for s in transport:
            if s is self.unregistered_school:
                continue
            n = 1
            if s.type in ("nine_year", "special"):
                n = 2 + (r.random() < 0.4)
            elif s.tag == "priv" or s.students > 300:
                n = 1 + (r.random() < 0.45)
            for k in range(n):
                is_bus = s in bus_schools and k == 0
                self.vehicles.append(
                    self.make_vehicle(s, plate(), "school_bus" if is_bus else "contracted")
                )
        # 2012 newly bought 专用校车 registered before the autumn term; one replaces a
        # contracted vehicle that was retired
        rng_schools = [s for s in public if s not in bus_schools]
        new_schools = r.sample(rng_schools, 3)
        for i, s in enumerate(new_schools):
            v = self.make_vehicle(s, plate(), "school_bus")
            v.data["registered"] = [D(2012, 8, 20), D(2012, 8, 28), D(2012, 9, 1)][i]
            self.vehicles.append(v)
        old = [v for v in self.vehicles if v.school is new_schools[0] and v.type == "contracted"]
        old[0].data["retired"] = D(2012, 8, 31)
        old[0].data["note"] = "2012年8月底停止接送,由新购专用校车替代"
        self.retired = old[0]
        self.new_buses = [v for v in self.vehicles if "registered" in v.data]
        for v in self.vehicles:
            if "registered" not in v.data and r.random() < 0.35:
                v.data["registered"] = D(
                    r.choice([2008, 2009, 2010, 2011]), r.randrange(1, 13), r.randrange(1, 28)
                )
        # crew changes: one whose new driver was checked, one whose new driver never was
        multi = [
            v
            for v in self.vehicles
            if len(v.data["drivers"]) == 2 and v not in self.new_buses and v is not self.retired
        ]
        self.crew_changed = r.sample(multi, 2)
        for v, when in zip(self.crew_changed, (D(2012, 8, 25), D(2012, 9, 10)), strict=True):
            old_name = v.data["drivers"][1]["name"]
            new = self.make_driver(v.type, v.data["seats"])
            v.crew_before = (v.data["drivers"][0]["name"], old_name)
            v.crew_change = when
            v.data["drivers"][1] = new
            v.data["former_drivers"] = Flow([old_name])
        # documents: mostly valid through 2013, with gaps
        pool = [v for v in self.vehicles if v is not self.retired]
        gaps = r.sample(pool, 8)
        gaps[0].data["inspection_valid_until"] = D(2012, 10, 15)
        gaps[1].data["inspection_valid_until"] = D(2012, 11, 10)
        gaps[2].data["insurance_valid_until"] = D(2012, 9, 30)
        gaps[3].data.pop("inspection_valid_until")
        gaps[4].data.pop("insurance_valid_until")
        gaps[5].data["drivers"][0]["license_valid_until"] = D(2012, 10, 20)
        buses = [v for v in pool if v.type == "school_bus" and v not in gaps]
        buses[0].data.pop("permit_valid_until")
        buses[1].data["permit_valid_until"] = D(2012, 11, 20)
        order = [
            "kind",
            "id",
            "plate",
            "school",
            "type",
            "seats",
            "owner",
            "drivers",
            "former_drivers",
            "inspection_valid_until",
            "insurance_valid_until",
            "permit_valid_until",
            "registered",
            "retired",
            "note",
        ]
        rank = {sid: i for i, sid in enumerate(STATION_IDS)}
        self.vehicles.sort(key=lambda v: (rank[v.school.station], v.school.id, v.id))
        for v in self.vehicles:
            v.data = {k: v.data[k] for k in order if k in v.data}

    def make_driver(self, vtype: str, seats: int) -> dict[str, Any]:
        r = self.rng
        d: dict[str, Any] = {"name": self.name()}
        if seats > 19:  # 大型客车 needs A1 (A3 for city buses); 中型客车 B1
            d["license_class"] = r.choice(["A1", "A1", "A3"] if vtype == "school_bus" else ["A1"])
        else:
            d["license_class"] = r.choice(["B1", "B1", "A1"])
        d["license_valid_until"] = D(
            r.randrange(2013, 2021), r.randrange(1, 13), r.randrange(1, 28)
        )
        if vtype == "school_bus":
            d["school_bus_permit"] = f"浙F校驾{2012}{r.randrange(1, 300):03d}"
        return d

    def make_vehicle(self, s: School, plate: str, vtype: str) -> Vehicle:
        r = self.rng
        if vtype == "school_bus":
            seats = r.choice([19, 24, 31, 35, 41, 52])
            owner = s.name if r.random() < 0.6 else "平湖市公交有限公司"
        else:
            seats = r.choice([11, 14, 17, 19, 19, 23, 33])
            owner = r.choice(
                [
                    f"{self.name()}(个体)",
                    "平湖市通达客运有限公司",
                    "平湖市顺安汽车租赁有限公司",
                    "嘉兴市乍浦港运输有限公司",
                ]
            )
        ndrivers = 2 if (vtype == "school_bus" and r.random() < 0.5) or r.random() < 0.3 else 1
        data: dict[str, Any] = {
            "kind": "vehicle",
            "id": plate,
            "plate": plate,
            "school": s.id,
            "type": vtype,
            "seats": seats,
            "owner": owner,
            "drivers": [self.make_driver(vtype, seats) for _ in range(ndrivers)],
            "inspection_valid_until": D(2013, r.randrange(1, 9), r.randrange(1, 28)),
            "insurance_valid_until": D(2013, r.randrange(1, 12), r.randrange(1, 28)),
        }
        if vtype == "school_bus":
            data["permit_valid_until"] = D(
                r.choice([2013, 2014]), r.randrange(1, 12), r.randrange(1, 28)
            )
        return Vehicle(plate, s, vtype, data)
