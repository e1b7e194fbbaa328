"""Django's security defaults are on, plus a Content-Security-Policy; settings come from the environment."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from planwatch_web.database import DatabaseUrlError, database_config, parse_database_url

from .conftest import PASSWORD


def test_postgres_url_is_parsed() -> None:
    config = parse_database_url("postgresql://postgres@127.0.0.1:5432/test")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["NAME"], config["USER"], config["PASSWORD"], config["HOST"], config["PORT"]) == (
        "test",
        "postgres",
        "",
        "127.0.0.1",
        "5432",
    )
    config = parse_database_url("postgres://pw%40user:s%3Acret@db.example:6543/plan?sslmode=require")
    assert (config["USER"], config["PASSWORD"], config["OPTIONS"]) == (
        "pw@user",
        "s:cret",
        {"sslmode": "require"},
    )
    with pytest.raises(DatabaseUrlError):
        parse_database_url("mysql://x@y/z")
    with pytest.raises(DatabaseUrlError):
        parse_database_url("postgresql://x@y:5432/")


def test_sqlite_by_default_outside_the_source_tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = database_config({})
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "var" / "planwatch.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    config = database_config({"PLANWATCH_DB_PATH": str(tmp_path / "x.db")})
    assert config["NAME"] == str(tmp_path / "x.db")
    both = database_config(
        {"DATABASE_URL": "postgresql://a@b/c", "PLANWATCH_DATABASE_URL": "postgresql://p@q/r"}
    )
    assert both["NAME"] == "r"  # PLANWATCH_DATABASE_URL wins


def test_security_settings() -> None:
    assert not settings.DEBUG
    assert settings.SESSION_COOKIE_HTTPONLY and settings.CSRF_COOKIE_HTTPONLY
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"
    assert settings.X_FRAME_OPTIONS == "DENY"
    assert settings.SECURE_CONTENT_TYPE_NOSNIFF
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE
    assert "django.middleware.clickjacking.XFrameOptionsMiddleware" in settings.MIDDLEWARE
    assert len(settings.SECRET_KEY) >= 50


@pytest.mark.django_db
def test_response_headers(client: Client) -> None:
    response = client.get(reverse("accounts:login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_csrf_is_enforced(users: dict[str, object]) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:login"), {"username": "jishou", "password": PASSWORD})
    assert response.status_code == 403
    assert "请求已过期" in response.content.decode()


@pytest.mark.django_db
def test_passwords_are_hashed(users: dict[str, object]) -> None:
    from planwatch_web.accounts.models import User

    stored = User.objects.get(username="jishou").password
    assert PASSWORD not in stored and "$" in stored


def test_static_css_is_served_without_a_cdn(client: Client) -> None:
    response = client.get("/static/planwatch_web/site.css")
    assert response.status_code == 200
    css = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    assert b"http" not in css


@pytest.mark.django_db
def test_migrations_match_the_models() -> None:
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command(
        "makemigrations", "--check", "--dry-run", stdout=out
    )  # exits non-zero when a migration is missing
    assert "No changes detected" in out.getvalue()
