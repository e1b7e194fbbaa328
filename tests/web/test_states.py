"""The approval state machine as a table (no database)."""

from __future__ import annotations

import pytest

from planwatch_web.submissions.states import (
    ADMIN_ONLY,
    NEEDS_REASON,
    SubmissionState,
    Transition,
    allowed_transitions,
    next_state,
)

S, T = SubmissionState, Transition


@pytest.mark.parametrize(
    ("state", "transition", "expected"),
    [
        (S.DRAFT, T.SUBMIT, S.SUBMITTED),
        (S.RETURNED, T.SUBMIT, S.SUBMITTED),
        (S.SUBMITTED, T.APPROVE, S.APPROVED),
        (S.SUBMITTED, T.RETURN, S.RETURNED),
        (S.APPROVED, T.PUBLISH, S.PUBLISHED),
        (S.APPROVED, T.REOPEN, S.RETURNED),
        (S.PUBLISHED, T.REOPEN, S.RETURNED),
        # refused
        (S.DRAFT, T.APPROVE, None),
        (S.DRAFT, T.PUBLISH, None),
        (S.SUBMITTED, T.SUBMIT, None),
        (S.SUBMITTED, T.PUBLISH, None),
        (S.APPROVED, T.RETURN, None),
        (S.APPROVED, T.SUBMIT, None),
        (S.PUBLISHED, T.APPROVE, None),
        (S.RETURNED, T.APPROVE, None),
    ],
)
def test_transitions(
    state: SubmissionState, transition: Transition, expected: SubmissionState | None
) -> None:
    assert next_state(state, transition) == expected


def test_only_draft_and_returned_are_editable_and_approval_locks() -> None:
    assert [s for s in S if s.editable] == [S.DRAFT, S.RETURNED]
    assert [s for s in S if s.locked] == [S.APPROVED, S.PUBLISHED]


def test_reasons_and_admin_only() -> None:
    assert {T.RETURN, T.REOPEN} == NEEDS_REASON
    assert {T.RETURN, T.APPROVE, T.PUBLISH, T.REOPEN} == ADMIN_ONLY
    assert allowed_transitions(S.SUBMITTED) == [T.RETURN, T.APPROVE]


def test_chinese_labels() -> None:
    assert [str(s.label) for s in S] == ["草稿", "已上报", "已审核", "已退回", "已发布"]
