"""The whole monthly round in a real browser: Excel with an error → fix → submit → return → resubmit →
approve → the cockpit shows the new value (issue 4, §5 "Proof").

Data: 吉首市 规模工业企业数 46 家 published for 2025Q2 (what the cockpit shows first); 2025Q3 is this
period's open form. The county uploads 52 (after a first upload with 「五十二家」 in the number column,
which is refused with its row and column), the prefecture returns it, the county corrects it to 51 in
the grid and resubmits, the prefecture approves: the cockpit's 吉首市 cell goes from 46 (2025年第二季度)
to 51 (2025年第三季度).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.utils import timezone

from planwatch.domain.enums import Measure
from planwatch_web.accounts.actions import do_create_user
from planwatch_web.accounts.models import Role, User
from planwatch_web.dashboards import data
from planwatch_web.submissions import actions
from planwatch_web.submissions.models import DataValue, Submission
from planwatch_web.submissions.validation import ValueInput

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery"
COCKPIT_CELL = '[data-testid="cockpit-value-scale_enterprises-jishou"]'
RETURN_REASON = "规模工业企业数与县统计局快报（51家）不一致，请核实后重新上报。"


class Person:
    """One signed-in browser context (its own cookies) and the screenshots it takes."""

    def __init__(self, browser: Any, base: str, shots: Path, counter: list[int]) -> None:
        self.context = browser.new_context(
            locale="zh-CN", viewport={"width": 1400, "height": 900}, accept_downloads=True
        )
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
        self.page.wait_for_url(re.compile(r"/forms/$"))

    def shot(self, name: str, part: str = "") -> Path:
        """The whole page, or only the element ``part`` selects (the cockpit is 3,500 px tall)."""
        self.page.evaluate("document.fonts.ready")
        self.counter[0] += 1
        path = self.shots / f"{self.counter[0]:02d}-{name}.png"
        if part:
            self.page.locator(part).first.screenshot(path=str(path))
        else:
            self.page.screenshot(path=str(path), full_page=True)
        return path

    def messages(self) -> str:
        return " ".join(self.page.locator("ul.messages li").all_inner_texts())

    def close(self) -> None:
        self.context.close()


def _setup() -> tuple[User, User, Submission]:
    admin = do_create_user(None, "admin", PASSWORD, Role.ADMIN, "xiangxi", validate=False)
    county = do_create_user(
        None, "jishou", PASSWORD, Role.REPORTER, "jishou", display_name="吉首市填报员", validate=False
    )
    last = actions.do_open_period(admin, "2025Q2", dt.date(2025, 7, 15))
    previous = Submission.objects.get(period=last, scope_id="jishou")
    actions.do_save_values(
        county,
        previous.pk,
        [
            ValueInput("scale_enterprises", Measure.LEVEL, 46.0),
            ValueInput("new_scale_enterprises", Measure.YTD, 2.0),
            ValueInput("county_sci_parks", Measure.LEVEL, 1.0),
        ],
        expected_version=None,
    )
    actions.do_submit(county, previous.pk)
    actions.do_approve(admin, previous.pk)
    actions.do_publish(admin, previous.pk)
    this = actions.do_open_period(admin, "2025Q3", timezone.localdate() + dt.timedelta(days=30))
    return admin, county, Submission.objects.get(period=this, scope_id="jishou")


def _fill(template: Path, out: Path, count: object) -> None:
    wb = openpyxl.load_workbook(template)
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header[:6] == ["指标", "范围", "时期", "口径", "数值", "单位"]
    names = {ws.cell(row=r, column=1).value: r for r in range(2, ws.max_row + 1)}
    assert set(names) >= {"规模工业企业数", "新增入规工业企业数量", "省级科技园区"}
    ws.cell(row=names["规模工业企业数"], column=5, value=count)
    ws.cell(row=names["新增入规工业企业数量"], column=5, value=4)
    ws.cell(row=names["省级科技园区"], column=5, value=1)
    wb.save(out)


def _upload(county: Person, path: Path) -> None:
    county.page.set_input_files("#id_file", str(path))
    county.page.click("form[enctype] button[type=submit]")
    county.page.wait_for_load_state()


def test_excel_error_fix_submit_return_resubmit_approve_and_the_cockpit_changes(
    browser: Any, server: str, screenshots: Path, tmp_path: Path
) -> None:
    data.clear_cache()
    _admin, _county_user, sub = _setup()
    form = f"/forms/{sub.pk}/"
    counter = [0]
    county = Person(browser, server, screenshots, counter)
    admin = Person(browser, server, screenshots, counter)
    try:
        # -- the county signs in and opens this period's form from 我的任务
        county.login("jishou")
        assert "我的任务" in county.page.inner_text("h1")
        todo = county.page.locator("tr", has_text="2025年第三季度")
        assert todo.count() == 1
        county.shot("county-tasks")
        todo.get_by_role("link", name="填报").click()
        county.page.wait_for_url(re.compile(re.escape(form) + "$"))
        assert "吉首市" in county.page.inner_text("h1") and "草稿" in county.page.inner_text("h1")

        # -- downloads the pre-filled template, fills it with one error, uploads it
        with county.page.expect_download() as download:
            county.page.click("text=下载预填的 Excel 模板")
        template = tmp_path / download.value.suggested_filename
        download.value.save_as(template)
        assert template.name == "jishou_2025Q3.xlsx"
        wrong = tmp_path / "吉首市2025Q3-有误.xlsx"
        _fill(template, wrong, "五十二家")  # text where a number belongs
        _upload(county, wrong)
        assert "文件中发现 1 处错误，未导入任何数据" in county.messages()
        problems = county.page.locator("section.problems tbody tr.error")
        assert problems.count() == 1
        where, severity, message = (t.strip() for t in problems.first.locator("td").all_inner_texts())
        # file, sheet 数据, row 2 (the first data row: 规模工业企业数), column 数值 = cell E2
        assert where == "吉首市2025Q3-有误.xlsx:数据:2 [数值 / E2]", where
        assert severity == "错误"
        assert message == "数值「五十二家」不是数字（缺数请留空或填“—”）", message
        county.shot("county-upload-error-located")
        assert not DataValue.objects.filter(submission=sub).exists()  # nothing half-saved

        # -- fixes the file and uploads it again, then submits
        fixed = tmp_path / "吉首市2025Q3.xlsx"
        _fill(template, fixed, 52)
        _upload(county, fixed)
        assert "导入 3 项修改" in county.messages()
        assert county.page.locator("input[aria-label='规模工业企业数']").input_value() == "52"
        county.shot("county-upload-fixed")
        county.page.click("button[value=submit]")
        county.page.wait_for_load_state()
        assert "已上报，等待州级审核" in county.messages()
        assert "已上报" in county.page.inner_text("h1")
        county.shot("county-submitted")

        # -- the prefecture signs in, finds it in 审核, returns it with a reason
        admin.login("admin")
        admin.go("/forms/review/")
        row = admin.page.locator("tr", has_text="吉首市")
        assert row.count() >= 1
        admin.shot("admin-review-queue")
        admin.go(form)
        admin.page.fill("#id_reason", RETURN_REASON)
        admin.page.click("button[value=return]")
        admin.page.wait_for_load_state()
        assert "已退回" in admin.page.inner_text("h1")
        admin.shot("admin-returned")

        # -- the county sees the reason, corrects the value in the grid and submits again
        county.go(form)
        assert "已退回" in county.page.inner_text("h1")
        assert RETURN_REASON in county.page.inner_text(".callout.returned")
        county.shot("county-sees-return-reason")
        county.page.fill("input[aria-label='规模工业企业数']", "51")
        county.page.click("button[value=submit]")
        county.page.wait_for_load_state()
        assert "已上报" in county.page.inner_text("h1"), county.messages()
        county.shot("county-resubmitted")

        # -- the cockpit before approval: still last quarter's published 46
        admin.go("/cockpit/")
        cell = admin.page.locator(COCKPIT_CELL)
        assert cell.inner_text().strip() == "46"
        # 完成进度 (46 − 35) / (65 − 35) = 11/30 = 36.7 % (target 35 家 in 2020 → 65 家 in 2025)
        assert "2025年第二季度 · 36.7%" in cell.evaluate("e => e.parentElement.innerText")
        admin.shot("cockpit-before-approval", part="section.drill")

        # -- the prefecture approves
        admin.go(form)
        assert "51" in admin.page.inner_text("table.entry")
        admin.page.click("button[value=approve]")
        admin.page.wait_for_load_state()
        assert "已审核" in admin.page.inner_text("h1")
        assert "审核通过" in admin.messages()
        admin.shot("admin-approved")

        # -- the cockpit now shows this quarter's approved 51
        admin.go("/cockpit/")
        cell = admin.page.locator(COCKPIT_CELL)
        assert cell.inner_text().strip() == "51"
        # 完成进度 (51 − 35) / (65 − 35) = 16/30 = 53.3 %
        assert "2025年第三季度 · 53.3%" in cell.evaluate("e => e.parentElement.innerText")
        admin.shot("cockpit-after-approval", part="section.drill")
    finally:
        county.close()
        admin.close()
        data.clear_cache()

    # What the browser did is what the database holds: the corrected value, approved, every step audited.
    sub.refresh_from_db()
    assert sub.state == "approved"
    stored = DataValue.objects.get(submission=sub, indicator="scale_enterprises", measure=Measure.LEVEL)
    assert stored.value == 51.0
    shots = sorted(p.name for p in screenshots.glob("*.png"))
    assert len(shots) == counter[0] == 11, shots
