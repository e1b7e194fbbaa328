"""Public bulletin pages: the published bulletins and their files, for everyone (no sign-in).

Always the anonymous view: a signed-in administrator sees here exactly what the public sees
(drafts are under /bulletins/, the management pages).
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from planwatch_web.public import access
from planwatch_web.public.files import file_response
from planwatch_web.public.models import BulletinFile

PAGE_SIZE = 100


def _with_files() -> Prefetch:  # type: ignore[type-arg]
    return Prefetch("files", queryset=BulletinFile.objects.defer("content").order_by("id"))


@require_safe
def bulletins(request: HttpRequest) -> HttpResponse:
    rows = list(
        access.published_bulletins()
        .defer("data_version")
        .prefetch_related(_with_files())
        .order_by("-period__end_ordinal", "-published_at")[:PAGE_SIZE]
    )
    return render(request, "public/bulletins.html", {"bulletins": rows})


@require_safe
def bulletin(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.access_bulletin_public(pk)
    return render(request, "public/bulletin.html", {"bulletin": item, "files": list(access.files_of(item))})


@require_safe
def bulletin_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    item = access.access_bulletin_public(pk)
    return file_response(access.access_bulletin_file(item, fmt))
