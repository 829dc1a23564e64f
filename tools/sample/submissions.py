"""Reports the stations send upward: statistics forms, monthly work reports, briefings to
the town government, the serious-hazard list, the summary."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .base import GenBase
from .dates import DAY, D, month_end, next_workday, workdays
from .tables import STATION_IDS, STATIONS
from .yamlout import Flow


class SubmissionsMixin(GenBase):
    """Submissions, on time, late or missing."""

    def submit(
        self,
        sid: str,
        form: str,
        day: D,
        period: str | None = None,
        to: list[str] | None = None,
        note: str | None = None,
    ) -> None:
        data: dict[str, Any] = {"kind": "submission", "form": form, "unit": sid}
        if period:
            data["period"] = period
        data["submitted"] = day
        if to:
            data["to"] = Flow(to)
        if note:
            data["note"] = note
        self.add(data, day, sid)

    def due_day(self, after: D, due: D, late: bool) -> D:
        """A submission day: on time (after the period, by the due date) or late."""
        r = self.rng
        shifted = next_workday(due)
        if late:
            return next_workday(shifted + dt.timedelta(days=r.randrange(1, 7)))
        choices = [d for d in workdays(after, shifted)]
        return r.choice(choices[-3:]) if choices else shifted

    def build_submissions(self) -> None:
        r = self.rng
        self.sub_gaps: list[str] = []
        for sid in STATION_IDS:
            sloppy = sid in ("ps-lindai", "ps-xindai")
            for m in range(4, 12):
                for half in (1, 2):
                    if m == 11 and half == 2:
                        continue  # due in December, after the campaign
                    if half == 1:
                        pend, due = D(2012, m, 15), D(2012, m, 17)
                    else:
                        pend = month_end(2012, m)
                        due = D(2012, m + 1, 2)
                    period = f"2012-{m:02d}-{half}"
                    x = r.random()
                    if x < (0.08 if sloppy else 0.025):
                        self.sub_gaps.append(f"{sid} stats_form {period}")
                        continue
                    late = x < (0.2 if sloppy else 0.08)
                    day = self.due_day(pend + DAY, due, late)
                    self.submit(sid, "stats_form", day, period)
                    if half == 2 and m <= 10:
                        mp = f"2012-{m:02d}"
                        y = r.random()
                        if y < (0.1 if sloppy else 0.03):
                            self.sub_gaps.append(f"{sid} monthly_work {mp}")
                        elif y < 0.12:
                            self.submit(
                                sid, "monthly_work", self.due_day(pend + DAY, due, True), mp
                            )
                        else:
                            self.submit(sid, "monthly_work", day, mp)
            # quarterly briefings to the town's Party committee and government
            gov = next(s[4] for s in STATIONS if s[1] == sid)
            if r.random() < 0.3:
                self.submit(
                    sid,
                    "gov_briefing",
                    self.pick_day(workdays(D(2012, 3, 20), D(2012, 3, 30))),
                    "2012-Q1",
                    [gov],
                )
            if sid != "ps-caoqiao":
                self.submit(
                    sid,
                    "gov_briefing",
                    self.pick_day(workdays(D(2012, 6, 25), D(2012, 7, 10))),
                    "2012-Q2",
                    [gov],
                )
            q3 = (
                workdays(D(2012, 10, 11), D(2012, 10, 19))
                if sid == "ps-xincang"
                else workdays(D(2012, 9, 24), D(2012, 10, 10))
            )
            self.submit(sid, "gov_briefing", self.pick_day(q3), "2012-Q3", [gov])
            if sid not in ("ps-lindai", "ps-zhongdai", "ps-xindai"):
                self.submit(
                    sid,
                    "gov_briefing",
                    self.pick_day(workdays(D(2012, 11, 20), D(2012, 11, 30))),
                    "2012-Q4",
                    [gov],
                )
            # the list of schools whose hazards are not fixed (due 9-23)
            if sid == "ps-guangchen":
                pass  # never sent
            elif sid == "ps-xindai":
                self.submit(
                    sid,
                    "serious_hazard_list",
                    D(2012, 9, 21),
                    to=["psb-pinghu"],
                    note="仅报市公安局,未报市教育局",
                )
            elif sid == "ps-caoqiao":
                self.submit(
                    sid, "serious_hazard_list", D(2012, 9, 27), to=["psb-pinghu", "edu-bureau"]
                )
            else:
                self.submit(
                    sid,
                    "serious_hazard_list",
                    self.pick_day(workdays(D(2012, 9, 19), D(2012, 9, 24))),
                    to=["psb-pinghu", "edu-bureau"],
                )
            if sid not in ("ps-lindai", "ps-guangchen"):
                self.submit(
                    sid,
                    "campaign_summary",
                    self.pick_day(workdays(D(2012, 11, 23), D(2012, 11, 30))),
                )
        for sid, d in (("ps-danghu", D(2012, 6, 12)), ("ps-zhapu", D(2012, 10, 30))):
            self.submit(sid, "experience", d, note="护校安园典型经验做法")
