"""Tiny enterprise × month files for the microdata tests (written into tmp_path, never the repository)."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation
from planwatch.domain.periods import Period

Row = dict[str, Any]


def months(first: str, last: str) -> list[str]:
    a, b = Period.parse(first), Period.parse(last)
    out = []
    y, m = a.year, a.index
    while (y, m) <= (b.year, b.index):
        out.append(f"{y}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def enterprise(eid: str, county: str, first: str, last: str, *, park: str = "", chain: str = "",
               by_year: Mapping[int, Mapping[str, Any]] | None = None, **monthly: Any) -> list[Row]:
    """One row per month from ``first`` to ``last``; ``by_year`` overrides values per year."""
    rows = []
    for month in months(first, last):
        row: Row = {"统一社会信用代码": eid, "企业名称": f"企业{eid}", "县市区": county, "园区": park,
                    "产业链": chain, "月份": month, **monthly}
        if by_year and int(month[:4]) in by_year:
            row.update(by_year[int(month[:4])])
        rows.append(row)
    return rows


def write_csv(path: Path, rows: Iterable[Row], encoding: str = "utf-8") -> Path:
    rows = list(rows)
    headers: list[str] = []
    for r in rows:
        for k in r:
            if k not in headers:
                headers.append(k)
    with path.open("w", newline="", encoding=encoding) as fh:
        writer = csv.DictWriter(fh, fieldnames=headers)
        writer.writeheader()
        for r in rows:
            writer.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in headers})
    return path


def find(obs: Iterable[Observation], indicator: str, scope: str, period: str,
         measure: Measure = Measure.LEVEL) -> Observation | None:
    p = Period.parse(period)
    for o in obs:
        if o.indicator == indicator and o.scope == scope and o.period == p and o.measure is measure:
            return o
    return None


def value(obs: Iterable[Observation], indicator: str, scope: str, period: str,
          measure: Measure = Measure.LEVEL) -> float:
    o = find(obs, indicator, scope, period, measure)
    assert o is not None, f"no {indicator}/{scope}/{period}/{measure.value}"
    return o.value
