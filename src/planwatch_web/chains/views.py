"""Chain workspaces and the problem list (namespace "chains"). Views parse and validate the request,
fetch through ``access`` and write through ``actions``; ``pages`` builds what is shown."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from planwatch.chains.schema import InvestmentStatus, RoleKind
from planwatch.chains.workflow import Action
from planwatch_web.chains import actions, brief, pages
from planwatch_web.chains.access import (
    access_chain_act,
    access_chain_manage,
    access_chain_workspace,
    access_policy_manage,
    access_problem_act,
    access_problem_read,
    chains_for_user,
    may_manage,
    office_chain,
    reads_all,
)
from planwatch_web.chains.data import chain_name, get_chains
from planwatch_web.chains.models import RaisedBy
from planwatch_web.chains.todo import todos_for
from planwatch_web.submissions.errors import ActionError


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    """The chains the user may open, with their problem counts, and (prefecture, leaders) the 督办 list."""
    rows = [
        {"chain": c, "name": chain_name(c.id), "summary": pages.summary_for(request.user, c)}
        for c in chains_for_user(request.user)
    ]
    escalated = pages.escalated_items(request.user) if reads_all(request.user) else []
    return render(request, "chains/index.html", {"rows": rows, "escalated": escalated})


@login_required
@require_GET
def todo(request: HttpRequest) -> HttpResponse:
    return render(request, "chains/todo.html", {"todos": todos_for(request.user)})


@login_required
@require_GET
def workspace(request: HttpRequest, chain_id: str) -> HttpResponse:
    chain = access_chain_workspace(request.user, chain_id)
    ctx = pages.workspace(request.user, chain, request.GET.get("as_of") or None)
    ctx["can_raise"] = office_chain(request.user) == chain_id
    chains = get_chains()
    ctx["categories"] = [(c.id, pages._name(c)) for c in chains.file.categories] if chains else []
    ctx["raised_by_kinds"] = RaisedBy.choices
    ctx["can_manage"] = may_manage(request.user, chain_id)
    ctx["investment_states"] = [(k.value, k.label_zh) for k in InvestmentStatus]
    ctx["role_kinds"] = [(k.value, k.label_zh) for k in RoleKind]
    ctx["units"] = [(u.id, pages._name(u)) for u in chains.file.units] if chains else []
    return render(request, "chains/workspace.html", ctx)


@login_required
@require_POST
def raise_problem(request: HttpRequest, chain_id: str) -> HttpResponse:
    access_chain_act(request.user, chain_id)
    kind = request.POST.get("raised_by_kind", "")
    if kind not in RaisedBy.values:
        kind = RaisedBy.ENTERPRISE
    try:
        item = actions.do_raise(
            request.user,  # type: ignore[arg-type]
            chain_id,
            title=request.POST.get("title", ""),
            description=request.POST.get("description", ""),
            raised_by_kind=RaisedBy(kind),
            raised_by=request.POST.get("raised_by", ""),
            category=request.POST.get("category", ""),
            common=request.POST.get("common") == "on",
        )
    except ActionError as exc:
        messages.error(request, str(exc.message))
        return redirect("chains:workspace", chain_id=chain_id)
    messages.success(request, _("已提出问题。"))
    return redirect("chains:item", pk=item.pk)


@login_required
@require_GET
def item(request: HttpRequest, pk: int) -> HttpResponse:
    problem = access_problem_read(request.user, pk)
    ctx = pages.item_page(request.user, problem)
    ctx["can_open_chain"] = reads_all(request.user) or office_chain(request.user) == problem.chain_id
    ctx["action_labels"] = [(t.action.value, pages.action_label(t), t.needs_reason) for t in ctx["actions"]]
    return render(request, "chains/item.html", ctx)


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


@login_required
@require_http_methods(["POST"])
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """One transition of an item; the action named in the URL."""
    problem, _actors = access_problem_act(request.user, pk)
    user = request.user
    reason = request.POST.get("reason", "")
    try:
        chosen = Action(action)
    except ValueError:
        chosen = None
    try:
        if chosen is Action.ASSIGN:
            assist = [u for u in request.POST.getlist("assist_units") if u]
            actions.do_assign(user, problem, lead_unit=request.POST.get("lead_unit", ""), assist_units=assist)  # type: ignore[arg-type]
        elif chosen is Action.ACCEPT:
            actions.do_accept(user, problem)  # type: ignore[arg-type]
        elif chosen is Action.RETURN:
            actions.do_return(user, problem, reason)  # type: ignore[arg-type]
        elif chosen is Action.ASSIST_REPLY:
            actions.do_assist_reply(user, problem, reason)  # type: ignore[arg-type]
        elif chosen is Action.ANSWER:
            actions.do_answer(user, problem, reason)  # type: ignore[arg-type]
        elif chosen is Action.CONFIRM:
            actions.do_confirm(user, problem, reason)  # type: ignore[arg-type]
        elif chosen is Action.REJECT:
            actions.do_reject(user, problem, reason)  # type: ignore[arg-type]
        elif chosen is Action.CLOSE:
            actions.do_close(user, problem)  # type: ignore[arg-type]
        elif chosen is Action.REQUEST_EXTENSION:
            until = _date(request.POST.get("until", ""))
            if until is None:
                raise ActionError(_("请填写延期后的期限（年-月-日）。"), code="bad_date")
            actions.do_request_extension(user, problem, until, reason)  # type: ignore[arg-type]
        elif chosen is Action.APPROVE_EXTENSION:
            actions.do_approve_extension(user, problem, reason)  # type: ignore[arg-type]
        elif chosen is Action.REFUSE_EXTENSION:
            actions.do_refuse_extension(user, problem, reason)  # type: ignore[arg-type]
        elif chosen is Action.ESCALATE:
            actions.do_escalate(user, problem, reason)  # type: ignore[arg-type]
        else:
            return HttpResponse(status=404)
    except ActionError as exc:
        messages.error(request, str(exc.message))
        return redirect("chains:item", pk=pk)
    messages.success(request, _("已办理。"))
    return redirect("chains:item", pk=pk)


@login_required
@require_POST
def fill_role(request: HttpRequest, chain_id: str) -> HttpResponse:
    """The prefecture records who holds a role the plan leaves to fill."""
    access_chain_manage(request.user, chain_id)
    try:
        role = RoleKind(request.POST.get("role", ""))
    except ValueError:
        messages.error(request, _("请选择职责。"))
        return redirect("chains:workspace", chain_id=chain_id)
    try:
        actions.do_fill_role(
            request.user,  # type: ignore[arg-type]
            chain_id,
            role,
            person=request.POST.get("person", ""),
            post=request.POST.get("post", ""),
            units=[u for u in request.POST.getlist("units") if u],
        )
    except ActionError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已保存。"))
    return redirect("chains:workspace", chain_id=chain_id)


@login_required
@require_POST
def add_policy(request: HttpRequest, chain_id: str) -> HttpResponse:
    """The prefecture adds a policy document to the chain's 政策清单."""
    access_chain_manage(request.user, chain_id)
    issued_text = request.POST.get("issued", "").strip()
    issued = _date(issued_text) if issued_text else None
    if issued_text and issued is None:
        messages.error(request, _("日期应写作 年-月-日。"))
        return redirect("chains:workspace", chain_id=chain_id)
    try:
        actions.do_add_policy(
            request.user,  # type: ignore[arg-type]
            chain_id,
            title=request.POST.get("title", ""),
            issuer=request.POST.get("issuer", ""),
            number=request.POST.get("number", ""),
            issued=issued,
        )
    except ActionError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已保存。"))
    return redirect("chains:workspace", chain_id=chain_id)


