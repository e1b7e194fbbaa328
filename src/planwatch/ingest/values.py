"""Cell values as numbers: full-width digits, thousands separators, percent signs, missing markers.

``parse_number`` returns the value and any unit written in the cell itself ("6.5%", "12.3亿元"); a
cell that is one of the missing markers ("—", "-", "…", "NA", blank) gives ``None``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from planwatch.ingest.units import PERCENT, is_known_unit, normalise_unit

# Compared after NFKC and lower-casing: "－" is "-", "…" is "...", "ＮＡ" is "na".
MISSING_MARKERS = frozenset(
    {"", "—", "——", "–", "-", "--", "...", "......", "na", "n/a", "#n/a", "nan", "null", "none", "/", "\\"}
)

_NUMBER = re.compile(
    r"^(?P<num>[+-]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?|[+-]?\.[0-9]+) ?(?P<unit>[^0-9]*)$",
    flags=re.IGNORECASE,
)
# Digits a reader sees as ASCII or full-width digits; NFKC would also fold "²", "①", "₃" or "𝟑" into
# digits ("10²" → "102"), so a number cell holding any other numeric character is refused, not folded.
_PLAIN_DIGITS = frozenset("0123456789０１２３４５６７８９")


# The largest magnitude a value may have once in its indicator's unit: far above any statistic (the
# world's output is about 1e14 US dollars), far below where sums, growth rates and formatting of a few
# thousand values stop being finite (1e308). Values beyond it are refused, never rounded or cut.
MAX_MAGNITUDE = 1e18


class NumberError(ValueError):
    """A cell that is neither a number nor a missing marker."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    value: float | None  # None: missing
    unit: str = ""  # unit written in the cell: "%" for "6.5%" or a percent-formatted Excel cell


def clean_text(value: object) -> str:
    """A cell as text: NFKC (full-width → half-width), trimmed, no line breaks."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str):
        return _clean_str(value)
    return _clean_str(str(value))


@lru_cache(maxsize=65536)
def _clean_str(text: str) -> str:
    # Cells repeat (indicator, scope, unit and source names on every row): each text is cleaned once.
    return " ".join(unicodedata.normalize("NFKC", text).split())


def is_missing(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, int | float) and not isinstance(value, bool):
        return isinstance(value, float) and math.isnan(value)
    return clean_text(value).lower() in MISSING_MARKERS


def parse_number(value: object, number_format: str = "") -> ParsedNumber:
    """Read one value cell. Raises ``NumberError`` for anything that is not a number or missing."""
    if isinstance(value, bool | dt.datetime | dt.date | dt.time):
        raise NumberError(str(value))
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an int beyond the range of a float
            raise NumberError(str(value)) from None
        if math.isnan(number):
            return ParsedNumber(None)
        if not math.isfinite(number):
            raise NumberError(str(value))
        if "%" in number_format:  # Excel stores 6.5% as 0.065
            return ParsedNumber(round(number * 100, 10), PERCENT)
        return ParsedNumber(number)
    text = clean_text(value).replace("\u2212", "-")  # U+2212 minus sign
    if text.lower() in MISSING_MARKERS:
        return ParsedNumber(None)
    raw = value if isinstance(value, str) else str(value)
    if not raw.isascii() and any(_folds_to_digit(ch) for ch in raw):
        raise NumberError(text)
    # Spaces and line breaks may separate the number from its unit ("12.3 亿元"), never split it ("12 3").
    m = _NUMBER.match(text)
    if not m:
        raise NumberError(text)
    number = float(m.group("num").replace(",", ""))
    if not math.isfinite(number):
        raise NumberError(text)
    unit = "".join(m.group("unit").split())
    if not unit:
        return ParsedNumber(number)
    if normalise_unit(unit) == PERCENT:
        return ParsedNumber(number, PERCENT)
    if is_known_unit(unit):
        return ParsedNumber(number, normalise_unit(unit))
    raise NumberError(text)


@lru_cache(maxsize=4096)
def _folds_to_digit(ch: str) -> bool:
    return ch not in _PLAIN_DIGITS and any("0" <= c <= "9" for c in unicodedata.normalize("NFKC", ch))


def format_number(value: float, digits: int = 4) -> str:
    """A number for a message: up to ``digits`` decimals, no trailing zeros (1234.5, 0.62, 12)."""
    if not math.isfinite(value) or abs(value) >= 1e15:
        return f"{value:.6g}"  # 1e+305, not three hundred digits
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
