""" "How was this computed": an assessment's inputs, each step's formula with its numbers, the thresholds.

Everything comes from the ``Assessment`` the engine returned (its fields and ``inputs``); nothing is
recomputed here except the display of the substitution. The results shown are the engine's, so the
page cannot disagree with the cockpit. docs/methodology.md gives the formulas in full.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from planwatch.assess.results import Assessment, Projection
from planwatch.domain.enums import Measure, Status, TargetKind, WarningLevel
from planwatch_web.core.plan import is_english, unit_label
from planwatch_web.dashboards.present import (
    DASH,
    STATUS_LABELS,
    WARNING_LABELS,
    grade_label,
    pct,
    period_text,
    pp_text,
    projection_label,
    quantity_text,
    target_text,
)
from planwatch_web.submissions.models import MEASURE_LABELS


@dataclass
class Step:
    label: str
    formula: str  # in words, with the numbers substituted
    result: str


@dataclass
class Explanation:
    inputs: list[tuple[str, str, str]] = field(default_factory=list)  # (what, value, where from)
    steps: list[Step] = field(default_factory=list)
    bands: list[tuple[str, str]] = field(default_factory=list)  # (condition, status)
    projections: list[Step] = field(default_factory=list)
    method: str = ""


def n(value: float | None, digits: int = 4) -> str:
    """A number inside a formula: up to ``digits`` decimals, no trailing zeros (display only)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return DASH
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text.replace("-", "−")


def f_pct(fraction: float | None, digits: int = 2) -> str:
    """A fraction as a percentage with fixed decimals inside a formula: 0.07798 → 7.80%."""
    if fraction is None or not math.isfinite(fraction):
        return DASH
    return f"{fraction * 100:.{digits}f}%".replace("-", "−")


METHOD_LABELS: dict[str, Promise] = {
    "cagr_ratio": gettext_lazy("年均增速比法（实际年均增速 ÷ 所需年均增速）"),
    "cagr_ratio_from_first": gettext_lazy("年均增速比法（以最早数据为起点）"),
    "completion_ratio": gettext_lazy("进度比法（完成进度 ÷ 时序进度）"),
    "yearly_count": gettext_lazy("逐年计数累计法"),
    "chained_rates": gettext_lazy("逐年速率连乘法"),
    "relative": gettext_lazy("与对比对象比较"),
    "target_met": gettext_lazy("已达到目标"),
    "not_assessed": gettext_lazy("不评估（远景或说明性目标）"),
    "none": gettext_lazy("无法计算"),
    "": gettext_lazy("无数据"),
}


# docs/methodology.md §7, "value_basis": what the latest value is.
VALUE_BASIS_LABELS: dict[str, Promise] = {
    "level": gettext_lazy("观测值"),
    "ytd": gettext_lazy("12月（四季度）累计值代表全年"),
    "sum_of_months": gettext_lazy("各月合计"),
    "sum_of_quarters": gettext_lazy("各季度合计"),
    "sum_of_members": gettext_lazy("成员合计"),
    "chained_growth": gettext_lazy("由增速推算"),
    "ytd_estimate": gettext_lazy("由年内累计值推算全年"),
    "cumulative_sum": gettext_lazy("逐年累计"),
    "yearly_rates": gettext_lazy("当年速率"),
    "growth": gettext_lazy("增速"),
}


def basis_label(basis: str) -> str:
    label = VALUE_BASIS_LABELS.get(basis)
    return str(label) if label is not None else basis


def method_label(method: str) -> str:
    label = METHOD_LABELS.get(method)
    return str(label) if label is not None else method


def explain(a: Assessment) -> Explanation:
    e = Explanation(method=method_label(a.method))
    _inputs(a, e)
    if a.method in ("cagr_ratio", "cagr_ratio_from_first", "completion_ratio", "target_met") and a.kind in (
        TargetKind.LEVEL,
        TargetKind.SHARE,
        TargetKind.COUNT_RANGE,
    ):
        _level_steps(a, e)
    elif a.method == "completion_ratio" or a.method == "yearly_count":
        _cumulative_steps(a, e)
    elif a.method == "chained_rates":
        _rate_steps(a, e)
    elif a.method == "relative":
        _relative_steps(a, e)
    _status_step(a, e)
    for p in a.projections:
        e.projections.append(_projection_step(a, p))
    return e


