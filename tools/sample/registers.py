"""The unit and school registers (units.yaml, schools.yaml)."""

from __future__ import annotations

from typing import Any

from .base import GenBase
from .dates import D
from .model import School
from .tables import NOT_SURVEYED, SCHOOLS, SHORT_OF, STATIONS, STREETS, STUDENTS
from .yamlout import FlowMap


class RegistersMixin(GenBase):
    """Units, schools and who their legal vice-principals are."""

    def build_units(self) -> None:
        def unit(uid: str, name: str, utype: str, **extra: Any) -> dict[str, Any]:
            u: dict[str, Any] = {"kind": "unit", "id": uid, "name": name, "type": utype}
            u.update(extra)
            self.units.append(u)
            self.unit_type[uid] = utype
            return u

        unit("psb-pinghu", "平湖市公安局", "city_psb")
        unit(
            "zadd",
            "平湖市公安局治安大队",
            "security_brigade",
            parent="psb-pinghu",
            note="专项行动领导小组办公室设在治安大队",
        )
        unit("edu-bureau", "平湖市教育局", "education_bureau")
        self.staff["edu-bureau"] = [self.name() for _ in range(5)]
        self.staff["zadd"] = [self.name() for _ in range(4)]
        jj = [self.name() for _ in range(6)]
        self.staff["jjdd"] = jj
        unit(
            "jjdd",
            "平湖市公安局交警大队",
            "traffic_brigade",
            parent="psb-pinghu",
            liaison=FlowMap(name=jj[0], phone=self.mobile()),
        )
        unit("jtj", "平湖市交通运输局", "transport_bureau")
        self.staff["jtj"] = [self.name() for _ in range(3)]
        unit("gov-pinghu", "平湖市委市政府", "government")
        for uid, name in (
            ("dept-zongzhi", "平湖市综治办"),
            ("dept-culture", "平湖市文化局"),
            ("dept-aic", "平湖市工商局"),
            ("dept-health", "平湖市卫生局"),
            ("dept-cgzf", "平湖市城管执法局"),
        ):
            unit(uid, name, "department")
            self.staff[uid] = [self.name() for _ in range(2)]
        for code, sid, short, _town, _gov in STATIONS:
            pool = [self.name() for _ in range(9 if code == "dh" else 5)]
            self.officers[sid] = pool
            extra: dict[str, Any] = {"parent": "psb-pinghu"}
            if sid == "ps-lindai":
                extra["note"] = "联络员尚未确定"
            elif sid == "ps-xincang":
                extra["liaison"] = FlowMap(name=pool[1])  # phone never filled in
            else:
                extra["liaison"] = self.contact(pool[1])
            unit(sid, f"{short}派出所", "police_station", **extra)
        for _code, _sid, _short, town, gov in STATIONS:
            suffix = "党工委、办事处" if town.endswith("街道") else "党委、政府"
            unit(gov, f"{town}{suffix}", "government", parent="gov-pinghu")

    def build_schools(self) -> None:
        r = self.rng
        for code, sid, _short, town, _gov in STATIONS:
            streets = STREETS[code]
            for i, (name, stype, tag) in enumerate(SCHOOLS[code], 1):
                lo, hi = STUDENTS[stype]
                students = r.randrange(lo, hi) // 5 * 5
                if tag == "new":
                    students = 320
                data: dict[str, Any] = {
                    "kind": "school",
                    "id": f"sch-{code}-{i:02d}",
                    "name": name,
                    "type": stype,
                    "station": sid,
                    "address": f"平湖市{town}{r.choice(streets)}{r.randrange(1, 400)}号",
                    "principal": self.name(),
                    "phone": self.landline(),
                    "students": students,
                }
                if stype in ("senior", "vocational", "special", "complete") or (
                    stype in ("junior", "nine_year") and r.random() < 0.3
                ):
                    data["boarding"] = True
                s = School(data["id"], name, stype, sid, tag, students, data)
                self.schools.append(s)
                self.school_by_id[s.id] = s
        # legal vice-principals: mostly officers of the station, some from the courts
        missing_lvp = {"平湖市当湖新城小学"}
        candidates = [
            s
            for s in self.schools
            if s.tag == "priv" or s.type == "other" or s.station == "ps-lindai"
        ]
        candidates = [s for s in candidates if s.name not in missing_lvp]
        missing_lvp |= {s.name for s in r.sample(candidates, 7)}
        for s in self.schools:
            if s.name in missing_lvp:
                continue
            lvp: dict[str, Any]
            if s.type in ("senior", "vocational", "complete") and r.random() < 0.6:
                org = r.choice(["平湖市人民检察院", "平湖市人民法院"])
                lvp = {
                    "name": self.name(),
                    "title": "法制副校长",
                    "unit": org,
                    "phone": self.mobile(),
                }
            else:
                officer = r.choice(self.officers[s.station][1:])
                lvp = {"name": officer}
                if s.type == "kindergarten":
                    lvp["title"] = "法制辅导员"
                elif r.random() < 0.5:
                    lvp["title"] = "法制副校长"
                lvp["unit"] = f"平湖市公安局{SHORT_OF[s.station]}派出所"
                if r.random() < 0.85:
                    lvp["phone"] = self.person_phone(officer)
            s.data["legal_vice_principal"] = lvp
        # student transport: rural kindergartens, private schools, the special school ...
        weights = []
        for s in self.schools:
            rural = s.station != "ps-danghu"
            w = {
                "kindergarten": 0.7 if rural else 0.2,
                "primary": 0.65 if rural else 0.05,
                "nine_year": 2.0,
                "special": 2.0,
                "junior": 0.15 if rural else 0.0,
            }.get(s.type, 0)
            if s.tag == "priv":
                w += 0.8
            if s.name in NOT_SURVEYED or s.tag == "closing":
                w = -1
            weights.append((w + r.random() * 0.9, s.id))
        weights.sort(key=lambda t: (-t[0], t[1]))
        transport = {sid for _, sid in weights[:35]}
        for s in self.schools:
            if s.name in NOT_SURVEYED:
                pass  # not yet surveyed
            else:
                s.data["uses_transport"] = s.id in transport
            if s.tag == "new":
                s.data["opened"] = D(2012, 9, 1)
                s.data["note"] = "2012年9月新开办"
            if s.tag == "closing":
                s.data["closed"] = D(2012, 7, 10)
                s.data["note"] = "2012年暑期撤并入平湖市新仓中心小学"
        # key order as in the spec
        order = [
            "kind",
            "id",
            "name",
            "type",
            "station",
            "address",
            "principal",
            "phone",
            "students",
            "boarding",
            "uses_transport",
            "legal_vice_principal",
            "opened",
            "closed",
            "note",
        ]
        for s in self.schools:
            lvp = s.data.get("legal_vice_principal")
            if lvp:
                s.data["legal_vice_principal"] = FlowMap(lvp)
            s.data = {k: s.data[k] for k in order if k in s.data}
