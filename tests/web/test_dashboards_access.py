"""Every dashboard and public page: nobody sees another scope's unpublished value.

吉首市's form holds 43.7 (approved, not published); 泸溪县's 31 is published. 泸溪县's reporter, the
reporter of a park inside 吉首市, a chain chief and the public see 31 and never 43.7; 吉首市's own
reporter and the leader see both. Draft and submitted values are on no dashboard at all.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from planwatch_web.accounts.models import User
from planwatch_web.submissions import actions
from planwatch_web.submissions.models import Submission

from .test_dashboards_helpers import approve, cell_text, fill, publish

pytestmark = pytest.mark.django_db

SECRET = "43.7"

# Every dashboard endpoint, with arguments that reach 吉首市's target (listed in test_access.ENDPOINTS).
PAGES = {
    "dashboards:index": [],
    "dashboards:scope": ["jishou"],
    "dashboards:indicator": ["scale_enterprises"],
    "dashboards:explain": ["t3_jishou_count"],
}
PUBLIC_PAGES = {
    "public:indicators": [],
    "public:scope": ["jishou"],
    "public:indicator": ["scale_enterprises"],
    "public:explain": ["t3_jishou_count"],
}


@pytest.fixture
def jishou_approved(users: dict[str, User], subs: dict[str, Submission]) -> Submission:
    publish(users, subs["luxi"], "luxi", 31.0)
    return approve(users, subs["jishou"], "jishou", 43.7)


def _value_on(page: str, url_name: str) -> str:
    if url_name.endswith("explain"):
        marker = 'data-testid="explain-value">'
        start = page.index(marker) + len(marker)
        return page[start : page.index("<", start)].strip()
    prefix = "cockpit-value" if url_name in ("dashboards:index", "public:indicators") else "value"
    return cell_text(page, "scale_enterprises", "jishou", prefix=prefix)


@pytest.mark.parametrize("url_name", sorted(PAGES))
@pytest.mark.parametrize("who", ["luxi", "park", "chain"])
def test_others_never_see_an_unpublished_value(
    who: str, url_name: str, login: Callable[[str], Client], jishou_approved: Submission
) -> None:
    response = login(who).get(reverse(url_name, args=PAGES[url_name]))
    assert response.status_code == 200
    page = response.content.decode()
    assert SECRET not in page
    assert _value_on(page, url_name) == "—"
    assert f"/forms/{jishou_approved.pk}/" not in page


@pytest.mark.parametrize("url_name", sorted(PAGES))
@pytest.mark.parametrize("who", ["jishou", "leader", "admin"])
def test_own_scope_and_readers_of_all_see_approved_values(
    who: str, url_name: str, login: Callable[[str], Client], jishou_approved: Submission
) -> None:
    page = login(who).get(reverse(url_name, args=PAGES[url_name])).content.decode()
    assert _value_on(page, url_name) == SECRET


@pytest.mark.parametrize("url_name", sorted(PUBLIC_PAGES))
@pytest.mark.parametrize("who", ["anonymous", "jishou", "leader"])
def test_public_pages_show_published_values_only_whoever_asks(
    who: str, url_name: str, client: Client, login: Callable[[str], Client], jishou_approved: Submission
) -> None:
    browser = client if who == "anonymous" else login(who)
    response = browser.get(reverse(url_name, args=PUBLIC_PAGES[url_name]))
    assert response.status_code == 200
    page = response.content.decode()
    assert SECRET not in page
    assert _value_on(page, url_name) == "—"
    assert "/forms/" not in page.split("<main>")[1]  # no form is linked from a public page


def test_draft_and_submitted_values_are_on_no_dashboard(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    publish(users, subs["luxi"], "luxi", 31.0)
    fill(users["jishou"], subs["jishou"], 43.7)
    for state in ("draft", "submitted"):
        if state == "submitted":
            actions.do_submit(users["jishou"], subs["jishou"].pk)
        for who in ("jishou", "leader"):
            page = login(who).get(reverse("dashboards:index")).content.decode()
            assert cell_text(page, "scale_enterprises", "jishou") == "—", (state, who)
