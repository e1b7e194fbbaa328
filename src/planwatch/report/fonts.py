"""Chinese fonts for charts, HTML, PDF and the LibreOffice preview: one place finds them.

A fresh machine has no CJK font, and every renderer would draw boxes. planwatch depends on
``pylopdf-fonts-zh-cn`` (Noto Sans SC and Noto Serif SC, SIL OFL 1.1), so the same two OTF files
serve matplotlib (``fontManager.addfont``), WeasyPrint (``@font-face``), the HTML bulletin (a subset
embedded as WOFF2) and LibreOffice (a generated ``fonts.conf``). When the package is missing, system
CJK fonts found by fontconfig are used instead; ``cjk_fonts().origin`` says which.
"""

from __future__ import annotations

import base64
import functools
import io
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

SANS = "sans"
SERIF = "serif"

# CSS family names used by the HTML/PDF template (distinct from any installed font's name).
CSS_SANS = "PW Sans"
CSS_SERIF = "PW Serif"
CSS_SANS_STACK = f'"{CSS_SANS}", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "黑体", sans-serif'
CSS_SERIF_STACK = f'"{CSS_SERIF}", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", serif'

# Family names Word documents ask for (公文 usage) → the family that stands in for them in previews.
DOCX_ALIASES: dict[str, str] = {
    "宋体": SERIF,
    "SimSun": SERIF,
    "仿宋": SERIF,
    "FangSong": SERIF,
    "仿宋_GB2312": SERIF,
    "楷体": SERIF,
    "KaiTi": SERIF,
    "楷体_GB2312": SERIF,
    "方正小标宋简体": SERIF,
    "Times New Roman": SERIF,
    "黑体": SANS,
    "SimHei": SANS,
    "微软雅黑": SANS,
    "Microsoft YaHei": SANS,
}

# Family-name fragments of CJK fonts worth using when the pip package is absent.
_SYSTEM_SANS = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback")
_SYSTEM_SERIF = ("Noto Serif CJK SC", "Source Han Serif SC", "AR PL UMing", "AR PL SungtiL")


@dataclass(frozen=True)
class FontFile:
    family: str  # the family name inside the font file ("Noto Sans SC")
    path: Path


@dataclass(frozen=True)
class CjkFonts:
    sans: FontFile | None
    serif: FontFile | None
    origin: str  # "pip" (pylopdf-fonts-zh-cn), "system" (fontconfig) or "none"

    @property
    def available(self) -> bool:
        return self.sans is not None or self.serif is not None

    def get(self, style: str) -> FontFile | None:
        """The font of ``style`` ("sans" or "serif"), falling back to the other one."""
        first, second = (self.sans, self.serif) if style == SANS else (self.serif, self.sans)
        return first or second

    @property
    def directories(self) -> list[Path]:
        dirs: list[Path] = []
        for f in (self.sans, self.serif):
            if f is not None and f.path.parent not in dirs:
                dirs.append(f.path.parent)
        return dirs


@functools.cache
def cjk_fonts() -> CjkFonts:
    """The CJK fonts this machine offers: the pip package first, then fontconfig's CJK fonts."""
    try:
        import pylopdf_fonts_zh_cn as pip_fonts

        sans, serif = Path(pip_fonts.sans_path()), Path(pip_fonts.serif_path())
        if sans.is_file() and serif.is_file():
            return CjkFonts(FontFile("Noto Sans SC", sans), FontFile("Noto Serif SC", serif), "pip")
    except ImportError:  # pragma: no cover - the package is a dependency
        pass
    return _system_fonts()


def _system_fonts() -> CjkFonts:
    if shutil.which("fc-list") is None:
        return CjkFonts(None, None, "none")
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "family", "file"], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return CjkFonts(None, None, "none")
    found: list[FontFile] = []
    for line in out.splitlines():
        path, _, families = line.partition(":")
        if path and families:
            found.append(FontFile(families.split(",")[0].strip(), Path(path.strip())))

    def pick(preferred: tuple[str, ...]) -> FontFile | None:
        for name in preferred:
            for f in found:
                if f.family.startswith(name):
                    return f
        return None

    sans = pick(_SYSTEM_SANS) or (found[0] if found else None)
    serif = pick(_SYSTEM_SERIF)
    return CjkFonts(sans, serif, "system" if sans or serif else "none")


