"""共性问题 go to the chain's 专班 when raised; the 专班's units see them on their 待办 (docs/chains.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from planwatch_web.accounts.models import Role, User
from planwatch_web.chains import data
from planwatch_web.chains.models import ProblemEvent, ProblemItem

pytestmark = pytest.mark.django_db

CHAIN = "new_materials"
TEAM = ["miit_bureau", "development_reform", "commerce_bureau"]  # the 专班 as the admin records it
# Raised on Friday 2025-09-26, category land (用地), no category rule → 主办 7 working days: 9-28 (make-up
# Sunday) 1, 9-29 2, 9-30 3, 10-1..8 off, 10-9 4, 10-10 5, 10-11 (make-up Saturday) 6, Mon 10-13 7;
# 协办 3 working days: 9-28 1, 9-29 2, Tue 9-30 3.
RAISED_ON = dt.date(2025, 9, 26)


@pytest.fixture
def people(users: dict[str, User], make_user: Callable[..., User], monkeypatch: pytest.MonkeyPatch) -> dict[str, User]:
    monkeypatch.setattr(data, "today", lambda: RAISED_ON)
    people = dict(users)
    people["office"] = make_user("office_nm", Role.CHAIN_OFFICE, CHAIN)
    people["team_lead"] = make_user("unit_miit", Role.UNIT, TEAM[0])
    people["team_member"] = make_user("unit_dr", Role.UNIT, TEAM[1])
    people["outsider"] = make_user("unit_finance", Role.UNIT, "finance_bureau")
    return people


def client(people: dict[str, User], who: str) -> Client:
    c = Client()
    c.force_login(people[who])
    return c


def raise_item(people: dict[str, User], *, common: bool) -> ProblemItem:
    form = {"title": "园区用工缺口", "raised_by_kind": "unit", "raised_by": "园区管委会", "category": "land"}
    if common:
        form["common"] = "on"
    r = client(people, "office").post(f"/chains/{CHAIN}/raise/", form)
    assert r.status_code == 302
    return ProblemItem.objects.latest("id")


def test_a_common_problem_goes_to_the_task_force(people: dict[str, User]) -> None:
    r = client(people, "admin").post(f"/chains/{CHAIN}/roles/", {"role": "task_force", "units": TEAM})
    assert r.status_code == 302
    item = raise_item(people, common=True)
    assert (item.state, item.common, item.lead_unit, item.assist_units) == ("assigned", True, TEAM[0], TEAM[1:])
    assert (item.assigned_on, item.deadline, item.assist_deadline) == (
        RAISED_ON, dt.date(2025, 10, 13), dt.date(2025, 9, 30))
    events = list(ProblemEvent.objects.filter(item=item).order_by("id"))
    assert [e.action for e in events] == ["raise", "assign"]
    assert events[1].actor == people["office"] and "工作专班" in events[1].reason
    assert [(e.before or {}).get("state") for e in events] == [None, "raised"]
    # On the 专班's 待办: the 主办 unit to sign for it, a member to answer as 协办.
    lead_todo = client(people, "team_lead").get("/chains/todo/").content.decode()
    assert item.title in lead_todo and "签收或退回" in lead_todo
    member_todo = client(people, "team_member").get("/chains/todo/").content.decode()
    assert item.title in member_todo and "协办反馈" in member_todo
    # A unit sees what is assigned to it, nothing else.
    assert client(people, "team_lead").get(f"/chains/problems/{item.pk}/").status_code == 200
    assert client(people, "team_member").get(f"/chains/problems/{item.pk}/").status_code == 200
    assert client(people, "outsider").get(f"/chains/problems/{item.pk}/").status_code == 404
    assert item.title not in client(people, "outsider").get("/chains/todo/").content.decode()
    # The 主办 unit of the 专班 takes it on.
    r = client(people, "team_lead").post(f"/chains/problems/{item.pk}/accept/")
    assert r.status_code == 302 and ProblemItem.objects.get(pk=item.pk).state == "in_progress"


def test_a_problem_not_marked_common_waits_for_the_office(people: dict[str, User]) -> None:
    client(people, "admin").post(f"/chains/{CHAIN}/roles/", {"role": "task_force", "units": TEAM})
    item = raise_item(people, common=False)
    assert (item.state, item.lead_unit) == ("raised", "")
    assert item.title not in client(people, "team_lead").get("/chains/todo/").content.decode()
    assert client(people, "team_lead").get(f"/chains/problems/{item.pk}/").status_code == 404


def test_a_common_problem_without_a_task_force_stays_with_the_office(people: dict[str, User]) -> None:
    # The chain file leaves the 专班 to fill (to_fill: true, no unit) and nobody has recorded it yet.
    item = raise_item(people, common=True)
    assert (item.state, item.lead_unit) == ("raised", "")
    office_todo = client(people, "office").get("/chains/todo/").content.decode()
    assert item.title in office_todo and "交办" in office_todo
    page = client(people, "office").get(f"/chains/problems/{item.pk}/").content.decode()
    assert "尚未确定工作专班" in page


def test_the_latest_task_force_record_decides(people: dict[str, User]) -> None:
    admin = client(people, "admin")
    admin.post(f"/chains/{CHAIN}/roles/", {"role": "task_force", "units": ["finance_bureau"]})
    admin.post(f"/chains/{CHAIN}/roles/", {"role": "task_force", "units": TEAM[:2]})
    item = raise_item(people, common=True)
    assert (item.lead_unit, item.assist_units) == (TEAM[0], [TEAM[1]])
