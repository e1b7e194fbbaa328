"""Dashboard pages rendered once per audience, as-of, data version and language.

The content of the cockpit, scope and indicator pages (and their public versions) depends only on
what the audience may see (``data.Audience.key``), the requested as-of period, the data version and
the language — never on the signed-in user otherwise (the templates read no ``user``, no CSRF token).
So the content is rendered once and kept until an approved or published form changes; each request
then only wraps it in ``base.html`` (header, the user's name, the language and sign-out forms).
Building the rows and rendering ~2,000 links per cockpit cost ~80 ms of CPU; a cached page costs a
few. The "how computed" page links forms the user may open, so it is not cached here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from planwatch_web.dashboards.data import Audience, DataVersion, cached_page, keep_page, pinned_version


@dataclass(frozen=True)
class RenderedContent:
    html: SafeString
    name: str  # the page's title (scope or indicator name); "" when the page template has its own
    charts: bool  # the page draws Plotly charts (its <head> loads plotly.min.js)


def render_page(
    request: HttpRequest,
    page_template: str,
    content_template: str,
    audience: Audience,
    arguments: tuple[str, ...],
    build: Callable[[], dict[str, Any]],
) -> HttpResponse:
    """``page_template`` (extends base.html, shows ``{{ content }}``) around ``content_template``
    rendered with ``build()``'s context — or with the content kept from an earlier request."""
    version = DataVersion.current()
    key = (
        content_template,
        *arguments,
        audience.key,
        "public" if audience.public else "signed-in",
        request.GET.get("as_of") or "",
        translation.get_language() or "",
    )
    content = cached_page(key, version)
    if not isinstance(content, RenderedContent):
        with pinned_version(version):
            ctx = build()  # may raise Http404: nothing is kept
        content = RenderedContent(
            html=mark_safe(render_to_string(content_template, ctx, request)),
            name=str(ctx.get("name") or ""),
            charts=bool(ctx.get("charts") or ctx.get("chart")),
        )
        keep_page(key, version, content)
    return render(request, page_template, {"content": content.html, "name": content.name, "charts": content.charts})