# -- inputs -------------------------------------------------------------------------------------------
def _unit_after(a: Assessment) -> str:
    # The target in its unit, as the baseline and latest value are shown (65家, 1000以上 亿元).
    text = target_text(a)
    unit = unit_label(a.unit)
    if not unit or text.endswith(unit):
        return ""
    if is_english():
        return unit if unit == "%" else f" {unit}"
    return unit if text[-1:].isdigit() else f" {unit}"


def _inputs(a: Assessment, e: Explanation) -> None:
    ins = a.inputs
    if a.target is not None:
        year = f"{a.target_year}" if a.target_year is not None else ""
        e.inputs.append(
            (_("目标值"), f"{target_text(a)}{_unit_after(a)} ({year})", _("规划 %(source)s") % {"source": a.source})
        )
    baseline = ins.get("baseline") or {}
    if a.baseline is not None:
        where = (
            _("规划 %(source)s") % {"source": a.source}
            if baseline.get("source") == "plan"
            else _("数据 %(period)s") % {"period": period_text(baseline.get("period"))}
            if baseline.get("period")
            else _("规划")
        )
        e.inputs.append((_("基期值"), f"{quantity_text(a.baseline, a.unit)} ({a.baseline_year})", where))
    if a.latest is not None:
        e.inputs.append(
            (
                _("最新值"),
                f"{quantity_text(a.latest, a.unit)} ({period_text(a.latest_period)})",
                basis_label(a.value_basis),
            )
        )
    e.inputs.append((_("评估期"), period_text(a.as_of), ""))
    time = ins.get("time") or {}
    if "months_elapsed" in time:
        e.inputs.append((_("已过月数 / 总月数"), f"{time['months_elapsed']} / {time['months_total']}", ""))


# -- level, share, range --------------------------------------------------------------------------------
def _time_step(a: Assessment, e: Explanation) -> None:
    time = a.inputs.get("time") or {}
    if a.time_elapsed is None or "months_elapsed" not in time:
        return
    e.steps.append(
        Step(
            _("时序进度"),
            _("已过月数 ÷ 总月数 = %(m)s ÷ %(t)s") % {"m": time["months_elapsed"], "t": time["months_total"]},
            pct(a.time_elapsed),
        )
    )


def _gap_step(a: Assessment, e: Explanation) -> None:
    if a.gap_pp is None or a.completion is None or a.time_elapsed is None:
        return
    e.steps.append(
        Step(
            _("与时序进度之差"),
            _("（完成进度 − 时序进度）× 100 = (%(c)s − %(t)s) × 100")
            % {"c": f_pct(a.completion), "t": f_pct(a.time_elapsed)},
            _("%(pp)s 个百分点") % {"pp": pp_text(a.gap_pp)},
        )
    )


