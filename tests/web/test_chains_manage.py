"""Correcting and removing a chain's roles and policies, and 招商 targets' status, through HTTP: the
prefecture administrator or the chain's own 链办, each change recorded (who, when, before → after)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from planwatch_web.accounts.models import Role, User
from planwatch_web.audit.models import AppendOnlyError
from planwatch_web.chains.models import ChainChange, ChainPolicy, ChainRoleFill, ChainTargetStatus

pytestmark = pytest.mark.django_db

CHAIN = "new_energy"  # its 招商方案 names 比亚迪 (planned, node cell) and four material firms
OTHER = "liquor"


@pytest.fixture
def people(users: dict[str, User], make_user: Callable[..., User]) -> dict[str, User]:
    people = dict(users)
    people["office"] = make_user("office_ne", Role.CHAIN_OFFICE, CHAIN)
    people["chief"] = make_user("chain_ne", Role.CHAIN_CHIEF, CHAIN)
    people["other_office"] = make_user("office_liquor", Role.CHAIN_OFFICE, OTHER)
    people["unit"] = make_user("unit_miit", Role.UNIT, "miit_bureau")
    return people


def client(people: dict[str, User], who: str) -> Client:
    c = Client()
    c.force_login(people[who])
    return c


def test_the_office_corrects_and_removes_a_role(people: dict[str, User]) -> None:
    office = client(people, "office")
    assert office.post(f"/chains/{CHAIN}/roles/", {"role": "chief", "person": "张三", "post": "副州长"}).status_code == 302
    assert office.post(f"/chains/{CHAIN}/roles/", {"role": "chief", "person": "李四", "post": "副州长"}).status_code == 302
    page = office.get(f"/chains/{CHAIN}/").content.decode()
    assert "李四" in page and "张三" not in page.split('id="changes"')[0]
    assert office.post(f"/chains/{CHAIN}/roles/clear/", {"role": "chief"}).status_code == 302
    page = office.get(f"/chains/{CHAIN}/").content.decode()
    roles = page.split('data-role="chief"')[1].split("</tr>")[0]
    assert "待州里填写" in roles and "李四" not in roles
    assert "一名州领导" in page  # required by 六（一）: missing again
    # History kept: three rows (张三, 李四, the removal); three changes, newest first.
    assert ChainRoleFill.objects.filter(chain_id=CHAIN, role="chief").count() == 3
    changes = list(ChainChange.objects.filter(chain_id=CHAIN).values_list("action", "key", "before", "after"))
    assert changes == [
        ("delete", "链长", {"person": "李四", "post": "副州长", "units": []}, None),
        ("edit", "链长", {"person": "张三", "post": "副州长", "units": []}, {"person": "李四", "post": "副州长", "units": []}),
        ("add", "链长", None, {"person": "张三", "post": "副州长", "units": []}),
    ]
    assert set(ChainChange.objects.values_list("actor", flat=True)) == {people["office"].pk}
    log = page.split('id="changes"')[1]
    assert "office_ne" in log and "删除" in log and "李四 · 副州长" in log
    # Removing what is not recorded changes nothing.
    office.post(f"/chains/{CHAIN}/roles/clear/", {"role": "chief"})
    assert ChainChange.objects.count() == 3
    # The 专班 removed: a 共性问题 waits for the office again.
    office.post(f"/chains/{CHAIN}/roles/", {"role": "task_force", "units": ["miit_bureau"]})
    office.post(f"/chains/{CHAIN}/roles/clear/", {"role": "task_force"})
    from planwatch_web.chains.actions import task_force_units

    assert task_force_units(CHAIN) == []


def test_policies_are_corrected_and_deleted(people: dict[str, User]) -> None:
    admin = client(people, "admin")
    admin.post(f"/chains/{CHAIN}/policies/", {"title": "扶持政策", "number": "州政发〔2022〕1号", "issued": "2022-03-01"})
    policy = ChainPolicy.objects.get(chain_id=CHAIN)
    office = client(people, "office")
    r = office.post(f"/chains/policies/{policy.pk}/edit/",
                    {"title": "新能源产业扶持政策", "number": "州政发〔2022〕2号", "issued": "2022-03-02"})
    assert r.status_code == 302
    policy.refresh_from_db()
    assert (policy.title, policy.number, str(policy.issued)) == ("新能源产业扶持政策", "州政发〔2022〕2号", "2022-03-02")
    edit = ChainChange.objects.filter(kind="policy", action="edit").get()
    assert edit.before == {"title": "扶持政策", "issuer": "", "number": "州政发〔2022〕1号", "issued": "2022-03-01"}
    assert (edit.after or {})["number"] == "州政发〔2022〕2号" and edit.actor == people["office"]
    # A bad date, an empty title or no change: refused, nothing saved.
    office.post(f"/chains/policies/{policy.pk}/edit/", {"title": "x", "issued": "2022-13-01"})
    office.post(f"/chains/policies/{policy.pk}/edit/", {"title": " "})
    office.post(f"/chains/policies/{policy.pk}/edit/",
                {"title": "新能源产业扶持政策", "number": "州政发〔2022〕2号", "issued": "2022-03-02"})
    policy.refresh_from_db()
    assert policy.title == "新能源产业扶持政策" and ChainChange.objects.filter(kind="policy").count() == 2
    assert office.post(f"/chains/policies/{policy.pk}/delete/").status_code == 302
    assert not ChainPolicy.objects.filter(pk=policy.pk).exists()
    deleted = ChainChange.objects.filter(kind="policy", action="delete").get()
    assert (deleted.before or {})["title"] == "新能源产业扶持政策" and deleted.after is None
    assert client(people, "office").post(f"/chains/policies/{policy.pk}/delete/").status_code == 404


def test_a_target_s_status_is_updated(people: dict[str, User]) -> None:
    office = client(people, "office")
    r = office.post(f"/chains/{CHAIN}/targets/status/", {"target": "比亚迪", "status": "contacted", "note": "已赴深圳对接"})
    assert r.status_code == 302
    office.post(f"/chains/{CHAIN}/targets/status/", {"target": "比亚迪", "status": "negotiating"})
    page = office.get(f"/chains/{CHAIN}/").content.decode()
    row = next(part for part in page.split("<tr ") if part.startswith('data-target="') and "比亚迪" in part)
    assert "洽谈中" in row.split("<form")[0] and "拟引进" not in row.split("<form")[0]
    changes = list(ChainChange.objects.filter(kind="target").order_by("id").values_list("before", "after"))
    assert changes == [
        ({"status": "planned"}, {"status": "contacted", "note": "已赴深圳对接"}),
        ({"status": "contacted"}, {"status": "negotiating", "note": ""}),
    ]
    # An unknown target or status, or the same status again: refused, nothing saved.
    office.post(f"/chains/{CHAIN}/targets/status/", {"target": "某公司", "status": "signed"})
    office.post(f"/chains/{CHAIN}/targets/status/", {"target": "比亚迪", "status": "won"})
    office.post(f"/chains/{CHAIN}/targets/status/", {"target": "比亚迪", "status": "negotiating"})
    assert ChainTargetStatus.objects.count() == 2 and ChainChange.objects.filter(kind="target").count() == 2


def test_only_the_prefecture_and_the_chain_s_own_office_manage(people: dict[str, User]) -> None:
    client(people, "admin").post(f"/chains/{CHAIN}/policies/", {"title": "扶持政策"})
    policy = ChainPolicy.objects.get()
    client(people, "admin").post(f"/chains/{CHAIN}/roles/", {"role": "chief", "person": "张三"})
    for who in ("chief", "other_office", "leader", "unit", "jishou"):
        c = client(people, who)
        assert c.post(f"/chains/{CHAIN}/roles/", {"role": "chief", "person": "x"}).status_code == 403, who
        assert c.post(f"/chains/{CHAIN}/roles/clear/", {"role": "chief"}).status_code == 403, who
        assert c.post(f"/chains/{CHAIN}/policies/", {"title": "x"}).status_code == 403, who
        assert c.post(f"/chains/policies/{policy.pk}/edit/", {"title": "x"}).status_code == 403, who
        assert c.post(f"/chains/policies/{policy.pk}/delete/").status_code == 403, who
        r = c.post(f"/chains/{CHAIN}/targets/status/", {"target": "比亚迪", "status": "signed"})
        assert r.status_code == 403, who
    anonymous = Client().post(f"/chains/policies/{policy.pk}/delete/")
    assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    assert ChainPolicy.objects.get().title == "扶持政策"
    assert ChainTargetStatus.objects.count() == 0 and ChainRoleFill.objects.count() == 1
    assert client(people, "office").get(f"/chains/policies/{policy.pk}/delete/").status_code == 405
    # The workspace offers the forms to those who may use them only.
    assert 'name="target"' in client(people, "office").get(f"/chains/{CHAIN}/").content.decode()
    assert 'name="target"' not in client(people, "chief").get(f"/chains/{CHAIN}/").content.decode()


def test_changes_are_append_only(people: dict[str, User]) -> None:
    client(people, "admin").post(f"/chains/{CHAIN}/policies/", {"title": "扶持政策"})
    change = ChainChange.objects.get()
    change.key = "x"
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        change.delete()
