"""Web editing of enterprises and projects: the forms' values in the register's words, read back
by the core readers' rules (``read_register_form``, ``read_project_form``), saved by the actions
with the version the form showed (409 when someone saved first). Access per object: the object
must be readable (404 otherwise) and writable before and after the change (403 otherwise)."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from planwatch.domain.periods import Period, PeriodError
from planwatch.enterprises.columns import COLUMNS, RegisterColumnKind
from planwatch.enterprises.read import read_register_form
from planwatch.ingest.values import NumberError, parse_number
from planwatch.projects.read import COLUMNS as PROJECT_COLUMNS
from planwatch.projects.read import read_project_form, read_projects
from planwatch.projects.record import InvestorOrigin, ProjectNature, ProjectStage, Top500
from planwatch_web.chains.data import get_chains
from planwatch_web.core.plan import get_plan
from planwatch_web.registry import access, actions
from planwatch_web.registry.models import STAGE_FIELDS, Enterprise, Project, RegistryChange

ENTERPRISE_FORM = [c for c in COLUMNS if c.kind not in (RegisterColumnKind.YEAR_NUMBER, RegisterColumnKind.POOLS)]
PROJECT_FORM = [(k, zh) for k, (zh, _a, _k, _r) in PROJECT_COLUMNS.items()]
DATE_KEYS = {"talks": "talks_on", "signed": "signed_on", "started": "started_on", "producing": "producing_on",
             "stopped": "stopped_on"}


def _name(scope_id: str) -> str:
    plan = get_plan()
    return plan.scopes[scope_id].name if scope_id in plan.scopes else scope_id


def enterprise_words(ent: Enterprise) -> dict[str, str]:
    """The enterprise in the register file's words (what the export writes), column key → text."""
    flags = set(ent.flags) | ({"chain_leader"} if ent.is_chain_leader else set())
    out = {
        "uscc": ent.uscc, "name": ent.name, "county": _name(ent.county), "park": _name(ent.park) if ent.park else "",
        "chains": "、".join(_name(c) for c in ent.all_chains()), "chain_nodes": "；".join(ent.chain_node_ids()),
        "industry": ent.industry,
        "scale_enter": "；".join(f"{y}-{int(m):02d}" for y, m, k in ent.scale_events if k == "enter"),
        "scale_exit": "；".join(f"{y}-{int(m):02d}" for y, m, k in ent.scale_events if k == "exit"),
        "listing": ent.get_listing_display() if ent.listing else "",
    }
    for c in COLUMNS:
        if c.kind is RegisterColumnKind.FLAG and c.flag is not None:
            out[c.key] = "是" if c.flag.value in flags else "否"
    return out


def project_words(p: Project) -> dict[str, str]:
    """The project in the project file's words, column key → text."""
    out = {
        "key": p.key, "name": p.name, "investor": p.investor, "origin": InvestorOrigin(p.origin).label_zh,
        "top500": Top500(p.top500).label_zh if p.top500 else "", "county": _name(p.county),
        "park": _name(p.park) if p.park else "", "chain": _name(p.chain) if p.chain else "", "unit": p.unit,
        "person": p.person, "stage": ProjectStage(p.stage).label_zh,
        "signed_amount": f"{p.signed_amount:g}", "planned_investment": f"{p.planned_investment:g}",
        "nature": ProjectNature(p.nature).label_zh, "earlier": p.earlier.key if p.earlier_id and p.earlier else "",
        "earlier_amount": f"{p.earlier_amount:g}" if p.earlier_amount else "",
    }
    for key, attr in DATE_KEYS.items():
        day = getattr(p, attr)
        out[key] = day.isoformat() if day else ""
    return out


def _posted(request: HttpRequest, keys: list[str]) -> dict[str, str]:
    return {k: request.POST.get(k, "").strip() for k in keys}


def _version(request: HttpRequest) -> int:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return -1


