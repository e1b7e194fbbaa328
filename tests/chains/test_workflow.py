"""The problem workflow (workflow.yaml) and time limits by category and role."""

from __future__ import annotations

import datetime as dt

import pytest

from planwatch.chains.calendar import bundled_calendar
from planwatch.chains.schema import DeadlineRule, DeadlineRules, HandlerRole
from planwatch.chains.workflow import (
    Action,
    Actor,
    ProblemState,
    TransitionRefusedError,
    allowed_actions,
    bundled_workflow,
    deadline_for,
    is_overdue,
    transition,
    working_days_for,
)

S = ProblemState
WF = bundled_workflow()
OFFICE, LEAD, ASSIST = {Actor.OFFICE}, {Actor.LEAD_UNIT}, {Actor.ASSIST_UNIT}


def test_the_main_path_from_raised_to_closed() -> None:
    state = transition(WF, Action.RAISE, None, OFFICE)
    assert state is S.RAISED
    steps = [
        (Action.ASSIGN, OFFICE, S.ASSIGNED),
        (Action.ACCEPT, LEAD, S.IN_PROGRESS),
        (Action.ANSWER, LEAD, S.DONE),
        (Action.CONFIRM, OFFICE, S.CONFIRMED),
        (Action.CLOSE, OFFICE, S.CLOSED),
    ]
    for action, actors, after in steps:
        state = transition(WF, action, state, actors, reason="已协调") or state
        assert state is after


def test_return_needs_a_reason_and_goes_back_to_the_office() -> None:
    with pytest.raises(TransitionRefusedError) as info:
        transition(WF, Action.RETURN, S.ASSIGNED, LEAD, reason="  ")
    assert info.value.code == "CHAIN_ACTION_REASON"
    assert transition(WF, Action.RETURN, S.ASSIGNED, LEAD, reason="不属我单位职责") is S.RETURNED
    assert transition(WF, Action.ASSIGN, S.RETURNED, OFFICE) is S.ASSIGNED


def test_a_unit_cannot_take_the_office_s_actions() -> None:
    with pytest.raises(TransitionRefusedError) as info:
        transition(WF, Action.CLOSE, S.CONFIRMED, LEAD)
    assert info.value.code == "CHAIN_ACTION_NOT_YOURS"
    with pytest.raises(TransitionRefusedError):
        transition(WF, Action.ANSWER, S.IN_PROGRESS, ASSIST, reason="x")


def test_no_skipping_states() -> None:
    with pytest.raises(TransitionRefusedError) as info:
        transition(WF, Action.CLOSE, S.DONE, OFFICE)
    assert info.value.code == "CHAIN_ACTION_STATE"
    with pytest.raises(TransitionRefusedError):
        transition(WF, Action.RAISE, S.RAISED, OFFICE)


def test_extension_only_before_the_deadline_and_escalation_only_after() -> None:
    assert transition(WF, Action.REQUEST_EXTENSION, S.IN_PROGRESS, LEAD, reason="待省厅批复") is None
    with pytest.raises(TransitionRefusedError) as info:
        transition(WF, Action.REQUEST_EXTENSION, S.IN_PROGRESS, LEAD, reason="x", overdue=True)
    assert info.value.code == "CHAIN_EXTENSION_LATE"
    with pytest.raises(TransitionRefusedError) as info:
        transition(WF, Action.ESCALATE, S.IN_PROGRESS, OFFICE)
    assert info.value.code == "CHAIN_ESCALATE_NOT_OVERDUE"
    assert transition(WF, Action.ESCALATE, S.IN_PROGRESS, OFFICE, overdue=True) is None


def test_allowed_actions_are_the_buttons() -> None:
    names = [t.action for t in allowed_actions(WF, S.ASSIGNED, LEAD)]
    assert names == [Action.ACCEPT, Action.RETURN, Action.REQUEST_EXTENSION]
    names = [t.action for t in allowed_actions(WF, S.IN_PROGRESS, OFFICE, overdue=True)]
    assert names == [Action.APPROVE_EXTENSION, Action.REFUSE_EXTENSION, Action.ESCALATE]
    assert allowed_actions(WF, S.CLOSED, OFFICE | LEAD | ASSIST) == []


def test_every_state_but_closed_has_a_way_on() -> None:
    everyone = {Actor.OFFICE, Actor.LEAD_UNIT, Actor.ASSIST_UNIT, Actor.UNIT}
    for state in ProblemState:
        moves = [t for t in allowed_actions(WF, state, everyone) if t.to is not None]
        assert bool(moves) is (state is not S.CLOSED), state


def test_time_limits_by_category_and_role() -> None:
    rules = DeadlineRules(rules=[DeadlineRule(category="approval", role=HandlerRole.LEAD, working_days=5)])
    assert working_days_for(rules, "land", HandlerRole.LEAD) == 7  # default 主办
    assert working_days_for(rules, "land", HandlerRole.ASSIST) == 3  # default 协办
    assert working_days_for(rules, "approval", HandlerRole.LEAD) == 5
    cal = bundled_calendar()
    # Assigned Thursday 2025-04-24: 协办 3 working days → Fri 4-25 1, Sun 4-27 (make-up) 2, Mon 4-28 3.
    assert deadline_for(rules, cal, "land", HandlerRole.ASSIST, dt.date(2025, 4, 24)) == dt.date(2025, 4, 28)
    # 主办 7: … Mon 4-28 3, Tue 4-29 4, Wed 4-30 5, 5-1..5-5 off, Tue 5-6 6, Wed 5-7 7.
    assert deadline_for(rules, cal, "land", HandlerRole.LEAD, dt.date(2025, 4, 24)) == dt.date(2025, 5, 7)


def test_overdue_only_while_a_unit_works_on_it() -> None:
    day = dt.date(2025, 5, 7)
    assert is_overdue(day, S.IN_PROGRESS, dt.date(2025, 5, 8))
    assert not is_overdue(day, S.IN_PROGRESS, day)  # due today is not late
    assert not is_overdue(day, S.DONE, dt.date(2025, 6, 1))
    assert not is_overdue(None, S.RAISED, dt.date(2025, 6, 1))
