"""Typed reporting periods: a year (``2023``), a quarter (``2023Q3``) or a month (``2023-07``).

Periods order by when they end; a year ends in December, a quarter in its third month. The plan's
time schedule (时序进度) is month-accurate, so every period knows its last month.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache, total_ordering

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
CN_QUARTER = {1: "一", 2: "二", 3: "三", 4: "四"}

# Full-width digits and separators are normalised before matching (ingest does the same).
_FULLWIDTH = str.maketrans("０１２３４５６７８９－／ＱｑＭｍ", "0123456789-/QqMm")

_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^(\d{4})\s*年?$"), "year"),
    (re.compile(r"^(\d{4})\s*[-/ ]?\s*[Qq]\s*([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})\s*年\s*第?\s*([一二三四1-4])\s*季度?$"), "quarter"),
    (re.compile(r"^(\d{4})\s*[-/.]\s*(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})(\d{2})$"), "month"),
    (re.compile(r"^(\d{4})\s*[Mm]\s*(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月$"), "month"),
]


# A Period exists for 1900–2200; a text is read as one only for 1949–2150, so arithmetic on any period
# read from input (last year's, the baseline decades back) stays inside and never raises.
FIRST_YEAR, LAST_YEAR = 1900, 2200
MAX_PERIOD_TEXT = 40  # "2023 年 第 三 季度" with every space doubled is still shorter
PARSE_FIRST_YEAR, PARSE_LAST_YEAR = 1949, 2150


class PeriodKind(StrEnum):
    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"

    @property
    def months(self) -> int:
        return _KIND_MONTHS[self.value]


_KIND_MONTHS = {"year": 12, "quarter": 3, "month": 1}


class PeriodError(ValueError):
    """A text that is not a period planwatch understands."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