@login_required
def enterprise_edit(request: HttpRequest, pk: int) -> HttpResponse:
    ent = access.access_enterprise(request.user, pk, write=True)
    if not access.may_write_at(request.user, ent.county, ent.park, ent.all_chains()):
        raise PermissionDenied
    fields = [(c.key, c.zh, c.kind.value) for c in ENTERPRISE_FORM]
    if request.method != "POST":
        return render(request, "registry/enterprise_edit.html",
                      {"ent": ent, "fields": fields, "values": enterprise_words(ent), "version": ent.version})
    values = _posted(request, [c.key for c in ENTERPRISE_FORM])
    values["uscc"] = ent.uscc  # the code identifies the enterprise: not edited here (merge duplicates instead)
    for c in ENTERPRISE_FORM:  # an unticked flag is 否
        if c.kind is RegisterColumnKind.FLAG and not values[c.key]:
            values[c.key] = "否"
    reason = request.POST.get("reason", "").strip()
    context: dict[str, Any] = {"ent": ent, "fields": fields, "values": values, "version": _version(request)}
    result = read_register_form(values, get_plan(), chains=get_chains())
    if result.has_errors:
        context["problems"] = [p.render() for p in result.problems]
        messages.error(request, _("表单中有错误，未保存任何修改。"))
        return render(request, "registry/enterprise_edit.html", context, status=400)
    (rec,) = result.enterprises
    if not access.may_write_at(request.user, rec.county, rec.park, rec.chains):
        raise PermissionDenied
    try:
        actions.do_edit_enterprise(request.user, ent.pk, _version(request), rec, reason)  # type: ignore[arg-type]
    except actions.StaleEditError:
        messages.error(request, _("该企业已被他人修改，请查看最新内容后重新修改。"))
        fresh = Enterprise.objects.get(pk=ent.pk)
        context.update(values=enterprise_words(fresh), version=fresh.version)
        return render(request, "registry/enterprise_edit.html", context, status=409)
    messages.success(request, _("已保存，修改已记入变更记录。"))
    return redirect("registry:enterprise", pk=ent.pk)


def _project_context(project: Project | None, values: dict[str, str], version: int) -> dict[str, Any]:
    return {"project": project, "fields": PROJECT_FORM, "values": values, "version": version}


@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    access.require_registry_reader(request.user)
    if not access.can_write(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "registry/project_edit.html", _project_context(None, {"stage": "洽谈"}, 0))
    values = _posted(request, [k for k, _zh in PROJECT_FORM])
    result = read_project_form(values, get_plan())
    if result.has_errors:
        messages.error(request, _("表单中有错误，未保存任何修改。"))
        return render(request, "registry/project_edit.html",
                      _project_context(None, values, 0) | {"problems": [p.render() for p in result.problems]},
                      status=400)
    (rec,) = result.projects
    if not access.may_write_at(request.user, rec.county, rec.park, (rec.chain,) if rec.chain else ()):
        raise PermissionDenied
    try:
        project = actions.do_create_project(request.user, rec)  # type: ignore[arg-type]
    except actions.RegistryActionError as exc:
        messages.error(request, _("项目编号已存在。") if str(exc) == "key" else _("原项目编号不存在。"))
        return render(request, "registry/project_edit.html", _project_context(None, values, 0), status=400)
    messages.success(request, _("项目已创建。"))
    return redirect("registry:project", pk=project.pk)


@login_required
@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.access_project(request.user, pk)
    history = RegistryChange.objects.filter(object_type="project", object_id=str(project.pk))
    dates = [(ProjectStage(s), getattr(project, attr)) for s, attr in STAGE_FIELDS.items()]
    return render(request, "registry/project.html", {
        "project": project, "history": history, "funds": project.funds.all(), "dates": dates,
        "next_stages": [(n.value, n.label_zh) for n in ProjectStage(project.stage).next_stages()],
        "can_write": access.can_write(request.user)
        and access.may_write_at(request.user, project.county, project.park, (project.chain,) if project.chain else ()),
        "today": dt.date.today(),
    })


def _project_for_write(request: HttpRequest, pk: int) -> Project:
    project = access.access_project(request.user, pk, write=True)
    if not access.may_write_at(request.user, project.county, project.park, (project.chain,) if project.chain else ()):
        raise PermissionDenied
    return project


@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for_write(request, pk)
    if request.method != "POST":
        return render(request, "registry/project_edit.html",
                      _project_context(project, project_words(project), project.version))
    values = _posted(request, [k for k, _zh in PROJECT_FORM])
    values["key"] = project.key
    values["stage"] = ProjectStage(project.stage).label_zh  # the stage moves by 推进, with its date
    context = _project_context(project, values, _version(request))
    result = read_project_form(values, get_plan())
    if result.has_errors:
        messages.error(request, _("表单中有错误，未保存任何修改。"))
        return render(request, "registry/project_edit.html",
                      context | {"problems": [p.render() for p in result.problems]}, status=400)
    (rec,) = result.projects
    if not access.may_write_at(request.user, rec.county, rec.park, (rec.chain,) if rec.chain else ()):
        raise PermissionDenied
    try:
        actions.do_edit_project(request.user, project.pk, _version(request), rec,  # type: ignore[arg-type]
                                request.POST.get("reason", "").strip())
    except actions.StaleEditError:
        messages.error(request, _("该项目已被他人修改，请查看最新内容后重新修改。"))
        fresh = Project.objects.get(pk=project.pk)
        return render(request, "registry/project_edit.html",
                      _project_context(fresh, project_words(fresh), fresh.version), status=409)
    except actions.RegistryActionError:
        messages.error(request, _("原项目编号不存在。"))
        return render(request, "registry/project_edit.html", context, status=400)
    messages.success(request, _("已保存，修改已记入变更记录。"))
    return redirect("registry:project", pk=project.pk)


