"""``planwatch targets`` and ``planwatch lint``: the plan as data, and its own arithmetic."""

from __future__ import annotations

import csv
import io
import sys
from typing import Any

import click

from planwatch.assess.progress import cagr
from planwatch.cli import LANG_OPTION, PLAN_OPTION, cli, friendly_errors, json_text
from planwatch.domain.enums import Comparator, Nature, Severity, TargetKind
from planwatch.plan.lint import LintReport, lint_plan
from planwatch.plan.load import Plan, load_plan
from planwatch.plan.schema import StatedChange, Target, YearlyRate
from planwatch.texttable import render_table

TARGET_FIELDS = (
    "id",
    "indicator",
    "name",
    "scope",
    "scope_id",
    "unit",
    "baseline_year",
    "baseline",
    "target_year",
    "target",
    "target_high",
    "comparator",
    "kind",
    "nature",
    "direction",
    "source",
    "growth_of",
    "stated_growth",
    "stated_change",
    "yearly_rate",
    "implied_growth",
)
GROWTH_UNIT = "%/yr"


def target_record(plan: Plan, t: Target, lang: str = "zh") -> dict[str, Any]:
    """One target as a flat record (the JSON/CSV shape of ``planwatch targets``).

    ``unit`` is the unit of ``baseline`` and ``target``: the indicator's, or %/yr for a growth target.
    ``stated_growth`` is the average yearly growth the plan states for the target: its own field, the growth
    target that names it in ``growth_of``, or, for a growth target, its own rate. ``implied_growth`` is the
    yearly growth baseline → target implies (%/yr), where both are levels of the same year span.
    """
    ind = plan.indicators[t.indicator]
    scope = plan.scopes[t.scope]
    direction = plan.direction_of(t)
    growth_targets = [g.id for g in plan.targets if g.growth_of == t.id]
    return {
        "id": t.id,
        "indicator": ind.id,
        "name": ind.name if lang != "en" else (ind.name_en or ind.name),
        "scope": scope.name if lang != "en" else (scope.name_en or scope.name),
        "scope_id": scope.id,
        "unit": GROWTH_UNIT if t.kind is TargetKind.GROWTH else ind.unit,
        "indicator_unit": ind.unit,
        "baseline_year": t.baseline.year if t.baseline else None,
        "baseline": t.baseline.value if t.baseline else None,
        "target_year": t.target.year if t.target else None,
        "target": t.target.value if t.target else None,
        "target_high": t.target.high if t.target else None,
        "comparator": t.target.comparator.value if t.target else None,
        "kind": t.kind.value,
        "nature": t.nature.value,
        "direction": direction.value,
        "source": t.source,
        "chain": t.chain,
        "assessed": t.assessed,
        "baseline_span": list(t.baseline.span) if t.baseline and t.baseline.span else None,
        "span": list(t.span) if t.span else None,
        "compare_to": t.compare_to.model_dump(mode="json", exclude_none=True) if t.compare_to else None,
        "growth_of": t.growth_of,
        "growth_targets": growth_targets,
        "stated_growth": _stated_growth(plan, t, growth_targets),
        "stated_change": _change(t.stated_change),
        "baseline_growth": _change(t.baseline_growth),
        "yearly_rate": _yearly(t.yearly_rate),
        "implied_growth": _implied_growth(t),
        "quote": t.quote,
        "note": t.note,
    }


def _change(c: StatedChange | None) -> dict[str, Any] | None:
    if c is None:
        return None
    return {"value": c.value, "unit": c.unit, "comparator": c.comparator.value, "text": c.text}


def _yearly(y: YearlyRate | None) -> dict[str, Any] | None:
    return None if y is None else {"per_year": y.per_year, "comparator": y.comparator.value}


