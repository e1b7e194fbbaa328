"""Public indicator and scope pages (namespace "public"), like Open SDG's: published data only.

Always the anonymous view: a signed-in user sees here exactly what the public sees. Sources are
named; forms are never linked (the public cannot open them). Plotly is served from the installed
package (``assets``).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from planwatch_web.dashboards import pages
from planwatch_web.dashboards.data import PUBLIC
from planwatch_web.dashboards.rendering import render_page


def _as_of(request: HttpRequest) -> str | None:
    return request.GET.get("as_of") or None


@require_safe
def indicators(request: HttpRequest) -> HttpResponse:
    return render_page(
        request, "public/indicators.html", "public/_page_indicators.html", PUBLIC, (),
        lambda: pages.cockpit(PUBLIC, AnonymousUser(), _as_of(request)),
    )


@require_safe
def indicator(request: HttpRequest, indicator_id: str) -> HttpResponse:
    return render_page(
        request, "dashboards/indicator.html", "dashboards/_page_indicator.html", PUBLIC, (indicator_id,),
        lambda: pages.indicator_page(PUBLIC, AnonymousUser(), indicator_id, _as_of(request)),
    )


@require_safe
def scope(request: HttpRequest, scope_id: str) -> HttpResponse:
    return render_page(
        request, "dashboards/scope.html", "dashboards/_page_scope.html", PUBLIC, (scope_id,),
        lambda: pages.scope_page(PUBLIC, AnonymousUser(), scope_id, _as_of(request)),
    )


@require_safe
def explain(request: HttpRequest, target_id: str) -> HttpResponse:
    ctx = pages.explain_page(PUBLIC, AnonymousUser(), target_id, _as_of(request))
    return render(request, "dashboards/explain.html", ctx)
