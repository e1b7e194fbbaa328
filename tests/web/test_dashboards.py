"""驾驶舱, scope, indicator and "how computed" pages through HTTP, with hand-worked numbers.

Data (tests/web/test_dashboards_helpers.py): 吉首市 规模工业企业数 50 at 2025Q3, approved; 泸溪县 31, published.
吉首市: baseline 35 (2020), target 65 (2025).
  完成进度 (50 − 35) / (65 − 35) = 15/30 = 50.0 %
  时序进度 months Jan 2021 … Sep 2025 = 4·12 + 9 = 57 of 60 = 95.0 %; gap 50.0 − 95.0 = −45.0 百分点
  实际年均增速 (50/35)^(1/4.75) − 1 = 7.80 % (2025Q3 ends 4.75 years after the end of 2020)
  所需 (基期至目标) (65/35)^(1/5) − 1 = 13.18 %;  进度值 7.80/13.18 = 0.592 < 0.6 → 进展有限 → 滞后
泸溪县: baseline 25, target 55: 完成进度 (31 − 25)/(55 − 25) = 6/30 = 20.0 %.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from planwatch.domain.periods import Period
from planwatch_web.accounts.models import User
from planwatch_web.dashboards import data
from planwatch_web.dashboards.charts import compound_path
from planwatch_web.submissions import actions
from planwatch_web.submissions.models import Submission

from .test_dashboards_helpers import cell_text, fill, publish

pytestmark = pytest.mark.django_db


def test_cockpit_shows_table1_and_the_counties_for_the_leader(
    login: Callable[[str], Client], two: dict[str, Submission]
) -> None:
    page = login("leader").get(reverse("dashboards:index")).content.decode()
    assert cell_text(page, "scale_enterprises", "jishou") == "50"
    assert cell_text(page, "scale_enterprises", "luxi") == "31"
    # 表1: the twenty prefecture targets of 表1, each with its value cell
    assert page.count('data-testid="cockpit-value-') >= 20
    assert 'data-testid="cockpit-value-industrial_output-xiangxi"' in page
    # the only period with approved data is the default as-of
    assert '<option value="2025Q3" selected>' in page
    # 吉首市 is 滞后 (red): 50.0 % of the way at 95.0 % of the time
    assert "2025年第三季度 · 50.0%" in page
    assert "2025年第三季度 · 20.0%" in page  # 泸溪县


def test_how_computed_substitutes_the_numbers(
    login: Callable[[str], Client], two: dict[str, Submission]
) -> None:
    url = reverse("dashboards:explain", args=["t3_jishou_count"]) + "?as_of=2025Q3"
    page = login("leader").get(url).content.decode()
    assert "(50 − 35) ÷ (65 − 35)" in page and "50.0%" in page
    assert "65家 (2025)" in page and "35家 (2020)" in page  # target and baseline in their unit
    assert "已过月数 ÷ 总月数 = 57 ÷ 60" in page and "95.0%" in page
    assert "−45.0 个百分点" in page
    assert "(50 ÷ 35)^(1 ÷ 4.75) − 1" in page and "7.80%" in page  # (50/35)^(1/4.75) − 1 = 0.07798
    assert "13.18%" in page  # (65/35)^(1/5) − 1 = 0.13180
    assert ">0.592<" in page  # 0.07798 / 0.13180 = 0.5917
    assert "滞后" in page and "进展有限" in page
    # thresholds of the default profile
    assert "≥ 0.95" in page and "0.6 – 0.95" in page
    # the value's source: the approved form, linked
    assert f'href="/forms/{two["jishou"].pk}/"' in page
    assert "吉首市报表 #" in page


def test_scope_and_indicator_pages_have_charts_and_tables(
    login: Callable[[str], Client], two: dict[str, Submission]
) -> None:
    client = login("leader")
    page = client.get(reverse("dashboards:scope", args=["jishou"])).content.decode()
    assert cell_text(page, "scale_enterprises", "jishou", prefix="value") == "50"
    assert 'id="chart-data" type="application/json"' in page
    assert 'data-chart="t3_jishou_count"' in page
    assert "/public/assets/plotly.min.js" in page and "planwatch_web/charts.js" in page
    page = client.get(reverse("dashboards:indicator", args=["scale_enterprises"])).content.decode()
    assert cell_text(page, "scale_enterprises", "luxi", prefix="value") == "31"
    assert cell_text(page, "scale_enterprises", "jishou", prefix="value") == "50"
    assert "越大越好" in page


def test_the_chart_draws_the_compound_path_from_baseline_to_target() -> None:
    # 工业总产值 258 (2020) → 1000 (2025): at 2024 (s = 4/5) 258·(1000/258)^0.8 = 762.65,
    # the engine's expected value for 2024 (methodology §4).
    path = compound_path(258.0, 1000.0, 2020, 2025)
    assert path[0] == 258.0 and path[-1] == pytest.approx(1000.0)
    assert path[4] == pytest.approx(762.6476584576725)
    # A zero baseline has no compound path: a straight line (0 → 5 by 2025: 1 a year).
    assert compound_path(0.0, 5.0, 2020, 2025) == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]


def test_the_cockpit_changes_when_a_form_is_approved(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    fill(users["jishou"], subs["jishou"], 44.0)
    actions.do_submit(users["jishou"], subs["jishou"].pk)
    publish(users, subs["luxi"], "luxi", 31.0)  # some data exist: the cockpit has an as-of period
    client = login("leader")
    before = client.get(reverse("dashboards:index")).content.decode()
    assert cell_text(before, "scale_enterprises", "jishou") == "—"  # submitted, not approved: not used
    actions.do_approve(users["admin"], subs["jishou"].pk)
    after = client.get(reverse("dashboards:index")).content.decode()
    assert cell_text(after, "scale_enterprises", "jishou") == "44"


def test_no_data_yet_says_so(login: Callable[[str], Client], subs: dict[str, Submission]) -> None:
    page = login("leader").get(reverse("dashboards:index")).content.decode()
    assert "暂无可用于测算的已审核数据" in page


def test_an_unknown_as_of_falls_back_to_the_latest(
    login: Callable[[str], Client], two: dict[str, Submission]
) -> None:
    page = login("leader").get(reverse("dashboards:index") + "?as_of=nonsense").content.decode()
    assert '<option value="2025Q3" selected>' in page


def test_unknown_scope_indicator_or_target_is_not_found(
    login: Callable[[str], Client], two: dict[str, Submission]
) -> None:
    client = login("leader")
    assert client.get(reverse("dashboards:scope", args=["atlantis"])).status_code == 404
    assert client.get(reverse("dashboards:indicator", args=["unicorns"])).status_code == 404
    assert client.get(reverse("dashboards:explain", args=["t9_none"])).status_code == 404


def test_signed_out_users_are_sent_to_login(client: Client, two: dict[str, Submission]) -> None:
    for url in (
        reverse("dashboards:index"),
        reverse("dashboards:scope", args=["jishou"]),
        reverse("dashboards:indicator", args=["scale_enterprises"]),
        reverse("dashboards:explain", args=["t3_jishou_count"]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_pages_assess_once_and_do_not_grow_queries(
    login: Callable[[str], Client],
    two: dict[str, Submission],
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    client = login("leader")
    client.get(reverse("dashboards:index"))  # warm: tables and assessments cached for this data version
    # session + user, the data version, the as-of periods
    with django_assert_max_num_queries(4):
        client.get(reverse("dashboards:index"))
    with django_assert_max_num_queries(4):
        client.get(reverse("dashboards:scope", args=["xiangxi"]))
    with django_assert_max_num_queries(5):  # + the forms behind the values
        client.get(reverse("dashboards:explain", args=["t3_jishou_count"]))


def test_pages_read_in_english(login: Callable[[str], Client], two: dict[str, Submission]) -> None:
    client = login("leader")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    for url in (
        reverse("dashboards:index"),
        reverse("dashboards:scope", args=["jishou"]),
        reverse("dashboards:indicator", args=["scale_enterprises"]),
    ):
        page = client.get(url).content.decode()
        assert 'lang="en"' in page
        body = page[page.index("<main>") : page.index("</main>")]
        body = re.sub(r'<script id="chart-data".*?</script>', "", body, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", body)
        leftovers = sorted({m.group(0) for m in re.finditer(r"\S*[\u4e00-\u9fff]+\S*", text)})
        assert leftovers == [], url
    page = client.get(reverse("dashboards:explain", args=["t3_jishou_count"])).content.decode()
    assert "Completion" in page and "(50 − 35) ÷ (65 − 35)" in page


def test_warm_up_assesses_the_latest_published_period_for_the_public_and_the_full_view(
    two: dict[str, Submission], django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    # Only 泸溪县 is published (2025Q3); 吉首市 is approved. The public view is published data only.
    assert [str(p) for p in data.warm_up()] == ["2025Q3"]
    q3 = Period.parse("2025Q3")
    public = data.snapshot(data.PUBLIC, q3)
    full = data.snapshot(data.Audience(published_only=False), q3)
    assert public.table.get("scale_enterprises", "jishou", q3) is None
    approved = full.table.get("scale_enterprises", "jishou", q3)
    assert approved is not None and approved.value == 50.0
    # both were cached by the warm-up: asking again only reads the data version
    with django_assert_max_num_queries(1):
        data.snapshot(data.PUBLIC, q3)


def test_cockpit_sections_follow_the_plans_groups(login: Callable[[str], Client], two: dict[str, Submission]) -> None:
    page = login("leader").get(reverse("dashboards:index")).content.decode()
    # each group after the main one is a section with the plan's title and its citation, in the groups' order
    titles = ["县市区规模工业企业培育目标", "省级产业园区产值目标", "重点产业链产值目标"]
    positions = [page.index(f"<h2>{t} <span") for t in titles]
    assert positions == sorted(positions)
    assert '<h2>县市区规模工业企业培育目标 <span class="meta">《规划》表3</span></h2>' in page
