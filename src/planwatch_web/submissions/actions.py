"""Every change to periods, submissions and values: named actions, each one transaction + audit rows.

Zulip's pattern: a view parses and validates input and checks access (submissions.access); then
exactly one ``do_*`` function performs the whole change atomically and records who, when, what,
before → after. Nothing else writes these tables. Each action locks the submission row
(``SELECT … FOR UPDATE`` on PostgreSQL; SQLite serialises writers) and checks the form's
``version``, so concurrent writes to the same scope × period are never lost silently: a save
based on stale data is refused with a message, and saves that merge (uploads) each land whole.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planwatch.domain.enums import Measure
from planwatch.domain.observations import ObservationTable, format_value
from planwatch.domain.periods import Period, PeriodError
from planwatch_web.accounts.models import Role, User
from planwatch_web.audit.models import AuditAction, AuditEntry
from planwatch_web.audit.record import audit_entry, write_audit
from planwatch_web.core.plan import get_plan, reporting_scopes
from planwatch_web.submissions.errors import ActionError, IncompleteError, StaleVersionError, TransitionError
from planwatch_web.submissions.formlines import form_lines, line_key
from planwatch_web.submissions.models import DataValue, ReportingPeriod, Submission
from planwatch_web.submissions.states import (
    ADMIN_ONLY,
    NEEDS_REASON,
    SubmissionState,
    Transition,
    next_state,
)
from planwatch_web.submissions.validation import LineState, ValueInput, completeness_problems

MAX_REASON = 2000


@dataclass(frozen=True)
class SaveResult:
    changed: int
    version: int


def _lock(submission_id: int) -> Submission:
    """The submission row, locked until the end of the transaction."""
    submission = Submission.objects.select_for_update().get(pk=submission_id)
    submission.period = ReportingPeriod.objects.get(pk=submission.period_id)
    return submission


def _check_version(submission: Submission, expected_version: int | None) -> None:
    if expected_version is not None and submission.version != expected_version:
        raise StaleVersionError(
            _(
                "本表已被他人修改（当前版本 %(current)d，您提交的是版本 %(yours)d），您的修改未保存。请刷新后重新填写。"
            )
            % {"current": submission.version, "yours": expected_version}
        )


def _check_closed(submission: Submission) -> None:
    if submission.period.is_closed:
        raise TransitionError(
            _("填报期 %(period)s 已关闭，不能再填报。如需补报，请联系州级管理员重新开启。")
            % {"period": submission.period.period}
        )


def _snapshot(dv: DataValue | None) -> dict[str, Any] | None:
    if dv is None:
        return None
    return {"value": dv.value, "note": dv.note, "source": dv.source}


# -- values -------------------------------------------------------------------------------------------
def do_save_values(
    actor: User,
    submission_id: int,
    inputs: Sequence[ValueInput],
    *,
    expected_version: int | None,
    audit_action: AuditAction = AuditAction.SAVE_VALUES,
    origin: str = "",
) -> SaveResult:
    """Write the given lines of one submission (only those that changed), all or nothing.

    ``expected_version`` is the version the user's form showed: the browser grid passes it (a stale
    grid is refused); an upload passes None and merges its lines on top of the latest data.
    """
    with transaction.atomic():
        submission = _lock(submission_id)
        if not submission.editable:
            raise TransitionError(
                _("本表状态为「%(state)s」，数据已锁定，不能修改。") % {"state": submission.state_enum.label}
            )
        _check_closed(submission)
        _check_version(submission, expected_version)
        plan = get_plan()
        lines = {
            line.key: line for line in form_lines(plan, submission.scope_id, submission.period.as_period)
        }
        unknown = [i for i in inputs if line_key(i.indicator, i.measure) not in lines]
        if unknown:
            raise ActionError(
                _("以下指标不在本表中：%(items)s")
                % {"items": "、".join(f"{u.indicator}/{u.measure}" for u in unknown)},
                code="unknown_line",
            )
        origin = origin or f"web:submission:{submission.pk}"
        existing = {dv.line_key: dv for dv in DataValue.objects.filter(submission=submission)}
        audit: list[AuditEntry] = []
        now = timezone.now()
        for inp in inputs:
            key = line_key(inp.indicator, inp.measure)
            current = existing.get(key)
            before = _snapshot(current)
            source = inp.source or (current.source if current else "")
            if inp.value is None and not inp.note:
                if current is None:
                    continue
                current.delete()
                after = None
            elif current is None:
                current = DataValue.objects.create(
                    submission=submission,
                    indicator=inp.indicator,
                    scope=submission.scope_id,
                    period=submission.period.period,
                    measure=inp.measure.value,
                    value=inp.value,
                    note=inp.note,
                    source=source,
                    origin=inp.origin or origin,
                    updated_by=actor,
                )
                after = _snapshot(current)
            else:
                if current.value == inp.value and current.note == inp.note and current.source == source:
                    continue
                current.value, current.note, current.source = inp.value, inp.note, source
                current.origin, current.updated_by = inp.origin or origin, actor
                current.save(update_fields=["value", "note", "source", "origin", "updated_by", "updated_at"])
                after = _snapshot(current)
            audit.append(
                audit_entry(
                    actor,
                    audit_action,
                    object_type="datavalue",
                    object_id=key,
                    submission=submission,
                    field=key,
                    before=before,
                    after=after,
                    origin=inp.origin or origin,
                )
            )
        for entry in audit:
            entry.at = now
        if audit:
            submission.version += 1
            submission.save(update_fields=["version", "updated_at"])
            write_audit(audit)
        return SaveResult(changed=len(audit), version=submission.version)


def submission_problems(submission: Submission) -> list[str]:
    """What stops this submission from being submitted: missing lines and failed blocking rules."""
    from planwatch_web.submissions.ingest_bridge import blocking_rule_messages

    plan = get_plan()
    lines = form_lines(plan, submission.scope_id, submission.period.as_period)
    current = [
        LineState(dv.line_key, dv.value, dv.note) for dv in DataValue.objects.filter(submission=submission)
    ]
    return completeness_problems(lines, current) + blocking_rule_messages(plan, submission)


# -- transitions --------------------------------------------------------------------------------------
_AUDIT_OF = {
    Transition.SUBMIT: AuditAction.SUBMIT,
    Transition.RETURN: AuditAction.RETURN,
    Transition.APPROVE: AuditAction.APPROVE,
    Transition.PUBLISH: AuditAction.PUBLISH,
    Transition.REOPEN: AuditAction.REOPEN,
}


def _transition(
    actor: User,
    submission_id: int,
    transition: Transition,
    *,
    reason: str = "",
    expected_version: int | None = None,
) -> Submission:
    reason = reason.strip()
    if transition in NEEDS_REASON and not reason:
        raise ActionError(_("请填写原因。"), code="reason_required")
    if len(reason) > MAX_REASON:
        raise ActionError(_("原因不能超过 %(n)d 个字。") % {"n": MAX_REASON}, code="reason_too_long")
    if transition in ADMIN_ONLY and actor.role != Role.ADMIN:
        raise TransitionError(_("只有州级管理员可以执行「%(step)s」。") % {"step": transition.label})
    with transaction.atomic():
        submission = _lock(submission_id)
        before = submission.state_enum
        after = next_state(before, transition)
        if after is None:
            raise TransitionError(
                _("本表当前状态为「%(state)s」，不能执行「%(step)s」。")
                % {"state": before.label, "step": transition.label}
            )
        _check_version(submission, expected_version)
        if transition is Transition.SUBMIT:
            _check_closed(submission)
            problems = submission_problems(submission)
            if problems:
                raise IncompleteError(_("本表还不能上报，请先处理以下问题："), details=problems)
        now = timezone.now()
        submission.state = after
        submission.version += 1
        fields = ["state", "version", "updated_at"]
        if transition is Transition.SUBMIT:
            submission.submitted_at, submission.submitted_by = now, actor
            fields += ["submitted_at", "submitted_by"]
            if submission.first_submitted_at is None:
                submission.first_submitted_at = now
                fields.append("first_submitted_at")
        elif transition in (Transition.APPROVE, Transition.RETURN):
            submission.reviewed_at, submission.reviewed_by = now, actor
            fields += ["reviewed_at", "reviewed_by"]
        elif transition is Transition.PUBLISH:
            submission.published_at = now
            fields.append("published_at")
        if transition in NEEDS_REASON:
            submission.return_reason = reason
            fields.append("return_reason")
        submission.save(update_fields=fields)
        write_audit(
            [
                audit_entry(
                    actor,
                    _AUDIT_OF[transition],
                    object_type="submission",
                    object_id=submission.pk,
                    submission=submission,
                    field="state",
                    before=before.value,
                    after=after.value,
                    reason=reason,
                )
            ]
        )
        return submission


def do_submit(actor: User, submission_id: int, *, expected_version: int | None = None) -> Submission:
    """草稿/已退回 → 已上报, when every line is filled or explained and no blocking rule fails."""
    return _transition(actor, submission_id, Transition.SUBMIT, expected_version=expected_version)


def do_return(actor: User, submission_id: int, reason: str) -> Submission:
    """已上报 → 已退回, with the reason the reporter will see."""
    return _transition(actor, submission_id, Transition.RETURN, reason=reason)


def do_approve(actor: User, submission_id: int, *, expected_version: int | None = None) -> Submission:
    """已上报 → 已审核: the values are locked and count in assessments."""
    return _transition(actor, submission_id, Transition.APPROVE, expected_version=expected_version)


def do_publish(actor: User, submission_id: int) -> Submission:
    """已审核 → 已发布: the values appear on public pages."""
    return _transition(actor, submission_id, Transition.PUBLISH)


def do_reopen(actor: User, submission_id: int, reason: str) -> Submission:
    """已审核/已发布 → 已退回: the administrator unlocks the form, with a reason."""
    return _transition(actor, submission_id, Transition.REOPEN, reason=reason)


def do_publish_period(actor: User, period_id: int) -> int:
    """Publish every approved submission of a period (each one its own audited transition)."""
    ids = list(
        Submission.objects.filter(period_id=period_id, state=SubmissionState.APPROVED).values_list(
            "pk", flat=True
        )
    )
    with transaction.atomic():
        for pk in ids:
            do_publish(actor, pk)
    return len(ids)


# -- periods ------------------------------------------------------------------------------------------
def _parse_period(text: str) -> Period:
    try:
        return Period.parse(text)
    except PeriodError:
        raise ActionError(
            _("「%(text)s」不是有效的时期（示例：2025、2025Q1、2025-03）。") % {"text": text},
            code="bad_period",
        ) from None


def period_end(period: Period) -> dt.date:
    """The last day of the period (2025Q3 → 2025-09-30)."""
    year, month = (period.year + 1, 1) if period.end_month == 12 else (period.year, period.end_month + 1)
    return dt.date(year, month, 1) - dt.timedelta(days=1)


def check_deadline(period: Period, deadline: dt.date) -> None:
    """A deadline falls after the period ends (data for 2025Q3 cannot be due before 2025-10-01)."""
    if deadline <= period_end(period):
        raise ActionError(
            _("截止日期 %(deadline)s 不能早于或等于时期结束日 %(end)s。")
            % {"deadline": deadline.isoformat(), "end": period_end(period).isoformat()},
            code="deadline_before_period",
        )


def check_within_plan(period: Period) -> None:
    """Only periods of the plan's years are opened (a 2021–2025 plan collects 2021 … 2025)."""
    meta = get_plan().meta
    if not meta.start_year <= period.year <= meta.end_year:
        raise ActionError(
            _("%(period)s 不在规划期（%(start)d—%(end)d 年）内，不能开启。")
            % {"period": str(period), "start": meta.start_year, "end": meta.end_year},
            code="period_outside_plan",
        )


