"""Stage 8, cli: the options' help in Chinese, by their English text (the help shows the one
of the chosen language; a test keeps every option's help translated)."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

ZH: Mapping[str, str] = MappingProxyType(
    {
        "Show the version.": "显示版本。",
        "Read every file afresh, without any cache (also HXAY_NO_CACHE=1).": (
            "不用任何缓存,重新读取每个文件(也可设 HXAY_NO_CACHE=1)。"
        ),
        "Install completion for the current shell.": "为当前 shell 安装命令补全。",
        "Show completion for the current shell, to copy it or customize the installation.": (
            "显示当前 shell 的命令补全脚本,可复制或自行安装。"
        ),
        "Data folder (default: $HXAY_DATA, ./data, or . and the folders above it).": (
            "数据文件夹(默认:$HXAY_DATA,或 ./data,或当前目录及其上级中含 campaign.yaml 的那个)。"
        ),
        "Output language (default: campaign.yaml's language).": (
            "输出语言 zh 或 en(默认取 campaign.yaml 的 language)。"
        ),
        "table (one line per problem) or json.": "table(每个问题一行)或 json。",
        "As-of date D (default: today in the campaign's timezone).": (
            "截至日期(默认:活动所在时区的今天)。"
        ),
        "Also show what falls due within N days.": "同时显示 N 天内到期的事项。",
        "Show every instance, met ones too.": "显示全部事项,包括已完成的。",
        "Show only these statuses (overdue,due,late,met).": (
            "只显示这些状态(overdue 逾期未完成、due 待完成、late 逾期完成、met 按时完成)。"
        ),
        "Only findings of these units (comma list).": "只看这些单位的事项(编号或全称,可用逗号分隔)。",
        "Only findings about these schools.": "只看这些学校的事项(编号或全称)。",
        "Only these obligations (comma list).": "只看这些义务(义务编号,可用逗号分隔)。",
        "table, json, csv, md or xlsx (督办清单 to print; needs --out) (default: from the "
        "--out extension, else table).": (
            "table、json、csv、md 或 xlsx(可打印的督办清单,需 --out);默认按 --out 的扩展名,否则 table。"
        ),
        "Write to this file (atomically), not stdout.": "写入此文件(原子写入),而不是输出到屏幕。",
        "Run on what loaded even if the data has errors.": "数据有错误时仍按能读入的部分运行。",
        "Window: due dates within N days of the as-of date, either side.": (
            "时间窗:到期日在截至日前后 N 天内的事项。"
        ),
        "Only these units' duties (comma list).": "只取这些单位的事项(编号或全称,可用逗号分隔)。",
        "Write the .ics to this file (atomically), not stdout.": "把 .ics 写入此文件(原子写入)。",
        "Web address of the data folder in a git web view; events link to BASE/path#Lline.": (
            "数据文件夹在 git 网页中的地址;事件链接到 地址/路径#L行号。"
        ),
        "Month YYYY-MM (required for stats and work; the other forms run up to its last "
        "day).": "月份 YYYY-MM(stats、work 必填;其他报表统计到该月最后一天)。",
        "1: the 1st-15th (reported on the 17th); 2: the 16th-end (on the 2nd).": (
            "上半月 1 或 上(1-15日,17日前报送);下半月 2 或 下(16日至月底,次月2日前报送)。"
        ),
        "One police station's form.": "只看一个派出所(编号或全称)。",
        "Cut the data at this date (default: the period's last day).": (
            "数据截至此日(默认:统计期间的最后一天)。"
        ),
        "stats (统计报表), work (上月工作情况), summary (专项行动总结), serious-list (隐患学校名单), "
        "schools (平安校园 scorecard) or dossier (一校一档).": (
            "stats 统计报表、work 上月工作情况、summary 专项行动总结、serious-list 隐患学校名单、"
            "schools 平安校园考核情况表、dossier 一校一档。"
        ),
        "table, json, csv, md, html, xlsx or docx (xlsx and docx need --out) (default: from "
        "the --out extension, else table).": (
            "table、json、csv、md、html、xlsx 或 docx(xlsx、docx 需 --out);默认按 --out 的扩展名,否则 table。"
        ),
        "The school of --form dossier (id or exact name; repeatable, comma lists).": (
            "一校一档的学校(编号或全称;可重复,可用逗号分隔)。"
        ),
        "Write to this file (atomically), not stdout. For --form dossier without a single "
        "--school, or when it is a folder: one file per school in that folder, <school "
        "id>.html (or as --format says).": (
            "写入此文件(原子写入)。一校一档未指定单个 --school 或此处为文件夹时:每校一个文件,"
            "文件名为 学校编号.html(或按 --format)。"
        ),
        "Record kinds (default: every kind a station records; school, vehicle, unit on "
        "request).": "记录种类(默认:派出所登记的全部种类;学校、车辆、单位需指明)。",
        "The workbook to write (.xlsx).": "要写出的工作簿(.xlsx)。",
        "Offer this station's schools in the drop-downs.": "下拉列表中列出此派出所的学校。",
        "The workbook (.xlsx) or CSV file to import.": "要导入的工作簿(.xlsx)或 CSV 文件。",
        "The record file to append to.": "追加到的记录文件。",
        "Import only this sheet.": "只导入这个工作表。",
        "The record kind of a CSV file or of a sheet not named after one.": (
            "CSV 文件或未按记录种类命名的工作表的记录种类。"
        ),
        "Show what would be appended; write nothing.": "只显示将追加的内容,不写入。",
        "Write the rows that load; list the others (exit 1).": (
            "写入能读入的行,列出其余的行(退出码 1)。"
        ),
        "Folder to write (new, empty, or an earlier export).": (
            "写出的文件夹(新的、空的,或以前导出的)。"
        ),
        "parquet or csv.": "parquet 或 csv。",
        "Statistics forms sent up: JSON (hxay report --format json) or hxay's xlsx.": (
            "下级报来的统计报表:JSON(hxay report --format json)或 hxay 的 xlsx。"
        ),
        "Keep each input's own rows, grouped by input.": "保留每份报表各自的行,按报表分组。",
        "The rolled-up form's reporting unit (填报单位).": "汇总表的填报单位。",
        "table, json, csv, md, xlsx (needs --out) or html (default: from the --out "
        "extension, else table).": (
            "table、json、csv、md、xlsx(需 --out)或 html;默认按 --out 的扩展名,否则 table。"
        ),
        "A DuckDB SQL query.": "一条 DuckDB SQL 查询。",
        "Folder holding the exports (searched below it).": "存放导出数据的文件夹(含其下各级)。",
        "table, csv or json.": "table、csv 或 json。",
        "Record kind: unit, school, inspection, hazard, ... (or 检查, 隐患, ...).": (
            "记录种类:unit、school、inspection、hazard 等(或 检查、隐患 等中文名)。"
        ),
        "FIELD=VALUE pairs, e.g. school=sch-dh-01 inspectors=王建国,李明.": (
            "字段=值,如 school=sch-dh-01 inspectors=王建国,李明。"
        ),
        "Append to this record file (every required field must be given).": (
            "追加到此记录文件(须给出全部必填字段)。"
        ),
        "The record's date (default: today in the campaign's timezone).": (
            "记录日期(默认:活动所在时区的今天)。"
        ),
        "The new data folder (must not exist, or be empty).": "新数据文件夹(须不存在或为空)。",
        "CSV of the statistics form as one row per indicator and unit (tidy), not as the "
        "paper form.": "统计报表的 CSV 按每个指标、每个单位一行(长表),而不是纸质表的样式。",
        "Follow each problem with its source line and a ^ under the column "
        "(default: when stderr is a terminal; table format only).": (
            "每个问题后附该行原文,并在出错的列下标 ^(默认:标准错误输出是终端时;仅限表格格式)。"
        ),
        "Count warnings as errors (exit 1 on a warning).": "把警告当作错误(有警告时退出码为 1)。",
    }
)
