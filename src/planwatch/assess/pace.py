"""A pace in the target's own terms (docs/methodology.md §"A pace in the target's own terms").

* a share or rate in % (kind share, or a ratio indicator in %) moves in 百分点: the change per year
  done so far and still needed; its % growth (``actual_growth`` / ``required_growth``) is None;
* a count (a stock such as 企业数) or a five-year total moves in its own unit per year, never by a
  % growth rate;
* with a year or less left no yearly rate is given: only the amount still needed (``remaining``)
  and the months left ("年内还需新增N家", "剩余6个月需完成…").
"""

from __future__ import annotations

from enum import StrEnum

from planwatch.assess.context import Draft, TargetContext
from planwatch.domain.enums import TargetKind


class PaceTerms(StrEnum):
    """How a target's pace is stated."""

    GROWTH = "growth"  # % per year (amounts of money, output)
    POINTS = "points"  # 百分点 per year (shares, rates in %)
    AMOUNT = "amount"  # the target's unit per year (counts, five-year totals)


def pace_terms(ctx: TargetContext) -> PaceTerms:
    kind = ctx.target.kind
    if kind in (TargetKind.CUMULATIVE, TargetKind.YEARLY_RATE) and ctx.indicator.temporal == "flow":
        return PaceTerms.AMOUNT
    if kind is TargetKind.SHARE or (ctx.indicator.temporal == "ratio" and ctx.indicator.unit.strip() == "%"):
        return PaceTerms.POINTS
    if ctx.indicator.temporal == "stock":
        return PaceTerms.AMOUNT
    return PaceTerms.GROWTH


def set_pace(
    ctx: TargetContext,
    d: Draft,
    *,
    done: float | None,
    years_elapsed: float,
    remaining: float | None,
    years_left: float,
) -> None:
    """Fill the pace fields: ``done`` is the change since the start (None when unknown), ``remaining``
    what is still needed (≤ 0 or None when met), over ``years_elapsed`` and ``years_left``."""
    terms = pace_terms(ctx)
    d.inputs["pace_terms"] = terms.value
    d.months_left = max(round(years_left * 12), 0)
    d.remaining = remaining if remaining is not None and remaining > 0 else None
    if terms is PaceTerms.GROWTH:
        return
    d.actual_growth = None
    d.required_growth = None
    per_done = done / years_elapsed if done is not None and years_elapsed > 0 else None
    per_left = d.remaining / years_left if d.remaining is not None and years_left > 1 else None
    if terms is PaceTerms.POINTS:
        d.actual_change_pp_per_year, d.required_change_pp_per_year = per_done, per_left
    else:
        d.actual_change_per_year, d.required_change_per_year = per_done, per_left
