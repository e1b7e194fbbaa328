"""Every write to the problem list, one named action per transition (docs/chains.md).

Each action checks the workflow table (``planwatch.chains.workflow.transition``) for who may take it
and from which state, then in one transaction changes the item and appends a ``ProblemEvent`` (who,
when, the item before and after, the reason). A refusal changes nothing (``ActionError``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from planwatch.chains.calendar import CalendarYearMissingError
from planwatch.chains.schema import HandlerRole, InvestmentStatus, RoleKind
from planwatch.chains.workflow import (
    Action,
    Actor,
    ProblemState,
    TransitionRefusedError,
    deadline_for,
    is_overdue,
    transition,
)
from planwatch.messages import render
from planwatch_web.accounts.models import User
from planwatch_web.audit.record import actor_label
from planwatch_web.chains import data
from planwatch_web.chains.access import actors_for, office_chain
from planwatch_web.chains.models import (
    ChainChange,
    ChainPolicy,
    ChainRoleFill,
    ChainTargetStatus,
    ChangeAction,
    ChangeKind,
    ExtensionState,
    ProblemEvent,
    ProblemItem,
    RaisedBy,
)
from planwatch_web.chains.notify import mail_after_commit, recipients
from planwatch_web.submissions.errors import ActionError


def _lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


def _refused(code: str, **params: object) -> ActionError:
    return ActionError(render(code, _lang(), params), code=code)


def _event(
    actor: User | None, item: ProblemItem, action: Action, before: dict[str, object] | None, reason: str
) -> None:
    ProblemEvent.objects.create(
        item=item,
        actor=actor,
        actor_name=actor_label(actor),
        action=action.value,
        before=before,
        after=item.snapshot(),
        reason=reason,
    )


def _apply(
    actor: User | None,
    item: ProblemItem,
    action: Action,
    *,
    reason: str = "",
    change: Callable[[ProblemItem, dt.date], None] | None = None,
    as_actors: set[Actor] | None = None,
) -> ProblemItem:
    """The one path of every transition: lock, check, change, record."""
    today = data.today()
    with transaction.atomic():
        locked = ProblemItem.objects.select_for_update().get(pk=item.pk)
        actors = as_actors if as_actors is not None else actors_for(actor, locked)
        overdue = is_overdue(locked.deadline, locked.state_enum, today)
        try:
            new_state = transition(
                data.workflow(), action, locked.state_enum, actors, reason=reason, overdue=overdue
            )
        except TransitionRefusedError as exc:
            raise _refused(exc.code, **exc.params) from None
        before = locked.snapshot()
        if change is not None:
            change(locked, today)
        if new_state is not None:
            locked.state = new_state.value
        locked.updated_at = timezone.now()
        locked.save()
        _event(actor, locked, action, before, reason.strip())
    return locked


def _deadline(category: str, role: HandlerRole, on: dt.date) -> dt.date:
    chains = data.get_chains()
    assert chains is not None
    try:
        return deadline_for(chains.file.deadlines, data.calendar(), category, role, on)
    except CalendarYearMissingError as exc:
        raise _refused("CHAIN_CALENDAR_YEAR", year=exc.year) from None


def _subject(item: ProblemItem) -> str:
    return _("【问题清单】%(chain)s：%(title)s") % {
        "chain": data.chain_name(item.chain_id),
        "title": item.title,
    }


# -- the actions --------------------------------------------------------------------------------------
def do_raise(
    actor: User,
    chain_id: str,
    *,
    title: str,
    description: str,
    raised_by_kind: RaisedBy,
    raised_by: str,
    category: str,
    common: bool,
) -> ProblemItem:
    """提出: the chain office records a problem an enterprise or a unit brought."""
    chains = data.get_chains()
    if chains is None or office_chain(actor) != chain_id:
        raise _refused("CHAIN_ACTION_NOT_YOURS", action=data.workflow().get(Action.RAISE).name)
    if not title.strip() or not raised_by.strip():
        raise _refused("CHAIN_TEXT_MISSING")
    if category not in {c.id for c in chains.file.categories}:
        raise _refused("CHAIN_CATEGORY_UNKNOWN", category=category)
    try:
        transition(data.workflow(), Action.RAISE, None, {Actor.OFFICE})
    except TransitionRefusedError as exc:
        raise _refused(exc.code, **exc.params) from None
    with transaction.atomic():
        item = ProblemItem.objects.create(
            chain_id=chain_id,
            title=title.strip(),
            description=description.strip(),
            raised_by_kind=raised_by_kind,
            raised_by=raised_by.strip(),
            category=category,
            common=common,
            state=ProblemState.RAISED.value,
        )
        _event(actor, item, Action.RAISE, None, "")
        if common:
            team = task_force_units(chain_id)
            if team:  # 共性问题 go to the chain's 专班 at once (docs/chains.md, "共性问题")
                item = do_assign(
                    actor,
                    item,
                    lead_unit=team[0],
                    assist_units=team[1:],
                    reason=_("共性问题，自动交办工作专班。"),
                )
    return item


def task_force_units(chain_id: str) -> list[str]:
    """The chain's 工作专班 as units, its first the 主办 of a 共性问题: the latest role record, else
    the chain file's ``task_force`` role unit; empty when neither names one."""
    fill = ChainRoleFill.objects.filter(chain_id=chain_id, role=RoleKind.TASK_FORCE.value).order_by("-at", "-id").first()
    if fill is not None:
        return [] if fill.cleared else [u for u in fill.units.split(",") if u]
    chain = data.get_chain(chain_id)
    return [r.unit for r in chain.roles if r.role is RoleKind.TASK_FORCE and r.unit]


