"""Issue 9 (web, item 7), through HTTP: the default as-of period is the latest with enough approved or
published forms (``PLANWATCH_AS_OF_MIN_COVERAGE``), not the newest with any; its coverage is shown.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period
from planwatch_web.accounts.models import User
from planwatch_web.dashboards.data import Coverage, clear_cache, default_as_of
from planwatch_web.submissions import actions
from planwatch_web.submissions.models import Submission

from .test_dashboards_helpers import publish

pytestmark = pytest.mark.django_db

Q2, Q3 = Period.parse("2025Q2"), Period.parse("2025Q3")


def _load_q2(scopes: list[str]) -> None:
    """2025Q2 published for ``scopes`` only: the loader makes one form per scope, so 2025Q2 is covered
    in full (len(scopes) / len(scopes))."""
    table = ObservationTable.of(
        Observation("scale_enterprises", s, Q2, 40.0 + i, Measure.LEVEL, source="t")
        for i, s in enumerate(scopes)
    )
    actions.do_load_observations(None, table)


def _selected(page: str) -> str:
    found = re.search(r'<option value="([^"]+)" selected>', page)
    assert found is not None
    return found.group(1)


def test_one_published_form_of_33_does_not_move_the_public_pages(
    users: dict[str, User], subs: dict[str, Submission], settings: Any
) -> None:
    _load_q2(["jishou", "luxi"])
    publish(users, subs["jishou"], "jishou", 50.0)  # 2025Q3: 1 of its 33 forms published
    total = Submission.objects.filter(period__period="2025Q3").count()
    assert total == 33
    page = Client().get(reverse("public:indicators")).content.decode()
    assert _selected(page) == "2025Q2"  # 2 / 2 = 100% ≥ 50%; 2025Q3 has 1 / 33 ≈ 3%
    assert "本期 2 / 2 张表已审核或已发布（100%）" in page
    assert "2025年第三季度 · 3%" in page  # still offered, with its coverage
    chosen = Client().get(reverse("public:indicators") + "?as_of=2025Q3").content.decode()
    assert "本期 1 / 33 张表已审核或已发布（3%）" in chosen
    settings.PLANWATCH_AS_OF_MIN_COVERAGE = 0.03  # a prefecture that accepts 3 %: 1/33 = 0.0303 ≥ 0.03
    clear_cache()  # rendered pages are kept per data version; a setting is read at start in production
    assert _selected(Client().get(reverse("public:indicators")).content.decode()) == "2025Q3"


@pytest.mark.parametrize(
    ("coverage", "threshold", "expected"),
    [
        ({Q2: Coverage(20, 33), Q3: Coverage(1, 33)}, 0.5, Q2),  # 20/33 = 0.61 ≥ 0.5 > 1/33
        ({Q2: Coverage(16, 33), Q3: Coverage(17, 33)}, 0.5, Q3),  # 17/33 = 0.515 ≥ 0.5, the latest
        ({Q2: Coverage(16, 33), Q3: Coverage(1, 33)}, 0.5, Q2),  # none enough: the best covered, 16/33
        ({Q2: Coverage(1, 33), Q3: Coverage(1, 33)}, 0.5, Q3),  # a tie: the latest
        ({Q3: Coverage(1, 33)}, 0.0, Q3),  # threshold 0: the newest with any data (the old rule)
        ({}, 0.5, None),
    ],
)
def test_default_as_of_rule(
    coverage: dict[Period, Coverage], threshold: float, expected: Period | None, settings: Any
) -> None:
    settings.PLANWATCH_AS_OF_MIN_COVERAGE = threshold
    assert default_as_of(coverage) == expected


def test_signed_in_cockpit_shows_the_coverage_of_its_period(
    users: dict[str, User], subs: dict[str, Submission], period: Any
) -> None:
    _load_q2(["jishou", "luxi", "baojing"])
    client = Client()
    client.force_login(users["leader"])
    page = client.get(reverse("dashboards:index")).content.decode()
    assert _selected(page) == "2025Q2"
    assert "本期 3 / 3 张表已审核或已发布（100%）" in page
