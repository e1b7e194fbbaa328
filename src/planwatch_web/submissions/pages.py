"""What the form page shows: the grid rows, rule checks and history, built from access-checked rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language

from planwatch.domain.enums import Comparator, Measure, Severity
from planwatch.domain.observations import format_value
from planwatch.domain.problems import Problem
from planwatch.plan.schema import Target
from planwatch_web.core.plan import get_plan, indicator_name, unit_label
from planwatch_web.submissions import access
from planwatch_web.submissions.formlines import FormLine, form_lines
from planwatch_web.submissions.ingest_bridge import RuleCheck, lang_code, rule_checks
from planwatch_web.submissions.models import MEASURE_LABELS, DataValue, Submission
from planwatch_web.submissions.states import ASSESSED_STATES, allowed_transitions
from planwatch_web.submissions.validation import GridResult, note_field, source_field, value_field


@dataclass
class GridRow:
    line: FormLine
    name: str
    unit: str
    measure_label: str
    target_text: str
    last_year: str
    value_text: str
    note: str
    source: str
    errors: list[str] = field(default_factory=list)

    @property
    def value_field(self) -> str:
        return value_field(self.line)

    @property
    def note_field(self) -> str:
        return note_field(self.line)

    @property
    def source_field(self) -> str:
        return source_field(self.line)


def target_text(targets: Sequence[Target]) -> str:
    parts = []
    for t in targets:
        if t.target is None:
            continue
        value = format_value(t.target.value)
        if t.target.comparator is Comparator.BETWEEN and t.target.high is not None:
            value = f"{value}–{format_value(t.target.high)}"
        parts.append(f"{t.target.year}: {value}")
    return "; ".join(parts)


def grid_rows(
    user: Any, submission: Submission, lines: Sequence[FormLine], grid: GridResult | None = None
) -> list[GridRow]:
    current = {dv.line_key: dv for dv in access.values_of(user, submission)}
    last = submission.period.as_period.same_period_last_year()
    previous: Mapping[str, DataValue] = {
        dv.line_key: dv
        for dv in access.datavalues_for_user(user).filter(
            scope=submission.scope_id, period=str(last), submission__state__in=ASSESSED_STATES
        )
    }
    history = get_plan().history_observations()
    rows = []
    for line in lines:
        dv = current.get(line.key)
        prev = previous.get(line.key)
        last_value = prev.value if prev is not None else None
        if last_value is None:  # no approved form of last year: the plan's own figure for it, if any
            reported = history.get(line.indicator.id, submission.scope_id, last, Measure(line.measure))
            last_value = reported.value if reported is not None else None
        value_text = format_value(dv.value) if dv is not None and dv.value is not None else ""
        note = dv.note if dv is not None else ""
        source = dv.source if dv is not None else ""
        errors: list[str] = []
        if grid is not None and line.key in grid.raw:
            value_text, note, source = grid.raw[line.key]
            errors = grid.errors.get(line.key, [])
        rows.append(
            GridRow(
                line=line,
                name=indicator_name(line.indicator),
                unit=unit_label(line.unit),
                measure_label=str(MEASURE_LABELS[Measure(line.measure)]),
                target_text=target_text(line.targets),
                last_year=format_value(last_value) if last_value is not None else "",
                value_text=value_text,
                note=note,
                source=source,
                errors=errors,
            )
        )
    return rows


@dataclass(frozen=True)
class ShownProblem:
    where: str
    severity: str
    message: str
    is_error: bool


def shown_problems(problems: Sequence[Problem]) -> list[ShownProblem]:
    lang = lang_code(get_language())
    out = []
    for p in sorted(problems, key=lambda p: (p.severity.rank, p.location.sheet, p.location.row or 0)):
        where = str(p.location)
        sev = p.severity.label_zh if lang == "zh" else p.severity.value
        out.append(ShownProblem(where, sev, p.message(lang), p.severity is Severity.ERROR))
    return out


def detail_context(
    request: HttpRequest,
    submission: Submission,
    *,
    grid: GridResult | None = None,
    problems: Sequence[Problem] = (),
    details: Sequence[str] = (),
    checks: Sequence[RuleCheck] | None = None,
) -> dict[str, Any]:
    user = request.user
    plan = get_plan()
    lines = form_lines(plan, submission.scope_id, submission.period.as_period)
    writable = access.can_write(user, submission)
    reviewer = access.is_reviewer(user)
    if checks is None:
        checks = rule_checks(plan, submission) if writable or reviewer else []
    return {
        "submission": submission,
        "rows": grid_rows(user, submission, lines, grid),
        "can_edit": writable and submission.editable and not submission.period.is_closed,
        "can_write": writable,
        "is_reviewer": reviewer,
        "transitions": [t.value for t in allowed_transitions(submission.state_enum)],
        "audit": list(access.audit_for_submission(user, submission)[:200]),
        "problems": shown_problems(problems),
        "details": list(details),
        "checks": list(checks),
        "today": None,
        "upload_max_mb": settings.PLANWATCH_UPLOAD_MAX_BYTES // 2**20,
    }
