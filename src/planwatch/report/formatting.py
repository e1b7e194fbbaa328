"""How numbers and periods read in an official Chinese bulletin (通报).

Rules (docs/bulletin.md §formatting):

- Rounding is 四舍五入 (half up) on the decimal text of the unrounded value, never on a value that was
  already rounded (methodology CN-S1: 97.158% − 83.333% reads 13.8, not 13.9).
- Amounts keep their unit: 亿元 with one decimal (two below 10), 万元 whole (one decimal below 100);
  in running text an amount under 1亿元 reads in 万元.
- Percentages have one decimal: ``80.0%``. A difference of two shares is in 百分点: ``2.3个百分点``.
- Against the time schedule: ``超时序进度2.3个百分点`` / ``低于时序进度1.5个百分点`` / ``与时序进度持平``.
- Growth: ``同比增长5.2%`` / ``同比下降3.1%`` / ``同比持平``; yearly averages ``年均增长15.0%``.
- Periods use the domain labels: ``2024年第四季度``, ``2024年1—9月``, ``2024年``.

Functions that take a *fraction* say so (0.8 = 80%); functions that take percentage points or values
in the indicator's own unit say so too. Every function is pure and returns text.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from planwatch.assess.results import Assessment
from planwatch.domain.enums import Comparator, TargetKind
from planwatch.domain.periods import Period

DASH = "—"  # an empty table cell
RANGE_DASH = "—"  # 3—5家, 1—9月 (the official range dash)

# Units whose values are counts of things: whole numbers.
COUNT_UNITS = frozenset({"家", "个", "户", "件", "名", "项", "人", "座", "条", "次", "G", "名/村"})
# Amount units that read with one decimal, two below 10 (亿元: 547.7, 79.6, 4.71).
AMOUNT_UNITS = frozenset({"亿元", "亿美元", "万户", "万个", "万人次", "万人", "万吨", "万吨标准煤"})


def rounded(value: float, decimals: int) -> Decimal:
    """``value`` rounded half up to ``decimals`` places, from its shortest decimal text."""
    try:
        exact = Decimal(repr(float(value)))
    except InvalidOperation as exc:  # nan, inf
        raise ValueError(f"not a finite number: {value!r}") from exc
    if not exact.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    quantum = Decimal(1).scaleb(-decimals)
    out = exact.quantize(quantum, rounding=ROUND_HALF_UP)
    return out + 0 if out.is_zero() else out  # drop the sign of −0.0


def num(value: float, decimals: int = 1) -> str:
    """Fixed decimals, half up, no thousands separator: ``num(13.825, 1) == "13.8"``; ``-0.04`` → ``"0.0"``."""
    return f"{rounded(value, decimals):f}"


def plain(value: float) -> str:
    """A number as a plan writes it: no trailing zeros (``320.0`` → ``320``, ``15.71`` → ``15.71``)."""
    if float(value).is_integer():
        return str(int(value))
    text = f"{Decimal(repr(float(value))):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def decimals_for(unit: str, value: float) -> int:
    """How many decimals a value in ``unit`` shows (tables and text)."""
    mag = abs(value)
    if unit == "%":
        return 1
    if unit in COUNT_UNITS:
        return 0 if float(value).is_integer() else 1
    if unit == "万元":
        return 0 if mag >= 100 else 1
    if unit in AMOUNT_UNITS:
        return 2 if mag < 10 else 1
    if "/" in unit:  # intensities such as 吨标准煤/万元
        return 3
    if unit == "分":
        return 1
    return 2 if mag < 10 else 1


def value_text(value: float | None, unit: str) -> str:
    """The number alone, with the unit's decimals (a table cell whose column names the unit)."""
    if value is None:
        return DASH
    return num(value, decimals_for(unit, value))


def quantity(value: float | None, unit: str) -> str:
    """Number and unit for running text: ``quantity(164.3, "亿元") == "164.3亿元"``.

    An amount in 亿元 under 1 reads in 万元 (``0.35亿元`` → ``3500万元``), as bulletins write it.
    A value in % reads ``22.7%``.
    """
    if value is None:
        return DASH
    if unit == "亿元" and 0 < abs(value) < 1:
        wan = value * 10000
        return f"{num(wan, decimals_for('万元', wan))}万元"
    return f"{value_text(value, unit)}{unit}"


def pct(fraction: float | None) -> str:
    """A fraction as a percentage with one decimal: ``pct(0.97158) == "97.2%"``."""
    if fraction is None:
        return DASH
    return f"{num(fraction * 100, 1)}%"


def pct_number(fraction: float | None) -> str:
    """Like :func:`pct` without the sign, for a column headed ``（%）``."""
    if fraction is None:
        return DASH
    return num(fraction * 100, 1)


