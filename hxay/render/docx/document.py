"""Stage 5, render, docx: a Document (the work report, the summary, 一校一档, ...) as a Word
document with the same sections as the HTML page: the title, the range lines, each section's
numbered heading (一、二、… as the section titles carry them), its prose, its listings as real
Word tables (header row repeated on each page, group headings as shaded rows, the total row
bold), its charts as images (chartpng.py) when a CJK font can draw them, else as the tables
of their numbers; the data provenance in small type at the end.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from hxay.models.text import Lang
from hxay.render.chartpng import FontFile, cjk_font, to_png
from hxay.render.docx.style import (
    DEFAULT_STYLE,
    LANDSCAPE_TEXT_MM,
    TEXT_WIDTH_MM,
    WIDE_TABLE,
    DocxStyle,
    cell_margins,
    page,
    repeat_header,
    set_font,
    setup,
    shade,
)
from hxay.render.escape import xlsx_text as xml_text
from hxay.render.listing import cell_text, chart_listing, groups, shown_fields
from hxay.render.words import range_lines, report_data_line
from hxay.render.xlsx.page import text_width
from hxay.reports.document import Cell, Chart, Document, Listing, Paragraph

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.shared import RGBColor
    from docx.table import _Cell
    from docx.text.paragraph import Paragraph as WordParagraph

LOUD = "C00000"


PAD_MM = 2.6
"""A table cell's left and right margins together (style.cell_margins sets 1.3 mm each)."""


def _mm(text: str, size: float) -> float:
    """About how wide a text sets at `size` points: a CJK character one em, others half."""
    return text_width(text) * 0.5 * size * 0.3528


def column_widths(
    listing: Listing, cols: list[int], lang: Lang, size: float, room: float
) -> list[float] | None:
    """Column widths in mm filling `room`, or None when the table cannot fit it. Numbers,
    dates and ids are never broken (their heading may take two or three lines); prose
    columns get at least six characters and share what is left by how much they hold."""
    rows = [*listing.rows, *([listing.total] if listing.total is not None else [])]
    em = size * 0.3528
    for lines in (1, 2, 3):
        fixed: dict[int, float] = {}
        least: dict[int, float] = {}
        natural: dict[int, float] = {}
        for k, j in enumerate(cols):
            f = listing.fields[j]
            # Word and LibreOffice space digits a little apart from CJK text
            widest = max((_mm(cell_text(row[j], lang), size) for row in rows), default=0.0) * 1.06
            label = _mm(f.label, size)
            if f.numeric or f.short:
                heading = label / min(lines, 3 if f.numeric else 2)
                fixed[k] = max(widest, heading, em * 2) + PAD_MM
            else:
                natural[k] = max(widest, label) + PAD_MM
                least[k] = min(natural[k], em * 6 + PAD_MM)
        spare = room - sum(fixed.values()) - sum(least.values())
        if spare >= 0:
            break
    else:
        return None
    want = sum(natural[k] - least[k] for k in natural)
    widths = []
    for k in range(len(cols)):
        if k in fixed:
            widths.append(fixed[k])
        else:
            share = (natural[k] - least[k]) / want if want else 1 / len(natural)
            widths.append(least[k] + min(spare * share, natural[k] - least[k]))
    left = room - sum(widths)
    if left > 0:  # a table narrower than the text: widen it evenly to the margins
        widths = [w + left / len(widths) for w in widths]
    return widths


def _squeezed(listing: Listing, cols: list[int], room: float) -> list[float]:
    """Too many columns even for landscape: equal widths, every cell wrapping."""
    return [room / len(cols)] * len(cols)


def table_size(listing: Listing, style: DocxStyle) -> float:
    return style.table_size if len(shown_fields(listing)) <= WIDE_TABLE else style.wide_table_size


def fits_portrait(listing: Listing, lang: Lang, style: DocxStyle) -> bool:
    cols = shown_fields(listing)
    size = table_size(listing, style)
    return not listing.rows or column_widths(listing, cols, lang, size, TEXT_WIDTH_MM) is not None


