"""Web editing of the register and the projects, endpoint by endpoint: own objects saved through the
core readers' rules with history and a version check; another county's are 404, read-only 403."""

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
from planwatch_web.audit.models import AuditEntry
from planwatch_web.registry.models import Enterprise, Project, ProjectFunds, RegistryChange

pytestmark = pytest.mark.django_db

JISHOU = "91433101MA4L7Q2R6E"
LUXI = "91433122MA4L8B3KXC"


@pytest.fixture
def objs(users: dict[str, User]) -> dict[str, Any]:
    j = Enterprise.objects.create(uscc=JISHOU, name="甲公司", county="jishou", chain="new_energy",
                                  chains=["new_energy"], industry="C38", revenue={"2024": 1400})
    lx = Enterprise.objects.create(uscc=LUXI, name="乙公司", county="luxi")
    pj = Project.objects.create(key="P1", name="吉首项目", investor="某", origin="out_of_province", county="jishou",
                                stage="signed", signed_on=dt.date(2024, 3, 1), signed_amount=20000)
    pl = Project.objects.create(key="P2", name="泸溪项目", investor="某", origin="out_of_province", county="luxi",
                                stage="talks", talks_on=dt.date(2024, 3, 1))
    return {"j": j, "l": lx, "pj": pj, "pl": pl}


def _form(c: Client, ent: Enterprise) -> dict[str, str]:
    """The edit form's fields as shown (GET), to post back changed."""
    from planwatch_web.registry.editing import enterprise_words

    assert c.get(reverse("registry:enterprise_edit", args=[ent.pk])).status_code == 200
    return enterprise_words(ent) | {"version": str(ent.version)}


def test_reporter_edits_its_own_enterprise_with_history(login: Callable[[str], Client], objs: dict[str, Any]) -> None:
    c = login("jishou")
    data = _form(c, objs["j"]) | {"name": "甲有限公司", "chain_nodes": "电芯制造", "hitech": "是", "reason": "更名"}
    r = c.post(reverse("registry:enterprise_edit", args=[objs["j"].pk]), data)
    assert r.status_code == 302, r.content.decode()
    ent = Enterprise.objects.get(pk=objs["j"].pk)
    assert (ent.name, ent.version, ent.flags, ent.chain_node_ids()) == ("甲有限公司", 2, ["hitech"],
                                                                        ["new_energy:cell"])
    assert ent.revenue == {"2024": 1400}  # the form does not carry yearly figures: kept
    fields = set(RegistryChange.objects.filter(object_id=str(ent.pk), action="update").values_list("field", flat=True))
    assert fields == {"name", "flags", "chain_nodes"}
    assert AuditEntry.objects.filter(action="registry_edit", object_id=str(ent.pk)).count() == 3
    page = c.get(reverse("registry:enterprise", args=[ent.pk])).content.decode()
    assert "甲有限公司" in page and "更名" in page


def test_bad_values_are_refused_located_and_nothing_saved(login: Callable[[str], Client], objs: dict[str, Any]) -> None:
    c = login("jishou")
    data = _form(c, objs["j"]) | {"name": "甲有限公司", "industry": "Q99X", "chain_nodes": "电芯制作"}
    r = c.post(reverse("registry:enterprise_edit", args=[objs["j"].pk]), data)
    assert r.status_code == 400
    text = r.content.decode()
    assert "行业代码" in text and "电芯制作" in text
    assert Enterprise.objects.get(pk=objs["j"].pk).name == "甲公司"


def test_stale_version_is_409(login: Callable[[str], Client], objs: dict[str, Any]) -> None:
    c = login("jishou")
    first = _form(c, objs["j"])
    assert c.post(reverse("registry:enterprise_edit", args=[objs["j"].pk]), first | {"name": "A"}).status_code == 302
    # the second form was shown at version 1 too: refused, nothing overwritten
    r = c.post(reverse("registry:enterprise_edit", args=[objs["j"].pk]), first | {"name": "B"})
    assert r.status_code == 409 and Enterprise.objects.get(pk=objs["j"].pk).name == "A"


