"""Legal vice-principal visits, safety education, guard trainings and meetings."""

from __future__ import annotations

from typing import Any

from .base import GenBase
from .dates import TERMS, D, school_days, workdays
from .tables import (
    EDU_TOPICS,
    KG_ACTIVITIES,
    LEGAL_ACTIVITIES,
    MEETING_TOPICS,
    STATION_IDS,
    TRAINING_TOPICS,
)
from .yamlout import flow


class ActivitiesMixin(GenBase):
    """What the stations and schools do besides inspecting."""

    def build_school_activities(self) -> None:
        r = self.rng
        for s in self.schools:
            for _tname, ts, te in TERMS:
                term_days = [d for d in school_days(ts, te) if s.open_on(d)]
                if not term_days:
                    continue
                if s.lvp:
                    n = r.choices([0, 1, 2, 3], weights=[4, 9, 57, 30])[0]
                else:
                    n = r.choices([0, 1], weights=[6, 4])[0]
                for d in sorted(r.sample(term_days, n)):
                    acts = KG_ACTIVITIES if s.type == "kindergarten" else LEGAL_ACTIVITIES
                    data: dict[str, Any] = {"kind": "legal_visit", "date": d, "school": s.id}
                    if not s.lvp:
                        data["person"] = r.choice(self.officers[s.station])
                    data["activity"] = r.choice(acts)
                    if r.random() < 0.8:
                        data["participants"] = max(15, int(s.students * r.uniform(0.2, 0.9)))
                    self.add(data, d, s.station)
                n = r.choices([0, 1, 2, 3, 4], weights=[3, 20, 42, 27, 8])[0]
                for d in sorted(r.sample(term_days, n)):
                    aud = r.choices(["students", "staff", "parents"], weights=[70, 14, 16])[0]
                    if aud == "students":
                        part = int(s.students * r.uniform(0.3, 1.0))
                    elif aud == "staff":
                        part = r.randrange(12, 90)
                    else:
                        part = min(int(s.students * r.uniform(0.2, 0.8)), 600)
                    topic = r.choice(EDU_TOPICS[aud])
                    if aud == "students" and d.month == 6 and r.random() < 0.5:
                        topic = "暑期安全教育"
                    if aud == "students" and d.month == 9 and d.day < 15 and r.random() < 0.5:
                        topic = "开学第一课安全教育"
                    data = {
                        "kind": "education",
                        "date": d,
                        "school": s.id,
                        "audience": aud,
                        "participants": max(part, 10),
                        "topic": topic,
                    }
                    if "交通" in topic and r.random() < 0.6:
                        data["unit"] = "jjdd"
                    elif r.random() < 0.5:
                        data["unit"] = s.station
                    self.add(data, d, s.station)
        # 交通安全进校园: the traffic brigade's talks at schools with student transport
        for s in self.schools:
            if s.data.get("uses_transport") is not True:
                continue
            for lo, hi in ((D(2012, 3, 12), D(2012, 5, 31)), (D(2012, 9, 10), D(2012, 11, 23))):
                if r.random() < 0.6:
                    d = self.pick_day([x for x in school_days(lo, hi) if s.open_on(x)])
                    aud = "parents" if r.random() < 0.3 else "students"
                    part = int(s.students * r.uniform(0.3, 0.9))
                    self.add(
                        {
                            "kind": "education",
                            "date": d,
                            "school": s.id,
                            "audience": aud,
                            "participants": max(part, 10),
                            "topic": "交通安全进校园:乘车安全",
                            "unit": "jjdd",
                        },
                        d,
                        "jjdd",
                    )

    def build_trainings(self) -> None:
        r = self.rng
        self.training_gaps: list[tuple[str, str]] = []
        for sid in STATION_IDS:
            for ti, (tname, _ts, _te) in enumerate(TERMS):
                if sid == "ps-guangchen" and ti == 1:
                    self.training_gaps.append((sid, tname))
                    continue
                lo, hi = (
                    (D(2012, 4, 9), D(2012, 6, 15))
                    if ti == 0
                    else (D(2012, 9, 10), D(2012, 11, 20))
                )
                d = self.pick_day(workdays(lo, hi))
                schools = [s.id for s in self.schools if s.station == sid and s.open_on(d)]
                if r.random() < 0.3:  # someone did not send their guards
                    for x in r.sample(schools, 1 + (len(schools) > 10)):
                        schools.remove(x)
                        self.training_gaps.append((x, tname))
                data = {
                    "kind": "training",
                    "date": d,
                    "unit": sid,
                    "schools": flow(schools),
                    "trainees": len(schools) * r.choice([2, 2, 3]) + r.randrange(0, 6),
                    "topic": r.choice(TRAINING_TOPICS),
                }
                self.add(data, d, sid)
        # a city-wide session for the private kindergartens of 当湖
        d = D(2012, 10, 24)
        schools = [
            s.id
            for s in self.schools
            if s.station == "ps-danghu" and s.type == "kindergarten" and s.tag == "priv"
        ]
        self.add(
            {
                "kind": "training",
                "date": d,
                "unit": "zadd",
                "schools": flow(schools),
                "trainees": 21,
                "topic": "民办幼儿园安保人员集中培训",
            },
            d,
            "zadd",
        )

    def build_meetings(self) -> None:
        r = self.rng
        quarters = {
            "Q1": (D(2012, 3, 5), D(2012, 3, 30)),
            "Q2": (D(2012, 4, 25), D(2012, 6, 20)),
            "Q3": (D(2012, 7, 9), D(2012, 9, 26)),
            "Q4": (D(2012, 10, 10), D(2012, 11, 28)),
        }
        skip = {
            ("ps-guangchen", "Q2"),
            ("ps-lindai", "Q3"),
            ("ps-xindai", "Q4"),
            ("ps-lindai", "Q4"),
        }
        for sid in STATION_IDS:
            for q, (lo, hi) in quarters.items():
                if (sid, q) in skip or (q == "Q1" and r.random() < 0.5):
                    continue
                d = self.pick_day(workdays(lo, hi))
                data: dict[str, Any] = {"kind": "meeting", "date": d, "unit": sid}
                mine = [s.id for s in self.schools if s.station == sid and s.open_on(d)]
                if r.random() < 0.6:
                    data["schools"] = flow(sorted(r.sample(mine, min(len(mine), 4))))
                data["attendees"] = r.randrange(9, 28)
                data["topic"] = r.choice(MEETING_TOPICS)
                self.add(data, d, sid)
        self.add(
            {
                "kind": "meeting",
                "date": D(2012, 4, 27),
                "unit": "zadd",
                "attendees": 46,
                "topic": "全市护校安园专项行动动员部署会",
            },
            D(2012, 4, 27),
            "zadd",
        )
        self.add(
            {
                "kind": "meeting",
                "date": D(2012, 8, 30),
                "unit": "edu-bureau",
                "attendees": 120,
                "topic": "秋季开学校园安全工作会议",
            },
            D(2012, 8, 30),
            "edu-bureau",
        )
