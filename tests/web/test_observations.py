"""The database as the engine's ObservationTable: approved and published values only, plus the plan's history."""

from __future__ import annotations

import pytest

from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch_web.accounts.models import User
from planwatch_web.core.observations import assessed_observations, database_observations
from planwatch_web.core.plan import get_plan
from planwatch_web.submissions import actions
from planwatch_web.submissions.models import Submission
from planwatch_web.submissions.states import SubmissionState
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


def test_database_values_replace_the_plans_history_of_the_same_key(
    users: dict[str, User], subs: dict[str, Submission]
) -> None:
    # 湘西州 工业增加值 2020 is 164.3 in the plan's history (一（一）); a published form saying 165 for
    # 2020 replaces it in what the engine reads, and the history's 2019 value (158.3, 图1) stays.
    y2019, y2020 = Period.parse("2019"), Period.parse("2020")
    before = assessed_observations(get_plan())
    assert before.get("industrial_va", "xiangxi", y2020).value == 164.3  # type: ignore[union-attr]
    table = ObservationTable.of([Observation("industrial_va", "xiangxi", y2020, 165.0, source="t")])
    actions.do_load_observations(None, table, state=SubmissionState.PUBLISHED, origin="test")
    after = assessed_observations(get_plan())
    assert after.get("industrial_va", "xiangxi", y2020).value == 165  # type: ignore[union-attr]
    assert after.get("industrial_va", "xiangxi", y2019).value == 158.3  # type: ignore[union-attr]
    assert len(after) == len(before)
