"""Public indicator and scope pages (namespace "public"), like Open SDG's: published data only.

Always the anonymous view: a signed-in user sees here exactly what the public sees. Sources are
named; forms are never linked (the public cannot open them). Plotly is served from the installed
package (``assets``).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from planwatch_web.dashboards import pages
from planwatch_web.dashboards.data import PUBLIC


def _as_of(request: HttpRequest) -> str | None:
    return request.GET.get("as_of") or None


@require_GET
def indicators(request: HttpRequest) -> HttpResponse:
    ctx = pages.cockpit(PUBLIC, AnonymousUser(), _as_of(request))
    return render(request, "public/indicators.html", ctx)


@require_GET
def indicator(request: HttpRequest, indicator_id: str) -> HttpResponse:
    ctx = pages.indicator_page(PUBLIC, AnonymousUser(), indicator_id, _as_of(request))
    return render(request, "dashboards/indicator.html", ctx)


@require_GET
def scope(request: HttpRequest, scope_id: str) -> HttpResponse:
    ctx = pages.scope_page(PUBLIC, AnonymousUser(), scope_id, _as_of(request))
    return render(request, "dashboards/scope.html", ctx)


@require_GET
def explain(request: HttpRequest, target_id: str) -> HttpResponse:
    ctx = pages.explain_page(PUBLIC, AnonymousUser(), target_id, _as_of(request))
    return render(request, "dashboards/explain.html", ctx)
