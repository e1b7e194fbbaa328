"""The registry app endpoint by endpoint: who reads and writes enterprises, proposals and projects.

吉首市's reporter sees 吉首 enterprises and projects only (泸溪's are 404, not revealed); the leader
reads all and writes nothing (403); the chain chief of 新材料 sees enterprises of its sub-industries;
the public sees nothing (sign-in required); the prefecture decides proposals, audited.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from planwatch_web.accounts.models import User
from planwatch_web.registry.models import Enterprise, PoolMembership, PoolProposal, Project, RegistryChange

pytestmark = pytest.mark.django_db

Reg = dict[str, Any]

JISHOU = "91433101MA4L7Q2R6E"
LUXI = "91433122MA4L8B3KXC"


@pytest.fixture
def reg(users: dict[str, User]) -> Reg:
    j = Enterprise.objects.create(uscc=JISHOU, name="甲公司", county="jishou", chain="nm_aluminium",
                                  chains=["nm_aluminium"], revenue={"2023": 1200, "2024": 1400}, industry="C39")
    lx = Enterprise.objects.create(uscc=LUXI, name="乙公司", county="luxi")
    pj = Project.objects.create(key="P1", name="吉首项目", investor="某", origin="out_of_province", county="jishou",
                                stage="signed", signed_on=dt.date(2024, 3, 1), signed_amount=20000)
    pl = Project.objects.create(key="P2", name="泸溪项目", investor="某", origin="out_of_province", county="luxi",
                                stage="talks", talks_on=dt.date(2024, 3, 1))
    prj = PoolProposal.objects.create(enterprise=j, pool="small_to_scale", kind="enter", year=2024,
                                      evidence=[{"text": "✓ 上年营业收入 ≥ 1000万元：1,400万元 >= 1,000万元"}])
    prl = PoolProposal.objects.create(enterprise=lx, pool="small_to_scale", kind="enter", year=2024, evidence=[])
    return {"j": j, "l": lx, "pj": pj, "pl": pl, "prj": prj, "prl": prl}


def _urls(reg: Reg) -> dict[str, tuple[str, str]]:
    """name → (GET or POST, url) for every registry endpoint, on 泸溪's objects."""
    return {
        "registry:enterprises": ("get", reverse("registry:enterprises")),
        "registry:export": ("get", reverse("registry:export")),
        "registry:import": ("get", reverse("registry:import")),
        "registry:enterprise": ("get", reverse("registry:enterprise", args=[reg["l"].pk])),
        "registry:merge": ("post", reverse("registry:merge", args=[reg["l"].pk])),
        "registry:pools": ("get", reverse("registry:pools")),
        "registry:decide": ("post", reverse("registry:decide", args=[reg["prl"].pk])),
        "registry:projects": ("get", reverse("registry:projects")),
        "registry:project_stage": ("post", reverse("registry:project_stage", args=[reg["pl"].pk])),
        "registry:reconcile": ("get", reverse("registry:reconcile")),
    }


def test_public_sees_nothing(client: Client, reg: Reg) -> None:
    for name, (method, url) in _urls(reg).items():
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/accounts/login" in response["Location"], name


def test_county_reporter_on_another_countys_objects(login: Callable[[str], Client], reg: Reg) -> None:
    c = login("jishou")
    expected = {"registry:enterprise": 404, "registry:merge": 404, "registry:decide": 404,
                "registry:project_stage": 404}
    for name, (method, url) in _urls(reg).items():
        response = getattr(c, method)(url, {"stage": "signed", "date": "2024-05-01"} if method == "post" else None)
        assert response.status_code == expected.get(name, 200), name
    page = c.get(reverse("registry:enterprises")).content.decode()
    assert "甲公司" in page and "乙公司" not in page
    projects = c.get(reverse("registry:projects")).content.decode()
    assert "吉首项目" in projects and "泸溪项目" not in projects
    assert "乙公司" not in c.get(reverse("registry:pools")).content.decode()
    assert Project.objects.get(key="P2").stage == "talks"


