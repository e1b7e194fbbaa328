"""Validation rules as data (DHIS2 ValidationRule style): left side, operator, right side, importance.

A rule compares two sides for every subject it applies to — an indicator × scope × period × measure
found in the table. A side is a term:

    value           the subject's own value
    sum(members)    the values of the scope's members (the plan's ``members``) added up
    sum(parts)      the values of the indicator's parts (the plan's ``parts``) added up
    last_year       the subject's value for the same period a year earlier
    limit           the indicator's natural limit (100 for a share)
    a number        a constant, e.g. -50

Operators: ``==``, ``<=``, ``>=`` (tolerance in the indicator's unit), ``between`` (right side is a
pair [low, high]) and ``within_pct`` (left differs from right by at most ``tolerance`` per cent of
right). Every ``RuleResult`` keeps both evaluated sides and the observations they were made of, so a
page can show "县市区合计 164.1 = 35.2 + 28.9 + … vs 全州 166.0". Field reference: docs/data-files.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from planwatch.domain.enums import Measure, ScopeKind, Severity
from planwatch.domain.observations import ObservationTable
from planwatch.domain.periods import Period
from planwatch.domain.problems import Location, Problem, ProblemsError
from planwatch.ingest.units import PERCENT, is_count_unit, normalise_unit
from planwatch.ingest.values import format_number
from planwatch.plan.load import Plan
from planwatch.plan.schema import ID_PATTERN, Indicator, Scope
from planwatch.yamlfile import YamlError, load_yaml

VALUE = "value"
MEMBERS = "sum(members)"
PARTS = "sum(parts)"
LAST_YEAR = "last_year"
LIMIT = "limit"
DATA_TERMS = frozenset({VALUE, MEMBERS, PARTS, LAST_YEAR})
NAMED_TERMS = frozenset({*DATA_TERMS, LIMIT})
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")

Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=64)]
Operator = Literal["==", "<=", ">=", "between", "within_pct"]
Importance = Literal["error", "warning"]
MissingStrategy = Literal["skip_if_any_missing", "skip_if_all_missing", "never_skip"]


def _term(value: object) -> object:
    """A term as text: YAML gives numbers for -50 and 0."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return format_number(float(value), 10)
    if isinstance(value, str):
        text = "".join(value.split())
        if text in NAMED_TERMS or _NUMBER.match(text):
            return text
        raise ValueError(f"unknown term {value!r}: use value, sum(members), sum(parts), last_year, limit or a number")
    return value


