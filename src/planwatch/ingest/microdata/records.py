"""The ``records`` view: every valid row of every file, parsed, with its month index and cell.

One row per enterprise and month with the canonical columns as numbers and booleans:

    eid, ym, year, month, cell,
    output, va, revenue, tax, rd, energy, nps, profit      (万元; energy in 吨标准煤)
    defl                                                   (deflator ÷ 100; 1 when none is given)
    hitech, sei, mfg, mining, private, tobacco, cloud, platform   (BOOLEAN)

Text months and scope names reach their ids through the small ``month_map`` and ``cell_map``
tables (planwatch.ingest.microdata.names).
"""

from __future__ import annotations

from planwatch.ingest.microdata import parse
from planwatch.ingest.microdata.db import Db
from planwatch.ingest.microdata.read import InputFile

# canonical key → name in the records view
NUMBER_COLUMNS = {
    "output": "output",
    "revenue": "revenue",
    "tax": "tax",
    "rd": "rd",
    "energy": "energy",
    "new_product_sales": "nps",
    "profit": "profit",
}
FLAG_COLUMNS = {
    "hitech": "hitech",
    "sei": "sei",
    "manufacturing": "mfg",
    "mining": "mining",
    "private": "private",
    "tobacco": "tobacco",
    "cloud": "cloud",
    "platform": "platform",
}


_NAMES = "coalesce(r.county, ''), coalesce(r.park, ''), coalesce(r.chain, '')"


def _file_select(f: InputFile, *, by_name: bool = False) -> str:
    cols = [
        "r._file AS _file",
        "r._row AS _row",
        "r.enterprise_id AS eid",
        "mm.ym AS ym",
        f"{parse.value_added(f)} AS va",
    ]
    # the cell through a 64-bit hash of the three names (cell_map holds every triple of the data and
    # names.map_cells checks its hashes are distinct), cheaper to join on than three texts
    cols.append(f"hash({_NAMES}) AS cell_hash" if by_name else "cm.cell AS cell")
    cols += [f"{parse.number(f, key)} AS {name}" for key, name in NUMBER_COLUMNS.items()]
    if f.has("deflator"):
        cols.append(f"{parse.number(f, 'deflator')} / 100.0 AS defl")
    else:
        cols.append("1.0 AS defl")
    cols += [f"{parse.flag(f, key)} AS {name}" for key, name in FLAG_COLUMNS.items()]
    joins = f"FROM {f.view} r JOIN month_map mm ON mm.txt = r.month "
    if not by_name:
        joins += f"JOIN cell_map cm ON cm.h = hash({_NAMES})"
    return f"SELECT {', '.join(cols)} {joins}"


def create_records(db: Db, files: list[InputFile]) -> None:
    """``records`` (with each row's cell) and ``records_by_name`` (the names' hash instead: pass 1
    needs the cell only once per enterprise-year, so it maps the hash after grouping)."""
    for view, by_name in (("records", False), ("records_by_name", True)):
        union = " UNION ALL ".join(_file_select(f, by_name=by_name) for f in files if f.usable)
        db.execute(
            f"CREATE OR REPLACE TEMP VIEW {view} AS "
            f"SELECT *, ym // 12 AS year, ym % 12 + 1 AS month FROM ({union})"
        )


def present_columns(files: list[InputFile]) -> set[str]:
    """Canonical keys that at least one usable file gives (what the indicators can be made from)."""
    keys: set[str] = set()
    for f in files:
        if f.usable:
            keys |= set(f.headers)
    return keys
