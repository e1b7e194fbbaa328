"""The form page of one submission: show, save, submit, Excel template and upload, review.

Views only parse, validate and check access; the ``do_*`` actions change state.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from planwatch.domain.enums import Severity
from planwatch.domain.observations import ObservationTable
from planwatch_web.audit.models import AuditAction
from planwatch_web.core.plan import get_plan
from planwatch_web.submissions import access, actions
from planwatch_web.submissions.errors import ActionError, StaleVersionError
from planwatch_web.submissions.formlines import form_lines
from planwatch_web.submissions.ingest_bridge import check_upload, lang_code, template_for, upload_inputs
from planwatch_web.submissions.pages import detail_context
from planwatch_web.submissions.states import Transition
from planwatch_web.submissions.validation import StoredLine, parse_grid

UPLOAD_SUFFIXES = (".xlsx", ".xlsm", ".csv")


def _detail_url(pk: int) -> str:
    return reverse("submissions:detail", args=[pk])


def default_source(scope_id: str, period: str) -> str:
    """The source of a line whose 数据来源 is left blank (grid or upload): "<范围>填报（<时期>）".

    Data text, kept in Chinese whatever the interface language (sources are cited in bulletins).
    """
    scope = get_plan().scopes.get(scope_id)
    return f"{scope.name if scope else scope_id}填报（{period}）"


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST":
        return _save(request, pk)
    submission = access.access_submission_read(request.user, pk)
    return render(request, "submissions/detail.html", detail_context(request, submission))


def _save(request: HttpRequest, pk: int) -> HttpResponse:
    submission = access.access_submission_write(request.user, pk)
    user = access.require_user(request.user)
    plan = get_plan()
    lines = form_lines(plan, submission.scope_id, submission.period.as_period)
    stored = {dv.line_key: StoredLine(dv.value, dv.source) for dv in access.values_of(request.user, submission)}
    grid = parse_grid(
        lines,
        request.POST,
        stored=stored,
        default_source=default_source(submission.scope_id, submission.period.period),
        origin="",
    )
    if not grid.ok:
        messages.error(
            request, _("有 %(n)d 处填写有误，未保存任何数据。请按提示修改。") % {"n": len(grid.errors)}
        )
        return render(
            request, "submissions/detail.html", detail_context(request, submission, grid=grid), status=400
        )
    try:
        expected = int(request.POST.get("version", ""))
    except ValueError:
        expected = -1
    try:
        result = actions.do_save_values(user, submission.pk, grid.inputs, expected_version=expected)
    except StaleVersionError as exc:
        messages.error(request, str(exc.message))
        submission = access.access_submission_read(request.user, pk)
        return render(
            request, "submissions/detail.html", detail_context(request, submission, grid=grid), status=409
        )
    except ActionError as exc:
        messages.error(request, str(exc.message))
        return redirect(_detail_url(pk))
    if request.POST.get("action") == "submit":
        try:
            actions.do_submit(user, submission.pk, expected_version=result.version)
        except ActionError as exc:
            if result.changed:
                messages.info(request, _("已保存 %(n)d 项修改。") % {"n": result.changed})
            messages.error(request, str(exc.message))
            submission = access.access_submission_read(request.user, pk)
            return render(
                request,
                "submissions/detail.html",
                detail_context(request, submission, details=exc.details),
                status=400,
            )
        messages.success(request, _("已上报，等待州级审核。"))
    elif result.changed:
        messages.success(request, _("已保存 %(n)d 项修改。") % {"n": result.changed})
    else:
        messages.info(request, _("没有需要保存的修改。"))
    return redirect(_detail_url(pk))


@login_required
@require_safe
def template(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The pre-filled Excel template of this form (made by planwatch.ingest.template)."""
    submission = access.access_submission_read(request.user, pk)
    current = ObservationTable.of(
        o for o in (dv.to_observation() for dv in access.values_of(request.user, submission)) if o is not None
    )
    name = f"{submission.scope_id}_{submission.period.period}.xlsx"
    data = template_for(get_plan(), submission, current)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _safe_name(name: str) -> str:
    base = Path(name).name
    cleaned = re.sub(r"[^\w.\-\u4e00-\u9fff（）()]", "_", base)[:120]
    return cleaned or "upload.xlsx"


