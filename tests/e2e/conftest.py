"""Browser tests: a live Django server on a free loopback port, driven by Debian's headless Chromium.

- The server is pytest-django's LiveServerThread bound to ``127.0.0.1:0`` (the OS picks a free port),
  one per xdist worker, so ``pytest -n 2`` never has two servers on one port. It serves the worker's
  test database: SQLite by default, PostgreSQL when PLANWATCH_DATABASE_URL is set (as tests/web).
- Chromium is /usr/bin/chromium (``make test`` installs it through scripts/system-deps.sh; another
  binary by PLANWATCH_CHROMIUM); Playwright never downloads a browser here. Without it the tests skip
  and say why.
- Screenshots of every step go to PLANWATCH_E2E_SCREENSHOTS (a directory) or to pytest's tmp dir;
  the path is printed in the test's report section.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("PLANWATCH_CHROMIUM", "/usr/bin/chromium"))


@pytest.fixture(autouse=True)
def _fast_hashing(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def _async_unsafe_allowed() -> Iterator[None]:
    """Playwright's sync API keeps an asyncio loop running in this thread (in a greenlet), which makes
    Django refuse ORM calls from the test ("you cannot call this from an async context"). The test's
    own ORM calls are plain synchronous setup and checks, so the guard is lifted for this session."""
    old = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if old is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = old


@pytest.fixture(scope="session")
def browser(_async_unsafe_allowed: None) -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"needs Debian's chromium at {CHROMIUM} (make test installs it: scripts/system-deps.sh)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def server(django_db_setup: None, _async_unsafe_allowed: None) -> Iterator[str]:
    """The app on a free loopback port; its base URL (no trailing slash)."""
    from pytest_django.live_server_helper import LiveServer

    live = LiveServer("127.0.0.1:0")
    yield live.url
    live.stop()


@pytest.fixture
def screenshots(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = os.environ.get("PLANWATCH_E2E_SCREENSHOTS")
    root = Path(base) if base else tmp_path_factory.getbasetemp() / "e2e-screenshots"
    path: Path = root / str(request.node.name)
    path.mkdir(parents=True, exist_ok=True)
    print(f"screenshots: {path}")  # shown with the report of a failing test
    return path
