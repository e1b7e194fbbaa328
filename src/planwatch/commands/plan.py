"""``planwatch targets`` and ``planwatch lint``: the plan as data, and its own arithmetic."""

from __future__ import annotations

import csv
import io
import sys
from typing import Any

import click

from planwatch.cli import LANG_OPTION, PLAN_OPTION, cli, friendly_errors, json_text
from planwatch.domain.enums import Severity
from planwatch.plan.lint import LintReport, lint_plan
from planwatch.plan.load import Plan, load_plan
from planwatch.plan.schema import Target
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
)


def target_record(plan: Plan, t: Target, lang: str = "zh") -> dict[str, Any]:
    """One target as a flat record (the JSON/CSV shape of ``planwatch targets``)."""
    ind = plan.indicators[t.indicator]
    scope = plan.scopes[t.scope]
    direction = plan.direction_of(t)
    return {
        "id": t.id,
        "indicator": ind.id,
        "name": ind.name if lang != "en" else (ind.name_en or ind.name),
        "scope": scope.name if lang != "en" else (scope.name_en or scope.name),
        "scope_id": scope.id,
        "unit": ind.unit,
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
        "quote": t.quote,
        "note": t.note,
    }


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
    """List every target of the plan (表1–表4 and the sections), with its source."""
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
        writer.writerows(records)
        click.echo(buf.getvalue(), nl=False)
        return
    from planwatch.domain.enums import Comparator, Nature, TargetKind

    headers = (
        ["指标", "名称", "范围", "单位", "基期", "基期值", "目标年", "目标值", "类型", "性质", "来源"]
        if lang != "en"
        else ["indicator", "name", "scope", "unit", "base yr", "baseline", "year", "target", "kind", "nature", "source"]
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
                r["unit"],
                _num(r["baseline_year"]),
                _num(r["baseline"]),
                _num(r["target_year"]),
                target_text,
                kind.label_zh if lang != "en" else kind.value,
                nature.label_zh if lang != "en" else nature.value,
                r["source"],
            ]
        )
    click.echo(render_table(headers, rows, [False, False, False, False, True, True, True, True, False, False, False]))
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
