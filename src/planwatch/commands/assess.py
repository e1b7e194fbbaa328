"""``planwatch assess`` (every target at an as-of period) and ``planwatch progress`` (the calculator).

Both parse their options, call the core (planwatch.assess) and print a Chinese table, JSON or CSV.
Method: docs/methodology.md. Exit codes: 0 done, 1 input errors (plan or data files), 2 usage.
"""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from planwatch.assess.engine import assess_plan
from planwatch.assess.progress import cagr_progress, completion, gap_pp, required_growth
from planwatch.assess.results import Assessment
from planwatch.assess.thresholds import load_thresholds
from planwatch.cli import LANG_OPTION, PLAN_OPTION, cli, friendly_errors, json_text
from planwatch.domain.enums import Comparator, Direction, Status, TargetKind
from planwatch.domain.periods import Period, PeriodError
from planwatch.domain.spreadsheet_text import csv_text
from planwatch.messages import render
from planwatch.plan.load import Plan, load_plan
from planwatch.report import formatting as fmt_zh
from planwatch.texttable import render_table

CSV_FIELDS = (
    "target_id",
    "indicator",
    "name",
    "scope",
    "scope_id",
    "unit",
    "kind",
    "nature",
    "direction",
    "comparator",
    "baseline",
    "baseline_year",
    "target",
    "target_high",
    "target_year",
    "latest",
    "latest_period",
    "value_basis",
    "period_value",
    "period_value_period",
    "period_value_basis",
    "completion",
    "time_elapsed",
    "time_basis",
    "gap_pp",
    "expected",
    "actual_growth",
    "required_growth",
    "actual_change_pp_per_year",
    "required_change_pp_per_year",
    "actual_change_per_year",
    "required_change_per_year",
    "remaining",
    "months_left",
    "progress_value",
    "score",
    "status",
    "warning",
    "grade_zh",
    "projection",
    "probability",
    "method",
    "synthetic",
    "sources",
    "notes",
)

SYNTHETIC_NOTE = {
    "zh": "注：所用数据含合成演示数据（synthetic demo data），结果仅供演示。",
    "en": "Note: the data include synthetic demo data; the results are for demonstration only.",
}


def _usage(code: str, lang: str, **params: Any) -> NoReturn:
    """A usage error: one sentence in the chosen language, exit code 2."""
    end = "." if lang == "en" else "。"
    click.echo(render(code, lang, params) + end, err=True)
    sys.exit(2)


def _hint(suggestions: list[str], lang: str) -> str:
    if not suggestions:
        return ""
    if lang == "en":
        return f" (did you mean: {', '.join(suggestions)}?)"
    return f"（是否为：{'、'.join(suggestions)}？）"


def _profile_choice(profile: str | None, lang: str) -> str | None:
    if profile is None:
        return None
    known = load_thresholds().profiles
    if profile not in known:
        _usage("THRESHOLDS_PROFILE_UNKNOWN", lang, profile=profile, known="、".join(known))
    return profile


# -- planwatch assess ----------------------------------------------------------------------------
@cli.command()
@PLAN_OPTION
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), metavar="FILE",
              help="Data file (.csv or .xlsx, docs/data-files.md); repeat for several. The plan's own history is always added.")
@click.option("--as-of", "as_of", default=None, metavar="PERIOD",
              help="As-of period: 2024, 2024Q4 or 2024-09. Only observations ending by then are used.")
@click.option("--scope", "scope_names", multiple=True, metavar="NAME",
              help="Only this scope (the plan's Chinese name, alias or id); repeat for several.")
@click.option("--indicator", "indicator_names", multiple=True, metavar="ID",
              help="Only this indicator (id, Chinese name or alias, e.g. 工业增加值); repeat for several.")
