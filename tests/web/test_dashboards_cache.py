"""Rendered dashboard content is kept per audience and data version (dashboards.rendering).

Data (test_dashboards_helpers): 吉首市 规模工业企业数 50 approved, not published; 泸溪县 31 published.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from planwatch_web.accounts.models import Role, User
from planwatch_web.dashboards import data
from planwatch_web.submissions.models import Submission

from .test_dashboards_helpers import approve, cell_text, fill

pytestmark = pytest.mark.django_db


def _count(client: Client, scope: str) -> str:
    page = client.get(reverse("dashboards:index")).content.decode()
    return cell_text(page, "scale_enterprises", scope)


def _jishou_count(client: Client) -> str:
    return _count(client, "jishou")


def test_content_kept_for_one_audience_is_never_shown_to_another(
    login: Callable[[str], Client], two: dict[str, Submission]
) -> None:
    # 吉首市's reporter sees its own approved 50; the next visitor, 泸溪县's reporter, must not get
    # that rendering from the cache (for it 吉首市 has no published value: "—").
    assert _jishou_count(login("jishou")) == "50"
    assert _jishou_count(login("luxi")) == "—"
    assert _jishou_count(login("leader")) == "50"
    public = Client().get(reverse("public:indicators")).content.decode()
    assert cell_text(public, "scale_enterprises", "jishou") == "—"


def test_a_kept_page_costs_only_the_session_and_the_data_version(
    login: Callable[[str], Client],
    two: dict[str, Submission],
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    client = login("leader")
    client.get(reverse("dashboards:scope", args=["jishou"]))
    # session, user, the data version: no as-of choices, no engine, no rendering of the rows
    with django_assert_max_num_queries(3):
        page = client.get(reverse("dashboards:scope", args=["jishou"])).content.decode()
    assert "吉首市" in page and "csrfmiddlewaretoken" in page  # the user's own header forms are still there


def test_a_draft_saved_keeps_the_cache_and_an_approval_renews_it(
    users: dict[str, User],
    subs: dict[str, Submission],
    make_user: Callable[..., User],
    login: Callable[[str], Client],
    two: dict[str, Submission],
) -> None:
    users["fenghuang"] = make_user("fenghuang", Role.REPORTER, "fenghuang")
    leader = login("leader")
    assert _count(leader, "fenghuang") == "—"
    before = data.DataVersion.current()
    fill(users["fenghuang"], subs["fenghuang"], 33.0)  # a draft: no dashboard shows it
    assert data.DataVersion.current() == before
    assert _count(leader, "fenghuang") == "—"
    # approving 凤凰县 changes what dashboards may show: a new version, a new rendering
    approve(users, subs["fenghuang"], "fenghuang", 33.0)
    assert data.DataVersion.current() != before
    assert _count(leader, "fenghuang") == "33"


def test_a_failed_warm_up_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken() -> list[object]:
        raise RuntimeError("数据库不可用")

    monkeypatch.setattr(data, "warm_up", broken)
    seen: list[str] = []
    data.warm_up_in_background(lambda exc: seen.append(str(exc))).join(timeout=10)
    assert seen == ["数据库不可用"]