def _level_steps(a: Assessment, e: Explanation) -> None:
    ins = a.inputs
    time = ins.get("time") or {}
    b, y, t = a.baseline, a.latest, a.target
    if a.completion is not None and b is not None and y is not None and t is not None:
        e.steps.append(
            Step(
                _("完成进度"),
                _("（最新值 − 基期值）÷（目标值 − 基期值）= (%(y)s − %(b)s) ÷ (%(t)s − %(b)s)")
                % {"y": n(y), "b": n(b), "t": n(t)},
                pct(a.completion),
            )
        )
    _time_step(a, e)
    _gap_step(a, e)
    if a.expected is not None and b is not None and t is not None and a.time_elapsed is not None:
        if b > 0 and t > 0:
            formula = _("基期值 ×（目标值 ÷ 基期值）^时序进度 = %(b)s × (%(t)s ÷ %(b)s)^%(s)s") % {
                "b": n(b),
                "t": n(t),
                "s": n(a.time_elapsed),
            }
        else:
            formula = _("基期值 +（目标值 − 基期值）× 时序进度 = %(b)s + (%(t)s − %(b)s) × %(s)s") % {
                "b": n(b),
                "t": n(t),
                "s": n(a.time_elapsed),
            }
        e.steps.append(Step(_("按目标路径此时应达到"), formula, quantity_text(a.expected, a.unit)))
    start = b if b is not None else (ins.get("path_start") or {}).get("value")
    # A share's or count's pace is in 百分点 / its unit (actual_growth is None), but the CAGR-ratio
    # status is still computed on its growth: show that step from the method's own inputs.
    actual = a.actual_growth
    if actual is None:
        actual = (ins.get("cagr_ratio") or {}).get("actual_growth")
    if actual is not None and start is not None and y is not None and "years_elapsed" in time:
        years = time["years_elapsed"] if b is not None else None
        e.steps.append(
            Step(
                _("实际年均增速"),
                _("（最新值 ÷ 起点值）^(1 ÷ 年数) − 1 = (%(y)s ÷ %(b)s)^(1 ÷ %(n)s) − 1")
                % {"y": n(y), "b": n(start), "n": n(years) if years is not None else "…"},
                f_pct(actual),
            )
        )
    if a.required_growth is not None and y is not None and t is not None and "years_left" in time:
        e.steps.append(
            Step(
                _("今后每年所需增速"),
                _("（目标值 ÷ 最新值）^(1 ÷ 剩余年数) − 1 = (%(t)s ÷ %(y)s)^(1 ÷ %(n)s) − 1")
                % {"t": n(t), "y": n(y), "n": n(time["years_left"])},
                f_pct(a.required_growth),
            )
        )
    cagr = ins.get("cagr_ratio") or {}
    if a.method in ("cagr_ratio", "cagr_ratio_from_first") and a.progress_value is not None:
        sign = int(cagr.get("sign", 1)) * int(cagr.get("direction", 1))
        e.steps.append(
            Step(
                _("进度值"),
                _("方向 × 实际年均增速 ÷ |基期至目标所需年均增速| = %(d)s × %(g)s ÷ |%(r)s|")
                % {
                    "d": "+1" if sign > 0 else "−1",
                    "g": f_pct(cagr.get("actual_growth")),
                    "r": f_pct(cagr.get("required_growth_from_base")),
                },
                n(a.progress_value, 3),
            )
        )
        _bands(e, cagr.get("thresholds") or {})
    elif a.method == "completion_ratio" and a.progress_value is not None:
        e.steps.append(
            Step(
                _("进度值"),
                _("完成进度 ÷ 时序进度 = %(c)s ÷ %(t)s")
                % {"c": f_pct(a.completion), "t": f_pct(a.time_elapsed)},
                n(a.progress_value, 3),
            )
        )
        _bands(e, ins.get("ratio_thresholds") or (ins.get("cagr_ratio") or {}).get("thresholds") or {})
    if cagr.get("target_achieved") or a.status is Status.ACHIEVED:
        e.steps.append(Step(_("是否已达到目标"), f"{n(y)} / {target_text(a)}", _("已达到")))


def _bands(e: Explanation, thresholds: dict[str, Any]) -> None:
    if not thresholds:
        return
    high, med, low = thresholds.get("high"), thresholds.get("med"), thresholds.get("low")
    e.bands = [
        (f"≥ {n(high)}", str(STATUS_LABELS[Status.ON_TRACK])),
        (f"{n(med)} – {n(high)}", str(STATUS_LABELS[Status.NEEDS_ACCELERATION])),
        (f"{n(low)} – {n(med)}", str(STATUS_LABELS[Status.LIMITED])),
        (f"< {n(low)}", str(STATUS_LABELS[Status.DETERIORATION])),
    ]