@click.option("--profile", default=None, metavar="NAME",
              help="Progress profile from assess/thresholds.yaml: default (Statistics Canada) or eustat.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@LANG_OPTION
@friendly_errors
def assess(
    plan_name: str | None,
    data: tuple[Path, ...],
    as_of: str | None,
    scope_names: tuple[str, ...],
    indicator_names: tuple[str, ...],
    profile: str | None,
    fmt: str,
    lang: str,
) -> None:
    """Assess every target of the plan at an as-of period: 完成进度, 时序进度, status, warning.

    \b
    For each target × scope: the latest value, completion against the baseline → target distance
    (Σ / target for cumulative targets), the month-accurate time schedule and the gap in 百分点,
    actual and required growth, the CAGR-ratio progress value, score and status (Statistics
    Canada thresholds, assess/thresholds.yaml), a 红黄绿 warning, the grade (提前实现 / 快于预期 /
    基本符合预期 / 相对滞后 / 滞后), and projections to the target year with the probability of
    meeting it. The table rounds for display; JSON and CSV keep the unrounded values.
    """
    if as_of is None:
        _usage("ASSESS_AS_OF_MISSING", lang)
    try:
        period = Period.parse(as_of)
    except PeriodError:
        _usage("ASSESS_PERIOD_INVALID", lang, value=as_of)
    if not data:
        _usage("ASSESS_DATA_MISSING", lang)
    chosen_profile = _profile_choice(profile, lang)
    plan = load_plan(plan_name)
    scopes = _resolve_scopes(plan, scope_names, lang)
    indicators = _resolve_indicators(plan, indicator_names, lang)

    from planwatch.ingest import load_observations

    observations = load_observations(list(data), plan, lang)
    results = assess_plan(plan, observations, period, scopes, indicators=indicators, profile=chosen_profile)
    if not results:
        what = "、".join([*scope_names, *indicator_names]) or str(period)
        click.echo(render("ASSESS_NOTHING", lang, {"what": what}), err=True)
    if fmt == "json":
        records = [_json_record(a, plan, lang) for a in results]
        click.echo(json_text(records))
    elif fmt == "csv":
        click.echo(_csv(results), nl=False)
    else:
        click.echo(_table(results, period, lang))


def _resolve_scopes(plan: Plan, names: tuple[str, ...], lang: str) -> list[str] | None:
    if not names:
        return None
    out: list[str] = []
    for name in names:
        scope = plan.find_scope(name)
        if scope is None:
            _usage("ASSESS_SCOPE_UNKNOWN", lang, value=name, hint=_hint(plan.suggest_scopes(name), lang))
        out.append(scope.id)
    return out


def _resolve_indicators(plan: Plan, names: tuple[str, ...], lang: str) -> list[str] | None:
    if not names:
        return None
    out: list[str] = []
    for name in names:
        indicator = plan.find_indicator(name)
        if indicator is None:
            _usage("ASSESS_INDICATOR_UNKNOWN", lang, value=name, hint=_hint(plan.suggest_indicators(name), lang))
        out.append(indicator.id)
    return out


def _json_record(a: Assessment, plan: Plan, lang: str) -> dict[str, Any]:
    record = a.to_dict()
    if lang == "en":
        record["name_zh"], record["scope_zh"] = record["name"], record["scope"]
        record["name"] = plan.indicators[a.indicator].name_en or a.name
        record["scope"] = plan.scopes[a.scope_id].name_en or a.scope
    return record


def _csv(results: list[Assessment]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_FIELDS), lineterminator="\n")
    writer.writeheader()
    for a in results:
        record = a.to_dict()
        row = {key: record.get(key) for key in CSV_FIELDS}
        row["sources"] = "；".join(a.sources)
        row["notes"] = "；".join(a.notes)
        writer.writerow({k: "" if v is None else csv_text(v) for k, v in row.items()})
    return buffer.getvalue()


HEADERS = {
    "zh": ["指标", "范围", "单位", "基期", "目标", "最新值", "时期", "完成进度", "时序进度",
           "超/低于时序进度（百分点）", "实际年均", "要求年均", "状态", "预警", "评价"],
    "en": ["Indicator", "Scope", "Unit", "Baseline", "Target", "Latest", "Period", "Completion", "Time elapsed",
           "Gap (pp)", "Actual / yr", "Required / yr", "Status", "Warning", "Grade"],
}
NUMERIC = [False, False, False, True, True, True, False, True, True, True, True, True, False, False, False]


def _table(results: list[Assessment], as_of: Period, lang: str) -> str:
    rows = [_row(a, lang) for a in results]
    lines = [render_table(HEADERS[lang], rows, NUMERIC)] if rows else []
    counts: dict[Status, int] = {}
    for a in results:
        counts[a.status] = counts.get(a.status, 0) + 1
    if lang == "en":
        summary = ", ".join(f"{s.label_en} {n}" for s, n in counts.items())
        lines.append(f"As of {as_of}: {len(results)} targets ({summary}).")
    else:
        summary = "，".join(f"{s.label_zh}{n}项" for s, n in counts.items())
        lines.append(f"评估期 {as_of.label_zh}：共 {len(results)} 项目标（{summary}）。")
    if any(a.synthetic for a in results):
        lines.append(SYNTHETIC_NOTE[lang])
    return "\n".join(lines)


