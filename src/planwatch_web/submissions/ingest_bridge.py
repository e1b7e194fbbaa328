"""The only place the web calls the core's ingest layer: Excel templates, reading uploads, rules.

The web never re-implements reading, normalising or validating data: an upload goes through
``planwatch.ingest.check_observations`` exactly as ``planwatch check`` does, and the rules are the
core's rules as data (``planwatch/ingest/rules.yaml``), evaluated by ``evaluate_rules`` with the
approved data around the submission as context. This module adapts shapes (an upload must belong
to one submission; a rule result becomes a row with both sides) and nothing more.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from planwatch.domain.enums import Severity
from planwatch.domain.observations import Observation, ObservationTable, format_value
from planwatch.domain.problems import Location, Problem
from planwatch.domain.spreadsheet_text import set_text
from planwatch.ingest import check_observations, evaluate_rules, load_rules, rule_problems
from planwatch.ingest.rules import (
    LAST_YEAR,
    LIMIT,
    MEMBERS,
    PARTS,
    VALUE,
    Rule,
    RuleOutcome,
    RuleResult,
    Side,
)
from planwatch.ingest.template import build_template, template_rows
from planwatch.ingest.values import clean_text
from planwatch.plan.load import Plan
from planwatch_web.core.plan import indicator_label, is_english, scope_label
from planwatch_web.submissions.formlines import FormLine
from planwatch_web.submissions.models import MEASURE_LABELS, DataValue, Submission
from planwatch_web.submissions.validation import MAX_SOURCE, ValueInput

log = logging.getLogger(__name__)


def lang_code(language: str | None) -> str:
    """Django's language code → the core's ``lang`` ("zh" or "en")."""
    return "en" if (language or "").lower().startswith("en") else "zh"


@functools.cache
def _rules_from(path: str) -> tuple[Rule, ...]:
    return tuple(load_rules(Path(path) if path else None))


def default_rules() -> tuple[Rule, ...]:
    """The rules the forms are checked with: ``PLANWATCH_RULES`` (a rules file) or the core's bundled
    rules.yaml (where the county-sum rule only warns; a prefecture that wants it to block submitting
    sets its importance to error in its own file)."""
    return _rules_from(str(getattr(settings, "PLANWATCH_RULES", "") or ""))


def submission_table(submission: Submission) -> ObservationTable:
    """The submission's current values (whatever its state) as observations."""
    return ObservationTable.of(
        o
        for o in (dv.to_observation() for dv in DataValue.objects.filter(submission=submission))
        if o is not None
    )


def rule_context(plan: Plan, submission: Submission) -> ObservationTable:
    """What the rules compare a submission with: the plan's history and approved values of the same
    period (the other counties, the prefecture) and of the same period a year earlier."""
    from planwatch_web.core.observations import database_observations

    period = submission.period.as_period
    return plan.history_observations().merged(
        database_observations(periods=[period, period.same_period_last_year()])
    )


def _blocks(result: RuleResult, submission: Submission) -> bool:
    """A failed rule of importance "error" blocks only the scope it is about: a county cannot be
    stopped by the prefecture's total, but the prefecture is stopped by its counties' sum."""
    return result.failed and result.rule.severity is Severity.ERROR and result.scope == submission.scope_id


def evaluate_for(plan: Plan, submission: Submission, table: ObservationTable) -> list[RuleResult]:
    return evaluate_rules(
        table,
        plan,
        list(default_rules()),
        submission.period.as_period,
        context=rule_context(plan, submission),
    )


# -- reading an upload ----------------------------------------------------------------------------------
@dataclass
class UploadResult:
    table: ObservationTable
    problems: list[Problem] = field(default_factory=list)  # errors block; warnings are shown
    rows_read: int = 0

    @property
    def ok(self) -> bool:
        return not any(p.severity is Severity.ERROR for p in self.problems)


def check_upload(path: Path, plan: Plan, submission: Submission, lines: Sequence[FormLine]) -> UploadResult:
    """Read and validate an uploaded CSV/XLSX through the core and check it belongs to this form.

    Every problem at once: the reader's (header, row, cell), rows that are not this form's, and the
    rules evaluated on the form as it would be after the upload, against the approved data.
    """
    read = check_observations([path], plan, rules=[])
    problems = [_explained(p, path) for p in read.problems]
    problems += belongs_to_submission(read.table, submission, lines, path.name)
    if not any(p.severity is Severity.ERROR for p in problems):
        after = submission_table(submission).merged(read.table)
        results = evaluate_for(plan, submission, after)
        origins = {o.origin for o in read.table}
        uploaded = [r for r in results if (p := r.subject_part()) is not None and p.origin in origins]
        for problem, result in zip(
            rule_problems(uploaded, plan), [r for r in uploaded if r.failed], strict=True
        ):
            if problem.severity is Severity.ERROR and not _blocks(result, submission):
                problem = dataclasses.replace(problem, severity=Severity.WARNING)
            problems.append(problem)
    return UploadResult(read.table, problems, read.rows_read)