@total_ordering
@dataclass(frozen=True, slots=True)
class Period:
    """A year, quarter or month. ``index`` is the quarter (1–4) or month (1–12); 0 for a year."""

    kind: PeriodKind
    year: int
    index: int = 0
    # Derived once (periods are compared millions of times when a large table is sorted).
    _order: tuple[int, int] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not FIRST_YEAR <= self.year <= LAST_YEAR:
            raise PeriodError(str(self.year))
        limit = {PeriodKind.YEAR: 0, PeriodKind.QUARTER: 4, PeriodKind.MONTH: 12}[self.kind]
        if self.kind is PeriodKind.YEAR:
            if self.index != 0:
                raise PeriodError(f"{self.year}/{self.index}")
        elif not 1 <= self.index <= limit:
            raise PeriodError(f"{self.year}/{self.index}")
        # Ends first; for the same end, the longer period sorts first (2024 before 2024Q4 before 2024-12).
        end = 12 if self.kind is PeriodKind.YEAR else self.index * 3 if self.kind is PeriodKind.QUARTER else self.index
        object.__setattr__(self, "_order", (self.year * 12 + end, -_KIND_MONTHS[self.kind.value]))

    # -- construction -------------------------------------------------------------------------
    @classmethod
    def parse(cls, text: str | int | Period) -> Period:
        """Parse ``2023``, ``2023Q3``, ``2023-07`` and their Chinese forms (``2023年第三季度``, ``2023年7月``)."""
        if isinstance(text, Period):
            return text
        if isinstance(text, int):
            if not PARSE_FIRST_YEAR <= text <= PARSE_LAST_YEAR:
                raise PeriodError(str(text))
            return cls(PeriodKind.YEAR, text)
        return _parse_text(str(text))

    @classmethod
    def _parse_text(cls, text: str) -> Period:
        raw = text.strip().translate(_FULLWIDTH)
        if len(raw) > MAX_PERIOD_TEXT:  # no period is written this long; the patterns need not look
            raise PeriodError(text[:MAX_PERIOD_TEXT] + "…")
        if raw.endswith(".0") and raw[:-2].isdigit():  # Excel gives 2023.0 for a year typed as a number
            raw = raw[:-2]
        for pattern, kind in _PATTERNS:
            m = pattern.match(raw)
            if not m:
                continue
            year = int(m.group(1))
            if not PARSE_FIRST_YEAR <= year <= PARSE_LAST_YEAR:
                raise PeriodError(str(text))
            try:
                if kind == "year":
                    return cls(PeriodKind.YEAR, year)
                if kind == "quarter":
                    return cls(PeriodKind.QUARTER, year, CN_DIGITS[m.group(2)])
                return cls(PeriodKind.MONTH, year, int(m.group(2)))
            except PeriodError:
                raise PeriodError(str(text)) from None
        raise PeriodError(str(text))

    @classmethod
    def year_of(cls, year: int) -> Period:
        return cls(PeriodKind.YEAR, year)

    @classmethod
    def month_of(cls, year: int, month: int) -> Period:
        return cls(PeriodKind.MONTH, year, month)

    # -- facts ----------------------------------------------------------------------------------
    @property
    def end_month(self) -> int:
        """The calendar month (1–12) in which the period ends."""
        if self.kind is PeriodKind.YEAR:
            return 12
        if self.kind is PeriodKind.QUARTER:
            return self.index * 3
        return self.index

    @property
    def start_month(self) -> int:
        return self.end_month - self.kind.months + 1

    @property
    def months(self) -> list[Period]:
        """The months the period covers, in order."""
        return [Period.month_of(self.year, m) for m in range(self.start_month, self.end_month + 1)]

    @property
    def ordinal(self) -> int:
        """Months since year 0 at the end of the period: a total order by end date."""
        return self._order[0]

    def months_since_start_of(self, year: int) -> int:
        """Months from 1 January of ``year`` to the end of this period (2024Q4 since 2021 → 48)."""
        return (self.year - year) * 12 + self.end_month

    def years_since_end_of(self, year: int) -> float:
        """Years from 31 December of ``year`` to the end of this period (2024Q2 since 2020 → 3.5)."""
        return (self.year - year - 1) + self.end_month / 12

    @property
    def is_year_end(self) -> bool:
        return self.end_month == 12

    def same_period_last_year(self) -> Period:
        return Period(self.kind, self.year - 1, self.index)

    def year_to_date_months(self) -> list[Period]:
        """January through the end of this period (the months of a 1—N月 cumulative value)."""
        return [Period.month_of(self.year, m) for m in range(1, self.end_month + 1)]

    def contains(self, other: Period) -> bool:
        """Whether ``other`` lies wholly inside this period."""
        return (
            other.year == self.year
            and other.start_month >= self.start_month
            and other.end_month <= self.end_month
        )

    # -- text ---------------------------------------------------------------------------------
    def __str__(self) -> str:
        if self.kind is PeriodKind.YEAR:
            return str(self.year)
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}Q{self.index}"
        return f"{self.year}-{self.index:02d}"

    def __repr__(self) -> str:
        return f"Period({self})"

    @property
    def label_zh(self) -> str:
        """Official Chinese wording: 2024年, 2024年第四季度, 2024年7月."""
        if self.kind is PeriodKind.YEAR:
            return f"{self.year}年"
        if self.kind is PeriodKind.QUARTER:
            return f"{self.year}年第{CN_QUARTER[self.index]}季度"
        return f"{self.year}年{self.index}月"

    @property
    def ytd_label_zh(self) -> str:
        """The 1—N月 wording of a cumulative value to the end of this period."""
        if self.end_month == 12:
            return f"{self.year}年"
        if self.end_month == 1:
            return f"{self.year}年1月"
        return f"{self.year}年1—{self.end_month}月"

    # -- ordering -----------------------------------------------------------------------------
    def _key(self) -> tuple[int, int]:
        return self._order

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._order < other._order


# Periods are immutable and a file repeats a few dozen period texts on every row: each text is
# parsed once (errors are not cached).
_parse_text = lru_cache(maxsize=4096)(Period._parse_text)


def parse_period(text: str | int | Period) -> Period:
    return Period.parse(text)