def do_assign(
    actor: User, item: ProblemItem, *, lead_unit: str, assist_units: list[str], reason: str = ""
) -> ProblemItem:
    """交办: a 主办 unit, 协办 units, and the deadlines the rules give them from today."""
    chains = data.get_chains()
    assert chains is not None
    for unit in [lead_unit, *assist_units]:
        if unit not in chains.units:
            raise _refused("CHAIN_UNIT_UNKNOWN", unit=unit)
    if lead_unit in assist_units:
        raise _refused("CHAIN_UNIT_TWICE", unit=data.unit_name(lead_unit))
    today = data.today()
    lead_due = _deadline(item.category, HandlerRole.LEAD, today)
    assist_due = _deadline(item.category, HandlerRole.ASSIST, today) if assist_units else None

    def change(it: ProblemItem, day: dt.date) -> None:
        it.lead_unit, it.assist_units = lead_unit, list(dict.fromkeys(assist_units))
        it.assigned_on, it.deadline, it.assist_deadline = day, lead_due, assist_due
        it.extension, it.extension_until, it.escalated_at = ExtensionState.NONE, None, None

    done = _apply(actor, item, Action.ASSIGN, change=change, reason=reason)
    body = _("%(title)s\n主办：%(lead)s，期限 %(due)s。") % {
        "title": done.title,
        "lead": data.unit_name(lead_unit),
        "due": lead_due.isoformat(),
    }
    mail_after_commit(_subject(done), body, recipients(units=done.units()))
    return done


def do_accept(actor: User, item: ProblemItem) -> ProblemItem:
    """签收办理: the 主办 unit takes it on."""
    return _apply(actor, item, Action.ACCEPT)


def do_return(actor: User, item: ProblemItem, reason: str) -> ProblemItem:
    """退回: the 主办 unit disputes the assignment; back to the chain office to assign again."""
    done = _apply(actor, item, Action.RETURN, reason=reason)
    mail_after_commit(
        _subject(done), _("已退回：%(reason)s") % {"reason": reason}, recipients(chain_office=done.chain_id)
    )
    return done


def do_assist_reply(actor: User, item: ProblemItem, reason: str) -> ProblemItem:
    """协办反馈: an assisting unit's result, for the 主办 unit."""
    done = _apply(
        actor,
        item,
        Action.ASSIST_REPLY,
        reason=reason,
        as_actors={Actor.ASSIST_UNIT} & actors_for(actor, item),
    )
    mail_after_commit(_subject(done), reason, recipients(units=[done.lead_unit]))
    return done