def test_county_reporter_on_its_own(login: Callable[[str], Client], reg: Reg) -> None:
    c = login("jishou")
    assert c.get(reverse("registry:enterprise", args=[reg["j"].pk])).status_code == 200
    # deciding is the prefecture's
    assert c.post(reverse("registry:decide", args=[reg["prj"].pk]), {"decision": "confirm"}).status_code == 403
    r = c.post(reverse("registry:project_stage", args=[reg["pj"].pk]), {"stage": "started", "date": "2024-06-01"})
    assert r.status_code == 302
    p = Project.objects.get(key="P1")
    assert (p.stage, p.started_on) == ("started", dt.date(2024, 6, 1))
    change = RegistryChange.objects.get(object_type="project", object_id=str(p.pk))
    assert (change.actor_name, change.before, change.after) == ("jishou", "signed", {"stage": "started",
                                                                                       "date": "2024-06-01"})


def test_leader_reads_all_writes_nothing(login: Callable[[str], Client], reg: Reg) -> None:
    c = login("leader")
    assert "乙公司" in c.get(reverse("registry:enterprises")).content.decode()
    assert c.get(reverse("registry:enterprise", args=[reg["l"].pk])).status_code == 200
    assert c.get(reverse("registry:import")).status_code == 403
    assert c.post(reverse("registry:project_stage", args=[reg["pl"].pk]),
                  {"stage": "signed", "date": "2024-05-01"}).status_code == 403
    assert c.post(reverse("registry:decide", args=[reg["prl"].pk]), {"decision": "confirm"}).status_code == 403


def test_chain_chief_sees_its_chain(login: Callable[[str], Client], reg: Reg) -> None:
    c = login("chain")  # 新材料: 铝基复合材料 is one of its sub-industries
    page = c.get(reverse("registry:enterprises")).content.decode()
    assert "甲公司" in page and "乙公司" not in page
    assert c.get(reverse("registry:enterprise", args=[reg["l"].pk])).status_code == 404


def test_prefecture_confirms_and_rejects_with_reason(login: Callable[[str], Client], reg: Reg) -> None:
    c = login("admin")
    c.post(reverse("registry:decide", args=[reg["prj"].pk]), {"decision": "confirm", "reason": ""})
    p = PoolProposal.objects.get(pk=reg["prj"].pk)
    assert p.status == "confirmed" and p.decided_by is not None and p.decided_by.username == "admin"
    assert PoolMembership.objects.filter(enterprise=reg["j"], pool="small_to_scale", left__isnull=True).count() == 1
    # a rejection needs a reason: nothing changes without one
    c.post(reverse("registry:decide", args=[reg["prl"].pk]), {"decision": "reject", "reason": ""})
    assert PoolProposal.objects.get(pk=reg["prl"].pk).status == "pending"
    c.post(reverse("registry:decide", args=[reg["prl"].pk]), {"decision": "reject", "reason": "已迁出本地"})
    rejected = PoolProposal.objects.get(pk=reg["prl"].pk)
    assert (rejected.status, rejected.reason) == ("rejected", "已迁出本地")
    audit = RegistryChange.objects.filter(object_type="proposal", action="decide_proposal")
    assert sorted(str(a.after) for a in audit) == ["confirmed", "rejected"]
    # the enterprise page shows its path through the pools
    assert "小升规培育库" in c.get(reverse("registry:enterprise", args=[reg["j"].pk])).content.decode()


def test_screening_proposes_from_the_database(login: Callable[[str], Client], reg: Reg) -> None:
    PoolProposal.objects.all().delete()
    login("admin").post(reverse("registry:pools"), {"year": "2024"})
    # 甲公司: revenue 1400 ≥ 1000, growth 1400/1200 − 1 = 16.7% ≥ 10%, C39 industrial, not 规上
    p = PoolProposal.objects.get(enterprise=reg["j"], pool="small_to_scale")
    assert p.kind == "enter" and any("16.67%" in e["text"] for e in p.evidence)


def _upload(c: Client, text: str) -> Any:
    f = io.BytesIO(text.encode("utf-8"))
    f.name = "r.csv"
    return c.post(reverse("registry:import"), {"file": f})