def _stated_growth(plan: Plan, t: Target, growth_targets: list[str]) -> dict[str, Any] | None:
    if t.kind is TargetKind.GROWTH and t.target is not None:
        v, source, target_id = t.target, t.source, t.id
    elif t.stated_growth is not None and t.stated_growth.unit == GROWTH_UNIT:
        g = t.stated_growth
        return {"value": g.value, "comparator": g.comparator.value, "text": g.text, "source": t.source, "target": t.id}
    elif growth_targets and plan.target(growth_targets[0]).target is not None:
        other = plan.target(growth_targets[0])
        assert other.target is not None
        v, source, target_id = other.target, other.source, other.id
    else:
        return None
    return {"value": v.value, "comparator": v.comparator.value, "text": v.text, "source": source, "target": target_id}


def _implied_growth(t: Target) -> float | None:
    """(target / baseline)^(1/n) − 1 in %/yr, for a level target with a one-year baseline."""
    if t.kind is TargetKind.GROWTH or t.kind is TargetKind.CUMULATIVE or t.baseline is None or t.target is None:
        return None
    if t.baseline.span is not None or t.target.comparator is Comparator.BETWEEN:
        return None
    rate = cagr(t.baseline.value, t.target.value, t.target.year - t.baseline.year)
    return None if rate is None else round(rate * 100, 4)


def _csv_row(r: dict[str, Any]) -> dict[str, Any]:
    """The CSV keeps one number per cell: the stated growth's and change's value, the yearly rate's per_year."""
    g, c, y = r["stated_growth"], r["stated_change"], r["yearly_rate"]
    return {
        **r,
        "stated_growth": g["value"] if g else None,
        "stated_change": c["value"] if c else None,
        "yearly_rate": y["per_year"] if y else None,
    }


def _pace_cell(r: dict[str, Any], lang: str) -> str:
    """增速/增量 as the plan writes it: 15%/年以上, [9.3], 新增30, 每年2."""
    g, c, y = r["stated_growth"], r["stated_change"], r["yearly_rate"]
    parts: list[str] = []
    if g is not None and r["kind"] != TargetKind.GROWTH.value:
        at_least = Comparator(g["comparator"]).label_zh if g["comparator"] == Comparator.AT_LEAST.value else ""
        parts.append(f"{_num(g['value'])}%/年{at_least}" if lang != "en" else f"{_num(g['value'])}%/yr")
    if c is not None:
        parts.append(c["text"] or _num(c["value"]))
    if y is not None:
        parts.append(f"每年{_num(y['per_year'])}" if lang != "en" else f"{_num(y['per_year'])}/yr")
    return "；".join(parts) if parts else "—"


