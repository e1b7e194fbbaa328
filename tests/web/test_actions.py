"""Named actions: one transaction each, audit rows with before → after, state machine enforced."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch_web.accounts.models import User
from planwatch_web.audit.models import AppendOnlyError, AuditAction, AuditEntry
from planwatch_web.core.plan import get_plan, reporting_scopes
from planwatch_web.submissions import actions
from planwatch_web.submissions.errors import ActionError, IncompleteError, StaleVersionError, TransitionError
from planwatch_web.submissions.models import DataValue, ReportingPeriod, Submission
from planwatch_web.submissions.states import SubmissionState
from planwatch_web.submissions.validation import ValueInput

pytestmark = pytest.mark.django_db

# 吉首市's form: the three indicators 表3 and 五 give it targets for.
JISHOU_LINES = [
    ("scale_enterprises", Measure.LEVEL),
    ("new_scale_enterprises", Measure.YTD),
    ("county_sci_parks", Measure.LEVEL),
]


def fill(
    user: User, sub: Submission, values: list[float | None], version: int | None = None
) -> actions.SaveResult:
    inputs = [ValueInput(i, m, v) for (i, m), v in zip(JISHOU_LINES, values, strict=True)]
    return actions.do_save_values(
        user, sub.pk, inputs, expected_version=sub.version if version is None else version
    )


def test_open_period_creates_one_draft_per_reporting_scope(subs: dict[str, Submission]) -> None:
    # 37 scopes − 湖南省 (a comparison series) − 3 groups (sums of their members) = 33 forms:
    expected = {s.id for s in reporting_scopes(get_plan())}
    assert set(subs) == expected and len(subs) == 33
    assert "hunan" not in subs and "parks" not in subs and "xiangxi" in subs and "jishou_edz" in subs
    assert {s.state for s in subs.values()} == {SubmissionState.DRAFT}
    assert AuditEntry.objects.filter(action=AuditAction.OPEN_PERIOD, object_id="2025Q3").count() == 1


def test_open_period_twice_or_bad_text_is_refused(users: dict[str, User], period: ReportingPeriod) -> None:
    with pytest.raises(ActionError, match="已经开启"):
        actions.do_open_period(users["admin"], "2025Q3")
    with pytest.raises(ActionError, match="不是有效的时期"):
        actions.do_open_period(users["admin"], "2025Q5")
    with pytest.raises(TransitionError):
        actions.do_open_period(users["jishou"], "2025Q4")


def test_default_deadline_is_the_15th_of_the_next_month() -> None:
    assert actions.default_deadline(Period.parse("2025Q3")) == dt.date(2025, 10, 15)
    assert actions.default_deadline(Period.parse("2025Q4")) == dt.date(2026, 1, 15)
    assert actions.default_deadline(Period.parse("2025-02")) == dt.date(2025, 3, 15)


def test_save_writes_values_and_one_audit_row_per_changed_value(
    users: dict[str, User], subs: dict[str, Submission]
) -> None:
    sub = subs["jishou"]
    result = fill(users["jishou"], sub, [48.0, 6.0, None])
    assert (result.changed, result.version) == (2, 1)  # the blank third line is not a change
    rows = {(dv.indicator, dv.measure): dv.value for dv in DataValue.objects.filter(submission=sub)}
    assert rows == {("scale_enterprises", "level"): 48.0, ("new_scale_enterprises", "ytd"): 6.0}
    dv = DataValue.objects.get(submission=sub, indicator="scale_enterprises")
    assert (dv.scope, dv.period) == ("jishou", "2025Q3")

    sub.refresh_from_db()
    result = fill(users["jishou"], sub, [50.0, 6.0, None])
    assert (result.changed, result.version) == (1, 2)
    entry = AuditEntry.objects.filter(submission=sub, field="scale_enterprises:level").order_by("-id").first()
    assert entry is not None
    assert entry.actor == users["jishou"] and entry.action == AuditAction.SAVE_VALUES
    assert entry.before == {"value": 48.0, "note": "", "source": ""}
    assert entry.after == {"value": 50.0, "note": "", "source": ""}


def test_clearing_a_value_deletes_it_and_is_audited(
    users: dict[str, User], subs: dict[str, Submission]
) -> None:
    sub = subs["jishou"]
    fill(users["jishou"], sub, [48.0, 6.0, 1.0])
    sub.refresh_from_db()
    fill(users["jishou"], sub, [48.0, 6.0, None])
    assert not DataValue.objects.filter(submission=sub, indicator="county_sci_parks").exists()
    last = AuditEntry.objects.filter(submission=sub, field="county_sci_parks:level").order_by("-id")[0]
    assert last.before == {"value": 1.0, "note": "", "source": ""} and last.after is None


def test_stale_version_is_refused_and_nothing_changes(
    users: dict[str, User], subs: dict[str, Submission]
) -> None:
    sub = subs["jishou"]
    fill(users["jishou"], sub, [48.0, 6.0, 1.0], version=0)
    with pytest.raises(StaleVersionError, match="已被他人修改"):
        fill(users["jishou"], sub, [99.0, 9.0, 9.0], version=0)  # based on version 0, current is 1
    assert DataValue.objects.get(submission=sub, indicator="scale_enterprises").value == 48.0


def test_a_line_not_on_the_form_is_refused_whole(users: dict[str, User], subs: dict[str, Submission]) -> None:
    sub = subs["jishou"]
    inputs = [
        ValueInput("scale_enterprises", Measure.LEVEL, 48.0),
        ValueInput("industrial_output", Measure.YTD, 1.0),
    ]
    with pytest.raises(ActionError, match="不在本表中"):
        actions.do_save_values(users["jishou"], sub.pk, inputs, expected_version=0)
    assert not DataValue.objects.filter(submission=sub).exists()  # nothing half-saved
    assert not AuditEntry.objects.filter(submission=sub).exists()


def test_submit_needs_every_line_filled_or_explained(
    users: dict[str, User], subs: dict[str, Submission]
) -> None:
    sub = subs["jishou"]
    fill(users["jishou"], sub, [48.0, 6.0, None])
    with pytest.raises(IncompleteError) as err:
        actions.do_submit(users["jishou"], sub.pk)
    assert err.value.details == ["「省级科技园区」未填写：请填写数值，确无数据的请在备注中说明原因。"]
    # A note instead of a value is accepted (DHIS2: missing values require a comment).
    actions.do_save_values(
        users["jishou"],
        sub.pk,
        [ValueInput("county_sci_parks", Measure.LEVEL, None, note="科技园区认定结果尚未公布")],
        expected_version=None,
    )
    done = actions.do_submit(users["jishou"], sub.pk)
    assert done.state == SubmissionState.SUBMITTED and done.submitted_by == users["jishou"]
    assert done.first_submitted_at is not None


def _submitted(users: dict[str, User], sub: Submission) -> Submission:
    fill(users["jishou"], sub, [48.0, 6.0, 1.0])
    return actions.do_submit(users["jishou"], sub.pk)


def test_return_needs_a_reason_and_the_admin(users: dict[str, User], subs: dict[str, Submission]) -> None:
    sub = _submitted(users, subs["jishou"])
    with pytest.raises(ActionError, match="请填写原因"):
        actions.do_return(users["admin"], sub.pk, "   ")
    with pytest.raises(TransitionError, match="只有州级管理员"):
        actions.do_return(users["leader"], sub.pk, "数据有误")
    returned = actions.do_return(users["admin"], sub.pk, "规模工业企业数与统计局年报不一致")
    assert returned.state == SubmissionState.RETURNED
    assert returned.return_reason == "规模工业企业数与统计局年报不一致"
    entry = AuditEntry.objects.get(submission=sub, action=AuditAction.RETURN)
    assert (entry.before, entry.after, entry.reason) == (
        "submitted",
        "returned",
        "规模工业企业数与统计局年报不一致",
    )
    # The reporter can edit again and resubmit.
    returned.refresh_from_db()
    fill(users["jishou"], returned, [47.0, 6.0, 1.0])
    assert actions.do_submit(users["jishou"], sub.pk).state == SubmissionState.SUBMITTED


def test_approval_locks_and_reopening_needs_admin_and_reason(
    users: dict[str, User], subs: dict[str, Submission]
) -> None:
    sub = _submitted(users, subs["jishou"])
    approved = actions.do_approve(users["admin"], sub.pk)
    assert approved.state == SubmissionState.APPROVED and approved.reviewed_by == users["admin"]
    with pytest.raises(TransitionError, match="已锁定"):
        fill(users["jishou"], approved, [1.0, 1.0, 1.0])
    with pytest.raises(TransitionError):
        actions.do_reopen(users["jishou"], sub.pk, "想改")
    with pytest.raises(ActionError, match="请填写原因"):
        actions.do_reopen(users["admin"], sub.pk, "")
    published = actions.do_publish(users["admin"], sub.pk)
    assert published.state == SubmissionState.PUBLISHED and published.published_at is not None
    reopened = actions.do_reopen(users["admin"], sub.pk, "统计局修订了9月数据")
    assert reopened.state == SubmissionState.RETURNED
    actions_in_order = list(
        AuditEntry.objects.filter(submission=sub, object_type="submission")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions_in_order == ["submit", "approve", "publish", "reopen"]


def test_refused_steps_from_the_wrong_state(users: dict[str, User], subs: dict[str, Submission]) -> None:
    sub = subs["jishou"]
    with pytest.raises(TransitionError, match="不能执行「审核通过」"):
        actions.do_approve(users["admin"], sub.pk)
    with pytest.raises(TransitionError):
        actions.do_publish(users["admin"], sub.pk)
    assert Submission.objects.get(pk=sub.pk).state == SubmissionState.DRAFT
    assert not AuditEntry.objects.filter(submission=sub).exists()


def test_publish_period_publishes_every_approved_form(
    users: dict[str, User], subs: dict[str, Submission]
) -> None:
    sub = _submitted(users, subs["jishou"])
    actions.do_approve(users["admin"], sub.pk)
    assert actions.do_publish_period(users["admin"], sub.period_id) == 1
    assert Submission.objects.get(pk=sub.pk).state == SubmissionState.PUBLISHED


def test_deadline_change_is_audited(users: dict[str, User], period: ReportingPeriod) -> None:
    actions.do_set_deadline(users["admin"], period.pk, dt.date(2025, 10, 20))
    entry = AuditEntry.objects.get(action=AuditAction.SET_DEADLINE)
    assert (entry.before, entry.after) == ("2025-10-15", "2025-10-20")


def test_audit_rows_are_append_only(users: dict[str, User], subs: dict[str, Submission]) -> None:
    fill(users["jishou"], subs["jishou"], [48.0, 6.0, 1.0])
    entry = AuditEntry.objects.filter(submission=subs["jishou"]).first()
    assert entry is not None
    entry.reason = "tampered"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def _table(*rows: tuple[str, str, str, float]) -> ObservationTable:
    return ObservationTable.of(
        Observation(i, s, Period.parse(p), v, Measure.LEVEL, source="synthetic demo data")
        for i, s, p, v in rows
    )


def test_load_observations_is_idempotent(db: None) -> None:
    table = _table(("scale_enterprises", "jishou", "2024", 45.0), ("scale_enterprises", "luxi", "2024", 30.0))
    first = actions.do_load_observations(None, table)
    assert (first.values, first.submissions, first.periods, first.skipped_submissions) == (2, 2, 1, 0)
    second = actions.do_load_observations(None, table)
    assert (second.values, second.submissions, second.skipped_submissions) == (0, 0, 2)
    assert DataValue.objects.count() == 2
    assert set(Submission.objects.values_list("state", flat=True)) == {"published"}
    assert AuditEntry.objects.filter(action=AuditAction.LOAD_DATA).count() == 2


def test_late_days_for_the_ranking(users: dict[str, User], subs: dict[str, Submission]) -> None:
    from planwatch_web.core.timeliness import late_days

    # Deadline 2025-10-15. 吉首市 first submits on 10-20 (5 days late), is returned and resubmits
    # on 11-30: still 5 (the first submission counts). 泸溪县 never submits: 2025-11-01 − 10-15 = 17.
    sub = subs["jishou"]
    fill(users["jishou"], sub, [48.0, 6.0, 1.0])
    actions.do_submit(users["jishou"], sub.pk)
    Submission.objects.filter(pk=sub.pk).update(
        first_submitted_at=dt.datetime(2025, 10, 20, 9, tzinfo=dt.UTC)
    )
    actions.do_return(users["admin"], sub.pk, "请核对")
    actions.do_submit(users["jishou"], sub.pk)
    days = late_days(2025, today=dt.date(2025, 11, 1))
    assert days["jishou"] == 5
    assert days["luxi"] == 17
    assert late_days(2024, today=dt.date(2025, 11, 1)) == {}
