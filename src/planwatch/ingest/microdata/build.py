"""From the rolled-up sums to canonical observations, with the measure, unit and note of each.

Periods and measures written (docs/microdata.md §输出):

- a month ``2024-03`` with measure ``level`` (当月), ``ytd`` (1—3月累计), ``growth`` (当月同比, %)
  and ``ytd_growth`` (累计同比, %);
- a year ``2024`` with measure ``level`` and ``growth``, only for years the data cover January to
  December (a part year is never written as a year).

Growth is always on the same set of enterprises in both periods (同口径) and says so in its note.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation
from planwatch.domain.periods import Period
from planwatch.ingest.microdata.enterprise_year import DataSpan
from planwatch.ingest.microdata.indicators import COUNT_ALL, COUNT_SCALE, Flow
from planwatch.ingest.microdata.mapping import (
    COUNT_YEARLY,
    MONTHLY_RULES,
    MicrodataMapping,
    Rule,
    entries,
    ratios,
)
from planwatch.ingest.microdata.rollup import AggRow, YearRow
from planwatch.ingest.microdata.scopes import is_chain_scope
from planwatch.plan.load import Plan

ORIGIN = "microdata"
SIGNIFICANT = 12  # parallel float sums differ in the last bits; 12 digits make reruns identical

_PRICE_NOTE = {
    "comparable": "按可比价计算（可比价缩减指数）",
    "current": "按现价计算",
    "physical": "按实物量计算",
}


def stable(value: float) -> float:
    """The value to 12 significant digits (far below any published precision)."""
    if value == 0 or not math.isfinite(value):
        return value
    digits = SIGNIFICANT - 1 - math.floor(math.log10(abs(value)))
    return round(value, digits)


class Builder:
    def __init__(self, plan: Plan, mapping: MicrodataMapping, span: DataSpan, flows: list[Flow], deflated: bool,
                 source: str) -> None:
        self.plan = plan
        self.mapping = mapping
        self._renames = {e.indicator: e.industry_indicator for e in mapping.indicators if e.industry_indicator}
        self._kinds = {e.indicator: (set(e.kinds), set(e.except_kinds)) for e in mapping.indicators
                       if e.kinds or e.except_kinds}
        self.span = span
        self.flows = {f.indicator: f for f in flows}
        self.deflated = deflated
        self.source = source
        self.out: list[Observation] = []
        self._rows: dict[tuple[str, str, int, int], AggRow] = {}
        self._chain: dict[str, bool] = {}
        self._months: dict[int, Period] = {}

    # -- helpers ------------------------------------------------------------------------------
    def _name(self, indicator: str, scope: str) -> str:
        chain = self._chain.get(scope)
        if chain is None:
            chain = self._chain[scope] = is_chain_scope(scope, self.plan)
        return self._renames.get(indicator, indicator) if chain else indicator

    def _month(self, year: int, month: int) -> Period:
        key = year * 12 + month - 1
        period = self._months.get(key)
        if period is None:
            period = self._months[key] = Period.month_of(year, month)
        return period

    def _add(self, indicator: str, scope: str, period: Period, value: float, measure: Measure,
             note: str = "") -> None:
        if not math.isfinite(value):
            return
        kinds = self._kinds.get(indicator)
        if kinds is not None:
            kind = self.plan.scopes[scope].kind
            if (kinds[0] and kind not in kinds[0]) or kind in kinds[1]:
                return
        self.out.append(Observation(
            indicator=self._name(indicator, scope), scope=scope, period=period, value=stable(value),
            measure=measure, source=self.source, note=note, origin=ORIGIN,
        ))

    def _complete(self, year: int) -> bool:
        return self.span.year_complete(year)

    def _has_january(self, year: int) -> bool:
        """Year-to-date values of ``year`` are whole only when its January is in the data."""
        return self.span.first_ym <= year * 12

    # -- flows ----------------------------------------------------------------------------------
    def flows_from(self, rows: list[AggRow]) -> None:
        self._rows = {(r.scope, r.indicator, r.year, r.month): r for r in rows}
        for r in rows:
            flow = self.flows.get(r.indicator)
            if flow is None or not flow.emit:
                continue
            month = self._month(r.year, r.month)
            if r.level is not None:
                self._add(r.indicator, r.scope, month, r.level * flow.factor, Measure.LEVEL)
            if flow.kind == "flow" and r.months_with_data > 0 and self._has_january(r.year):
                self._add(r.indicator, r.scope, month, r.ytd * flow.factor, Measure.YTD)
                if r.month == 12 and self._complete(r.year):
                    self._add(r.indicator, r.scope, Period.year_of(r.year), r.ytd * flow.factor, Measure.LEVEL)
            if flow.growth:
                self._growths(flow, r, month)

    def _growths(self, flow: Flow, r: AggRow, month: Period) -> None:
        counter = COUNT_SCALE if flow.scale else COUNT_ALL
        price = _PRICE_NOTE[flow.growth_price(self.deflated)]
        who = "规上企业" if flow.scale else "企业"
        if r.level is not None and r.cm is not None and r.pm:
            n = self._count(counter, r, monthly=True)
            note = f"同口径：本月与上年同月均有数据的{n}家{who}；{price}"
            self._add(flow.indicator, r.scope, month, (r.cm / r.pm - 1) * 100, Measure.GROWTH, note)
        if r.months_with_data > 0 and r.py and self._has_january(r.year - 1):
            n = self._count(counter, r, monthly=False)
            note = f"同口径：本期与上年同期均有数据的{n}家{who}；{price}"
            value = (r.cy / r.py - 1) * 100
            self._add(flow.indicator, r.scope, month, value, Measure.YTD_GROWTH, note)
            if r.month == 12 and self._complete(r.year) and self._complete(r.year - 1):
                self._add(flow.indicator, r.scope, Period.year_of(r.year), value, Measure.GROWTH,
                          note.replace("本期与上年同期", "本年与上年"))

    def _count(self, counter: Flow, r: AggRow, *, monthly: bool) -> int:
        c = self._rows.get((r.scope, counter.indicator, r.year, r.month))
        if c is None:
            return 0
        return round((c.cm or 0) if monthly else c.cy)

    # -- ratios ---------------------------------------------------------------------------------
    def ratios(self) -> None:
        rows = self._rows
        for ratio in ratios(self.mapping):
            num_flow, den_flow = self.flows.get(ratio.numerator), self.flows.get(ratio.denominator)
            if num_flow is None or den_flow is None:
                continue
            scale = num_flow.factor / den_flow.factor * ratio.factor
            for (scope, ind, year, month), den in rows.items():
                if ind != ratio.denominator:
                    continue
                num = rows.get((scope, ratio.numerator, year, month))
                period = self._month(year, month)
                if den.level:
                    level = num.level if num is not None and num.level is not None else 0.0
                    self._add(ratio.indicator, scope, period, _ratio(level, den.level, scale, ratio.complement),
                              Measure.LEVEL)
                if den.months_with_data > 0 and den.ytd and self._has_january(year):
                    v = _ratio(num.ytd if num is not None else 0.0, den.ytd, scale, ratio.complement)
                    self._add(ratio.indicator, scope, period, v, Measure.YTD)
                    if month == 12 and self._complete(year):
                        self._add(ratio.indicator, scope, Period.year_of(year), v, Measure.LEVEL)

    def declines(self) -> None:
        """(1 − this period's A÷B ÷ last year's) × 100 on the same enterprises (energy intensity: methodology §10.5)."""
        for entry in entries(self.mapping, Rule.INTENSITY_DECLINE):
            self._decline(entry.indicator, entry.numerator or "", entry.denominator or "", entry.what)

    def _decline(self, indicator: str, numerator: str, denominator: str, what: str) -> None:
        top, bottom = self.flows.get(numerator), self.flows.get(denominator)
        if top is None or bottom is None:
            return
        price = _PRICE_NOTE[bottom.growth_price(self.deflated)]
        counter, who = (COUNT_SCALE, "规上企业") if top.scale else (COUNT_ALL, "企业")
        for (scope, ind, year, month), e in self._rows.items():
            if ind != numerator or e.months_with_data == 0:
                continue
            v = self._rows.get((scope, denominator, year, month))
            if v is None or not (e.py and v.cy and v.py) or not self._has_january(year - 1):
                continue
            ratio = (e.cy / v.cy) / (e.py / v.py)
            decline = (1 - ratio) * 100
            n = self._count(counter, e, monthly=False)
            note = f"同口径：本期与上年同期均有数据的{n}家{who}的{what}（{price}），正数为下降"
            self._add(indicator, scope, Period.month_of(year, month), decline, Measure.YTD, note)
            if month == 12 and self._complete(year) and self._complete(year - 1):
                self._add(indicator, scope, Period.year_of(year), decline, Measure.LEVEL,
                          note.replace("本期与上年同期", "本年与上年"))

    # -- counts made per year -------------------------------------------------------------------
    def yearly(self, rows: Iterable[YearRow]) -> None:
        """Year counts: a count rule's year (规上 set, or 高新技术 at year end), 新增入规, output thresholds."""
        first_scale_year = self.span.first_full_year + 1
        counts = [(e.indicator, "scale" if e.scale else "hitech") for e in entries(self.mapping, Rule.COUNT)
                  if e.indicator in self.flows]
        new_scale = [e.indicator for e in entries(self.mapping, Rule.NEW_SCALE)]
        over = [e.indicator for e in entries(self.mapping, Rule.OUTPUT_AT_LEAST)]
        for y in rows:
            if not self._complete(y.year):
                continue
            year = Period.year_of(y.year)
            for indicator, what in counts:
                if what == "scale" and y.year >= first_scale_year:
                    self._add(indicator, y.scope, year, getattr(y, COUNT_YEARLY[what]), Measure.LEVEL,
                              "规上：上年营业收入2000万元及以上（当年新投产的按月折算全年）且本年有数据的企业")
                elif what == "hitech":
                    self._add(indicator, y.scope, year, getattr(y, COUNT_YEARLY[what]), Measure.LEVEL,
                              "年末（当年最后一个报告月）")
            if y.year >= first_scale_year + 1:
                for indicator in new_scale:
                    self._add(indicator, y.scope, year, y.entered, Measure.LEVEL,
                              f"本年新进入规上范围{y.entered}家，退出{y.exited}家")
            for indicator, count in zip(over, y.over, strict=True):
                self._add(indicator, y.scope, year, count, Measure.LEVEL, "当年工业总产值（现价）")

    def totals(self) -> None:
        """An entry of rule total: its parts added, wherever every part is written for the same key."""
        for entry in entries(self.mapping, Rule.TOTAL):
            parts = set(entry.parts)
            monthly = {e.indicator for e in self.mapping.indicators if e.rule in MONTHLY_RULES}
            if not (parts & monthly) <= set(self.flows):  # a part the files cannot give: no partial total
                continue
            sums: dict[tuple[str, Period, Measure], list[float]] = defaultdict(list)
            for o in self.out:
                if o.indicator in parts:
                    sums[(o.scope, o.period, o.measure)].append(o.value)
            for (scope, period, measure), values in sums.items():
                if len(values) == len(parts):
                    self._add(entry.indicator, scope, period, sum(values), measure)


def _ratio(numerator: float, denominator: float, scale: float, complement: bool) -> float:
    value = numerator / denominator * scale
    return 100 - value if complement else value
