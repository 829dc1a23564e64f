"""Writing the data folder: the files as text, a YAML round trip, then only the files the
generator owns: records/ and the four top-level files."""

from __future__ import annotations

import shutil
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import yaml

from .check import check
from .dates import END, ISSUED, START, TERMS, WINDOW, D
from .generator import Gen
from .model import KIND_ORDER, Rec
from .tables import SHORT_OF
from .yamlout import dump_records, plain

CAMPAIGN_YAML = """\
# 平湖市"护校安园"专项行动 — 活动参数 (campaign parameters)
# 依据:平湖市公安局、平湖市教育局《平湖市"护校安园"专项行动工作方案》(2012-04-24)
# 示例数据:学校、车辆、人员和记录均为虚构,由 tools/gen_sample_data.py 生成。
# Sample data: schools, vehicles, people and records are fictional.

id: pinghu-2012                  # 活动代码,用于报表和 JSON 输出 (campaign code)
name: 平湖市"护校安园"专项行动  # 活动名称 (campaign name)
issued: 2012-04-24               # 方案印发日期;大多数义务从此日起算 (date the plan was issued)
start: 2012-03-01                # 专项行动开始:"从2012年3月1日起" (campaign start)
end: 2012-11-30                  # 专项行动结束:"至11月30日" (campaign end)
language: zh                     # 输出默认语言 zh | en (default output language)
timezone: Asia/Shanghai          # 判断"今天"所用的时区 (what "today" means)
min_term_days: 15                # 当月至少15天在学期内,才算"开学期间"的月份 (term month)
due_shift: next_workday          # 报送期限遇周末、法定节假日顺延至下一个工作日 (due-date shift)

# 学期:按本地校历填写,需本地确认 (school terms; confirm locally)
terms:
  - {name: 2011学年第二学期, start: 2012-02-08, end: 2012-07-05}   # 春季学期 (spring term)
  - {name: 2012学年第一学期, start: 2012-09-03, end: 2013-01-25}   # 秋季学期 (autumn term)

# 各项义务的参数,未列出的按默认值执行 (obligation parameters; others use their defaults)
obligations:
  comprehensive_inspection:        # "在新学期开学前后…开展一次全面的校园安全大检查"
    windows: [[2012-08-27, 2012-09-14]]  # 检查窗口:开学前一周至开学后两周 (inspection window)
  serious_hazard_list: {due: 2012-09-23} # 隐患学校名单"于9月23日"报市公安局和市教育局
  joint_operation: {due: 2012-07-31}     # "7月底前"联合开展一次校园及周边集中整治行动
"""

CAMPAIGN = {
    "id": "pinghu-2012",
    "name": '平湖市"护校安园"专项行动',
    "issued": ISSUED,
    "start": START,
    "end": END,
    "language": "zh",
    "timezone": "Asia/Shanghai",
    "min_term_days": 15,
    "due_shift": "next_workday",
    "terms": [{"name": n, "start": a, "end": b} for n, a, b in TERMS],
    "obligations": {
        "comprehensive_inspection": {"windows": [list(WINDOW)]},
        "serious_hazard_list": {"due": D(2012, 9, 23)},
        "joint_operation": {"due": D(2012, 7, 31)},
    },
}

OWNED_TOP = ("campaign.yaml", "units.yaml", "schools.yaml", "vehicles.yaml")


def write(g: Gen, out: Path) -> dict[str, str]:
    files: dict[str, str] = {"campaign.yaml": CAMPAIGN_YAML}
    head = "示例数据(虚构),由 tools/gen_sample_data.py 生成 (generated sample data)"
    files["units.yaml"] = dump_records(
        g.units, ["单位:公安、教育、交通、相关部门、派出所、镇街党委政府", head]
    )
    groups: dict[int, str] = {}
    for i, s in enumerate(g.schools):
        if i == 0 or g.schools[i - 1].station != s.station:
            groups[i] = f"{SHORT_OF[s.station]}派出所辖区 ({s.station})"
    files["schools.yaml"] = dump_records(
        [s.data for s in g.schools], ["学校、幼儿园登记表", head], groups
    )
    files["vehicles.yaml"] = dump_records(
        [v.data for v in g.vehicles], ["学生接送车辆登记表(校车、接送车辆)", head]
    )
    by_file: dict[str, list[Rec]] = defaultdict(list)
    for rec in g.records:
        by_file[f"records/{rec.date:%Y-%m}/{rec.owner}.yaml"].append(rec)
    unit_names = {u["id"]: u["name"] for u in g.units}
    for path in sorted(by_file):
        recs = by_file[path]
        recs.sort(
            key=lambda x: (
                x.date,
                KIND_ORDER[x.data["kind"]],
                x.data.get("school") or x.data.get("vehicle") or "",
                x.seq,
            )
        )
        owner = recs[0].owner
        month = recs[0].date
        files[path] = dump_records(
            [x.data for x in recs],
            [f"{month.year}年{month.month}月 {unit_names[owner]} ({owner})", head],
        )
    # round trip: what YAML 1.1 reads back is exactly what was meant (text stays text)
    expected: dict[str, Any] = {
        "campaign.yaml": CAMPAIGN,
        "units.yaml": [plain(u) for u in g.units],
        "schools.yaml": [plain(s.data) for s in g.schools],
        "vehicles.yaml": [plain(v.data) for v in g.vehicles],
    }
    expected.update((p, [plain(x.data) for x in recs]) for p, recs in by_file.items())
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    assert sorted(expected) == sorted(files)
    for path, text in files.items():
        assert yaml.load(text, Loader=loader) == expected[path], path

    out.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(out / "records", ignore_errors=True)
    for name in OWNED_TOP:
        (out / name).unlink(missing_ok=True)
    for path, text in sorted(files.items()):
        p = out / path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(text.encode("utf-8"))
    return files


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[2]
    out = Path(argv[1]) if len(argv) > 1 else root / "data"
    g = Gen()
    g.run()
    check(g)
    files = write(g, out)
    kinds = Counter(r.data["kind"] for r in g.records)
    kinds["hazard"] = len(g.hazards)
    kinds["unit"], kinds["school"], kinds["vehicle"] = (
        len(g.units),
        len(g.schools),
        len(g.vehicles),
    )
    total = sum(kinds.values())
    size = sum(len(t.encode("utf-8")) for t in files.values())
    print(f"wrote {len(files)} files, {size} bytes, {total} records to {out}")
    for k, n in sorted(kinds.items()):
        print(f"  {k:15} {n}")
    return 0