def upload_inputs(
    table: ObservationTable,
    stored: Mapping[str, DataValue],
    *,
    file_name: str,
    default_source: str,
) -> list[ValueInput]:
    """The rows of a checked upload as the values to save, keeping what the user did not change.

    - A blank 来源 (the core's reader then cites the file, ``file_name``) keeps the line's stored
      source, or gets ``default_source`` ("<范围>填报（<时期>）") for a new line — never the file name.
    - The reader folds full-width characters (NFKC: "（）" → "()"); a source or note that equals the
      stored text after that folding is the stored text, unchanged (no change logged).
    """
    inputs = []
    for o in table:
        current = stored.get(f"{o.indicator}:{o.measure.value}")
        source, note = o.source, o.note
        if source == file_name:
            source = current.source if current is not None and current.source else default_source
        if current is not None:
            source = current.source if clean_text(current.source) == source else source
            note = current.note if clean_text(current.note) == note else note
        inputs.append(ValueInput(o.indicator, o.measure, o.value, note, source, o.origin or file_name))
    return inputs


EXCEL_SUFFIXES = (".xlsx", ".xlsm")


def _explained(problem: Problem, path: Path) -> Problem:
    """A workbook the reader cannot open is explained in the user's words (the core's
    INGEST_NOT_WORKBOOK: "不是有效的 Excel 文件（.xlsx），可能是改了扩展名的 CSV …"); the library's own
    text (BadZipFile, KeyError …) goes to the log, never to the page."""
    if problem.code == "INGEST_FILE_UNREADABLE" and path.suffix.lower() in EXCEL_SUFFIXES:
        log.warning("upload %s unreadable: %s", path.name, problem.params.get("detail"))
        return _web_problem("INGEST_NOT_WORKBOOK", problem.location, file=path.name)
    return problem


def belongs_to_submission(
    table: ObservationTable, submission: Submission, lines: Sequence[FormLine], file_name: str
) -> list[Problem]:
    """Problems for rows of an upload that are not lines of this submission's form (scope, period, line)."""
    period = submission.period.period
    keys = {line.key for line in lines}
    problems: list[Problem] = []
    for obs in table:
        where = _location_of(obs, file_name)
        if obs.scope != submission.scope_id:
            problems.append(
                _web_problem(
                    "WEB_UPLOAD_OTHER_SCOPE",
                    where,
                    scope=scope_label(obs.scope),
                    expected=scope_label(submission.scope_id),
                )
            )
        elif str(obs.period) != period:
            problems.append(
                _web_problem("WEB_UPLOAD_OTHER_PERIOD", where, period=str(obs.period), expected=period)
            )
        elif len(obs.source) > MAX_SOURCE:
            problems.append(
                _web_problem("WEB_UPLOAD_SOURCE_TOO_LONG", where, length=len(obs.source), limit=MAX_SOURCE)
            )
        elif f"{obs.indicator}:{obs.measure.value}" not in keys:
            problems.append(
                _web_problem(
                    "WEB_UPLOAD_NOT_ON_FORM",
                    where,
                    indicator=indicator_label(obs.indicator),
                    measure=str(MEASURE_LABELS[obs.measure]),
                )
            )
    return problems


def _location_of(obs: Observation, file_name: str) -> Location:
    """``origin`` is "file:sheet:row" (or "file:row" for CSV) as the readers write it."""
    parts = obs.origin.rsplit(":", 2)
    if len(parts) == 3 and parts[2].isdigit():
        return Location(file=file_name, sheet=parts[1], row=int(parts[2]))
    if len(parts) >= 2 and parts[-1].isdigit():
        return Location(file=file_name, row=int(parts[-1]))
    return Location(file=file_name)


def _web_problem(code: str, where: Location, **params: Any) -> Problem:
    return Problem(code, Severity.ERROR, where, params)


