"""Named atomic actions on the register, the pools and the projects.

Each runs in one transaction and writes a ``RegistryChange`` row per changed field (who, when,
before → after, why) and the same row in the project's audit log (``audit.AuditEntry`` through
``audit.record.write_audit``; ``RegistryChange.action`` → ``AUDIT_ACTIONS``). Views call these and
nothing else writes the registry's tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from planwatch.enterprises.record import Enterprise as EnterpriseRecord
from planwatch.enterprises.screening import Proposal
from planwatch.projects.record import Project as ProjectRecord
from planwatch.projects.record import ProjectStage
from planwatch_web.accounts.models import User
from planwatch_web.audit.models import AuditAction
from planwatch_web.audit.record import actor_label, audit_entry, write_audit
from planwatch_web.registry.models import (
    STAGE_FIELDS,
    Enterprise,
    EnterpriseChainNode,
    PoolMembership,
    PoolProposal,
    Project,
    ProjectFunds,
    ProposalStatus,
    RegistryChange,
)


class RegistryActionError(ValueError):
    """A request the rules refuse (the message is for the user)."""


def _change(actor: User | None, action: str, obj: Enterprise | Project | PoolProposal, field: str,
            before: Any, after: Any, reason: str = "") -> RegistryChange:
    object_type = {Enterprise: "enterprise", Project: "project", PoolProposal: "proposal"}[type(obj)]
    return RegistryChange(actor=actor, actor_name=actor_label(actor), action=action, object_type=object_type,
                          object_id=str(obj.pk), field=field, before=before, after=after, reason=reason)


AUDIT_ACTIONS: dict[str, AuditAction] = {
    "import_create": AuditAction.REGISTRY_IMPORT, "import_update": AuditAction.REGISTRY_IMPORT,
    "update": AuditAction.REGISTRY_EDIT, "merge": AuditAction.REGISTRY_MERGE,
    "decide_proposal": AuditAction.POOL_DECISION, "move_stage": AuditAction.PROJECT_STAGE,
    "project_create": AuditAction.PROJECT_CREATE, "project_update": AuditAction.PROJECT_EDIT,
    "project_funds": AuditAction.PROJECT_FUNDS, "project_import": AuditAction.PROJECT_IMPORT,
}


def write_changes(rows: Iterable[RegistryChange]) -> None:
    """Save the history rows and the same rows in the audit log (inside the action's transaction)."""
    changes = list(rows)
    RegistryChange.objects.bulk_create(changes)
    write_audit(audit_entry(c.actor, AUDIT_ACTIONS[c.action], object_type=c.object_type, object_id=c.object_id,
                            field=c.field, before=c.before, after=c.after, reason=c.reason,
                            origin=f"registry:{c.action}") for c in changes)


def record_fields(rec: EnterpriseRecord) -> dict[str, Any]:
    """The model's fields for a core record (what an import writes)."""
    return {
        "name": rec.name, "county": rec.county, "park": rec.park,
        "chain": rec.chains[0] if rec.chains else "", "chains": list(rec.chains),
        "is_chain_leader": "chain_leader" in {f.value for f in rec.flags},
        "industry": str(rec.industry) if rec.industry else "",
        "scale_events": [[e.year, e.month, e.kind.value] for e in rec.scale_events],
        "revenue": {str(k): v for k, v in sorted(rec.revenue.items())},
        "output": {str(k): v for k, v in sorted(rec.output.items())},
        "flags": sorted(f.value for f in rec.flags if f.value != "chain_leader"),
        "listing": rec.listing.value if rec.listing else "",
        "is_scale_now": rec.is_scale(9999),
    }


def set_chain_nodes(ent: Enterprise, nodes: Iterable[str]) -> None:
    """Replace the enterprise's nodes with ``chain:node`` ids (inside the caller's transaction)."""
    EnterpriseChainNode.objects.filter(enterprise=ent).delete()
    EnterpriseChainNode.objects.bulk_create([
        EnterpriseChainNode(enterprise=ent, chain=c, node=n) for c, _, n in (v.partition(":") for v in sorted(set(nodes)))
    ])


@transaction.atomic
def do_import_register(actor: User | None, records: Iterable[EnterpriseRecord], origin: str) -> tuple[int, int]:
    """Create or update every record (by 统一社会信用代码); one history row per changed field.

    Called only with a file that has no error (the reader's); all or nothing. Returns (created, updated)."""
    created = updated = 0
    now = timezone.now()
    rows: list[RegistryChange] = []
    for rec in records:
        fields = record_fields(rec)
        ent = Enterprise.objects.select_for_update().filter(uscc=rec.uscc).first()
        if ent is None:
            ent = Enterprise.objects.create(uscc=rec.uscc, created_at=now, updated_at=now, **fields)
            set_chain_nodes(ent, rec.chain_nodes)
            rows.append(_change(actor, "import_create", ent, "", None, {"uscc": rec.uscc, "name": rec.name},
                                origin))
            created += 1
            continue
        changed = False
        for name, value in fields.items():
            before = getattr(ent, name)
            if before != value:
                rows.append(_change(actor, "import_update", ent, name, before, value, origin))
                setattr(ent, name, value)
                changed = True
        before_nodes = ent.chain_node_ids()
        if before_nodes != list(rec.chain_nodes):
            rows.append(_change(actor, "import_update", ent, "chain_nodes", before_nodes, list(rec.chain_nodes),
                                origin))
            set_chain_nodes(ent, rec.chain_nodes)
            changed = True
        if changed:
            ent.updated_at = now
            ent.save()
            updated += 1
    write_changes(rows)
    return created, updated


EDITABLE = ("name", "park", "chain", "is_chain_leader", "industry", "listing", "flags")


@transaction.atomic
def do_update_enterprise(actor: User, pk: int, changes: dict[str, Any], reason: str,
                         allowed_scopes: set[str] | None) -> Enterprise:
    """Change fields of one enterprise (the view has checked access and parsed the values)."""
    ent = Enterprise.objects.select_for_update().get(pk=pk)
    rows = []
    for name, value in changes.items():
        if name not in EDITABLE:
            raise RegistryActionError(name)
        if name == "park" and value and allowed_scopes is not None and value not in allowed_scopes \
                and ent.county not in allowed_scopes:
            raise RegistryActionError(name)
        before = getattr(ent, name)
        if before != value:
            rows.append(_change(actor, "update", ent, name, before, value, reason))
            setattr(ent, name, value)
    if rows:
        ent.updated_at = timezone.now()
        ent.save()
        write_changes(rows)
    return ent


@transaction.atomic
def do_merge_enterprises(actor: User, keep_pk: int, other_pk: int, reason: str) -> Enterprise:
    """Merge a duplicate into the one kept: the duplicate is marked merged (not deleted), its
    projects, pool memberships and proposals move to the one kept; both histories stay."""
    if keep_pk == other_pk:
        raise RegistryActionError("same")
    keep = Enterprise.objects.select_for_update().get(pk=keep_pk)
    other = Enterprise.objects.select_for_update().get(pk=other_pk)
    if other.merged_into_id is not None or keep.merged_into_id is not None:
        raise RegistryActionError("merged")
    other.merged_into = keep
    other.save()
    Project.objects.filter(enterprise=other).update(enterprise=keep)
    PoolMembership.objects.filter(enterprise=other).update(enterprise=keep)
    rows: list[RegistryChange] = []
    held = set(PoolProposal.objects.filter(enterprise=keep).values_list("pool", "year", "kind"))
    for proposal in PoolProposal.objects.select_for_update().filter(enterprise=other, status=ProposalStatus.PENDING):
        if (proposal.pool, proposal.year, proposal.kind) in held:  # the kept enterprise has the same proposal
            proposal.status = ProposalStatus.REJECTED
            proposal.reason = f"合并：与 {keep.uscc} 的建议重复"
            proposal.decided_by = actor
            proposal.decided_at = timezone.now()
            proposal.save()
            rows.append(_change(actor, "merge", proposal, "status", ProposalStatus.PENDING.value,
                                ProposalStatus.REJECTED.value, reason))
        else:
            proposal.enterprise = keep
            proposal.save()
    write_changes([
        *rows,
        _change(actor, "merge", other, "merged_into", None, {"uscc": keep.uscc, "name": keep.name}, reason),
        _change(actor, "merge", keep, "merged_from", None, {"uscc": other.uscc, "name": other.name}, reason),
    ])
    return keep


@transaction.atomic
def do_save_proposals(actor: User | None, proposals: Iterable[Proposal]) -> int:
    """Store the screening's proposals as pending (one per enterprise, pool, year and kind)."""
    by_code = {e.uscc: e for e in Enterprise.objects.filter(merged_into__isnull=True)}
    made = 0
    for p in proposals:
        ent = by_code.get(p.uscc)
        if ent is None:
            continue
        _, created = PoolProposal.objects.get_or_create(
            enterprise=ent, pool=p.pool, year=p.year, kind=p.kind.value,
            defaults={"tier": p.tier, "evidence": [e.to_dict() | {"text": e.explain()} for e in p.evidence]})
        made += created
    return made


@transaction.atomic
def do_decide_proposal(actor: User, pk: int, confirm: bool, reason: str, on: dt.date | None = None) -> PoolProposal:
    """Confirm (the membership changes) or reject (a reason is required) one pending proposal."""
    proposal = PoolProposal.objects.select_for_update().get(pk=pk)
    if proposal.status != ProposalStatus.PENDING:
        raise RegistryActionError("decided")
    if not confirm and not reason.strip():
        raise RegistryActionError("reason")
    day = on or timezone.localdate()
    before = proposal.status
    proposal.status = ProposalStatus.CONFIRMED if confirm else ProposalStatus.REJECTED
    proposal.decided_by = actor
    proposal.decided_at = timezone.now()
    proposal.reason = reason
    proposal.save()
    if confirm:
        current = PoolMembership.objects.filter(enterprise=proposal.enterprise, pool=proposal.pool, left__isnull=True)
        if proposal.kind in ("exit", "move"):
            current.update(left=day)
        if proposal.kind in ("enter", "move"):
            PoolMembership.objects.create(enterprise=proposal.enterprise, pool=proposal.pool, tier=proposal.tier,
                                          entered=day)
    write_changes([_change(actor, "decide_proposal", proposal, "status", before, proposal.status, reason)])
    return proposal


@transaction.atomic
def do_move_project_stage(actor: User, pk: int, stage: ProjectStage, on: dt.date, reason: str = "") -> Project:
    """One step forward (洽谈 → 签约 → 开工 → 投产) or 中止, with the date it happened."""
    project = Project.objects.select_for_update().get(pk=pk)
    current = ProjectStage(project.stage)
    if stage not in current.next_stages():
        raise RegistryActionError("stage")
    attr = STAGE_FIELDS[stage]
    previous = project.as_record().date_of(current)
    if previous is not None and on < previous:
        raise RegistryActionError("date")
    project.stage = stage.value
    setattr(project, attr, on)
    project.version += 1
    project.save()
    write_changes([_change(actor, "move_stage", project, "stage", current.value,
                           {"stage": stage.value, "date": on.isoformat()}, reason)])
    return project


class StaleEditError(RegistryActionError):
    """The object changed since the form was shown (someone else saved first)."""


FORM_FIELDS = ("name", "county", "park", "chain", "chains", "is_chain_leader", "industry", "scale_events",
               "flags", "listing", "is_scale_now")


@transaction.atomic
def do_edit_enterprise(actor: User, pk: int, version: int, rec: EnterpriseRecord, reason: str) -> Enterprise:
    """Save the fields of the web form (read by the register reader's rules into ``rec``) when the
    enterprise is still at ``version``; one history and audit row per changed field."""
    ent = Enterprise.objects.select_for_update().get(pk=pk)
    if ent.version != version:
        raise StaleEditError("version")
    if rec.uscc != ent.uscc:
        raise RegistryActionError("uscc")
    fields = record_fields(rec)
    rows = []
    for name in FORM_FIELDS:
        value = fields[name]
        before = getattr(ent, name)
        if before != value:
            rows.append(_change(actor, "update", ent, name, before, value, reason))
            setattr(ent, name, value)
    nodes_before = ent.chain_node_ids()
    if nodes_before != list(rec.chain_nodes):
        rows.append(_change(actor, "update", ent, "chain_nodes", nodes_before, list(rec.chain_nodes), reason))
        set_chain_nodes(ent, rec.chain_nodes)
    if rows:
        ent.version += 1
        ent.updated_at = timezone.now()
        ent.save()
        write_changes(rows)
    return ent


def project_fields(p: ProjectRecord) -> dict[str, Any]:
    """The model's fields for a core project record (``earlier`` is linked by the caller)."""
    fields: dict[str, Any] = {
        "name": p.name, "investor": p.investor, "origin": p.origin.value, "top500": p.top500.value if p.top500 else "",
        "county": p.county, "park": p.park, "chain": p.chain, "unit": p.unit, "person": p.person,
        "stage": p.stage.value, "signed_amount": p.signed_amount, "planned_investment": p.planned_investment,
        "nature": p.nature.value, "earlier_amount": p.earlier_amount,
    }
    for stage, attr in STAGE_FIELDS.items():
        fields[attr] = p.date_of(stage)
    return fields


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _earlier(key: str) -> Project | None:
    if not key:
        return None
    found = Project.objects.filter(key=key).first()
    if found is None:
        raise RegistryActionError("earlier")
    return found


@transaction.atomic
def do_create_project(actor: User, rec: ProjectRecord, reason: str = "") -> Project:
    """A new project from the web form (read by the project reader's rules)."""
    if Project.objects.filter(key=rec.key).exists():
        raise RegistryActionError("key")
    project = Project.objects.create(key=rec.key, earlier=_earlier(rec.earlier), problems=list(rec.problems),
                                     **project_fields(rec))
    write_changes([_change(actor, "project_create", project, "", None, {"key": rec.key, "name": rec.name}, reason)])
    return project


def _apply_project(actor: User | None, project: Project, rec: ProjectRecord, action: str,
                   reason: str) -> list[RegistryChange]:
    rows = []
    for name, value in project_fields(rec).items():
        before = getattr(project, name)
        if before != value:
            rows.append(_change(actor, action, project, name, _plain(before), _plain(value), reason))
            setattr(project, name, value)
    earlier = _earlier(rec.earlier)
    if (earlier.pk if earlier else None) != project.earlier_id:
        rows.append(_change(actor, action, project, "earlier", project.earlier.key if project.earlier else "",
                            rec.earlier, reason))
        project.earlier = earlier
    return rows


@transaction.atomic
def do_edit_project(actor: User, pk: int, version: int, rec: ProjectRecord, reason: str) -> Project:
    """Save the web form's fields when the project is still at ``version``. The stage moves only by
    ``do_move_project_stage`` (one step, with its date); the dates of stages reached can be corrected."""
    project = Project.objects.select_for_update().get(pk=pk)
    if project.version != version:
        raise StaleEditError("version")
    if rec.key != project.key:
        raise RegistryActionError("key")
    if rec.stage.value != project.stage:
        raise RegistryActionError("stage")
    rows = _apply_project(actor, project, rec, "project_update", reason)
    if rows:
        project.version += 1
        project.save()
        write_changes(rows)
    return project


@transaction.atomic
def do_import_projects(actor: User | None, records: Iterable[ProjectRecord], origin: str) -> tuple[int, int]:
    """Create or update every project of a file without error (by 项目编号); all or nothing."""
    recs = list(records)
    created = updated = 0
    rows: list[RegistryChange] = []
    made: dict[str, Project] = {}
    for rec in recs:  # first every project, then the links to earlier ones (which may be in the file)
        project = Project.objects.select_for_update().filter(key=rec.key).first()
        if project is None:
            made[rec.key] = Project.objects.create(key=rec.key, problems=list(rec.problems), **project_fields(rec))
            rows.append(_change(actor, "project_import", made[rec.key], "", None,
                                {"key": rec.key, "name": rec.name}, origin))
            created += 1
    for rec in recs:
        if rec.key in made:
            project = made[rec.key]
            if rec.earlier:
                project.earlier = _earlier(rec.earlier)
                project.save(update_fields=["earlier"])
            continue
        project = Project.objects.select_for_update().get(key=rec.key)
        changes = _apply_project(actor, project, rec, "project_import", origin)
        if changes:
            project.version += 1
            project.save()
            rows.extend(changes)
            updated += 1
    write_changes(rows)
    return created, updated


@transaction.atomic
def do_set_funds(actor: User, pk: int, period: str, amount: float, fixed_assets: float, reason: str = "") -> Project:
    """到位资金 of one period (the view has parsed and checked the values): set, or changed."""
    project = Project.objects.select_for_update().get(pk=pk)
    if amount < 0 or fixed_assets < 0 or fixed_assets > amount:
        raise RegistryActionError("funds")
    row = ProjectFunds.objects.filter(project=project, period=period).first()
    before = None if row is None else {"amount": row.amount, "fixed_assets": row.fixed_assets}
    after = {"amount": amount, "fixed_assets": fixed_assets}
    if before == after:
        return project
    if row is None:
        ProjectFunds.objects.create(project=project, period=period, amount=amount, fixed_assets=fixed_assets)
    else:
        row.amount, row.fixed_assets = amount, fixed_assets
        row.save()
    project.version += 1
    project.save(update_fields=["version"])
    write_changes([_change(actor, "project_funds", project, f"funds:{period}", before, after, reason)])
    return project


@transaction.atomic
def do_project_problem(actor: User, pk: int, *, add: str = "", resolve: int | None = None, reason: str = "") -> Project:
    """Add a problem (its text) or mark one solved (its index; it leaves the open list, the history keeps it)."""
    project = Project.objects.select_for_update().get(pk=pk)
    before = list(project.problems)
    after = list(before)
    if add.strip():
        after.append(add.strip())
    elif resolve is not None and 0 <= resolve < len(after):
        after.pop(resolve)
    else:
        raise RegistryActionError("problem")
    project.problems = after
    project.version += 1
    project.save(update_fields=["problems", "version"])
    write_changes([_change(actor, "project_update", project, "problems", before, after, reason)])
    return project