def _num(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@cli.command()
@PLAN_OPTION
@click.option("--scope", "scope_name", default=None, help="Only this scope (Chinese name or id).")
@click.option("--indicator", "indicator_name", default=None, help="Only this indicator (Chinese name or id).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@LANG_OPTION
@friendly_errors
def targets(plan_name: str | None, scope_name: str | None, indicator_name: str | None, fmt: str, lang: str) -> None:
    """List every target of the plan (its tables and sections), with its source."""
    plan = load_plan(plan_name)
    scope_id = _resolve(plan, scope_name, "scope", lang) if scope_name else None
    indicator_id = _resolve(plan, indicator_name, "indicator", lang) if indicator_name else None
    records = [target_record(plan, t, lang) for t in plan.targets_for(scope=scope_id, indicator=indicator_id)]
    if fmt == "json":
        click.echo(json_text(records))
        return
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(TARGET_FIELDS), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(_csv_row(r) for r in records)
        click.echo(buf.getvalue(), nl=False)
        return
    headers = (
        ["指标", "名称", "范围", "单位", "基期", "基期值", "目标年", "目标值", "增速/增量", "类型", "性质", "来源"]
        if lang != "en"
        else ["indicator", "name", "scope", "unit", "base yr", "baseline", "year", "target", "growth/change", "kind", "nature", "source"]
    )
    rows = []
    for r in records:
        target_text = _num(r["target"])
        if r["comparator"] == Comparator.BETWEEN.value:
            target_text = f"{_num(r['target'])}–{_num(r['target_high'])}"
        elif r["comparator"] in (Comparator.AT_LEAST.value, Comparator.ABOUT.value) and lang != "en":
            target_text += Comparator(r["comparator"]).label_zh
        kind = TargetKind(r["kind"])
        nature = Nature(r["nature"])
        rows.append(
            [
                r["indicator"],
                r["name"],
                r["scope"],
                "%/年" if r["unit"] == GROWTH_UNIT and lang != "en" else r["unit"],
                _num(r["baseline_year"]),
                _num(r["baseline"]),
                _num(r["target_year"]),
                target_text,
                _pace_cell(r, lang),
                kind.label_zh if lang != "en" else kind.value,
                nature.label_zh if lang != "en" else nature.value,
                r["source"],
            ]
        )
    click.echo(render_table(headers, rows, [False, False, False, False, True, True, True, True, False, False, False, False]))
    click.echo(f"\n共 {len(rows)} 个目标。" if lang != "en" else f"\n{len(rows)} targets.")


def _resolve(plan: Plan, text: str, what: str, lang: str) -> str:
    found = plan.find_scope(text) if what == "scope" else plan.find_indicator(text)
    if found is not None:
        return found.id
    suggestions = plan.suggest_scopes(text) if what == "scope" else plan.suggest_indicators(text)
    if lang == "en":
        msg = f"Unknown {what} '{text}'."
        if suggestions:
            msg += f" Did you mean: {', '.join(suggestions)}?"
    else:
        label = "范围" if what == "scope" else "指标"
        msg = f"规划中没有{label}「{text}」。"
        if suggestions:
            msg += f"是否为：{'、'.join(suggestions)}？"
    click.echo(msg, err=True)
    sys.exit(2)


@cli.command()
@click.argument("plan_arg", metavar="[PLAN]", required=False)
@PLAN_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG_OPTION
@friendly_errors
def lint(plan_arg: str | None, plan_name: str | None, fmt: str, lang: str) -> None:
    """Check the plan's own arithmetic: totals, growth rates, units, the same figure written twice.

    Exit code 1 only for errors (the plan file does not load); warnings and notes do not fail.
    """
    plan = load_plan(plan_arg or plan_name)
    report = lint_plan(plan)
    if fmt == "json":
        payload = {
            "plan": plan.meta.id,
            "checks": report.checks,
            "total_checks": report.total_checks,
            "counts": {s.value: report.count(s) for s in Severity},
            "findings": [f.to_dict(lang) for f in report.findings],
        }
        click.echo(json_text(payload))
        return
    click.echo(render_lint_text(plan, report, lang))


def render_lint_text(plan: Plan, report: LintReport, lang: str = "zh") -> str:
    out: list[str] = []
    if lang == "en":
        out.append(f"Plan: {plan.meta.name_en or plan.meta.name} ({plan.meta.id})")
    else:
        out.append(f"规划：{plan.meta.name}（{plan.meta.id}）")
    out.append("")
    for i, f in enumerate(report.findings, 1):
        sev = f.severity.label_zh if lang != "en" else f.severity.value
        out.append(f"{i}. [{sev}] {f.message(lang)}  ({f.code})")
        calc = "计算" if lang != "en" else "arithmetic"
        src = "来源" if lang != "en" else "sources"
        out.append(f"   {calc}：{f.arithmetic}" if lang != "en" else f"   {calc}: {f.arithmetic}")
        sources = f"{f.stated.source} ↔ {f.computed.source}"
        out.append(f"   {src}：{sources}" if lang != "en" else f"   {src}: {sources}")
    out.append("")
    w, n, e = report.count(Severity.WARNING), report.count(Severity.INFO), report.count(Severity.ERROR)
    if lang == "en":
        out.append(f"{report.total_checks} comparisons: {e} errors, {w} warnings, {n} notes.")
    else:
        out.append(f"共核对 {report.total_checks} 处：错误 {e} 处，警告 {w} 处，提示 {n} 处。规划原文数字保持不变。")
    return "\n".join(out)
