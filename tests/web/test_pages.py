"""The pages people use, through HTTP: fill the grid, see errors in Chinese, submit, review, overdue.

Query counts are capped so a page does not grow one query per row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from planwatch.domain.enums import Measure
from planwatch_web.accounts.models import User
from planwatch_web.audit.models import AuditEntry
from planwatch_web.submissions import actions
from planwatch_web.submissions.models import DataValue, ReportingPeriod, Submission
from planwatch_web.submissions.validation import ValueInput

pytestmark = pytest.mark.django_db


def _grid(version: int, action: str = "save", **cells: str) -> dict[str, str]:
    data = {"version": str(version), "action": action}
    for key, text in cells.items():
        data[key.replace("__", ":").replace("v:", "v__", 1).replace("n:", "n__", 1)] = text
    return data


def _inputs(count: float) -> list[ValueInput]:
    return [
        ValueInput("scale_enterprises", Measure.LEVEL, count),
        ValueInput("new_scale_enterprises", Measure.YTD, 6.0),
        ValueInput("county_sci_parks", Measure.LEVEL, 1.0),
    ]


FULL = {
    "v__scale_enterprises:level": "４８",  # full-width digits, read by the core's number reader
    "v__new_scale_enterprises:ytd": "6",
    "v__county_sci_parks:level": "1",
}


def test_form_page_shows_the_lines_targets_and_history(
    login: Callable[[str], Client], subs: dict[str, Submission]
) -> None:
    page = login("jishou").get(reverse("submissions:detail", args=[subs["jishou"].pk])).content.decode()
    for text in (
        "吉首市 · 2025年第三季度",
        "规模工业企业数",
        "新增入规工业企业数量",
        "省级科技园区",
        "2025: 65",
        "草稿",
        "修改记录",
    ):
        assert text in page
    assert 'name="v__scale_enterprises:level"' in page
    assert "下载预填的 Excel 模板" in page


def test_save_then_submit_through_the_grid(
    login: Callable[[str], Client], subs: dict[str, Submission]
) -> None:
    client = login("jishou")
    url = reverse("submissions:detail", args=[subs["jishou"].pk])
    response = client.post(
        url,
        {"version": "0", "action": "save", **FULL, "s__scale_enterprises:level": "吉首市统计局月报"},
        follow=True,
    )
    assert "已保存 3 项修改" in response.content.decode()
    dv = DataValue.objects.get(submission=subs["jishou"], indicator="scale_enterprises")
    assert (dv.value, dv.source) == (48.0, "吉首市统计局月报")
    response = client.post(url, {"version": "1", "action": "submit", **FULL}, follow=True)
    page = response.content.decode()
    assert "已上报，等待州级审核" in page and "已上报" in page
    assert 'name="v__scale_enterprises:level"' not in page  # no inputs once submitted
    assert "上报" in page and "48" in page


def test_bad_cells_are_shown_in_chinese_and_nothing_is_saved(
    login: Callable[[str], Client], subs: dict[str, Submission]
) -> None:
    client = login("jishou")
    url = reverse("submissions:detail", args=[subs["jishou"].pk])
    response = client.post(
        url,
        {
            "version": "0",
            "action": "save",
            "v__scale_enterprises:level": "四十八",
            "v__new_scale_enterprises:ytd": "6",
            "v__county_sci_parks:level": "2亿元",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "有 2 处填写有误，未保存任何数据" in page
    assert "「四十八」不是数字。" in page
    assert "单位「亿元」不能换算为本指标的单位「个」。" in page
    assert 'value="四十八"' in page  # what was typed stays in the box
    assert not DataValue.objects.filter(submission=subs["jishou"]).exists()


def test_units_typed_in_the_cell_are_converted(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    client = login("park")
    sub = subs["jishou_edz"]  # 吉首经开区: 工业总产值 in 亿元
    client.post(
        reverse("submissions:detail", args=[sub.pk]),
        {"version": "0", "action": "save", "v__industrial_output:ytd": "123,450万元"},
    )
    # 123450 万元 = 12.345 亿元
    assert DataValue.objects.get(submission=sub).value == pytest.approx(12.345)


def test_stale_form_is_refused_with_a_message(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    client = login("jishou")
    url = reverse("submissions:detail", args=[subs["jishou"].pk])
    client.post(url, {"version": "0", "action": "save", **FULL})
    response = client.post(url, {"version": "0", "action": "save", "v__scale_enterprises:level": "99"})
    assert response.status_code == 409
    assert "已被他人修改" in response.content.decode()
    assert DataValue.objects.get(submission=subs["jishou"], indicator="scale_enterprises").value == 48.0


def test_submit_with_a_missing_line_lists_what_is_missing(
    login: Callable[[str], Client], subs: dict[str, Submission]
) -> None:
    client = login("jishou")
    url = reverse("submissions:detail", args=[subs["jishou"].pk])
    response = client.post(url, {"version": "0", "action": "submit", "v__scale_enterprises:level": "48"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "本表还不能上报" in page
    assert "「新增入规工业企业数量」未填写" in page and "「省级科技园区」未填写" in page
    assert Submission.objects.get(pk=subs["jishou"].pk).state == "draft"
    assert DataValue.objects.filter(submission=subs["jishou"]).count() == 1  # the save itself went through


def test_review_return_with_reason_then_approve(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    reporter, admin = login("jishou"), login("admin")
    url = reverse("submissions:detail", args=[subs["jishou"].pk])
    reporter.post(url, {"version": "0", "action": "submit", **FULL})
    queue = admin.get(reverse("submissions:queue")).content.decode()
    assert "吉首市" in queue
    review = reverse("submissions:review", args=[subs["jishou"].pk])
    response = admin.post(review, {"transition": "return", "reason": ""}, follow=True)
    assert "请填写原因" in response.content.decode()
    admin.post(review, {"transition": "return", "reason": "规模工业企业数应为 47 家"})
    page = reporter.get(url).content.decode()
    assert "退回原因" in page and "规模工业企业数应为 47 家" in page and "已退回" in page
    version = re.search(r'name="version" value="(\d+)"', page)
    assert version is not None and version.group(1) == "3"  # saved, submitted, returned
    reporter.post(url, {"version": "3", "action": "submit", **FULL, "v__scale_enterprises:level": "47"})
    admin.post(review, {"transition": "approve"})
    sub = Submission.objects.get(pk=subs["jishou"].pk)
    assert sub.state == "approved"
    history = admin.get(url).content.decode()
    for text in ("退回", "审核通过", "规模工业企业数应为 47 家", "48", "47"):
        assert text in history
    # 3 values saved, submit, return, 1 value changed (48 → 47), submit, approve
    assert AuditEntry.objects.filter(submission=sub).count() == 3 + 1 + 1 + 1 + 1 + 1


def test_overdue_and_timeliness(
    login: Callable[[str], Client],
    users: dict[str, User],
    subs: dict[str, Submission],
    period: ReportingPeriod,
) -> None:
    actions.do_set_deadline(users["admin"], period.pk, dt.date(2025, 10, 1))  # the first day allowed, long past
    page = login("admin").get(reverse("submissions:overdue")).content.decode()
    n_open = Submission.objects.filter(period=period).count()
    assert f"共 {n_open} 张表已过截止日期仍未上报" in page
    assert "吉首市" in page and "泸溪县" in page
    detail = login("admin").get(reverse("submissions:period", args=[period.pk])).content.decode()
    assert f"{n_open} 张逾期未报" in detail
    periods = login("admin").get(reverse("submissions:periods")).content.decode()
    assert re.search(rf'<span class="tag red">{n_open}</span>', periods)


def test_admin_opens_a_period_from_the_page(login: Callable[[str], Client], period: ReportingPeriod) -> None:
    client = login("admin")
    response = client.post(
        reverse("submissions:periods"), {"period": "2025年第四季度", "deadline": ""}, follow=True
    )
    assert "已开启填报期 2025Q4" in response.content.decode()
    rp = ReportingPeriod.objects.get(period="2025Q4")
    assert rp.deadline == dt.date(2026, 1, 15)
    response = client.post(reverse("submissions:periods"), {"period": "2025Q4"})
    assert response.status_code == 400 and "已经开启" in response.content.decode()


@pytest.mark.parametrize(
    ("who", "url_name", "cap"),
    [
        # session + user + the page's own queries, whatever the number of rows
        ("jishou", "submissions:tasks", 5),
        ("jishou", "submissions:detail", 9),
        ("admin", "submissions:detail", 9),
        ("admin", "submissions:queue", 5),
        ("admin", "submissions:list", 5),
        ("admin", "submissions:overdue", 5),
        ("admin", "submissions:periods", 5),
        ("admin", "submissions:period", 5),
        ("leader", "public:index", 3),
    ],
)
def test_query_counts_are_capped(
    who: str,
    url_name: str,
    cap: int,
    login: Callable[[str], Client],
    users: dict[str, User],
    subs: dict[str, Submission],
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    # Make the pages non-trivial (several rows of each kind), so one query per row would show.
    counties = ("jishou", "luxi", "fenghuang", "baojing", "guzhang")
    for name in counties:
        actions.do_save_values(users["jishou"], subs[name].pk, _inputs(48.0), expected_version=None)
        actions.do_submit(users["jishou"], subs[name].pk)
    for name in counties[1:3]:
        actions.do_approve(users["admin"], subs[name].pk)
    args = {
        "submissions:detail": [subs["jishou"].pk],
        "submissions:period": [subs["jishou"].period_id],
    }.get(url_name, [])
    client = login(who)
    with django_assert_max_num_queries(cap):
        response = client.get(reverse(url_name, args=args))
    assert response.status_code == 200