def default_deadline(period: Period) -> dt.date:
    """The 15th of the month after the period ends (the usual 月后15日 of statistical reporting)."""
    year, month = (period.year + 1, 1) if period.end_month == 12 else (period.year, period.end_month + 1)
    return dt.date(year, month, 15)


def do_open_period(
    actor: User | None,
    period_text: str,
    deadline: dt.date | None = None,
    *,
    scopes: Iterable[str] | None = None,
) -> ReportingPeriod:
    """Open a reporting period: one draft form per reporting scope, with a deadline.

    A person (the administrator) opens only periods within the plan's years, with a deadline after
    the period ends; the system (``actor`` None: the demo, back-filling) is not limited to the plan.
    """
    period = _parse_period(period_text)
    if actor is not None and actor.role != Role.ADMIN:
        raise TransitionError(_("只有州级管理员可以开启填报期。"))
    if actor is not None:
        check_within_plan(period)
    if deadline is not None:
        check_deadline(period, deadline)
    plan = get_plan()
    scope_ids = list(scopes) if scopes is not None else [s.id for s in reporting_scopes(plan)]
    unknown = [s for s in scope_ids if s not in plan.scopes]
    if unknown:
        raise ActionError(
            _("规划中没有这些范围：%(items)s") % {"items": "、".join(unknown)}, code="unknown_scope"
        )
    deadline = deadline or default_deadline(period)
    with transaction.atomic():
        if ReportingPeriod.objects.filter(period=str(period)).exists():
            raise ActionError(
                _("填报期 %(period)s 已经开启。") % {"period": str(period)}, code="period_exists"
            )
        rp = ReportingPeriod.objects.create(
            period=str(period),
            kind=period.kind.value,
            end_ordinal=period.ordinal,
            deadline=deadline,
            opened_by=actor,
        )
        Submission.objects.bulk_create([Submission(period=rp, scope_id=s) for s in scope_ids])
        write_audit(
            [
                audit_entry(
                    actor,
                    AuditAction.OPEN_PERIOD,
                    object_type="period",
                    object_id=rp.period,
                    after={"deadline": deadline.isoformat(), "scopes": len(scope_ids)},
                )
            ]
        )
        return rp


