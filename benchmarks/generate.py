"""Seeded generator of hxay data folders at benchmark scale (city, prefecture).

`python benchmarks/generate.py OUT --records 10000` writes a folder of roughly that many
records of every kind, with realistic Chinese text and inline hazards, one file per
station per month, as users lay it out. Like real folders it is not clean: a few records
in a hundred warn (inspectors typed on one line, a deadline a year out, a record dated
after the campaign, a failed vehicle check with no hazard), and about one file in forty
has errors (an impossible date, a school that does not exist); `--clean` leaves them out.
The same arguments always give the same files.
`--prefix P` starts every id (and the campaign's) with P, so the folders of several
generated cities can be put together in one folder without clashing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

CAMPAIGN = """\
id: bench-2012
name: 基准测试"护校安园"专项行动
issued: 2012-04-24
start: 2012-03-01
end: 2012-11-30
due_shift: next_workday
terms:
  - {name: 2011学年第二学期, start: 2012-02-08, end: 2012-07-05}
  - {name: 2012学年第一学期, start: 2012-09-03, end: 2013-01-25}
obligations:
  comprehensive_inspection: {windows: [[2012-08-27, 2012-09-14]]}
  serious_hazard_list: {due: 2012-09-23}
  joint_operation: {due: 2012-07-31}
