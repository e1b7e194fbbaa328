"""plotly.min.js and its stylesheet, served from the installed ``plotly`` package (no CDN).

The page's Content-Security-Policy allows only 'self' scripts and styles. Plotly.js adds its own
CSS rules at load time through a ``<style>`` element, which that policy blocks; the same rules are
read here from the bundle (the object literal Plotly passes to ``addStyleRule``) and served as a
stylesheet, so charts lay out correctly without 'unsafe-inline'.
"""

from __future__ import annotations

import functools
import hashlib
import re
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
from django.views.decorators.http import require_GET

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
    return request.headers.get("If-None-Match") == _etag(path)


def _cache_headers(response: HttpResponseBase, path: Path = PLOTLY_JS) -> HttpResponseBase:
    response["ETag"] = _etag(path)
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


@require_GET
def plotly_js(request: HttpRequest) -> HttpResponseBase:
    if _not_modified(request):
        return _cache_headers(HttpResponseNotModified())
    response = FileResponse(PLOTLY_JS.open("rb"), content_type="text/javascript; charset=utf-8")
    return _cache_headers(response)


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


@require_GET
def plotly_css(request: HttpRequest) -> HttpResponseBase:
    if _not_modified(request):
        return _cache_headers(HttpResponseNotModified())
    return _cache_headers(HttpResponse(plotly_css_text(), content_type="text/css; charset=utf-8"))


@require_GET
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
    return _cache_headers(FileResponse(font.path.open("rb"), content_type=kind), font.path)