def do_answer(actor: User, item: ProblemItem, reason: str) -> ProblemItem:
    """办结: the 主办 unit reports what was done."""

    def change(it: ProblemItem, day: dt.date) -> None:
        it.answer = reason.strip()

    done = _apply(actor, item, Action.ANSWER, reason=reason, change=change)
    mail_after_commit(_subject(done), reason, recipients(chain_office=done.chain_id))
    return done


def do_confirm(actor: User, item: ProblemItem, reason: str = "") -> ProblemItem:
    """企业确认: the one who raised it is satisfied (the chain office records the 回访)."""
    return _apply(actor, item, Action.CONFIRM, reason=reason)


def do_reject(actor: User, item: ProblemItem, reason: str) -> ProblemItem:
    """企业不满意: back to the 主办 unit."""
    done = _apply(actor, item, Action.REJECT, reason=reason)
    mail_after_commit(_subject(done), reason, recipients(units=[done.lead_unit]))
    return done


def do_close(actor: User, item: ProblemItem) -> ProblemItem:
    """销号."""
    return _apply(actor, item, Action.CLOSE)


def do_request_extension(actor: User, item: ProblemItem, until: dt.date, reason: str) -> ProblemItem:
    """申请延期: before the deadline (at least ``extension_notice`` working days), a later date, a reason."""
    chains = data.get_chains()
    assert chains is not None
    notice = chains.file.deadlines.extension_notice
    today = data.today()
    if item.deadline is not None:
        if until <= item.deadline:
            raise _refused("CHAIN_EXTENSION_DATE", deadline=item.deadline.isoformat())
        try:
            left = data.calendar().working_days_between(today, item.deadline)
        except CalendarYearMissingError as exc:
            raise _refused("CHAIN_CALENDAR_YEAR", year=exc.year) from None
        if today <= item.deadline and left < notice:
            raise _refused("CHAIN_EXTENSION_NOTICE", deadline=item.deadline.isoformat(), days=notice)

    def change(it: ProblemItem, day: dt.date) -> None:
        it.extension, it.extension_until = ExtensionState.REQUESTED, until

    done = _apply(actor, item, Action.REQUEST_EXTENSION, reason=reason, change=change)
    mail_after_commit(_subject(done), reason, recipients(chain_office=done.chain_id))
    return done


def _decide_extension(actor: User, item: ProblemItem, action: Action, reason: str) -> ProblemItem:
    if item.extension != ExtensionState.REQUESTED:
        raise _refused("CHAIN_EXTENSION_NONE")

    def change(it: ProblemItem, day: dt.date) -> None:
        if it.extension != ExtensionState.REQUESTED:
            raise _refused("CHAIN_EXTENSION_NONE")
        if action is Action.APPROVE_EXTENSION:
            it.deadline = it.extension_until
            it.extension = ExtensionState.APPROVED
        else:
            it.extension = ExtensionState.REFUSED

    done = _apply(actor, item, action, reason=reason, change=change)
    mail_after_commit(
        _subject(done), reason or str(done.get_extension_display()), recipients(units=[done.lead_unit])
    )
    return done


def do_approve_extension(actor: User, item: ProblemItem, reason: str = "") -> ProblemItem:
    """批准延期: the chain office moves the deadline to the date asked for."""
    return _decide_extension(actor, item, Action.APPROVE_EXTENSION, reason)


def do_refuse_extension(actor: User, item: ProblemItem, reason: str) -> ProblemItem:
    """不予延期: the deadline stays."""
    return _decide_extension(actor, item, Action.REFUSE_EXTENSION, reason)