def test_import_saves_nothing_on_error(login: Callable[[str], Client], reg: Reg) -> None:
    c = login("admin")
    before = Enterprise.objects.count()
    r = _upload(c, "统一社会信用代码,企业名称,县市区\n91433101MA4L9C4M06,丙,吉首市\n91350100M000100Y4Y,丁,吉首市\n")
    assert r.status_code == 400
    assert "USCC_CHECK" in r.content.decode()
    assert Enterprise.objects.count() == before


def test_import_creates_and_updates_with_history(login: Callable[[str], Client], reg: Reg) -> None:
    c = login("admin")
    r = _upload(c, f"统一社会信用代码,企业名称,县市区\n{JISHOU},甲有限公司,吉首市\n91433124MA4L9C4M06,丙公司,花垣县\n")
    assert r.status_code == 200
    assert Enterprise.objects.get(uscc="91433124MA4L9C4M06").county == "huayuan"
    j = Enterprise.objects.get(uscc=JISHOU)
    assert j.name == "甲有限公司"
    row = RegistryChange.objects.get(object_type="enterprise", object_id=str(j.pk), field="name")
    assert (row.before, row.after, row.reason) == ("甲公司", "甲有限公司", "r.csv")


def test_reporter_cannot_import_another_countys_enterprise(login: Callable[[str], Client], reg: Reg) -> None:
    r = _upload(login("jishou"), "统一社会信用代码,企业名称,县市区\n91433124MA4L9C4M06,丙公司,花垣县\n")
    assert r.status_code == 400
    assert not Enterprise.objects.filter(uscc="91433124MA4L9C4M06").exists()


def test_export_reads_back(login: Callable[[str], Client], reg: Reg) -> None:
    r = login("jishou").get(reverse("registry:export"))
    wb = openpyxl.load_workbook(io.BytesIO(r.content))
    rows = list(wb.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("统一社会信用代码", "企业名称", "县市区")
    assert [row[0] for row in rows[1:]] == [JISHOU]  # 泸溪's enterprise is not exported to 吉首


def test_merge_keeps_both_histories(login: Callable[[str], Client], reg: Reg) -> None:
    c = login("admin")
    c.post(reverse("registry:merge", args=[reg["j"].pk]), {"other": LUXI, "reason": "同一企业"})
    other = Enterprise.objects.get(uscc=LUXI)
    assert other.merged_into_id == reg["j"].pk
    # two history rows (one on each enterprise) and one for 泸溪's pending proposal, the same as 吉首's
    # (small_to_scale, 2024, enter): rejected as a duplicate, not moved
    merge_rows = RegistryChange.objects.filter(action="merge")
    assert sorted(r.object_type for r in merge_rows) == ["enterprise", "enterprise", "proposal"]
    assert PoolProposal.objects.get(pk=reg["prl"].pk).status == "rejected"
    assert "乙公司" not in c.get(reverse("registry:enterprises")).content.decode()


def test_reconciliation_page(login: Callable[[str], Client], reg: Reg) -> None:
    page = login("admin").get(reverse("registry:reconcile") + "?year=2024").content.decode()
    # P1 signed 2024-03-01, 20000 万元 = 2 亿元, counted once for the prefecture and 吉首市
    assert "工业招商引资项目数" in page and "工业招商引资总额" in page


def test_demo_register_loads(tmp_path: Any, users: dict[str, User]) -> None:
    from planwatch.demo.register import write_projects
    from planwatch_web.registry.demo import load_demo_register

    (tmp_path / "register.csv").write_text(
        "统一社会信用代码,企业名称,县市区,入规年月\n91433101MA4L7Q2R6E,演示企业,吉首市,2019-01\n", encoding="utf-8")
    import numpy as np

    from planwatch_web.core.plan import get_plan

    write_projects(get_plan(), tmp_path, np.random.default_rng(1), 2024)
    enterprises, projects = load_demo_register(tmp_path)
    assert enterprises == 1 and Enterprise.objects.get().is_scale_now
    # five projects for each of the nine county-level units, plus a capital increase and a repeated signing
    # when the second project is signed
    assert projects == Project.objects.count() and projects in (45, 47)
    assert load_demo_register(tmp_path) == (0, 0)  # loaded once
