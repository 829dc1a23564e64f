"""Stage 3, editing (I/O): `hxay init`, a new data folder for the Pinghu plan.

campaign.yaml is written from the obligation registry: every parameter appears with the
default hxay really uses, beside the plan's sentence it comes from.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from hxay.editing.atomic import write_atomic
from hxay.models.campaign import Campaign
from hxay.models.errors import HxayError
from hxay.models.plan import (
    CAMPAIGN_SENTENCE,
    CONFIRM,
    GENERIC_NOTES,
    ISSUED_SENTENCE,
    UNSET_NOTES,
)
from hxay.models.text import Msg
from hxay.rules.base import Rule
from hxay.rules.registry import OBLIGATIONS

OPT_IN = "默认不检查;要检查时删去下面几行开头的 “# ” (off unless switched on: delete the “# ” that starts the lines below)"


def _enabled_on(line: str) -> str:
    """The `enabled` line as it reads once the block is switched on."""
    key = line.strip().split(":", 1)[0]
    return _line("    enabled: true", "本工具开关:false = 不检查此项") if key == "enabled" else line


def _yaml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (tuple, list)):
        return "[" + ", ".join(_yaml_value(v) for v in value) + "]"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _line(code: str, comment: str, width: int = 34) -> str:
    return f"{code.ljust(width)} # {comment}"


def _params(ob: Rule) -> list[str]:
    out: list[str] = []
    for name, info in ob.params.model_fields.items():
        key = info.alias or name
        note = ob.notes.get(key) or GENERIC_NOTES.get(key, "本工具参数")
        if key in ob.confirm:
            note += "  " + CONFIRM
        value = ob.example.get(key, info.default)
        if value is None:
            unset = ob.unset.get(key) or UNSET_NOTES.get(key, "不写 = 默认")
            out.append(_line(f"    # {key}:", f"{unset};{note}"))
        else:
            out.append(_line(f"    {key}: {_yaml_value(value)}", note))
    return out


def campaign_text() -> str:
    """campaign.yaml for the Pinghu plan: every parameter, its default, where it comes from."""
    c = Campaign.model_fields
    lines = [
        '# 平湖市"护校安园"专项行动 — 活动设置 (campaign settings), written by hxay init',
        '# 依据:平湖市公安局、平湖市教育局《平湖市"护校安园"专项行动工作方案》(2012-04-24)。',
        "# 每个参数后面是它的默认值和方案中的出处。方案没有给出日期或数字的地方,",
        f"# 默认值是本工具的理解,标有 “{CONFIRM}”,请核对后修改。",
        "# Every parameter shows its default and the plan's sentence it comes from; where the",
        f"# plan gives no date or number the default is our reading, marked “{CONFIRM}”.",
        "",
        _line("id: pinghu-2012", f"{c['id'].description}(用于报表和 JSON 输出)"),
        _line('name: 平湖市"护校安园"专项行动', str(c["name"].description)),
        _line("issued: 2012-04-24", f"{c['issued'].description} — 方案落款:{ISSUED_SENTENCE}"),
        _line("start: 2012-03-01", f"{c['start'].description} — 方案:“{CAMPAIGN_SENTENCE}”"),
        _line("end: 2012-11-30", f"{c['end'].description} — 同上"),
        _line("language: zh", "默认输出语言 zh | en"),
        _line("timezone: Asia/Shanghai", str(c["timezone"].description)),
        _line(
            f"min_term_days: {c['min_term_days'].default}",
            f"{c['min_term_days'].description} — 方案:“(开学期间)”  {CONFIRM}",
        ),
        _line(
            f"due_shift: {c['due_shift'].default}",
            f"报送期限遇周末、节假日是否顺延:none | next_workday — 方案未规定  {CONFIRM}",
        ),
        "",
        f"# 学期:按本地校历填写 (school terms, from the local school calendar)  {CONFIRM}",
        "terms:",
        "  - {name: 2011学年第二学期, start: 2012-02-08, end: 2012-07-05}",
        "  - {name: 2012学年第一学期, start: 2012-09-03, end: 2013-01-25}",
        "",
        "# 各项义务的参数 (obligation parameters)。删去一项 = 按默认值检查;enabled: false = 不检查。",
        "obligations:",
    ]
    for ob in OBLIGATIONS:
        block = [f"  {ob.id}:", *_params(ob)]
        head = [f"  # {ob.id}:{ob.duty.zh}", f"  # 方案{ob.source.section}:“{ob.source.sentence}”"]
        if not ob.params.model_fields["enabled"].default:
            # an opt-in obligation is written commented out, ready to be switched on
            head.append(f"  # {OPT_IN}")
            block = [block[0], *(_enabled_on(line) for line in block[1:])]
            block = ["  #" + line[1:] if line.startswith("  ") else "# " + line for line in block]
        lines += [*head, *block, ""]
    lines += [
        "# 统计报表的指标和表头(可选;不写 = 全部指标、内置表头)。",
        "# Optional: the statistics form's indicators, in order (hxay schema lists the measures).",
        "# header: 表头右上角的表号、制表机关、批准文号,填报单位,表尾签字栏;每项都可省略,",
        "# 省略的项在表上留空白横线手工填写 (the form's head and foot; each optional, a blank",
        "# line to fill in by hand when left out).",
        "# forms:",
        "#   stats:",
        "#     - {measure: schools_inspected, label: 检查学校数}",
        "#   header:",
        *(_header_line(key, example, note) for key, example, note in _HEADER),
    ]
    return "\n".join(lines) + "\n"


_HEADER = (
    ("table_no", "公治统表1号", "表号"),
    ("issuer", "公安部治安管理局", "制表机关"),
    ("approval", '""', "批准文号"),
    ("unit", "平湖市公安局", "填报单位(盖章)"),
    ("head", '""', "单位负责人"),
    ("reviewer", '""', "审核人"),
    ("filled_by", '""', "填表人"),
    ("phone", '""', "联系电话"),
)
"""The `forms.header` keys with an example value and what each prints as."""


def _header_line(key: str, example: str, note: str) -> str:
    """One commented `forms.header` line, its comment aligned whatever the value's script."""
    code = f"#     {key}: {example}"
    shown = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in code)
    return code + " " * max(1, 36 - shown) + f"# {note}"


