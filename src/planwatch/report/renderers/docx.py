"""The DOCX bulletin (primary format: what offices edit and forward), in 公文-like style.

A4 with GB/T 9704 margins; title 宋体 bold 22pt (二号); body 仿宋 16pt (三号) on a fixed 28pt
line; 一级标题 黑体, 二级标题 楷体; tables with borders in 宋体 10pt with a repeated header row;
charts as PNG; page numbers "— 1 —" in the footer. Every style names its East-Asian font in
``w:eastAsia`` and has the theme font attributes removed (otherwise Word ignores the font). On a
machine without 宋体/仿宋/黑体 the preview maps them to Noto (fonts.write_fontconfig).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from planwatch.report.charts import png_bytes
from planwatch.report.document import (
    TONE_COLOURS,
    Align,
    BulletinContext,
    Figure,
    Heading,
    Paragraph,
    Table,
    Tone,
)
from planwatch.report.formatting import header_lines
from planwatch.report.renderers import register

SONG = "宋体"
FANG = "仿宋"
HEI = "黑体"
KAI = "楷体"
LATIN = "Times New Roman"
TEXT_WIDTH_MM = 156.0  # 210 − 28 − 26
RED = RGBColor(0xB7, 0x1C, 0x1C)
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# Word is strict about the order of child elements: new ones go before their schema successors.
_AFTER_SHD = ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
              "w:headers", "w:cellIns", "w:cellDel", "w:cellMerge", "w:tcPrChange")
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
               "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")

# style name → (east-asian font, size pt, bold)
STYLE_TITLE = "Bulletin Title"
STYLE_NOTICE = "Bulletin Notice"
STYLE_CAPTION = "Bulletin Caption"
STYLE_TABLE = "Bulletin Table"
STYLE_TABLE_HEAD = "Bulletin Table Head"
STYLE_TABLE_NOTE = "Bulletin Table Note"
STYLE_FIGURE = "Bulletin Figure"
STYLE_NOTE = "Bulletin Note"
STYLE_FOOTNOTE = "Bulletin Footnote"


def _fonts(element: Any, east_asia: str, latin: str = LATIN) -> None:
    """Name the fonts explicitly and drop the theme attributes that would override them."""
    rpr = element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:cs"), latin)


def _style(doc: Any, name: str, east_asia: str, size: float, *, bold: bool = False, base: str = "Normal") -> Any:
    from docx.enum.style import WD_STYLE_TYPE

    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if style.base_style is None and name != "Normal":
        style.base_style = styles[base]
    _fonts(style.element, east_asia)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = RGBColor(0, 0, 0)
    color = style.element.rPr.find(qn("w:color"))
    if color is not None:
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            color.attrib.pop(qn(attr), None)
    return style


def _setup(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(20)
    section.start_type = WD_SECTION_START.NEW_PAGE

    rpr = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    if rpr is not None:
        rfonts = rpr.find(qn("w:rFonts"))
        if rfonts is not None:
            for attr in _THEME_ATTRS:
                rfonts.attrib.pop(qn(attr), None)
            for attr, value in (("w:ascii", LATIN), ("w:hAnsi", LATIN), ("w:eastAsia", FANG), ("w:cs", LATIN)):
                rfonts.set(qn(attr), value)
        lang = rpr.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:eastAsia"), "zh-CN")

    for el in doc.styles.element.iter(qn("w:rFonts")):  # every other style inherits the explicit defaults
        for attr in _THEME_ATTRS:
            el.attrib.pop(qn(attr), None)

    normal = _style(doc, "Normal", FANG, 16)
    pf = normal.paragraph_format
    pf.first_line_indent = Pt(32)
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(28)
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    for name, font, level in (("Heading 1", HEI, 0), ("Heading 2", KAI, 1)):
        h = _style(doc, name, font, 16, bold=False)
        h.paragraph_format.first_line_indent = Pt(32)
        h.paragraph_format.space_before = Pt(6 if level == 0 else 0)
        h.paragraph_format.space_after = Pt(0)
        h.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        h.paragraph_format.line_spacing = Pt(28)
        h.paragraph_format.keep_with_next = True

    title = _style(doc, STYLE_TITLE, SONG, 22, bold=True)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.line_spacing = Pt(36)
    title.paragraph_format.space_after = Pt(14)

    notice = _style(doc, STYLE_NOTICE, HEI, 12)
    notice.font.color.rgb = RED
    notice.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    notice.paragraph_format.first_line_indent = Pt(0)
    notice.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    notice.paragraph_format.space_after = Pt(12)

    plain_styles: tuple[tuple[str, str, float], ...] = (
        (STYLE_CAPTION, HEI, 12),
        (STYLE_TABLE, SONG, 9.5),
        (STYLE_TABLE_HEAD, HEI, 9.5),
        (STYLE_TABLE_NOTE, FANG, 10.5),
        (STYLE_FIGURE, FANG, 10.5),
    )
    for name, font, size in plain_styles:
        s = _style(doc, name, font, size)
        s.paragraph_format.first_line_indent = Pt(0)
        s.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        s.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.styles[STYLE_CAPTION].paragraph_format.space_before = Pt(8)
    doc.styles[STYLE_CAPTION].paragraph_format.space_after = Pt(4)
    doc.styles[STYLE_CAPTION].paragraph_format.keep_with_next = True
    doc.styles[STYLE_TABLE_NOTE].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    doc.styles[STYLE_TABLE_NOTE].paragraph_format.space_before = Pt(3)
    doc.styles[STYLE_FIGURE].paragraph_format.space_before = Pt(6)
    doc.styles[STYLE_FIGURE].paragraph_format.keep_with_next = True

    for name, note_size in ((STYLE_NOTE, 14), (STYLE_FOOTNOTE, 12)):
        s = _style(doc, name, FANG, note_size)
        s.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        s.paragraph_format.line_spacing = Pt(note_size + 8)
    doc.styles[STYLE_FOOTNOTE].paragraph_format.first_line_indent = Pt(0)

    _page_numbers(section)


def _page_numbers(section: Any) -> None:
    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    _run(p, "— ", SONG, 14)
    run = _run(p, "", SONG, 14)
    for kind, text in (("begin", None), (None, "PAGE"), ("separate", None), (None, "1"), ("end", None)):
        if kind is not None:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._r.append(el)
        elif text == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)
    _run(p, " —", SONG, 14)


def _run(paragraph: Any, text: str, east_asia: str | None = None, size: float | None = None, *, bold: bool = False) -> Any:
    run = paragraph.add_run(text)
    if east_asia is not None:
        _fonts(run._r, east_asia)
    if size is not None:
        run.font.size = Pt(size)
    if bold:
        run.bold = True
    return run


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill.lstrip("#"))
    tcpr.insert_element_before(shd, *_AFTER_SHD)


def _repeat_header(row: Any) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)
    cant = OxmlElement("w:cantSplit")
    trpr.append(cant)


def _cell_margins(table: Any, twips: int = 50) -> None:
    tblpr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(twips))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tblpr.insert_element_before(mar, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")


_ALIGN = {Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT, Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER, Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT}


def _table(doc: Any, block: Table) -> None:
    doc.add_paragraph(block.caption, style=STYLE_CAPTION)
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _cell_margins(table)
    total = sum(block.widths) or 1.0
    widths = [Mm(TEXT_WIDTH_MM * w / total) for w in block.widths]
    for i, col in enumerate(table.columns):
        col.width = widths[i]
    head = table.rows[0]
    _repeat_header(head)
    for i, text in enumerate(block.headers):
        cell = head.cells[i]
        cell.width = widths[i]
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        p = cell.paragraphs[0]
        p.style = doc.styles[STYLE_TABLE_HEAD]
        p.add_run(header_lines(text))
        _shade(cell, "#EEF1F5")
    for r, row in enumerate(block.rows, start=1):
        cells = table.rows[r].cells
        table.rows[r]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for i, c in enumerate(row):
            cell = cells[i]
            cell.width = widths[i]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            p.style = doc.styles[STYLE_TABLE]
            p.alignment = _ALIGN[c.align]
            run = p.add_run(c.text)
            if c.bold:
                run.bold = True
            if c.tone is not Tone.NONE:
                _shade(cell, TONE_COLOURS[c.tone][0])
    for note in block.notes:
        doc.add_paragraph(f"注：{note}", style=STYLE_TABLE_NOTE)


def _figure(doc: Any, block: Figure) -> None:
    p = doc.add_paragraph(style=STYLE_FIGURE)
    p.add_run().add_picture(io.BytesIO(png_bytes(block.chart)), width=Mm(150))
    doc.add_paragraph(block.caption, style=STYLE_CAPTION).paragraph_format.space_before = Pt(2)


def _paragraph(doc: Any, block: Paragraph) -> None:
    style = STYLE_NOTE if block.kind == "note" else "Normal"
    p = doc.add_paragraph(style=style)
    if block.lead:
        p.add_run(block.lead).bold = True
    p.add_run(block.text)


def _date_zh(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def build_document(context: BulletinContext) -> Any:
    """The bulletin as a python-docx ``Document`` (not yet saved)."""
    doc = Document()
    _setup(doc)
    props = doc.core_properties
    props.title = context.title
    props.subject = context.plan_name
    props.author = "planwatch"
    props.keywords = "synthetic demo data" if context.synthetic else ""
    if context.synthetic:
        header = doc.sections[0].header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        header.paragraph_format.first_line_indent = Pt(0)
        _run(header, "合成演示数据　非真实统计", HEI, 10.5).font.color.rgb = RED
    if context.issuer:  # 版头: 发文机关 in red, the 文号 under it, a red rule
        head = doc.add_paragraph(style=STYLE_TITLE)
        _run(head, context.issuer, SONG, 26, bold=True).font.color.rgb = RED
    if context.doc_number:
        number = doc.add_paragraph(context.doc_number)
        number.alignment = WD_ALIGN_PARAGRAPH.CENTER
        number.paragraph_format.first_line_indent = Pt(0)
    if context.issuer or context.doc_number:
        _bottom_rule(number if context.doc_number else head, colour="C62828", size="12")
    doc.add_paragraph(context.title, style=STYLE_TITLE)
    if context.notice:
        doc.add_paragraph(context.notice, style=STYLE_NOTICE)
    if context.recipients:
        to = doc.add_paragraph(context.recipients)
        to.paragraph_format.first_line_indent = Pt(0)
    if context.opening:
        doc.add_paragraph(context.opening)
    for section in context.sections:
        doc.add_paragraph(section.heading, style="Heading 1")
        for block in section.blocks:
            if isinstance(block, Heading):
                doc.add_paragraph(block.text, style="Heading 2")
            elif isinstance(block, Paragraph):
                _paragraph(doc, block)
            elif isinstance(block, Table):
                _table(doc, block)
            else:
                _figure(doc, block)
    if context.issuer:  # 落款
        p = doc.add_paragraph(context.issuer)
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        p.paragraph_format.space_before = Pt(28)
        p.paragraph_format.keep_with_next = True
    if context.issued:
        p = doc.add_paragraph(_date_zh(context.issued))
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    separator = doc.add_paragraph("", style=STYLE_FOOTNOTE)
    separator.paragraph_format.space_before = Pt(12)
    _bottom_rule(separator)
    for i, note in enumerate(context.footnotes, 1):
        p = doc.add_paragraph(style=STYLE_FOOTNOTE)
        run = p.add_run(f"注{i}：{note}")
        if context.synthetic and note == context.notice:
            run.bold = True
            run.font.color.rgb = RED
    if context.cc:
        cc = doc.add_paragraph(style=STYLE_FOOTNOTE)
        cc.add_run(f"抄送：{context.cc}")
    return doc


def _bottom_rule(paragraph: Any, *, colour: str = "999999", size: str = "6") -> None:
    ppr = paragraph._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for k, v in (("w:val", "single"), ("w:sz", size), ("w:space", "1"), ("w:color", colour)):
        bottom.set(qn(k), v)
    bdr.append(bottom)
    ppr.insert_element_before(bdr, *_AFTER_PBDR)


@register("docx", suffix=".docx", description="Word 文档（公文格式，可编辑）")
def render(context: BulletinContext, out_dir: Path) -> Path:
    path = out_dir / f"{context.file_stem}.docx"
    build_document(context).save(str(path))
    return path
