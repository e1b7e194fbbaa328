"""The renderers: a registry keyed by format, and the same words and numbers in DOCX, HTML and PDF.

Structure is checked by parsing each file (python-docx, lxml.html, pdftotext/pdffonts), not by
looking at file sizes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import types
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import html as lxml_html

from planwatch.assess.results import Assessment
from planwatch.plan.load import Plan
from planwatch.report import renderers
from planwatch.report.context import build_context
from planwatch.report.document import BulletinContext

THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


@pytest.fixture(scope="module")
def ctx(plan: Plan, synthetic_assessments: list[Assessment]) -> BulletinContext:
    return build_context(plan, synthetic_assessments, "2024Q4", issued=date(2025, 1, 20))


@pytest.fixture(scope="module")
def out(ctx: BulletinContext, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bulletin")
    return {fmt: renderers.render(ctx, fmt, folder) for fmt in ("docx", "html", "pdf")}


# -- registry ----------------------------------------------------------------------------------
def test_builtin_formats_are_registered() -> None:
    assert renderers.available_formats()[:3] == ["docx", "pdf", "html"]
    for fmt, suffix in (("docx", ".docx"), ("pdf", ".pdf"), ("html", ".html")):
        info = renderers.get_renderer(fmt)
        assert info.format == fmt and info.suffix == suffix and info.description


def test_an_added_format_registers_the_same_way(ctx: BulletinContext, tmp_path: Path) -> None:
    @renderers.register("txt", suffix=".txt", description="纯文本")
    def render_txt(context: BulletinContext, out_dir: Path) -> Path:
        path = out_dir / f"{context.file_stem}.txt"
        path.write_text(context.text(), encoding="utf-8")
        return path

    try:
        assert "txt" in renderers.available_formats()
        path = renderers.render(ctx, "txt", tmp_path / "new")
        assert path.name == "bulletin-xiangxi_2021_2025-2024Q4.txt"
        assert ctx.title in path.read_text(encoding="utf-8").splitlines()[:3]
    finally:
        renderers.unregister("txt")
    assert "txt" not in renderers.available_formats()
    with pytest.raises(KeyError):
        renderers.get_renderer("txt")


def test_a_format_from_an_entry_point(ctx: BulletinContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import EntryPoint

    ep = EntryPoint(name="plain", value="tests_plain:render", group=renderers.ENTRY_POINT_GROUP)
    module = types.ModuleType("tests_plain")

    def render_plain(context: BulletinContext, out_dir: Path) -> Path:
        path = out_dir / "x.txt"
        path.write_text(context.title, encoding="utf-8")
        return path

    module.render = render_plain  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "tests_plain", module)
    monkeypatch.setattr(renderers, "_entry_points", lambda: [ep])
    try:
        assert "plain" in renderers.available_formats()
        assert renderers.render(ctx, "plain", tmp_path).read_text(encoding="utf-8") == ctx.title
    finally:
        renderers.unregister("plain")


def test_every_builtin_format_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "bulletin.md").read_text(encoding="utf-8")
    for fmt in renderers.BUILTIN:
        assert f"- **{fmt.upper()}**" in doc, fmt
    assert "planwatch.bulletin_renderers" in doc and "@register(" in doc


def test_files_are_named_after_plan_and_period(out: dict[str, Path]) -> None:
    assert {p.name for p in out.values()} == {
        "bulletin-xiangxi_2021_2025-2024Q4.docx",
        "bulletin-xiangxi_2021_2025-2024Q4.html",
        "bulletin-xiangxi_2021_2025-2024Q4.pdf",
    }


# -- DOCX ----------------------------------------------------------------------------------------
def test_docx_structure(out: dict[str, Path], ctx: BulletinContext) -> None:
    doc = Document(str(out["docx"]))
    paras = doc.paragraphs
    # 版头 (发文机关, 文号), the title, the notice, 主送 and the basis sentence, in this order
    assert [p.text for p in paras[:6]] == [ctx.issuer, ctx.doc_number, ctx.title, ctx.notice, ctx.recipients, ctx.opening]
    assert ctx.issuer == "湘西自治州工业和信息化局" and ctx.doc_number == "州工信通〔2024〕4号"
    assert ctx.opening.endswith("现将有关情况通报如下：")
    assert paras[2].style.name == "Bulletin Title" and paras[3].style.name == "Bulletin Notice"
    assert [p.text for p in paras if p.style.name == "Heading 1"] == [s.heading for s in ctx.sections]
    # never a lone （一）: the chains' warnings are a paragraph, not a numbered heading of their own
    assert not any(p.text.startswith("（一）") for p in paras)
    assert "链上目标亮红灯、黄灯的产业链如下。" in [p.text for p in paras]
    assert len(doc.tables) == len(ctx.tables())
    main = doc.tables[0]
    # header words are broken where a reader expects, never inside a word ("2025年目 / 标")
    assert [c.text for c in main.rows[0].cells] == ["指标", "单位", "2025年\n目标", "本期完成", "完成进度", "时序进度", "超/低于\n时序进度", "状态"]
    row = next(r for r in main.rows if r.cells[0].text == "工业增加值")
    assert [c.text for c in row.cells] == ["工业增加值", "亿元", "320", "262.5", "63.1%", "80.0%", "低16.9", "进展有限"]
    # the status cell is shaded red (F8D7DA), the header row repeats on every page
    shd = row.cells[-1]._tc.tcPr.find(qn("w:shd"))
    assert shd is not None and shd.get(qn("w:fill")) == "F8D7DA"
    assert main.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert main.style.name == "Table Grid"
    parks = doc.tables[2]
    assert [c.text for c in parks.rows[-1].cells][:4] == ["合计", "304.76", "1000", "759.0"]
    assert len(doc.inline_shapes) == len(ctx.figures())
    assert [p.text for p in paras if p.style.name == "Bulletin Caption"][:2] == [
        "图1　目标进展状态分布",
        "表1　湘西州主要指标完成情况（2024年第四季度）",
    ]
    footnotes = [p.text for p in paras if p.style.name == "Bulletin Footnote" and p.text]
    assert footnotes[-1] == f"注{len(ctx.footnotes)}：{ctx.footnotes[-1]}"
    assert any(p.text == "2025年1月20日" for p in paras)


def test_docx_fonts_are_explicit_and_free_of_theme_fonts(out: dict[str, Path]) -> None:
    doc = Document(str(out["docx"]))
    expected = {"Normal": "仿宋", "Heading 1": "黑体", "Heading 2": "楷体", "Bulletin Title": "宋体", "Bulletin Table": "宋体"}
    for name, font in expected.items():
        rfonts = doc.styles[name].element.rPr.rFonts
        assert rfonts.get(qn("w:eastAsia")) == font, name
        assert all(rfonts.get(qn(f"w:{a}")) is None for a in THEME_ATTRS), name
    styles_xml = doc.styles.element.xml
    assert not any(f'w:{a}="' in styles_xml for a in THEME_ATTRS)
    assert doc.styles["Normal"].font.size.pt == 16
    assert doc.styles["Bulletin Title"].font.size.pt == 22 and doc.styles["Bulletin Title"].font.bold
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4
    assert (round(section.top_margin.mm), round(section.left_margin.mm)) == (37, 28)


def test_docx_page_numbers_and_synthetic_header(out: dict[str, Path]) -> None:
    doc = Document(str(out["docx"]))
    footer = doc.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer
    assert doc.sections[0].header.paragraphs[0].text == "合成演示数据　非真实统计"
    assert doc.core_properties.title.startswith("湘西州“十四五”")


# -- HTML ----------------------------------------------------------------------------------------
def _html(out: dict[str, Path]) -> Any:
    return lxml_html.fromstring(out["html"].read_text(encoding="utf-8"))


def test_html_structure(out: dict[str, Path], ctx: BulletinContext) -> None:
    tree = _html(out)
    assert tree.findtext(".//h1") == ctx.title
    assert tree.xpath("string(//div[@class='notice'])") == ctx.notice
    assert [h.text_content() for h in tree.xpath("//h2")] == [s.heading for s in ctx.sections]
    rows = tree.xpath("//div[@id='table-main']//tbody/tr")
    assert len(rows) == 25  # 20 表1 rows and 5 年均增长 sub-rows
    row = next(r for r in rows if r.xpath("string(td[1])") == "工业增加值")
    assert [td.text_content() for td in row.xpath("td")] == ["工业增加值", "亿元", "320", "262.5", "63.1%", "80.0%", "低16.9", "进展有限"]
    assert "tone-red" in row.xpath("td")[-1].get("class")
    assert [i.get("id") for i in tree.xpath("//figure")] == [f"figure-{f.key}" for f in ctx.figures()]
    notes = [p.text_content() for p in tree.xpath("//div[@class='footnotes']/p")]
    assert notes[-1] == f"注{len(ctx.footnotes)}：{ctx.footnotes[-1]}"


def test_html_is_self_contained(out: dict[str, Path]) -> None:
    text = out["html"].read_text(encoding="utf-8")
    tree = lxml_html.fromstring(text)
    assert all(img.get("src").startswith("data:image/png;base64,") for img in tree.xpath("//img"))
    assert text.count("data:font/woff;base64,") == 2  # sans and serif, subset to the page's characters
    assert not re.search(r"(?:src|href)=\"(?:https?:|file:)", text)
    assert "url(\"file:" not in text and "&#34;" not in text  # CSS is not HTML-escaped
    assert len(text) < 2_500_000


# -- PDF -----------------------------------------------------------------------------------------
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext, pdffonts) is not installed")


@needs_poppler
def test_pdf_embeds_the_cjk_fonts(out: dict[str, Path]) -> None:
    fonts = subprocess.run(["pdffonts", str(out["pdf"])], capture_output=True, text=True, check=True).stdout
    lines = [line for line in fonts.splitlines()[2:] if line.strip()]
    assert any("PW-Serif" in line for line in lines) and any("PW-Sans" in line for line in lines)
    for line in lines:
        if "PW-" in line:
            assert line.split()[-5] == "yes", line  # emb


@needs_poppler
def test_pdf_text_carries_the_same_numbers(out: dict[str, Path], ctx: BulletinContext) -> None:
    text = subprocess.run(["pdftotext", str(out["pdf"]), "-"], capture_output=True, text=True, check=True).stdout
    flat = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", ctx.title) in flat
    for heading in (s.heading for s in ctx.sections):
        assert heading in flat
    for value in ("262.5", "63.1%", "低16.9", "304.76", "759.0", "12.4%/21.9%", "合成演示数据"):
        assert value in flat, value
    assert "—1—" in flat  # the page number in the footer
