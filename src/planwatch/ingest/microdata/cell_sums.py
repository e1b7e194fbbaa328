"""Pass 2: the records summed by cell and month, keyed by what same-scope (同口径) growth needs.

Every record is joined to its enterprise-year row (``ey2``) and summed into ``f`` by

    cell, year, month                     where and when
    mc   present in the same month last year      (this month's matched set)
    mp   present in the same month next year      (next year's matched set, as its base)
    ec   first month M for which it is in this year's year-to-date matched set
         = greatest(month, first month reported last year); NULL if it did not report last year
    ep   the same for next year's year-to-date matched set, as its base
    sc   in this year's scale set;  sn  in next year's scale set

so that every level, year-to-date value and growth of every scope is a sum over rows of ``f``
(planwatch.ingest.microdata.rollup). ``f`` is small: its size grows with cells × months, not with
the number of enterprises.

Money stays in 万元 and energy in 吨 here; ``_c`` columns are at comparable prices (÷ deflator).
"""

from __future__ import annotations

from planwatch.ingest.microdata.db import Db
from planwatch.ingest.microdata.mapping import base_sql

# The two counts every growth note needs; the other aggregates are made from the plan's microdata
# file (planwatch.ingest.microdata.mapping.base_sql: a sum or count of the records, optionally
# ÷ deflator, optionally over one flag).
COUNTS: dict[str, str] = {
    "n": "count(*)",
    "n_first": "count(*) FILTER (WHERE r.month = e.fm)",
}

# The nine keys are packed into one BIGINT for the big GROUP BY (one integer hashes and compares far
# faster than nine columns), and unpacked once the table is small. The parts that are the same for a
# whole enterprise-year (sc, sn, year) come precomputed from ``ey3.kbase``; ec/ep are 0 when the
# enterprise did not report in the other year (``hp``/``hn`` = 0). Bits, low to high:
#   month 4 | ec 4 (0 = none) | ep 4 (0 = none) | mc 1 | mp 1 | sc 2 (0 = NULL, 1 = no, 2 = yes)
#   | sn 2 | year − first year 8 | cell (the rest)
PACKED_KEY_SQL = """
    e.kbase + r.month + (CAST(r.cell AS BIGINT) << 26)
    + ((greatest(r.month, e.pfm) * e.hp) << 4)
    + ((greatest(r.month, e.nfm) * e.hn) << 8)
    + (((e.pbits >> (r.month - 1)) & 1) << 12)
    + (((e.nbits >> (r.month - 1)) & 1) << 13)
"""

UNPACK_SQL = """
    CAST(k >> 26 AS INTEGER)                                   AS cell,
    CAST(((k >> 18) & 255) + {first_year} AS INTEGER)          AS year,
    CAST(k & 15 AS INTEGER)                                    AS month,
    (k >> 12) & 1 = 1                                          AS mc,
    (k >> 13) & 1 = 1                                          AS mp,
    CAST(nullif((k >> 4) & 15, 0) AS INTEGER)                  AS ec,
    CAST(nullif((k >> 8) & 15, 0) AS INTEGER)                  AS ep,
    CASE (k >> 14) & 3 WHEN 0 THEN NULL ELSE (k >> 14) & 3 = 2 END AS sc,
    CASE (k >> 16) & 3 WHEN 0 THEN NULL ELSE (k >> 16) & 3 = 2 END AS sn
"""


def bases_for(needed: set[str]) -> dict[str, str]:
    """The aggregates to compute: those the indicators use, and the counts every growth note needs."""
    out = dict(COUNTS)
    for name in sorted(needed - set(COUNTS)):
        out[name] = base_sql(name)
    return out


def build(db: Db, first_year: int, key: str, bases: dict[str, str]) -> None:
    sums = ",\n    ".join(f"{sql} AS {name}" for name, sql in bases.items())
    db.execute(
        "CREATE OR REPLACE TEMP TABLE f_packed AS\n"
        f"SELECT {PACKED_KEY_SQL} AS k,\n    {sums}\n"
        f"FROM records r JOIN ey3 e ON e.ek = {key.replace('eid', 'r.eid')} AND e.year = r.year\n"
        "GROUP BY k"
    )
    db.execute(
        f"CREATE OR REPLACE TEMP TABLE f AS SELECT {UNPACK_SQL.format(first_year=first_year)}, "
        f"{', '.join(bases)} FROM f_packed"
    )