_REGISTERS: Mapping[str, tuple[str, str]] = MappingProxyType(
    {
        "units.yaml": (
            "单位登记表:公安局、治安大队、派出所、交警大队、交通局、教育局等 (units)",
            "- kind: unit\n  id: ps-danghu\n  name: 当湖派出所\n  type: police_station\n"
            "  liaison: {name: 王建国, phone: 0573-85012345}",
        ),
        "schools.yaml": (
            "学校登记表:学校和幼儿园 (schools and kindergartens)",
            "- kind: school\n  id: sch-dh-01\n  name: 当湖实验小学\n  type: primary\n"
            "  station: ps-danghu\n  uses_transport: 否",
        ),
        "vehicles.yaml": (
            "学生接送车辆登记表:校车、接送学生车辆 (student-transport vehicles)",
            "- kind: vehicle\n  id: 浙F12345\n  plate: 浙F12345\n  school: sch-dh-01\n"
            "  seats: 19\n  drivers: [{name: 张师傅, license_valid_until: 2014-03-01}]",
        ),
    }
)


def register_text(name: str) -> str:
    title, example = _REGISTERS[name]
    kind = example.split("\n", 1)[0].removeprefix("- kind: ")
    lines = [
        f"# {title}",
        f"# 新增一条 (add one): hxay new {kind} --to {name} 字段=值 ...",
        "# 例 (example):",
        *(f"#   {line}" for line in example.split("\n")),
    ]
    return "\n".join(lines) + "\n"


GITIGNORE = """\
# 编辑器和系统的临时文件 (editor and system temporary files)
*~
*.swp
.~lock.*#
~$*
.DS_Store
Thumbs.db
# hxay 写文件时的临时文件,只在写入被中断时留下 (hxay's own, left only by an interrupted write)
.*.tmp
"""


def files() -> dict[str, str]:
    """The new folder's files, by name."""
    return {
        "campaign.yaml": campaign_text(),
        **{name: register_text(name) for name in _REGISTERS},
        ".gitignore": GITIGNORE,
    }


def create(target: Path) -> list[str]:
    """Write a new data folder at `target` (new or empty); the names of the files written."""
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise HxayError(
            Msg(
                f"{target} 已存在且不是空文件夹;hxay init 只在新的或空的文件夹中创建",
                f"{target} exists and is not an empty folder; hxay init only writes into "
                "a new or empty one",
            )
        )
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files().items():
        write_atomic(target / name, text.encode("utf-8"))
        written.append(name)
    return written
