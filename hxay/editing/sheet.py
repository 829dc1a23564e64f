"""Stage 3, editing: a workbook (.xlsx) or CSV file as grids of cell values with what the
values alone do not say: hidden rows, merged ranges, formulas without a cached value and
error values (`#REF!`). Nothing is evaluated; a file that cannot be read is one HxayError.

Values come from python-calamine (Rust; 12x faster than openpyxl's read-only mode on a
50,000-row sheet, see benchmarks/sheets.py); the hidden rows and formula cells, which it does
not report, are found in the sheet's XML with a scan that only runs when the XML has them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from hxay.loading.text import decode
from hxay.models.errors import HxayError
from hxay.models.text import Msg

Value = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta
MAX_BYTES = 64 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


def column_letter(n: int) -> str:
    """`1` -> `A`, `28` -> `AB`."""
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def cell_name(row: int, col: int) -> str:
    return f"{column_letter(col)}{row}"


@dataclass
class Grid:
    """One sheet: `rows[i][j]` is the value of row i+1, column j+1 ('' when empty)."""

    name: str | None  # None for a CSV file
    rows: list[list[Value]]
    hidden_rows: frozenset[int] = frozenset()
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    bad: dict[tuple[int, int], Msg] = field(default_factory=dict)  # (row, col): why
    visible: bool = True

    def value(self, row: int, col: int) -> Value:
        if row - 1 < len(self.rows) and col - 1 < len(self.rows[row - 1]):
            return self.rows[row - 1][col - 1]
        return ""


@dataclass
class Book:
    """A file's sheets, and the name it is shown by in messages (`5月检查.xlsx`)."""

    file: str
    sheets: list[Grid]
    csv: bool = False


def _refuse(path: Path, msg: Msg) -> HxayError:
    return HxayError(Msg(f"{path.name}:{msg.zh}", f"{path.name}: {msg.en}"), 1)


