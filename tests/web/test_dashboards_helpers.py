"""Small data for the dashboard tests: 吉首市 approved (not published), 泸溪县 published.

Targets (the bundled plan, 表3): 规模工业企业数 吉首市 35 (2020) → 65 (2025), 泸溪县 25 → 55.
Values at 2025Q3: 吉首市 50, 泸溪县 31.
"""

from __future__ import annotations

from planwatch.domain.enums import Measure
from planwatch_web.accounts.models import User
from planwatch_web.submissions import actions
from planwatch_web.submissions.models import Submission
from planwatch_web.submissions.validation import ValueInput


def fill(user: User, sub: Submission, count: float, new: float = 3.0) -> None:
    actions.do_save_values(
        user,
        sub.pk,
        [
            ValueInput("scale_enterprises", Measure.LEVEL, count),
            ValueInput("new_scale_enterprises", Measure.YTD, new),
            ValueInput("county_sci_parks", Measure.LEVEL, 1.0),
        ],
        expected_version=None,
    )


def approve(users: dict[str, User], sub: Submission, who: str, count: float) -> Submission:
    fill(users[who], sub, count)
    actions.do_submit(users[who], sub.pk)
    return actions.do_approve(users["admin"], sub.pk)


def publish(users: dict[str, User], sub: Submission, who: str, count: float) -> Submission:
    approve(users, sub, who, count)
    return actions.do_publish(users["admin"], sub.pk)


def cell_text(page: str, indicator: str, scope: str, prefix: str = "cockpit-value") -> str:
    """The text of the element carrying data-testid="<prefix>-<indicator>-<scope>"."""
    marker = f'data-testid="{prefix}-{indicator}-{scope}">'
    start = page.index(marker) + len(marker)
    return page[start : page.index("<", start)].strip()
