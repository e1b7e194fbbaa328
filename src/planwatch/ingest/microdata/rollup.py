"""Stage 3: from the cell sums ``f`` to every scope, indicator and month, with year-to-date values.

Each flow indicator picks its base from ``f`` (defs), keeps the scale set or not, and is summed over
the cells of each scope (cell_scope). Five *sides* are summed:

    level  all records of the month                          → 当月 and, cumulated, 累计
    cm     this month's matched enterprises, this year       → 当月同比 numerator
    pm     the same enterprises' values a year earlier       → 当月同比 denominator
    cy     year-to-date matched enterprises, this year       → 累计同比 numerator (cumulated over ``ec``)
    py     the same enterprises' year-to-date a year earlier → 累计同比 denominator (cumulated over ``ep``)

``agg`` has one row per scope × indicator × month of the data, with the cumulative sums; ``yearly``
has the year-end counts of enterprises per scope and year (from ``ey2``).
"""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.ingest.microdata.db import Db
from planwatch.ingest.microdata.enterprise_year import DataSpan
from planwatch.ingest.microdata.indicators import COUNT_ALL, COUNT_SCALE, Flow

_KEYS = ("cell", "year", "month", "mc", "mp", "ec", "ep", "sc", "sn")

CELL_SIDES_SQL = """
CREATE OR REPLACE TEMP TABLE cell_sides AS
SELECT cell, year, month, 'level' AS side, sc AS s, {sums} FROM f GROUP BY cell, year, month, sc
UNION ALL
SELECT cell, year, month, 'cm', sc, {sums} FROM f WHERE mc GROUP BY cell, year, month, sc
UNION ALL
SELECT cell, year + 1, month, 'pm', sn, {sums} FROM f WHERE mp GROUP BY cell, year, month, sn
UNION ALL
SELECT cell, year, ec, 'cy', sc, {sums} FROM f WHERE ec IS NOT NULL GROUP BY cell, year, ec, sc
UNION ALL
SELECT cell, year + 1, ep, 'py', sn, {sums} FROM f WHERE ep IS NOT NULL GROUP BY cell, year, ep, sn
"""

SIDES_SQL = """
CREATE OR REPLACE TEMP TABLE sides AS
WITH scope_sides AS (
    SELECT cs.scope, cs.in_park, c.year, c.month, c.side, c.s, {sums}
    FROM cell_sides c JOIN cell_scope cs ON cs.cell = c.cell
    GROUP BY ALL
), long AS (
    UNPIVOT scope_sides ON {bases} INTO NAME base VALUE v
)
SELECT l.scope, d.indicator, l.year, l.month, l.side, sum(l.v) AS v
FROM long l JOIN defs d ON d.base = l.base AND d.side = l.side
WHERE (NOT d.scale OR l.s) AND (NOT d.park_only OR l.in_park)
GROUP BY ALL
"""

AGG_SQL = """
CREATE OR REPLACE TEMP TABLE agg AS
WITH keys AS (
    SELECT DISTINCT scope, indicator, year FROM sides
), grid AS (
    SELECT k.scope, k.indicator, k.year, m.range AS month
    FROM keys k, range(1, 13) m
    WHERE k.year * 12 + m.range - 1 BETWEEN {first_ym} AND {last_ym}
), wide AS (
    SELECT g.scope, g.indicator, g.year, g.month,
           sum(s.v) FILTER (WHERE s.side = 'level') AS level,
           sum(s.v) FILTER (WHERE s.side = 'cm')    AS cm,
           sum(s.v) FILTER (WHERE s.side = 'pm')    AS pm,
           sum(s.v) FILTER (WHERE s.side = 'cy')    AS cy,
           sum(s.v) FILTER (WHERE s.side = 'py')    AS py
    FROM grid g LEFT JOIN sides s
      ON s.scope = g.scope AND s.indicator = g.indicator AND s.year = g.year AND s.month = g.month
    GROUP BY ALL
)
SELECT scope, indicator, year, month, level,
       sum(coalesce(level, 0)) OVER w AS ytd,
       count(level) OVER w            AS months_with_data,
       cm, pm,
       sum(coalesce(cy, 0)) OVER w    AS cy,
       sum(coalesce(py, 0)) OVER w    AS py
FROM wide
WINDOW w AS (PARTITION BY scope, indicator, year ORDER BY month
             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
"""