def pp(points: float) -> str:
    """A difference of two shares, in 百分点: ``pp(2.34) == "2.3个百分点"`` (sign dropped; say the direction)."""
    return f"{num(abs(points), 1)}个百分点"


def schedule_gap(gap_pp: float | None) -> str:
    """Completion against the time schedule, in words: ``超时序进度2.3个百分点``.

    ``gap_pp`` is (完成进度 − 时序进度) × 100. A gap that rounds to 0.0 reads ``与时序进度持平``.
    """
    if gap_pp is None:
        return DASH
    if rounded(abs(gap_pp), 1).is_zero():
        return "与时序进度持平"
    word = "超时序进度" if gap_pp > 0 else "低于时序进度"
    return f"{word}{pp(gap_pp)}"


def schedule_gap_cell(gap_pp: float | None) -> str:
    """The short table form under a header ``超/低于时序进度（百分点）``: ``超2.3`` / ``低1.5`` / ``持平``."""
    if gap_pp is None:
        return DASH
    if rounded(abs(gap_pp), 1).is_zero():
        return "持平"
    return f"{'超' if gap_pp > 0 else '低'}{num(abs(gap_pp), 1)}"


def growth(fraction: float | None, lead: str = "同比") -> str:
    """A change as a fraction: ``growth(0.052) == "同比增长5.2%"``, ``growth(-0.031) == "同比下降3.1%"``."""
    if fraction is None:
        return DASH
    if rounded(abs(fraction) * 100, 1).is_zero():
        return f"{lead}持平"
    word = "增长" if fraction > 0 else "下降"
    return f"{lead}{word}{num(abs(fraction) * 100, 1)}%"


def growth_from_pct(percent: float | None, lead: str = "同比") -> str:
    """Like :func:`growth` for a value already in percent (an observation of measure ``growth``)."""
    return DASH if percent is None else growth(percent / 100, lead)


def annual_growth(fraction: float | None) -> str:
    """An average yearly rate as a fraction: ``annual_growth(0.15) == "年均增长15.0%"``."""
    return growth(fraction, "年均")


def change(diff: float | None, unit: str) -> str:
    """A change of a value in ``unit``: shares rise in 百分点, amounts increase in their unit.

    ``change(2.34, "%") == "提高2.3个百分点"``; ``change(-12.0, "亿元") == "减少12.0亿元"``.
    """
    if diff is None:
        return DASH
    if unit == "%":
        if rounded(abs(diff), 1).is_zero():
            return "持平"
        return f"{'提高' if diff > 0 else '下降'}{pp(diff)}"
    if rounded(abs(diff), decimals_for(unit, diff)).is_zero():
        return "持平"
    return f"{'增加' if diff > 0 else '减少'}{quantity(abs(diff), unit)}"


def target_text(
    value: float | None,
    comparator: Comparator | None = None,
    high: float | None = None,
) -> str:
    """A target as the plan words it, without unit: ``1000以上``, ``3—5``, ``10左右``, ``320``."""
    if value is None:
        return DASH
    if comparator is Comparator.BETWEEN and high is not None:
        return f"{plain(value)}{RANGE_DASH}{plain(high)}"
    suffix = {Comparator.AT_LEAST: "以上", Comparator.ABOUT: "左右", Comparator.AT_MOST: "以内"}
    return f"{plain(value)}{suffix.get(comparator, '') if comparator else ''}"


def target_quantity(
    value: float | None,
    comparator: Comparator | None,
    high: float | None,
    unit: str,
) -> str:
    """A target with its unit for running text: ``1000亿元以上``, ``3—5家``, ``10个左右``, ``320亿元``."""
    if value is None:
        return DASH
    if comparator is Comparator.BETWEEN and high is not None:
        return f"{plain(value)}{RANGE_DASH}{plain(high)}{unit}"
    suffix = {Comparator.AT_LEAST: "以上", Comparator.ABOUT: "左右", Comparator.AT_MOST: "以内"}
    return f"{plain(value)}{unit}{suffix.get(comparator, '') if comparator else ''}"


def count(n: int) -> str:
    """A count of items in running text: ``12项``."""
    return f"{n}项"


# -- periods -----------------------------------------------------------------------------------
def period_label(period: Period | str) -> str:
    """``2024年第四季度``, ``2024年``, ``2024年7月`` (domain.periods labels)."""
    return Period.parse(period).label_zh


def ytd_label(period: Period | str) -> str:
    """The 1—N月 wording of a year-to-date value: ``2024年1—9月``; a whole year reads ``2024年``."""
    return Period.parse(period).ytd_label_zh