def _row(a: Assessment, lang: str) -> list[str]:
    dash = fmt_zh.DASH
    baseline = dash
    if a.baseline is not None:
        # the plan's number as written; a baseline taken from data is rounded like any value
        from_data = isinstance(a.inputs.get("baseline"), dict) and a.inputs["baseline"].get("source") == "data"
        text = fmt_zh.value_text(a.baseline, a.unit) if from_data else fmt_zh.plain(a.baseline)
        baseline = f"{text}（{a.baseline_year}）" if a.baseline_year else text
    target = dash
    if a.target is not None:
        target = fmt_zh.target_text(a.target, a.comparator, a.target_high)
        if a.kind is TargetKind.CUMULATIVE:
            target = f"累计{target}"
        per_year = a.inputs.get("target", {}).get("per_year") if isinstance(a.inputs.get("target"), dict) else None
        if a.kind is TargetKind.YEARLY_RATE and per_year is not None:
            comparator = a.inputs["target"].get("per_year_comparator")
            per = fmt_zh.target_text(per_year, Comparator(comparator) if comparator else None)
            target = f"每年{per}" if per_year == a.target else f"每年{per}，累计{target}"
        target += f"（{a.target_year}）" if a.target_year else ""
    # the value that stands for the period (a share of the period so far, a flow's 1—N月, a stock's end)
    shown, shown_period = a.shown()
    latest = fmt_zh.value_text(shown, a.unit) if shown is not None else dash
    period = dash
    if shown_period is not None:
        p = Period.parse(shown_period)
        cumulated = a.value_basis == "cumulative_sum" or a.period_value_basis in ("ytd", "sum_of_months", "ratio_of_sums")
        period = p.ytd_label_zh if cumulated and not p.is_year_end else p.label_zh
        if lang == "en":
            period = str(p)
    gap = fmt_zh.schedule_gap_cell(a.gap_pp) if lang != "en" else (dash if a.gap_pp is None else f"{fmt_zh.num(a.gap_pp, 1)}")
    status = a.status.label_zh if lang != "en" else a.status.label_en
    warning = a.warning.label_zh if lang != "en" else a.warning.value
    return [
        a.name,
        a.scope,
        a.unit,
        baseline,
        target,
        latest,
        period,
        fmt_zh.pct(a.completion),
        fmt_zh.pct(a.time_elapsed),
        gap,
        *_pace_cells(a),
        status,
        warning,
        a.grade_zh,
    ]


def _pace_cells(a: Assessment) -> tuple[str, str]:
    """实际年均 / 要求年均 in the target's terms: % growth, 百分点 for a share, the unit for counts and totals;
    under a year left the amount still needed (年内还需新增4家)."""
    if a.actual_change_pp_per_year is not None or a.required_change_pp_per_year is not None:
        done, need, unit = a.actual_change_pp_per_year, a.required_change_pp_per_year, "个百分点"
    elif a.actual_change_per_year is not None or a.required_change_per_year is not None:
        done, need, unit = a.actual_change_per_year, a.required_change_per_year, a.unit
    elif a.inputs.get("pace_terms") in ("points", "amount"):
        done, need, unit = None, None, "个百分点" if a.inputs.get("pace_terms") == "points" else a.unit
    else:
        return _growth_cell(a, a.actual_growth), _growth_cell(a, a.required_growth)
    digits = 2 if unit == "个百分点" else 1
    done_text = f"{fmt_zh.num(done, digits)}{unit}/年" if done is not None else fmt_zh.DASH
    if need is None and a.remaining is not None and a.months_left is not None and a.months_left <= 12:
        return done_text, fmt_zh.short_window_need(a, a.unit)
    return done_text, f"{fmt_zh.num(need, digits)}{unit}/年" if need is not None else fmt_zh.DASH


def _growth_cell(a: Assessment, value: float | None) -> str:
    if value is None:
        return fmt_zh.DASH
    if a.value_basis == "yearly_rates" and a.inputs.get("decline"):
        # in the target's sense (a decline positive): a negative required decline is room to rise
        return f"降{fmt_zh.pct(value)}" if value >= 0 else f"升{fmt_zh.pct(-value)}"
    return fmt_zh.pct(value)


# -- planwatch progress (the calculator) ---------------------------------------------------------
_VALUE_AT_YEAR = re.compile(r"^\s*([-+]?[\d.,]+(?:[eE][-+]?\d+)?)\s*[@＠]\s*(\d{4})\s*$")


def parse_value_at_year(text: str, option: str, lang: str) -> tuple[float, int]:
    m = _VALUE_AT_YEAR.match(text.translate(str.maketrans("０１２３４５６７８９．", "0123456789.")))
    if m is None:
        _usage("PROGRESS_VALUE_AT_YEAR", lang, option=option, value=text)
    try:
        value = float(m.group(1).replace(",", ""))
    except ValueError:
        _usage("PROGRESS_VALUE_AT_YEAR", lang, option=option, value=text)
    return value, int(m.group(2))


@cli.command()
@click.option("--base", "base", default=None, metavar="VALUE@YEAR", help="Baseline value and year, e.g. 164.3@2020.")
@click.option("--current", "current", default=None, metavar="VALUE@YEAR", help="Latest value and year, e.g. 215@2023.")
@click.option("--target", "target", default=None, metavar="VALUE@YEAR",
              help="Target value and year, e.g. 320@2025 (method 2); without it, method 1 (growth thresholds).")