def test_enterprise_edit_access(login: Callable[[str], Client], objs: dict[str, Any]) -> None:
    url = reverse("registry:enterprise_edit", args=[objs["l"].pk])
    assert login("jishou").get(url).status_code == 404  # another county's: not revealed
    assert login("jishou").post(url, {"name": "x"}).status_code == 404
    assert login("leader").get(url).status_code == 403  # reads all, writes nothing
    assert login("chain").get(url).status_code == 404  # not on the chief's chain
    assert Client().get(url).status_code == 302  # the public: sign in
    assert login("admin").get(url).status_code == 200
    # a reporter cannot move its enterprise into another county
    c = login("jishou")
    r = c.post(reverse("registry:enterprise_edit", args=[objs["j"].pk]), _form(c, objs["j"]) | {"county": "泸溪县"})
    assert r.status_code == 403 and Enterprise.objects.get(pk=objs["j"].pk).county == "jishou"


def _project_form(**changes: str) -> dict[str, str]:
    base = {"key": "P9", "name": "新项目", "investor": "某集团", "origin": "省外境内", "county": "吉首市",
            "stage": "签约", "signed": "2025-03-01", "signed_amount": "12000", "planned_investment": "15000"}
    return base | changes


def test_create_project_checked_by_the_reader(login: Callable[[str], Client], objs: dict[str, Any]) -> None:
    c = login("jishou")
    r = c.post(reverse("registry:project_new"), _project_form(signed="2025-13-01"))
    assert r.status_code == 400 and "签约日期" in r.content.decode() and not Project.objects.filter(key="P9").exists()
    r = c.post(reverse("registry:project_new"), _project_form(county="泸溪县"))
    assert r.status_code == 403 and not Project.objects.filter(key="P9").exists()
    r = c.post(reverse("registry:project_new"), _project_form())
    assert r.status_code == 302
    p = Project.objects.get(key="P9")
    assert (p.county, p.stage, p.signed_on, p.signed_amount) == ("jishou", "signed", dt.date(2025, 3, 1), 12000)
    assert AuditEntry.objects.filter(action="project_create", object_id=str(p.pk)).exists()
    assert login("leader").post(reverse("registry:project_new"), _project_form(key="P8")).status_code == 403


def test_edit_project_funds_problems_and_stage(login: Callable[[str], Client], objs: dict[str, Any]) -> None:
    from planwatch_web.registry.editing import project_words

    c = login("jishou")
    pk = objs["pj"].pk
    data = project_words(objs["pj"]) | {"version": "1", "investor": "某集团有限公司", "started": "", "reason": "更正"}
    assert c.post(reverse("registry:project_edit", args=[pk]), data).status_code == 302
    p = Project.objects.get(pk=pk)
    assert (p.investor, p.version) == ("某集团有限公司", 2)
    assert c.post(reverse("registry:project_edit", args=[pk]), data | {"investor": "X"}).status_code == 409
    # 到位资金 by period, then corrected: one row per period, history before → after
    c.post(reverse("registry:project_funds", args=[pk]), {"period": "2025Q1", "amount": "3000", "fixed_assets": "2000"})
    c.post(reverse("registry:project_funds", args=[pk]), {"period": "2025Q1", "amount": "3500", "fixed_assets": "2000"})
    c.post(reverse("registry:project_funds", args=[pk]), {"period": "2025Q2", "amount": "1000", "fixed_assets": "2000"})
    assert [(f.period, f.amount) for f in ProjectFunds.objects.filter(project_id=pk)] == [("2025Q1", 3500)]
    row = RegistryChange.objects.filter(object_id=str(pk), field="funds:2025Q1").order_by("id").last()
    assert row is not None and (row.before, row.after) == ({"amount": 3000, "fixed_assets": 2000},
                                                           {"amount": 3500, "fixed_assets": 2000})
    # problems: add two, solve the first
    c.post(reverse("registry:project_problem", args=[pk]), {"text": "用地未落实"})
    c.post(reverse("registry:project_problem", args=[pk]), {"text": "电力配套"})
    c.post(reverse("registry:project_problem", args=[pk]), {"resolve": "0"})
    assert Project.objects.get(pk=pk).problems == ["电力配套"]
    # stage with its date
    c.post(reverse("registry:project_stage", args=[pk]), {"stage": "started", "date": "2025-05-01"})
    p = Project.objects.get(pk=pk)
    assert (p.stage, p.started_on) == ("started", dt.date(2025, 5, 1))
    page = c.get(reverse("registry:project", args=[pk])).content.decode()
    assert "<td class=\"num\">3500</td>" in page and "电力配套" in page


