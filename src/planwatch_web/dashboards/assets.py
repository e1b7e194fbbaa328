"""plotly.min.js and its stylesheet, served from the installed ``plotly`` package (no CDN).

The page's Content-Security-Policy allows only 'self' scripts and styles. Plotly.js adds its own
CSS rules at load time through a ``<style>`` element, which that policy blocks; the same rules are
read here from the bundle (the object literal Plotly passes to ``addStyleRule``) and served as a
stylesheet, so charts lay out correctly without 'unsafe-inline'.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import re
import threading
from pathlib import Path

import plotly
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    HttpResponseNotModified,
)
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from planwatch.report.fonts import SANS, cjk_fonts

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
MAX_AGE = 7 * 24 * 3600

# {"X,X div":'direction:ltr;…',"X input,X button":'…', … "Y p":"margin:0;", …}; X and Y stand for
# the two container selectors Plotly substitutes before adding each rule.
_RULES_START = re.compile(r'\{"X,X div":')
_RULE = re.compile(r'"([^"]+)":(?:"([^"]*)"|\'([^\']*)\')')
_SELECTORS = {"X": ".js-plotly-plot .plotly", "Y": ".plotly-notifier"}


@functools.cache
def _etag(path: Path = PLOTLY_JS) -> str:
    stat = path.stat()
    text = f"{plotly.__version__}:{path.name}:{stat.st_size}:{stat.st_mtime_ns}"
    return '"' + hashlib.sha1(text.encode()).hexdigest()[:16] + '"'


def _not_modified(request: HttpRequest, path: Path = PLOTLY_JS) -> bool:
    tags = {_etag(path)} | {_etag_of(path, e) for e in ("br", "gzip")}
    return request.headers.get("If-None-Match") in tags


def _etag_of(path: Path, encoding: str) -> str:
    """Each encoding is its own representation, with its own ETag."""
    return _etag(path)[:-1] + f'-{encoding}"'



def _cache_headers(response: HttpResponseBase, path: Path = PLOTLY_JS) -> HttpResponseBase:
    response["ETag"] = _etag(path)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


# -- compression: plotly.min.js is 4.8 MB (1.3 MB in brotli, 1.5 MB in gzip), the font 8.3 MB (7.2 MB).
# Compressed once per process, in memory (the warm-up thread does it at start), served to browsers that
# accept it; brotli (``brotli``, whitenoise's own dependency for the static files) before gzip.
_COMPRESS_LOCK = threading.Lock()


@functools.cache
def _compressed(path: Path, encoding: str) -> bytes:
    data = path.read_bytes()
    if encoding == "br":
        import brotli  # type: ignore[import-untyped]

        return bytes(brotli.compress(data, quality=5))
    return gzip.compress(data, compresslevel=6 if path.suffix == ".js" else 1, mtime=0)


def _encodings(path: Path) -> tuple[str, ...]:
    return ("br", "gzip") if path.suffix == ".js" else ("gzip",)


def _accepted(request: HttpRequest, path: Path) -> str | None:
    offered = {
        part.split(";")[0].strip().lower()
        for part in request.headers.get("Accept-Encoding", "").split(",")
        if not part.strip().lower().endswith(";q=0")
    }
    return next((e for e in _encodings(path) if e in offered), None)


def precompress() -> None:
    """Compress the assets now (the warm-up thread), so no visitor waits for it."""
    font = cjk_fonts().get(SANS)
    for path in [PLOTLY_JS] + ([font.path] if font is not None else []):
        for encoding in _encodings(path):
            with _COMPRESS_LOCK:
                _compressed(path, encoding)


def _file_response(request: HttpRequest, path: Path, content_type: str) -> HttpResponseBase:
    encoding = _accepted(request, path)
    response: HttpResponseBase
    if encoding is None:
        response = FileResponse(path.open("rb"), content_type=content_type)
    else:
        with _COMPRESS_LOCK:
            body = _compressed(path, encoding)
        response = HttpResponse(body, content_type=content_type)
        response["Content-Encoding"] = encoding
        response["Content-Length"] = str(len(body))
    patch_vary_headers(response, ("Accept-Encoding",))
    _cache_headers(response, path)
    if encoding is not None:
        response["ETag"] = _etag_of(path, encoding)
    return response


@require_safe
def plotly_js(request: HttpRequest) -> HttpResponseBase:
    if _not_modified(request):
        return _cache_headers(HttpResponseNotModified())
    return _file_response(request, PLOTLY_JS, "text/javascript; charset=utf-8")


@functools.cache
def plotly_css_text() -> str:
    """Plotly's global CSS rules, read from the installed bundle."""
    text = PLOTLY_JS.read_text(encoding="utf-8")
    start = _RULES_START.search(text)
    if start is None:
        return "/* plotly.js global rules not found in this version of the bundle */\n"
    end = text.index("}", start.end())
    body = text[start.start() + 1 : end]
    lines = [
        f"/* Read from plotly {plotly.__version__}'s plotly.min.js (MIT licence) by planwatch_web.dashboards.assets */"
    ]
    for m in _RULE.finditer(body):
        selector = m.group(1)
        declarations = m.group(2) if m.group(2) is not None else m.group(3)
        for key, value in _SELECTORS.items():
            selector = selector.replace(key, value)
        lines.append(f"{selector} {{{declarations}}}")
    return "\n".join(lines) + "\n"


@require_safe
def plotly_css(request: HttpRequest) -> HttpResponseBase:
    if _not_modified(request):
        return _cache_headers(HttpResponseNotModified())
    return _cache_headers(HttpResponse(plotly_css_text(), content_type="text/css; charset=utf-8"))


@require_safe
def cjk_font(request: HttpRequest) -> HttpResponseBase:
    """Noto Sans SC from the installed font package (planwatch.report.fonts), for machines without a
    Chinese font. The stylesheet lists it after the usual system fonts, so browsers that have one never
    download it."""
    font = cjk_fonts().get(SANS)
    if font is None or font.path.suffix.lower() not in (".otf", ".ttf"):
        raise Http404
    if _not_modified(request, font.path):
        return _cache_headers(HttpResponseNotModified(), font.path)
    kind = "font/otf" if font.path.suffix.lower() == ".otf" else "font/ttf"
    return _file_response(request, font.path, kind)