@login_required
@require_POST
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a filled template: validated by the core, all problems at once, nothing saved on any error."""
    submission = access.access_submission_write(request.user, pk)
    user = access.require_user(request.user)
    if not submission.editable:
        messages.error(
            request,
            _("本表状态为「%(state)s」，数据已锁定，不能导入。") % {"state": submission.state_enum.label},
        )
        return redirect(_detail_url(pk))
    uploaded = request.FILES.get("file")
    if uploaded is None:
        messages.error(request, _("请选择要上传的文件（.xlsx、.xlsm 或 .csv）。"))
        return redirect(_detail_url(pk))
    name = _safe_name(uploaded.name or "")
    if not name.lower().endswith(UPLOAD_SUFFIXES):
        messages.error(request, _("只能上传 Excel 工作簿（.xlsx、.xlsm）或 CSV 文件（.csv，UTF-8 或 GBK 编码）。"))
        return redirect(_detail_url(pk))
    if uploaded.size is not None and uploaded.size > settings.PLANWATCH_UPLOAD_MAX_BYTES:
        messages.error(
            request, _("文件太大（上限 %(mb)d MB）。") % {"mb": settings.PLANWATCH_UPLOAD_MAX_BYTES // 2**20}
        )
        return redirect(_detail_url(pk))
    plan = get_plan()
    lang = lang_code(get_language())
    lines = form_lines(plan, submission.scope_id, submission.period.as_period)
    with tempfile.TemporaryDirectory(prefix="planwatch-upload-") as tmp:
        path = Path(tmp) / name
        with path.open("wb") as fh:
            for chunk in uploaded.chunks():
                fh.write(chunk)
        result = check_upload(path, plan, submission, lines)
    problems = result.problems
    if not result.ok:
        n = sum(1 for p in problems if p.severity is Severity.ERROR)
        messages.error(request, _("文件中发现 %(n)d 处错误，未导入任何数据。请修改后重新上传。") % {"n": n})
        return render(
            request,
            "submissions/detail.html",
            detail_context(request, submission, problems=problems),
            status=400,
        )
    if not len(result.table):
        messages.error(request, _("文件中没有填写任何数值，未导入。"))
        return render(
            request,
            "submissions/detail.html",
            detail_context(request, submission, problems=problems),
            status=400,
        )
    inputs = upload_inputs(
        result.table,
        {dv.line_key: dv for dv in access.values_of(request.user, submission)},
        file_name=name,
        default_source=default_source(submission.scope_id, submission.period.period),
    )
    try:
        saved = actions.do_save_values(
            user,
            submission.pk,
            inputs,
            expected_version=None,
            audit_action=AuditAction.IMPORT_EXCEL,
            origin=name,
        )
    except ActionError as exc:
        messages.error(request, str(exc.message))
        return redirect(_detail_url(pk))
    messages.success(request, _("已从 %(file)s 导入 %(n)d 项修改。") % {"file": name, "n": saved.changed})
    for p in problems:
        where = str(p.location)
        messages.warning(request, f"{where}：{p.message(lang)}" if where else p.message(lang))
    return redirect(_detail_url(pk))


@login_required
@require_POST
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve, return (with a reason), publish or reopen (with a reason): the prefecture administrator."""
    submission = access.access_submission_review(request.user, pk)
    user = access.require_user(request.user)
    step = request.POST.get("transition", "")
    reason = request.POST.get("reason", "")
    done = {
        Transition.APPROVE: _("已审核通过，数据已锁定。"),
        Transition.RETURN: _("已退回，填报单位将看到退回原因。"),
        Transition.PUBLISH: _("已发布。"),
        Transition.REOPEN: _("已重新开放，填报单位可以修改。"),
    }
    try:
        transition = Transition(step)
        if transition is Transition.APPROVE:
            actions.do_approve(user, submission.pk)
        elif transition is Transition.RETURN:
            actions.do_return(user, submission.pk, reason)
        elif transition is Transition.PUBLISH:
            actions.do_publish(user, submission.pk)
        elif transition is Transition.REOPEN:
            actions.do_reopen(user, submission.pk, reason)
        else:
            raise ValueError(step)
    except ValueError:
        messages.error(request, _("未知的操作。"))
    except ActionError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, done[transition])
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(_detail_url(pk))
