"""Data import: CSV and XLSX files → the canonical observation table, validated all at once.

Public API (other packages code against these names):

    load_observations(paths, plan, lang="zh") -> ObservationTable      raises ProblemsError on any error
    read_observations(paths, plan) -> ImportResult                      same, but keeps warnings
    check_observations(paths, plan) -> ImportResult                     never raises; errors included
    check_records(records, plan) -> ImportResult                        the same for web-form rows
    chain_levels(table, plan) -> list[Observation]                      levels implied by growth-only data
    load_rules(path=None) / evaluate_rules(table, plan, rules) / rule_problems(results, plan)
    build_template(plan, scope, period) / template_bytes(...)           the pre-filled Excel template

Column names, periods, measures, units and every problem code: docs/data-files.md.
"""

from __future__ import annotations

from planwatch.ingest.chain import chain_levels
from planwatch.ingest.importer import (
    ImportResult,
    check_observations,
    check_records,
    load_observations,
    read_observations,
)
from planwatch.ingest.rules import (
    Rule,
    RuleOutcome,
    RuleResult,
    evaluate_rules,
    load_rules,
    parse_rules,
    rule_problems,
)

__all__ = [
    "ImportResult",
    "Rule",
    "RuleOutcome",
    "RuleResult",
    "chain_levels",
    "check_observations",
    "check_records",
    "evaluate_rules",
    "load_observations",
    "load_rules",
    "parse_rules",
    "read_observations",
    "rule_problems",
]
