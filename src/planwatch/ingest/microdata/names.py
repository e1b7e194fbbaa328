"""What the text in a file names: months, and the plan's county, park and chain for each row.

Only the *distinct* values are read from DuckDB and resolved here in Python (with the same
``Period.parse`` and ``Plan.find_scope`` the rest of planwatch uses), then handed back to DuckDB as
two small mapping tables, ``month_map`` and ``cell_map``. A *cell* is one combination of
county-level unit, park (or none) and chain (or none); every total is a sum over cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planwatch.domain.enums import ScopeKind, Severity
from planwatch.domain.periods import Period, PeriodError, PeriodKind
from planwatch.domain.problems import Location, Problem
from planwatch.ingest.microdata.columns import BY_KEY
from planwatch.ingest.microdata.db import Db
from planwatch.ingest.microdata.read import InputFile
from planwatch.plan.load import Plan


@dataclass(frozen=True, slots=True)
class Cell:
    id: int
    county: str  # scope id of a county-level unit (county or zone)
    park: str | None  # scope id of a park (or the zone), None outside parks
    chain: str | None  # scope id of an industry or sub-industry, None when not in a chain


def ym_of(period: Period) -> int:
    """Month index used in SQL: year × 12 + month − 1."""
    return period.year * 12 + period.index - 1


def period_of_ym(ym: int) -> Period:
    return Period.month_of(ym // 12, ym % 12 + 1)


def map_months(db: Db, files: list[InputFile]) -> list[Problem]:
    """Create ``month_map(txt, ym)``; a problem for every value that is not a month."""
    problems: list[Problem] = []
    mapping: dict[str, int] = {}
    col = BY_KEY["month"]
    for f in files:
        rows = db.rows(f"SELECT month, count(*), min(_row) FROM {f.view} WHERE month IS NOT NULL GROUP BY month")
        for text, count, first_row in sorted(rows, key=lambda r: int(r[2])):
            value = str(text)
            if value in mapping or value == "":  # empty is MICRO_BLANK (validate)
                continue
            if not value.strip():
                _blank(problems, f, "month", int(first_row), int(count))
                continue
            try:
                period = Period.parse(value)
            except PeriodError:
                period = None
            if period is None or period.kind is not PeriodKind.MONTH:
                where = Location(file=f.label, row=int(first_row), column=f.headers["month"])
                problems.append(Problem("MICRO_MONTH_INVALID", Severity.ERROR, where,
                                        {"column": col.zh, "value": value}))
                _more(problems, int(count) - 1, "MICRO_MONTH_INVALID", f)
                continue
            mapping[value] = ym_of(period)
    db.execute("CREATE OR REPLACE TEMP TABLE month_map (txt VARCHAR, ym INTEGER)")
    if mapping:
        db.execute("INSERT INTO month_map SELECT * FROM (VALUES "
                   + ", ".join("(?, ?)" for _ in mapping) + ")",
                   [v for pair in mapping.items() for v in pair])
    return problems


def _blank(problems: list[Problem], f: InputFile, key: str, row: int, count: int) -> None:
    where = Location(file=f.label, row=row, column=f.headers[key])
    problems.append(Problem("MICRO_BLANK", Severity.ERROR, where, {"column": BY_KEY[key].zh}))
    _more(problems, count - 1, "MICRO_BLANK", f)


def _more(problems: list[Problem], count: int, code: str, f: InputFile) -> None:
    if count > 0:
        problems.append(Problem("MICRO_MORE", Severity.ERROR, Location(file=f.label),
                                {"count": count, "code": code}))


_WHAT = {
    "county": ("县市区", (ScopeKind.COUNTY, ScopeKind.ZONE)),
    "park": ("园区", (ScopeKind.PARK, ScopeKind.ZONE)),
    "chain": ("产业链或细分产业", (ScopeKind.INDUSTRY, ScopeKind.SUBINDUSTRY)),
}


class _Resolver:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.cache: dict[tuple[str, str], tuple[str | None, dict[str, Any] | None, str]] = {}
        # a plan without county-level units (a city of industry clusters): 县市区 names the region
        self.no_counties = not any(s.kind in _WHAT["county"][1] for s in plan.scopes.values())

    def resolve(self, key: str, text: str) -> tuple[str | None, dict[str, Any] | None, str]:
        """(scope id, None, "") or (None, problem params, code)."""
        hit = self.cache.get((key, text))
        if hit is not None:
            return hit
        what, pair = _WHAT[key]
        kinds: tuple[ScopeKind, ...] = pair
        if key == "county" and self.no_counties:
            kinds = (self.plan.scopes[self.plan.meta.region].kind,)  # a plan of clusters: the region itself
        col = BY_KEY[key]
        scope = self.plan.find_scope(text)
        result: tuple[str | None, dict[str, Any] | None, str]
        if scope is None:
            close: list[str] = []
            for name in self.plan.suggest_scopes(text, n=5):
                found = self.plan.find_scope(name)
                if found is not None and found.kind in kinds and found.name not in close:
                    close.append(found.name)
            hint = f"（是否为：{'、'.join(close)}？）" if close else ""
            result = (None, {"column": col.zh, "value": text, "what": what, "hint": hint}, "MICRO_SCOPE_UNKNOWN")
        elif scope.kind not in kinds:
            result = (None, {"column": col.zh, "value": text, "what": what, "actual": scope.kind.label_zh},
                      "MICRO_SCOPE_KIND")
        else:
            result = (scope.id, None, "")
        self.cache[(key, text)] = result
        return result


def map_cells(db: Db, files: list[InputFile], plan: Plan) -> tuple[list[Cell], list[Problem]]:
    """Create ``cell_map(county, park, chain, cell)`` from the distinct combinations in the files."""
    problems: list[Problem] = []
    resolver = _Resolver(plan)
    cells: dict[tuple[str, str | None, str | None], int] = {}
    mapping: list[tuple[str, str, str, int]] = []
    reported: set[tuple[str, str]] = set()
    for f in files:
        rows = db.rows(
            f"SELECT coalesce(county, ''), coalesce(park, ''), coalesce(chain, ''), count(*), min(_row) "
            f"FROM {f.view} WHERE county IS NOT NULL GROUP BY ALL ORDER BY min(_row)"
        )
        for county_text, park_text, chain_text, count, first_row in rows:
            ids: dict[str, str | None] = {}
            ok = True
            if not str(county_text).strip():
                if str(county_text):  # spaces only (empty is MICRO_BLANK of validate)
                    _blank(problems, f, "county", int(first_row), int(count))
                continue
            for key, text in (("county", county_text), ("park", park_text), ("chain", chain_text)):
                if not str(text).strip():
                    ids[key] = None
                    continue
                sid, params, code = resolver.resolve(key, str(text).strip())
                if sid is None:
                    ok = False
                    if (key, str(text).strip()) not in reported and params is not None:
                        reported.add((key, str(text).strip()))
                        where = Location(file=f.label, row=int(first_row), column=f.headers[key])
                        problems.append(Problem(code, Severity.ERROR, where, params))
                ids[key] = sid
            if not ok:
                continue
            county, park = ids["county"], ids["park"]
            assert county is not None
            if park is None and plan.scopes[county].kind is ScopeKind.ZONE:
                park = county  # 湘西高新区 is itself a park (表2): its enterprises are all in a park
            if park is not None:
                expected = plan.scopes[park].parent if plan.scopes[park].kind is ScopeKind.PARK else park
                if expected != county and (county, park) not in reported:
                    reported.add((county, park))
                    where = Location(file=f.label, row=int(first_row), column=f.headers["park"])
                    problems.append(Problem("MICRO_PARK_COUNTY", Severity.ERROR, where, {
                        "park": plan.scopes[park].name,
                        "expected": plan.scopes[expected].name if expected in plan.scopes else "?",
                        "county": str(county_text),
                    }))
                    _more(problems, int(count) - 1, "MICRO_PARK_COUNTY", f)
                    continue
            triple = (county, park, ids["chain"])
            cell = cells.setdefault(triple, len(cells))
            mapping.append((str(county_text), str(park_text), str(chain_text), cell))
    db.execute("CREATE OR REPLACE TEMP TABLE cell_map (county VARCHAR, park VARCHAR, chain VARCHAR, cell INTEGER, "
               "h UBIGINT)")
    unique = sorted(set(mapping))
    if unique:
        db.execute("INSERT INTO cell_map SELECT v.*, hash(v.col0, v.col1, v.col2) FROM (VALUES "
                   + ", ".join("(?, ?, ?, ?)" for _ in unique) + ") v",
                   [v for row in unique for v in row])
    # the records join on the hash of the three names: it must tell every triple apart
    assert db.one("SELECT count(DISTINCT h) = count(*) FROM cell_map")[0] in (True, None)
    out = [Cell(i, c, p, ch) for (c, p, ch), i in cells.items()]
    return sorted(out, key=lambda c: c.id), problems
