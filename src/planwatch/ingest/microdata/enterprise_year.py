"""Pass 1: one row per enterprise and year, and who is 规模以上 (above designated size) in which year.

``ey`` holds, per enterprise and year: the months it reported (a 12-bit mask), its first month,
its annual revenue and output, and its cell and 高新技术 flag in its last month of the year.

``ey2`` adds, from the enterprise's neighbouring years:

- ``scale_cur``  — in the scale set of this year (NBS 规模以上, docs/microdata.md §规上): its revenue in
  the previous calendar year reached the threshold (2000万元), annualised from its first month when
  it started production that year; NULL when the previous year is not in the data.
- ``scale_next`` — in the scale set of next year (this year's revenue reached the threshold) and it
  reports next year; ``scale_prev`` — in last year's scale set.
- ``prev_bits``/``prev_fm`` and ``next_bits``/``next_fm`` — months reported and first month in the
  previous and next year (NULL when it did not report then): the same-scope (同口径) matching.
- ``cloud_new_ym``/``platform_new_ym`` — the month it first went on the cloud / on a platform, when
  that is a change seen in the data (not already so in its first month of the data).
"""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.ingest.microdata.db import Db

DEFAULT_THRESHOLD = 2000.0  # 万元 of annual 营业收入 (NBS, since 2011)

# ``ek`` is the enterprise key: a 64-bit hash of the id, which groups and joins far faster than the
# 18-character text. ``eid_min``/``eid_max`` (a second hash of the id, of the id with a character
# appended: independent of the first, and far cheaper to compare per group than the text) prove no two
# ids share a hash (else build() falls back to the text itself); two ids sharing both hashes is a
# chance of about 1 in 10^19 per pair that already share the first.
EY_SQL = """
CREATE OR REPLACE TEMP TABLE ey AS
WITH g AS (
SELECT {key} AS ek, year,
       min({check}) AS eid_min, max({check}) AS eid_max,
       bit_or(CAST(1 AS INTEGER) << (month - 1)) AS bits,
       min(month)                                  AS fm,
       count(*)                                    AS n,
       sum(revenue)                                AS revenue,
       sum(output)                                 AS output,
       arg_max(cell_hash, month)                   AS cell_hash_end,
       arg_max(hitech, month)                      AS hitech_end,
       min(ym) FILTER (WHERE cloud)                AS cloud_ym,
       min(ym) FILTER (WHERE platform)             AS platform_ym,
       min(ym)                                     AS first_ym
FROM records_by_name
GROUP BY ek, year
)
SELECT g.*, cm.cell AS cell_end FROM g JOIN cell_map cm ON cm.h = g.cell_hash_end
"""

EY2_SQL = """
CREATE OR REPLACE TEMP TABLE ey2 AS
WITH q AS (
    SELECT *,
           -- annualised revenue: a year it started in counts from its first month to December
           coalesce(revenue, 0) * 12.0 / CASE
               WHEN min(year) OVER (PARTITION BY ek) = year
                    AND NOT (year = {first_year} AND fm = {first_month}) THEN 13 - fm
               ELSE 12 END >= {threshold}                                AS qualifies,
           lag(year)  OVER w = year - 1                                   AS has_prev,
           lead(year) OVER w = year + 1                                   AS has_next,
           lag(year, 2) OVER w = year - 2                                 AS has_prev2,
           lag(bits) OVER w  AS l_bits,  lag(fm) OVER w  AS l_fm,
           lead(bits) OVER w AS n_bits,  lead(fm) OVER w AS n_fm,
           lag(year) OVER w  AS l_year
    FROM ey
    WINDOW w AS (PARTITION BY ek ORDER BY year)
), r AS (
    SELECT *,
           lag(qualifies) OVER w  AS l_qualifies,
           lag(qualifies, 2) OVER w AS l2_qualifies,
           min(first_ym)    OVER (PARTITION BY ek) AS e_first_ym,
           min(cloud_ym)    OVER (PARTITION BY ek) AS e_cloud_ym,
           min(platform_ym) OVER (PARTITION BY ek) AS e_platform_ym
    FROM q
    WINDOW w AS (PARTITION BY ek ORDER BY year)
)
SELECT ek, year, bits, fm, n, revenue, output, cell_end, hitech_end,
       CASE WHEN year > {scale_from} THEN coalesce(has_prev AND l_qualifies, false) END        AS scale_cur,
       CASE WHEN year >= {scale_from} THEN coalesce(has_next AND qualifies, false) END         AS scale_next,
       CASE WHEN year > {scale_from} + 1
            THEN coalesce(has_prev AND has_prev2 AND l2_qualifies, false) END                  AS scale_prev,
       CASE WHEN has_prev THEN l_bits END AS prev_bits,
       CASE WHEN has_prev THEN l_fm END   AS prev_fm,
       CASE WHEN has_next THEN n_bits END AS next_bits,
       CASE WHEN has_next THEN n_fm END   AS next_fm,
       CASE WHEN e_cloud_ym > e_first_ym OR (e_cloud_ym IS NOT NULL AND e_first_ym > {first_ym})
            THEN e_cloud_ym END AS cloud_new_ym,
       CASE WHEN e_platform_ym > e_first_ym OR (e_platform_ym IS NOT NULL AND e_first_ym > {first_ym})
            THEN e_platform_ym END AS platform_new_ym
FROM r
"""

