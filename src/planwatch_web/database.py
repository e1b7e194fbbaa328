"""Which database the web platform uses, from the environment (no third-party URL parser needed).

- ``PLANWATCH_DATABASE_URL`` (or ``DATABASE_URL``) = ``postgresql://user[:password]@host[:port]/name``
  selects PostgreSQL (production, and the second run of the web tests).
- Otherwise SQLite, in the file ``PLANWATCH_DB_PATH`` or ``var/planwatch.sqlite3`` under the current
  directory (never inside the source tree).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

POSTGRES_SCHEMES = ("postgres", "postgresql", "pgsql", "postgresql+psycopg")


class DatabaseUrlError(ValueError):
    """A database URL planwatch cannot use."""


def database_url(environ: Mapping[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    return env.get("PLANWATCH_DATABASE_URL") or env.get("DATABASE_URL") or ""


def sqlite_path(environ: Mapping[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    explicit = env.get("PLANWATCH_DB_PATH")
    if explicit:
        return Path(explicit).expanduser().resolve()
    return (Path.cwd() / "var" / "planwatch.sqlite3").resolve()


def parse_database_url(url: str) -> dict[str, Any]:
    """Django's DATABASES['default'] for a postgresql:// URL."""
    parts = urlsplit(url)
    if parts.scheme not in POSTGRES_SCHEMES:
        raise DatabaseUrlError(f"unsupported database URL scheme {parts.scheme!r}: use postgresql://")
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise DatabaseUrlError("the database URL names no database (postgresql://user@host:port/NAME)")
    options = {k: v[-1] for k, v in parse_qs(parts.query).items()}
    config: dict[str, Any] = {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": int(options.pop("conn_max_age", "60")),
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": options,
    }
    return config


def database_config(environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    env = os.environ if environ is None else environ
    url = database_url(env)
    if url:
        config = parse_database_url(url)
    else:
        config = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(sqlite_path(env)),
            # IMMEDIATE: every transaction takes the write lock at BEGIN, so concurrent writers queue
            # instead of failing with "database is locked" half-way; WAL lets readers run meanwhile.
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL;",
            },
        }
    test_name = env.get("PLANWATCH_TEST_DB_NAME")
    if test_name:
        config["TEST"] = {"NAME": test_name}
    return config


def is_postgres(config: dict[str, Any]) -> bool:
    return str(config.get("ENGINE", "")).endswith("postgresql")
