"""The database as the engine's ObservationTable: approved and published values only, plus the plan's history."""

from __future__ import annotations

import pytest

from planwatch.domain.enums import Measure
from planwatch.domain.periods import Period
from planwatch_web.accounts.models import User
from planwatch_web.core.observations import assessed_observations, database_observations
from planwatch_web.core.plan import get_plan
from planwatch_web.submissions import actions
from planwatch_web.submissions.models import Submission
from planwatch_web.submissions.validation import ValueInput

pytestmark = pytest.mark.django_db

Q3 = Period.parse("2025Q3")


def _save(user: User, sub: Submission, count: float) -> None:
    actions.do_save_values(
        user,
        sub.pk,
        [
            ValueInput("scale_enterprises", Measure.LEVEL, count),
            ValueInput("new_scale_enterprises", Measure.YTD, 5.0),
            ValueInput("county_sci_parks", Measure.LEVEL, 1.0),
        ],
        expected_version=None,
    )


def test_only_approved_and_published_values_reach_the_engine(
    users: dict[str, User], subs: dict[str, Submission]
) -> None:
    _save(users["jishou"], subs["jishou"], 48.0)  # draft
    _save(users["luxi"], subs["luxi"], 31.0)
    actions.do_submit(users["luxi"], subs["luxi"].pk)  # submitted, not approved
    assert len(database_observations()) == 0

    actions.do_approve(users["admin"], subs["luxi"].pk)
    table = database_observations()
    obs = table.get("scale_enterprises", "luxi", Q3)
    assert obs is not None and obs.value == 31.0
    assert obs.origin == f"web:submission:{subs['luxi'].pk}"
    assert table.get("scale_enterprises", "jishou", Q3) is None
    assert len(database_observations(published_only=True)) == 0

    actions.do_publish(users["admin"], subs["luxi"].pk)
    assert len(database_observations(published_only=True)) == 3


def test_plan_history_comes_first_and_database_values_win(
    users: dict[str, User], subs: dict[str, Submission]
) -> None:
    plan = get_plan()
    history = plan.history_observations()
    table = assessed_observations(plan)
    assert len(table) == len(history)  # nothing approved yet: exactly the plan's own figures
    first = next(iter(history))
    assert table.get(first.indicator, first.scope, first.period, first.measure) == first