def do_set_deadline(actor: User, period_id: int, deadline: dt.date) -> ReportingPeriod:
    if actor.role != Role.ADMIN:
        raise TransitionError(_("只有州级管理员可以修改截止日期。"))
    with transaction.atomic():
        rp = ReportingPeriod.objects.select_for_update().get(pk=period_id)
        before = rp.deadline
        if before == deadline:
            return rp
        check_deadline(rp.as_period, deadline)
        rp.deadline = deadline
        rp.save(update_fields=["deadline"])
        write_audit(
            [
                audit_entry(
                    actor,
                    AuditAction.SET_DEADLINE,
                    object_type="period",
                    object_id=rp.period,
                    field="deadline",
                    before=before.isoformat(),
                    after=deadline.isoformat(),
                )
            ]
        )
        return rp


def _set_closed(actor: User, period_id: int, reason: str, *, close: bool) -> ReportingPeriod:
    if actor.role != Role.ADMIN:
        raise TransitionError(_("只有州级管理员可以关闭或重新开启填报期。"))
    reason = reason.strip()
    if not reason:
        raise ActionError(_("请填写原因。"), code="reason_required")
    if len(reason) > MAX_REASON:
        raise ActionError(_("原因不能超过 %(n)d 个字。") % {"n": MAX_REASON}, code="reason_too_long")
    with transaction.atomic():
        rp = ReportingPeriod.objects.select_for_update().get(pk=period_id)
        if rp.is_closed == close:
            already = _("填报期 %(period)s 已经关闭。") if close else _("填报期 %(period)s 没有关闭。")
            raise ActionError(already % {"period": rp.period}, code="period_state")
        before = {"closed": rp.is_closed, "closed_at": rp.closed_at.isoformat() if rp.closed_at else None}
        rp.closed_at = timezone.now() if close else None
        rp.closed_by = actor if close else None
        rp.close_reason = reason if close else ""
        rp.save(update_fields=["closed_at", "closed_by", "close_reason"])
        write_audit(
            [
                audit_entry(
                    actor,
                    AuditAction.CLOSE_PERIOD if close else AuditAction.REOPEN_PERIOD,
                    object_type="period",
                    object_id=rp.period,
                    field="closed",
                    before=before,
                    after={"closed": close, "closed_at": rp.closed_at.isoformat() if rp.closed_at else None},
                    reason=reason,
                )
            ]
        )
        return rp


