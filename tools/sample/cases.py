"""Joint clean-up operations and the cases at or near schools."""

from __future__ import annotations

from typing import Any

from .base import GenBase
from .dates import D
from .tables import STATION_IDS
from .yamlout import Flow, FlowMap


class CasesMixin(GenBase):
    """Operations and cases: fixed lists, only the school of a case is drawn."""

    def build_operations_and_cases(self) -> None:
        r = self.rng
        operations: list[dict[str, Any]] = [
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
            {
                "kind": "operation",
                "id": "op-2012-04",
                "date": D(2012, 10, 18),
                "lead": "ps-zhapu",
                "departments": Flow(["公安", "城管"]),
                "stations": Flow(["ps-zhapu"]),
                "results": FlowMap({"取缔无证摊点": 4, "劝离黑车": 6}),
            },
        ]
        for op in operations:  # filed by the lead unit on the day it began
            self.add(op, op["date"], op["lead"])
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
