"""Stage 5, render, xlsx: the parts of openpyxl's workbook, worksheet and cell that the
drawers use, as Protocols under openpyxl's own names (openpyxl ships no type hints), so that
mypy checks hxay's side of every call. Styles (Font, Border, ...) are only stored: object.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import IO, Protocol

from hxay.render.escape import XlsxCell


class Cell(XlsxCell, Protocol):
    font: object
    alignment: object
    border: object
    fill: object
    number_format: str


class RowDimension(Protocol):
    height: float | None
    hidden: bool


class ColumnDimension(Protocol):
    width: float
    hidden: bool
    number_format: str


class Appendable(Protocol):
    """openpyxl's list-like holders: custom document properties, page breaks."""

    def append(self, value: object, /) -> None: ...


class Validation(Protocol):
    """A DataValidation: the cell ranges it applies to are added to it."""

    def add(self, cells: str, /) -> None: ...


class SheetView(Protocol):
    showGridLines: bool


class PrintOptions(Protocol):
    gridLines: bool
    horizontalCentered: bool


class PageSetup(Protocol):
    orientation: str
    paperSize: str
    fitToWidth: int
    fitToHeight: int


class PageSetupProperties(Protocol):
    fitToPage: bool


class WorksheetProperties(Protocol):
    @property
    def pageSetUpPr(self) -> PageSetupProperties: ...


class PageMargins(Protocol):
    left: float
    right: float
    top: float
    bottom: float
    header: float
    footer: float


class HeaderFooterItem(Protocol):
    """One third (left, centre, right) of a page header or footer."""

    text: str | None
    size: int | None
    color: str | None


class HeaderFooter(Protocol):
    @property
    def left(self) -> HeaderFooterItem: ...
    @property
    def right(self) -> HeaderFooterItem: ...


class Worksheet(Protocol):
    PAPERSIZE_A3: str
    PAPERSIZE_A4: str
    title: str
    freeze_panes: Cell | str | None  # set as the first cell below and right of the panes
    print_title_rows: str | None
    print_title_cols: str | None
    print_area: str | None

    @property
    def row_dimensions(self) -> Mapping[int, RowDimension]: ...
    @property
    def column_dimensions(self) -> Mapping[str, ColumnDimension]: ...
    @property
    def row_breaks(self) -> Appendable: ...
    @property
    def sheet_view(self) -> SheetView: ...
    @property
    def print_options(self) -> PrintOptions: ...
    @property
    def page_setup(self) -> PageSetup: ...
    @property
    def sheet_properties(self) -> WorksheetProperties: ...
    @property
    def page_margins(self) -> PageMargins: ...
    @property
    def oddFooter(self) -> HeaderFooter: ...
    @property
    def evenFooter(self) -> HeaderFooter: ...
    @property
    def firstFooter(self) -> HeaderFooter: ...

    def cell(self, row: int, column: int, value: object = None) -> Cell: ...
    def merge_cells(
        self, *, start_row: int, start_column: int, end_row: int, end_column: int
    ) -> None: ...
    def add_data_validation(self, validation: Validation, /) -> None: ...


class DocumentProperties(Protocol):
    title: str | None
    creator: str | None


class Workbook(Protocol):
    @property
    def active(self) -> Worksheet: ...
    @property
    def properties(self) -> DocumentProperties: ...
    @property
    def custom_doc_props(self) -> Appendable: ...

    def create_sheet(self, title: str | None = None) -> Worksheet: ...
    def save(self, filename: IO[bytes], /) -> None: ...
