"""Stage 5, render: text from the data made safe for each output, one policy for all.

- terminal: control characters (ESC, BEL, OSC sequences, ...) shown as `\\x1b`-style escapes,
  so a name cannot clear the screen or retitle the window; line breaks stay;
- Markdown: HTML escaped (no raw `<`), `|` escaped, line breaks as spaces;
- CSV: a cell that a spreadsheet would evaluate (`=`, `+`, `-`, `@`, tab, CR first) gets a
  leading `'`;
- xlsx: such a cell is written as a string, never a formula; characters XML cannot hold are
  shown as `\\x07`-style escapes instead of breaking the file.
HTML uses `html.escape`; iCalendar's own escaping is icalendar's.
"""

from __future__ import annotations

import re
from html import escape as html_escape
from typing import Protocol

_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _shown(match: re.Match[str]) -> str:
    ch = match.group()
    return {"\t": "\\t", "\r": "\\r"}.get(ch, f"\\x{ord(ch):02x}")


def terminal(text: str) -> str:
    """Text for a terminal: every control character but the line break shown escaped."""
    return _CONTROL.sub(_shown, text)


def markdown(text: str) -> str:
    """Text for a Markdown table cell or paragraph: no HTML, no table breaks, one line."""
    return terminal(html_escape(text, quote=False)).replace("|", "\\|").replace("\n", " ")


def evaluates(text: str) -> bool:
    """Whether a spreadsheet would read the text as a formula (a lone `-` it would not)."""
    return text.startswith(FORMULA_START) and text != "-"


def csv_cell(value: object) -> object:
    """A CSV value: text a spreadsheet would evaluate gets a leading `'`."""
    if isinstance(value, str) and evaluates(value):
        return "'" + value
    return value


def xlsx_text(text: str) -> str:
    """Text an xlsx cell can hold: characters XML forbids shown as escapes."""
    return _XML_ILLEGAL.sub(_shown, text)


class XlsxCell(Protocol):
    """What `set_cell` touches of an openpyxl cell (openpyxl ships no type hints)."""

    value: object
    data_type: str


def set_cell(cell: XlsxCell, value: object) -> None:
    """Put a value in an openpyxl cell; text is always a string cell, never a formula."""
    if isinstance(value, str):
        cell.value = xlsx_text(value)
        cell.data_type = "s"  # openpyxl would otherwise take "=..." for a formula
    else:
        cell.value = value