def do_escalate(actor: User, item: ProblemItem, reason: str = "") -> ProblemItem:
    """督办: an overdue item goes on the supervision office's list (the prefecture's 督办 list)."""
    if item.escalated_at is not None:
        raise _refused("CHAIN_ESCALATE_AGAIN")

    def change(it: ProblemItem, day: dt.date) -> None:
        it.escalated_at = timezone.now()

    done = _apply(actor, item, Action.ESCALATE, reason=reason, change=change)
    mail_after_commit(_subject(done), _("已督办。"), recipients(units=done.units()))
    return done


# -- what the plan leaves to fill ---------------------------------------------------------------------
def do_fill_role(
    actor: User | None,
    chain_id: str,
    role: RoleKind,
    *,
    person: str = "",
    post: str = "",
    units: list[str] | None = None,
    synthetic: bool = False,
) -> ChainRoleFill:
    """Record who holds a role of a chain (a new row; the earlier ones stay as its history)."""
    chains = data.get_chains()
    if chains is None or chain_id not in chains.by_id:
        raise _refused("CHAIN_UNIT_UNKNOWN", unit=chain_id)
    for unit in units or []:
        if unit not in chains.units:
            raise _refused("CHAIN_UNIT_UNKNOWN", unit=unit)
    if not person.strip() and not units:
        raise _refused("CHAIN_TEXT_MISSING")
    with transaction.atomic():
        current = current_fill(chain_id, role)
        fill = ChainRoleFill.objects.create(
            chain_id=chain_id,
            role=role.value,
            person=person.strip(),
            post=post.strip(),
            units=",".join(units or []),
            set_by=actor,
            set_by_name=actor_label(actor),
            synthetic=synthetic,
        )
        _change(
            actor,
            chain_id,
            ChangeKind.ROLE,
            ChangeAction.EDIT if current else ChangeAction.ADD,
            role.label_zh,
            current.snapshot() if current else None,
            fill.snapshot(),
        )
        return fill


def current_fill(chain_id: str, role: RoleKind) -> ChainRoleFill | None:
    """Who holds ``role`` now as recorded (None: nobody recorded, or the record was removed)."""
    fill = ChainRoleFill.objects.filter(chain_id=chain_id, role=role.value).order_by("-at", "-id").first()
    return None if fill is None or fill.cleared else fill


def _change(
    actor: User | None,
    chain_id: str,
    kind: ChangeKind,
    action: ChangeAction,
    key: str,
    before: dict[str, object] | None,
    after: dict[str, object] | None,
) -> None:
    ChainChange.objects.create(
        chain_id=chain_id,
        actor=actor,
        actor_name=actor_label(actor),
        kind=kind,
        action=action,
        key=key,
        before=before,
        after=after,
    )


def do_clear_role(actor: User | None, chain_id: str, role: RoleKind) -> ChainRoleFill:
    """Remove who holds a role (a new row marked cleared; the earlier ones stay as its history)."""
    data.get_chain(chain_id)
    with transaction.atomic():
        current = current_fill(chain_id, role)
        if current is None:
            raise ActionError(_("该职责尚未填写，无需清除。"), code="role_not_set")
        fill = ChainRoleFill.objects.create(
            chain_id=chain_id, role=role.value, cleared=True, set_by=actor, set_by_name=actor_label(actor)
        )
        _change(actor, chain_id, ChangeKind.ROLE, ChangeAction.DELETE, role.label_zh, current.snapshot(), None)
        return fill


def do_add_policy(
    actor: User | None,
    chain_id: str,
    *,
    title: str,
    issuer: str = "",
    number: str = "",
    issued: dt.date | None = None,
    synthetic: bool = False,
) -> ChainPolicy:
    """Add a policy document to a chain's 政策清单."""
    if not title.strip():
        raise _refused("CHAIN_TEXT_MISSING")
    data.get_chain(chain_id)
    with transaction.atomic():
        policy = ChainPolicy.objects.create(
            chain_id=chain_id,
            title=title.strip(),
            issuer=issuer.strip(),
            number=number.strip(),
            issued=issued,
            added_by=actor,
            added_by_name=actor_label(actor),
            synthetic=synthetic,
        )
        _change(actor, chain_id, ChangeKind.POLICY, ChangeAction.ADD, policy.title, None, policy.snapshot())
        return policy