# The parts of pass 2's packed key (planwatch.ingest.microdata.cell_sums) that are the same for every
# month of an enterprise-year, worked out once here rather than once per record.
KEY_PARTS_SQL = """
CREATE OR REPLACE TEMP TABLE ey3 AS
SELECT ek, year, fm, cloud_new_ym, platform_new_ym,
       (CAST(coalesce(scale_cur::INTEGER + 1, 0) AS BIGINT) << 14)
       + (CAST(coalesce(scale_next::INTEGER + 1, 0) AS BIGINT) << 16)
       + (CAST(year - {first_year} AS BIGINT) << 18)          AS kbase,
       coalesce(prev_bits, 0) AS pbits, coalesce(next_bits, 0) AS nbits,
       coalesce(prev_fm, 0) AS pfm, coalesce(next_fm, 0) AS nfm,
       CAST(prev_fm IS NOT NULL AS INTEGER) AS hp, CAST(next_fm IS NOT NULL AS INTEGER) AS hn
FROM ey2
"""


@dataclass(frozen=True)
class DataSpan:
    """The months the data cover, as month indices (year × 12 + month − 1)."""

    first_ym: int
    last_ym: int

    @property
    def first_year(self) -> int:
        return self.first_ym // 12

    @property
    def last_year(self) -> int:
        return self.last_ym // 12

    @property
    def first_full_year(self) -> int:
        """The first year whose January is in the data (its revenue decides the next year's scale set)."""
        return self.first_year if self.first_ym % 12 == 0 else self.first_year + 1

    def year_complete(self, year: int) -> bool:
        return self.first_ym <= year * 12 and self.last_ym >= year * 12 + 11

    def last_month_of(self, year: int) -> int:
        return 12 if year < self.last_year else self.last_ym % 12 + 1


CHECK_KEY = "hash(eid || '#')"  # a second hash, to find two ids sharing the first
ENTERPRISE_KEY = "hash(eid)"  # the records view's eid → ek; "eid" itself when two ids collide


def build(db: Db, threshold: float = DEFAULT_THRESHOLD) -> tuple[DataSpan, str]:
    """Create ``ey`` and ``ey2``; return the months the data cover and the enterprise key used."""
    key = ENTERPRISE_KEY
    db.execute(EY_SQL.format(key=key, check=CHECK_KEY))
    if db.one("SELECT count(*) FILTER (WHERE eid_min <> eid_max) FROM ey")[0]:
        key = "eid"  # a hash collision (about 1 in 10^8 for 500,000 ids): group by the text instead
        db.execute(EY_SQL.format(key=key, check="0"))
    # the last month is the highest bit of the last year's month mask
    first_ym, last_ym = db.one(
        "SELECT min(first_ym), max(year * 12 + CAST(floor(log2(bits)) AS INTEGER)) FROM ey"
    )[:2]
    span = DataSpan(int(first_ym), int(last_ym))
    db.execute(EY2_SQL.format(
        threshold=float(threshold),
        first_year=span.first_year,
        first_month=span.first_ym % 12 + 1,
        first_ym=span.first_ym,
        scale_from=span.first_full_year,
    ))
    db.execute(KEY_PARTS_SQL.format(first_year=span.first_year))
    return span, key


def duplicate_rows(db: Db) -> int:
    """Rows beyond one per enterprise and month (0 when every enterprise-month is unique)."""
    return int(db.one("SELECT coalesce(sum(n - bit_count(bits)), 0) FROM ey")[0])
