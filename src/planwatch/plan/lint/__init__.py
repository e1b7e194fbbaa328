"""``planwatch lint``: where the plan's own numbers disagree.

The plan's numbers are kept as written; lint reports each disagreement with both numbers, the
arithmetic and both sources. Comparisons are made at the precision the plan prints: a stated
growth of "59%" agrees with any implied growth that rounds to 59.

Severity: a difference that survives rounding is a WARNING (or INFO when it is under one unit of
the stated precision's next digit, see ``_grade``); schema problems are ERRORs and come from
``planwatch.plan.load`` before lint runs. Lint itself never fails on warnings.
"""

from __future__ import annotations

from collections.abc import Iterable

from planwatch.plan.lint.consistency import (
    check_baseline_vs_history,
    check_conflicting_targets,
    check_cumulative_as_level,
    check_formula,
)
from planwatch.plan.lint.findings import Check, Finding, LintReport, Side
from planwatch.plan.lint.growth import (
    check_growth_of,
    check_stated_change,
    check_stated_growth,
    check_yearly_rate,
)
from planwatch.plan.lint.precision import decimals_of, fmt, pct, same_at_precision
from planwatch.plan.lint.totals import check_indicator_parts, check_parts_vs_total, check_subset_of_whole
from planwatch.plan.lint.units import check_rate_sense, check_unit
from planwatch.plan.load import Plan

__all__ = [
    "CHECKS",
    "Check",
    "Finding",
    "LintReport",
    "Side",
    "decimals_of",
    "fmt",
    "iter_codes",
    "lint_plan",
    "pct",
    "same_at_precision",
]

CHECKS: list[Check] = [
    check_parts_vs_total,
    check_subset_of_whole,
    check_stated_growth,
    check_growth_of,
    check_stated_change,
    check_baseline_vs_history,
    check_conflicting_targets,
    check_unit,
    check_cumulative_as_level,
    check_yearly_rate,
    check_rate_sense,
    check_formula,
    check_indicator_parts,
]


def iter_codes() -> Iterable[str]:
    """Every finding code lint can produce (the message table test uses it)."""
    return (
        "LINT_PARTS_TOTAL",
        "LINT_SUBSET_EXCEEDS",
        "LINT_GROWTH_IMPLIED",
        "LINT_GROWTH_OF_OTHER",
        "LINT_CHANGE_IMPLIED",
        "LINT_WRITTEN_TWICE",
        "LINT_TARGET_CONFLICT",
        "LINT_UNIT_AMOUNT",
        "LINT_SHARE_OVER_100",
        "LINT_CUMULATIVE_AS_LEVEL",
        "LINT_RATE_COMPOUND",
        "LINT_FORMULA",
        "LINT_PART_FILLS_WHOLE",
    )


def lint_plan(plan: Plan) -> LintReport:
    report = LintReport()
    for check in CHECKS:
        check(plan, report)
    report.findings.sort(key=lambda f: (f.severity.rank, f.code, f.targets))
    return report