"""
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "建国明华伟芳秀英敏静丽强磊军洋勇艳杰娟涛超斌霞平刚桂英红梅海燕文博宇浩然志强晓东春生"
HAZARDS = [
    ("technical", "校门口视频监控损坏,未与派出所联网"),
    ("physical", "围墙部分破损,存在安全隐患"),
    ("fire", "教学楼灭火器过期未更换"),
    ("personnel", "门卫值班人员不足,夜间无人值守"),
    ("management", "安全工作台账不全,值班记录缺失"),
    ("traffic", "校门口缺少减速带和警示标志"),
]
MONTHS = [3, 4, 5, 6, 9, 10, 11]


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


def _day(rng: random.Random, month: int) -> dt.date:
    return dt.date(2012, month, rng.randint(1, 28))


def generate(
    out: Path, records: int, seed: int = 2012, prefix: str = "", untidy: bool = False
) -> dict[str, int]:
    """Write the folder (with the warnings and errors of real folders when `untidy`);
    returns the number of records per kind."""
    p = prefix
    rng = random.Random(seed)
    # About 20 records per school a year: 10,000 records ~ 500 schools ~ 25 stations.
    schools_n = max(4, records // 20)
    stations_n = max(1, schools_n // 20)
    if out.exists():
        shutil.rmtree(out)
    (out / "records").mkdir(parents=True)
    (out / "campaign.yaml").write_text(
        CAMPAIGN.replace("id: bench-2012", f"id: {p}bench-2012"), encoding="utf-8"
    )
    counts: dict[str, int] = {}

    def count(kind: str, n: int = 1) -> None:
        counts[kind] = counts.get(kind, 0) + n

    units = [
        f"- {{kind: unit, id: {p}psb, name: 市公安局, type: city_psb}}",
        f"- {{kind: unit, id: {p}zadd, name: 治安大队, type: security_brigade, parent: {p}psb}}",
        f"- {{kind: unit, id: {p}edu, name: 教育局, type: education_bureau}}",
        f"- {{kind: unit, id: {p}jjdd, name: 交警大队, type: traffic_brigade, liaison: {{name: 交警联络员, phone: 0573-85000000}}}}",
    ]
    stations = [f"{p}ps-{i:03d}" for i in range(stations_n)]
    for s in stations:
        units.append(
            f"- {{kind: unit, id: {s}, name: {p}第{s[-3:]}派出所, type: police_station, "
            f"liaison: {{name: {_name(rng)}, phone: 0573-85{rng.randint(100000, 999999)}}}}}"
        )
    count("unit", len(units))
    (out / "units.yaml").write_text("\n".join(units) + "\n", encoding="utf-8")

    schools: list[tuple[str, str]] = []
    lines = []
    for i in range(schools_n):
        sid, station = f"{p}sch-{i:05d}", stations[i % stations_n]
        kind = rng.choice(["kindergarten", "primary", "primary", "junior"])
        transport = "true" if i % 4 == 0 else "false"
        lines.append(
            f"- kind: school\n  id: {sid}\n  name: 测试第{i}学校\n  type: {kind}\n  station: {station}\n"
            f"  address: 测试市测试镇{rng.randint(1, 300)}号\n  principal: {_name(rng)}\n"
            f"  phone: 0573-85{rng.randint(100000, 999999)}\n  students: {rng.randint(80, 2000)}\n"
            f"  uses_transport: {transport}\n"
            f"  legal_vice_principal: {{name: {_name(rng)}, unit: {station}}}\n"
        )
        schools.append((sid, station))
    count("school", len(lines))
    (out / "schools.yaml").write_text("".join(lines), encoding="utf-8")

    vehicles: list[tuple[str, str, list[str]]] = []
    lines = []
    for i, (sid, _) in enumerate(schools):
        if i % 4:
            continue
        vid = f"{p}浙F{i:05d}"
        drivers = [_name(rng) for _ in range(rng.randint(1, 2))]
        dl = "\n".join(
            f"    - {{name: {d}, license_class: A3, license_valid_until: 2014-0{rng.randint(1, 9)}-01}}"
            for d in drivers
        )
        lines.append(
            f"- kind: vehicle\n  id: {vid}\n  plate: {vid}\n  school: {sid}\n  seats: {rng.choice([19, 35, 52])}\n"
            f"  drivers:\n{dl}\n  inspection_valid_until: 2013-03-01\n  insurance_valid_until: 2013-06-30\n"
        )
        vehicles.append((vid, sid, drivers))
    count("vehicle", len(lines))
    (out / "vehicles.yaml").write_text("".join(lines), encoding="utf-8")

    by_station: dict[str, list[tuple[str, str]]] = {}
    for sid, station in schools:
        by_station.setdefault(station, []).append((sid, station))
    hz = 0
    for month in MONTHS:
        folder = out / "records" / f"2012-{month:02d}"
        folder.mkdir()
        for station in stations:
            items: list[str] = []
            for sid, _ in by_station.get(station, []):
                day = _day(rng, month)
                hazards = ""
                if rng.random() < 0.25:
                    hz += 1
                    cat, desc = rng.choice(HAZARDS)
                    fixed = day + dt.timedelta(days=rng.randint(2, 20))
                    # a deadline a year out: W-long-deadline
                    weeks = 52 if rng.random() < 0.04 * untidy else 2
                    hazards = (
                        f"  hazards:\n    - id: {p}hz-{hz:06d}\n      category: {cat}\n      description: {desc}\n"
                        f"      deadline: {day + dt.timedelta(weeks=weeks)}\n"
                        f"      supervisor: {{name: {_name(rng)}, unit: {p}edu}}\n"
                        f"      rectifier: {{name: {_name(rng)}, phone: 1385730{rng.randint(1000, 9999)}}}\n"
                        f"      rectified: {fixed}\n"
                    )
                    count("hazard")
                pair = f"[{_name(rng)}, {_name(rng)}]"
                if rng.random() < 0.04 * untidy:  # typed on one line: W-split-list
                    pair = pair[1:-1].replace(", ", "、")
                items.append(
                    f"- kind: inspection\n  date: {day}\n  unit: {station}\n  school: {sid}\n"
                    f"  inspectors: {pair}\n  officers: 2\n"
                    f"  summary: 检查校园安保、消防、技防设施运行情况,查看门卫值班记录、监控录像和应急预案,"
                    f"对学校安全工作提出整改意见\n  note: 学校{_name(rng)}陪同检查\n{hazards}"
                )
                count("inspection")
                if rng.random() < 0.5:
                    items.append(
                        f"- {{kind: legal_visit, date: {_day(rng, month)}, school: {sid}, activity: 法制讲座, participants: {rng.randint(50, 600)}}}\n"
                    )
                    count("legal_visit")
                if rng.random() < 0.6:
                    when = _day(rng, month)
                    if rng.random() < 0.01 * untidy:  # after the campaign: W-outside-campaign
                        when = dt.date(2012, 12, when.day)
                    items.append(
                        f"- {{kind: education, date: {when}, school: {sid}, audience: students, participants: {rng.randint(50, 900)}, topic: 防溺水安全教育}}\n"
                    )
                    count("education")
            listed = ", ".join(sid for sid, _ in by_station.get(station, [])[:5])
            items.append(
                f"- {{kind: training, date: {_day(rng, month)}, unit: {station}, schools: [{listed}], trainees: 20}}\n"
            )
            items.append(
                f"- {{kind: meeting, date: {_day(rng, month)}, unit: {station}, attendees: 15, topic: 校园安全形势分析}}\n"
            )
            for half, sent in ((1, 16), (2, 1)):
                if month == 11 and half == 2:
                    continue  # sent in December, after the campaign
                count("submission")
                items.append(
                    f"- {{kind: submission, form: stats_form, unit: {station}, period: 2012-{month:02d}-{half}, "
                    f"submitted: 2012-{month + (half == 2):02d}-{sent:02d}}}\n"
                )
            items.append(
                f"- {{kind: submission, form: monthly_work, unit: {station}, period: 2012-{month:02d}, "
                f"submitted: {min(dt.date(2012, month + 1, 1), dt.date(2012, 11, 30))}}}\n"
            )
            count("training")
            count("meeting")
            count("submission")
            if rng.random() < 0.025 * untidy:  # errors: an impossible date, a missing school
                items.append(
                    f"- {{kind: legal_visit, date: '2012-{month:02d}-40', school: {by_station[station][0][0]}}}\n"
                    f"- {{kind: education, date: {_day(rng, month)}, school: {p}sch-99999, audience: students}}\n"
                )
            (folder / f"{station}.yaml").write_text("".join(items), encoding="utf-8")
        checks = []
        for vid, _, drivers in vehicles:
            if rng.random() < 0.3:
                result = "fail" if rng.random() < 0.05 * untidy else "pass"  # W-fail-no-hazard
                checks.append(
                    f"- {{kind: vehicle_check, date: {_day(rng, month)}, vehicle: {vid}, unit: {p}jjdd, "
                    f"drivers: [{', '.join(drivers)}], result: {result}, items: {{逃生锤: true, 灭火器: true}}}}\n"
                )
                count("vehicle_check")
        (folder / "jjdd.yaml").write_text("".join(checks), encoding="utf-8")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=2012)
    parser.add_argument("--prefix", default="", help="start every id with this")
    parser.add_argument("--clean", action="store_true", help="no warnings and no errors")
    args = parser.parse_args()
    counts = generate(args.out, args.records, args.seed, args.prefix, not args.clean)
    print(f"{sum(counts.values())} records: {counts}")


if __name__ == "__main__":
    main()
