"""Stage 0, models: campaign.yaml, its terms and forms, and the bases of obligation parameters.

Each obligation's own parameter model is defined beside its evaluator (hxay/rules); the
loader validates `obligations:` with those models and hands the results to `Campaign`,
which keeps them by obligation id. No I/O.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import Field, SkipValidation, model_validator

from hxay.models.codes import SCHOOL_TYPES, SchoolType
from hxay.models.days import DEFAULT_ZONE
from hxay.models.fields import Bool, Date, Days, Id, Text, choice
from hxay.models.records import Strict

PERIOD_LABEL = re.compile(r"\d{4}-(0[1-9]|1[0-2])(-[12])?|\d{4}-Q[1-4]|campaign")


class Term(Strict):
    name: Text = Field(description="学期名称,如 2012学年第一学期")
    start: Date = Field(description="开学日期")
    end: Date = Field(description="学期结束日期")


class Params(Strict):
    """Parameters every obligation takes."""

    enabled: Bool = Field(True, description="是否检查此项义务")


class DatedParams(Params):
    """The rules with dated periods: `from` drops periods due before it."""

    from_: Date | None = Field(
        None, alias="from", description="只检查到期日(顺延前)不早于此日的期间;默认为方案印发日期"
    )


class SchoolParams(Params):
    """The rules whose subject is a school."""

    school_types: tuple[Annotated[SchoolType, choice(SCHOOL_TYPES)], ...] | None = Field(
        None, description="适用的学校类型;默认全部"
    )


class UnitParam(Params):
    """The rules owned by a unit of one type, which `unit` may name instead."""

    unit: Id | None = Field(None, description="负责单位编号;默认为唯一的该类型单位")


class FormIndicator(Strict):
    measure: Text = Field(description="指标代码")
    label: Text | None = Field(None, description="表头文字;默认为内置名称")


class FormHeader(Strict):
    """The head and foot of the statistics form as Chinese government forms print them;
    what is left out prints as a blank line to fill in by hand."""

    table_no: Text | None = Field(None, description="表号,如 公治统表1号")
    issuer: Text | None = Field(None, description="制表机关")
    approval: Text | None = Field(None, description="批准文号")
    unit: Text | None = Field(None, description="填报单位,如 平湖市公安局")
    head: Text | None = Field(None, description="单位负责人")
    reviewer: Text | None = Field(None, description="审核人")
    filled_by: Text | None = Field(None, description="填表人")
    phone: Text | None = Field(None, description="联系电话")

    def configured(self) -> dict[str, str]:
        """The keys written in campaign.yaml, in field order (what a form sent upward names)."""
        return {k: v for k, v in self.model_dump().items() if v is not None}


class Forms(Strict):
    stats: tuple[FormIndicator, ...] | None = Field(None, description="统计报表的指标,按顺序")
    header: FormHeader | None = Field(
        None, description="统计报表的表头和表尾:表号、制表机关、批准文号、填报单位、签字栏"
    )


class Campaign(Strict):
    """The root of campaign.yaml. `obligations` holds each obligation's validated parameters
    by id (the loader fills it; an id not written there runs with its defaults)."""

    id: Id = Field(description="活动编号")
    name: Text = Field(description="活动名称")
    issued: Date | None = Field(None, description="方案印发日期;默认为开始日期")
    start: Date = Field(description="开始日期")
    end: Date = Field(description="结束日期")
    language: Literal["zh", "en"] = Field("zh", description="默认输出语言 zh 或 en")
    timezone: Text = Field(DEFAULT_ZONE, description="判断“今天”所用的时区")
    min_term_days: Days = Field(15, description="一个月中至少有几天在学期内才算开学月份")
    due_shift: Literal["none", "next_workday"] = Field(
        "none", description="到期日遇周末或节假日是否顺延到下一个工作日"
    )
    terms: tuple[Term, ...] = Field(min_length=1, description="学期")
    obligations: Annotated[dict[str, Params], SkipValidation] = Field(
        default_factory=dict, description="各项义务的参数"
    )
    forms: Forms | None = Field(None, description="报表设置")

    @property
    def issued_date(self) -> dt.date:
        return self.issued or self.start

    @model_validator(mode="before")
    @classmethod
    def _no_null_sections(cls, data: Any) -> Any:
        if isinstance(data, dict) and data.get("obligations") is None:
            data = {k: v for k, v in data.items() if k != "obligations"}
        return data
