"""Production's shared cache: rendered pages and engine results in Django's Redis cache, seen by every
worker; a data change makes every worker build anew.

Against the real Redis (127.0.0.1:6379, or PLANWATCH_TEST_REDIS_URL) under a key prefix of its own
(removed afterwards); skipped, saying why, when Redis does not answer. "Another worker" is this
process with its own memory emptied (``data.clear_cache``) and, once, a separate Python process that
only has the cache settings. Data (test_dashboards_helpers): 吉首市 规模工业企业数 50 approved, 泸溪县 31
published.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator

import pytest
from django.test import Client
from django.urls import reverse

from planwatch_web.accounts.models import Role, User
from planwatch_web.dashboards import data, rendering
from planwatch_web.submissions.models import Submission

from .test_dashboards_helpers import approve, cell_text

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("PLANWATCH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def shared_redis(settings: object) -> Iterator[str]:
    """Production's cache settings on the real Redis, under a prefix of this test's own."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis does not answer at {REDIS_URL} ({exc}); set PLANWATCH_TEST_REDIS_URL")
    prefix = f"planwatch-test-{uuid.uuid4().hex[:12]}"
    settings.PLANWATCH_REDIS_URL = REDIS_URL  # type: ignore[attr-defined]
    settings.CACHES = {  # type: ignore[attr-defined]
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }
    try:
        yield prefix
    finally:
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
        client.close()


def _keys(prefix: str, kind: str) -> set[str]:
    """The shared cache's keys of one kind (as Django's cache API names them: without prefix:version:)."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    try:
        return {k.decode().split(":", 2)[2] for k in client.scan_iter(f"{prefix}:1:dash:{kind}:*")}
    finally:
        client.close()


def _jishou(page: str) -> str:
    return cell_text(page, "scale_enterprises", "jishou")


@pytest.fixture
def nothing_rendered(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """After calling it, rendering a page's content or running the engine fails this test."""

    def arm() -> None:
        def refuse(*args: object, **kwargs: object) -> object:
            raise AssertionError("rendered or assessed here: the shared entry was not used")

        monkeypatch.setattr(rendering, "render_to_string", refuse)
        monkeypatch.setattr(data, "assess_plan", refuse)

    return arm


def test_a_second_worker_serves_the_page_the_first_rendered(
    login: Callable[[str], Client],
    two: dict[str, Submission],
    shared_redis: str,
    nothing_rendered: Callable[[], None],
) -> None:
    leader = login("leader")
    first = leader.get(reverse("dashboards:index")).content.decode()
    assert _jishou(first) == "50"
    pages, engine = _keys(shared_redis, "page"), _keys(shared_redis, "assess")
    assert len(pages) == 1 and len(engine) == 1  # the cockpit's content and the leaders' assessments

    # Another process, with nothing but the cache settings, reads the same entry through Django's cache.
    (key,) = pages
    script = (
        "import django, hashlib; django.setup()\n"
        "from django.core.cache import cache\n"
        f"print(hashlib.sha256(cache.get({key!r}).html.encode()).hexdigest())\n"
    )
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="planwatch_web.settings",
        PLANWATCH_REDIS_URL=REDIS_URL,
        PLANWATCH_REDIS_PREFIX=shared_redis,
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    from django.core.cache import cache

    html = cache.get(key).html
    assert out.stdout.strip() == hashlib.sha256(html.encode()).hexdigest()
    assert html in first

    # A worker with empty memory serves it without rendering or assessing anything.
    data.clear_cache()
    nothing_rendered()
    again = leader.get(reverse("dashboards:index")).content.decode()
    assert html in again and _jishou(again) == "50"  # (the header differs: a fresh CSRF mask)


def test_a_data_change_is_seen_by_every_worker(
    users: dict[str, User],
    subs: dict[str, Submission],
    make_user: Callable[..., User],
    login: Callable[[str], Client],
    two: dict[str, Submission],
    shared_redis: str,
    nothing_rendered: Callable[[], None],
) -> None:
    leader = login("leader")
    page = leader.get(reverse("dashboards:index")).content.decode()  # worker A renders and keeps it
    assert cell_text(page, "scale_enterprises", "fenghuang") == "—"
    old_pages = _keys(shared_redis, "page")

    users["fenghuang"] = make_user("fenghuang", Role.REPORTER, "fenghuang")
    approve(users, subs["fenghuang"], "fenghuang", 33.0)  # a new data version

    # Worker B (its own memory empty) misses the old entry, builds the page anew and shares it.
    kept_by_a = dict(data._PAGES)
    data.clear_cache()
    page = leader.get(reverse("dashboards:index")).content.decode()
    assert cell_text(page, "scale_enterprises", "fenghuang") == "33"
    new_pages = _keys(shared_redis, "page") - old_pages
    assert len(new_pages) == 1

    # Worker A still holds the old page in its memory: it does not serve it, it takes B's from Redis.
    data.clear_cache()
    data._PAGES.update(kept_by_a)
    nothing_rendered()
    page = leader.get(reverse("dashboards:index")).content.decode()
    assert cell_text(page, "scale_enterprises", "fenghuang") == "33"
    assert _jishou(page) == "50"


def test_without_redis_nothing_is_shared(login: Callable[[str], Client], two: dict[str, Submission]) -> None:
    assert data.shared_cache() is None  # the embedded default: this process's memory only
    assert _jishou(login("leader").get(reverse("dashboards:index")).content.decode()) == "50"