def read_book(path: Path) -> Book:
    """The file's sheets; HxayError (exit 1) for a file that is not a workbook hxay reads."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise HxayError(
            Msg(
                f"{path}:无法读取({exc.strerror or exc})",
                f"{path}: cannot read it ({exc.strerror or exc})",
            )
        ) from None
    if len(raw) > MAX_BYTES:
        raise _refuse(path, Msg("文件过大,请拆分", "the file is too large; split it"))
    if path.suffix.lower() == ".csv":
        return Book(path.name, [_csv_grid(path, raw)], csv=True)
    if raw.startswith(_OLE):
        if _ENCRYPTED in raw:
            raise _refuse(
                path,
                Msg(
                    "工作簿有密码保护,hxay 无法读取;请在 Excel/WPS 中取消密码(文件 -> 信息 -> "
                    "保护工作簿 -> 用密码加密,清空密码)后另存",
                    "the workbook is password-protected and cannot be read; remove the password "
                    "in Excel/WPS (File -> Info -> Protect Workbook -> Encrypt with Password, "
                    "clear it) and save again",
                ),
            )
        raise _refuse(
            path,
            Msg(
                "这是旧版 .xls 格式;请在 Excel/WPS 中另存为 .xlsx 后再导入",
                "this is the old .xls format; save it as .xlsx in Excel/WPS and import that",
            ),
        )
    return _xlsx_book(path, raw)


def _corrupt(path: Path, why: object) -> HxayError:
    return _refuse(
        path,
        Msg(
            f"不是可读取的 .xlsx 工作簿(文件已损坏或不是 Excel 文件:{why});"
            "请在 Excel/WPS 中打开并另存为 .xlsx",
            f"not a readable .xlsx workbook (damaged, or not an Excel file: {why}); "
            "open it in Excel/WPS and save it as .xlsx",
        ),
    )


def _xlsx_book(path: Path, raw: bytes) -> Book:
    import python_calamine as pc

    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(raw))
        parts = _sheet_parts(raw)
        grids = []
        for meta in book.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            rows: list[list[Value]] = sheet.to_python(skip_empty_area=False)
            merged = [
                (r1 + 1, c1 + 1, r2 + 1, c2 + 1)
                for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])
            ]
            hidden, bad = _scan(parts.get(meta.name))
            grids.append(
                Grid(
                    meta.name,
                    rows,
                    hidden,
                    merged,
                    bad,
                    meta.visible == pc.SheetVisibleEnum.Visible,
                )
            )
    except (pc.CalamineError, zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise _corrupt(path, exc) from None
    except Exception as exc:  # calamine raises plain errors for some damaged files
        if type(exc).__module__.startswith("python_calamine") or isinstance(exc, ValueError):
            raise _corrupt(path, exc) from None
        raise
    return Book(path.name, grids)


_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _sheet_parts(raw: bytes) -> dict[str, bytes]:
    """Sheet name -> its XML, for the scan of what calamine does not report."""
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        names = set(z.namelist())
        workbook = ElementTree.fromstring(z.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        targets = {el.get("Id"): el.get("Target", "") for el in rels}
        out: dict[str, bytes] = {}
        for el in workbook.iter():
            if el.tag.rsplit("}", 1)[-1] != "sheet":
                continue
            target = targets.get(el.get(_NS_REL), "")
            part = (
                target.lstrip("/") if target.startswith("/") else str(PurePosixPath("xl") / target)
            )
            if part in names:
                out[el.get("name", "")] = z.read(part)
        return out


_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_HIDDEN = re.compile(rb"""\bhidden\s*=\s*["'](?:1|true)["']""")
_R = re.compile(rb"""\br\s*=\s*["']([A-Z]*)(\d+)["']""")
_T = re.compile(rb"""\bt\s*=\s*["'](\w+)["']""")
_MARK = re.compile(rb"""<(?:\w+:)?f\b|\bt\s*=\s*["']e["']""")
_CELL_END = re.compile(rb"/>|>")
_CLOSE = re.compile(rb"</(?:\w+:)?c>")
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?v>)", re.S)


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def _scan(xml: bytes | None) -> tuple[frozenset[int], dict[tuple[int, int], Msg]]:
    """Hidden rows, and cells whose value cannot be trusted: a formula never calculated
    (no cached value) or an error value. Each scan runs only when the XML has what it seeks,
    and looks only at the cells that hold it."""
    if xml is None:
        return frozenset(), {}
    hidden: set[int] = set()
    if _HIDDEN.search(xml):
        for number, m in enumerate(_ROW.finditer(xml), start=1):
            attrs = m.group(1)
            found = _R.search(attrs)
            row = int(found.group(2)) if found else number
            if _HIDDEN.search(attrs):
                hidden.add(row)
    bad: dict[tuple[int, int], Msg] = {}
    seen: set[int] = set()
    for mark in _MARK.finditer(xml):
        start = max(xml.rfind(b"<c ", 0, mark.start() + 1), xml.rfind(b":c ", 0, mark.start()))
        if start < 0 or start in seen:
            continue
        seen.add(start)
        head = _CELL_END.search(xml, start)
        if head is None:
            continue
        attrs = xml[start : head.start()]
        close = _CLOSE.search(xml, head.end()) if head.group() == b">" else None
        body = xml[head.end() : close.start()] if close is not None else b""
        where = _R.search(attrs)
        if where is None:
            continue
        row, col = int(where.group(2)), _col_number(where.group(1))
        kind = _T.search(attrs)
        t = kind.group(1) if kind else b"n"
        value = _VALUE.search(body)
        text = value.group(1) if value else None
        if t == b"e":
            shown = (text or b"").decode("utf-8", "replace")
            bad[(row, col)] = Msg(
                f"单元格是错误值 {shown}(公式出错);请改正公式或填入数值",
                f"the cell holds the error value {shown} (a failed formula); fix the "
                "formula or type the value",
            )
        elif _FORMULA.search(body) and not text and t not in (b"str", b"s"):
            bad[(row, col)] = Msg(
                "公式没有计算结果(文件由程序生成,未经 Excel/WPS 计算);请在 Excel/WPS 中打开"
                "并保存一次,或填入数值",
                "the formula has no calculated value (the file was written by a program "
                "and never calculated); open and save it once in Excel/WPS, or type the value",
            )
    return frozenset(hidden), bad


def _csv_grid(path: Path, raw: bytes) -> Grid:
    text, problems = decode(path.name, raw)
    if text is None:
        raise HxayError(Msg(f"{path.name}:", f"{path.name}: ") + problems[0].msg, 1)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first and "," not in first else ","  # Excel's "Unicode text"
    rows: list[list[Value]] = [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return Grid(None, rows)