def do_close_period(actor: User, period_id: int, reason: str) -> ReportingPeriod:
    """关闭填报期 (administrator, reason): collection has ended; its open forms are no longer overdue
    nor fillable (submitted forms can still be reviewed)."""
    return _set_closed(actor, period_id, reason, close=True)


def do_reopen_period(actor: User, period_id: int, reason: str) -> ReportingPeriod:
    """重新开启填报期 (administrator, reason): its open forms are fillable (and overdue) again."""
    return _set_closed(actor, period_id, reason, close=False)


# -- bulk loading (demo data, back-filling history) ---------------------------------------------------
@dataclass(frozen=True)
class LoadResult:
    values: int
    submissions: int
    periods: int
    skipped_submissions: int
    already_loaded: bool = False  # the same file was loaded before (nothing read)


def do_load_observations(
    actor: User | None,
    table: ObservationTable,
    *,
    state: SubmissionState = SubmissionState.PUBLISHED,
    origin: str = "load",
) -> LoadResult:
    """Load already-validated observations (e.g. the demo data) as submissions in ``state``.

    One submission per scope × period, created when missing; a submission that already holds values
    is left alone (loading twice changes nothing). One audit row per submission loaded.
    """
    groups: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for obs in table:
        groups[(str(obs.period), obs.scope)].append(obs)
    now = timezone.now()
    with transaction.atomic():
        periods = {rp.period: rp for rp in ReportingPeriod.objects.filter(period__in={p for p, _ in groups})}
        new_periods = []
        for text in sorted({p for p, _ in groups} - set(periods)):
            period = Period.parse(text)
            new_periods.append(
                ReportingPeriod(
                    period=text,
                    kind=period.kind.value,
                    end_ordinal=period.ordinal,
                    deadline=default_deadline(period),
                    opened_by=actor,
                )
            )
        for rp in ReportingPeriod.objects.bulk_create(new_periods):
            periods[rp.period] = rp
        periods = {rp.period: rp for rp in ReportingPeriod.objects.filter(period__in=set(periods))}
        existing = {
            (s.period.period, s.scope_id): s
            for s in Submission.objects.filter(period__in=periods.values()).select_related("period")
        }
        with_values = set(
            DataValue.objects.filter(submission__in=[s.pk for s in existing.values()])
            .values_list("submission_id", flat=True)
            .distinct()
        )
        missing = [
            Submission(
                period=periods[p],
                scope_id=s,
                state=state,
                version=1,
                submitted_at=now,
                first_submitted_at=now,
                reviewed_at=now if state in (SubmissionState.APPROVED, SubmissionState.PUBLISHED) else None,
                published_at=now if state is SubmissionState.PUBLISHED else None,
            )
            for (p, s) in groups
            if (p, s) not in existing
        ]
        Submission.objects.bulk_create(missing)
        existing = {
            (s.period.period, s.scope_id): s
            for s in Submission.objects.filter(period__in=periods.values()).select_related("period")
        }
        values: list[DataValue] = []
        audit: list[AuditEntry] = []
        skipped = 0
        for (p, s), rows in sorted(groups.items()):
            submission = existing[(p, s)]
            if submission.pk in with_values:
                skipped += 1
                continue
            if submission.state != state:
                submission.state = state
                submission.version += 1
                submission.save(update_fields=["state", "version", "updated_at"])
            for obs in rows:
                values.append(
                    DataValue(
                        submission=submission,
                        indicator=obs.indicator,
                        scope=obs.scope,
                        period=p,
                        measure=Measure(obs.measure).value,
                        value=obs.value,
                        source=obs.source[:255],
                        note=obs.note,
                        origin=(obs.origin or origin)[:255],
                        updated_by=actor,
                    )
                )
            audit.append(
                audit_entry(
                    actor,
                    AuditAction.LOAD_DATA,
                    object_type="submission",
                    object_id=submission.pk,
                    submission=submission,
                    after={"values": len(rows), "state": state.value},
                    origin=origin,
                )
            )
        DataValue.objects.bulk_create(values, batch_size=2000)
        write_audit(audit)
        return LoadResult(
            values=len(values), submissions=len(audit), periods=len(new_periods), skipped_submissions=skipped
        )


def describe_value(value: float | None) -> str:
    return "—" if value is None else format_value(value)
