"""A county reporter in a real browser: creates a project, enters 到位资金, adds a problem, and edits
its enterprise's chain node (a misspelt node is refused, located, nothing saved)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from planwatch_web.accounts.actions import do_create_user
from planwatch_web.accounts.models import Role
from planwatch_web.registry.models import Enterprise, Project

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"


def test_reporter_creates_a_project_and_edits_an_enterprise(browser: Any, server: str, screenshots: Path) -> None:
    do_create_user(None, "jishou_reporter", PASSWORD, Role.REPORTER, "jishou", validate=False)
    ent = Enterprise.objects.create(uscc="91433101MA4L7Q2R6E", name="甲公司", county="jishou", chain="new_energy",
                                    chains=["new_energy"], industry="C38")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1300, "height": 900})
    page = context.new_page()
    try:
        page.goto(server + "/accounts/login/")
        page.fill("#id_username", "jishou_reporter")
        page.fill("#id_password", PASSWORD)
        page.click("form.stack button[type=submit]")
        page.wait_for_url(re.compile(r"/forms/$"))  # signed in: a reporter lands on the forms
        page.goto(server + "/registry/projects/new/")
        for name, value in {"key": "XM9001", "name": "锂电池隔膜项目", "investor": "某新能源集团", "origin": "省外境内",
                            "county": "吉首市", "stage": "签约", "signed": "2025-03-01",
                            "signed_amount": "52000"}.items():
            page.fill(f"input[name={name}]", value)
        page.click("form button[type=submit]")
        page.wait_for_url(re.compile(r"/registry/projects/\d+/$"))
        page.fill("input[name=period]", "2025Q2")
        page.fill("input[name=amount]", "8000")
        page.click("form[action$='/funds/'] button[type=submit]")
        page.wait_for_load_state()
        page.fill("input[name=text]", "用地指标未落实")
        page.click("form[action$='/problem/'] input[name=text] ~ button")
        page.wait_for_load_state()
        page.screenshot(path=str(screenshots / "01-project.png"), full_page=True)
        text = page.inner_text("main")
        assert "8000" in text and "用地指标未落实" in text and "2025-03-01" in text
        p = Project.objects.get(key="XM9001")
        assert (p.signed_amount, p.problems, p.funds.get().amount) == (52000, ["用地指标未落实"], 8000)
        page.goto(server + f"/registry/e/{ent.pk}/edit/")
        page.fill("input[name=chain_nodes]", "电芯制作")
        page.click("form button[type=submit]")
        page.wait_for_load_state()
        page.screenshot(path=str(screenshots / "02-enterprise-error.png"), full_page=True)
        assert "新能源：电芯制造" in page.inner_text("main")  # the closest node is suggested
        assert Enterprise.objects.get(pk=ent.pk).chain_node_ids() == []
        page.fill("input[name=chain_nodes]", "电芯制造")
        page.click("form button[type=submit]")
        page.wait_for_url(re.compile(rf"/registry/e/{ent.pk}/$"))
        page.screenshot(path=str(screenshots / "03-enterprise.png"), full_page=True)
        assert Enterprise.objects.get(pk=ent.pk).chain_node_ids() == ["new_energy:cell"]
    finally:
        context.close()
