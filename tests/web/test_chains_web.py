"""The chain workspace and its problem list through HTTP: every transition, every access rule,
reminders, e-mail and the brief (docs/chains.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client

from planwatch_web.accounts.models import Role, User
from planwatch_web.chains import data
from planwatch_web.chains.models import ProblemEvent, ProblemItem

pytestmark = pytest.mark.django_db

CHAIN = "new_materials"
OTHER = "liquor"
LEAD, ASSIST, STRANGER = "miit_bureau", "natural_resources", "finance_bureau"
# Assigned on Friday 2025-09-26 (docs/chains.md): 主办 7 working days → Monday 2025-10-13
# (9-28 make-up Sunday 1, 9-29 2, 9-30 3, 10-1..8 off, 10-9 4, 10-10 5, 10-11 make-up Saturday 6, 10-13 7);
# 协办 3 working days → Tuesday 2025-09-30.
ASSIGNED_ON = dt.date(2025, 9, 26)
LEAD_DUE = dt.date(2025, 10, 13)
ASSIST_DUE = dt.date(2025, 9, 30)


@pytest.fixture
def today(monkeypatch: pytest.MonkeyPatch) -> Callable[[dt.date], None]:
    def set_today(day: dt.date) -> None:
        monkeypatch.setattr(data, "today", lambda: day)

    set_today(ASSIGNED_ON)
    return set_today


@pytest.fixture
def people(users: dict[str, User], make_user: Callable[..., User]) -> dict[str, User]:
    people = dict(users)
    people["office"] = make_user("office_nm", Role.CHAIN_OFFICE, CHAIN)
    people["other_chief"] = make_user("chain_liquor", Role.CHAIN_CHIEF, OTHER)
    people["lead"] = make_user("unit_miit", Role.UNIT, LEAD)
    people["assist"] = make_user("unit_land", Role.UNIT, ASSIST)
    people["stranger"] = make_user("unit_finance", Role.UNIT, STRANGER)
    for who in ("lead", "assist", "office"):
        people[who].email = f"{who}@example.org"
        people[who].save()
    return people


def client(people: dict[str, User], who: str) -> Client:
    c = Client()
    c.force_login(people[who])
    return c


def raise_item(people: dict[str, User], who: str = "chain", chain: str = CHAIN) -> ProblemItem:
    r = client(people, who).post(
        f"/chains/{chain}/raise/",
        {
            "title": "新厂房用地指标未落实",
            "raised_by_kind": "enterprise",
            "raised_by": "某锰业公司",
            "category": "land",
        },
    )
    assert r.status_code == 302
    return ProblemItem.objects.latest("id")


def act(people: dict[str, User], who: str, item: ProblemItem, action: str, **form: object) -> ProblemItem:
    r = client(people, who).post(f"/chains/problems/{item.pk}/{action}/", form)
    assert r.status_code == 302, r.status_code
    return ProblemItem.objects.get(pk=item.pk)


def assign(people: dict[str, User], item: ProblemItem) -> ProblemItem:
    return act(people, "office", item, "assign", lead_unit=LEAD, assist_units=[ASSIST])


def test_one_item_from_raised_to_closed(people: dict[str, User], today: Callable[[dt.date], None]) -> None:
    item = raise_item(people)
    assert item.state == "raised" and item.chain_id == CHAIN
    item = assign(people, item)
    assert (item.state, item.lead_unit, item.assist_units) == ("assigned", LEAD, [ASSIST])
    assert (item.deadline, item.assist_deadline) == (LEAD_DUE, ASSIST_DUE)
    item = act(people, "lead", item, "accept")
    assert item.state == "in_progress"
    item = act(people, "assist", item, "assist_reply", reason="已核实用地规划")
    assert item.state == "in_progress"
    item = act(people, "lead", item, "answer", reason="已调剂用地指标 30 亩")
    assert item.state == "done" and item.answer == "已调剂用地指标 30 亩"
    item = act(people, "office", item, "confirm", reason="企业回访满意")
    assert item.state == "confirmed"
    item = act(people, "chain", item, "close")  # the 链长 acts as the chain office too
    assert item.state == "closed"
    events = list(ProblemEvent.objects.filter(item=item).order_by("id"))
    assert [e.action for e in events] == [
        "raise",
        "assign",
        "accept",
        "assist_reply",
        "answer",
        "confirm",
        "close",
    ]
    assert [(e.before or {}).get("state") for e in events] == [
        None,
        "raised",
        "assigned",
        "in_progress",
        "in_progress",
        "done",
        "confirmed",
    ]
    assert [(e.after or {}).get("state") for e in events][-1] == "closed"
    assert events[2].actor == people["lead"] and events[2].actor_name == "unit_miit"
    assert events[3].reason == "已核实用地规划"
    page = client(people, "chain").get(f"/chains/problems/{item.pk}/").content.decode()
    assert "销号" in page and "unit_miit" in page


def test_return_needs_a_reason_then_goes_back_for_reassignment(
    people: dict[str, User], today: object
) -> None:
    item = assign(people, raise_item(people))
    item = act(people, "lead", item, "return", reason="")
    assert item.state == "assigned"  # refused: nothing changed
    assert ProblemEvent.objects.filter(item=item, action="return").count() == 0
    item = act(people, "lead", item, "return", reason="用地不属我局职责")
    assert item.state == "returned"
    item = act(people, "office", item, "assign", lead_unit=ASSIST, assist_units=[])
    assert (item.state, item.lead_unit, item.assist_units) == ("assigned", ASSIST, [])


def test_not_satisfied_goes_back_to_work(people: dict[str, User], today: object) -> None:
    item = act(people, "lead", assign(people, raise_item(people)), "accept")
    item = act(people, "lead", item, "answer", reason="已协调")
    item = act(people, "office", item, "reject", reason="企业反映未解决")
    assert item.state == "in_progress"


def test_extension_asked_before_the_deadline_and_approved(
    people: dict[str, User], today: Callable[[dt.date], None]
) -> None:
    item = act(people, "lead", assign(people, raise_item(people)), "accept")
    item = act(people, "lead", item, "request_extension", until="2025-10-31", reason="待省厅批复")
    assert (item.extension, item.extension_until, item.deadline) == (
        "requested",
        dt.date(2025, 10, 31),
        LEAD_DUE,
    )
    item = act(people, "office", item, "approve_extension")
    assert (item.extension, item.deadline) == ("approved", dt.date(2025, 10, 31))
    # A date not later than the deadline is refused.
    item = act(people, "lead", item, "request_extension", until="2025-10-20", reason="x")
    assert item.extension == "approved"


def test_extension_refused_by_the_office(people: dict[str, User], today: object) -> None:
    item = act(people, "lead", assign(people, raise_item(people)), "accept")
    item = act(people, "lead", item, "request_extension", until="2025-10-31", reason="待批复")
    item = act(people, "office", item, "refuse_extension", reason="可按期办结")
    assert (item.extension, item.deadline) == ("refused", LEAD_DUE)


def test_no_extension_after_the_deadline_nor_on_its_eve(
    people: dict[str, User], today: Callable[[dt.date], None]
) -> None:
    item = act(people, "lead", assign(people, raise_item(people)), "accept")
    today(dt.date(2025, 10, 13))  # the deadline itself: 0 working days left, 1 needed
    item = act(people, "lead", item, "request_extension", until="2025-10-31", reason="x")
    assert item.extension == ""
    today(dt.date(2025, 10, 14))  # overdue
    item = act(people, "lead", item, "request_extension", until="2025-10-31", reason="x")
    assert item.extension == ""
    assert not ProblemEvent.objects.filter(item=item, action="request_extension").exists()


def test_overdue_items_are_escalated_and_listed_for_the_prefecture(
    people: dict[str, User], today: Callable[[dt.date], None]
) -> None:
    item = act(people, "lead", assign(people, raise_item(people)), "accept")
    item = act(people, "office", item, "escalate")
    assert item.escalated_at is None  # not overdue yet
    today(dt.date(2025, 10, 14))
    item = act(people, "office", item, "escalate", reason="逾期未办结")
    assert item.escalated_at is not None
    for who in ("admin", "leader"):
        page = client(people, who).get("/chains/").content.decode()
        assert "督办清单" in page and f"#{item.pk}" in page
    todo = client(people, "lead").get("/chains/todo/").content.decode()
    assert "已逾期" in todo


def test_access_rules(people: dict[str, User], today: object) -> None:
    item = assign(people, raise_item(people))
    other = raise_item(people, "other_chief", OTHER)

    def get(who: str, url: str) -> int:
        return client(people, who).get(url).status_code

    ws = f"/chains/{CHAIN}/"
    assert get("chain", ws) == 200
    assert get("office", ws) == 200
    assert get("admin", ws) == 200 and get("leader", ws) == 200
    assert get("other_chief", ws) == 403  # another chain's workspace
    assert get("lead", ws) == 403  # a unit has no workspace
    assert get("jishou", ws) == 403
    assert get("chain", "/chains/nowhere/") == 404
    assert Client().get(ws).status_code == 302  # the public is sent to sign in
    url = f"/chains/problems/{item.pk}/"
    assert get("lead", url) == 200 and get("assist", url) == 200
    assert get("stranger", url) == 404  # a unit not on it
    assert get("other_chief", url) == 404
    assert get("chain", f"/chains/problems/{other.pk}/") == 404
    assert get("admin", url) == 200 and get("leader", url) == 200
    assert Client().get(url).status_code == 302

    # Reading is not acting: 403 for the prefecture and leaders, 404 for those who cannot read it.
    def post(who: str, action: str) -> int:
        return client(people, who).post(f"{url}{action}/", {"reason": "x"}).status_code

    assert post("admin", "accept") == 403
    assert post("leader", "accept") == 403
    assert post("other_chief", "accept") == 404
    assert post("stranger", "accept") == 404
    # Raising: only the chain's own office.
    form = {"title": "t", "raised_by_kind": "unit", "raised_by": "u", "category": "land"}
    assert client(people, "other_chief").post(f"/chains/{CHAIN}/raise/", form).status_code == 403
    assert client(people, "lead").post(f"/chains/{CHAIN}/raise/", form).status_code == 403
    # A unit cannot take the office's actions on its own item; an assisting unit cannot answer.
    assert act(people, "lead", item, "close").state == "assigned"
    act(people, "lead", item, "accept")
    assert act(people, "assist", item, "answer", reason="x").state == "in_progress"
    brief = f"/chains/{CHAIN}/brief.html"
    assert get("other_chief", brief) == 403 and get("lead", brief) == 403 and get("leader", brief) == 200


def test_todo_for_each_role(people: dict[str, User], today: object) -> None:
    raised = raise_item(people)
    assigned = assign(people, raise_item(people))
    office = client(people, "office").get("/chains/todo/").content.decode()
    assert f"#{raised.pk}" in office and f"#{assigned.pk}" not in office
    lead = client(people, "lead").get("/chains/todo/").content.decode()
    assert f"#{assigned.pk}" in lead and "签收或退回" in lead and f"#{raised.pk}" not in lead
    assert "协办反馈" in client(people, "assist").get("/chains/todo/").content.decode()
    assert "没有待办事项" in client(people, "stranger").get("/chains/todo/").content.decode()
    # The unit's home page is its 待办; the chain chief's task page says how many await.
    assert client(people, "lead").get("/")["Location"].endswith("/chains/todo/")
    tasks = client(people, "chain").get("/forms/").content.decode()
    assert 'data-testid="chain-todo"' in tasks


def test_assigning_mails_the_units_after_commit(
    people: dict[str, User], today: object, settings: object, django_capture_on_commit_callbacks: object
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # type: ignore[attr-defined]
    settings.PLANWATCH_MAIL_IN_THREAD = False  # type: ignore[attr-defined]
    item = raise_item(people)
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        assign(people, item)
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == ["assist@example.org", "lead@example.org"]
    assert "2025-10-13" in mail.outbox[0].body


def test_workspace_shows_roles_map_gaps_and_targets(people: dict[str, User], today: object) -> None:
    page = client(people, "admin").get("/chains/new_energy/").content.decode()
    assert "待州里填写" in page  # the plan names no 链长
    assert "一个扶持政策" in page  # required by 六（一）, not yet there
    assert "正极材料" in page and "缺失（补链）" in page and "比亚迪" in page
    assert "招商路线图" in page and "问题清单" in page


def test_brief_in_docx_and_html(people: dict[str, User], today: object) -> None:
    item = assign(people, raise_item(people))
    html = client(people, "chain").get(f"/chains/{CHAIN}/brief.html")
    assert html.status_code == 200
    text = html.content.decode()
    assert "绿色矿业及新材料产业链工作简报" in text and item.title in text
    docx = client(people, "chain").get(f"/chains/{CHAIN}/brief.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_workspace_shows_the_register_s_enterprises_and_projects(
    people: dict[str, User], today: object
) -> None:
    from planwatch_web.registry.models import Enterprise, Project

    Enterprise.objects.create(
        uscc="91433100MA4L000001",
        name="（测试）锰业甲",
        county="huayuan",
        chain=CHAIN,
        is_chain_leader=True,
        output={"2023": 8000, "2024": 10000},
    )
    Enterprise.objects.create(
        uscc="91433100MA4L000002", name="（测试）锌业乙", county="huayuan", chain=CHAIN, output={}
    )
    Enterprise.objects.create(uscc="91433100MA4L000003", name="（测试）酒业丙", county="baojing", chain=OTHER)
    for key, stage, amount in (
        ("P1", "signed", 20000.0),
        ("P2", "signed", 5000.0),
        ("P3", "producing", 1000.0),
    ):
        Project.objects.create(
            key=key,
            name=f"（测试）项目{key}",
            investor="x",
            origin="out_of_province",
            county="huayuan",
            chain=CHAIN,
            stage=stage,
            signed_amount=amount,
        )
    page = client(people, "chain").get(f"/chains/{CHAIN}/").content.decode()
    # 10000 万元 = 1.00 亿元; growth 10000 / 8000 − 1 = 25.0%.
    assert '（测试）锰业甲 <strong class="tag">链主</strong>' in page
    assert "1.00" in page and "25.0%" in page
    assert "（测试）酒业丙" not in page
    # 签约: P1 + P2 = 2 projects, 20000 + 5000 = 25000 万元 = 2.50 亿元.
    assert '<td>签约</td><td class="num">2</td><td class="num">2.50</td>' in page
    brief = client(people, "chain").get(f"/chains/{CHAIN}/brief.html").content.decode()
    assert "（测试）锰业甲（链主）" in brief


def test_the_item_page_offers_only_what_can_be_done(people: dict[str, User], today: object) -> None:
    item = assign(people, raise_item(people))
    office = client(people, "office").get(f"/chains/problems/{item.pk}/").content.decode()
    assert 'data-action="approve_extension"' not in office  # nothing asked
    lead = client(people, "lead").get(f"/chains/problems/{item.pk}/").content.decode()
    assert 'data-action="accept"' in lead and 'data-action="return"' in lead
    assert 'data-action="request_extension"' in lead and 'data-action="close"' not in lead
    act(people, "lead", item, "request_extension", until="2025-10-31", reason="待批复")
    office = client(people, "office").get(f"/chains/problems/{item.pk}/").content.decode()
    assert 'data-action="approve_extension"' in office and 'data-action="refuse_extension"' in office
    lead = client(people, "lead").get(f"/chains/problems/{item.pk}/").content.decode()
    assert 'data-action="request_extension"' not in lead
    assert "data-action" not in client(people, "leader").get(f"/chains/problems/{item.pk}/").content.decode()


def test_daily_reminders_escalate_overdue_items_and_mail_the_to_do(
    people: dict[str, User], today: Callable[[dt.date], None], settings: object
) -> None:
    from django.core.management import call_command

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # type: ignore[attr-defined]
    late = act(people, "lead", assign(people, raise_item(people)), "accept")
    fresh = raise_item(people)
    today(LEAD_DUE)  # the deadline itself: not overdue yet
    call_command("chain_reminders")
    assert ProblemItem.objects.get(pk=late.pk).escalated_at is None
    today(dt.date(2025, 10, 14))  # one working day late; escalation.after_working_days is 0
    mail.outbox.clear()
    call_command("chain_reminders")
    late = ProblemItem.objects.get(pk=late.pk)
    assert late.escalated_at is not None
    event = ProblemEvent.objects.get(item=late, action="escalate")
    assert event.actor is None and event.actor_name == "system" and "逾期 1 个工作日" in event.reason
    to = {m.to[0] for m in mail.outbox if "待办" in m.subject}
    # The lead unit's overdue item, the assisting unit's 协办反馈, the office's new item to assign.
    assert to == {"lead@example.org", "assist@example.org", "office@example.org"}
    office_mail = next(m for m in mail.outbox if m.to == ["office@example.org"] and "待办" in m.subject)
    assert f"#{fresh.pk}" in office_mail.body


def test_the_prefecture_fills_what_the_plan_leaves_open(people: dict[str, User], today: object) -> None:
    from planwatch_web.chains.models import ChainPolicy, ChainRoleFill

    admin = client(people, "admin")
    r = admin.post(f"/chains/{CHAIN}/roles/", {"role": "chief", "person": "张三", "post": "副州长"})
    assert r.status_code == 302
    r = admin.post(f"/chains/{CHAIN}/roles/", {"role": "office", "units": [LEAD]})
    r = admin.post(
        f"/chains/{CHAIN}/policies/",
        {"title": "扶持政策", "number": "州政发〔2022〕1号", "issued": "2022-03-01"},
    )
    page = admin.get(f"/chains/{CHAIN}/").content.decode()
    assert "张三" in page and "副州长" in page and "州工业和信息化局" in page and "州政发〔2022〕1号" in page
    assert "一名州领导" not in page and "一个扶持政策" not in page  # the chief and a policy are recorded now
    assert "一个工作专班" in page  # still missing
    fill = ChainRoleFill.objects.get(chain_id=CHAIN, role="chief")
    assert fill.set_by == people["admin"]
    # Only the prefecture administrator and the chain's own 链办 (tests/web/test_chains_manage.py); a bad
    # unit or an empty title is refused with nothing saved.
    for who in ("chain", "other_chief", "leader", "lead"):
        assert (
            client(people, who).post(f"/chains/{CHAIN}/roles/", {"role": "chief", "person": "x"}).status_code
            == 403
        )
        assert client(people, who).post(f"/chains/{CHAIN}/policies/", {"title": "x"}).status_code == 403
    admin.post(f"/chains/{CHAIN}/roles/", {"role": "office", "units": ["nowhere"]})
    admin.post(f"/chains/{CHAIN}/policies/", {"title": " "})
    assert ChainRoleFill.objects.filter(chain_id=CHAIN).count() == 2
    assert ChainPolicy.objects.filter(chain_id=CHAIN).count() == 1


def test_the_administrator_creates_a_unit_user(people: dict[str, User]) -> None:
    form = {
        "username": "unit_sci",
        "display_name": "州科技局",
        "role": "unit",
        "scope_id": "science_bureau",
        "password1": "plum-river-lantern-42",
        "password2": "plum-river-lantern-42",
    }
    admin = client(people, "admin")
    assert "州科学技术局" in admin.get("/accounts/users/new/").content.decode()
    assert admin.post("/accounts/users/new/", form).status_code == 302
    assert User.objects.get(username="unit_sci").scope_id == "science_bureau"
    # A unit must be a unit of the chain file; a county scope id that is no unit is refused.
    bad = form | {"username": "unit_bad", "scope_id": "xiangxi"}
    admin.post("/accounts/users/new/", bad)
    assert not User.objects.filter(username="unit_bad").exists()
