"""Write the embedded sample campaign: a fictional Pinghu 2012 "护校安园" data folder.

Usage: python tools/gen_sample_data.py [OUT_DIR]   (default: data/ next to tools/)
Deterministic: one random.Random(2012), no clock, sorted iteration, so a rerun gives
byte-identical files. It removes and rewrites only what it owns: OUT_DIR/records/ and the
top-level campaign.yaml, units.yaml, schools.yaml and vehicles.yaml. Schools, people,
vehicles and events are invented; the duties and dates follow the 2012 plan.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from random import Random
from typing import Any

import yaml

D = dt.date
DAY = dt.timedelta(days=1)
START, END, ISSUED = D(2012, 3, 1), D(2012, 11, 30), D(2012, 4, 24)
TERMS = (
    ("2011学年第二学期", D(2012, 2, 8), D(2012, 7, 5)),
    ("2012学年第一学期", D(2012, 9, 3), D(2013, 1, 25)),
)
WINDOW = (D(2012, 8, 27), D(2012, 9, 14))
TERM_MONTHS = (3, 4, 5, 6, 9, 10, 11)


def _span(a: D, b: D) -> set[D]:
    return {a + dt.timedelta(days=i) for i in range((b - a).days + 1)}


# Mainland China public holidays and make-up working days (调休) of 2012, as published
# by the State Council; only what the generator needs to pick plausible working days.
HOLIDAYS = frozenset(
    _span(D(2012, 1, 1), D(2012, 1, 3))
    | _span(D(2012, 1, 22), D(2012, 1, 28))
    | _span(D(2012, 4, 2), D(2012, 4, 4))
    | _span(D(2012, 4, 29), D(2012, 5, 1))
    | _span(D(2012, 6, 22), D(2012, 6, 24))
    | _span(D(2012, 9, 30), D(2012, 10, 7))
    | _span(D(2013, 1, 1), D(2013, 1, 3))
)
MAKEUP = frozenset(
    {D(2012, 1, 21), D(2012, 1, 29), D(2012, 3, 31), D(2012, 4, 1), D(2012, 4, 28), D(2012, 9, 29)}
)


def days(a: D, b: D) -> Iterator[D]:
    d = a
    while d <= b:
        yield d
        d += DAY


def is_workday(d: D) -> bool:
    return d in MAKEUP or (d.weekday() < 5 and d not in HOLIDAYS)


def next_workday(d: D) -> D:
    while not is_workday(d):
        d += DAY
    return d


def in_term(d: D) -> bool:
    return any(s <= d <= e for _, s, e in TERMS)


def school_days(a: D, b: D) -> list[D]:
    """Weekdays that are not holidays, inside a term and inside the campaign."""
    a, b = max(a, START), min(b, END)
    return [d for d in days(a, b) if d.weekday() < 5 and d not in HOLIDAYS and in_term(d)]


def workdays(a: D, b: D) -> list[D]:
    a, b = max(a, START), min(b, END)
    return [d for d in days(a, b) if is_workday(d)]


def month_end(y: int, m: int) -> D:
    return (D(y + (m == 12), m % 12 + 1, 1)) - DAY


# ---------------------------------------------------------------------------------------
# Static tables
# ---------------------------------------------------------------------------------------

# code, station id, short name, town (街道/镇), town government unit id
STATIONS = (
    ("dh", "ps-danghu", "当湖", "当湖街道", "gov-danghu"),
    ("zd", "ps-zhongdai", "钟埭", "钟埭街道", "gov-zhongdai"),
    ("cq", "ps-caoqiao", "曹桥", "曹桥街道", "gov-caoqiao"),
    ("zp", "ps-zhapu", "乍浦", "乍浦镇", "gov-zhapu"),
    ("xd", "ps-xindai", "新埭", "新埭镇", "gov-xindai"),
    ("xc", "ps-xincang", "新仓", "新仓镇", "gov-xincang"),
    ("gc", "ps-guangchen", "广陈", "广陈镇", "gov-guangchen"),
    ("ld", "ps-lindai", "林埭", "林埭镇", "gov-lindai"),
    ("dsg", "ps-dushangang", "独山港", "独山港镇", "gov-dushangang"),
)
STATION_IDS = [s[1] for s in STATIONS]
CODE_OF = {s[1]: s[0] for s in STATIONS}
SHORT_OF = {s[1]: s[2] for s in STATIONS}

STREETS = {
    "dh": [
        "当湖路",
        "胜利路",
        "环城北路",
        "新华中路",
        "东湖大道",
        "三港路",
        "南市路",
        "广场路",
        "建国路",
        "梅兴路",
        "新城路",
        "解放西路",
    ],
    "zd": ["钟埭路", "沈家弄路", "新港路", "兴平路"],
    "cq": ["曹桥路", "百寿路", "马厩路", "曹兑港路"],
    "zp": ["雅山路", "天妃路", "汤山路", "中山路", "乍王路"],
    "xd": ["新埭路", "鱼圻塘路", "泖口路", "振兴路"],
    "xc": ["新仓路", "三叉河路", "杉青港路", "芦湾路"],
    "gc": ["广陈路", "泗泾路", "前港路", "山塘路"],
    "ld": ["林埭路", "徐埭路", "群丰路"],
    "dsg": ["黄姑路", "全塘路", "独山路", "白沙湾路", "新庙路"],
}

# name, type, tag ("priv" 民办, "new" opened 2012-09-01, "closing" closed 2012-07-10)
SCHOOLS: dict[str, list[tuple[str, str, str]]] = {
    "dh": [
        ("平湖市当湖实验小学", "primary", ""),
        ("平湖市东湖小学", "primary", ""),
        ("平湖市南市小学", "primary", ""),
        ("平湖市稚川小学", "primary", ""),
        ("平湖市行知小学", "primary", ""),
        ("平湖市叔同小学", "primary", ""),
        ("平湖市当湖新城小学", "primary", "new"),
        ("平湖市育英学校", "nine_year", "priv"),
        ("平湖市当湖中学", "junior", ""),
        ("平湖市东湖中学", "junior", ""),
        ("平湖市南市中学", "junior", ""),
        ("平湖市城东高级中学", "senior", ""),
        ("平湖市当湖高级中学", "senior", ""),
        ("平湖市职业中等专业学校", "vocational", ""),
        ("平湖市技工学校", "vocational", ""),
        ("平湖市特殊教育学校", "special", ""),
        ("平湖市少年业余体育学校", "other", ""),
        ("平湖市当湖幼儿园", "kindergarten", ""),
        ("平湖市东湖幼儿园", "kindergarten", ""),
        ("平湖市南市幼儿园", "kindergarten", ""),
        ("平湖市城关幼儿园", "kindergarten", ""),
        ("平湖市实验幼儿园", "kindergarten", ""),
        ("平湖市胜利幼儿园", "kindergarten", ""),
        ("平湖市新城幼儿园", "kindergarten", ""),
        ("平湖市东方幼儿园", "kindergarten", "priv"),
        ("平湖市小天使幼儿园", "kindergarten", "priv"),
        ("平湖市阳光幼儿园", "kindergarten", "priv"),
        ("平湖市蓝天幼儿园", "kindergarten", "priv"),
        ("平湖市童乐幼儿园", "kindergarten", "priv"),
        ("平湖市金色摇篮幼儿园", "kindergarten", "priv"),
    ],
    "zd": [
        ("平湖市钟埭小学", "primary", ""),
        ("平湖市沈家弄小学", "primary", ""),
        ("平湖市新港小学", "primary", ""),
        ("平湖市钟埭中学", "junior", ""),
        ("平湖市博才实验学校", "nine_year", "priv"),
        ("平湖市钟埭中心幼儿园", "kindergarten", ""),
        ("平湖市沈家弄幼儿园", "kindergarten", ""),
        ("平湖市新港幼儿园", "kindergarten", ""),
        ("平湖市钟埭红星幼儿园", "kindergarten", "priv"),
        ("平湖市钟埭育才幼儿园", "kindergarten", "priv"),
        ("平湖市钟埭小博士幼儿园", "kindergarten", "priv"),
        ("平湖市钟埭成人文化技术学校", "other", ""),
    ],
    "cq": [
        ("平湖市曹桥中心小学", "primary", ""),
        ("平湖市曹桥百寿小学", "primary", ""),
        ("平湖市曹桥育才学校", "primary", "priv"),
        ("平湖市曹桥中学", "junior", ""),
        ("平湖市曹桥中心幼儿园", "kindergarten", ""),
        ("平湖市曹桥百寿幼儿园", "kindergarten", ""),
        ("平湖市曹桥马厩幼儿园", "kindergarten", ""),
        ("平湖市曹桥开心幼儿园", "kindergarten", "priv"),
        ("平湖市曹桥蓓蕾幼儿园", "kindergarten", "priv"),
    ],
    "zp": [
        ("平湖市乍浦小学", "primary", ""),
        ("平湖市乍浦天妃小学", "primary", ""),
        ("平湖市乍浦雅山小学", "primary", ""),
        ("平湖市乍浦中学", "junior", ""),
        ("平湖市乍浦第二中学", "junior", ""),
        ("平湖市乍浦高级中学", "senior", ""),
        ("平湖市乍浦启明学校", "nine_year", "priv"),
        ("平湖市乍浦镇中心幼儿园", "kindergarten", ""),
        ("平湖市乍浦天妃幼儿园", "kindergarten", ""),
        ("平湖市乍浦雅山幼儿园", "kindergarten", ""),
        ("平湖市乍浦汤山幼儿园", "kindergarten", ""),
        ("平湖市乍浦港区幼儿园", "kindergarten", "priv"),
        ("平湖市乍浦小太阳幼儿园", "kindergarten", "priv"),
    ],
    "xd": [
        ("平湖市新埭中心小学", "primary", ""),
        ("平湖市新埭鱼圻塘小学", "primary", ""),
        ("平湖市新埭泖口小学", "primary", ""),
        ("平湖市新埭中学", "junior", ""),
        ("平湖市新溪中学", "complete", ""),
        ("平湖市新埭中心幼儿园", "kindergarten", ""),
        ("平湖市新埭鱼圻塘幼儿园", "kindergarten", ""),
        ("平湖市新埭泖口幼儿园", "kindergarten", ""),
        ("平湖市新埭星星幼儿园", "kindergarten", "priv"),
        ("平湖市新埭旭日幼儿园", "kindergarten", "priv"),
    ],
    "xc": [
        ("平湖市新仓中心小学", "primary", ""),
        ("平湖市新仓三叉河小学", "primary", ""),
        ("平湖市新仓芦湾小学", "primary", "closing"),
        ("平湖市新仓育才学校", "primary", "priv"),
        ("平湖市新仓中学", "junior", ""),
        ("平湖市新仓中心幼儿园", "kindergarten", ""),
        ("平湖市新仓三叉河幼儿园", "kindergarten", ""),
        ("平湖市新仓杉青港幼儿园", "kindergarten", ""),
        ("平湖市新仓芦湾幼儿园", "kindergarten", ""),
        ("平湖市新仓阳光幼儿园", "kindergarten", "priv"),
    ],
    "gc": [
        ("平湖市广陈中心小学", "primary", ""),
        ("平湖市广陈泗泾小学", "primary", ""),
        ("平湖市广陈中学", "junior", ""),
        ("平湖市广陈中心幼儿园", "kindergarten", ""),
        ("平湖市广陈泗泾幼儿园", "kindergarten", ""),
        ("平湖市广陈前港幼儿园", "kindergarten", ""),
        ("平湖市广陈山塘幼儿园", "kindergarten", ""),
        ("平湖市广陈新星幼儿园", "kindergarten", "priv"),
    ],
    "ld": [
        ("平湖市林埭中心小学", "primary", ""),
        ("平湖市林埭徐埭小学", "primary", ""),
        ("平湖市林埭中学", "junior", ""),
        ("平湖市林埭中心幼儿园", "kindergarten", ""),
        ("平湖市林埭徐埭幼儿园", "kindergarten", ""),
        ("平湖市林埭群丰幼儿园", "kindergarten", ""),
        ("平湖市林埭启智幼儿园", "kindergarten", "priv"),
    ],
    "dsg": [
        ("平湖市黄姑小学", "primary", ""),
        ("平湖市全塘小学", "primary", ""),
        ("平湖市独山港镇中心小学", "primary", ""),
        ("平湖市独山港育才学校", "primary", "priv"),
        ("平湖市黄姑中学", "junior", ""),
        ("平湖市全塘中学", "junior", ""),
        ("平湖市独山港镇中心幼儿园", "kindergarten", ""),
        ("平湖市黄姑幼儿园", "kindergarten", ""),
        ("平湖市全塘幼儿园", "kindergarten", ""),
        ("平湖市白沙湾幼儿园", "kindergarten", ""),
        ("平湖市全塘新庙幼儿园", "kindergarten", ""),
        ("平湖市独山港海悦幼儿园", "kindergarten", "priv"),
    ],
}

# uses_transport not recorded yet (the vehicle_registration gap)
NOT_SURVEYED = (
    "平湖市当湖新城小学",
    "平湖市钟埭成人文化技术学校",
    "平湖市新埭旭日幼儿园",
    "平湖市林埭启智幼儿园",
)

STUDENTS = {
    "kindergarten": (110, 460),
    "primary": (380, 1900),
    "junior": (450, 1500),
    "senior": (1300, 2300),
    "nine_year": (700, 1500),
    "complete": (900, 1600),
    "vocational": (1500, 3100),
    "special": (70, 140),
    "other": (120, 420),
}

# common surnames of the Jiaxing area, the first ten twice as likely
SURNAMES = [
    *"沈陆张王徐朱陈金顾李",
    *"沈陆张王李徐朱陈顾钱金周吴杨戴姚孙胡蒋俞冯马褚倪潘施邹费莫钟郁许刘黄赵何高郑谢",
    *"范方曹盛屠宋汪",
]
GIVEN = str.split(
    "建国 伟 明 华 军 芳 丽 敏 静 勇 强 杰 峰 红 霞 燕 斌 雪芳 卫东 国平 海林 晓东 春燕 美华 "
    "志刚 建华 永明 伟林 月明 建平 秀英 玉芳 小平 文斌 红英 建明 国强 利民 卫星 海燕 丽萍 晓燕 "
    "伟忠 宏 健 磊 超 洁 婷 琴 英 芬 萍 荣 林 刚 平 新华 振华 金龙 雪明 根林 菊英 惠芳 剑 俊 "
    "雯 佳 颖 炜 浩 涛 军华 跃明 国良 梅芳 水林 坤元 志强 慧 亚萍 瑾 建林 永华 卫国 晓峰 "
    "海峰 琳 春华 雪英 金芳 德明 丽华 伟明 益民 新民 立新 红梅 文华 晓红 秋萍 国荣"
)

MOBILE_PREFIXES = (
    "130",
    "131",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "153",
    "158",
    "159",
    "180",
    "186",
    "189",
)

# category -> [(description, severity weight hint)]
CAMPUS_HAZARDS = {
    "personnel": [
        "专职保安配备不足,上下学时段仅1人在岗",
        "门卫保安年龄偏大,未经岗前培训",
        "上下学时段校门口无教师和保安值守",
        "夜间值班人员脱岗,无值班记录",
        "保安人员未持证上岗",
    ],
    "physical": [
        "门卫室未配备钢叉、防暴盾牌等防卫器械",
        "围墙部分坍塌,存在缺口",
        "校门口未设置防冲撞隔离设施",
        "围墙高度不足,外侧堆放杂物可攀爬",
        "学生宿舍楼窗户防护栏损坏",
        "电动伸缩门损坏无法关闭",
        "后门门锁损坏,长期敞开",
    ],
    "technical": [
        "校门口视频监控损坏,未与派出所联网",
        "一键报警装置未与110联网",
        "监控录像保存时间不足30天",
        "周界报警系统故障未修复",
        "监控存在盲区,未覆盖围墙周界",
        "门卫室监控显示屏无法正常显示",
    ],
    "management": [
        "外来人员进出登记制度未落实",
        "安全工作台账不全,值班记录缺失",
        "安全应急预案未及时修订",
        "本学期未开展应急疏散演练",
        "学生接送交接登记记录缺失",
        "门卫对外来车辆未登记放行",
    ],
    "fire": [
        "灭火器过期未更换",
        "安全出口指示灯损坏",
        "疏散通道堆放杂物",
        "室内消火栓无水压",
        "厨房燃气管道老化,未安装燃气泄漏报警装置",
        "配电房电线私拉乱接",
    ],
    "traffic": [
        "校门口道路未设置减速带和警示标志",
        "上下学时段校门口车辆乱停乱放",
        "校门口缺少人行横道,学生横穿马路",
    ],
    "other": [
        "教学楼外墙瓷砖松动脱落",
        "食堂卫生许可证过期",
        "配电房未上锁",
        "体育器材锈蚀松动",
        "校内河塘无防护栏和警示标志",
    ],
}
SURROUNDING_HAZARDS = [
    ("other", "校门口200米内有无证流动摊点,售卖三无食品", "dept-cgzf"),
    ("other", "学校周边200米内有网吧违规接纳未成年人", "dept-culture"),
    ("traffic", "校门口有无证车辆非法营运接送学生", "jjdd"),
    ("other", "学校周边有游戏机房,学生放学后逗留", "dept-culture"),
    ("other", "校门口小卖部销售无证食品和仿真刀具玩具", "dept-aic"),
    ("other", "学校附近河道无防护栏,学生上下学途经", "dept-cgzf"),
    ("management", "学校周边出租房屋人员复杂,未纳入管理", "ps"),
    ("other", "校门口无证小餐饮摊点卫生条件差", "dept-health"),
]
# check item, category, description
VEHICLE_HAZARDS = [
    ("逃生锤", "physical", "车内未配备逃生锤"),
    ("灭火器", "fire", "车载灭火器过期"),
    ("安全带", "physical", "部分座位安全带损坏"),
    ("行驶记录仪", "technical", "未按规定安装行驶记录仪"),
    ("车门应急开关", "physical", "车门应急开关失灵"),
    ("随车照管人员", "personnel", "未配备随车照管人员"),
    ("核载人数", "traffic", "实载人数超过核定载客人数"),
    ("轮胎", "traffic", "轮胎磨损严重,花纹深度不足"),
]
SERIOUS = {
    "personnel": ["校园无专职保安,夜间无人值守", "保安人员长期空缺,由临时工兼任门卫"],
    "physical": ["围墙大面积坍塌,校园处于开放状态", "校园周界无围墙,仅以铁丝网隔离且多处破损"],
    "technical": ["校门口视频监控、一键报警装置均未安装", "全校监控系统瘫痪,报警装置无法使用"],
    "management": ["安全管理制度缺失,外来人员随意进出校园", "门卫形同虚设,放学时段校门长时间敞开"],
    "fire": ["学生宿舍消防疏散通道被封堵,安全出口上锁", "教学楼安全出口上锁,消防设施大面积失效"],
    "traffic": ["校门口紧邻主干道,无任何交通安全设施", "校门外道路无减速、警示设施,车速快"],
    "other": ["教学楼局部墙体开裂,存在坍塌危险", "校舍屋面严重渗漏,楼板钢筋外露"],
}
LEGAL_ACTIVITIES = [
    "法制教育讲座",
    "防拐骗、防侵害安全教育",
    "交通安全知识讲座",
    "参加学校安全工作例会",
    "检查指导学校安全防范工作",
    "禁毒知识宣传",
    "指导应急疏散演练",
    "预防未成年人违法犯罪讲座",
    "文明上网与网络安全教育",
    "家长学校法制讲座",
]
KG_ACTIVITIES = [
    "幼儿防拐骗情景演练",
    "教职工安全防范培训",
    "家长学校安全讲座",
    "检查指导幼儿园安全防范工作",
    "指导应急疏散演练",
]
EDU_TOPICS = {
    "students": [
        "防溺水安全教育",
        "交通安全教育",
        "消防安全知识及疏散演练",
        "防拐骗、防侵害教育",
        "法制教育专题讲座",
        "禁毒宣传教育",
        "文明上网教育",
        "防震减灾应急演练",
    ],
    "staff": [
        "教职工安全防范技能培训",
        "防暴器械使用培训",
        "消防器材使用培训",
        "突发事件应急处置培训",
    ],
    "parents": [
        "家长学校:接送学生安全须知",
        "家长学校:交通安全与乘车安全",
        "家长学校:防溺水安全",
        "家长会:校园安全工作通报",
    ],
}
TRAINING_TOPICS = [
    "校园保安员业务培训(法律法规、防暴器械使用)",
    "学校安保人员应急处置技能培训",
    "校园保安及门卫岗位技能培训",
    "学校安保人员消防技能培训",
]
MEETING_TOPICS = [
    "校园及周边治安形势分析",
    "护校安园专项行动推进会",
    "校园周边环境整治协调会",
    "学生接送车辆安全管理协调会",
    "校园安全保卫工作联席会议",
]


# ---------------------------------------------------------------------------------------
# YAML output
# ---------------------------------------------------------------------------------------


class Flow(list):  # type: ignore[type-arg]
    """A list written in flow style: [王建国, 李明]."""


class FlowMap(dict):  # type: ignore[type-arg]
    """A mapping written in flow style: {name: 陈伟, unit: edu-bureau}."""


class Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # never anchors: the same record node twice is an error in hxay

    def increase_indentation(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indentation(flow, False)  # indent lists nested in mappings


Dumper.add_representer(
    Flow, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True)
)
Dumper.add_representer(
    FlowMap, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=True)
)


def dump_records(
    records: list[dict[str, Any]], header: list[str], groups: dict[int, str] | None = None
) -> str:
    """One YAML list per file, a blank line between records, comments at the top."""
    out = [f"# {h}\n" for h in header]
    for i, rec in enumerate(records):
        out.append("\n")
        if groups and i in groups:
            out.append(f"# {groups[i]}\n")
        out.append(
            yaml.dump(
                [rec],
                Dumper=Dumper,
                allow_unicode=True,
                sort_keys=False,
                default_flow_style=False,
                width=1000,
            )
        )
    return "".join(out)


def plain(obj: Any) -> Any:
    """The data as yaml.safe_load should give it back (Flow -> list, FlowMap -> dict)."""
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [plain(v) for v in obj]
    return obj


def flow(items: Iterable[Any], limit: int = 6) -> list[Any]:
    items = list(items)
    return Flow(items) if len(items) <= limit else items


# ---------------------------------------------------------------------------------------
# Model
# ---------------------------------------------------------------------------------------


@dataclass
class School:
    id: str
    name: str
    type: str
    station: str
    tag: str
    students: int
    data: dict[str, Any]

    @property
    def opened(self) -> D | None:
        return self.data.get("opened")

    @property
    def closed(self) -> D | None:
        return self.data.get("closed")

    def open_on(self, d: D) -> bool:
        return (self.opened is None or self.opened <= d) and (
            self.closed is None or self.closed > d
        )

    @property
    def lvp(self) -> str | None:
        v = self.data.get("legal_vice_principal")
        return v["name"] if v else None


@dataclass
class Vehicle:
    id: str
    school: School
    type: str
    data: dict[str, Any]
    crew_change: D | None = None  # drivers changed on this day
    crew_before: tuple[str, ...] = ()  # drivers before the change

    def active_on(self, d: D) -> bool:
        reg, ret = self.data.get("registered"), self.data.get("retired")
        return (reg is None or reg <= d) and (ret is None or ret > d)

    def crew(self, d: D) -> list[str]:
        if self.crew_change and d < self.crew_change:
            return list(self.crew_before)
        return [x["name"] for x in self.data["drivers"]]


@dataclass
class Rec:
    data: dict[str, Any]
    date: D
    owner: str  # unit id: the file records/2012-MM/<owner>.yaml
    seq: int = 0


KIND_ORDER = {
    k: i
    for i, k in enumerate(
        [
            "inspection",
            "vehicle_check",
            "vehicle_status",
            "hazard",
            "legal_visit",
            "education",
            "training",
            "meeting",
            "operation",
            "case",
            "submission",
        ]
    )
}


class Gen:
    def __init__(self) -> None:
        self.rng = Random(2012)
        self.used_names: set[str] = set()
        self.used_phones: set[str] = set()
        self.units: list[dict[str, Any]] = []
        self.unit_type: dict[str, str] = {}
        self.schools: list[School] = []
        self.school_by_id: dict[str, School] = {}
        self.vehicles: list[Vehicle] = []
        self.records: list[Rec] = []
        self.hazards: list[tuple[dict[str, Any], D, Rec]] = []  # hazard, found, holder
        self.officers: dict[str, list[str]] = {}
        self.staff: dict[str, list[str]] = {}
        self.notice_seq: Counter[str] = Counter()
        self.phone_of: dict[str, str] = {}
        self.safety_of: dict[str, str] = {}  # school -> 安全(总务)主任
        self.supervisor_of: dict[str, str] = {}  # school -> 教育局督办责任人
        self.seq = 0

    # -- people ---------------------------------------------------------------------------
    def name(self) -> str:
        while True:
            n = self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)
            if n not in self.used_names:
                self.used_names.add(n)
                return n

    def mobile(self) -> str:
        while True:
            p = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"
            if p not in self.used_phones:
                self.used_phones.add(p)
                return p

    def landline(self) -> str:
        while True:
            p = f"0573-85{self.rng.randrange(10**6):06d}"
            if p not in self.used_phones and not p.startswith("0573-850000"):
                self.used_phones.add(p)
                return p

    def add(self, data: dict[str, Any], date: D, owner: str) -> Rec:
        assert START <= date <= END, (data, date)
        self.seq += 1
        rec = Rec(data, date, owner, self.seq)
        self.records.append(rec)
        return rec

    def pick_day(self, choices: list[D]) -> D:
        assert choices
        return self.rng.choice(choices)

    # -- units --------------------------------------------------------------------------
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
                extra["liaison"] = FlowMap(name=pool[1], phone=self.person_phone(pool[1]))
            unit(sid, f"{short}派出所", "police_station", **extra)
        for _code, _sid, _short, town, gov in STATIONS:
            suffix = "党工委、办事处" if town.endswith("街道") else "党委、政府"
            unit(gov, f"{town}{suffix}", "government", parent="gov-pinghu")

    # -- schools ------------------------------------------------------------------------
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

    def person_phone(self, person: str) -> str:
        if person not in self.phone_of:
            self.phone_of[person] = self.mobile()
        return self.phone_of[person]

    # -- vehicles -----------------------------------------------------------------------
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

    # -- hazards ------------------------------------------------------------------------
    def notice(self, unit: str) -> str:
        """A placeholder; numbers are given in date order by `assign_ids`."""
        self.notice_seq[unit] += 1
        return f"@{unit}@{self.notice_seq[unit]}"

    @staticmethod
    def notice_text(unit: str, n: int) -> str:
        if unit == "edu-bureau":
            return f"平教安整〔2012〕{n:02d}号"
        if unit == "jjdd":
            return f"平公交整〔2012〕{n:03d}号"
        if unit == "zadd":
            return f"平公治整〔2012〕{n:02d}号"
        return f"平公{SHORT_OF[unit][0]}整字〔2012〕第{n:03d}号"

    def rectifier(self, s: School) -> dict[str, Any]:
        r = self.rng
        if s.id not in self.safety_of:
            self.safety_of[s.id] = self.name()
        name = s.data["principal"] if r.random() < 0.4 else self.safety_of[s.id]
        rect: dict[str, Any] = {"name": name}
        if r.random() < 0.85:
            rect["phone"] = self.person_phone(name)
        return FlowMap(rect)

    def supervisor(self, s: School, unit: str) -> dict[str, Any]:
        if unit == "edu-bureau":
            if s.id not in self.supervisor_of:
                self.supervisor_of[s.id] = self.rng.choice(self.staff["edu-bureau"])
            return FlowMap(name=self.supervisor_of[s.id], unit=unit)
        return FlowMap(name=self.rng.choice(self.staff.get(unit) or self.officers[unit]), unit=unit)

    def outcome(
        self, found: D, deadline: D | None, p_late: float = 0.1, p_never: float = 0.07
    ) -> D | None:
        r = self.rng
        x = r.random()
        if deadline is None:
            return found
        if x < p_never:
            return None
        if x < p_never + p_late:
            d = deadline + dt.timedelta(days=r.randrange(2, 22))
        else:
            d = found + dt.timedelta(days=r.randrange(1, (deadline - found).days + 1))
        return d if d <= END else None

    def make_hazard(
        self,
        s: School,
        found: D,
        unit: str,
        *,
        area: str = "campus",
        category: str | None = None,
        description: str | None = None,
        supervisor_unit: str | None = None,
        rectifier: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        r = self.rng
        if area == "surroundings" and category is None:
            category, description, sup = r.choice(SURROUNDING_HAZARDS)
            supervisor_unit = supervisor_unit or (s.station if sup == "ps" else sup)
        elif category is None:
            category = r.choices(list(CAMPUS_HAZARDS), weights=[3, 5, 5, 4, 5, 2, 2])[0]
            description = self.fits(s, CAMPUS_HAZARDS[category])
        assert description
        h: dict[str, Any] = {"id": None, "category": category}
        if area != "campus":
            h["area"] = area
        h["description"] = description
        deadline = found + dt.timedelta(days=r.choice([7, 10, 15, 15, 20, 30]))
        h["deadline"] = deadline
        h["supervisor"] = self.supervisor(s, supervisor_unit or "edu-bureau")
        h["rectifier"] = FlowMap(rectifier) if rectifier else self.rectifier(s)
        rect = self.outcome(found, deadline)
        if rect:
            h["rectified"] = rect
            if r.random() < 0.4:
                who = r.choice(self.officers[s.station])
                h["verified_by"] = f"{SHORT_OF[s.station]}派出所 {who}"
        return h

    def fits(self, s: School, texts: list[str]) -> str:
        """A description that fits the school: no dormitory where nobody boards."""
        ok = [t for t in texts if "宿舍" not in t or s.data.get("boarding")]
        return self.rng.choice(ok)

    def on_the_spot(
        self, s: School, found: D, rectifier: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        r = self.rng
        cat = r.choice(["management", "fire", "physical"])
        desc = {
            "management": "外来人员进出未登记",
            "fire": "疏散通道堆放杂物",
            "physical": "门卫室防卫器械未按规定放置",
        }[cat]
        return {
            "id": None,
            "category": cat,
            "description": desc,
            "rectifier": FlowMap(rectifier) if rectifier else self.rectifier(s),
            "rectified": found,
            "note": "当场整改",
        }

    def register_hazards(self, rec: Rec, hazards: list[dict[str, Any]]) -> None:
        for h in hazards:
            self.hazards.append((h, rec.date, rec))

    # -- inspections --------------------------------------------------------------------
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
        # comprehensive new-semester inspections
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
            "rectifier": FlowMap(
                name=s.data["principal"], phone=self.person_phone(s.data["principal"])
            ),
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
            "rectifier": FlowMap(
                name=s.data["principal"], phone=self.person_phone(s.data["principal"])
            ),
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
            "rectifier": FlowMap(
                name=s.data["principal"], phone=self.person_phone(s.data["principal"])
            ),
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

    # -- vehicle checks ---------------------------------------------------------------------
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
                driver = v.crew(d)[0]
                h["rectifier"] = FlowMap(name=driver, phone=self.person_phone(driver))
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
        # spot checks
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

    # -- visits, education, training, meetings ------------------------------------------
    def build_school_activities(self) -> None:
        r = self.rng
        for s in self.schools:
            for _tname, ts, te in TERMS:
                term_days = [d for d in school_days(ts, te) if s.open_on(d)]
                if not term_days:
                    continue
                # legal vice-principal visits
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
                # safety education sessions
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

    def build_operations_and_cases(self) -> None:
        r = self.rng
        self.add(
            {
                "kind": "operation",
                "id": "op-2012-01",
                "date": D(2012, 5, 22),
                "lead": "ps-danghu",
                "departments": Flow(["公安", "城管", "工商"]),
                "stations": Flow(["ps-danghu"]),
                "results": FlowMap({"清理流动摊点": 23, "检查网吧": 6}),
                "summary": "当湖街道城区学校周边流动摊点集中清理",
            },
            D(2012, 5, 22),
            "ps-danghu",
        )
        self.add(
            {
                "kind": "operation",
                "id": "op-2012-02",
                "date": D(2012, 7, 16),
                "lead": "zadd",
                "end": D(2012, 7, 27),
                "departments": Flow(
                    ["综治办", "公安局", "文化局", "工商局", "卫生局", "城管执法局"]
                ),
                "stations": list(STATION_IDS),
                "results": {
                    "检查网吧": 12,
                    "检查游戏机房": 7,
                    "取缔无证摊点": 5,
                    "查处无证食品店": 3,
                    "清查校园周边出租房屋": 46,
                    "整改隐患": 18,
                },
                "summary": "全市校园及周边治安环境集中整治行动",
            },
            D(2012, 7, 16),
            "zadd",
        )
        self.add(
            {
                "kind": "operation",
                "id": "op-2012-03",
                "date": D(2012, 8, 28),
                "lead": "zadd",
                "end": D(2012, 8, 31),
                "departments": Flow(["公安", "文化", "工商"]),
                "stations": Flow(["ps-danghu", "ps-zhongdai", "ps-zhapu"]),
                "results": FlowMap({"检查网吧": 9, "检查文具店": 14}),
                "summary": "开学前校园周边文化市场检查",
            },
            D(2012, 8, 28),
            "zadd",
        )
        self.add(
            {
                "kind": "operation",
                "id": "op-2012-04",
                "date": D(2012, 10, 18),
                "lead": "ps-zhapu",
                "departments": Flow(["公安", "城管"]),
                "stations": Flow(["ps-zhapu"]),
                "results": FlowMap({"取缔无证摊点": 4, "劝离黑车": 6}),
            },
            D(2012, 10, 18),
            "ps-zhapu",
        )
        cases = [
            (
                "ps-danghu",
                D(2012, 3, 19),
                "criminal",
                "校内车棚学生电动自行车被盗3辆",
                D(2012, 4, 6),
                2,
            ),
            (
                "ps-xincang",
                D(2012, 3, 27),
                "criminal",
                "幼儿园门口发生一起抢夺家长财物案件",
                D(2012, 4, 10),
                1,
            ),
            (
                "ps-zhapu",
                D(2012, 4, 11),
                "criminal",
                "夜间有人翻墙进入学校盗窃电脑2台",
                D(2012, 5, 2),
                1,
            ),
            (
                "ps-danghu",
                D(2012, 5, 9),
                "public_order",
                "放学时段校门口两名社会青年殴打学生",
                D(2012, 5, 10),
                2,
            ),
            (
                "ps-zhongdai",
                D(2012, 5, 23),
                "dispute",
                "学生在校受伤,家长与学校就赔偿发生纠纷并聚集校门口",
                D(2012, 6, 1),
                None,
            ),
            (
                "jjdd",
                D(2012, 6, 8),
                "accident",
                "接送学生车辆在校门口倒车时刮擦行人,无人员伤亡",
                None,
                None,
            ),
            ("ps-xindai", D(2012, 6, 14), "criminal", "学校食堂被撬,被盗现金约800元", None, None),
            (
                "ps-zhongdai",
                D(2012, 7, 20),
                "accident",
                "学生暑期在村内河塘游泳溺水,经抢救脱险",
                None,
                None,
            ),
            (
                "ps-dushangang",
                D(2012, 9, 12),
                "public_order",
                "一男子酒后闯入幼儿园滋事,被保安拦截",
                D(2012, 9, 12),
                1,
            ),
            (
                "ps-xincang",
                D(2012, 9, 20),
                "dispute",
                "外来务工人员子女入学问题引发家长到校聚集",
                D(2012, 9, 25),
                None,
            ),
            (
                "ps-danghu",
                D(2012, 10, 9),
                "criminal",
                "校门口有人以借钱为名对学生实施敲诈勒索",
                D(2012, 10, 20),
                3,
            ),
            (
                "jjdd",
                D(2012, 10, 17),
                "accident",
                "学生放学途中骑自行车与农用车相撞,受轻伤",
                None,
                None,
            ),
            (
                "ps-caoqiao",
                D(2012, 10, 25),
                "public_order",
                "网吧违规接纳未成年学生上网",
                D(2012, 10, 25),
                1,
            ),
            ("ps-lindai", D(2012, 11, 7), "criminal", "学校教师办公室笔记本电脑被盗", None, None),
            (
                "ps-zhapu",
                D(2012, 11, 14),
                "dispute",
                "两名学生家长因学生间矛盾在校内发生争吵",
                D(2012, 11, 14),
                None,
            ),
            (
                "ps-danghu",
                D(2012, 11, 21),
                "public_order",
                "学校接到恐吓电话,经查系恶作剧",
                D(2012, 11, 23),
                1,
            ),
        ]
        for i, (unit, d, ctype, desc, solved, persons) in enumerate(cases, 1):
            if unit == "jjdd":
                s = r.choice([v.school for v in self.vehicles if v.active_on(d)])
            else:
                mine = [s for s in self.schools if s.station == unit and s.open_on(d)]
                if "幼儿园" in desc:
                    mine = [s for s in mine if s.type == "kindergarten"] or mine
                s = r.choice(mine)
            data: dict[str, Any] = {
                "kind": "case",
                "id": f"case-2012-{i:02d}",
                "date": d,
                "unit": unit,
                "type": ctype,
                "description": desc,
                "school": s.id,
            }
            if solved:
                data["solved"] = solved
            if persons:
                data["persons_handled"] = persons
            self.add(data, d, unit)

    # -- submissions --------------------------------------------------------------------
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

    # -- finishing ----------------------------------------------------------------------
    def assign_ids(self) -> None:
        order = {sid: i for i, sid in enumerate(STATION_IDS)}
        keyed = []
        for i, (h, found, rec) in enumerate(self.hazards):
            school = rec.data.get("school") or ""
            keyed.append(((found, order.get(rec.owner, 99), rec.owner, school, i), h))
        keyed.sort(key=lambda t: t[0])
        numbers: dict[str, str] = {}
        per_unit: Counter[str] = Counter()
        for n, (_, h) in enumerate(keyed, 1):
            h["id"] = f"hz-2012-{n:04d}"
            ph = h.get("notice_no")
            if ph is not None:
                if ph not in numbers:
                    unit = ph.split("@")[1]
                    per_unit[unit] += 1
                    numbers[ph] = self.notice_text(unit, per_unit[unit])
                h["notice_no"] = numbers[ph]
        self.susp_reason()

    def susp_reason(self) -> None:
        for rec in self.records:
            if rec.data["kind"] == "vehicle_status" and rec.data.get("reason") is None:
                rec.data["reason"] = f"隐患{self.susp_hazard['id']}逾期未整改,禁止接送学生"

    def run(self) -> None:
        self.build_units()
        self.build_schools()
        self.build_vehicles()
        self.build_inspections()
        self.standalone_hazards()
        self.special_hazards()
        self.build_vehicle_checks()
        self.build_school_activities()
        self.build_trainings()
        self.build_meetings()
        self.build_operations_and_cases()
        self.build_submissions()
        self.assign_ids()


# ---------------------------------------------------------------------------------------
# Checks: what hxay would refuse or warn about
# ---------------------------------------------------------------------------------------

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


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------

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
    root = Path(__file__).resolve().parent.parent
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


if __name__ == "__main__":
    sys.exit(main(sys.argv))
