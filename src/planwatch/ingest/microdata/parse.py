"""SQL expressions that parse one raw column of one file (numbers, flags), and spot what will not parse.

Each function takes the file (which knows whether a column is text or typed) and a canonical key
and returns a SQL expression over that file's ``src_<i>`` view. Text numbers may carry thousands
separators, full-width digits or a trailing % (增加值率).
"""

from __future__ import annotations

from planwatch.ingest.microdata.columns import BY_KEY, FALSE_WORDS, TRUE_WORDS
from planwatch.ingest.microdata.db import sql_string
from planwatch.ingest.microdata.read import InputFile

_FULLWIDTH_FROM = "０１２３４５６７８９．－＋，％"
_FULLWIDTH_TO = "0123456789.-+,%"


def _words(words: frozenset[str]) -> str:
    return ", ".join(sql_string(w) for w in sorted(words))


# A number as written: digits with an optional comma every three ("1,234"), decimals and exponent;
# a trailing % only where the column is a percentage (增加值率). "1,5", "1_000", "nan", "inf", "12%"
# of an amount and "0x10" do not match and are reported, never read as 15, 1000 or infinity.
_NUMBER_RE = r"[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?([eE][+-]?[0-9]+)?"
# The largest magnitude a microdata amount may have (万元, 吨标准煤): the same bound as statistics.
MAX_MAGNITUDE = 1e18


def _pattern(key: str) -> str:
    percent = "%?" if BY_KEY[key].unit == "%" else ""
    return sql_string(f"^{_NUMBER_RE}{percent}$")


def number(f: InputFile, key: str) -> str:
    """The value as DOUBLE (NULL when blank, not a number, not finite or beyond ``MAX_MAGNITUDE``)."""
    if not f.has(key):
        return "CAST(NULL AS DOUBLE)"
    return f"(CASE WHEN {_usable(f, key)} THEN {_value(f, key)} END)"


def bad_number(f: InputFile, key: str) -> str:
    """True where something is written that is not a finite number (NaN and ±inf of a typed column too).

    Spelt out rather than "number(…) IS NULL": DuckDB's statistics of a Parquet column leave NaN out,
    so it would prove the CASE above never NULL and drop the test.
    """
    if not f.has(key):
        return "false"
    return f"({key} IS NOT NULL AND NOT coalesce({_usable(f, key)}, false))"


def _text(key: str) -> str:
    return f"translate({key}, {sql_string(_FULLWIDTH_FROM)}, {sql_string(_FULLWIDTH_TO)})"


def _value(f: InputFile, key: str) -> str:
    if f.is_text(key):
        return f"TRY_CAST(replace(replace({_text(key)}, ',', ''), '%', '') AS DOUBLE)"
    return f"CAST({key} AS DOUBLE)"


def _usable(f: InputFile, key: str) -> str:
    value = _value(f, key)
    bounded = f"isfinite({value}) AND abs({value}) <= {MAX_MAGNITUDE:g}"
    if f.is_text(key):
        return f"regexp_full_match({_text(key)}, {_pattern(key)}) AND {bounded}"
    return bounded


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