# -- cumulative targets and yearly counts ---------------------------------------------------------------
def _cumulative_steps(a: Assessment, e: Explanation) -> None:
    ins = a.inputs
    yearly = ins.get("yearly") or {}
    parts = [n(v) for _y, v in sorted(yearly.items()) if v is not None]
    current = ins.get("current_ytd") or {}
    if current.get("value") is not None:
        parts.append(f"{n(current['value'])} ({period_text(current.get('period'))})")
    total, goal = ins.get("total"), ins.get("goal")
    if parts:
        e.steps.append(
            Step(
                _("累计完成"),
                " + ".join(parts) + (" " + _("（%(years)s年）") % {"years": "、".join(sorted(yearly))}),
                n(total),
            )
        )
    if ins.get("per_year") is not None and goal is not None:
        span = (ins.get("time") or {}).get("span") or []
        years = int(span[1]) - int(span[0]) + 1 if len(span) == 2 else None
        e.steps.append(
            Step(_("目标总量"), _("每年 %(p)s × %(n)s 年") % {"p": n(ins["per_year"]), "n": years}, n(goal))
        )
    if a.completion is not None and total is not None and goal:
        e.steps.append(
            Step(
                _("完成进度"),
                _("累计完成 ÷ 目标 = %(s)s ÷ %(g)s") % {"s": n(total), "g": n(goal)},
                pct(a.completion),
            )
        )
    _time_step(a, e)
    _gap_step(a, e)
    if a.expected is not None and goal is not None and a.time_elapsed is not None:
        e.steps.append(
            Step(
                _("按均衡进度此时应完成"),
                _("目标 × 时序进度 = %(g)s × %(s)s") % {"g": n(goal), "s": f_pct(a.time_elapsed)},
                n(a.expected),
            )
        )
    if a.progress_value is not None:
        e.steps.append(
            Step(
                _("进度值"),
                _("完成进度 ÷ 时序进度 = %(c)s ÷ %(t)s")
                % {"c": f_pct(a.completion), "t": f_pct(a.time_elapsed)},
                n(a.progress_value, 3),
            )
        )
        _bands(e, ins.get("ratio_thresholds") or {})


# -- yearly rates -------------------------------------------------------------------------------------
def _rate_steps(a: Assessment, e: Explanation) -> None:
    ins = a.inputs
    rates = ins.get("rates") or {}
    chained = ins.get("chained") or {}
    decline = bool(ins.get("decline"))
    sign = "−" if decline else "+"
    if rates and chained.get("index") is not None:
        factors = " × ".join(f"(1 {sign} {n(v)}%)" for _y, v in sorted(rates.items()) if v is not None)
        e.steps.append(Step(_("逐年连乘指数"), f"Π = {factors}", n(chained["index"], 4)))
        e.steps.append(
            Step(
                _("累计降幅") if decline else _("累计增幅"),
                (f"1 − {n(chained['index'])}" if decline else f"{n(chained['index'])} − 1"),
                f_pct(chained.get("cumulative")),
            )
        )
        e.steps.append(
            Step(
                _("年均降幅") if decline else _("年均增速"),
                _("按 %(n)s 年几何平均") % {"n": chained.get("years")},
                f_pct(chained.get("average_rate")),
            )
        )
    if chained.get("required_rate") is not None:
        e.steps.append(
            Step(
                _("每年所需"),
                _("目标累计 %(t)s，%(n)s 年几何平均")
                % {"t": f_pct(chained.get("target_total")), "n": chained.get("total_years")},
                f_pct(chained["required_rate"]),
            )
        )
    if chained.get("years_equivalent") is not None and a.completion is not None:
        e.steps.append(
            Step(
                _("完成进度"),
                _("相当于 %(y)s 年的所需降幅 ÷ %(n)s 年")
                % {"y": n(chained["years_equivalent"], 3), "n": chained.get("total_years")},
                pct(a.completion),
            )
        )
    _time_step(a, e)
    if a.progress_value is not None:
        e.steps.append(
            Step(
                _("进度值"),
                _("年均 ÷ 每年所需 = %(g)s ÷ %(r)s")
                % {"g": f_pct(chained.get("average_rate")), "r": f_pct(chained.get("required_rate"))},
                n(a.progress_value, 3),
            )
        )
    barometer = ins.get("barometer") or {}
    if barometer:
        e.steps.append(
            Step(
                _("晴雨表（红黄绿）"),
                _("%(p)s 实际 %(v)s%%，每年目标 %(t)s%%，允许差距 %(s)s")
                % {
                    "p": period_text(barometer.get("period")),
                    "v": n(barometer.get("actual"), 2),
                    "t": n(barometer.get("target"), 2),
                    "s": f_pct(barometer.get("yellow_shortfall"), 0),
                },
                _warning_text(barometer.get("warning")),
            )
        )


