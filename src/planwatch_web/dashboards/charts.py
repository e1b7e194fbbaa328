"""Plotly figures (plain dicts, passed to the page with ``json_script``) for one target.

Level, share and range targets: the observed series, the target line, the compound path from the
baseline to the target (``y0·(yT/y0)^s``, s the share of the plan's time; straight when no compound
path exists) and each projection to the target year (the fitted trend with its interval).
Cumulative targets and yearly counts: the running total against the target and the even pace.
Yearly rates: each year's rate against the rate required every year. Relative targets: both series.
Observed values are drawn in time order, annual and sub-annual (quarter, month) values as separate
series (``observed_traces``), so no line doubles back.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from planwatch.assess.results import Assessment
from planwatch.domain.enums import TargetKind
from planwatch.domain.observations import ObservationTable
from planwatch.domain.periods import Period, PeriodKind
from planwatch.plan.load import Plan
from planwatch_web.core.plan import scope_label, unit_label
from planwatch_web.dashboards.present import projection_label
from planwatch_web.dashboards.series import mid_date, points, year_mid

COLORS = {
    "series": "#1d5fa8",
    "target": "#c62828",
    "path": "#8e9aaf",
    "projection": "#d9822b",
    "other": "#2e7d32",
}
LEVEL_KINDS = (TargetKind.LEVEL, TargetKind.SHARE, TargetKind.COUNT_RANGE)


def _layout(a: Assessment) -> dict[str, Any]:
    return {
        "height": 300,
        "margin": {"l": 56, "r": 12, "t": 12, "b": 40},
        "legend": {"orientation": "h", "y": -0.18},
        "xaxis": {"type": "date", "tickformat": "%Y", "dtick": "M12", "ticklabelmode": "period"},
        "yaxis": {
            "title": {"text": unit_label(a.unit)},
            "rangemode": "tozero" if a.unit != "%" else "normal",
        },
        "font": {"family": "Noto Sans SC, PingFang SC, Microsoft YaHei, PW Sans, sans-serif", "size": 12},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "hovermode": "x unified",
    }


def _line(name: str, x: list[str], y: list[float], color: str, **extra: Any) -> dict[str, Any]:
    # Markers help a few yearly points; a long monthly series reads better as a line.
    mode = "lines+markers" if len(x) <= 24 else "lines"
    trace: dict[str, Any] = {"type": "scatter", "mode": mode, "name": name, "x": x, "y": y}
    trace["line"] = {"color": color, **extra.pop("line", {})}
    trace.update(extra)
    return trace


def observed_traces(name: str, observed: list[tuple[Period, float]], color: str) -> list[dict[str, Any]]:
    """The observed values as lines that never double back: annual values (drawn mid-year) and
    values of quarters or months are separate series, each in time order. A year's value dated
    1 July would otherwise sit between November and December of a monthly series."""
    annual = sorted(
        ((p, v) for p, v in observed if p.kind is PeriodKind.YEAR), key=lambda pv: mid_date(pv[0])
    )
    within = sorted(
        ((p, v) for p, v in observed if p.kind is not PeriodKind.YEAR), key=lambda pv: mid_date(pv[0])
    )
    if not annual or not within:
        only = annual or within
        return [_line(name, [mid_date(p) for p, _v in only], [v for _p, v in only], color)]
    return [
        _line(f"{name}（{_('年度')}）", [mid_date(p) for p, _v in annual], [v for _p, v in annual], color),
        _line(
            f"{name}（{_('季度/月度')}）",
            [mid_date(p) for p, _v in within],
            [v for _p, v in within],
            color,
            line={"dash": "dot"},
        ),
    ]


def projection_end(start: str, target_year: int) -> str:
    """Where a projection to ``target_year`` ends: mid-year like the annual values, or the year's end
    when it starts later than that (from 2025-09, a projection to 2025 runs forward to 2025-12-31)."""
    mid = year_mid(target_year)
    return mid if start < mid else f"{target_year:04d}-12-31"


def figure(plan: Plan, table: ObservationTable, a: Assessment, as_of: Period) -> dict[str, Any]:
    """The figure for one assessment (data, layout)."""
    if a.kind in LEVEL_KINDS:
        data = _level(plan, table, a, as_of)
    elif a.kind is TargetKind.CUMULATIVE or (a.kind is TargetKind.YEARLY_RATE and a.method == "yearly_count"):
        data = _cumulative(a)
    elif a.kind in (TargetKind.YEARLY_RATE, TargetKind.GROWTH):
        data = _rates(a)
    elif a.kind is TargetKind.RELATIVE:
        data = _relative(plan, table, a, as_of)
    else:
        data = []
    return {"data": data, "layout": _layout(a)}


def _level(plan: Plan, table: ObservationTable, a: Assessment, as_of: Period) -> list[dict[str, Any]]:
    observed = points(plan, table, a.scope_id, a.indicator, as_of)
    traces = observed_traces(_("实际值"), observed, COLORS["series"])
    if a.target is None or a.target_year is None:
        return traces
    start_year = a.baseline_year if a.baseline_year is not None else plan.meta.base_year
    traces.append(
        _line(
            _("目标"),
            [year_mid(start_year), year_mid(a.target_year)],
            [a.target, a.target],
            COLORS["target"],
            mode="lines",
            line={"dash": "dash", "width": 1.5},
        )
    )
    if a.target_high is not None:
        traces.append(
            _line(
                _("目标上限"),
                [year_mid(start_year), year_mid(a.target_year)],
                [a.target_high, a.target_high],
                COLORS["target"],
                mode="lines",
                line={"dash": "dot", "width": 1},
            )
        )
    if a.baseline is not None and a.baseline_year is not None and a.target_year > a.baseline_year:
        years = list(range(a.baseline_year, a.target_year + 1))
        traces.append(
            _line(
                _("目标路径"),
                [year_mid(y) for y in years],
                compound_path(a.baseline, a.target, a.baseline_year, a.target_year),
                COLORS["path"],
                mode="lines",
                line={"dash": "dot", "width": 1.5},
            )
        )
    if observed:
        last_p, last_v = max(observed, key=lambda pv: (pv[0].ordinal, pv[0].kind.months))
        for proj in a.projections:
            trace = _line(
                f"{_('预测')}（{projection_label(proj)}）",
                [mid_date(last_p), projection_end(mid_date(last_p), a.target_year)],
                [last_v, proj.value],
                COLORS["projection"],
                line={"dash": "dashdot" if proj.method == "fitted_trend" else "dash", "width": 1.5},
            )
            if proj.low is not None and proj.high is not None:
                trace["error_y"] = {
                    "type": "data",
                    "symmetric": False,
                    "array": [0, proj.high - proj.value],
                    "arrayminus": [0, proj.value - proj.low],
                    "color": COLORS["projection"],
                }
            traces.append(trace)
    return traces


def compound_path(baseline: float, target: float, base_year: int, target_year: int) -> list[float]:
    """The value expected at the end of each year from the baseline to the target year.

    ``y0·(yT/y0)^((year − t0)/(T − t0))`` when both are positive, else the straight line
    (docs/methodology.md §4, "expected value on the compound path").
    """
    n = target_year - base_year
    out = []
    for k in range(n + 1):
        s = k / n
        if baseline > 0 and target > 0:
            out.append(baseline * (target / baseline) ** s)
        else:
            out.append(baseline + (target - baseline) * s)
    return out


def _cumulative(a: Assessment) -> list[dict[str, Any]]:
    yearly = {int(y): float(v) for y, v in (a.inputs.get("yearly") or {}).items() if v is not None}
    current = a.inputs.get("current_ytd") or {}
    x: list[str] = []
    flows: list[float] = []
    for year in sorted(yearly):
        x.append(year_mid(year))
        flows.append(yearly[year])
    if current.get("value") is not None and current.get("period"):
        x.append(mid_date(Period.parse(current["period"])))
        flows.append(float(current["value"]))
    running, total = [], 0.0
    for v in flows:
        total += v
        running.append(total)
    traces: list[dict[str, Any]] = [
        {"type": "bar", "name": _("当年值"), "x": x, "y": flows, "marker": {"color": "#9fb3c8"}},
        _line(_("累计"), x, running, COLORS["series"]),
    ]
    goal = a.inputs.get("goal")
    span = a.inputs.get("time", {}).get("span") or []
    if goal is not None and len(span) == 2:
        first, last = int(span[0]), int(span[1])
        ends = [year_mid(first - 1), year_mid(last)]
        traces.append(
            _line(_("目标"), ends, [goal, goal], COLORS["target"], mode="lines", line={"dash": "dash"})
        )
        traces.append(
            _line(_("均衡进度"), ends, [0, goal], COLORS["path"], mode="lines", line={"dash": "dot"})
        )
        for proj in a.projections:
            if running:
                traces.append(
                    _line(
                        f"{_('预测')}（{projection_label(proj)}）",
                        [x[-1], projection_end(x[-1], last)],
                        [running[-1], proj.value],
                        COLORS["projection"],
                        line={"dash": "dash"},
                    )
                )
    return traces


def _rates(a: Assessment) -> list[dict[str, Any]]:
    rates = {int(y): float(v) for y, v in (a.inputs.get("rates") or {}).items() if v is not None}
    x = [year_mid(y) for y in sorted(rates)]
    traces: list[dict[str, Any]] = [
        {
            "type": "bar",
            "name": _("当年降幅或增速"),
            "x": x,
            "y": [rates[y] for y in sorted(rates)],
            "marker": {"color": "#9fb3c8"},
        },
    ]
    chained = a.inputs.get("chained") or {}
    required = chained.get("required_rate")
    if required is not None and x:
        traces.append(
            _line(
                _("每年所需"),
                [x[0], x[-1]],
                [required * 100] * 2,
                COLORS["target"],
                mode="lines",
                line={"dash": "dash"},
            )
        )
    return traces


def _relative(plan: Plan, table: ObservationTable, a: Assessment, as_of: Period) -> list[dict[str, Any]]:
    mine = points(plan, table, a.scope_id, a.indicator, as_of)
    traces = observed_traces(scope_label(a.scope_id, plan), mine, COLORS["series"])
    compare = a.inputs.get("compare_to") or {}
    other_scope = compare.get("scope")
    if other_scope and other_scope in plan.scopes:
        other = points(plan, table, other_scope, compare.get("indicator") or a.indicator, as_of)
        traces += observed_traces(scope_label(other_scope, plan), other, COLORS["other"])
    return traces
