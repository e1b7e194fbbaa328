"""Public indicator and scope pages (Open SDG style): anonymous, published data only, Plotly offline.

泸溪县 31 published (baseline 25 in 2020, target 55 in 2025):
  完成进度 (31 − 25)/(55 − 25) = 6/30 = 20.0 %; 时序进度 57/60 = 95.0 % at 2025Q3.
"""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from planwatch_web.accounts.models import User
from planwatch_web.dashboards import assets
from planwatch_web.submissions.models import Submission

from .test_dashboards_helpers import cell_text, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def luxi(users: dict[str, User], subs: dict[str, Submission]) -> Submission:
    return publish(users, subs["luxi"], "luxi", 31.0)


def test_public_indicator_pages_show_published_values(client: Client, luxi: Submission) -> None:
    page = client.get(reverse("public:indicators")).content.decode()
    assert cell_text(page, "scale_enterprises", "luxi") == "31"
    assert "仅含已发布的数据" in page
    assert 'href="/public/scope/luxi/?as_of=2025Q3"' in page  # drill-down stays public
    assert "/cockpit/" not in page.split("<main>")[1]
    page = client.get(reverse("public:indicator", args=["scale_enterprises"])).content.decode()
    assert cell_text(page, "scale_enterprises", "luxi", prefix="value") == "31"
    assert "20.0%" in page and "95.0%" in page


def test_public_how_computed_names_the_source_without_linking_the_form(
    client: Client, luxi: Submission
) -> None:
    page = client.get(reverse("public:explain", args=["t3_luxi_count"])).content.decode()
    assert "(31 − 25) ÷ (55 − 25)" in page and "20.0%" in page
    assert "泸溪县已发布报表" in page
    assert f"/forms/{luxi.pk}/" not in page


def test_public_pages_need_no_published_data_to_answer(client: Client, subs: dict[str, Submission]) -> None:
    page = client.get(reverse("public:indicators")).content.decode()
    assert "暂无已发布的数据" in page
    assert client.get(reverse("public:scope", args=["xiangxi"])).status_code == 200


def test_plotly_is_served_from_the_installed_package(client: Client, db: None) -> None:
    assert assets.PLOTLY_JS.is_file()
    response = client.get(reverse("public:plotly_js"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    assert body == assets.PLOTLY_JS.read_bytes()
    again = client.get(reverse("public:plotly_js"), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_plotlys_own_css_rules_are_a_stylesheet(client: Client, db: None) -> None:
    css = client.get(reverse("public:plotly_css")).content.decode()
    # the rule that stacks Plotly's SVG layers; without it charts fall apart under a strict CSP
    assert ".js-plotly-plot .plotly .main-svg {position:absolute;top:0;left:0;pointer-events:none;}" in css
    assert len(re.findall(r"\{", css)) > 40


def test_pages_keep_a_strict_content_security_policy(client: Client, luxi: Submission) -> None:
    response = client.get(reverse("public:scope", args=["luxi"]))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    page = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>", page)
    # scripts are files, or JSON data (json_script): nothing inline to execute
    assert scripts and all("src=" in s or 'type="application/json"' in s for s in scripts)
    assert 'id="plotly.js-style-global" class="no-inline-styles"' in page  # Plotly skips its <style>
    assert " style=" not in page


def test_the_cjk_font_is_served_when_installed(client: Client, db: None) -> None:
    from planwatch.report.fonts import SANS, cjk_fonts

    response = client.get(reverse("public:cjk_font"))
    if cjk_fonts().get(SANS) is None:
        assert response.status_code == 404
    else:
        assert response.status_code == 200 and response["Content-Type"].startswith("font/")