def do_edit_policy(
    actor: User | None,
    policy: ChainPolicy,
    *,
    title: str,
    issuer: str = "",
    number: str = "",
    issued: dt.date | None = None,
) -> ChainPolicy:
    """Correct a recorded policy document (the change keeps the text before)."""
    if not title.strip():
        raise _refused("CHAIN_TEXT_MISSING")
    with transaction.atomic():
        locked = ChainPolicy.objects.select_for_update().get(pk=policy.pk)
        before = locked.snapshot()
        locked.title, locked.issuer, locked.number, locked.issued = (
            title.strip(),
            issuer.strip(),
            number.strip(),
            issued,
        )
        if locked.snapshot() == before:
            raise ActionError(_("没有修改。"), code="unchanged")
        locked.save()
        _change(actor, locked.chain_id, ChangeKind.POLICY, ChangeAction.EDIT, locked.title, before, locked.snapshot())
        return locked


def do_delete_policy(actor: User | None, policy: ChainPolicy) -> None:
    """Remove a recorded policy document (the change keeps what it was)."""
    with transaction.atomic():
        locked = ChainPolicy.objects.select_for_update().get(pk=policy.pk)
        _change(actor, locked.chain_id, ChangeKind.POLICY, ChangeAction.DELETE, locked.title, locked.snapshot(), None)
        locked.delete()


def target_status(chain_id: str, name: str) -> ChainTargetStatus | None:
    return ChainTargetStatus.objects.filter(chain_id=chain_id, target=name).order_by("-at", "-id").first()


def do_set_target_status(
    actor: User | None, chain_id: str, target: str, status: InvestmentStatus, note: str = ""
) -> ChainTargetStatus:
    """Record where a 招商 target of the chain file stands now (拟引进 → 已对接 → 洽谈中 → 已签约 → 已落地)."""
    chain = data.get_chain(chain_id)
    found = next((t for t in chain.investment_targets if t.name == target), None)
    if found is None:
        raise ActionError(_("本链招商方案中没有「%(target)s」。") % {"target": target}, code="unknown_target")
    with transaction.atomic():
        current = target_status(chain_id, target)
        before = current.status if current else found.status.value
        if before == status.value and not note.strip():
            raise ActionError(_("没有修改。"), code="unchanged")
        row = ChainTargetStatus.objects.create(
            chain_id=chain_id,
            target=target,
            status=status.value,
            note=note.strip(),
            set_by=actor,
            set_by_name=actor_label(actor),
        )
        _change(
            actor,
            chain_id,
            ChangeKind.TARGET,
            ChangeAction.STATUS,
            target,
            {"status": before},
            {"status": status.value, "note": row.note},
        )
        return row


def do_escalate_overdue() -> list[ProblemItem]:
    """督办 by the system: every open item overdue by more than ``escalation.after_working_days``
    working days and not yet escalated (the ``chain_reminders`` command runs it daily)."""
    chains = data.get_chains()
    if chains is None:
        return []
    wait = chains.file.escalation.after_working_days
    today = data.today()
    done = []
    candidates = ProblemItem.objects.filter(
        state__in=[s.value for s in ProblemState if s.is_open], escalated_at__isnull=True, deadline__lt=today
    )
    for item in candidates:
        assert item.deadline is not None
        try:
            late = data.calendar().working_days_between(item.deadline, today)
        except CalendarYearMissingError:
            continue
        if late <= wait:
            continue

        def change(it: ProblemItem, day: dt.date) -> None:
            it.escalated_at = timezone.now()

        reason = _("逾期 %(days)s 个工作日，自动督办（%(office)s）。") % {
            "days": late,
            "office": chains.file.escalation.name,
        }
        item = _apply(None, item, Action.ESCALATE, reason=reason, change=change, as_actors={Actor.OFFICE})
        mail_after_commit(_subject(item), reason, recipients(units=item.units(), chain_office=item.chain_id))
        done.append(item)
    return done
