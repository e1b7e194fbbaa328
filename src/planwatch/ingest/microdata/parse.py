"""SQL expressions that parse one raw column of one file (numbers, flags), and spot what will not parse.

Each function takes the file (which knows whether a column is text or typed) and a canonical key
and returns a SQL expression over that file's ``src_<i>`` view. Text numbers may carry thousands
separators, full-width digits or a trailing % (增加值率).
"""

from __future__ import annotations

from planwatch.ingest.microdata.columns import FALSE_WORDS, TRUE_WORDS
from planwatch.ingest.microdata.db import sql_string
from planwatch.ingest.microdata.read import InputFile

_FULLWIDTH_FROM = "０１２３４５６７８９．－＋，％"
_FULLWIDTH_TO = "0123456789.-+,%"


def _words(words: frozenset[str]) -> str:
    return ", ".join(sql_string(w) for w in sorted(words))


def number(f: InputFile, key: str) -> str:
    """The value as DOUBLE (NULL when blank or not a number)."""
    if not f.has(key):
        return "CAST(NULL AS DOUBLE)"
    if f.is_text(key):
        cleaned = (f"replace(replace(translate({key}, {sql_string(_FULLWIDTH_FROM)}, "
                   f"{sql_string(_FULLWIDTH_TO)}), ',', ''), '%', '')")
        return f"TRY_CAST({cleaned} AS DOUBLE)"
    return f"CAST({key} AS DOUBLE)"


def bad_number(f: InputFile, key: str) -> str:
    """True where something is written that is not a number."""
    if not f.has(key) or not f.is_text(key):
        return "false"
    return f"({key} IS NOT NULL AND {number(f, key)} IS NULL)"


def flag(f: InputFile, key: str) -> str:
    """The flag as BOOLEAN; blank is false."""
    if not f.has(key):
        return "false"
    dtype = f.types[key].upper()
    if dtype == "BOOLEAN":
        return f"coalesce({key}, false)"
    if f.is_numeric(key):
        return f"coalesce({key} <> 0, false)"
    return f"coalesce(lower(trim({key})) IN ({_words(TRUE_WORDS)}), false)"


def bad_flag(f: InputFile, key: str) -> str:
    """True where a flag is written that is neither yes nor no."""
    if not f.has(key):
        return "false"
    dtype = f.types[key].upper()
    if dtype == "BOOLEAN":
        return "false"
    if f.is_numeric(key):
        return f"({key} IS NOT NULL AND {key} NOT IN (0, 1))"
    return f"({key} IS NOT NULL AND lower(trim({key})) NOT IN ({_words(TRUE_WORDS | FALSE_WORDS)}))"


def value_added(f: InputFile) -> str:
    """工业增加值 as given, else gross output × 增加值率 / 100 (单缩法: current-price VA from the rate)."""
    va = number(f, "value_added")
    rate = number(f, "va_rate")
    out = number(f, "output")
    if f.has("value_added") and f.has("va_rate"):
        return f"coalesce({va}, {out} * {rate} / 100.0)"
    if f.has("value_added"):
        return va
    return f"{out} * {rate} / 100.0"
