"""Look at a bulletin as images: DOCX → PDF (LibreOffice) → PNG, PDF → PNG, HTML → PNG (Chromium).

    python -m planwatch.report.preview out/bulletin-….docx out/bulletin-….pdf out/bulletin-….html --out preview/

Needs the Debian tools ``soffice`` (libreoffice-writer-nogui), ``pdftoppm`` (poppler-utils) and, for
HTML, ``chromium`` with the python ``playwright`` package; ``make system-deps`` installs them. The
LibreOffice run uses a generated fonts.conf (fonts.write_fontconfig) so 宋体/仿宋/黑体 fall back to
the pip Noto fonts, and a throwaway profile under a temporary directory (never ~/.config).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from planwatch.report.fonts import write_fontconfig

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class PreviewError(RuntimeError):
    """A preview tool is missing or failed (the message says which, in Chinese)."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def chromium() -> str | None:
    if Path(CHROMIUM).exists():
        return CHROMIUM
    return shutil.which("chromium") or shutil.which("chromium-browser")


def docx_to_pdf(docx: Path, out_dir: Path, *, timeout: float = 180) -> Path:
    """Convert with LibreOffice headless; the PDF lands in ``out_dir`` under the DOCX's stem."""
    exe = soffice()
    if exe is None:
        raise PreviewError("未找到 LibreOffice（soffice），无法把 DOCX 转为 PDF；请安装 libreoffice-writer-nogui。")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="planwatch-lo-") as tmp:
        conf = write_fontconfig(Path(tmp) / "fc")
        env = {**os.environ, "FONTCONFIG_FILE": str(conf), "HOME": tmp}
        cmd = [
            exe,
            f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(docx),
        ]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    pdf = out_dir / f"{docx.stem}.pdf"
    if result.returncode != 0 or not pdf.exists():
        raise PreviewError(f"LibreOffice 转换失败：{result.stderr.strip() or result.stdout.strip()}")
    return pdf


def pdf_to_pngs(pdf: Path, out_dir: Path, *, dpi: int = 80, prefix: str | None = None) -> list[Path]:
    """One PNG per page: ``<prefix>-1.png`` … (pdftoppm)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise PreviewError("未找到 pdftoppm，无法把 PDF 转为图片；请安装 poppler-utils。")
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = out_dir / (prefix or pdf.stem)
    for old in out_dir.glob(f"{stem.name}-*.png"):
        old.unlink()
    result = subprocess.run([exe, "-r", str(dpi), "-png", str(pdf), str(stem)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PreviewError(f"pdftoppm 失败：{result.stderr.strip()}")
    return sorted(out_dir.glob(f"{stem.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def html_to_png(html: Path, png: Path, *, width: int = 900) -> Path:
    """A full-page screenshot of the HTML bulletin in headless Chromium (playwright)."""
    exe = chromium()
    if exe is None:
        raise PreviewError("未找到 chromium，无法截取 HTML 页面。")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        raise PreviewError("未安装 playwright，无法截取 HTML 页面。") from exc
    png.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": 1200})
            page.goto(html.resolve().as_uri())
            page.evaluate("document.fonts.ready")
            page.screenshot(path=str(png), full_page=True)
        finally:
            browser.close()
    return png


def preview(paths: list[Path], out_dir: Path, *, dpi: int = 80) -> list[Path]:
    """PNG pages for each bulletin file (docx, pdf, html); returns every image written."""
    images: list[Path] = []
    for path in paths:
        suffix = path.suffix.lower()
        if suffix == ".docx":
            pdf = docx_to_pdf(path, out_dir / "docx-pdf")
            images += pdf_to_pngs(pdf, out_dir, dpi=dpi, prefix=f"{path.stem}.docx")
        elif suffix == ".pdf":
            images += pdf_to_pngs(path, out_dir, dpi=dpi, prefix=f"{path.stem}.pdf")
        elif suffix in (".html", ".htm"):
            images.append(html_to_png(path, out_dir / f"{path.stem}.html.png"))
        else:
            raise PreviewError(f"不支持预览的文件类型：{path.name}")
    return images


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m planwatch.report.preview", description="把通报各格式渲染为 PNG 图片")
    parser.add_argument("files", nargs="+", type=Path, help="bulletin files (.docx, .pdf, .html)")
    parser.add_argument("--out", type=Path, default=Path("preview"), help="folder for the PNG files")
    parser.add_argument("--dpi", type=int, default=80)
    args = parser.parse_args(argv)
    try:
        for image in preview(args.files, args.out, dpi=args.dpi):
            print(image)
    except PreviewError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
