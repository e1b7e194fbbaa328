"""The one table of user-facing problem messages: code → (Chinese, English).

Chinese is the default; ``--lang en`` picks English. Parameters are named ``{like_this}``.
tests/core/test_messages.py proves every code used in the code base has both texts and that the
two texts take the same parameters. Add a section per subsystem; keep codes stable (they are
documented in docs/cli.md and used by scripts).
"""

from __future__ import annotations

import string
from typing import Any

MESSAGES: dict[str, tuple[str, str]] = {
    # -- plan files (planwatch.plan.load) ---------------------------------------------------------
    "PLAN_NOT_FOUND": ("找不到规划文件或内置规划：{name}", "No plan file or bundled plan named {name}"),
    "PLAN_YAML": ("规划文件不是有效的 YAML（第 {line} 行）：{detail}", "The plan file is not valid YAML (line {line}): {detail}"),
    "PLAN_FIELD_MISSING": ("缺少必填字段 {field}", "Required field {field} is missing"),
    "PLAN_FIELD_UNKNOWN": ("未知字段 {field}（字段名是否拼错？）", "Unknown field {field} (misspelt?)"),
    "PLAN_FIELD_INVALID": ("字段 {field} 的值 {value} 无效：{detail}", "Field {field} has an invalid value {value}: {detail}"),
    "PLAN_RULE": ("{field}：规则不满足：{detail}", "{field}: rule not met: {detail}"),
    "PLAN_DUPLICATE_ID": ("{what} 的 id「{id}」重复出现", "Duplicate {what} id '{id}'"),
    "PLAN_DUPLICATE_NAME": ("名称「{name}」同时用于 {first} 和 {second}", "The name '{name}' is used by both {first} and {second}"),
    "PLAN_UNKNOWN_REF": (
        "{field} 引用了不存在的{what}「{ref}」{hint}",
        "{field} refers to an unknown {what} '{ref}'{hint}",
    ),
    "PLAN_RULE_GROUP_MEMBERS": ("{field}：合计类范围（group）必须列出 members", "{field}: a group scope needs members"),
    "PLAN_RULE_RANGE": ("{field}：区间目标（between）需要 high 且 high ≥ value", "{field}: a 'between' target needs high ≥ value"),
    "PLAN_RULE_HIGH_ONLY_BETWEEN": ("{field}：只有区间目标（comparator: between）才能写 high", "{field}: 'high' is only for comparator 'between'"),
    "PLAN_RULE_RELATIVE_COMPARE": ("{field}：相对目标（relative）需要 compare_to", "{field}: a relative target needs compare_to"),
    "PLAN_RULE_TARGET_VALUE": ("{field}：{kind} 类目标需要 target（目标年和目标值）", "{field}: a {kind} target needs a target value"),
    "PLAN_RULE_SPAN": ("{field}：{kind} 类目标需要 span（起止年份）", "{field}: a {kind} target needs span (first and last year)"),
    "PLAN_RULE_YEARLY_RATE": ("{field}：年度速率目标（yearly_rate）需要 yearly_rate", "{field}: a yearly_rate target needs yearly_rate"),
    "PLAN_RULE_SPAN_ORDER": ("{field}：span 的起始年份不能晚于结束年份", "{field}: span must run forwards"),
    "PLAN_RULE_BASELINE_YEAR": ("{field}：基期年份必须早于目标年份", "{field}: baseline year must come before target year"),
    "PLAN_RULE_PERIOD": ("{field}：时期「{period}」不是年、季、月或“2016-2020”式的跨年区间", "{field}: period {period!r} is not a year, quarter, month or span"),
    "PLAN_RULE_YEARS": ("{field}：需要 base_year < start_year ≤ end_year", "{field}: need base_year < start_year ≤ end_year"),
    "PLAN_CYCLE": ("范围层级出现循环：{chain}", "Scope hierarchy has a cycle: {chain}"),
    "PLAN_HISTORY_DUPLICATE": (
        "历史数据重复：{indicator} / {scope} / {period} / {measure}",
        "Duplicate history row: {indicator} / {scope} / {period} / {measure}",
    ),
    # -- plan lint (planwatch.plan.lint): where the plan's own numbers disagree --------------------
    "LINT_PARTS_TOTAL": (
        "{whole}{year}年{indicator}{what}写作 {stated}{unit}，但 {n} 个组成部分合计为 {computed}{unit}（相差 {diff}）",
        "{whole} {indicator} {year} {what} is stated as {stated} {unit}, but its {n} parts add up to {computed} {unit} (difference {diff})",
    ),
    "LINT_SUBSET_EXCEEDS": (
        "{group}{year}年合计 {parts}{unit}，超过了{whole}同年{indicator} {total}{unit}：部分不能大于整体",
        "{group} add up to {parts} {unit} in {year}, more than {whole}'s {indicator} of {total} {unit}: a part cannot exceed the whole",
    ),
    "LINT_GROWTH_IMPLIED": (
        "{label}：由 {baseline}（{base_year}年）到 {target}（{target_year}年）隐含年均增长 {implied}%，规划写 {stated}；按所写增速应为 {projected}{unit}",
        "{label}: {baseline} ({base_year}) to {target} ({target_year}) implies {implied}%/yr, the plan states {stated}; at the stated rate the target would be {projected} {unit}",
    ),
    "LINT_CHANGE_IMPLIED": (
        "{label}：规划写增量 {stated}，但目标值 {target} 减基期值 {baseline} 为 {computed}（{unit}）",
        "{label}: the plan states a change of {stated}, but target {target} minus baseline {baseline} is {computed} ({unit})",
    ),
    "LINT_WRITTEN_TWICE": (
        "{label}的{what}（{period}）出现两个不同数值：{first_source} 写 {first}{unit}，{second_source} 写 {second}{unit}",
        "{label} {what} ({period}) is written twice with different numbers: {first_source} says {first} {unit}, {second_source} says {second} {unit}",
    ),
    "LINT_TARGET_CONFLICT": (
        "{label}{year}年目标不一致：{first_source} 写 {first}，{second_source} 写 {second}",
        "{label} has two different {year} targets: {first_source} says {first}, {second_source} says {second}",
    ),
    "LINT_UNIT_AMOUNT": (
        "{label}：单位写作“{unit}”，但 {baseline} → {target} 按年均 {growth} 复利增长（推算 {projected}），数值的行为像金额（{indicator_unit}）而不是比重",
        "{label}: the unit is written as '{unit}', but {baseline} → {target} grows at {growth} a year (projected {projected}): the numbers behave like an amount ({indicator_unit}), not a share",
    ),
    "LINT_SHARE_OVER_100": ("{label}：比重 {value}% 超过 100%", "{label}: a share of {value}% exceeds 100%"),
    "LINT_CUMULATIVE_AS_LEVEL": (
        "{label}：表中以[ ]标为五年累计数的 {baseline} 和 {target}，等于{stock}{b_year}年和{t_year}年的水平值（{stock_source}）；按水平值理解，五年新增应为 {new}",
        "{label}: {baseline} and {target}, marked [ ] as five-year totals, equal the {stock} levels of {b_year} and {t_year} ({stock_source}); read as levels, the five-year addition is {new}",
    ),
    "LINT_RATE_COMPOUND": (
        "{label}：每年 {per_year}% 连续 {n} 年，累计只有 {compounded}%，不是 {stated}%；要达到 {stated}% 需每年 {needed}%",
        "{label}: {per_year}% a year for {n} years compounds to {compounded}%, not {stated}%; {stated}% needs {needed}% a year",
    ),
    "LINT_FORMULA": (
        "{label}：{year}年写作 {stated}%，但按{numerator}÷{denominator}计算为 {computed}%",
        "{label}: {year} is stated as {stated}%, but {numerator} ÷ {denominator} gives {computed}%",
    ),
    "LINT_PART_FILLS_WHOLE": (
        "{part}目标 {part_value}（{part_source}）不小于{whole}目标 {whole_value}（{whole_source}），其余分项没有余量",
        "The {part} target {part_value} ({part_source}) is not below the {whole} target {whole_value} ({whole_source}): nothing is left for the other parts",
    ),
}


def render(code: str, lang: str, params: dict[str, Any]) -> str:
    zh, en = MESSAGES[code]
    template = en if lang == "en" else zh
    return template.format_map(_Default(params))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class _Default(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
