"""Issue 9 (web, item 5), through HTTP: only periods of the plan's years, deadlines after the period,
and closing / reopening a period (administrator, reason, audited) so its open forms stop being overdue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from planwatch.domain.periods import Period
from planwatch_web.accounts.models import User
from planwatch_web.audit.models import AuditAction, AuditEntry
from planwatch_web.core.plan import get_plan
from planwatch_web.submissions.actions import period_end
from planwatch_web.submissions.models import ReportingPeriod, Submission

pytestmark = pytest.mark.django_db


def _texts(year: int) -> list[str]:
    return [f"{year}", f"{year}Q1", f"{year}Q4", f"{year}-01", f"{year}-12"]


def _plan_years() -> tuple[int, int]:
    meta = get_plan().meta
    return meta.start_year, meta.end_year  # 2021, 2025 for the bundled plan


def test_periods_outside_the_plans_years_are_refused(
    login: Callable[[str], Client], users: dict[str, User]
) -> None:
    start, end = _plan_years()
    admin = login("admin")
    for year in (2019, start - 1, end + 1, 2031):
        for text in _texts(year):
            response = admin.post(reverse("submissions:periods"), {"period": text})
            assert response.status_code == 400, text
            assert f"{text} 不在规划期（{start}—{end} 年）内，不能开启。" in response.content.decode()
    # far outside any plan (1900) the core's period reader already refuses the text itself
    response = admin.post(reverse("submissions:periods"), {"period": "1900"})
    assert response.status_code == 400 and "不是有效的时期" in response.content.decode()
    assert not ReportingPeriod.objects.exists()
    for year in (start, end):
        for text in _texts(year):
            response = admin.post(reverse("submissions:periods"), {"period": text})
            assert response.status_code == 302, text
    assert ReportingPeriod.objects.count() == 10


@pytest.mark.parametrize("text", ["2025", "2025Q1", "2025Q3", "2025-02", "2025-12", "2024-02"])
def test_a_deadline_must_fall_after_the_period(login: Callable[[str], Client], text: str) -> None:
    admin = login("admin")
    end = period_end(Period.parse(text))  # e.g. 2025Q1 → 2025-03-31, 2024-02 → 2024-02-29
    for deadline in (end - dt.timedelta(days=30), end):
        response = admin.post(
            reverse("submissions:periods"), {"period": text, "deadline": deadline.isoformat()}
        )
        assert response.status_code == 400
        assert (
            f"截止日期 {deadline.isoformat()} 不能早于或等于时期结束日 {end.isoformat()}"
            in response.content.decode()
        )
    assert not ReportingPeriod.objects.exists()
    ok = end + dt.timedelta(days=1)
    assert (
        admin.post(reverse("submissions:periods"), {"period": text, "deadline": ok.isoformat()}).status_code
        == 302
    )
    rp = ReportingPeriod.objects.get(period=text)
    # moving the deadline back into the period is refused as well, and nothing changes
    response = admin.post(reverse("submissions:period", args=[rp.pk]), {"deadline": end.isoformat()})
    assert response.status_code == 400 and "不能早于或等于时期结束日" in response.content.decode()
    rp.refresh_from_db()
    assert rp.deadline == ok


def test_period_end_dates() -> None:
    assert period_end(Period.parse("2025")) == dt.date(2025, 12, 31)
    assert period_end(Period.parse("2025Q3")) == dt.date(2025, 9, 30)
    assert period_end(Period.parse("2024-02")) == dt.date(2024, 2, 29)  # leap year
    assert period_end(Period.parse("2025-02")) == dt.date(2025, 2, 28)


def _closed(period: ReportingPeriod) -> bool:
    return ReportingPeriod.objects.get(pk=period.pk).is_closed


def test_closing_a_period_ends_overdue_and_reopening_brings_it_back(
    login: Callable[[str], Client],
    users: dict[str, User],
    period: ReportingPeriod,
    subs: dict[str, Submission],
) -> None:
    admin, county = login("admin"), login("jishou")
    # the conftest period 2025Q3 has its deadline 2025-10-15, long past: every form is overdue
    assert "吉首市" in admin.get(reverse("submissions:overdue")).content.decode()
    assert (
        reverse("submissions:detail", args=[subs["jishou"].pk])
        in county.get(reverse("submissions:tasks")).content.decode()
    )
    close = reverse("submissions:close_period", args=[period.pk])

    response = admin.post(close, {"action": "close", "reason": "  "}, follow=True)
    assert "请填写原因" in response.content.decode()
    assert not _closed(period)

    response = admin.post(close, {"action": "close", "reason": "本期收官，未报单位另行通报"}, follow=True)
    page = response.content.decode()
    assert "已关闭" in page and "本期收官，未报单位另行通报" in page
    assert _closed(period) and ReportingPeriod.objects.get(pk=period.pk).closed_by == users["admin"]
    overdue = admin.get(reverse("submissions:overdue")).content.decode()
    assert "吉首市" not in overdue
    assert (
        reverse("submissions:detail", args=[subs["jishou"].pk])
        not in county.get(reverse("submissions:tasks")).content.decode()
    )
    periods_page = admin.get(reverse("submissions:periods")).content.decode()
    assert 'class="tag red"' not in periods_page  # no overdue count for a closed period
    # a closed period's forms cannot be filled any more (and say why)
    detail = county.get(reverse("submissions:detail", args=[subs["jishou"].pk])).content.decode()
    assert 'name="v__scale_enterprises:level"' not in detail
    response = county.post(
        reverse("submissions:detail", args=[subs["jishou"].pk]),
        {"version": "0", "action": "save", "v__scale_enterprises:level": "48"},
        follow=True,
    )
    assert "已关闭，不能再填报" in response.content.decode()
    assert not subs["jishou"].values.exists()

    admin.post(close, {"action": "close", "reason": "again"})  # closing twice: refused, one audit row
    response = admin.post(close, {"action": "reopen", "reason": "吉首市申请补报"}, follow=True)
    assert "已重新开启" in response.content.decode()
    assert not _closed(period)
    assert "吉首市" in admin.get(reverse("submissions:overdue")).content.decode()

    entries = list(AuditEntry.objects.filter(object_type="period", object_id="2025Q3").order_by("id"))
    assert [(e.action, e.reason, e.actor) for e in entries[1:]] == [
        (AuditAction.CLOSE_PERIOD, "本期收官，未报单位另行通报", users["admin"]),
        (AuditAction.REOPEN_PERIOD, "吉首市申请补报", users["admin"]),
    ]
    after = entries[1].after or {}
    assert entries[1].before == {"closed": False, "closed_at": None}
    assert after["closed"] is True and after["closed_at"]
