"""Assessment notes by code: code → (Chinese, English), so a page in English can render a note.

``Draft.note_code`` renders the Chinese text into ``Assessment.notes`` (exactly as before) and keeps
the code and parameters in ``Assessment.note_codes``. A parameter that is a list of years is written
``2021年、2022年`` in Chinese and ``2021, 2022`` in English; other parameters are used as given
(numbers already formatted). Notes without a code (the plan's own note, texts built from other
modules) stay Chinese only.
"""

from __future__ import annotations

from typing import Any

NOTES: dict[str, tuple[str, str]] = {
    "NO_DATA": ("截至评估期没有该指标的数据", "No data for this indicator up to the assessment period"),
    "NO_DATA_IN_PERIOD": (
        "截至评估期没有该指标在规划期内的数据",
        "No data for this indicator within the plan period up to the assessment period",
    ),
    "NO_DATA_AFTER": (
        "截至评估期没有该指标{year}年以后的数据",
        "No data for this indicator after {year} up to the assessment period",
    ),
    "NO_YEARLY_DATA": (
        "截至评估期没有规划期内的年度数据",
        "No yearly data within the plan period up to the assessment period",
    ),
    "CUMULATIVE_MISSING_YEARS": (
        "缺少{years}的数据，无法得到累计值（已有数据合计 {partial}）",
        "Data for {years} missing: the cumulative value cannot be formed (the data present sum to {partial})",
    ),
    "RATE_MISSING_YEARS": (
        "缺少{years}的数据，无法连乘得到累计变化",
        "Data for {years} missing: the yearly rates cannot be chained into the cumulative change",
    ),
    "NOT_STARTED": ("规划期尚未开始，无法判断进度", "The plan period has not begun: progress cannot be judged"),
    "SINGLE_PERIOD": (
        "规划未给出基期值，数据中也只有一个时期的数值，无法判断进度",
        "The plan gives no baseline and the data hold a single period: progress cannot be judged",
    ),
    "BASELINE_FROM_DATA": (
        "规划未给出基期值，取数据中{year}年的值 {value} 作为基期值",
        "The plan gives no baseline: the {year} value in the data, {value}, is taken as the baseline",
    ),
    "FALLBACK_COMPLETION": (
        "改用完成进度与时序进度之比判断",
        "Judged instead by the ratio of completion to time elapsed",
    ),
    "NOT_ASSESSED": (
        "该目标为远景或说明性目标，仅作记录，不在本期评估",
        "A long-range or indicative target: recorded only, not assessed this period",
    ),
    "NOT_ASSESSED_YEAR": (
        "该目标为{year}年远景或说明性目标，仅作记录，不在本期评估",
        "A long-range or indicative target for {year}: recorded only, not assessed this period",
    ),
    "OVER_RANGE_TOTAL": (
        "累计 {total} 已超过区间上限 {high}（仍视为实现）",
        "The cumulative {total} is above the range's upper end {high} (still counted as met)",
    ),
    "OVER_RANGE_LATEST": (
        "最新值 {latest} 已超过区间上限 {high}（仍视为实现）",
        "The latest value {latest} is above the range's upper end {high} (still counted as met)",
    ),
}


def _param(value: Any, lang: str) -> str:
    if isinstance(value, list):
        if lang == "en":
            return ", ".join(str(y) for y in value)
        return "、".join(f"{y}年" for y in value)
    return str(value)


def render_note(code: str, lang: str, params: dict[str, Any]) -> str:
    zh, en = NOTES[code]
    template = en if lang == "en" else zh
    return template.format_map({k: _param(v, lang) for k, v in params.items()})
