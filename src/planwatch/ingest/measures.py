"""The 口径 column and Chinese period wording: which ``Measure`` a value is, and for which period.

``parse_measure`` reads 当期 / 累计 / 同比增长 / 累计增长 (and their English ids); ``parse_period_cell``
reads every form ``Period.parse`` knows plus the cumulative wordings statistical bulletins use
(2023年1—9月, 2023年前三季度, 2023年上半年), which also say the value is a year-to-date one.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from planwatch.domain.enums import Measure
from planwatch.domain.periods import CN_DIGITS, MAX_PERIOD_TEXT, Period, PeriodError, PeriodKind


class MeasureError(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


_EXACT: dict[str, Measure] = {
    **{m.value: m for m in Measure},
    "": Measure.LEVEL,
    "当期": Measure.LEVEL,
    "本期": Measure.LEVEL,
    "当月": Measure.LEVEL,
    "本月": Measure.LEVEL,
    "当季": Measure.LEVEL,
    "本季": Measure.LEVEL,
    "全年": Measure.LEVEL,
    "当年": Measure.LEVEL,
    "本年": Measure.LEVEL,
    "期末": Measure.LEVEL,
    "期末数": Measure.LEVEL,
    "水平值": Measure.LEVEL,
    "绝对值": Measure.LEVEL,
    "总量": Measure.LEVEL,
    "当期值": Measure.LEVEL,
    "本期数": Measure.LEVEL,
    "level": Measure.LEVEL,
    "累计": Measure.YTD,
    "本年累计": Measure.YTD,
    "年初至今": Measure.YTD,
    "累计值": Measure.YTD,
    "累计数": Measure.YTD,
    "year_to_date": Measure.YTD,
    "同比": Measure.GROWTH,
    "同比增长": Measure.GROWTH,
    "同比增速": Measure.GROWTH,
    "同比增幅": Measure.GROWTH,
    "增速": Measure.GROWTH,
    "增长": Measure.GROWTH,
    "增幅": Measure.GROWTH,
    "增长率": Measure.GROWTH,
    "比上年增长": Measure.GROWTH,
    "比上年同期增长": Measure.GROWTH,
    "%": Measure.GROWTH,
    "当期增长": Measure.GROWTH,
    "当月增长": Measure.GROWTH,
    "当季增长": Measure.GROWTH,
    "yoy": Measure.GROWTH,
    "累计增长": Measure.YTD_GROWTH,
    "累计增速": Measure.YTD_GROWTH,
    "累计增幅": Measure.YTD_GROWTH,
    "累计同比": Measure.YTD_GROWTH,
    "累计同比增长": Measure.YTD_GROWTH,
    "累计同比增速": Measure.YTD_GROWTH,
    "累计增长率": Measure.YTD_GROWTH,
    "ytdgrowth": Measure.YTD_GROWTH,
}

_YTD_RANGE = r"1\s*[-—–~至]\s*(?P<end>\d{1,2})\s*月(?:份)?"
_YTD_WORD = re.compile(rf"^(?:{_YTD_RANGE})?(?:累计|本年累计)(?P<growth>(?:同比)?(?:增长|增速|增幅)(?:率)?)?$")
_YTD_TEXT = re.compile(rf"^{_YTD_RANGE}$")


@dataclass(frozen=True, slots=True)
class ParsedMeasure:
    measure: Measure
    end_month: int | None = None  # the N of "1-N月累计", to check against the period
    explicit_level: bool = False  # the cell said 当期/本期 (not blank)


def _norm(text: object) -> str:
    raw = unicodedata.normalize("NFKC", "" if text is None else str(text))
    raw = "".join(raw.split()).lower().replace("-", "_") if raw.isascii() else "".join(raw.split()).lower()
    for suffix in ("(%)", "%"):
        if raw.endswith(suffix) and raw != "%":
            raw = raw[: -len(suffix)]
    return raw


def parse_measure(text: object) -> ParsedMeasure:
    """Read a 口径 cell; blank is ``level``. Raises ``MeasureError`` for anything else."""
    if isinstance(text, str):
        return _parse_measure_text(text)
    return _parse_measure(text)


@lru_cache(maxsize=1024)
def _parse_measure_text(text: str) -> ParsedMeasure:
    # A file repeats a handful of 口径 texts on every row: each is read once (errors are not cached).
    return _parse_measure(text)


def _parse_measure(text: object) -> ParsedMeasure:
    raw = _norm(text)
    if raw in _EXACT:
        m = _EXACT[raw]
        return ParsedMeasure(m, explicit_level=(m is Measure.LEVEL and raw != ""))
    hit = _YTD_WORD.match(raw) or _YTD_TEXT.match(raw)
    if hit is None:
        raise MeasureError(str(text))
    end = int(hit.group("end")) if hit.groupdict().get("end") else None
    if end is not None and not 1 <= end <= 12:
        raise MeasureError(str(text))
    measure = Measure.YTD_GROWTH if hit.groupdict().get("growth") else Measure.YTD
    return ParsedMeasure(measure, end_month=end)


# -- periods ------------------------------------------------------------------------------------
_PERIOD_YTD_MONTHS = re.compile(rf"^(?P<year>\d{{4}})\s*年?\s*{_YTD_RANGE}(?:累计)?$")
_PERIOD_YTD_QUARTERS = re.compile(r"^(?P<year>\d{4})\s*年?\s*前\s*(?P<q>[一二三四1-4])\s*(?:个)?季度?(?:累计)?$")
_PERIOD_HALF = re.compile(r"^(?P<year>\d{4})\s*年?\s*上半年(?:累计)?$")
_PERIOD_YEAR = re.compile(r"^(?P<year>\d{4})\s*(?:年度|年全年|全年)$")


@dataclass(frozen=True, slots=True)
class ParsedPeriod:
    period: Period
    ytd: bool = False  # the wording itself says year-to-date (1—9月, 前三季度, 上半年)


def parse_period_cell(value: object) -> ParsedPeriod:
    """A period cell: ``2023``, ``2023Q3``, ``2023-07``, Chinese forms, Excel numbers and dates."""
    if isinstance(value, bool):
        raise PeriodError(str(value))
    if isinstance(value, dt.datetime | dt.date):
        # Excel turns a typed "2023-07" into 2023-07-01: read a date as its month.
        return ParsedPeriod(Period(PeriodKind.MONTH, value.year, value.month))
    if isinstance(value, float):
        if not value.is_integer():
            raise PeriodError(str(value))
        value = int(value)
    if isinstance(value, int):
        return ParsedPeriod(Period.parse(value))
    return _parse_period_text("" if value is None else str(value))


@lru_cache(maxsize=4096)
def _parse_period_text(value: str) -> ParsedPeriod:
    # Period texts repeat on every row: each is read once (errors are not cached).
    text = unicodedata.normalize("NFKC", value).strip()
    if len(text) > MAX_PERIOD_TEXT:  # no period is written this long; the patterns need not look
        raise PeriodError(value[:MAX_PERIOD_TEXT] + "…")
    m = _PERIOD_YTD_MONTHS.match(text)
    if m:
        month = int(m.group("end"))
        try:
            return ParsedPeriod(Period(PeriodKind.MONTH, int(m.group("year")), month), ytd=True)
        except PeriodError:
            raise PeriodError(text) from None
    m = _PERIOD_YTD_QUARTERS.match(text)
    if m:
        return ParsedPeriod(Period(PeriodKind.QUARTER, int(m.group("year")), CN_DIGITS[m.group("q")]), ytd=True)
    m = _PERIOD_HALF.match(text)
    if m:
        return ParsedPeriod(Period(PeriodKind.QUARTER, int(m.group("year")), 2), ytd=True)
    m = _PERIOD_YEAR.match(text)
    if m:
        return ParsedPeriod(Period(PeriodKind.YEAR, int(m.group("year"))))
    return ParsedPeriod(Period.parse(text))
