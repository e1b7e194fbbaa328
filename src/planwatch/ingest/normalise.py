"""One data row → one ``Observation`` in the plan's ids and the indicator's unit, or located problems.

Indicators and scopes are found by id, Chinese name or alias; periods, measures and numbers are read
in their usual Chinese and English forms; a declared unit (单位 column, "数值（万元）" header,
"12.3亿元" or "6.5%" in the cell, "工业总产值（亿元）" in the indicator cell) is converted into the
indicator's unit. Every problem of the row is reported, not only the first.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from planwatch.domain.enums import Measure, Severity
from planwatch.domain.observations import Observation
from planwatch.domain.periods import PeriodError
from planwatch.domain.problems import Location, Problem
from planwatch.ingest.columns import MAX_LABEL, Field
from planwatch.ingest.header import ColumnMap, column_label
from planwatch.ingest.measures import (
    MeasureError,
    ParsedMeasure,
    ParsedPeriod,
    parse_measure,
    parse_period_cell,
)
from planwatch.ingest.readers import Cell, RawRow, RawSheet
from planwatch.ingest.units import PERCENT, UnitError, convert, is_known_unit, normalise_unit
from planwatch.ingest.values import (
    MAX_MAGNITUDE,
    NumberError,
    ParsedNumber,
    clean_text,
    format_number,
    parse_number,
)
from planwatch.plan.load import Plan
from planwatch.plan.schema import Indicator, Scope

# The years a data file may report, around the plan's own: its history reaches back a few plan
# periods and the next plan reuses the data; 1900 or 2099 in a file is a typing error.
YEARS_BEFORE_PLAN = 30
YEARS_AFTER_PLAN = 15
GROWTH_MEASURES = frozenset({Measure.GROWTH, Measure.YTD_GROWTH})
YTD_MEASURES = frozenset({Measure.YTD, Measure.YTD_GROWTH})
_NAME_WITH_UNIT = re.compile(r"^(?P<name>.+?)\s*[(（\[【](?P<unit>[^)）\]】]+)[)）\]】]$")


@dataclass(frozen=True, slots=True)
class Located:
    """An observation read from a file, with the row it came from."""

    obs: Observation
    location: Location  # file, sheet and row (no column)
    value_location: Location  # the value cell


@dataclass(slots=True)
class RowResult:
    located: Located | None = None
    problems: list[Problem] = field(default_factory=list)
    missing_value: bool = False


def origin_of(sheet: RawSheet, row: int) -> str:
    """``file:sheet:row`` for Excel, ``file:row`` for CSV (the Observation's ``origin``)."""
    return f"{sheet.file}:{sheet.sheet}:{row}" if sheet.sheet else f"{sheet.file}:{row}"


class RowReader:
    """Turns the rows of one sheet into observations (one instance per sheet)."""

    def __init__(self, sheet: RawSheet, cmap: ColumnMap, plan: Plan) -> None:
        self.sheet = sheet
        self.cmap = cmap
        self.plan = plan
        self.plan_units = plan_units(plan)
        self.first_year = plan.meta.base_year - YEARS_BEFORE_PLAN
        self.last_year = plan.meta.end_year + YEARS_AFTER_PLAN
        # Names repeat on every row: each distinct text is looked up once per sheet.
        self._indicators: dict[str, tuple[Indicator | None, str]] = {}
        self._scopes: dict[str, Scope | None] = {}

    # -- helpers ------------------------------------------------------------------------------
    def _cell(self, row: RawRow, f: Field) -> Cell | None:
        index = self.cmap.columns.get(f)
        if index is None or index >= len(row.cells):
            return None
        return row.cells[index]

    def _where(self, row: RawRow, f: Field) -> Location:
        index = self.cmap.columns[f]
        return self.sheet.location(row.number, column_label(self.sheet, self.cmap, index, row.number))

    def _text(self, row: RawRow, f: Field) -> str:
        cell = self._cell(row, f)
        return clean_text(cell.value) if cell is not None else ""

    # -- the row --------------------------------------------------------------------------------
    def read(self, row: RawRow) -> RowResult:
        out = RowResult()
        problems = out.problems

        def problem(code: str, f: Field, **params: object) -> None:
            problems.append(Problem(code, Severity.ERROR, self._where(row, f), dict(params)))

        # indicator (and a unit written after its name: 工业总产值（亿元）)
        indicator: Indicator | None = None
        name_unit = ""
        ind_text = self._text(row, Field.INDICATOR)
        if not ind_text:
            problem("INGEST_MISSING_FIELD", Field.INDICATOR, column=Field.INDICATOR.label_zh)
        else:
            found = self._indicators.get(ind_text)
            if found is None:
                found = self._indicators[ind_text] = self._find_indicator(ind_text)
            indicator, name_unit = found
            if indicator is None:
                problem(
                    "INGEST_UNKNOWN_INDICATOR",
                    Field.INDICATOR,
                    value=ind_text,
                    suggestions=_join(self.plan.suggest_indicators(ind_text)),
                )

        scope: Scope | None = None
        scope_text = self._text(row, Field.SCOPE)
        if not scope_text:
            problem("INGEST_MISSING_FIELD", Field.SCOPE, column=Field.SCOPE.label_zh)
        else:
            if scope_text in self._scopes:
                scope = self._scopes[scope_text]
            else:
                scope = self._scopes[scope_text] = self.plan.find_scope(scope_text)
            if scope is None:
                problem(
                    "INGEST_UNKNOWN_SCOPE",
                    Field.SCOPE,
                    value=scope_text,
                    suggestions=_join(self.plan.suggest_scopes(scope_text)),
                )

        period: ParsedPeriod | None = None
        period_cell = self._cell(row, Field.PERIOD)
        period_text = self._text(row, Field.PERIOD)
        if not period_text:
            problem("INGEST_MISSING_FIELD", Field.PERIOD, column=Field.PERIOD.label_zh)
        else:
            try:
                period = parse_period_cell(period_cell.value if period_cell is not None else "")
            except PeriodError:
                problem("INGEST_BAD_PERIOD", Field.PERIOD, value=period_text)
            if period is not None and not self.first_year <= period.period.year <= self.last_year:
                problem("INGEST_PERIOD_OUTSIDE", Field.PERIOD, value=period_text,
                        first=self.first_year, last=self.last_year)
                period = None

        measure: Measure | None = None
        parsed_measure: ParsedMeasure | None = None
        measure_text = self._text(row, Field.MEASURE)
        try:
            parsed_measure = parse_measure(measure_text)
        except MeasureError:
            problem("INGEST_UNKNOWN_MEASURE", Field.MEASURE, value=measure_text)
        if parsed_measure is not None:
            measure = parsed_measure.measure
            if period is not None:
                measure = self._measure_for_period(row, parsed_measure, period, measure_text, period_text, problems)

        if indicator is not None and measure is not None:
            self._check_applicable(row, indicator, measure, problems)

        number: ParsedNumber | None = None
        value_cell = self._cell(row, Field.VALUE)
        value_text = self._text(row, Field.VALUE)
        try:
            number = parse_number(
                value_cell.value if value_cell is not None else None,
                value_cell.number_format if value_cell is not None else "",
            )
        except NumberError:
            problem("INGEST_BAD_NUMBER", Field.VALUE, value=value_text)

        declared, unit_field = self._declared_unit(row, number, name_unit, measure)
        if declared and indicator is not None and not self._unit_known(declared, indicator):
            problem("INGEST_UNKNOWN_UNIT", unit_field, unit=declared)
            declared = ""  # reported; do not report it again as unconvertible

        if problems:
            return out
        assert indicator is not None and scope is not None and period is not None and measure is not None
        if number is None or number.value is None:
            out.missing_value = True
            out.problems.append(
                Problem(
                    "INGEST_VALUE_MISSING",
                    Severity.INFO,
                    self._where(row, Field.VALUE),
                    {"indicator": indicator.name, "scope": scope.name, "period": period.period.label_zh},
                )
            )
            return out
        value = self._convert(row, number.value, declared, unit_field, indicator, measure, problems)
        if value is None:
            return out
        source = self._text(row, Field.SOURCE) or self.sheet.file
        obs = Observation(
            indicator=indicator.id,
            scope=scope.id,
            period=period.period,
            value=value,
            measure=measure,
            source=source,
            note=self._text(row, Field.NOTE),
            origin=origin_of(self.sheet, row.number),
        )
        out.located = Located(obs, self.sheet.location(row.number), self._where(row, Field.VALUE))
        return out

    # -- pieces ---------------------------------------------------------------------------------
    def _find_indicator(self, text: str) -> tuple[Indicator | None, str]:
        found = self.plan.find_indicator(text)
        if found is not None:
            return found, ""
        m = _NAME_WITH_UNIT.match(text) if len(text) <= MAX_LABEL else None
        if m:
            unit = m.group("unit").strip()
            found = self.plan.find_indicator(m.group("name"))
            if found is not None and (is_known_unit(unit) or normalise_unit(unit) == normalise_unit(found.unit)):
                return found, unit
        return None, ""

    def _measure_for_period(
        self,
        row: RawRow,
        parsed: ParsedMeasure,
        period: ParsedPeriod,
        measure_text: str,
        period_text: str,
        problems: list[Problem],
    ) -> Measure | None:
        measure = parsed.measure
        if period.ytd:
            # "2023年1—9月" says cumulative: blank → ytd, growth → ytd_growth; 当期 contradicts it.
            if parsed.explicit_level:
                problems.append(self._mismatch(row, measure_text, period_text))
                return None
            measure = {Measure.LEVEL: Measure.YTD, Measure.GROWTH: Measure.YTD_GROWTH}.get(measure, measure)
        if parsed.end_month is not None and parsed.end_month != period.period.end_month:
            problems.append(self._mismatch(row, measure_text, period_text))
            return None
        return measure

    def _mismatch(self, row: RawRow, measure_text: str, period_text: str) -> Problem:
        f = Field.MEASURE if Field.MEASURE in self.cmap.columns else Field.PERIOD
        return Problem(
            "INGEST_MEASURE_PERIOD_MISMATCH",
            Severity.ERROR,
            self._where(row, f),
            {"measure": measure_text, "period": period_text},
        )

    def _check_applicable(self, row: RawRow, indicator: Indicator, measure: Measure, problems: list[Problem]) -> None:
        reason = ""
        if measure in GROWTH_MEASURES and normalise_unit(indicator.unit) == PERCENT:
            reason = "percent"
        elif measure in YTD_MEASURES and indicator.temporal == "stock":
            reason = "stock"
        if not reason:
            return
        f = Field.MEASURE if Field.MEASURE in self.cmap.columns else Field.PERIOD
        code = "INGEST_GROWTH_OF_PERCENT" if reason == "percent" else "INGEST_YTD_OF_STOCK"
        problems.append(
            Problem(
                code,
                Severity.ERROR,
                self._where(row, f),
                {"indicator": indicator.name, "measure": measure.label_zh, "unit": indicator.unit},
            )
        )

    def _declared_unit(
        self, row: RawRow, number: ParsedNumber | None, name_unit: str, measure: Measure | None
    ) -> tuple[str, Field]:
        """The unit the row's value is written in, and the column that says so ("" = the indicator's)."""
        if number is not None and number.unit:
            return number.unit, Field.VALUE
        unit_text = self._text(row, Field.UNIT)
        if unit_text:
            return unit_text, Field.UNIT
        if name_unit:
            return name_unit, Field.INDICATOR
        if self.cmap.value_unit and measure not in GROWTH_MEASURES:
            return self.cmap.value_unit, Field.VALUE
        return "", Field.VALUE

    def _unit_known(self, declared: str, indicator: Indicator) -> bool:
        norm = normalise_unit(declared)
        return is_known_unit(declared) or norm == normalise_unit(indicator.unit) or norm in self.plan_units

    def _convert(
        self,
        row: RawRow,
        value: float,
        declared: str,
        unit_field: Field,
        indicator: Indicator,
        measure: Measure,
        problems: list[Problem],
    ) -> float | None:
        target = PERCENT if measure in GROWTH_MEASURES else indicator.unit
        try:
            converted = convert(value, declared, target)
        except UnitError:
            problems.append(
                Problem(
                    "INGEST_UNIT_MISMATCH",
                    Severity.ERROR,
                    self._where(row, unit_field),
                    {
                        "unit": declared,
                        "target": target,
                        "indicator": indicator.name,
                        "measure": measure.label_zh,
                        "value": format_number(value),
                    },
                )
            )
            return None
        if not math.isfinite(converted) or abs(converted) > MAX_MAGNITUDE:
            problems.append(
                Problem(
                    "INGEST_VALUE_OVERFLOW",
                    Severity.ERROR,
                    self._where(row, Field.VALUE),
                    {"value": format_number(value), "unit": declared or indicator.unit, "target": target},
                )
            )
            return None
        return converted


def plan_units(plan: Plan) -> frozenset[str]:
    """The units the plan's indicators use, normalised (G, 分, 吨标准煤/万元 are not in the unit table)."""
    return frozenset(normalise_unit(i.unit) for i in plan.indicators.values())


def _join(names: list[str]) -> str:
    return "、".join(names) if names else "—"
