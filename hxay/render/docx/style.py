"""Stage 5, render, docx: how a Word document from hxay looks: the fonts and sizes of Chinese
official documents (GB/T 9704: title 2号 = 22 pt, headings 3号 = 16 pt in 黑体 and 楷体, body
仿宋 3号 = 16 pt with a two-character first-line indent and a 28 pt line pitch), A4 portrait
with the standard margins (a section with a table too wide for it turned landscape), page numbers as `— 1 —` at the foot, tables with a header row
that repeats on every page. python-docx is imported inside the functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from hxay.models.text import Lang
from hxay.render.escape import xlsx_text as xml_text

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.oxml.xmlchemy import BaseOxmlElement
    from docx.section import Section
    from docx.shared import RGBColor
    from docx.styles.style import BaseStyle, CharacterStyle
    from docx.table import Table, _Cell, _Row
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run


@dataclass(frozen=True, slots=True)
class DocxStyle:
    """Fonts (their names as Word and WPS know them) and sizes in points. The defaults are
    the fonts every Chinese Windows and WPS has; `title_font="方正小标宋简体"` gives the
    official documents' own title face where it is installed."""

    title_font: str = "黑体"
    heading_font: str = "黑体"
    subheading_font: str = "楷体"
    body_font: str = "仿宋"
    table_font: str = "仿宋"
    latin_font: str = "Times New Roman"
    title_size: float = 22.0
    heading_size: float = 16.0
    body_size: float = 16.0
    meta_size: float = 12.0
    table_size: float = 10.5
    wide_table_size: float = 9.0
    line_pitch: float = 28.0


DEFAULT_STYLE = DocxStyle()

# A4 with the margins of GB/T 9704 (top 37 mm, bottom 35, inside 28, outside 26); a section
# whose table is too wide for it is turned landscape, with margins of about 3 cm.
PAGE = {"width": 210, "height": 297, "top": 37, "bottom": 35, "left": 28, "right": 26}
LANDSCAPE = {"width": 297, "height": 210, "top": 28, "bottom": 26, "left": 30, "right": 30}
TEXT_WIDTH_MM = PAGE["width"] - PAGE["left"] - PAGE["right"]
LANDSCAPE_TEXT_MM = LANDSCAPE["width"] - LANDSCAPE["left"] - LANDSCAPE["right"]
WIDE_TABLE = 7
"""Tables with more columns than this are set in the smaller table size."""


def page(section: Section, *, landscape: bool) -> None:
    """A4 portrait with the official margins, or A4 landscape for wide tables."""
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    p = LANDSCAPE if landscape else PAGE
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(p["width"]), Mm(p["height"])
    section.top_margin, section.bottom_margin = Mm(p["top"]), Mm(p["bottom"])
    section.left_margin, section.right_margin = Mm(p["left"]), Mm(p["right"])
    section.footer_distance = Mm(15 if landscape else 20)


def set_font(
    target: Run | CharacterStyle,
    name: str,
    latin: str,
    size: float | None = None,
    *,
    bold: bool | None = None,
    italic: bool | None = None,
    color: RGBColor | None = None,
) -> None:
    """The font of a run or style: `name` for Chinese (w:eastAsia), `latin` for the rest;
    bold, italic and colour set only when given."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    font = target.font
    font.name = latin
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    if color is not None:
        font.color.rgb = color
    rpr = target.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def setup(document: WordDocument, style: DocxStyle, lang: Lang) -> None:
    """Page size and margins, and the styles the renderer uses, in `style`'s fonts."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt, RGBColor

    section = document.sections[0]
    page(section, landscape=False)

    styles = document.styles
    black = RGBColor(0, 0, 0)
    normal = styles["Normal"]
    set_font(normal, style.body_font, style.latin_font, style.body_size, color=black)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(style.line_pitch)
    pf.space_before = pf.space_after = Pt(0)
    pf.first_line_indent = Pt(style.body_size * 2) if lang == "zh" else None

    title = styles["Title"]
    set_font(title, style.title_font, style.latin_font, style.title_size, bold=False, color=black)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    title.paragraph_format.space_after = Pt(12)
    _no_border(title)

    for name, font, size in (
        ("Heading 1", style.heading_font, style.heading_size),
        ("Heading 2", style.subheading_font, style.heading_size),
    ):
        heading = styles[name]
        set_font(heading, font, style.latin_font, size, bold=False, italic=False, color=black)
        hf = heading.paragraph_format
        hf.first_line_indent = Pt(style.body_size * 2) if lang == "zh" else Pt(0)
        hf.space_before = Pt(6)
        hf.space_after = Pt(0)
        hf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        hf.line_spacing = Pt(style.line_pitch)
        hf.keep_with_next = True

    caption = styles["Caption"]
    set_font(caption, style.body_font, style.latin_font, style.meta_size, bold=False, color=black)
    caption.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    caption.paragraph_format.first_line_indent = Pt(0)
    caption.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE

    page_number(section, style)


def _no_border(style_obj: BaseStyle) -> None:
    """The template's Title style draws a rule under the title; official titles have none."""
    ppr = style_obj.element.pPr
    if ppr is None:
        return
    for child in list(ppr):
        if child.tag.endswith("}pBdr"):
            ppr.remove(child)


def page_number(section: Section, style: DocxStyle) -> None:
    """`— N —` centred at the foot of every page (a PAGE field, so Word counts)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph: Paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)

    def run(text: str = "") -> Run:
        r = paragraph.add_run(xml_text(text))
        set_font(r, "宋体", style.latin_font, 14)
        return r

    run("— ")
    for element in _field("PAGE"):
        run()._r.append(element)
    run(" —")


def _field(instruction: str) -> list[BaseOxmlElement]:
    """The parts of a Word field (begin, instruction, separate, shown value, end), one per run."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def char(kind: str) -> BaseOxmlElement:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    shown = OxmlElement("w:t")
    shown.text = "1"
    return [char("begin"), instr, char("separate"), shown, char("end")]


def repeat_header(row: _Row) -> None:
    """Mark a table row as a header row, repeated at the top of each page the table runs onto,
    and never split over two pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:tblHeader", "w:cantSplit"):
        element = OxmlElement(tag)
        element.set(qn("w:val"), "true")
        trpr.append(element)


def cell_margins(table: Table, mm: float) -> None:
    """Left and right margins of every cell of a table (narrower than Word's 1.9 mm, so
    more columns fit across the page)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(round(mm * 56.7)))  # twentieths of a point
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    table._tbl.tblPr.append(margins)


def shade(cell: _Cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tcpr = cell._tc.get_or_add_tcPr()
    element = OxmlElement("w:shd")
    element.set(qn("w:val"), "clear")
    element.set(qn("w:color"), "auto")
    element.set(qn("w:fill"), fill)
    tcpr.append(element)
