"""Pages of the register, the pool review queue, the project pipeline and the reconciliation.

Views parse and validate; every read goes through ``registry.access`` and every write through a
named action of ``registry.actions``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import tempfile
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, Count, F, Q, Sum, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from planwatch.domain.enums import Severity
from planwatch.domain.periods import Period
from planwatch.enterprises.columns import COLUMNS, RegisterColumnKind
from planwatch.enterprises.nodes import node_label
from planwatch.enterprises.pool_rules import load_pool_rules
from planwatch.enterprises.read import read_register
from planwatch.enterprises.register_counts import compare, load_register_counts, register_observations
from planwatch.enterprises.screening import screen, tier_name
from planwatch.projects.counting import decide, load_counting_rules, stuck
from planwatch.projects.record import ProjectStage
from planwatch_web.chains.data import get_chains
from planwatch_web.core.observations import database_observations
from planwatch_web.core.plan import descendants, get_plan, scope_label
from planwatch_web.registry import access, actions
from planwatch_web.registry.models import LABELS, STAGE_FIELDS, EnterpriseChain, RegistryChange

UPLOAD_SUFFIXES = (".xlsx", ".csv")
PAGE_SIZE = 100
STUCK_SHOWN = 100  # the longest-stuck projects listed (the count says how many in all)


def _lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[^\w.\-\u4e00-\u9fff（）()]", "_", Path(name).name)[:120]
    return cleaned or "upload.xlsx"


def _filtered(request: HttpRequest):  # type: ignore[no-untyped-def]
    qs = access.enterprises_for_user(request.user)
    f = {k: request.GET.get(k, "").strip() for k in ("county", "park", "chain", "scale", "q")}
    if f["county"]:
        qs = qs.filter(county=f["county"])
    if f["park"]:
        qs = qs.filter(park=f["park"])
    if f["chain"]:
        plan = get_plan()
        wanted = sorted(descendants(plan, f["chain"])) if f["chain"] in plan.scopes else [f["chain"]]
        qs = qs.filter(pk__in=EnterpriseChain.objects.filter(chain__in=wanted).values("enterprise_id"))
    if f["scale"] in ("1", "0"):
        qs = qs.filter(is_scale_now=f["scale"] == "1")
    if f["q"]:
        qs = qs.filter(name__icontains=f["q"]) | qs.filter(uscc=f["q"].upper())
    return qs.order_by("county", "name"), f


@login_required
@require_GET
def enterprise_list(request: HttpRequest) -> HttpResponse:
    qs, f = _filtered(request)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    plan = get_plan()
    return render(request, "registry/enterprises.html", {
        "page": page, "filters": f, "total": page.paginator.count,
        "counties": plan.county_level(), "parks": plan.parks(),
        "chains": [s for s in plan.scopes.values() if s.kind.value in ("industry", "subindustry")],
        "can_import": access.can_write(request.user),
        "query": request.GET.urlencode(),
    })


@login_required
@require_GET
def enterprise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    ent = access.access_enterprise(request.user, pk)
    rules = load_pool_rules()
    history = RegistryChange.objects.filter(object_type="enterprise", object_id=str(ent.pk))
    memberships = [(m, rules.find(m.pool), tier_name(rules, m.pool, m.tier) if rules.find(m.pool) else m.tier)
                   for m in ent.pool_memberships.all()]
    proposals = [(p, rules.find(p.pool)) for p in ent.pool_proposals.all()]
    chains, plan = get_chains(), get_plan()
    nodes = [node_label(chains, plan, n) if chains else n for n in ent.chain_node_ids()]
    return render(request, "registry/enterprise.html", {
        "ent": ent, "record": ent.as_record(), "history": history, "memberships": memberships, "nodes": nodes,
        "proposals": proposals, "is_admin": access.is_registry_admin(request.user),
        "can_edit": access.can_write(request.user) and access.may_write_at(request.user, ent.county, ent.park,
                                                                            ent.all_chains()),
        "merged_from": ent.merged_from.all(),
    })


@login_required
@require_POST
def enterprise_merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge the enterprise named by ``other`` (its 统一社会信用代码) into this one (the prefecture's)."""
    keep = access.access_enterprise(request.user, pk, write=True)
    access.require_registry_admin(request.user)
    code = request.POST.get("other", "").strip().upper()
    other = access.enterprises_for_user(request.user).filter(uscc=code).first()
    reason = request.POST.get("reason", "").strip()
    if other is None or not reason:
        messages.error(request, _("请填写要并入的企业的统一社会信用代码和合并理由。"))
        return redirect("registry:enterprise", pk=keep.pk)
    try:
        actions.do_merge_enterprises(request.user, keep.pk, other.pk, reason)  # type: ignore[arg-type]
    except actions.RegistryActionError:
        messages.error(request, _("不能合并：两家企业相同，或其中一家已被合并。"))
        return redirect("registry:enterprise", pk=keep.pk)
    messages.success(request, _("已合并，两家企业的变更记录均已保留。"))
    return redirect("registry:enterprise", pk=keep.pk)


