"""What a lint check reports: the two numbers it compares (``Side``), one disagreement (``Finding``)
and the whole report (``LintReport``), with the two helpers every check uses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from planwatch.domain.enums import Severity
from planwatch.plan.load import Plan
from planwatch.plan.schema import Target


@dataclass(frozen=True)
class Side:
    """One of the two numbers a finding compares."""

    label: str  # what the number is, in Chinese ("表2 合计 2025年目标")
    value: float | None  # None when the finding compares words, not numbers (rate_sense)
    source: str  # where in the plan
    text: str = ""  # how the plan writes it, when that matters

    def to_dict(self) -> dict[str, Any]:
        return {"label": self.label, "value": self.value, "source": self.source, "text": self.text}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    params: dict[str, Any]
    stated: Side
    computed: Side
    arithmetic: str
    targets: tuple[str, ...] = ()

    def message(self, lang: str = "zh") -> str:
        from planwatch.messages import render

        return render(self.code, lang, self.params)

    def to_dict(self, lang: str = "zh") -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message(lang),
            "stated": self.stated.to_dict(),
            "computed": self.computed.to_dict(),
            "arithmetic": self.arithmetic,
            "targets": list(self.targets),
        }


@dataclass
class LintReport:
    findings: list[Finding] = field(default_factory=list)
    checks: dict[str, int] = field(default_factory=dict)  # check id → comparisons made

    @property
    def total_checks(self) -> int:
        return sum(self.checks.values())

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


Check = Callable[[Plan, LintReport], None]


def target_label(plan: Plan, t: Target) -> str:
    return f"{plan.scopes[t.scope].name}{plan.indicators[t.indicator].name}"


def count(report: LintReport, check: str, n: int = 1) -> None:
    report.checks[check] = report.checks.get(check, 0) + n
