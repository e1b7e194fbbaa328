"""`planwatch serve --plan` for a plan unlike the bundled one (重庆: a province-level city with industry
clusters): demo users from its own scopes, its statistics loaded as published data, its words on the pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client, override_settings

from planwatch_web.accounts.models import Role, User
from planwatch_web.demo import ensure_demo_users, load_data_files
from planwatch_web.submissions.models import DataValue

PLAN = "chongqing_manufacturing_2021_2025"
DATA = Path(__file__).resolve().parents[1] / "fixtures" / "chongqing" / "observations.csv"
CLUSTERS = ["electronics", "automobiles", "equipment", "materials", "consumer_goods", "biomedicine"]


@pytest.mark.django_db
@override_settings(PLANWATCH_PLAN=PLAN)
def test_demo_users_come_from_the_plans_scopes() -> None:
    info = ensure_demo_users()
    users = {u.username: (u.role, u.scope_id) for u in User.objects.all()}
    # the administrator sits at the region although it is of kind province; no cluster has parts, so the
    # chain chief's login is the first cluster's; one reporter per cluster (the region is the admin's)
    assert users["admin"] == (Role.ADMIN, "chongqing")
    assert users["leader"] == (Role.LEADER, "")
    assert users["chain_electronics"] == (Role.CHAIN_CHIEF, "electronics")
    assert sorted(u for u, (r, _) in users.items() if r == Role.REPORTER) == sorted(CLUSTERS)
    assert info.reporters == 6
    assert User.objects.get(username="admin").display_name == "市经济信息委（演示）"


@pytest.mark.django_db
@override_settings(PLANWATCH_PLAN=PLAN)
def test_data_files_load_once_as_published_data() -> None:
    first = load_data_files([DATA])
    assert (first.values, first.already_loaded) == (17, False)  # the fixture's 17 rows
    again = load_data_files([DATA])
    assert again.already_loaded and DataValue.objects.count() == 17


@pytest.mark.django_db
@override_settings(PLANWATCH_PLAN=PLAN)
def test_pages_use_the_plans_words(client: Client) -> None:
    ensure_demo_users()
    page = client.get("/accounts/login/").content.decode()
    assert "重庆市经济和信息化委员会 · 规划监测平台" in page
    assert "湘西" not in page and "州工信局" not in page


@pytest.mark.django_db
@override_settings(PLANWATCH_PLAN=PLAN)
def test_the_cockpit_sections_are_the_plans_groups() -> None:
    ensure_demo_users()
    load_data_files([DATA])
    client = Client()
    client.force_login(User.objects.get(username="leader"))
    page = client.get("/cockpit/").content.decode()
    # the plan's second group, titled as the plan titles it; no county, park or chain section of the
    # bundled plan's kind (the plan has none), and none of the bundled plan's words
    assert "<h2>产业集群规模目标</h2>" in page
    assert "省级产业园区" not in page and "县市区" not in page
    # one row per cluster of the group, one column per indicator of its targets
    for cluster in CLUSTERS:
        assert f'href="/cockpit/scope/{cluster}/' in page