# -- matplotlib --------------------------------------------------------------------------------
@functools.cache
def matplotlib_families() -> tuple[str, ...]:
    """Register the CJK fonts with matplotlib's font manager; the sans-serif list to use for charts."""
    from matplotlib import font_manager

    fonts = cjk_fonts()
    families: list[str] = []
    for f in (fonts.sans, fonts.serif):
        if f is None:
            continue
        font_manager.fontManager.addfont(str(f.path))
        families.append(f.family)
    return (*families, "DejaVu Sans")


# -- CSS (HTML and WeasyPrint) -----------------------------------------------------------------
def font_face_css(embed_text: str | None = None) -> str:
    """``@font-face`` rules for the template's two families.

    With ``embed_text`` the fonts are subset to those characters and embedded as WOFF data URIs
    (a self-contained HTML file of a few hundred kB); without it they point at the font files
    (``file://`` URIs, for WeasyPrint, which embeds its own subset in the PDF).
    """
    fonts = cjk_fonts()
    rules: list[str] = []
    for css_family, style in ((CSS_SANS, SANS), (CSS_SERIF, SERIF)):
        f = fonts.get(style)
        if f is None:
            continue
        if embed_text is not None:
            data = subset_woff(f.path, embed_text)
            src = f'url("data:font/woff;base64,{base64.b64encode(data).decode("ascii")}") format("woff")'
        else:
            src = f'url("{f.path.resolve().as_uri()}")'
        rules.append(f'@font-face {{ font-family: "{css_family}"; src: {src}; font-weight: normal; }}')
    return "\n".join(rules)


@functools.lru_cache(maxsize=8)
def subset_woff(path: Path, text: str) -> bytes:
    """The glyphs of ``text`` (plus ASCII) from the font at ``path``, as WOFF bytes.

    WOFF (zlib) rather than WOFF2: twice as fast to write for 10% more bytes. The default layout
    features (kerning, ligatures, localised forms) are kept; vertical forms are not needed.
    """
    from fontTools import subset  # type: ignore[import-untyped]

    options = subset.Options()
    options.flavor = "woff"
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    ascii_text = "".join(chr(c) for c in range(0x20, 0x7F))
    subsetter.populate(text="".join(sorted(set(text + ascii_text + "—“”‘’、，。：；（）《》％·※"))))
    subsetter.subset(font)
    buf = io.BytesIO()
    subset.save_font(font, buf, options)
    return buf.getvalue()


# -- fontconfig (LibreOffice previews) ---------------------------------------------------------
def write_fontconfig(directory: Path) -> Path:
    """Write ``fonts.conf`` that adds the CJK font directory and maps 宋体/仿宋/黑体… onto it.

    Use as ``FONTCONFIG_FILE=<path> soffice --headless --convert-to pdf …``: the DOCX asks for the
    fonts Chinese offices have (宋体, 仿宋, 黑体); on a machine without them LibreOffice draws the
    Noto fonts instead of boxes.
    """
    directory.mkdir(parents=True, exist_ok=True)
    fonts = cjk_fonts()
    lines = [
        '<?xml version="1.0"?>',
        '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
        "<fontconfig>",
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
    ]
    lines += [f"  <dir>{escape(str(d))}</dir>" for d in fonts.directories]
    lines.append(f"  <cachedir>{escape(str(directory / 'fc-cache'))}</cachedir>")
    for name, style in DOCX_ALIASES.items():
        f = fonts.get(style)
        if f is None:
            continue
        lines.append(
            f"  <alias binding=\"same\"><family>{escape(name)}</family><prefer><family>{escape(f.family)}</family></prefer></alias>"
        )
    lines.append("</fontconfig>")
    path = directory / "fonts.conf"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
