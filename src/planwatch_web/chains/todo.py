"""What awaits a user on the problem list (待办): items to act on, deadlines near, overdue items."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from planwatch.chains.calendar import CalendarYearMissingError
from planwatch.chains.workflow import ProblemState, is_overdue
from planwatch_web.chains import data
from planwatch_web.chains.access import office_chain, problems_for_user, reads_all, unit_of
from planwatch_web.chains.models import ExtensionState, ProblemItem

NEAR_WORKING_DAYS = 2  # a deadline this close (or closer) is "near"


@dataclass(frozen=True)
class Todo:
    item: ProblemItem
    what: str  # what the user is to do
    due: dt.date | None
    overdue: bool


def _near(deadline: dt.date | None, today: dt.date) -> bool:
    if deadline is None or deadline < today:
        return False
    try:
        return data.calendar().working_days_between(today, deadline) <= NEAR_WORKING_DAYS
    except CalendarYearMissingError:
        return False


def todos_for(user: object, today: dt.date | None = None) -> list[Todo]:
    """The user's 待办, overdue first, then by deadline."""
    today = today or data.today()
    out: list[Todo] = []
    items = list(problems_for_user(user).exclude(state=ProblemState.CLOSED.value))
    chain = office_chain(user)
    unit = unit_of(user)
    for item in items:
        state = item.state_enum
        late = is_overdue(item.deadline, state, today)
        what = ""
        if chain is not None:
            if state in (ProblemState.RAISED, ProblemState.RETURNED):
                what = _("交办")
            elif state is ProblemState.DONE:
                what = _("回访企业并确认")
            elif state is ProblemState.CONFIRMED:
                what = _("销号")
            elif item.extension == ExtensionState.REQUESTED:
                what = _("审批延期申请")
            elif late and item.escalated_at is None:
                what = _("逾期，督办")
        elif unit is not None and state.is_open:
            if unit == item.lead_unit:
                if state is ProblemState.ASSIGNED:
                    what = _("签收或退回")
                elif late:
                    what = _("已逾期，尽快办结")
                elif _near(item.deadline, today):
                    what = _("期限将到，办结")
                else:
                    what = _("办理并办结")
            elif unit in item.assist_units:
                what = _("协办反馈")
        elif reads_all(user) and item.escalated_at is not None and state.is_open:
            what = _("督办中")
        if what:
            out.append(Todo(item, what, item.deadline, late))
    out.sort(key=lambda t: (not t.overdue, t.due or dt.date.max, t.item.pk))
    return out
