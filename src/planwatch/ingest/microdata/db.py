"""A small typed wrapper around one in-process DuckDB connection.

DuckDB's Python API is loosely typed; everything planwatch needs from it goes through ``Db`` so the
rest of the package stays ``mypy --strict`` clean. Extensions are never downloaded (autoinstall and
autoload off): parquet, json and icu are built in, and anything else must fail fast, offline.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from planwatch.domain.enums import Severity
from planwatch.domain.problems import Location, Problem

# --memory-limit: a number and a unit DuckDB knows ("3GB", "512MiB", "1.5 GB"); at least MIN_MEMORY.
_MEMORY = re.compile(r"^\s*(?P<n>[0-9]+(?:\.[0-9]+)?)\s*(?P<unit>[KMGT]i?B)\s*$", re.IGNORECASE)
_UNIT_BYTES = {"K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}
MIN_MEMORY = 64 * 2**20
MAX_THREADS = 256


def settings_problems(threads: int | None, memory_limit: str | None) -> list[Problem]:
    """What is wrong with --threads and --memory-limit (before DuckDB sees them and answers in English)."""
    out: list[Problem] = []
    if threads is not None and not 1 <= threads <= MAX_THREADS:
        out.append(Problem("MICRO_THREADS_INVALID", Severity.ERROR, Location(),
                           {"value": threads, "max": MAX_THREADS, "cores": os.cpu_count() or 1}))
    if memory_limit is not None:
        m = _MEMORY.match(memory_limit)
        if m is None or float(m["n"]) * _UNIT_BYTES[m["unit"][0].upper()] < MIN_MEMORY:
            out.append(Problem("MICRO_MEMORY_LIMIT_INVALID", Severity.ERROR, Location(), {"value": memory_limit}))
    return out


def sql_string(text: str | Path) -> str:
    """A SQL string literal."""
    return "'" + str(text).replace("'", "''") + "'"


def sql_ident(name: str) -> str:
    """A quoted SQL identifier (headers may be Chinese or contain spaces)."""
    return '"' + name.replace('"', '""') + '"'


class Db:
    """One DuckDB connection with the settings planwatch uses."""

    def __init__(self, *, threads: int | None = None, memory_limit: str | None = None,
                 temp_directory: str | None = None) -> None:
        config: dict[str, Any] = {
            "autoinstall_known_extensions": False,
            "autoload_known_extensions": False,
            # every result the code reads is ordered explicitly (ORDER BY): tables built need no order
            "preserve_insertion_order": False,
        }
        if threads:
            config["threads"] = threads
        if memory_limit:
            config["memory_limit"] = memory_limit
        if temp_directory:
            config["temp_directory"] = temp_directory
        self._con: Any = duckdb.connect(database=":memory:", config=config)

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> None:
        self._con.execute(sql, list(params) if params is not None else None)

    def rows(self, sql: str, params: Sequence[Any] | None = None) -> list[tuple[Any, ...]]:
        result: list[tuple[Any, ...]] = self._con.execute(
            sql, list(params) if params is not None else None
        ).fetchall()
        return result

    def one(self, sql: str, params: Sequence[Any] | None = None) -> tuple[Any, ...]:
        rows = self.rows(sql, params)
        return rows[0] if rows else ()

    def columns(self, sql: str) -> list[tuple[str, str]]:
        """(name, type) of the columns a query returns, without running it fully."""
        described = self.rows(f"DESCRIBE {sql}")
        return [(str(r[0]), str(r[1])) for r in described]

    def register(self, name: str, obj: Any) -> None:
        """Make a Python object (a pyarrow Table, a pandas frame) queryable by name."""
        self._con.register(name, obj)

    def arrow(self, sql: str) -> Any:
        return self._con.execute(sql).fetch_arrow_table()

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Db:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


DbError = duckdb.Error
