"""How an assessment reads on a page, in the active language: numbers rounded for display only.

Numbers use the bulletin's rules (``planwatch.report.formatting``: 亿元 with one decimal, shares
with one, percentages with one); periods read 2024年第二季度 in Chinese and 2024 Q2 in English.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from planwatch.assess.notes import NOTES, render_note
from planwatch.assess.results import Assessment, Projection
from planwatch.domain.enums import Comparator, Status, WarningLevel
from planwatch.domain.periods import Period, PeriodKind
from planwatch.report import formatting as fmt
from planwatch_web.core.plan import is_english, unit_label

DASH = fmt.DASH

# The engine's grade words (assess.classify.grade_zh; docs/methodology.md §8), and their English.
GRADE_LABELS: dict[str, Promise] = {
    "提前实现": _("提前实现"),
    "已实现": _("已实现"),
    "预计实现": _("预计实现"),
    "快于预期": _("快于预期"),
    "基本符合预期": _("基本符合预期"),
    "相对滞后": _("相对滞后"),
    "滞后": _("滞后"),
    "暂无数据": _("暂无数据"),
    "无法评估": _("无法评估"),
}

STATUS_LABELS: dict[Status, Promise] = {
    Status.ACHIEVED: _("已实现"),
    Status.EXPECTED: _("预计实现"),
    Status.ON_TRACK: _("进展顺利"),
    Status.NEEDS_ACCELERATION: _("需加快"),
    Status.LIMITED: _("进展有限"),
    Status.DETERIORATION: _("倒退"),
    Status.NO_DATA: _("无数据"),
    Status.NOT_ASSESSABLE: _("无法评估"),
}

WARNING_LABELS: dict[WarningLevel, Promise] = {
    WarningLevel.GREEN: _("绿灯"),
    WarningLevel.YELLOW: _("黄灯"),
    WarningLevel.RED: _("红灯"),
    WarningLevel.NONE: _("无"),
}

PROJECTION_LABELS: dict[str, Promise] = {
    "compound_trend": _("按已实现年均增速外推"),
    "fitted_trend": _("按拟合趋势外推"),
    "linear_pace": _("按当前进度线性外推"),
    "compound_rate": _("按年均降幅延续"),
}


def period_text(period: Period | str | None) -> str:
    """2024年第二季度 / 2024 Q2; 2024年6月 / 2024-06; 2024年 / 2024."""
    if period is None or period == "":
        return DASH
    p = Period.parse(period)
    if not is_english():
        return p.label_zh
    if p.kind is PeriodKind.QUARTER:
        return f"{p.year} Q{p.index}"
    return str(p)


def value_text(value: float | None, unit: str) -> str:
    """The number alone with the unit's decimals (``746.9`` for 亿元)."""
    return fmt.value_text(value, unit)


def quantity_text(value: float | None, unit: str) -> str:
    """Number and unit: 746.9亿元 / 746.9 100m yuan."""
    if value is None:
        return DASH
    label = unit_label(unit)
    if is_english():
        return f"{value_text(value, unit)} {label}".strip() if label != "%" else f"{value_text(value, unit)}%"
    return f"{value_text(value, unit)}{unit}"


def pct(fraction: float | None) -> str:
    return fmt.pct(fraction)


def pp_text(points: float | None) -> str:
    """A gap in 百分点 with its sign: +2.3 / −14.1."""
    if points is None:
        return DASH
    text = fmt.num(abs(points), 1)
    if fmt.rounded(abs(points), 1).is_zero():
        return text
    return ("+" if points > 0 else "−") + text


def target_text(a: Assessment) -> str:
    """The target as the plan words it: 1000以上 (zh) / ≥ 1000 (en); a relative target has none."""
    if a.target is None:
        return DASH
    if not is_english():
        return fmt.target_text(a.target, a.comparator, a.target_high)
    value = fmt.plain(a.target)
    if a.comparator is Comparator.BETWEEN and a.target_high is not None:
        return f"{value}–{fmt.plain(a.target_high)}"
    prefix = {Comparator.AT_LEAST: "≥ ", Comparator.AT_MOST: "≤ ", Comparator.ABOUT: "≈ "}
    return prefix.get(a.comparator, "") + value if a.comparator else value


def note_texts(a: Assessment) -> list[tuple[str, str]]:
    """The engine's notes as (language tag, text): in English the coded ones (planwatch.assess.notes) read in
    English; a note without a code (the plan's own note, for one) stays as the plan or engine wrote it."""
    if not is_english():
        return [("zh-CN", note) for note in a.notes]
    coded = {c["text"]: c for c in a.note_codes}
    out = []
    for note in a.notes:
        c = coded.get(note)
        if c is not None and c["code"] in NOTES:
            out.append(("en", render_note(c["code"], "en", c["params"])))
        else:
            out.append(("zh-CN", note))
    return out


def grade_label(a: Assessment) -> str:
    label = GRADE_LABELS.get(a.grade_zh)
    return str(label) if label is not None else a.grade_zh


def projection_label(p: Projection) -> str:
    label = PROJECTION_LABELS.get(p.method)
    return str(label) if label is not None else p.method


def headline_projection(a: Assessment) -> Projection | None:
    """The projection the cockpit shows: the one that gives the chance of meeting the target, else the first.

    The engine's headline ``projection`` is the compound trend and its ``probability`` comes from the
    fitted trend; showing one method's value beside the other's probability would mislead, so the
    cockpit shows the fitted value with its probability whenever there is one.
    """
    for p in a.projections:
        if p.probability is not None:
            return p
    return a.projections[0] if a.projections else None


@dataclass
class Row:
    """One target × scope as a table row."""

    a: Assessment
    value: str
    period: str
    target: str
    baseline: str
    completion: str
    time: str
    gap: str
    grade: str
    status: str
    status_class: str
    warning: str
    projection: str
    projection_method: str
    probability: str
    unit: str
    completion_frac: float | None
    time_frac: float | None


def row(a: Assessment) -> Row:
    p = headline_projection(a)
    return Row(
        a=a,
        value=value_text(a.shown()[0], a.unit),  # the value standing for the period (assess.period_value)
        period=period_text(a.shown()[1]),
        target=target_text(a),
        baseline=value_text(a.baseline, a.unit),
        completion=pct(a.completion),
        time=pct(a.time_elapsed),
        gap=pp_text(a.gap_pp),
        grade=grade_label(a),
        status=str(STATUS_LABELS[a.status]),
        status_class=f"st-{a.status.value} wl-{a.warning.value}",
        warning=str(WARNING_LABELS[a.warning]),
        projection=value_text(p.value, a.unit) if p is not None else DASH,
        projection_method=projection_label(p) if p is not None else "",
        probability=pct(p.probability) if p is not None and p.probability is not None else DASH,
        unit=unit_label(a.unit),
        completion_frac=a.completion,
        time_frac=a.time_elapsed,
    )
