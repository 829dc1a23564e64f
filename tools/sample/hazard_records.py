"""Hazards beyond the everyday: records of their own, the major and serious ones, and the
ones whose deadline, supervisor or rectifier was never filled in."""

from __future__ import annotations

import datetime as dt

from .dates import END, D, school_days
from .inspections import InspectionsMixin
from .tables import SERIOUS, STATION_IDS
from .yamlout import FlowMap


class HazardRecordsMixin(InspectionsMixin):
    """Hazard records and the hazards that make the reports interesting."""

    def standalone_hazards(self) -> None:
        r = self.rng
        # surroundings hazards reported by stations outside any inspection
        for s in r.sample([s for s in self.schools if s.data.get("closed") is None], 5):
            found = self.pick_day(
                [d for d in school_days(D(2012, 4, 5), D(2012, 11, 9)) if s.open_on(d)]
            )
            h = self.make_hazard(s, found, s.station, area="surroundings")
            data = {"kind": "hazard", "id": None, "school": s.id, "found": found}
            data.update((k, v) for k, v in h.items() if k != "id")
            rec = self.add(data, found, s.station)
            self.hazards.append((data, found, rec))
        # hazards entered separately with their source inspection
        station_insp = [
            x
            for x in self.records
            if x.data["kind"] == "inspection"
            and x.data["unit"] in STATION_IDS
            and "hazards" not in x.data
            and x.date <= D(2012, 11, 15)
        ]
        for src in r.sample(station_insp, 3):
            src.data = {
                "kind": "inspection",
                "id": f"insp-{src.data['school']}-{src.date:%Y%m%d}",
                **{k: v for k, v in src.data.items() if k != "kind"},
            }
            s = self.school_by_id[src.data["school"]]
            h = self.make_hazard(s, src.date, src.owner)
            data = {
                "kind": "hazard",
                "id": None,
                "school": s.id,
                "found": src.date,
                "source": src.data["id"],
            }
            data.update((k, v) for k, v in h.items() if k != "id")
            rec = self.add(data, src.date, src.owner)
            self.hazards.append((data, src.date, rec))

    def special_hazards(self) -> None:
        """Major hazards, serious ones, and gaps in assignment."""
        r = self.rng
        # M1: a private kindergarten in a rented house judged unsafe (reported next day)
        kg = [
            s
            for s in self.schools
            if s.station == "ps-danghu" and s.tag == "priv" and s.type == "kindergarten"
        ]
        s = kg[0]
        d = self.pick_day(school_days(D(2012, 4, 9), D(2012, 4, 20)))
        rec = self.inspection(s, d, s.station, p_hazard=0.0, summary="检查园舍安全")
        h = {
            "id": None,
            "category": "other",
            "severity": "major",
            "description": "幼儿园租用民房办园,园舍经鉴定为C级危房",
            "notice_no": self.notice(s.station),
            "deadline": d + dt.timedelta(days=60),
            "supervisor": self.supervisor(s, "edu-bureau"),
            "rectifier": self.contact(s.data["principal"]),
            "rectified": d + dt.timedelta(days=52),
            "verified_by": "市教育局安全科",
            "reported_to_government": d + dt.timedelta(days=1),
            "note": "街道协调另行安排园舍,暑期搬迁",
        }
        rec.data.setdefault("hazards", []).append(h)
        self.register_hazards(rec, [h])
        # M2: a gas cylinder store next to the dormitory (reported late, 5 days)
        rural = [
            s
            for s in self.schools
            if s.station == "ps-dushangang" and s.type in ("junior", "primary") and s.tag != "priv"
        ]
        s = rural[1]
        comp = [
            x
            for x in self.records
            if x.data["kind"] == "inspection"
            and x.data["school"] == s.id
            and x.data.get("type") == "comprehensive"
        ]
        if comp:
            rec = comp[0]
            d = rec.date
        else:
            d = D(2012, 9, 5)
            rec = self.inspection(
                s, d, s.station, itype="comprehensive", p_hazard=0.0, summary="开学前全面安全大检查"
            )
        h = {
            "id": None,
            "category": "fire",
            "severity": "major",
            "description": "食堂液化气钢瓶间紧邻教学楼,无防爆及泄漏报警设施",
            "notice_no": self.notice(s.station),
            "deadline": d + dt.timedelta(days=30),
            "supervisor": self.supervisor(s, "edu-bureau"),
            "rectifier": self.contact(s.data["principal"]),
            "rectified": d + dt.timedelta(days=23),
            "reported_to_government": d + dt.timedelta(days=5),
        }
        rec.data.setdefault("hazards", []).append(h)
        self.register_hazards(rec, [h])
        # M3: a school gate opening onto a busy road, never reported to the government
        s = next(s for s in self.schools if s.station == "ps-guangchen" and s.type == "primary")
        found = D(2012, 10, 16)
        data = {
            "kind": "hazard",
            "id": None,
            "school": s.id,
            "found": found,
            "area": "surroundings",
            "category": "traffic",
            "severity": "major",
            "description": "校门直接开在省道旁,无人行过街设施,学生上下学横穿公路",
            "deadline": D(2012, 11, 30),
            "supervisor": FlowMap(name=self.staff["jjdd"][2], unit="jjdd"),
            "rectifier": self.contact(s.data["principal"]),
            "note": "需交通部门设置过街设施,待协调",
        }
        rec = self.add(data, found, s.station)
        self.hazards.append((data, found, rec))
        # serious hazards: some still open when the 9-23 list is due
        holder_school = {
            id(h): self.school_by_id[h.get("school") or holder.data["school"]]
            for h, _, holder in self.hazards
            if holder.data["kind"] == "inspection"
        }
        cands = [
            h
            for h, found, holder in self.hazards
            if "severity" not in h
            and "deadline" in h
            and h.get("area") != "surroundings"
            and holder.data["kind"] == "inspection"
            and found <= D(2012, 11, 1)
        ]
        for h in r.sample(cands, 12):
            items = list(h.items())
            i = [k for k, _ in items].index("description")
            items.insert(i, ("severity", "serious"))
            h.clear()
            h.update(items)
            h["description"] = self.fits(holder_school[id(h)], SERIOUS[h["category"]])
        open_at_list = [
            (h, f)
            for h, f, _ in self.hazards
            if h.get("severity") == "serious" and f <= D(2012, 9, 14)
        ]
        for h, _found in open_at_list[:3]:
            h.pop("rectified", None)
            h.pop("verified_by", None)
        # assignment gaps: deadline / supervisor / rectifier not filled, not fixed in 7 days
        cands = [
            (h, found)
            for h, found, rec in self.hazards
            if "severity" not in h
            and "deadline" in h
            and "vehicle" not in h
            and rec.owner in STATION_IDS
            and found <= D(2012, 11, 10)
        ]
        for i, (h, found) in enumerate(r.sample(cands, 8)):
            field = ("deadline", "supervisor", "rectifier")[i % 3]
            h.pop(field)
            if field == "deadline":
                h.pop("notice_no", None)
            if h.get("rectified") and h["rectified"] <= found + dt.timedelta(days=7):
                if i % 2:
                    h.pop("rectified")
                    h.pop("verified_by", None)
                else:
                    h["rectified"] = min(found + dt.timedelta(days=r.randrange(9, 25)), END)
