"""One problem item from 提出 to 销号 in a real browser (issue 11, §6): the chain chief raises it and
assigns it, the lead unit accepts and answers it, the chief records the enterprise's confirmation and
closes it; the item's history lists all six steps with who took them."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from planwatch_web.accounts.actions import do_create_user
from planwatch_web.accounts.models import Role
from planwatch_web.chains import data
from planwatch_web.chains.models import ProblemEvent, ProblemItem

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"
TITLE = "新建厂房用地指标未落实"
ANSWER = "已调剂用地指标30亩，书面答复企业"


class Person:
    def __init__(self, browser: Any, base: str, shots: Path, counter: list[int]) -> None:
        self.context = browser.new_context(locale="zh-CN", viewport={"width": 1300, "height": 900})
        self.page = self.context.new_page()
        self.base, self.shots, self.counter = base, shots, counter

    def go(self, path: str) -> None:
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, (path, response and response.status)

    def login(self, username: str) -> None:
        self.go("/accounts/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("form.stack button[type=submit]")
        # A chain chief lands on 我的任务; a responsible unit on its problem list's 待办 (core.views.landing_url).
        self.page.wait_for_url(re.compile(r"/(forms|chains/todo)/$"))

    def act(self, action: str, reason: str = "") -> None:
        form = self.page.locator(f'form[data-action="{action}"]')
        if reason:
            form.locator("textarea[name=reason]").fill(reason)
        form.locator("button[type=submit]").click()
        self.page.wait_for_load_state()

    def state(self) -> str:
        return str(self.page.locator('[data-testid="item-state"]').inner_text())

    def shot(self, name: str) -> None:
        self.counter[0] += 1
        self.page.screenshot(path=str(self.shots / f"{self.counter[0]:02d}-{name}.png"), full_page=True)


def test_one_item_from_raised_to_closed_in_the_browser(
    browser: Any, server: str, screenshots: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A fixed day, so the deadline is known: Friday 2025-09-26 + 7 working days = Monday 2025-10-13.
    monkeypatch.setattr(data, "today", lambda: dt.date(2025, 9, 26))
    do_create_user(None, "chain_new_materials", PASSWORD, Role.CHAIN_CHIEF, "new_materials", validate=False)
    do_create_user(None, "unit_miit_bureau", PASSWORD, Role.UNIT, "miit_bureau", validate=False)
    counter = [0]
    chief = Person(browser, server, screenshots, counter)
    unit = Person(browser, server, screenshots, counter)
    try:
        chief.login("chain_new_materials")
        chief.go("/chains/new_materials/")
        chief.page.click("details.raise summary")
        chief.page.fill("input[name=title]", TITLE)
        chief.page.fill("input[name=raised_by]", "某锰业公司")
        chief.page.select_option("select[name=category]", "land")
        chief.page.click("details.raise button[type=submit]")
        chief.page.wait_for_url(re.compile(r"/chains/problems/\d+/$"))
        assert chief.state() == "提出"
        chief.shot("raised")
        form = chief.page.locator('form[data-action="assign"]')
        form.locator("select[name=lead_unit]").select_option("miit_bureau")
        form.locator("button[type=submit]").click()
        chief.page.wait_for_load_state()
        assert chief.state() == "交办"
        assert "2025-10-13" in chief.page.content()
        chief.shot("assigned")
        item = ProblemItem.objects.get(title=TITLE)

        unit.login("unit_miit_bureau")
        unit.go("/chains/todo/")
        assert "签收或退回" in unit.page.content()
        unit.page.click(f'a[href="/chains/problems/{item.pk}/"]')
        unit.page.wait_for_load_state()
        unit.act("accept")
        assert unit.state() == "办理中"
        unit.act("answer", ANSWER)
        assert unit.state() == "已办结"
        unit.shot("answered")

        chief.go(f"/chains/problems/{item.pk}/")
        chief.act("confirm")
        assert chief.state() == "企业确认"
        chief.act("close")
        assert chief.state() == "销号"
        chief.shot("closed")
        history = chief.page.locator("table.grid").last.locator("tbody tr")
        assert history.count() == 6
    finally:
        chief.context.close()
        unit.context.close()
    events = list(ProblemEvent.objects.filter(item=item).order_by("id").values_list("action", "actor_name"))
    assert events == [
        ("raise", "chain_new_materials"),
        ("assign", "chain_new_materials"),
        ("accept", "unit_miit_bureau"),
        ("answer", "unit_miit_bureau"),
        ("confirm", "chain_new_materials"),
        ("close", "chain_new_materials"),
    ]
