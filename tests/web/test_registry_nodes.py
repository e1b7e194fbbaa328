"""The register's chain nodes (产业链环节) in the web: import with history, export read back, the page."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from planwatch_web.accounts.models import User
from planwatch_web.registry.models import Enterprise, EnterpriseChainNode, RegistryChange

pytestmark = pytest.mark.django_db

JISHOU = "91433101MA4L7Q2R6E"
HUAYUAN = "91433124MA4L9C4M06"


def _upload(c: Client, text: str) -> Any:
    f = io.BytesIO(text.encode("utf-8"))
    f.name = "r.csv"
    return c.post(reverse("registry:import"), {"file": f})


def test_import_nodes_then_change_them_with_history(login: Callable[[str], Client], users: dict[str, User]) -> None:
    c = login("admin")
    r = _upload(c, "统一社会信用代码,企业名称,县市区,产业链,产业链环节\n"
                   f"{JISHOU},甲公司,吉首市,新能源,电芯制造；new_energy:pack\n")
    assert r.status_code == 200, r.content.decode()
    ent = Enterprise.objects.get(uscc=JISHOU)
    assert ent.chain_node_ids() == ["new_energy:cell", "new_energy:pack"]
    assert EnterpriseChainNode.objects.filter(chain="new_energy", node="cell").get().enterprise == ent
    page = c.get(reverse("registry:enterprise", args=[ent.pk])).content.decode()
    assert "新能源：电芯制造" in page and "新能源：PACK封装、电池管理系统" in page
    r = _upload(c, "统一社会信用代码,企业名称,县市区,产业链,产业链环节\n"
                   f"{JISHOU},甲公司,吉首市,新能源,new_energy:cell\n")
    assert r.status_code == 200
    assert ent.chain_node_ids() == ["new_energy:cell"]
    row = RegistryChange.objects.get(object_type="enterprise", object_id=str(ent.pk), field="chain_nodes")
    assert (row.before, row.after) == (["new_energy:cell", "new_energy:pack"], ["new_energy:cell"])


def test_a_bad_node_saves_nothing(login: Callable[[str], Client], users: dict[str, User]) -> None:
    r = _upload(login("admin"), "统一社会信用代码,企业名称,县市区,产业链,产业链环节\n"
                                f"{JISHOU},甲公司,吉首市,新能源,电芯制造\n"
                                f"{HUAYUAN},丙公司,花垣县,新能源,电芯制作\n")
    assert r.status_code == 400
    assert "电芯制作" in r.content.decode()
    assert not Enterprise.objects.exists() and not EnterpriseChainNode.objects.exists()


def test_export_has_the_nodes_and_reads_back(login: Callable[[str], Client], users: dict[str, User],
                                             tmp_path: Any) -> None:
    from planwatch.enterprises.read import read_register
    from planwatch_web.core.plan import get_plan

    c = login("admin")
    _upload(c, "统一社会信用代码,企业名称,县市区,产业链,产业链环节,高新技术企业\n"
               f"{JISHOU},甲公司,吉首市,新能源,电芯制造；new_energy:pack,是\n")
    r = c.get(reverse("registry:export"))
    path = tmp_path / "register.xlsx"
    path.write_bytes(r.content)
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    header = list(rows[0])
    assert rows[1][header.index("产业链环节")] == "new_energy:cell；new_energy:pack"
    back = read_register([path], get_plan())
    assert not back.has_errors, [p.render() for p in back.problems]
    (rec,) = back.enterprises
    assert rec.chain_nodes == ("new_energy:cell", "new_energy:pack")
    assert rec.flags == Enterprise.objects.get().as_record().flags


def test_chain_chief_reads_by_every_chain_of_the_enterprise(login: Callable[[str], Client],
                                                            users: dict[str, User]) -> None:
    # 丙公司's primary chain is 新能源; its second chain is 锰 (nm_manganese, a sub-industry of
    # new_materials, the chain chief's chain): the chief reads it; 丁公司 is on 新能源 only: 404
    c3 = Enterprise.objects.create(uscc=HUAYUAN, name="丙公司", county="huayuan", chain="new_energy",
                                   chains=["new_energy", "nm_manganese"])
    c4 = Enterprise.objects.create(uscc=JISHOU, name="丁公司", county="jishou", chain="new_energy",
                                   chains=["new_energy"])
    chief = login("chain")
    assert chief.get(reverse("registry:enterprise", args=[c3.pk])).status_code == 200
    assert chief.get(reverse("registry:enterprise", args=[c4.pk])).status_code == 404
    page = chief.get(reverse("registry:enterprises")).content.decode()
    assert "丙公司" in page and "丁公司" not in page
    # the list's chain filter goes by every chain too
    admin = login("admin")
    page = admin.get(reverse("registry:enterprises") + "?chain=nm_manganese").content.decode()
    assert "丙公司" in page and "丁公司" not in page
    # dropping the second chain drops the chief's access
    c3.chains = ["new_energy"]
    c3.save()
    assert chief.get(reverse("registry:enterprise", args=[c3.pk])).status_code == 404


def test_registry_changes_are_in_the_audit_log(login: Callable[[str], Client], users: dict[str, User]) -> None:
    from planwatch_web.audit.models import AuditEntry

    c = login("admin")
    _upload(c, f"统一社会信用代码,企业名称,县市区\n{JISHOU},甲公司,吉首市\n")
    _upload(c, f"统一社会信用代码,企业名称,县市区\n{JISHOU},甲有限公司,吉首市\n")
    ent = Enterprise.objects.get()
    audit = AuditEntry.objects.filter(object_type="enterprise", object_id=str(ent.pk), action="registry_import")
    # one row for the creation and one for the name's change, the same as the enterprise's history
    assert audit.count() == 2 == RegistryChange.objects.filter(object_id=str(ent.pk)).count()
    renamed = audit.get(field="name")
    assert (renamed.before, renamed.after, renamed.actor_name, renamed.reason) == ("甲公司", "甲有限公司", "admin", "r.csv")
    # the enterprise page still shows before → after
    page = c.get(reverse("registry:enterprise", args=[ent.pk])).content.decode()
    assert "甲公司" in page and "甲有限公司" in page