def docx_bytes(
    doc: Document,
    *,
    style: DocxStyle = DEFAULT_STYLE,
    chart_font: FontFile | Literal[False] | None = None,
) -> bytes:
    """The document as .docx bytes. `chart_font`: the font to draw charts with (None: look
    for a CJK font on this machine; False: charts as their tables of numbers)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    font = cjk_font() if chart_font is None else chart_font or None
    lang = doc.lang
    word = docx.Document()
    word.core_properties.title = doc.title
    word.core_properties.author = f"hxay {doc.version}"
    word.core_properties.comments = report_data_line(doc)
    setup(word, style, lang)

    def plain(
        text: str,
        *,
        size: float,
        centre: bool = False,
        bold: bool | None = None,
        color: RGBColor | None = None,
    ) -> WordParagraph:
        paragraph = word.add_paragraph()
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.line_spacing = Pt(size * 1.5)
        if centre:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(xml_text(text))
        set_font(run, style.body_font, style.latin_font, size, bold=bold, color=color)
        return paragraph

    def loud(text: str) -> None:
        plain(text, size=style.meta_size, bold=True, color=RGBColor.from_string(LOUD))

    word.add_paragraph(xml_text(doc.title), style="Title")
    for line in range_lines(doc):
        plain(line, size=style.meta_size, centre=True)
    for note in doc.notes:
        loud(note)
    landscape = False
    for section in doc.sections:
        tables = [
            b if isinstance(b, Listing) else chart_listing(b)
            for b in section.blocks
            if isinstance(b, Listing) or (isinstance(b, Chart) and font is None)
        ]
        wide = not all(fits_portrait(x, lang, style) for x in tables)
        if wide != landscape:
            _turn(word, landscape=wide)
            landscape = wide
        room = LANDSCAPE_TEXT_MM if landscape else TEXT_WIDTH_MM
        word.add_heading(xml_text(section.title), level=1)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                word.add_paragraph(xml_text(block.text))
            elif isinstance(block, Listing):
                _listing(word, block, lang, style, room)
            elif font is not None:
                _chart(word, block, font)
            else:
                word.add_heading(xml_text(block.title), level=2)
                _listing(word, chart_listing(block), lang, style, room)
    plain("", size=style.meta_size)
    plain(
        report_data_line(doc),
        size=style.wide_table_size,
        color=RGBColor.from_string("555555"),
    )
    for note in doc.notes:
        loud(note)
    buf = io.BytesIO()
    word.save(buf)
    return buf.getvalue()


def _turn(word: WordDocument, *, landscape: bool) -> None:
    """A new section on a new page, turned. The break is carried by an empty paragraph
    of its own: the spacer after a table takes that part (so a table that fills its page
    leaves no blank page behind it), and it is set one point high."""
    from docx.enum.section import WD_SECTION
    from docx.oxml.ns import qn
    from docx.shared import Pt
    from docx.text.paragraph import Paragraph as WordParagraph

    body = word.element.body
    last = body[-2] if len(body) > 1 and body[-1].tag == qn("w:sectPr") else None
    if last is not None and last.tag == qn("w:p") and not "".join(last.itertext()):
        body.remove(last)
    page(word.add_section(WD_SECTION.NEW_PAGE), landscape=landscape)
    carrier = WordParagraph(body[-2], word._body)
    carrier.paragraph_format.line_spacing = Pt(1)
    carrier.paragraph_format.first_line_indent = Pt(0)


def _chart(word: WordDocument, chart: Chart, font: FontFile) -> None:
    """The chart as an image the width of the text, its title and numbers as the alt text."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Mm, Pt

    paragraph = word.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(6)
    picture = paragraph.add_run().add_picture(
        io.BytesIO(to_png(chart, font)), width=Mm(TEXT_WIDTH_MM)
    )
    numbers = "; ".join(
        f"{s.label}: "
        + ", ".join(f"{c} {v}" for c, v in zip(chart.categories, s.values, strict=True))
        for s in chart.series
    )
    properties = picture._inline.docPr
    properties.set("name", chart.id)
    properties.set("descr", f"{chart.title}. {numbers}")


def _listing(
    word: WordDocument, listing: Listing, lang: Lang, style: DocxStyle, room: float
) -> None:
    """A listing as one Word table: the header row (repeated on every page), a shaded row
    heading each group, the rows, the total row in bold."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    if not listing.rows:
        paragraph = word.add_paragraph(xml_text(listing.empty))
        paragraph.paragraph_format.first_line_indent = Pt(style.body_size * 2)
        return
    cols = shown_fields(listing)
    size = table_size(listing, style)
    widths = column_widths(listing, cols, lang, size, room) or _squeezed(listing, cols, room)
    table = word.add_table(rows=1, cols=len(cols))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    cell_margins(table, PAD_MM / 2)
    for k, width in enumerate(widths):
        table.columns[k].width = Mm(width)

    def fill(
        cells: Sequence[_Cell], texts: list[str], *, bold: bool = False, header: bool = False
    ) -> None:
        for k, (cell, text) in enumerate(zip(cells, texts, strict=True)):
            cell.width = Mm(widths[k])
            paragraph = cell.paragraphs[0]
            pf = paragraph.paragraph_format
            pf.first_line_indent = Pt(0)
            pf.line_spacing = Pt(size * 1.3)
            pf.space_before = pf.space_after = Pt(1)
            f = listing.fields[cols[k]]
            if header:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif f.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            font = style.heading_font if header else style.table_font
            set_font(paragraph.add_run(xml_text(text)), font, style.latin_font, size, bold=bold)

    head = table.rows[0]
    repeat_header(head)
    fill(head.cells, [listing.fields[j].label for j in cols], header=True)
    for cell in head.cells:
        shade(cell, "E7E6E6")

    def row_of(values: tuple[Cell, ...], *, bold: bool = False) -> None:
        fill(table.add_row().cells, [cell_text(values[j], lang) for j in cols], bold=bold)

    for name, rows in groups(listing):
        if name is not None:
            cells = table.add_row().cells
            merged = cells[0].merge(cells[-1]) if len(cells) > 1 else cells[0]
            paragraph = merged.paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.paragraph_format.line_spacing = Pt(size * 1.4)
            paragraph.paragraph_format.keep_with_next = True
            set_font(
                paragraph.add_run(xml_text(name)), style.subheading_font, style.latin_font, size + 1
            )
            shade(merged, "F2F2F2")
        for values in rows:
            row_of(values)
    if listing.total is not None:
        row_of(listing.total, bold=True)
    word.add_paragraph().paragraph_format.line_spacing = Pt(8)