@login_required
def register_import(request: HttpRequest) -> HttpResponse:
    """Upload a register file: the core reader checks it; nothing is saved when it has an error."""
    access.require_registry_reader(request.user)
    if not access.can_write(request.user):
        return render(request, "403.html", status=403)
    if request.method != "POST":
        return render(request, "registry/import.html", {})
    uploaded = request.FILES.get("file")
    if uploaded is None or not (uploaded.name or "").lower().endswith(UPLOAD_SUFFIXES):
        messages.error(request, _("请选择 .xlsx 或 .csv 企业名录文件。"))
        return render(request, "registry/import.html", {}, status=400)
    if uploaded.size is not None and uploaded.size > settings.PLANWATCH_UPLOAD_MAX_BYTES:
        messages.error(request, _("文件太大（上限 %(mb)d MB）。") % {"mb": settings.PLANWATCH_UPLOAD_MAX_BYTES // 2**20})
        return render(request, "registry/import.html", {}, status=400)
    name = _safe_name(uploaded.name or "")
    plan = get_plan()
    with tempfile.TemporaryDirectory(prefix="planwatch-register-") as tmp:
        path = Path(tmp) / name
        with path.open("wb") as fh:
            for chunk in uploaded.chunks():
                fh.write(chunk)
        result = read_register([path], plan, chains=get_chains())
    scopes = access.registry_scopes(request.user)
    problems = list(result.problems)
    if scopes is not None and not result.has_errors:
        outside = [e for e in result.enterprises if e.county not in scopes and e.park not in scopes
                   and not (set(e.chains) & scopes)]
        if outside:
            messages.error(request, _("文件中有 %(n)d 家企业不在您负责的范围内（如 %(name)s），未导入任何数据。")
                           % {"n": len(outside), "name": outside[0].name})
            return render(request, "registry/import.html", {"problems": [p.render(_lang()) for p in problems]},
                          status=400)
    if result.has_errors:
        n = sum(p.severity is Severity.ERROR for p in problems)
        messages.error(request, _("文件中发现 %(n)d 处错误，未导入任何数据。请修改后重新上传。") % {"n": n})
        return render(request, "registry/import.html", {"problems": [p.render(_lang()) for p in problems]},
                      status=400)
    created, updated = actions.do_import_register(request.user, result.enterprises, name)  # type: ignore[arg-type]
    messages.success(request, _("已导入：新增 %(c)d 家，更新 %(u)d 家。") % {"c": created, "u": updated})
    return render(request, "registry/import.html", {"problems": [p.render(_lang()) for p in problems]})


@login_required
@require_GET
def register_export(request: HttpRequest) -> HttpResponse:
    """The enterprises of the list's filters as an Excel file the importer reads back."""
    import openpyxl

    qs, _f = _filtered(request)
    qs = qs.prefetch_related("chain_nodes")
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    years = sorted({int(y) for e in qs for y in list(e.revenue) + list(e.output)})
    flag_columns = [c for c in COLUMNS if c.kind is RegisterColumnKind.FLAG and c.key != "chain_leader"]
    ws.append(["统一社会信用代码", "企业名称", "县市区", "园区", "产业链", "产业链环节", "行业代码", "入规年月", "退规年月",
               *[c.zh for c in flag_columns], "链主", "上市挂牌",
               *[f"{y}年营业收入" for y in years], *[f"{y}年工业总产值" for y in years]])
    plan = get_plan()
    for e in qs:
        enter = "；".join(f"{y}-{m:02d}" for y, m, k in e.scale_events if k == "enter")
        leave = "；".join(f"{y}-{m:02d}" for y, m, k in e.scale_events if k == "exit")
        row = [e.uscc, e.name, plan.scopes[e.county].name, plan.scopes[e.park].name if e.park else "",
               "、".join(plan.scopes[c].name for c in (e.chains or [])), "；".join(e.chain_node_ids()), e.industry,
               enter, leave, *["是" if c.flag and c.flag.value in e.flags else "否" for c in flag_columns],
               "是" if e.is_chain_leader else "否", e.get_listing_display() if e.listing else "",
               *[e.revenue.get(str(y)) for y in years], *[e.output.get(str(y)) for y in years]]
        ws.append([_safe_cell(v) for v in row])
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(buf.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = 'attachment; filename="register.xlsx"'
    return response


def _safe_cell(value: object) -> object:
    """No formula injection: text starting with = + - @ is written as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


@login_required
def pool_queue(request: HttpRequest) -> HttpResponse:
    """Pending proposals; the prefecture runs the screening for a year (POST year)."""
    access.require_registry_reader(request.user)
    rules = load_pool_rules()
    if request.method == "POST":
        access.require_registry_admin(request.user)
        try:
            year = int(request.POST.get("year", ""))
        except ValueError:
            messages.error(request, _("请填写年份，如 2024。"))
            return redirect("registry:pools")
        records = [e.as_record() for e in access.enterprises_for_user(request.user)]
        made = actions.do_save_proposals(request.user, screen(records, year, rules))  # type: ignore[arg-type]
        messages.success(request, _("已生成 %(n)d 条新的入库建议。") % {"n": made})
        return redirect("registry:pools")
    status = request.GET.get("status", "pending")
    qs = access.proposals_for_user(request.user).filter(status=status).order_by("pool", "enterprise__name")
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(p, rules.find(p.pool), tier_name(rules, p.pool, p.tier) if rules.find(p.pool) else p.tier)
            for p in page]
    return render(request, "registry/pools.html", {
        "page": page, "rows": rows, "status": status, "is_admin": access.is_registry_admin(request.user),
        "year": timezone.localdate().year - 1,
    })


@login_required
@require_POST
def pool_decide(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = access.access_proposal(request.user, pk, decide=True)
    confirm = request.POST.get("decision") == "confirm"
    reason = request.POST.get("reason", "").strip()
    try:
        actions.do_decide_proposal(request.user, proposal.pk, confirm, reason)  # type: ignore[arg-type]
    except actions.RegistryActionError as exc:
        messages.error(request, _("驳回须填写理由。") if str(exc) == "reason" else _("该建议已处理。"))
        return redirect("registry:pools")
    messages.success(request, _("已确认。") if confirm else _("已驳回。"))
    return redirect("registry:pools")


def filtered_projects(request: HttpRequest):  # type: ignore[no-untyped-def]
    """The user's projects with the pipeline's filters (county, chain with its sub-industries, stage)."""
    qs = access.projects_for_user(request.user)
    f = {k: request.GET.get(k, "").strip() for k in ("county", "chain", "stage")}
    if f["county"]:
        qs = qs.filter(county=f["county"])
    if f["chain"]:
        plan = get_plan()
        qs = qs.filter(chain__in=sorted(descendants(plan, f["chain"])) if f["chain"] in plan.scopes else [f["chain"]])
    if f["stage"]:
        qs = qs.filter(stage=f["stage"])
    return qs.order_by("county", "name", "pk"), f


@login_required
@require_GET
def project_pipeline(request: HttpRequest) -> HttpResponse:
    """Projects by stage: counts and signed amounts per stage (one aggregate query), the projects of
    the filters a page at a time with their counting decision, and the projects stuck at a stage
    (one query per stage with a time limit)."""
    qs, f = filtered_projects(request)
    by_stage = {row["stage"]: row for row in qs.order_by().values("stage").annotate(n=Count("pk"),
                                                                                 amount=Sum("signed_amount"))}
    summary = [(s.value, LABELS[s], by_stage.get(s.value, {}).get("n", 0), by_stage.get(s.value, {}).get("amount") or 0)
               for s in ProjectStage]
    page = Paginator(qs.select_related("earlier").prefetch_related("funds"), PAGE_SIZE).get_page(request.GET.get("page"))
    projects = list(page)
    rules = load_counting_rules()
    earlier = [p.earlier for p in projects if p.earlier_id and p.earlier is not None]
    decisions = {d.project.key: d for d in decide([p.as_record() for p in [*projects, *earlier]], rules)}
    today = timezone.localdate()
    late_q = Q(pk__in=[])
    for stage, days in rules.stuck_days.items():
        late_q |= Q(stage=stage.value, **{f"{STAGE_FIELDS[stage]}__lt": today - dt.timedelta(days=days)})
    late_qs = qs.filter(late_q)
    since = Case(*[When(stage=st.value, then=F(attr)) for st, attr in STAGE_FIELDS.items()])
    late_rows = list(late_qs.annotate(since=since).order_by("since", "pk")[:STUCK_SHOWN])
    late = stuck([p.as_record() for p in late_rows], rules, today)
    by_key = {p.key: p for p in late_rows}
    return render(request, "registry/projects.html", {
        "page": page, "rows": [(p, decisions[p.key], [(n.value, LABELS[n]) for n in ProjectStage(p.stage).next_stages()])
                               for p in projects],
        "summary": summary, "filters": f, "total": page.paginator.count,
        "stuck": [(s, by_key[s.project.key]) for s in late], "stuck_total": late_qs.count(),
        "counties": get_plan().county_level(), "stage_choices": [(s.value, LABELS[s]) for s in ProjectStage],
        "chains": [s for s in get_plan().scopes.values() if s.kind.value in ("industry", "subindustry")],
        "can_write": access.can_write(request.user), "today": today,
        "query": "&".join(f"{k}={v}" for k, v in f.items() if v),
    })


@login_required
@require_POST
def project_stage(request: HttpRequest, pk: int) -> HttpResponse:
    project = access.access_project(request.user, pk, write=True)
    try:
        stage = ProjectStage(request.POST.get("stage", ""))
        on = dt.date.fromisoformat(request.POST.get("date", ""))
    except ValueError:
        messages.error(request, _("请选择阶段并填写日期（如 2024-06-30）。"))
        return redirect("registry:projects")
    try:
        actions.do_move_project_stage(request.user, project.pk, stage, on,  # type: ignore[arg-type]
                                      request.POST.get("reason", "").strip())
    except actions.RegistryActionError:
        messages.error(request, _("阶段只能依次推进（洽谈→签约→开工→投产）或中止，日期不能早于上一阶段。"))
        return redirect("registry:projects")
    messages.success(request, _("项目阶段已更新。"))
    return redirect("registry:projects")


@login_required
@require_GET
def reconciliation(request: HttpRequest) -> HttpResponse:
    """Register counts (企业库) beside the statistics of the same indicator, scope and year."""
    access.require_registry_reader(request.user)
    try:
        year = int(request.GET.get("year") or timezone.localdate().year - 1)
    except ValueError:
        year = timezone.localdate().year - 1
    plan = get_plan()
    scopes = access.registry_scopes(request.user)
    records = [e.as_record() for e in access.enterprises_for_user(request.user)]
    projects = [p.as_record() for p in access.projects_for_user(request.user).prefetch_related("funds")]
    table = register_observations(plan, load_register_counts(plan), records, [year],
                                  decide(projects, load_counting_rules()))
    stats = database_observations(periods=[Period.parse(str(year))])
    rows = [c for c in compare(table, stats)
            if (scopes is None or c.scope in scopes) and (c.register or c.statistics is not None)]
    return render(request, "registry/reconcile.html", {
        "year": year,
        "rows": [(c, plan.indicators[c.indicator], scope_label(c.scope, plan)) for c in rows],
    })


def enterprise_url(pk: int) -> str:
    return reverse("registry:enterprise", args=[pk])
