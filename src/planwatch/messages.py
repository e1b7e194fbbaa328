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
    "PLAN_ENCODING": ("规划文件 {file} 不是 UTF-8 编码：请用 UTF-8 另存（第 {line} 行附近有无法识别的字节）", "The plan file {file} is not UTF-8: save it as UTF-8 (undecodable bytes near line {line})"),
    "PLAN_UNREADABLE": ("无法读取规划文件 {file}：{detail}", "Cannot read the plan file {file}: {detail}"),
    "YAML_ALIAS": ("第 {line} 行（{path}）使用了 YAML 别名（*名称）：定义文件不支持锚点与别名，请把内容直接写出", "Line {line} ({path}) uses a YAML alias (*name): definition files do not take anchors and aliases; write the content out"),
    "YAML_TOO_DEEP": ("第 {line} 行附近嵌套超过 {max} 层：这不是有效的定义文件", "Nesting deeper than {max} levels near line {line}: not a valid definition file"),
    "YAML_DUPLICATE_KEY": ("第 {line} 行：键「{key}」在同一处重复出现（第一次在第 {first} 行），请删去其一", "Line {line}: the key '{key}' appears twice in one mapping (first on line {first}); keep one"),
    "YAML_NOT_FINITE": ("第 {line} 行（{path}）的数值「{value}」不是有限数或超出范围（绝对值应不超过 10¹⁸）", "Line {line} ({path}): the number '{value}' is not finite or out of range (at most 10^18 in absolute value)"),
    "YAML_COMPLEX_KEY": ("第 {line} 行：键应为文字，不能是列表或键值对", "Line {line}: a key must be text, not a list or mapping"),
    "PLAN_NOT_MAPPING": (
        "这不是规划文件：顶层应是 plan、scopes、indicators、targets 等键（文件为空，或选错了文件？）",
        "This is not a plan file: the top level should hold plan, scopes, indicators and targets (an empty file, or the wrong file?)",
    ),
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
    "PLAN_REF_CYCLE": ("{what}之间出现循环引用（经由 {via}）：{chain}", "The {what} refer to each other in a cycle (through {via}): {chain}"),
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
    "LINT_RATE_SENSE": (
        "指标「{name}」（{id}）的名称含“{word}”，但 rate_sense 为 growth：逐年比率将按增长连乘；若正数表示下降，请写 rate_sense: decline",
        "Indicator {name} ({id}) says '{word}' in its name but its rate_sense is growth: yearly rates will chain as growth; if a positive value means a decline, write rate_sense: decline",
    ),
    "LINT_FORMULA": (
        "{label}：{year}年写作 {stated}%，但按{numerator}÷{denominator}计算为 {computed}%",
        "{label}: {year} is stated as {stated}%, but {numerator} ÷ {denominator} gives {computed}%",
    ),
    "LINT_PART_FILLS_WHOLE": (
        "{part}目标 {part_value}（{part_source}）不小于{whole}目标 {whole_value}（{whole_source}），其余分项没有余量",
        "The {part} target {part_value} ({part_source}) is not below the {whole} target {whole_value} ({whole_source}): nothing is left for the other parts",
    ),
    # -- web platform (planwatch_web): an upload must belong to the form it is uploaded to ----------
    "WEB_UPLOAD_OTHER_SCOPE": (
        "本行的范围是「{scope}」，不是本表的范围「{expected}」",
        "This row is for {scope}, not for this form's scope {expected}",
    ),
    "WEB_UPLOAD_OTHER_PERIOD": (
        "本行的时期是 {period}，不是本表的时期 {expected}",
        "This row is for period {period}, not for this form's period {expected}",
    ),
    "WEB_UPLOAD_NOT_ON_FORM": (
        "指标「{indicator}」（{measure}）不在本表的填报指标中",
        "Indicator {indicator} ({measure}) is not on this form",
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
    "RANK_NOTHING_SCORED": ("{period}没有任何{level}能在任何考核指标上计分（均缺少数据或目标），无法排名", "For {period} no {level} can be scored on any ranking indicator (values or targets missing): nothing to rank"),
    "RANK_LATE_INVALID": ("--late 的值「{value}」无效：应写作“县市区=逾期天数”，如 吉首市=3", "--late value '{value}' is not UNIT=DAYS, e.g. 吉首市=3"),
    # -- enterprise microdata (planwatch.ingest.microdata, planwatch aggregate / demo-data) -----------
    "MICRO_FILE_NOT_FOUND": ("找不到微观数据文件：{file}", "No microdata file {file}"),
    "MICRO_FILE_FORMAT": ("文件 {file} 的格式不支持：请用 .csv 或 .parquet", "Unsupported file {file}: use .csv or .parquet"),
    "MICRO_FILE_UNREADABLE": ("无法读取文件 {file}：{detail}", "Cannot read {file}: {detail}"),
    "MICRO_FILE_TRUNCATED": ("文件 {file} 的最后一行（第 {row} 行）不完整：只有 {found} 列，表头有 {expected} 列，且没有换行结尾，文件可能在复制或下载时被截断", "The last line of {file} (row {row}) is cut off: {found} fields against {expected} headers and no line break at the end; the file may have been copied or downloaded only in part"),
    "MICRO_COLUMN_TYPE": ("列「{header}」（{column}）的存储类型是 {type}，应为{kind}：请把该列转换为{kind}后再导出", "Column '{header}' ({column}) is stored as {type} but must hold {kind}: convert it and export again"),
    "MICRO_THREADS_INVALID": ("--threads {value} 无效：应为 1 至 {max} 之间的整数（本机有 {cores} 个核）", "--threads {value} is invalid: give a whole number from 1 to {max} (this machine has {cores} cores)"),
    "MICRO_MEMORY_LIMIT_INVALID": ("--memory-limit「{value}」无效：应写作数值加单位，如 512MB、3GB，且不少于 64MB", "--memory-limit '{value}' is invalid: write a number and a unit such as 512MB or 3GB, at least 64MB"),
    "MICRO_EMPTY": ("文件没有数据行", "The file has no data rows"),
    "MICRO_COLUMN_MISSING": ("缺少必需的列「{column}」（也可写作：{accepted}）", "The required column '{column}' is missing (also accepted: {accepted})"),
    "MICRO_COLUMN_DUPLICATE": ("列「{first}」和「{second}」都是「{column}」，只能保留一列", "Columns '{first}' and '{second}' both mean '{column}': keep one"),
    "MICRO_COLUMN_UNKNOWN": ("未识别的列「{header}」，已忽略{hint}", "Unknown column '{header}' ignored{hint}"),
    "MICRO_VA_MISSING": ("既没有「工业增加值」列，也没有「增加值率」列：至少要有其一", "Neither '工业增加值' (value added) nor '增加值率' (value-added rate) is given: one is needed"),
    "MICRO_DEFLATOR_PARTIAL": ("只有部分文件有「可比价缩减指数」列（缺少的文件：{files}）：可比价增速需要全部记录都有缩减指数", "Only some files have the deflator column (missing in: {files}); comparable-price growth needs it on every record"),
    "MICRO_BLANK": ("「{column}」不能为空", "'{column}' must not be blank"),
    "MICRO_MONTH_INVALID": ("「{column}」的值「{value}」不是月份（应写作 2024-03、202403 或 2024年3月）", "'{column}' value '{value}' is not a month (write 2024-03, 202403 or 2024年3月)"),
    "MICRO_NUMBER_INVALID": ("「{column}」的值「{value}」不是数字", "'{column}' value '{value}' is not a number"),
    "MICRO_NEGATIVE": ("「{column}」不能为负数，这里是 {value}", "'{column}' must not be negative, here {value}"),
    "MICRO_RATE_RANGE": ("「{column}」应在 0—100 之间（单位为 %），这里是 {value}", "'{column}' must be between 0 and 100 (a percentage), here {value}"),
    "MICRO_VALUE_MISSING": ("「工业增加值」和「增加值率」都为空：至少填写其一", "Both value added and the value-added rate are blank: give one"),
    "MICRO_DEFLATOR_INVALID": ("「{column}」应为正数（定基价格指数），这里是「{value}」", "'{column}' must be a positive fixed-base price index, here '{value}'"),
    "MICRO_FLAG_INVALID": ("「{column}」的值「{value}」不是是/否（可写：是/否、1/0、Y/N、true/false、√/空）", "'{column}' value '{value}' is not yes/no (write 是/否, 1/0, Y/N, true/false, √ or leave blank)"),
    "MICRO_SCOPE_UNKNOWN": ("「{column}」的值「{value}」不是规划中的{what}{hint}", "'{column}' value '{value}' is not a {what} of the plan{hint}"),
    "MICRO_SCOPE_KIND": ("「{column}」的值「{value}」是{actual}，不是{what}", "'{column}' value '{value}' is a {actual}, not a {what}"),
    "MICRO_PARK_COUNTY": ("园区「{park}」在{expected}，但本行的县市区是「{county}」", "Park '{park}' lies in {expected}, but this row's county is '{county}'"),
    "MICRO_DUPLICATE": ("企业 {enterprise} 在 {month} 有 {count} 行记录：每家企业每月只能有一行", "Enterprise {enterprise} has {count} rows for {month}: one row per enterprise and month"),
    "MICRO_MORE": ("另有 {count} 处同类问题（{code}），未逐一列出", "{count} more problems of the same kind ({code}) not listed"),
    "MICRO_SCALE_FIRST_YEAR": ("{year}年没有上一年的营业收入，无法判定规模以上企业：规上指标从{next}年开始，新增入规从{after}年开始", "{year} has no previous-year revenue to decide which enterprises are above designated size: those indicators start in {next}, new entries in {after}"),
    "MICRO_VA_GT_OUTPUT": ("工业增加值 {va} 大于工业总产值 {output}（万元）", "Value added {va} exceeds gross output {output} (10k yuan)"),
    "MICRO_OUT_FORMAT": ("输出文件 {file} 的格式不支持：请用 .csv 或 .parquet", "Unsupported output file {file}: use .csv or .parquet"),
    "DEMO_THROUGH_RANGE": ("--through {value} 无效：应为 2021-01 至 2025-12 之间的月份", "--through {value} is not a month between 2021-01 and 2025-12"),
    "DEMO_AS_OF_INVALID": ("--as-of {value} 无效：应为 2021Q1 至 2025Q4 之间的季度（如 2025Q2）", "--as-of {value} is not a quarter between 2021Q1 and 2025Q4 (e.g. 2025Q2)"),
    # -- data import (planwatch.ingest, planwatch check / import / template; docs/data-files.md) ----
    "INGEST_FILE_NOT_FOUND": ("找不到数据文件 {file}", "No data file {file}"),
    "INGEST_FILE_TYPE": ("不支持的文件类型「{suffix}」（{file}）：请使用 .csv 或 .xlsx（旧版 .xls 请另存为 .xlsx）", "Unsupported file type '{suffix}' ({file}): use .csv or .xlsx (save old .xls files as .xlsx)"),
    "INGEST_FILE_UNREADABLE": ("无法读取文件 {file}：{detail}", "Cannot read {file}: {detail}"),
    "INGEST_NOT_WORKBOOK": ("{file} 不是有效的 Excel 文件（.xlsx），可能是改了扩展名的 CSV 或已损坏：请用 Excel 打开后另存为 .xlsx", "{file} is not a valid Excel workbook (.xlsx): perhaps a CSV with a changed extension, or damaged; open it in Excel and save it as .xlsx"),
    "INGEST_ARCHIVE_MEMBERS": ("{file} 内含 {count} 个部件，超过上限 {limit}：这不像一个正常的 Excel 文件，未打开", "{file} holds {count} parts, more than the limit of {limit}: not an ordinary workbook; not opened"),
    "INGEST_ARCHIVE_METHOD": ("{file} 的部件 {member} 使用了不支持的压缩方式（{method}）或已加密：请用 Excel 另存为普通 .xlsx", "Part {member} of {file} uses an unsupported compression method ({method}) or is encrypted: save it from Excel as an ordinary .xlsx"),
    "INGEST_ARCHIVE_TOO_LARGE": ("{file} 解压后过大（部件 {member}：{size_mb} MB，上限 {limit_mb} MB），未打开：请拆分文件或删去多余的工作表", "{file} is too large once unpacked (part {member}: {size_mb} MB, limit {limit_mb} MB); not opened: split the file or delete unused sheets"),
    "INGEST_ARCHIVE_RATIO": ("{file} 的部件 {member} 压缩比达 {ratio} 倍（上限 {limit} 倍），疑似“压缩炸弹”，未打开", "Part {member} of {file} inflates {ratio} times (limit {limit}): a suspected zip bomb; not opened"),
    "INGEST_CSV_MALFORMED": ("文件 {file} 第 {row} 行附近不是有效的 CSV（引号不配对，或一个单元格超过 128 KB）", "{file} is not valid CSV near row {row} (unbalanced quotes, or a cell over 128 KB)"),
    "INGEST_SHEET_UNREADABLE": ("文件 {file} 的工作表「{sheet}」已损坏，无法读取：请用 Excel 打开后另存", "Sheet '{sheet}' of {file} is damaged and cannot be read: open it in Excel and save it again"),
    "INGEST_SHEET_HIDDEN": ("工作表「{sheet}」是隐藏的，其数据也已读取；如不应导入，请删除该工作表", "Sheet '{sheet}' is hidden; its data was read too; delete the sheet if it should not be imported"),
    "INGEST_FORMULA_NO_VALUE": ("工作表「{sheet}」的单元格 {cell} 是公式但没有计算结果（文件由程序生成、未经 Excel 计算）：请在 Excel 中打开、保存后再导入", "Cell {cell} of sheet '{sheet}' holds a formula without a computed value (written by a program, never calculated): open and save it in Excel, then import"),
    "INGEST_ENCODING": ("文件 {file} 的编码无法识别（已尝试 UTF-8 和 GBK/GB18030）：请另存为 UTF-8 的 CSV", "Cannot decode {file} (tried UTF-8 and GBK/GB18030): save it as UTF-8 CSV"),
    "INGEST_SHEET_NOT_FOUND": ("文件 {file} 中没有工作表「{sheet}」（现有：{sheets}）", "{file} has no sheet '{sheet}' (sheets: {sheets})"),
    "INGEST_EMPTY_FILE": ("文件 {file} 没有数据行", "{file} has no data rows"),
    "INGEST_EMPTY_SHEET": ("文件 {file} 的工作表「{sheet}」没有数据行", "Sheet '{sheet}' of {file} has no data rows"),
    "INGEST_SHEET_SKIPPED": ("工作表「{sheet}」没有数据，已跳过", "Sheet '{sheet}' has no data and was skipped"),
    "INGEST_COLUMN_MISSING": ("缺少必填列「{column}」（{name}）；表头中有：{found}", "Required column {column} ({name}) is missing; the header has: {found}"),
    "INGEST_COLUMN_DUPLICATE": ("列「{column}」与列「{first}」都表示{field}，只能保留一列", "Columns '{column}' and '{first}' both mean {field}: keep one"),
    "INGEST_COLUMN_IGNORED": ("列「{column}」不是可识别的列，已忽略", "Column '{column}' is not a known column and was ignored"),
    "INGEST_MISSING_FIELD": ("「{column}」不能为空", "{column} must not be empty"),
    "INGEST_UNKNOWN_INDICATOR": ("规划中没有指标「{value}」（相近的指标：{suggestions}）", "The plan has no indicator '{value}' (closest: {suggestions})"),
    "INGEST_UNKNOWN_SCOPE": ("规划中没有范围「{value}」（相近的范围：{suggestions}）", "The plan has no scope '{value}' (closest: {suggestions})"),
    "INGEST_BAD_PERIOD": ("时期「{value}」无法识别：请写作 2023、2023Q3、2023-07，或 2023年、2023年第三季度、2023年7月、2023年1-9月", "Period '{value}' is not understood: write 2023, 2023Q3 or 2023-07"),
    "INGEST_PERIOD_OUTSIDE": ("时期「{value}」远在规划期之外：数据文件只能填 {first}—{last} 年的数据", "Period '{value}' lies far outside the plan: a data file may report {first} to {last}"),
    "INGEST_UNKNOWN_MEASURE": ("口径「{value}」无法识别：可选 当期、累计、同比增长、累计增长", "Measure '{value}' is not understood: use level, ytd, growth or ytd_growth"),
    "INGEST_MEASURE_PERIOD_MISMATCH": ("口径「{measure}」与时期「{period}」不一致", "Measure '{measure}' does not match period '{period}'"),
    "INGEST_GROWTH_OF_PERCENT": ("{indicator}的单位是 %，不能填{measure}：比重的变化用百分点表示，请填当期值", "{indicator} is in %, so it has no {measure}: changes of a share are in percentage points; enter the level"),
    "INGEST_YTD_OF_STOCK": ("{indicator}是期末时点数（单位{unit}），没有「{measure}」口径：请填期末值（当期）", "{indicator} is an end-of-period stock (in {unit}) and has no {measure}: enter the end-of-period level"),
    "INGEST_BAD_NUMBER": ("数值「{value}」不是数字（缺数请留空或填“—”）", "Value '{value}' is not a number (leave it blank or write — when missing)"),
    "INGEST_VALUE_OVERFLOW": ("数值 {value}（{unit}）超出可处理的范围（换算为「{target}」后绝对值应不超过 10¹⁸）：请核对数值和单位", "Value {value} ({unit}) is out of range once in '{target}' (at most 10^18 in absolute value): check the value and its unit"),
    "INGEST_UNKNOWN_UNIT": ("单位「{unit}」无法识别", "Unit '{unit}' is not known"),
    "INGEST_UNIT_MISMATCH": ("数值 {value} 的单位「{unit}」无法换算为{indicator}（{measure}）的单位「{target}」", "Value {value} in '{unit}' cannot be converted to the unit '{target}' of {indicator} ({measure})"),
    "INGEST_VALUE_MISSING": ("{scope}{period}{indicator}的数值为空，已跳过", "No value for {indicator} of {scope} in {period}; row skipped"),
    "INGEST_DUPLICATE_KEY": ("{scope}{period}{indicator}（{measure}）在本文件中重复出现（第一次在第 {first_row} 行）", "{indicator} of {scope} in {period} ({measure}) appears twice in this file (first in row {first_row})"),
    "INGEST_CONFLICT": ("{scope}{period}{indicator}（{measure}）为 {value}，与 {other_where} 的 {other} 不一致", "{indicator} of {scope} in {period} ({measure}) is {value} here but {other} in {other_where}"),
    "RULE_MEMBERS_SUM": ("{scope}{period}{indicator}{measure}：下属 {n} 个单位合计 {left}{unit}，与本级数 {right}{unit} 相差 {diff}%，超出允许的 ±{tolerance}%（规则：{rule}）", "{indicator}{measure} of {scope} in {period}: its {n} members add up to {left} {unit} against {right} {unit}, {diff}% apart, beyond ±{tolerance}% (rule: {rule})"),
    "RULE_YOY_CHANGE": ("{scope}{period}{indicator}{measure}为 {left}{unit}，比上年同期（{last_period}）的 {right}{unit} 变化 {diff}%，超过 ±{tolerance}%，请核对单位和口径（规则：{rule}）", "{indicator}{measure} of {scope} in {period} is {left} {unit}, {diff}% away from {right} {unit} a year earlier ({last_period}), beyond ±{tolerance}%: check the unit and measure (rule: {rule})"),
    "RULE_OUT_OF_RANGE": ("{scope}{period}{indicator}{measure}为 {left}{unit}，不在 {low}～{high}{unit} 之间（规则：{rule}）", "{indicator}{measure} of {scope} in {period} is {left} {unit}, outside {low} to {high} {unit} (rule: {rule})"),
    "RULE_BELOW_MIN": ("{scope}{period}{indicator}{measure}为 {left}{unit}，不应小于 {right}（规则：{rule}）", "{indicator}{measure} of {scope} in {period} is {left} {unit}, below {right} (rule: {rule})"),
    "RULE_ABOVE_MAX": ("{scope}{period}{indicator}{measure}为 {left}{unit}，不应大于 {right}（规则：{rule}）", "{indicator}{measure} of {scope} in {period} is {left} {unit}, above {right} (rule: {rule})"),
    "RULE_FAILED": ("{scope}{period}{indicator}{measure}：{left_term} = {left}，{right_term} = {right}，不满足 {operator}（容差 {tolerance}；规则：{rule}）", "{indicator}{measure} of {scope} in {period}: {left_term} = {left}, {right_term} = {right}, not {operator} (tolerance {tolerance}; rule: {rule})"),
    "RULES_NOT_FOUND": ("找不到校验规则文件 {file}", "No rules file {file}"),
    "RULES_YAML": ("校验规则文件不是有效的 YAML（第 {line} 行）：{detail}", "The rules file is not valid YAML (line {line}): {detail}"),
    "RULES_INVALID": ("校验规则 {field} 无效：{detail}", "Rule field {field} is invalid: {detail}"),
    "RULES_DUPLICATE_ID": ("校验规则 id「{id}」重复出现", "Duplicate rule id '{id}'"),
    "TEMPLATE_NO_TARGETS": ("规划没有为「{scope}」设定任何目标，无法生成填报模板", "The plan sets no targets for {scope}: there is nothing to put in a template"),
    # -- progress engine (planwatch.assess thresholds; planwatch assess / progress) -----------------
    "THRESHOLDS_NOT_FOUND": ("找不到阈值文件：{file}", "No thresholds file {file}"),
    "THRESHOLDS_YAML": ("阈值文件不是有效的 YAML（第 {line} 行）：{detail}", "The thresholds file is not valid YAML (line {line}): {detail}"),
    "THRESHOLDS_SHAPE": ("阈值文件应为键值对（default_profile、profiles、engine、projection）", "The thresholds file must be a mapping (default_profile, profiles, engine, projection)"),
    "THRESHOLDS_FIELD_MISSING": ("阈值文件缺少必填字段 {field}", "The thresholds file lacks the required field {field}"),
    "THRESHOLDS_FIELD_UNKNOWN": ("阈值文件中有未知字段 {field}（字段名是否拼错？）", "Unknown field {field} in the thresholds file (misspelt?)"),
    "THRESHOLDS_FIELD_INVALID": ("阈值文件字段 {field} 的值 {value} 无效：{detail}", "Field {field} of the thresholds file has an invalid value {value}: {detail}"),
    "THRESHOLDS_PROFILE_UNKNOWN": ("没有名为「{profile}」的进度评估方案，可选：{known}", "No progress profile named '{profile}'; known: {known}"),
    "ASSESS_PERIOD_INVALID": ("评估期「{value}」无法识别：应写作 2024、2024Q3 或 2024-09", "Cannot read the as-of period '{value}': write 2024, 2024Q3 or 2024-09"),
    "ASSESS_SCOPE_UNKNOWN": ("规划中没有范围「{value}」{hint}", "The plan has no scope '{value}'{hint}"),
    "ASSESS_INDICATOR_UNKNOWN": ("规划中没有指标「{value}」{hint}", "The plan has no indicator '{value}'{hint}"),
    "ASSESS_AS_OF_MISSING": ("请用 --as-of 指定评估期，如 2024Q4、2024-09 或 2024", "Give the as-of period with --as-of, e.g. 2024Q4, 2024-09 or 2024"),
    "ASSESS_DATA_MISSING": ("请用 --data 指定至少一个数据文件（.csv 或 .xlsx）", "Give at least one data file with --data (.csv or .xlsx)"),
    "PROGRESS_OPTION_MISSING": ("请给出 {option}（写作“数值@年份”，如 164.3@2020）", "Give {option} (VALUE@YEAR, e.g. 164.3@2020)"),
    "ASSESS_NOTHING": ("没有符合条件的目标：{what}", "No target matches: {what}"),
    "PROGRESS_VALUE_AT_YEAR": ("{option} 的值「{value}」应写作“数值@年份”，如 164.3@2020", "{option} value '{value}' must be VALUE@YEAR, e.g. 164.3@2020"),
    "PROGRESS_YEAR_ORDER": ("{option} 的年份 {year} 应晚于 --base 的年份 {base_year}", "The year of {option} ({year}) must come after the --base year ({base_year})"),
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
