"""Web test fixtures: users for every role, an open period, signed-in clients.

The same tests run on SQLite (default) and on PostgreSQL (``make test-web-pg`` sets
PLANWATCH_DATABASE_URL); pytest-django creates and drops the test databases (one per xdist worker).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from django.db import connection
from django.test import Client
from django.utils import translation

from planwatch_web.accounts.actions import do_create_user
from planwatch_web.accounts.models import Role, User
from planwatch_web.dashboards.data import clear_cache
from planwatch_web.submissions.actions import do_open_period
from planwatch_web.submissions.models import ReportingPeriod, Submission

from .test_dashboards_helpers import approve, publish

PASSWORD = "correct-horse-battery"
PERIOD = "2025Q3"


@pytest.fixture(autouse=True)
def _chinese_after_each_test() -> Iterator[None]:
    """A test that switched a page to English must not leave the next test on this worker in English."""
    yield
    translation.activate("zh-hans")


@pytest.fixture(autouse=True)
def _fresh_dashboard_cache() -> Iterator[None]:
    """The dashboards keep tables, engine runs and pages per process: no test sees another's."""
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def two(users: dict[str, User], subs: dict[str, Submission]) -> dict[str, Submission]:
    """吉首市 规模工业企业数 50 approved (not published), 泸溪县 31 published (test_dashboards_helpers)."""
    return {
        "jishou": approve(users, subs["jishou"], "jishou", 50.0),
        "luxi": publish(users, subs["luxi"], "luxi", 31.0),
    }


@pytest.fixture(autouse=True)
def _fast_hashing(settings: object) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]


def on_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture(autouse=True)
def _postgres_only(request: pytest.FixtureRequest) -> None:
    """Tests marked ``postgres`` need the real server (make test-web-pg); on SQLite they say why they skip."""
    if request.node.get_closest_marker("postgres") and not on_postgres():
        pytest.skip(
            "needs PostgreSQL: run with PLANWATCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test"
        )


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    def make(username: str, role: Role, scope_id: str = "") -> User:
        return do_create_user(None, username, PASSWORD, role, scope_id, validate=False)

    return make


@pytest.fixture
def users(make_user: Callable[..., User]) -> dict[str, User]:
    """One user per role; two counties so every access test has "own" and "another"."""
    return {
        "admin": make_user("admin", Role.ADMIN, "xiangxi"),
        "leader": make_user("leader", Role.LEADER),
        "jishou": make_user("jishou", Role.REPORTER, "jishou"),
        "luxi": make_user("luxi", Role.REPORTER, "luxi"),
        "park": make_user("jishou_edz", Role.REPORTER, "jishou_edz"),
        "chain": make_user("chain", Role.CHAIN_CHIEF, "new_materials"),
    }


@pytest.fixture
def period(users: dict[str, User]) -> ReportingPeriod:
    return do_open_period(users["admin"], PERIOD, dt.date(2025, 10, 15))


@pytest.fixture
def subs(period: ReportingPeriod) -> dict[str, Submission]:
    """The period's submissions by scope id."""
    return {s.scope_id: s for s in Submission.objects.filter(period=period)}


@pytest.fixture
def login(users: dict[str, User]) -> Callable[[str], Client]:
    def sign_in(name: str) -> Client:
        client = Client()
        client.force_login(users[name])
        return client

    return sign_in
