"""The HTML bulletin: one self-contained file (fonts subset and embedded, charts as PNG data URIs).

The PDF renderer uses the same template with ``fonts="file"`` (WeasyPrint reads the font files
and embeds its own subsets), so HTML and PDF carry the same words, tables and charts.
"""

from __future__ import annotations

import base64
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Literal

import jinja2

from planwatch.report.charts import png_bytes
from planwatch.report.document import TONE_COLOURS, BulletinContext, Figure, Heading, Paragraph, Table
from planwatch.report.fonts import CSS_SANS_STACK, CSS_SERIF_STACK, font_face_css
from planwatch.report.formatting import header_lines
from planwatch.report.renderers import register

TEMPLATE = "bulletin.html"


def _environment() -> jinja2.Environment:
    folder = resources.files("planwatch.report") / "templates"
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.tests["heading"] = lambda b: isinstance(b, Heading)
    env.tests["paragraph"] = lambda b: isinstance(b, Paragraph)
    env.tests["table"] = lambda b: isinstance(b, Table)
    env.tests["figure"] = lambda b: isinstance(b, Figure)
    return env


def _widths(table: Table) -> list[str]:
    total = sum(table.widths) or 1.0
    return [f"{100 * w / total:.2f}" for w in table.widths]


def _date_zh(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def build_html(context: BulletinContext, *, fonts: Literal["embed", "file"] = "embed") -> str:
    """The bulletin as one HTML document.

    ``fonts="embed"``: the CJK fonts are subset to the document's characters and embedded (WOFF2);
    ``fonts="file"``: ``@font-face`` points at the font files (for WeasyPrint).
    """
    images = {
        fig.key: "data:image/png;base64," + base64.b64encode(png_bytes(fig.chart)).decode("ascii")
        for fig in context.figures()
    }
    text = context.text() + "0123456789—第页注"
    faces = font_face_css(text if fonts == "embed" else None)
    template = _environment().get_template(TEMPLATE)
    return template.render(
        ctx=context,
        images=images,
        font_faces=faces,
        serif=CSS_SERIF_STACK,
        sans=CSS_SANS_STACK,
        tone_fills={tone.value: fill for tone, (fill, _) in TONE_COLOURS.items()},
        widths=_widths,
        header_lines=header_lines,
        issued=_date_zh(context.issued) if context.issued else "",
    )


@register("html", suffix=".html", description="自包含网页（字体与图表内嵌）")
def render(context: BulletinContext, out_dir: Path) -> Path:
    path = out_dir / f"{context.file_stem}.html"
    path.write_text(build_html(context, fonts="embed"), encoding="utf-8")
    return path
