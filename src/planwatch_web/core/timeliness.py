"""How late each scope reported: the ``late_days`` the core's ranking takes (planwatch.assess.rank).

For every submission of the year's periods: days from the deadline to the first 上报 (first
submission counts, not a resubmission after a return); a form still open after its deadline counts
the days until ``today``. Days add up over the periods of the year; on-time forms count 0.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone

from planwatch_web.submissions.models import Submission
from planwatch_web.submissions.states import EDITABLE


def days_late(submission: Submission, today: dt.date) -> int:
    deadline = submission.period.deadline
    if submission.first_submitted_at is not None:
        submitted = timezone.localdate(submission.first_submitted_at)
        return max((submitted - deadline).days, 0)
    if submission.state_enum in EDITABLE:
        return max((today - deadline).days, 0)
    return 0  # loaded as approved/published without a submission date


def late_days(year: int, *, today: dt.date | None = None) -> dict[str, float]:
    """Scope id → days late summed over the reporting periods that end in ``year``."""
    today = today or timezone.localdate()
    out: dict[str, float] = defaultdict(float)
    for sub in Submission.objects.select_related("period").filter(period__period__startswith=str(year)):
        if sub.period.as_period.year != year:
            continue
        out[sub.scope_id] += days_late(sub, today)
    return dict(out)