def _warning_text(value: object) -> str:
    try:
        return str(WARNING_LABELS[WarningLevel(str(value))])
    except ValueError:
        return str(value or DASH)


# -- relative targets ---------------------------------------------------------------------------------
def _relative_steps(a: Assessment, e: Explanation) -> None:
    comparison = a.inputs.get("comparison") or {}
    if not comparison:
        return
    e.steps.append(
        Step(
            _("与对比对象比较"),
            _("%(mine)s 对比 %(other)s（%(period)s）")
            % {
                "mine": quantity_text(a.latest, a.unit),
                "other": quantity_text(comparison.get("value"), a.unit),
                "period": period_text(comparison.get("period")),
            },
            _("已达到") if comparison.get("met") else _("未达到"),
        )
    )


def _status_step(a: Assessment, e: Explanation) -> None:
    e.steps.append(
        Step(
            _("状态 → 预警 → 评价"),
            f"{STATUS_LABELS[a.status]} → {WARNING_LABELS[a.warning]}",
            grade_label(a),
        )
    )


# -- projections --------------------------------------------------------------------------------------
def _projection_step(a: Assessment, p: Projection) -> Step:
    ins = p.inputs
    label = projection_label(p)
    if p.method == "compound_trend":
        formula = _("最新值 ×（1 + 年均增速）^剩余年数 = %(y)s × (1 + %(g)s)^%(n)s") % {
            "y": n(ins.get("latest")),
            "g": f_pct(ins.get("growth")),
            "n": n(ins.get("years")),
        }
    elif p.method == "fitted_trend":
        pts = ins.get("points") or []
        first = int(pts[0][0]) if pts else ""
        last = int(pts[-1][0]) if pts else ""
        formula = _(
            "对 %(k)s 个年度值（%(a)s—%(b)s）的对数做线性回归，趋势年增速 %(g)s；%(level)s 预测区间 %(lo)s—%(hi)s；"
            "达到 %(th)s 的概率 %(pr)s"
        ) % {
            "k": len(pts),
            "a": first,
            "b": last,
            "g": f_pct(ins.get("trend_growth")),
            "level": f_pct(p.level, 0),
            "lo": n(p.low, 2),
            "hi": n(p.high, 2),
            "th": n(ins.get("threshold")),
            "pr": pct(p.probability),
        }
    elif p.method == "linear_pace":
        formula = _("累计完成 ÷ 时序进度 = %(s)s ÷ %(t)s") % {
            "s": n(ins.get("total")),
            "t": f_pct(ins.get("time_share")),
        }
    elif p.method == "compound_rate":
        formula = _("指数^(总年数 ÷ 已过年数) = %(i)s^(%(N)s ÷ %(n)s) = %(p)s") % {
            "i": n(ins.get("index")),
            "N": ins.get("total_years"),
            "n": ins.get("years"),
            "p": n(ins.get("projected_index")),
        }
    else:
        formula = p.method
    return Step(label, formula, n(p.value, 2))


def measure_label(measure: str) -> str:
    """当期 / 累计 / 同比增长 / 累计增长 (the submissions app's labels)."""
    try:
        return str(MEASURE_LABELS[Measure(measure)])
    except ValueError:
        return measure
