"""Line breaking and column widths for the terminal (hxay/render/terminal/wrap.py), and the
words a finding's period is shown in; each expectation worked out by hand (a CJK character
is two cells, an ASCII one is one)."""

from __future__ import annotations

import datetime as dt

import pytest
from rich.cells import cell_len

from hxay.models.findings import Finding
from hxay.models.text import Msg
from hxay.render.terminal.wrap import Column, balanced, fit, flow, tokens, wrap


def test_ids_plates_dates_and_counts_are_single_pieces() -> None:
    assert tokens("车辆 浙F58711 安全") == ("车", "辆", " ", "浙F58711", " ", "安", "全")
    # A date in Chinese, an ISO date after a CJK character, a count with its unit.
    assert tokens("2012年5月31日") == ("2012年5月31日",)
    assert tokens("截至2012-09-25,共") == ("截", "至2012-09-25,", "共")
    assert tokens("实例2156项") == ("实", "例2156项")
    assert tokens("hz-2012-0016(所)") == ("hz-2012-0016", "(所)")


def test_cjk_punctuation_stays_with_its_neighbour() -> None:
    # No line starts with a closing quote or ends with an opening one.
    assert tokens("隐患“安全”未整改") == ("隐", "患", "“安", "全”", "未", "整", "改")
    assert tokens("锁,消防") == ("锁,", "消", "防")


@pytest.mark.parametrize(
    ("text", "width", "lines"),
    [
        ("当湖派出所", 6, ("当湖派", "出所")),
        # Greedy gives 隐患限期整改到 / 位; the lone last character takes one along.
        ("隐患限期整改到位", 14, ("隐患限期整改", "到位")),
        # ... also when it carries its full stop: 停办的学 / 校。 becomes 停办的 / 学校。
        ("其后停办的学校。", 14, ("其后停办的", "学校。")),
        ("平湖市当湖高级中学 hz-2012-0016", 18, ("平湖市当湖高级中学", "hz-2012-0016")),
        ("2012-08-27~2012-09-14", 12, ("2012-08-27~", "2012-09-14")),
        ("vehicle documents valid", 10, ("vehicle", "documents", "valid")),
        ("one\ntwo", 10, ("one", "two")),
        # Only a piece wider than the line is cut.
        ("hz-2012-0016", 5, ("hz-20", "12-00", "16")),
    ],
)
def test_wrap(text: str, width: int, lines: tuple[str, ...]) -> None:
    assert wrap(text, width) == lines
    assert all(cell_len(x) <= width for x in lines)


def test_a_heading_is_broken_evenly() -> None:
    assert balanced("当湖派出所", 6) == "当湖派\n出所"  # not 当湖派出 / 所
    assert balanced("独山港派出所", 8) == "独山港\n派出所"
    assert balanced("独山港派出所", 12) == "独山港派出所"
    # In two lines, before the bracket when both parts fit; never inside a number.
    assert balanced("辖区学校(所)", 8) == "辖区学校\n(所)"
    assert balanced("检查(次)", 4) == "检查\n(次)"
    assert balanced("安保培训(2011学年第二学期)", 14) == "安保培训(2011\n学年第二学期)"


def test_pairs_are_kept_whole() -> None:
    pieces = ["• 甲小学", "隐患编号:hz-2012-0001", "程度:一般"]
    # "• 甲小学" (8) + 2 + 21 = 31 cells fit in 31; "程度:一般" (9) goes on the next line,
    # indented by 2; in 30 the id goes on a line of its own, whole (2 + 21 + 2 + 9 > 30).
    assert flow(pieces, 31, indent=2) == ["• 甲小学  隐患编号:hz-2012-0001", "  程度:一般"]
    assert flow(pieces, 30, indent=2) == ["• 甲小学", "  隐患编号:hz-2012-0001", "  程度:一般"]


def test_columns_fit_the_room() -> None:
    ids = Column("编号", ["hz-2012-0016", "hz-2012-0017"], wraps=False)
    prose = Column("说明", ["隐患限期整改到位隐患限期整改到位"], wraps=True)  # 32 cells
    # Both natural (12 + 32) fit in 50.
    assert fit([ids, prose], 50) == [12, 32]
    # In 30: the ids keep 12; the prose in two lines of 16, and 2 cells left over go to it.
    assert fit([ids, prose], 30) == [12, 18]
    # The ids (12) and the least prose (8) need 20; in 19 nothing is readable.
    assert fit([ids, prose], 19) is None


def test_spare_room_mends_the_cheapest_heading_first() -> None:
    a = Column("当湖派出所", ["1"], wraps=False)
    b = Column("钟埭派出所", ["2"], wraps=False)
    # Each at least 4 (当湖/派出/所, three lines); in 14 the 6 cells left make each two lines
    # (6: 当湖派/出所, 2 cells each), and the 2 left cannot make one whole (10: 4 more).
    assert fit([a, b], 14) == [6, 6]
    # In 16 the 4 left make the first whole.
    assert fit([a, b], 16) == [10, 6]
    assert fit([a, b], 20) == [10, 10]


def _finding(obligation: str, period: str | None) -> Finding:
    return Finding(
        obligation, "due", "jjdd", "v1", period, dt.date(2012, 9, 30), None, Msg("", ""), ()
    )


@pytest.mark.parametrize(
    ("obligation", "period", "zh", "en"),
    [
        ("vehicle_documents", "inspection", "安全技术检验", "safety inspection"),
        ("vehicle_documents", "insurance", "承运人责任险", "carrier liability insurance"),
        ("vehicle_documents", "permit", "校车标牌", "school-bus permit"),
        ("vehicle_documents", "license:张三", "驾驶证(张三)", "driving licence (张三)"),
        ("vehicle_check", "campaign", "专项行动", "campaign"),
        ("monthly_work", "2012-05", "2012-05", "2012-05"),
        ("vehicle_ban", "hz-2012-0084", "hz-2012-0084", "hz-2012-0084"),
        # Only vehicle_documents' periods are document codes.
        ("legal_visits", "permit", "permit", "permit"),
        ("liaison", None, "", ""),
    ],
)
def test_periods_in_words(obligation: str, period: str | None, zh: str, en: str) -> None:
    f = _finding(obligation, period)
    assert (f.period_words("zh"), f.period_words("en")) == (zh, en)
    assert f.as_dict("zh")["period"] == period