# -- the Excel template --------------------------------------------------------------------------------
def template_for(plan: Plan, submission: Submission, current: ObservationTable) -> bytes:
    """The core's pre-filled template for this scope and period, with the values already entered.

    (Seam: the core's template has no values column input yet; we fill 数值/来源/备注 of the rows it
    laid out, matched by position with ``template_rows``, which is the same list in the same order.)
    """
    period = submission.period.as_period
    workbook = build_template(plan, submission.scope_id, period)
    sheet = workbook.active
    headers = [c.value for c in sheet[1]]
    col = {name: headers.index(name) + 1 for name in ("数值", "来源", "备注") if name in headers}
    for offset, row in enumerate(template_rows(plan, submission.scope_id, period)):
        obs = current.get(row.indicator, submission.scope_id, period, row.measure)
        if obs is None:
            continue
        excel_row = offset + 2
        if "数值" in col:
            sheet.cell(row=excel_row, column=col["数值"], value=obs.value)
        if "来源" in col and obs.source:
            set_text(sheet.cell(row=excel_row, column=col["来源"]), obs.source)
        if "备注" in col and obs.note:
            set_text(sheet.cell(row=excel_row, column=col["备注"]), obs.note)
    buf = io.BytesIO()
    workbook.save(buf)
    return buf.getvalue()


# -- rules across values, for the page ---------------------------------------------------------------
@dataclass(frozen=True)
class SideView:
    label: str
    value: float | None
    parts: str  # "吉首市 35.2 + 泸溪县 28.9 + …" when the side adds several values


@dataclass(frozen=True)
class RuleCheck:
    """One rule evaluated for this submission, with both compared sides (DHIS2's validation result)."""

    rule: str
    name: str
    subject: str  # indicator · scope
    outcome: RuleOutcome
    importance: str
    blocking: bool
    left: SideView
    operator: str
    right: tuple[SideView, ...]
    difference_pct: float | None

    @property
    def passed(self) -> bool:
        return self.outcome is RuleOutcome.PASSED

    @property
    def skipped(self) -> bool:
        return self.outcome is RuleOutcome.SKIPPED


def _operator_label(rule: Rule) -> str:
    tolerance = format_value(rule.tolerance)
    if rule.operator == "within_pct":
        return _("相差不超过 %(tol)s%%") % {"tol": tolerance}
    if rule.operator == "between":
        return _("介于")
    symbol = {"==": "=", "<=": "≤", ">=": "≥"}[rule.operator]
    return f"{symbol}（±{tolerance}）" if rule.tolerance else symbol


def _term_label(term: str) -> str:
    labels = {
        VALUE: _("本期数值"),
        MEMBERS: _("下属单位合计"),
        PARTS: _("分项合计"),
        LAST_YEAR: _("上年同期"),
        LIMIT: _("上限"),
    }
    return labels.get(term, term)


def _side_view(side: Side) -> SideView:
    parts = ""
    if len(side.parts) > 1:
        parts = " + ".join(
            f"{scope_label(p.scope)} {format_value(p.value) if p.value is not None else '—'}"
            for p in side.parts
        )
    constant = side.term not in (VALUE, MEMBERS, PARTS, LAST_YEAR, LIMIT)
    return SideView("" if constant else _term_label(side.term), side.value, parts)


def rule_checks(plan: Plan, submission: Submission) -> list[RuleCheck]:
    """The core's rules evaluated on this submission's values with approved data around them."""
    results = evaluate_for(plan, submission, submission_table(submission))
    checks = []
    for r in results:
        if r.outcome is RuleOutcome.SKIPPED and r.scope != submission.scope_id:
            continue  # e.g. the prefecture's total while counties are still missing: nothing to say yet
        name = (r.rule.name_en or r.rule.name) if is_english() else r.rule.name
        checks.append(
            RuleCheck(
                rule=r.rule.id,
                name=name,
                subject=f"{indicator_label(r.indicator)} · {scope_label(r.scope)}",
                outcome=r.outcome,
                importance=r.rule.importance,
                blocking=_blocks(r, submission),
                left=_side_view(r.left),
                operator=_operator_label(r.rule),
                right=tuple(_side_view(s) for s in r.right),
                difference_pct=r.difference_pct,
            )
        )
    checks.sort(key=lambda c: (c.passed, c.skipped, not c.blocking))
    return checks


def blocking_rule_messages(plan: Plan, submission: Submission) -> list[str]:
    """Failed rules of importance "error" about this scope: they stop 上报 (warnings only show)."""
    results = evaluate_for(plan, submission, submission_table(submission))
    lang = "en" if is_english() else "zh"
    blocking = [r for r in results if _blocks(r, submission)]
    return [
        _("规则未通过：%(message)s") % {"message": p.message(lang)} for p in rule_problems(blocking, plan)
    ]