def months_label(period: Period | str) -> str:
    """``1—9月`` without the year (table headers under a year)."""
    p = Period.parse(period)
    if p.end_month == 1:
        return "1月"
    return f"1{RANGE_DASH}{p.end_month}月"


# -- a pace in the target's own terms (docs/methodology.md §"A pace in the target's own terms") --------


def _signed(value: float, decimals: int) -> str:
    text = num(value, decimals)
    return text if text.startswith("-") or rounded(value, decimals).is_zero() else f"+{text}"


def pace_cell(a: Assessment, unit: str) -> str:
    """The 实际/所需年均 cell: ``1.9%/9.7%`` (growth), ``+0.20/2.97个百分点`` (a share),
    ``+1.6/3.2家`` (a count or a total); with under a year left the needed part is the amount itself
    (``+0.20个百分点；剩余6个月需提高4.0个百分点``); a year or less is never given as a yearly rate."""
    if a.actual_change_pp_per_year is not None or a.required_change_pp_per_year is not None or unit == "%":
        done, need, tail = a.actual_change_pp_per_year, a.required_change_pp_per_year, "个百分点"
    elif a.actual_change_per_year is not None or a.required_change_per_year is not None:
        done, need, tail = a.actual_change_per_year, a.required_change_per_year, unit
    else:
        if a.actual_growth is None and a.required_growth is None:
            return DASH
        return f"{pct(a.actual_growth)}/{pct(a.required_growth)}"
    decimals = 2 if tail == "个百分点" else decimals_for(unit, need if need is not None else (done or 0.0))
    done_text = _signed(done, decimals) if done is not None else DASH
    if need is None and a.remaining is not None and a.months_left is not None and a.months_left <= 12:
        return f"{done_text}{tail}；{short_window_need(a, unit)}"
    need_text = num(need, decimals) if need is not None else DASH
    return f"{done_text}/{need_text}{tail}"


def short_window_need(a: Assessment, unit: str) -> str:
    """What is still needed with less than a year left, in the target's unit: ``年内还需新增4家`` (the
    target year is the as-of year), ``剩余6个月需完成12.0亿元``, ``剩余6个月需提高4.0个百分点``."""
    if a.remaining is None or a.months_left is None:
        return DASH
    in_target_year = a.target_year is not None and str(a.as_of).startswith(str(a.target_year))
    window = "年内还" if in_target_year else f"剩余{a.months_left}个月"
    if unit == "%":
        verb = "提高" if a.direction.sign > 0 else "降低"
        return f"{window}需{verb}{pp(a.remaining)}"
    if a.kind in (TargetKind.CUMULATIVE, TargetKind.YEARLY_RATE):
        verb = "新增" if unit in COUNT_UNITS else "完成"
    else:
        verb = "新增" if unit in COUNT_UNITS and a.direction.sign > 0 else ("增加" if a.direction.sign > 0 else "减少")
    return f"{window}需{verb}{quantity(a.remaining, unit)}"


def required_pace_words(a: Assessment, unit: str) -> str | None:
    """The pace still needed in words, in the target's terms; None when nothing is needed or known.

    ``年均需提高2.97个百分点`` / ``年均需新增3.2家`` / ``年均需完成80.0亿元`` / ``需年均增长9.7%`` /
    under a year left :func:`short_window_need`."""
    if a.remaining is None:
        return None
    if a.months_left is not None and a.months_left <= 12:
        return short_window_need(a, unit)
    if a.required_change_pp_per_year is not None:
        verb = "提高" if a.direction.sign > 0 else "降低"
        return f"年均需{verb}{num(a.required_change_pp_per_year, 2)}个百分点"
    if a.required_change_per_year is not None:
        counted = unit in COUNT_UNITS
        verb = "新增" if counted and a.direction.sign > 0 else ("完成" if a.kind is TargetKind.CUMULATIVE else "增加")
        return f"年均需{verb}{quantity(a.required_change_per_year, unit)}"
    if a.required_growth is not None:
        return f"需{annual_growth(a.required_growth)}"
    return None


_HEAD_YEAR = re.compile(r"^(\S*?\d{4}年)(?=\S)")
_HEAD_SPLIT = ("时序进度", "年均", "全年比重", "完成进度")


def header_lines(text: str) -> str:
    """A table header with its line breaks where a reader expects them, so that no word is cut
    ("2025年\n目标", "超/低于\n时序进度", "实际/所需\n年均"); both renderers print it with
    the header cells kept from breaking inside a word."""
    if "\n" in text or len(text) <= 4:
        return text
    m = _HEAD_YEAR.match(text)
    if m is not None:
        return f"{m.group(1)}\n{text[m.end():]}"
    for word in _HEAD_SPLIT:
        i = text.find(word)
        if i > 0:
            return f"{text[:i]}\n{text[i:]}"
    return text