def test_project_endpoints_on_another_countys_project(login: Callable[[str], Client], objs: dict[str, Any]) -> None:
    pk = objs["pl"].pk
    c = login("jishou")
    for name, method in (("registry:project", "get"), ("registry:project_edit", "get"),
                         ("registry:project_edit", "post"), ("registry:project_funds", "post"),
                         ("registry:project_problem", "post")):
        assert getattr(c, method)(reverse(name, args=[pk])).status_code == 404, name
    leader = login("leader")
    assert leader.get(reverse("registry:project", args=[pk])).status_code == 200
    for name in ("registry:project_edit", "registry:project_funds", "registry:project_problem"):
        assert leader.post(reverse(name, args=[pk]), {"text": "x"}).status_code == 403, name
    assert Project.objects.get(pk=pk).problems == []


def _upload(c: Client, text: str) -> Any:
    f = io.BytesIO(text.encode("utf-8"))
    f.name = "p.csv"
    return c.post(reverse("registry:projects_import"), {"file": f})


HEADER = "项目编号,项目名称,投资方,投资方来源,县市区,阶段,签约日期,签约额\n"


def test_project_import_all_or_nothing_and_export_reads_back(login: Callable[[str], Client], objs: dict[str, Any],
                                                             tmp_path: Any) -> None:
    c = login("jishou")
    r = _upload(c, HEADER + "P1,吉首项目,某,省外境内,吉首市,签约,2024-03-01,25000\nP5,新,某,火星,吉首市,洽谈,,\n")
    assert r.status_code == 400 and "火星" in r.content.decode()
    assert Project.objects.get(key="P1").signed_amount == 20000 and not Project.objects.filter(key="P5").exists()
    r = _upload(c, HEADER + "P6,泸溪的,某,省外境内,泸溪县,洽谈,,\n")
    assert r.status_code == 400 and not Project.objects.filter(key="P6").exists()
    r = _upload(c, HEADER + "P1,吉首项目,某,省外境内,吉首市,签约,2024-03-01,25000\nP5,新,某,境外,吉首市,洽谈,,\n")
    assert r.status_code == 200
    assert Project.objects.get(key="P1").signed_amount == 25000 and Project.objects.get(key="P5").origin == "abroad"
    row = RegistryChange.objects.get(object_id=str(objs["pj"].pk), field="signed_amount")
    assert (row.before, row.after, row.action) == (20000, 25000, "project_import")
    r = c.get(reverse("registry:projects_export"))
    path = tmp_path / "projects.xlsx"
    path.write_bytes(r.content)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    assert sorted(row[0] for row in rows[1:]) == ["P1", "P5"]  # 泸溪's P2 not exported to 吉首
    from planwatch.projects.read import read_projects
    from planwatch_web.core.plan import get_plan

    back = read_projects([path], get_plan())
    assert not back.has_errors, [p.render() for p in back.problems]
    assert {p.key: p.signed_amount for p in back.projects} == {"P1": 25000, "P5": 0.0}


def test_pipeline_paginates_and_filters(login: Callable[[str], Client], objs: dict[str, Any]) -> None:
    Project.objects.bulk_create([Project(key=f"Q{i:03d}", name=f"批量{i:03d}", investor="某", origin="abroad",
                                         county="jishou", stage="talks", talks_on=dt.date(2025, 1, 1))
                                 for i in range(150)])
    c = login("jishou")
    page = c.get(reverse("registry:projects")).content.decode()
    # 150 + P1 = 151 吉首 projects, 100 a page: 2 pages
    assert "（151）" in page and "1 / 2" in page
    page = c.get(reverse("registry:projects") + "?stage=signed").content.decode()
    assert "（1）" in page and "吉首项目" in page and "批量000" not in page
