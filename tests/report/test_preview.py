"""Looking at the bulletin as images: DOCX → LibreOffice → PDF → PNG, and HTML in headless Chromium.

Slow (LibreOffice and Chromium start-up); skipped with the reason when the tools are missing
(``make system-deps`` installs them).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from planwatch.assess.results import Assessment
from planwatch.plan.load import Plan
from planwatch.report import preview, renderers
from planwatch.report.context import build_context
from planwatch.report.document import BulletinContext
from planwatch.report.fonts import cjk_fonts, write_fontconfig

pytestmark = pytest.mark.slow

needs_lo = pytest.mark.skipif(
    preview.soffice() is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (soffice) or poppler-utils (pdftoppm) is not installed",
)
needs_chromium = pytest.mark.skipif(preview.chromium() is None, reason="chromium is not installed")


@pytest.fixture(scope="module")
def ctx(plan: Plan, synthetic_assessments: list[Assessment]) -> BulletinContext:
    return build_context(plan, synthetic_assessments, "2024Q4", issued=date(2025, 1, 20))


def test_fontconfig_maps_office_fonts_to_the_bundled_ones(tmp_path: Path) -> None:
    conf = write_fontconfig(tmp_path).read_text(encoding="utf-8")
    fonts = cjk_fonts()
    assert fonts.sans is not None and fonts.serif is not None
    assert f"<dir>{fonts.serif.path.parent}</dir>" in conf
    assert "<family>仿宋</family><prefer><family>Noto Serif SC</family></prefer>" in conf
    assert "<family>黑体</family><prefer><family>Noto Sans SC</family></prefer>" in conf


@needs_lo
def test_docx_renders_in_libreoffice_with_real_cjk_fonts(ctx: BulletinContext, tmp_path: Path) -> None:
    docx = renderers.render(ctx, "docx", tmp_path)
    pdf = preview.docx_to_pdf(docx, tmp_path / "lo")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    # 宋体/仿宋/黑体/楷体 came out as the Noto fonts (not DejaVu, which would mean boxes)
    assert "NotoSerifSC" in fonts and "NotoSansSC" in fonts
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    assert "湘西州“十四五”工业和信息化发展规划主要指标完成情况通报（2024年第四季度）" in text
    assert "低16.9" in text and "合成演示数据" in text
    pages = preview.pdf_to_pngs(pdf, tmp_path / "png", dpi=40)
    assert len(pages) >= 5
    assert [int(p.stem.rsplit("-", 1)[1]) for p in pages] == list(range(1, len(pages) + 1))  # in page order
    with Image.open(pages[0]) as im:
        assert im.size[0] == pytest.approx(210 / 25.4 * 40, abs=2)  # A4 width at 40 dpi


@needs_chromium
def test_html_loads_its_embedded_fonts_in_chromium(ctx: BulletinContext, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    html = renderers.render(ctx, "html", tmp_path)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=preview.chromium(), args=preview.CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.goto(html.resolve().as_uri())
            page.evaluate("document.fonts.ready")
            loaded = page.evaluate(
                "() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family.replace(/\"/g, ''))"
            )
        finally:
            browser.close()
    assert sorted(loaded) == ["PW Sans", "PW Serif"]
    assert all(url.startswith(("file:", "data:")) for url in requests)  # no network
    png = preview.html_to_png(html, tmp_path / "page.png")
    with Image.open(png) as im:
        assert im.size[0] == 900 and im.size[1] > 3000