YEARLY_SQL = """
SELECT scope, year,
       sum(scale_n), sum(hitech_n), sum(entered), sum(exited){thresholds}
FROM (
    SELECT cs.scope, e.year,
           count(*) FILTER (WHERE e.scale_cur)                     AS scale_n,
           count(*) FILTER (WHERE e.hitech_end)                    AS hitech_n,
           count(*) FILTER (WHERE e.scale_cur AND NOT e.scale_prev) AS entered,
           0 AS exited
           {threshold_counts}
    FROM ey2 e JOIN cell_scope cs ON cs.cell = e.cell_end
    GROUP BY ALL
    UNION ALL
    SELECT cs.scope, e.year + 1, 0, 0, 0,
           count(*) FILTER (WHERE e.scale_cur AND NOT e.scale_next)
           {zeros}
    FROM ey2 e JOIN cell_scope cs ON cs.cell = e.cell_end
    GROUP BY ALL
)
GROUP BY ALL
"""


@dataclass(frozen=True, slots=True)
class AggRow:
    scope: str
    indicator: str
    year: int
    month: int
    level: float | None  # the month's own value (None: no record of the scope that month)
    ytd: float  # January through this month
    months_with_data: int  # months of this year so far with a record
    cm: float | None
    pm: float | None
    cy: float  # year-to-date matched, this year
    py: float  # year-to-date matched, a year earlier


@dataclass(frozen=True, slots=True)
class YearRow:
    scope: str
    year: int
    scale_n: int
    hitech_n: int
    entered: int
    exited: int
    over: tuple[int, ...]  # enterprises at or above each threshold, in the order given


def build(db: Db, flows: list[Flow], deflated: bool, cell_scope: list[tuple[int, str, bool]],
          span: DataSpan, bases: list[str], thresholds: list[float]) -> tuple[list[AggRow], list[YearRow]]:
    """``thresholds``: 万元 of a year's gross output; ``YearRow.over`` counts the enterprises at or above each."""
    db.execute("CREATE OR REPLACE TEMP TABLE cell_scope (cell INTEGER, scope VARCHAR, in_park BOOLEAN)")
    if cell_scope:
        db.execute("INSERT INTO cell_scope SELECT * FROM (VALUES "
                   + ", ".join("(?, ?, ?)" for _ in cell_scope) + ")",
                   [v for row in cell_scope for v in row])
    # one row per indicator and side: the base its levels, monthly growth and ytd growth sum
    db.execute("CREATE OR REPLACE TEMP TABLE defs (indicator VARCHAR, side VARCHAR, base VARCHAR, "
               "scale BOOLEAN, park_only BOOLEAN)")
    defs: list[tuple[str, str, str, bool, bool]] = []
    for fl in flows:
        growth_base = fl.growth_base(deflated)
        # matched-enterprise counts: a year-to-date set is counted once, at its first month
        ytd_base = "n_first" if fl in (COUNT_ALL, COUNT_SCALE) else growth_base
        for side, base in (("level", fl.base), ("cm", growth_base), ("pm", growth_base),
                           ("cy", ytd_base), ("py", ytd_base)):
            defs.append((fl.indicator, side, base, fl.scale, fl.park_only))
    db.execute("INSERT INTO defs SELECT * FROM (VALUES " + ", ".join("(?, ?, ?, ?, ?)" for _ in defs) + ")",
               [v for row in defs for v in row])
    sums = ", ".join(f"sum({b}) AS {b}" for b in bases)
    db.execute(CELL_SIDES_SQL.format(sums=sums))
    db.execute(SIDES_SQL.format(sums=sums, bases=", ".join(bases)))
    db.execute(AGG_SQL.format(first_ym=span.first_ym, last_ym=span.last_ym))
    agg = [
        AggRow(str(r[0]), str(r[1]), int(r[2]), int(r[3]), _f(r[4]), float(r[5] or 0), int(r[6]),
               _f(r[7]), _f(r[8]), float(r[9] or 0), float(r[10] or 0))
        for r in db.rows("SELECT scope, indicator, year, month, level, ytd, months_with_data, cm, pm, cy, py "
                         "FROM agg ORDER BY ALL")
    ]
    names = [f"t{i}" for i in range(len(thresholds))]
    sql = YEARLY_SQL.format(
        thresholds="".join(f", sum({n})" for n in names),
        threshold_counts="".join(f", count(*) FILTER (WHERE e.output >= {float(t)!r}) AS {n}"
                                 for n, t in zip(names, thresholds, strict=True)),
        zeros="".join(f", 0 AS {n}" for n in names),
    )
    yearly = [
        YearRow(str(r[0]), int(r[1]), int(r[2]), int(r[3]), int(r[4]), int(r[5]),
                tuple(int(v) for v in r[6:]))
        for r in db.rows(sql + " ORDER BY ALL")
        if int(r[1]) <= span.last_year
    ]
    return agg, yearly


def _f(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]
