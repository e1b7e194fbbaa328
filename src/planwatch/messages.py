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
    # -- 考核 ranking (planwatch.assess.rank*, planwatch rank): configuration, targets file, data ----
    "RANK_CONFIG_NOT_FOUND": ("找不到考核权重文件：{file}", "No ranking configuration file {file}"),
    "RANK_CONFIG_YAML": ("考核权重文件不是有效的 YAML（第 {line} 行）：{detail}", "The ranking configuration is not valid YAML (line {line}): {detail}"),
    "RANK_CONFIG_SHAPE": ("考核权重文件应为键值对（method、cap、indicators 等）", "The ranking configuration must be a mapping (method, cap, indicators …)"),
    "RANK_CONFIG_FIELD_MISSING": ("考核权重文件缺少必填字段 {field}", "The ranking configuration lacks the required field {field}"),
    "RANK_CONFIG_FIELD_UNKNOWN": ("考核权重文件中有未知字段 {field}（字段名是否拼错？）", "Unknown field {field} in the ranking configuration (misspelt?)"),
    "RANK_CONFIG_FIELD_INVALID": ("考核权重文件字段 {field} 的值 {value} 无效：{detail}", "Field {field} of the ranking configuration has an invalid value {value}: {detail}"),
    "RANK_CONFIG_UNKNOWN_INDICATOR": ("规划中没有指标「{id}」{hint}", "The plan has no indicator '{id}'{hint}"),
    "RANK_CONFIG_DUPLICATE": ("指标「{id}」在考核权重文件中出现了两次", "Indicator '{id}' appears twice in the ranking configuration"),
    "RANK_CONFIG_DERIVE_TARGET": ("指标「{id}」按全州增速推算目标（from: prefecture），需写明 target（规划目标 id，如 t1_03）", "Indicator '{id}' derives from the prefecture (from: prefecture) and needs target (a plan target id such as t1_03)"),
    "RANK_CONFIG_UNKNOWN_TARGET": ("规划中没有目标「{target}」", "The plan has no target '{target}'"),
    "RANK_CONFIG_NOT_PREFECTURE": ("目标「{target}」不是全州的数值目标，不能用来推算县市区目标", "Target '{target}' is not a numeric target of the prefecture and cannot be used to derive county targets"),
    "RANK_CONFIG_NO_WEIGHT": ("所有指标的权重都是 0：至少要有一个指标计分", "Every weight is 0: at least one indicator must count"),
    "RANK_TARGETS_NOT_FOUND": ("找不到考核目标文件：{file}", "No targets file {file}"),
    "RANK_TARGETS_FORMAT": ("考核目标文件 {file} 的格式不支持：请用 .csv 或 .yaml", "Unsupported targets file {file}: use .csv or .yaml"),
    "RANK_TARGETS_EMPTY": ("考核目标文件 {file} 没有任何目标", "The targets file {file} holds no targets"),
    "RANK_TARGETS_YAML": ("考核目标文件不是有效的 YAML（第 {line} 行）：{detail}", "The targets file is not valid YAML (line {line}): {detail}"),
    "RANK_TARGETS_SHAPE": ("考核目标 YAML 文件应为“targets:”下的列表，每项写 county、indicator、year、target", "A YAML targets file needs a list under 'targets:', each item with county, indicator, year, target"),
    "RANK_TARGETS_COLUMN_MISSING": ("考核目标文件缺少列 {column}", "The targets file lacks the column {column}"),
    "RANK_TARGETS_COLUMN_UNKNOWN": ("考核目标文件中有未知的列「{column}」（可用：county/县市区、indicator/指标、year/年份、target/目标值、measure/口径、source/来源、note/备注）", "Unknown column '{column}' (known: county, indicator, year, target, measure, source, note)"),
    "RANK_TARGETS_FIELD_MISSING": ("「{field}」不能为空", "{field} must not be empty"),
    "RANK_TARGETS_UNKNOWN_UNIT": ("规划中没有县市区或园区「{name}」{hint}", "The plan has no county or park '{name}'{hint}"),
    "RANK_TARGETS_NOT_ASSESSED": ("「{name}」是{kind}，不参加本级考核排名", "'{name}' is a {kind} and is not ranked at this level"),
    "RANK_TARGETS_UNKNOWN_INDICATOR": ("规划中没有指标「{name}」{hint}", "The plan has no indicator '{name}'{hint}"),
    "RANK_TARGETS_YEAR": ("年份「{value}」无效：应为 2000—2100 之间的整数年份", "Year '{value}' is not a year between 2000 and 2100"),
    "RANK_TARGETS_MEASURE": ("口径「{value}」无效：可选 level（水平值）或 growth（增速，%）", "Measure '{value}' is not level or growth"),
    "RANK_TARGETS_VALUE": ("目标值「{value}」不是数字", "Target '{value}' is not a number"),
    "RANK_TARGETS_PERCENT_LEVEL": ("目标值「{value}」带 %，但该指标单位是{unit}：增速目标请在口径列写 growth", "Target '{value}' has a % sign but the indicator's unit is {unit}: for a growth target write growth in the measure column"),
    "RANK_TARGETS_DUPLICATE": ("{scope} / {indicator} / {year} 年的目标重复（第一次出现在 {first}）", "Duplicate target {scope} / {indicator} / {year} (first at {first})"),
    "RANK_AS_OF_YEAR": ("通报期 {as_of} 不在考核年度 {year} 年内", "The as-of period {as_of} is not in the year {year}"),
    "RANK_NO_DATA": ("所给数据中没有任何{level}在{period}有考核指标的数值，无法排名", "No {level} has a value of any ranking indicator for {period}: nothing to rank"),
    "RANK_LATE_INVALID": ("--late 的值「{value}」无效：应写作“县市区=逾期天数”，如 吉首市=3", "--late value '{value}' is not UNIT=DAYS, e.g. 吉首市=3"),
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