@login_required
@require_GET
def brief_html(request: HttpRequest, chain_id: str) -> HttpResponse:
    chain = access_chain_workspace(request.user, chain_id)
    return HttpResponse(brief.render_html(request.user, chain), content_type="text/html; charset=utf-8")


@login_required
@require_GET
def brief_docx(request: HttpRequest, chain_id: str) -> HttpResponse:
    chain = access_chain_workspace(request.user, chain_id)
    response = HttpResponse(
        brief.render_docx(request.user, chain),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="brief-{chain_id}.docx"'
    return response


@login_required
@require_GET
def brief_pdf(request: HttpRequest, chain_id: str) -> HttpResponse:
    chain = access_chain_workspace(request.user, chain_id)
    response = HttpResponse(brief.render_pdf(request.user, chain), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="brief-{chain_id}.pdf"'
    return response


@login_required
@require_POST
def clear_role(request: HttpRequest, chain_id: str) -> HttpResponse:
    """Remove who holds a role (the role is open again; the change is recorded)."""
    access_chain_manage(request.user, chain_id)
    try:
        role = RoleKind(request.POST.get("role", ""))
    except ValueError:
        messages.error(request, _("请选择职责。"))
        return redirect("chains:workspace", chain_id=chain_id)
    try:
        actions.do_clear_role(request.user, chain_id, role)  # type: ignore[arg-type]
    except ActionError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已清除。"))
    return redirect("chains:workspace", chain_id=chain_id)


@login_required
@require_POST
def edit_policy(request: HttpRequest, pk: int) -> HttpResponse:
    policy = access_policy_manage(request.user, pk)
    issued_text = request.POST.get("issued", "").strip()
    issued = _date(issued_text) if issued_text else None
    if issued_text and issued is None:
        messages.error(request, _("日期应写作 年-月-日。"))
        return redirect("chains:workspace", chain_id=policy.chain_id)
    try:
        actions.do_edit_policy(
            request.user,  # type: ignore[arg-type]
            policy,
            title=request.POST.get("title", ""),
            issuer=request.POST.get("issuer", ""),
            number=request.POST.get("number", ""),
            issued=issued,
        )
    except ActionError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已保存。"))
    return redirect("chains:workspace", chain_id=policy.chain_id)


@login_required
@require_POST
def delete_policy(request: HttpRequest, pk: int) -> HttpResponse:
    policy = access_policy_manage(request.user, pk)
    actions.do_delete_policy(request.user, policy)  # type: ignore[arg-type]
    messages.success(request, _("已删除。"))
    return redirect("chains:workspace", chain_id=policy.chain_id)


@login_required
@require_POST
def target_status(request: HttpRequest, chain_id: str) -> HttpResponse:
    """Record where a 招商 target stands now."""
    access_chain_manage(request.user, chain_id)
    try:
        status = InvestmentStatus(request.POST.get("status", ""))
    except ValueError:
        messages.error(request, _("请选择状态。"))
        return redirect("chains:workspace", chain_id=chain_id)
    try:
        actions.do_set_target_status(
            request.user,  # type: ignore[arg-type]
            chain_id,
            request.POST.get("target", ""),
            status,
            request.POST.get("note", ""),
        )
    except ActionError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已保存。"))
    return redirect("chains:workspace", chain_id=chain_id)