@login_required
@require_POST
def project_funds(request: HttpRequest, pk: int) -> HttpResponse:
    """到位资金 of a period: a month (2024-06), a quarter (2024Q2) or a year (2024), in 万元."""
    project = _project_for_write(request, pk)
    text = request.POST.get("period", "").strip()
    try:
        period = Period.parse(text)
        amount = parse_number(request.POST.get("amount", "").strip()).value
        fixed = parse_number(request.POST.get("fixed_assets", "").strip() or "0").value or 0.0
    except (PeriodError, NumberError):
        messages.error(request, _("请填写时期（如 2024-06、2024Q2 或 2024）和到位资金（万元，数字）。"))
        return redirect("registry:project", pk=project.pk)
    if amount is None or amount < 0 or fixed < 0 or fixed > amount:
        messages.error(request, _("到位资金不能为负，其中固定资产投资不能大于到位资金。"))
        return redirect("registry:project", pk=project.pk)
    actions.do_set_funds(request.user, project.pk, str(period), amount, fixed,  # type: ignore[arg-type]
                         request.POST.get("reason", "").strip())
    messages.success(request, _("到位资金已保存。"))
    return redirect("registry:project", pk=project.pk)


@login_required
@require_POST
def project_problem(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project_for_write(request, pk)
    resolve = request.POST.get("resolve", "")
    try:
        actions.do_project_problem(request.user, project.pk, add=request.POST.get("text", ""),  # type: ignore[arg-type]
                                   resolve=int(resolve) if resolve.isdigit() else None,
                                   reason=request.POST.get("reason", "").strip())
    except actions.RegistryActionError:
        messages.error(request, _("请填写问题内容。"))
    return redirect("registry:project", pk=project.pk)


@login_required
def projects_import(request: HttpRequest) -> HttpResponse:
    """Upload a project file: the core reader checks it; nothing is saved on an error or on a
    project outside the user's scope."""
    from planwatch_web.registry.views import UPLOAD_SUFFIXES, _lang, _safe_name

    access.require_registry_reader(request.user)
    if not access.can_write(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return render(request, "registry/projects_import.html", {})
    uploaded = request.FILES.get("file")
    if uploaded is None or not (uploaded.name or "").lower().endswith(UPLOAD_SUFFIXES):
        messages.error(request, _("请选择 .xlsx 或 .csv 项目文件。"))
        return render(request, "registry/projects_import.html", {}, status=400)
    name = _safe_name(uploaded.name or "")
    with tempfile.TemporaryDirectory(prefix="planwatch-projects-") as tmp:
        path = Path(tmp) / name
        with path.open("wb") as fh:
            for chunk in uploaded.chunks():
                fh.write(chunk)
        result = read_projects([path], get_plan())
    problems = [p.render(_lang()) for p in result.problems]
    if result.has_errors:
        messages.error(request, _("文件中发现 %(n)d 处错误，未导入任何数据。请修改后重新上传。")
                       % {"n": sum(p.severity.value == "error" for p in result.problems)})
        return render(request, "registry/projects_import.html", {"problems": problems}, status=400)
    outside = [p for p in result.projects
               if not access.may_write_at(request.user, p.county, p.park, (p.chain,) if p.chain else ())]
    existing = {p.key: p for p in Project.objects.filter(key__in=[r.key for r in result.projects])}
    outside += [r for r in result.projects if r.key in existing and not access.may_write_at(
        request.user, existing[r.key].county, existing[r.key].park, (existing[r.key].chain,))]
    if outside:
        messages.error(request, _("文件中有 %(n)d 个项目不在您负责的范围内（如 %(name)s），未导入任何数据。")
                       % {"n": len(outside), "name": outside[0].name})
        return render(request, "registry/projects_import.html", {"problems": problems}, status=400)
    try:
        created, updated = actions.do_import_projects(request.user, result.projects, name)  # type: ignore[arg-type]
    except actions.RegistryActionError:
        messages.error(request, _("原项目编号不存在，未导入任何数据。"))
        return render(request, "registry/projects_import.html", {"problems": problems}, status=400)
    messages.success(request, _("已导入：新增 %(c)d 个，更新 %(u)d 个。") % {"c": created, "u": updated})
    return render(request, "registry/projects_import.html", {"problems": problems})


@login_required
@require_GET
def projects_export(request: HttpRequest) -> HttpResponse:
    """The user's projects (the pipeline's filters) as an Excel file the importer reads back
    (one sheet: the reader reads every sheet as projects; 到位资金 are on each project's page)."""
    import openpyxl

    from planwatch_web.registry.views import _safe_cell, filtered_projects

    qs = filtered_projects(request)[0].select_related("earlier")
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "项目"
    ws.append([zh for _k, zh in PROJECT_FORM])
    for p in qs:
        words = project_words(p)
        ws.append([_safe_cell(words.get(k, "")) for k, _zh in PROJECT_FORM])
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="projects.xlsx"'
    return response
