"""China's official working days (weekends, 法定节假日, 调休上班日) and deadline arithmetic.

The calendar is data (``calendar_cn.yaml``, one entry per year from the State Council's yearly
notice); a date in a year the data does not hold is never guessed: ``CalendarYearMissingError``.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from planwatch.domain.enums import Severity
from planwatch.domain.problems import Location, Problem
from planwatch.yamlfile import load_definition, parse_definition

BUNDLED = Path(__file__).with_name("calendar_cn.yaml")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Holiday(_Model):
    """One holiday as the notice writes it: its name and its first and last day off."""

    name: str = Field(min_length=1, description="The holiday's name as the notice writes it (春节).")
    from_: dt.date = Field(alias="from", description="First day off.")
    to: dt.date = Field(description="Last day off (the same day for a one-day holiday).")

    @model_validator(mode="after")
    def _order(self) -> Self:
        if self.to < self.from_:
            raise ValueError("to < from")
        return self


class CalendarYear(_Model):
    """One year's arrangement."""

    year: int = Field(ge=2000, le=2100, description="The calendar year.")
    source: str = Field(min_length=1, description="The notice (文号 and title).")
    holidays: list[Holiday] = Field(description="Days off (放假), each a span.")
    workdays: list[dt.date] = Field(
        default_factory=list, description="Weekend days that are working days (调休上班)."
    )


class CalendarFile(_Model):
    years: list[CalendarYear] = Field(description="One entry per year covered.")


class CalendarYearMissingError(ValueError):
    """The calendar holds no arrangement for this year."""

    def __init__(self, year: int) -> None:
        super().__init__(year)
        self.year = year

    def problem(self) -> Problem:
        return Problem("CHAIN_CALENDAR_YEAR", Severity.ERROR, Location(), {"year": self.year})


class WorkingCalendar:
    """Which days are working days, for the years the data covers."""

    def __init__(self, data: CalendarFile) -> None:
        self.years = {y.year: y for y in data.years}
        self._off: set[dt.date] = set()
        self._on: set[dt.date] = set()
        for y in data.years:
            for h in y.holidays:
                day = h.from_
                while day <= h.to:
                    self._off.add(day)
                    day += dt.timedelta(days=1)
            self._on.update(y.workdays)

    def is_working_day(self, day: dt.date) -> bool:
        if day.year not in self.years:
            raise CalendarYearMissingError(day.year)
        if day in self._on:
            return True
        if day in self._off:
            return False
        return day.weekday() < 5

    def add_working_days(self, start: dt.date, days: int) -> dt.date:
        """The ``days``-th working day after ``start`` (``start`` itself is not counted)."""
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        left = days
        while left:
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
        if end < start:
            return -self.working_days_between(end, start)
        count = 0
        day = start
        while day < end:
            day += dt.timedelta(days=1)
            count += self.is_working_day(day)
        return count


def parse_calendar(text: str, *, file: str = "<calendar>") -> WorkingCalendar:
    return WorkingCalendar(parse_definition(text, CalendarFile, "CHAIN_CALENDAR", file=file))


def load_calendar(path: Path | None = None) -> WorkingCalendar:
    """A calendar file, or the bundled one (``calendar_cn.yaml``); ``CHAIN_CALENDAR_NOT_FOUND`` when unreadable."""
    if path is None:
        return bundled_calendar()
    return WorkingCalendar(load_definition(path, CalendarFile, "CHAIN_CALENDAR"))


@functools.cache
def bundled_calendar() -> WorkingCalendar:
    return WorkingCalendar(load_definition(BUNDLED, CalendarFile, "CHAIN_CALENDAR"))
