"""The PDF bulletin: the HTML template printed by WeasyPrint (A4, page numbers, CJK fonts embedded)."""

from __future__ import annotations

import logging
from pathlib import Path

from planwatch.report.document import BulletinContext
from planwatch.report.renderers import register
from planwatch.report.renderers.html import build_html


@register("pdf", suffix=".pdf", description="PDF（WeasyPrint 排版，字体内嵌）")
def render(context: BulletinContext, out_dir: Path) -> Path:
    from weasyprint import HTML

    # WeasyPrint logs every CSS property it ignores (the screen-only box shadow …) as a warning.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    path = out_dir / f"{context.file_stem}.pdf"
    html = build_html(context, fonts="file")
    HTML(string=html, base_url=str(out_dir)).write_pdf(
        path,
        pdf_variant=None,
        metadata=True,
    )
    return path