Term = Annotated[str, BeforeValidator(_term)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class IndicatorSelector(_Model):
    """Which indicators a rule applies to; every condition given must hold (empty = all indicators)."""

    ids: list[Id] = Field(default_factory=list, description="Only these indicator ids.")
    aggregation: Literal["sum", "none"] | None = Field(default=None, description="Only indicators that add up (sum).")
    temporal: list[Literal["flow", "stock", "ratio"]] = Field(
        default_factory=list, description="Only flows, stocks or ratios."
    )
    share: bool | None = Field(default=None, description="true: only shares (unit % with a natural limit).")
    count: bool | None = Field(default=None, description="true: only counts of things (家, 个, 万户 …).")

    def matches(self, ind: Indicator) -> bool:
        if self.ids and ind.id not in self.ids:
            return False
        if self.aggregation is not None and ind.aggregation != self.aggregation:
            return False
        if self.temporal and ind.temporal not in self.temporal:
            return False
        if self.share is not None and is_share(ind) != self.share:
            return False
        return self.count is None or is_count_unit(ind.unit) == self.count


class ScopeSelector(_Model):
    """Which scopes a rule applies to (for sum(members): which wholes); empty = all."""

    ids: list[Id] = Field(default_factory=list, description="Only these scope ids.")
    kinds: list[ScopeKind] = Field(default_factory=list, description="Only scopes of these kinds (prefecture, county …).")

    def matches(self, scope: Scope) -> bool:
        if self.ids and scope.id not in self.ids:
            return False
        return not self.kinds or scope.kind in self.kinds


class Rule(_Model):
    """One validation rule."""

    id: Id = Field(description="Stable ascii id.")
    name: str = Field(min_length=1, description="Chinese name shown with every failure.")
    name_en: str = Field(default="", description="English name.")
    description: str = Field(default="", description="What the rule checks and why.")
    left: Term = Field(description="Left side: a term.")
    operator: Operator = Field(description="==, <=, >=, between, within_pct.")
    right: Term | list[Term] = Field(description="Right side: a term; for between a pair [low, high].")
    tolerance: float = Field(default=0.0, ge=0, description="Allowed slack: per cent for within_pct, else in the unit.")
    importance: Importance = Field(default="warning", description="error blocks an import; warning does not.")
    indicators: IndicatorSelector = Field(default_factory=IndicatorSelector, description="Which indicators.")
    scopes: ScopeSelector = Field(default_factory=ScopeSelector, description="Which scopes.")
    measures: list[Measure] = Field(default_factory=lambda: [Measure.LEVEL], description="Which measures.")
    missing: MissingStrategy = Field(
        default="skip_if_any_missing",
        description="skip_if_any_missing, skip_if_all_missing (missing = 0), never_skip (missing = 0).",
    )
    source: str = Field(default="", description="Where the rule comes from (issue, regulation, practice).")

    @model_validator(mode="after")
    def _sides(self) -> Self:
        if self.operator == "between":
            if not isinstance(self.right, list) or len(self.right) != 2:
                raise ValueError("between needs right: [low, high]")
        elif isinstance(self.right, list):
            raise ValueError(f"operator {self.operator} needs a single right-hand term")
        terms = self.terms
        if MEMBERS in terms and PARTS in terms:
            raise ValueError("a rule cannot use both sum(members) and sum(parts)")
        if not set(terms) & DATA_TERMS:
            raise ValueError("a rule needs at least one data term (value, sum(members), sum(parts), last_year)")
        return self

    @property
    def right_terms(self) -> list[str]:
        return list(self.right) if isinstance(self.right, list) else [self.right]

    @property
    def terms(self) -> list[str]:
        return [self.left, *self.right_terms]

    @property
    def severity(self) -> Severity:
        return Severity.ERROR if self.importance == "error" else Severity.WARNING


class RuleFile(_Model):
    """A rules file: a list of rules."""

    rules: list[Rule] = Field(description="The rules.")


def is_share(ind: Indicator) -> bool:
    return normalise_unit(ind.unit) == PERCENT and ind.limit is not None


# -- loading ------------------------------------------------------------------------------------
def load_rules(path: Path | None = None) -> list[Rule]:
    """The rules of ``path``, or the bundled rules.yaml; raises ProblemsError listing every problem."""
    if path is None:
        text = resources.files("planwatch.ingest").joinpath("rules.yaml").read_text(encoding="utf-8")
        file = "rules.yaml"
    else:
        if not path.exists():
            raise ProblemsError([Problem("RULES_NOT_FOUND", Severity.ERROR, Location(file=str(path)), {"file": str(path)})])
        text = path.read_text(encoding="utf-8")
        file = path.name
    return parse_rules(text, file=file)


def parse_rules(text: str, *, file: str = "<rules>") -> list[Rule]:
    try:
        data = load_yaml(text, file=file, prefix="RULES").data
    except YamlError as exc:
        raise ProblemsError([exc.problem]) from None
    try:
        parsed = RuleFile.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"])
            detail = str(err.get("ctx", {}).get("error", err["msg"]))
            problems.append(Problem("RULES_INVALID", Severity.ERROR, Location(file=file, path=where), {"field": where, "detail": detail}))
        raise ProblemsError(problems) from None
    seen: set[str] = set()
    dups: list[Problem] = []
    for i, rule in enumerate(parsed.rules):
        if rule.id in seen:
            dups.append(Problem("RULES_DUPLICATE_ID", Severity.ERROR, Location(file=file, path=f"rules.{i}.id"), {"id": rule.id}))
        seen.add(rule.id)
    if dups:
        raise ProblemsError(dups)
    return list(parsed.rules)


# -- results ------------------------------------------------------------------------------------
class RuleOutcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    SKIPPED = "skipped"  # a value the rule needs is missing (missing strategy) or the term is undefined

    @property
    def label_zh(self) -> str:
        return {"passed": "通过", "failed": "未通过", "skipped": "跳过"}[self.value]


@dataclass(frozen=True, slots=True)
class Part:
    """One value a side was made of (missing: ``value`` is None)."""

    indicator: str
    scope: str
    period: Period
    measure: Measure
    value: float | None
    origin: str = ""  # where the value was read (data.xlsx:Sheet1:12, plan:history)
    source: str = ""
    in_table: bool = False  # from the evaluated table (False: from the context, e.g. the plan's history)

    def to_dict(self) -> dict[str, Any]:
        return {
            "indicator": self.indicator,
            "scope": self.scope,
            "period": str(self.period),
            "measure": self.measure.value,
            "value": self.value,
            "origin": self.origin,
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Side:
    """One evaluated side: the term, its value, and the observations used."""

    term: str
    value: float | None
    parts: tuple[Part, ...] = ()

    @property
    def missing(self) -> int:
        return sum(1 for p in self.parts if p.value is None)

    def to_dict(self) -> dict[str, Any]:
        return {"term": self.term, "value": self.value, "parts": [p.to_dict() for p in self.parts]}


@dataclass(frozen=True, slots=True)
class RuleResult:
    """A rule evaluated for one subject, with both sides kept."""

    rule: Rule
    indicator: str
    scope: str
    period: Period
    measure: Measure
    left: Side
    right: tuple[Side, ...]  # one side, or two for between
    outcome: RuleOutcome
    difference: float | None = None  # left − right (for between: distance outside the range)
    difference_pct: float | None = None  # within_pct: |left − right| / |right| × 100

    @property
    def failed(self) -> bool:
        return self.outcome is RuleOutcome.FAILED

    def subject_part(self) -> Part | None:
        """The observation of the evaluated table the result is about (for locating a problem)."""
        for side in (self.left, *self.right):
            for part in side.parts:
                if part.in_table and part.indicator == self.indicator and part.scope == self.scope:
                    return part
        for side in (self.left, *self.right):
            for part in side.parts:
                if part.in_table:
                    return part
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule.id,
            "name": self.rule.name,
            "importance": self.rule.importance,
            "operator": self.rule.operator,
            "tolerance": self.rule.tolerance,
            "indicator": self.indicator,
            "scope": self.scope,
            "period": str(self.period),
            "measure": self.measure.value,
            "outcome": self.outcome.value,
            "left": self.left.to_dict(),
            "right": [s.to_dict() for s in self.right],
            "difference": self.difference,
            "difference_pct": self.difference_pct,
        }


# -- evaluation -----------------------------------------------------------------------------------
Subject = tuple[str, str, Period, Measure]


class _Lookup:
    def __init__(self, table: ObservationTable, context: ObservationTable | None) -> None:
        self.table = table
        self.context = context

    def part(self, indicator: str, scope: str, period: Period, measure: Measure) -> Part:
        obs = self.table.get(indicator, scope, period, measure)
        in_table = obs is not None
        if obs is None and self.context is not None:
            obs = self.context.get(indicator, scope, period, measure)
        if obs is None:
            return Part(indicator, scope, period, measure, None)
        return Part(indicator, scope, period, measure, obs.value, obs.origin, obs.source, in_table)


def evaluate_rules(
    table: ObservationTable,
    plan: Plan,
    rules: Sequence[Rule],
    period: Period | None = None,
    *,
    context: ObservationTable | None = None,
) -> list[RuleResult]:
    """Every rule for every subject the table holds (only ``period`` when given).

    ``context`` (e.g. the plan's history) supplies values for last year or for members that the
    table lacks; subjects come from the table only.
    """
    lookup = _Lookup(table, context)
    out: list[RuleResult] = []
    for rule in rules:
        for subject in _subjects(rule, table, plan, period):
            out.append(_evaluate(rule, subject, plan, lookup))
    return out


def _subjects(rule: Rule, table: ObservationTable, plan: Plan, period: Period | None) -> list[Subject]:
    seen: dict[Subject, None] = {}
    wholes_of: dict[str, list[str]] = {}
    for s in plan.scopes.values():
        for m in s.members:
            wholes_of.setdefault(m, []).append(s.id)
    for obs in table:
        if period is not None and obs.period != period:
            continue
        if obs.measure not in rule.measures:
            continue
        ind = plan.indicators.get(obs.indicator)
        if ind is None:
            continue
        if MEMBERS in rule.terms:
            candidates = [obs.scope, *wholes_of.get(obs.scope, [])]
            for sid in candidates:
                scope = plan.scopes.get(sid)
                if scope and scope.members and rule.scopes.matches(scope) and rule.indicators.matches(ind):
                    seen.setdefault((ind.id, sid, obs.period, obs.measure), None)
            continue
        scope = plan.scopes.get(obs.scope)
        if scope is None or not rule.scopes.matches(scope):
            continue
        if PARTS in rule.terms:
            owners = [ind] if ind.parts else []
            owners += [i for i in plan.indicators.values() if obs.indicator in i.parts]
            for owner in owners:
                if rule.indicators.matches(owner):
                    seen.setdefault((owner.id, obs.scope, obs.period, obs.measure), None)
            continue
        if rule.indicators.matches(ind):
            seen.setdefault(obs.key, None)
    return list(seen)


def _side(term: str, subject: Subject, plan: Plan, lookup: _Lookup) -> Side:
    indicator, scope, period, measure = subject
    if term == VALUE:
        part = lookup.part(indicator, scope, period, measure)
        return Side(term, part.value, (part,))
    if term == LAST_YEAR:
        part = lookup.part(indicator, scope, period.same_period_last_year(), measure)
        return Side(term, part.value, (part,))
    if term == MEMBERS:
        parts = tuple(lookup.part(indicator, m, period, measure) for m in plan.scopes[scope].members)
        return Side(term, _sum(parts), parts)
    if term == PARTS:
        parts = tuple(lookup.part(p, scope, period, measure) for p in plan.indicators[indicator].parts)
        return Side(term, _sum(parts), parts)
    if term == LIMIT:
        return Side(term, plan.indicators[indicator].limit)
    return Side(term, float(term))


def _sum(parts: Iterable[Part]) -> float | None:
    values = [p.value for p in parts if p.value is not None]
    return sum(values) if values else None


def _evaluate(rule: Rule, subject: Subject, plan: Plan, lookup: _Lookup) -> RuleResult:
    left = _side(rule.left, subject, plan, lookup)
    right = tuple(_side(t, subject, plan, lookup) for t in rule.right_terms)
    indicator, scope, period, measure = subject

    def result(outcome: RuleOutcome, diff: float | None = None, pct: float | None = None) -> RuleResult:
        return RuleResult(rule, indicator, scope, period, measure, left, right, outcome, diff, pct)

    sides = (left, *right)
    data_parts = [p for s in sides for p in s.parts]
    missing = sum(1 for p in data_parts if p.value is None)
    if any(s.term == LIMIT and s.value is None for s in sides):
        return result(RuleOutcome.SKIPPED)
    if missing and (rule.missing == "skip_if_any_missing" or missing == len(data_parts)) and rule.missing != "never_skip":
        return result(RuleOutcome.SKIPPED)
    lv = left.value if left.value is not None else 0.0
    rv = [s.value if s.value is not None else 0.0 for s in right]
    tol = rule.tolerance
    eps = 1e-9 * max(1.0, abs(lv), *(abs(v) for v in rv))
    if rule.operator == "between":
        low, high = min(rv), max(rv)
        diff = (lv - high) if lv > high else (lv - low) if lv < low else 0.0
        passed = low - tol - eps <= lv <= high + tol + eps
        return result(RuleOutcome.PASSED if passed else RuleOutcome.FAILED, diff)
    r = rv[0]
    diff = lv - r
    if rule.operator == "within_pct":
        if r == 0:
            passed = abs(lv) <= eps
            return result(RuleOutcome.PASSED if passed else RuleOutcome.FAILED, diff)
        pct = abs(diff) / abs(r) * 100
        passed = pct <= tol + 1e-9
        return result(RuleOutcome.PASSED if passed else RuleOutcome.FAILED, diff, pct)
    if rule.operator == "==":
        passed = abs(diff) <= tol + eps
    elif rule.operator == "<=":
        passed = lv <= r + tol + eps
    else:
        passed = lv >= r - tol - eps
    return result(RuleOutcome.PASSED if passed else RuleOutcome.FAILED, diff)


# -- results as problems --------------------------------------------------------------------------
def location_from_origin(origin: str) -> Location:
    """``file:sheet:row`` or ``file:row`` → Location; anything else → a Location naming the origin."""
    parts = origin.rsplit(":", 2)
    if len(parts) == 3 and parts[2].isdigit():
        return Location(file=parts[0], sheet=parts[1], row=int(parts[2]))
    if len(parts) >= 2 and parts[-1].isdigit():
        return Location(file=":".join(parts[:-1]), row=int(parts[-1]))
    return Location(file=origin)


def problem_code(rule: Rule) -> str:
    """The message a failure of ``rule`` is told with (chosen by the rule's shape)."""
    left, right, op = rule.left, rule.right_terms, rule.operator
    if left == MEMBERS and right == [VALUE] and op == "within_pct":
        return "RULE_MEMBERS_SUM"
    if left == VALUE and right == [LAST_YEAR] and op == "within_pct":
        return "RULE_YOY_CHANGE"
    if left == VALUE and op == "between":
        return "RULE_OUT_OF_RANGE"
    if left == VALUE and op == ">=" and right[0] not in NAMED_TERMS:
        return "RULE_BELOW_MIN"
    if left == VALUE and op == "<=" and right[0] not in NAMED_TERMS:
        return "RULE_ABOVE_MAX"
    return "RULE_FAILED"


def rule_problems(
    results: Iterable[RuleResult],
    plan: Plan,
    *,
    locate: Callable[[Part], Location | None] | None = None,
) -> list[Problem]:
    """One Problem per failed result (severity from the rule's importance), located at its subject's row."""
    out: list[Problem] = []
    for res in results:
        if not res.failed:
            continue
        subject = res.subject_part()
        where: Location | None = None
        if subject is not None and locate is not None:
            where = locate(subject)
        if where is None:
            where = location_from_origin(subject.origin) if subject is not None else Location()
        out.append(Problem(problem_code(res.rule), res.rule.severity, where, _params(res, plan)))
    return out


def _params(res: RuleResult, plan: Plan) -> dict[str, Any]:
    ind = plan.indicators[res.indicator]
    rule = res.rule
    unit = PERCENT if res.measure in (Measure.GROWTH, Measure.YTD_GROWTH) else ind.unit

    def num(v: float | None) -> str:
        return "—" if v is None else format_number(v)

    params: dict[str, Any] = {
        "rule": rule.name,
        "rule_id": rule.id,
        "indicator": ind.name,
        "scope": plan.scopes[res.scope].name,
        "period": res.period.label_zh,
        "measure": "" if res.measure is Measure.LEVEL else res.measure.label_zh,
        "unit": unit,
        "left": num(res.left.value),
        "left_term": res.left.term,
        "right": "、".join(num(s.value) for s in res.right),
        "right_term": "、".join(s.term for s in res.right),
        "operator": rule.operator,
        "tolerance": format_number(rule.tolerance),
        "diff": "—" if res.difference_pct is None else format_number(res.difference_pct, 2),
        "n": len(res.left.parts),
        "last_period": res.period.same_period_last_year().label_zh,
    }
    if rule.operator == "between":
        params["low"] = num(min(s.value or 0.0 for s in res.right))
        params["high"] = num(max(s.value or 0.0 for s in res.right))
    return params