@click.option("--direction", type=click.Choice(["up", "down"]), default="up", show_default=True,
              help="up: higher is better; down: lower is better.")
@click.option("--limit", type=float, default=None, help="Natural limit (e.g. 100 for a share), method 1 only.")
@click.option("--profile", default=None, metavar="NAME",
              help="Profile from assess/thresholds.yaml: default (Statistics Canada) or eustat.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@LANG_OPTION
@friendly_errors
def progress(
    base: str | None,
    current: str | None,
    target: str | None,
    direction: str,
    limit: float | None,
    profile: str | None,
    fmt: str,
    lang: str,
) -> None:
    """The CAGR-ratio calculator on one series: progress value, score and status.

    \b
    Statistics Canada / sdg-build method (docs/methodology.md): with --target the value is
    CAGR(base→current) / |CAGR(base→target)| against 0.95 / 0.60 / 0; without it, the CAGR against
    1.5% / 0.5% / 0 (scaled by the natural-limit factor when --limit is given). A target already
    met short-circuits to target_achieved with score 5. The table prints progress_value and score
    unrounded so published test vectors can be checked digit for digit.
    """
    if base is None:
        _usage("PROGRESS_OPTION_MISSING", lang, option="--base")
    if current is None:
        _usage("PROGRESS_OPTION_MISSING", lang, option="--current")
    b, by = parse_value_at_year(base, "--base", lang)
    c, cy = parse_value_at_year(current, "--current", lang)
    t: float | None = None
    ty: int | None = None
    if target is not None:
        t, ty = parse_value_at_year(target, "--target", lang)
    if cy <= by:
        _usage("PROGRESS_YEAR_ORDER", lang, option="--current", year=cy, base_year=by)
    if ty is not None and ty <= by:
        _usage("PROGRESS_YEAR_ORDER", lang, option="--target", year=ty, base_year=by)
    chosen = _profile_choice(profile, lang)
    settings = load_thresholds()
    prof = settings.profile(chosen)
    d = Direction(direction)
    result = cagr_progress(
        base=b, base_year=by, current=c, current_year=cy, target=t, target_year=ty, direction=d, limit=limit, profile=prof
    )
    record: dict[str, Any] = {
        "progress_value": result.progress_value,
        "score": result.score,
        "status": result.status_name,
        "planwatch_status": result.status.value,
        "status_zh": result.status.label_zh,
        "grade_zh": result.status.grade_zh,
        "method": result.method,
        "profile": chosen or settings.default_profile,
        "target_achieved": result.target_achieved,
        "actual_growth": result.actual_growth,
        "required_growth_from_base": result.required_growth,
        "required_growth": None,
        "completion": None,
        "time_elapsed": None,
        "gap_pp": None,
        "thresholds": result.thresholds,
        "limit_coefficient": result.coefficient,
        "base": {"value": b, "year": by},
        "current": {"value": c, "year": cy},
        "target": {"value": t, "year": ty} if t is not None else None,
        "direction": d.value,
        "limit": limit,
        "note": result.reason,
    }
    if t is not None and ty is not None:
        share = (cy - by) / (ty - by)
        done = completion(b, c, t)
        record["completion"] = done
        record["time_elapsed"] = share
        record["gap_pp"] = gap_pp(done, share) if done is not None else None
        record["required_growth"] = required_growth(c, t, ty - cy) if ty > cy else None
    if fmt == "json":
        click.echo(json_text(record))
        return
    click.echo(_progress_table(record, lang))


def _full(value: float | None) -> str:
    return fmt_zh.DASH if value is None else repr(float(value))


def _progress_table(r: dict[str, Any], lang: str) -> str:
    headers = (
        ["progress_value", "score", "status", "planwatch", "actual / yr", "required / yr", "completion", "time elapsed"]
        if lang == "en"
        else ["进度值", "得分", "状态", "评估状态", "实际年均增速", "要求年均增速", "完成进度", "时序进度"]
    )
    status = r["planwatch_status"] if lang == "en" else r["status_zh"]
    row = [
        _full(r["progress_value"]),
        _full(r["score"]),
        r["status"],
        status,
        fmt_zh.pct(r["actual_growth"]),
        fmt_zh.pct(r["required_growth"]),
        fmt_zh.pct(r["completion"]),
        fmt_zh.pct(r["time_elapsed"]),
    ]
    out = render_table(headers, [row], [True, True, False, False, True, True, True, True])
    if r["note"]:
        out += "\n" + (r["note"] if lang != "en" else "Not computable: " + r["note"])
    return out
