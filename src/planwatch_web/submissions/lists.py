"""List pages: my tasks, all forms I may see, the approval queue, periods and deadlines, overdue forms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from planwatch_web.core.plan import get_plan, plan_order, scope_label
from planwatch_web.submissions import access, actions
from planwatch_web.submissions.errors import ActionError
from planwatch_web.submissions.models import ReportingPeriod, Submission
from planwatch_web.submissions.states import EDITABLE, SubmissionState

PAGE_SIZE = 200
LIST_PAGE_SIZE = 100  # /forms/all/: pages of 100 (?page=2), filters kept


def _today() -> dt.date:
    return timezone.localdate()


@login_required
@require_safe
def tasks(request: HttpRequest) -> HttpResponse:
    """我的任务: the forms this user fills that are still open, then their recent forms."""
    scopes = sorted(access.writable_scopes(request.user))
    mine = access.submissions_for_user(request.user).filter(scope_id__in=scopes)
    open_forms = list(
        mine.filter(state__in=EDITABLE, period__closed_at__isnull=True).order_by("period__deadline", "scope_id")[
            :PAGE_SIZE
        ]
    )
    recent = list(mine.exclude(state__in=EDITABLE).order_by("-period__end_ordinal", "scope_id")[:20])
    queue_count = (
        access.submissions_for_user(request.user).filter(state=SubmissionState.SUBMITTED).count()
        if access.is_reviewer(request.user)
        else 0
    )
    return render(
        request,
        "submissions/tasks.html",
        {"open_forms": open_forms, "recent": recent, "today": _today(), "queue_count": queue_count},
    )


class FilterForm(forms.Form):
    period = forms.CharField(required=False, label=gettext_lazy("时期"))
    state = forms.ChoiceField(
        required=False,
        label=gettext_lazy("状态"),
        choices=[("", gettext_lazy("全部")), *SubmissionState.choices],
    )
    scope = forms.CharField(required=False, label=gettext_lazy("范围"))


@login_required
@require_safe
def submission_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    qs = access.submissions_for_user(request.user)
    if form.is_valid():
        if form.cleaned_data["period"]:
            qs = qs.filter(period__period=form.cleaned_data["period"].strip())
        if form.cleaned_data["state"]:
            qs = qs.filter(state=form.cleaned_data["state"])
        if form.cleaned_data["scope"]:
            found = get_plan().find_scope(form.cleaned_data["scope"])
            qs = qs.filter(scope_id=found.id if found else form.cleaned_data["scope"].strip())
    order = plan_order()
    page = Paginator(qs.order_by("-period__end_ordinal", "scope_id"), LIST_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = sorted(page.object_list, key=lambda s: (-s.period.end_ordinal, order.get(s.scope_id, 999)))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "submissions/list.html",
        {
            "form": form,
            "rows": rows,
            "page": page,
            "total": page.paginator.count,
            "query": query.urlencode(),
            "today": _today(),
        },
    )


@login_required
@require_safe
def queue(request: HttpRequest) -> HttpResponse:
    """审核队列: forms waiting for the prefecture, oldest first; approved forms waiting to be published."""
    access.require_admin(request.user)
    qs = access.submissions_for_user(request.user)
    waiting = list(
        qs.filter(state=SubmissionState.SUBMITTED)
        .select_related("submitted_by")
        .order_by("submitted_at", "scope_id")[:PAGE_SIZE]
    )
    approved = list(
        qs.filter(state=SubmissionState.APPROVED).order_by("-period__end_ordinal", "scope_id")[:PAGE_SIZE]
    )
    return render(
        request, "submissions/queue.html", {"waiting": waiting, "approved": approved, "today": _today()}
    )


# -- periods ----------------------------------------------------------------------------------------------
class OpenPeriodForm(forms.Form):
    period = forms.CharField(
        label=gettext_lazy("时期"), max_length=20, help_text=gettext_lazy("如 2025Q3、2025-09、2025")
    )
    deadline = forms.DateField(
        label=gettext_lazy("截止日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("留空则为时期结束后次月15日"),
    )


class DeadlineForm(forms.Form):
    deadline = forms.DateField(label=gettext_lazy("截止日期"), widget=forms.DateInput(attrs={"type": "date"}))


@dataclass
class PeriodRow:
    period: ReportingPeriod
    counts: dict[str, int]
    overdue: int
    total: int


def _period_rows(request: HttpRequest, periods: list[ReportingPeriod]) -> list[PeriodRow]:
    today = _today()
    visible = access.submissions_for_user(request.user).filter(period__in=periods)
    tallies: dict[int, dict[str, int]] = {}
    for period_id, state, n in visible.values_list("period_id", "state").annotate(n=Count("id")).order_by():
        tallies.setdefault(period_id, {})[state] = n
    rows = []
    for rp in periods:
        counts = tallies.get(rp.pk, {})
        open_n = sum(counts.get(s.value, 0) for s in EDITABLE)
        late = today > rp.deadline and not rp.is_closed
        rows.append(PeriodRow(rp, counts, open_n if late else 0, sum(counts.values())))
    return rows


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def periods(request: HttpRequest) -> HttpResponse:
    """填报期: every period with its deadline and how many forms are in each state; the admin opens new ones."""
    form = OpenPeriodForm(request.POST or None)
    if request.method == "POST":
        user = access.require_admin(request.user)
        if form.is_valid():
            try:
                rp = actions.do_open_period(user, form.cleaned_data["period"], form.cleaned_data["deadline"])
            except ActionError as exc:
                form.add_error("period", str(exc.message))
            else:
                messages.success(request, _("已开启填报期 %(period)s。") % {"period": rp.period})
                return redirect(reverse("submissions:period", args=[rp.pk]))
    page = list(ReportingPeriod.objects.all()[:60])
    return render(
        request,
        "submissions/periods.html",
        {
            "rows": _period_rows(request, page),
            "form": form,
            "states": list(SubmissionState),
            "is_admin": access.is_reviewer(request.user),
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rp = get_object_or_404(ReportingPeriod, pk=pk)
    form = DeadlineForm(request.POST or None, initial={"deadline": rp.deadline})
    if request.method == "POST":
        user = access.require_admin(request.user)
        if form.is_valid():
            try:
                actions.do_set_deadline(user, rp.pk, form.cleaned_data["deadline"])
            except ActionError as exc:
                form.add_error("deadline", str(exc.message))
            else:
                messages.success(request, _("截止日期已修改。"))
                return redirect(reverse("submissions:period", args=[rp.pk]))
    today = _today()
    rows = list(access.submissions_for_user(request.user).filter(period=rp))
    order = plan_order()
    rows.sort(key=lambda s: order.get(s.scope_id, 999))
    return render(
        request,
        "submissions/period_detail.html",
        {
            "period": rp,
            "rows": rows,
            "form": form,
            "today": today,
            "is_admin": access.is_reviewer(request.user),
            "overdue": [s for s in rows if s.is_overdue(today)],
            "late": [s for s in rows if s.submitted_late],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def close_period(request: HttpRequest, pk: int) -> HttpResponse:
    """关闭 / 重新开启 a period (administrator, with a reason)."""
    user = access.require_admin(request.user)
    rp = get_object_or_404(ReportingPeriod, pk=pk)
    reopen = request.POST.get("action") == "reopen"
    try:
        if reopen:
            actions.do_reopen_period(user, rp.pk, request.POST.get("reason", ""))
        else:
            actions.do_close_period(user, rp.pk, request.POST.get("reason", ""))
    except ActionError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            _("填报期 %(period)s 已重新开启。") % {"period": rp.period}
            if reopen
            else _("填报期 %(period)s 已关闭，未报的表不再计为逾期。") % {"period": rp.period},
        )
    return redirect(reverse("submissions:period", args=[rp.pk]))


@login_required
@require_POST
def publish_period(request: HttpRequest, pk: int) -> HttpResponse:
    user = access.require_admin(request.user)
    rp = get_object_or_404(ReportingPeriod, pk=pk)
    n = actions.do_publish_period(user, rp.pk)
    messages.success(request, _("已发布 %(n)d 张表。") % {"n": n})
    return redirect(reverse("submissions:period", args=[rp.pk]))


@dataclass
class OverdueRow:
    submission: Submission
    scope_name: str
    days: int


@login_required
@require_safe
def overdue(request: HttpRequest) -> HttpResponse:
    """逾期未报: every form still open after its period's deadline, most overdue first."""
    today = _today()
    qs = access.submissions_for_user(request.user).filter(
        state__in=EDITABLE, period__deadline__lt=today, period__closed_at__isnull=True
    )
    order = plan_order()
    found = sorted(
        qs.order_by("period__deadline")[:PAGE_SIZE],
        key=lambda s: (s.period.deadline, order.get(s.scope_id, 999)),
    )
    rows = [OverdueRow(s, scope_label(s.scope_id), (today - s.period.deadline).days) for s in found]
    return render(request, "submissions/overdue.html", {"rows": rows, "today": today, "total": qs.count()})
