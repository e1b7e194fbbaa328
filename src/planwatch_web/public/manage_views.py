"""Bulletin management (/bulletins/): generate from approved data, preview, publish, withdraw.

州级管理员 manages; 领导 reads (drafts included); everyone else gets 403. Views only parse, validate
and check access (public.access); the ``do_*`` actions in public.actions change state.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from planwatch.domain.periods import Period
from planwatch_web.jobs.access import jobs_for_user
from planwatch_web.jobs.models import JobKind, JobState
from planwatch_web.public import access, actions
from planwatch_web.public.files import file_response
from planwatch_web.public.models import Bulletin, BulletinState
from planwatch_web.submissions.errors import ActionError
from planwatch_web.submissions.models import ReportingPeriod, Submission
from planwatch_web.submissions.states import ASSESSED_STATES

PAGE_SIZE = 100
PERIOD_CHOICES = 60


class GenerateForm(forms.Form):
    period = forms.TypedChoiceField(label=gettext_lazy("时期"), coerce=int)
    issued = forms.DateField(
        label=gettext_lazy("印发日期"),
        required=False,
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("印在通报正文末尾；不填为今天。"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        periods = list(ReportingPeriod.objects.order_by("-end_ordinal", "kind")[:PERIOD_CHOICES])
        counts: dict[int, dict[str, int]] = {
            row["period"]: {"total": row["total"], "approved": row["approved"]}
            for row in Submission.objects.filter(period__in=periods)
            .values("period")
            .annotate(total=Count("id"), approved=Count("id", filter=Q(state__in=ASSESSED_STATES)))
        }
        choices = []
        for p in periods:
            row = counts.get(p.pk, {"total": 0, "approved": 0})
            label = _("%(period)s（已审核 %(approved)d / %(total)d 张）") % {
                "period": p.period,
                "approved": row["approved"],
                "total": row["total"],
            }
            choices.append((p.pk, label))
        field = self.fields["period"]
        field.choices = choices  # type: ignore[attr-defined]
        ready = [p.pk for p in periods if counts.get(p.pk, {}).get("approved")]
        if ready:
            field.initial = ready[0]


def _detail_url(pk: int) -> str:
    return reverse("bulletins:detail", args=[pk])


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def index(request: HttpRequest) -> HttpResponse:
    user = access.require_bulletin_reader(request.user)
    manager = access.manages_bulletins(user)
    if request.method == "POST":
        return _generate(request)
    rows = list(
        access.bulletins_for_user(user).defer("data_version").order_by("-generated_at", "-id")[:PAGE_SIZE]
    )
    # Generations still queued or running (background jobs), each linking its progress page.
    running = list(
        jobs_for_user(user).filter(
            kind=JobKind.GENERATE_BULLETIN, state__in=[JobState.QUEUED, JobState.RUNNING]
        )[:10]
    )
    return render(
        request,
        "bulletins/index.html",
        {
            "bulletins": rows,
            "form": GenerateForm() if manager else None,
            "is_manager": manager,
            "running": running,
        },
    )


def _generate(request: HttpRequest) -> HttpResponse:
    user = access.require_bulletin_manager(request.user)
    form = GenerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择时期并填写正确的日期。"))
        return redirect("bulletins:index")
    issued: dt.date | None = form.cleaned_data.get("issued")
    try:
        job = actions.do_start_bulletin_generation(
            user, form.cleaned_data["period"], issued=issued or timezone.localdate()
        )
    except ActionError as exc:
        messages.error(request, str(exc.message))
        return redirect("bulletins:index")
    # Generation takes 8–30 s: it runs as a background job; its page shows the progress, then the bulletin.
    messages.success(request, _("已开始生成通报，完成后可在本页打开预览。"))
    return redirect(reverse("jobs:detail", args=[job.pk]))


def _periods_of(bulletin: Bulletin) -> list[tuple[str, int]]:
    """How many forms of each period the bulletin was made from, latest first."""
    counts = Counter(str(row[2]) for row in bulletin.data_version if len(row) > 2)
    return sorted(counts.items(), key=lambda kv: Period.parse(kv[0]), reverse=True)


@login_required
@require_safe
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_bulletin_reader(request.user)
    bulletin = access.access_bulletin_read(request.user, pk)
    manager = access.manages_bulletins(request.user)
    files = list(access.files_of(bulletin))
    blockers = actions.publish_blockers(bulletin) if bulletin.state_enum is BulletinState.DRAFT else []
    return render(
        request,
        "bulletins/detail.html",
        {
            "bulletin": bulletin,
            "files": files,
            "has_html": any(f.format == "html" for f in files),
            "blockers": blockers,
            "is_manager": manager,
            "periods": _periods_of(bulletin),
            "readiness": actions.readiness(bulletin.period),
            "audit": list(access.audit_for_bulletin(request.user, bulletin)[:100]),
            "can_withdraw": manager and bulletin.state_enum is not BulletinState.WITHDRAWN,
        },
    )


@login_required
@require_safe
def file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    access.require_bulletin_reader(request.user)
    bulletin = access.access_bulletin_read(request.user, pk)
    return file_response(access.access_bulletin_file(bulletin, fmt))


@login_required
@require_safe
@xframe_options_sameorigin
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The HTML bulletin inside the preview page's frame (same origin only, sandboxed)."""
    access.require_bulletin_reader(request.user)
    bulletin = access.access_bulletin_read(request.user, pk)
    return file_response(access.access_bulletin_file(bulletin, "html"), framed=True)


@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_bulletin_reader(request.user)  # the management pages are closed to other roles (403)
    bulletin = access.access_bulletin_manage(request.user, pk)
    user = access.require_bulletin_manager(request.user)
    try:
        actions.do_publish_bulletin(user, bulletin.pk)
    except ActionError as exc:
        messages.error(request, str(exc.message))
        return redirect(_detail_url(pk))
    messages.success(request, _("通报已发布，公众可在公开页面查看和下载。"))
    return redirect(_detail_url(pk))


@login_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_bulletin_reader(request.user)  # the management pages are closed to other roles (403)
    bulletin = access.access_bulletin_manage(request.user, pk)
    user = access.require_bulletin_manager(request.user)
    try:
        actions.do_withdraw_bulletin(user, bulletin.pk, request.POST.get("reason", ""))
    except ActionError as exc:
        messages.error(request, str(exc.message))
        return redirect(_detail_url(pk))
    messages.success(request, _("通报已撤回。"))
    return redirect(_detail_url(pk))
