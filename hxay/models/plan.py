"""Stage 0, models: what the plan says about the campaign as a whole, and the generic notes
`hxay init` writes beside parameters. Each obligation's own sentence lives in its definition
(hxay/rules). No I/O.

《平湖市"护校安园"专项行动工作方案》(2012-04-24), quoted with the dates its published text
lost restored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Source:
    """Where an obligation comes from: the plan's section and sentence."""

    section: str
    sentence: str


CONFIRM = "confirm locally / 请按本地实际确认"

CAMPAIGN_SENTENCE = "从2012年3月1日起至11月30日,在全市范围内集中开展“护校安园”专项行动"  # 序言
ISSUED_SENTENCE = "平湖市公安局、平湖市教育局,二○一二年四月二十四日"

# Where a parameter's default comes from when its obligation says nothing of its own.
GENERIC_NOTES: Mapping[str, str] = MappingProxyType(
    {
        "enabled": "本工具开关:false = 不检查此项",
        "from": "本工具参数:只检查到期日(顺延前)不早于此日的期间",
        "school_types": "本工具参数:只检查这些类型的学校",
        "unit": "本工具参数:负责此项的单位编号",
    }
)
# What leaving out a parameter whose default is "unset" means.
UNSET_NOTES: Mapping[str, str] = MappingProxyType(
    {
        "from": "不写 = 方案印发日期 issued(印发前已到期的期间不算)",
        "school_types": "不写 = 全部学校类型;例 [primary, junior]",
        "unit": "不写 = 数据中唯一的该类型单位",
        "min_term_days": "不写 = 顶层 min_term_days",
        "due": "不写 = 不检查此项",
    }
)
