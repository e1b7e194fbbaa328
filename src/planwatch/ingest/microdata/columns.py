"""The columns of an enterprise × month microdata file: names (Chinese and English), kinds, units.

One record is one enterprise in one month (企业一套表 月报). This table is the single definition:
the reader maps headers with it, validation checks kinds with it, and docs/microdata.md lists it
(tests/ingest/test_microdata_docs.py fails when the two disagree).

Money is in 万元 and energy in 吨标准煤, as enterprises report them; the aggregation converts to the
indicators' units (亿元, 万吨标准煤).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class ColumnKind(StrEnum):
    ID = "id"  # text that identifies (统一社会信用代码)
    TEXT = "text"  # free text (企业名称)
    SCOPE = "scope"  # a name (or id) of a scope in the plan: 县市区, 园区, 产业链
    MONTH = "month"  # 2024-03, 202403, 2024年3月
    NUMBER = "number"  # a value of the month (当月)
    FLAG = "flag"  # 是/否, 1/0, Y/N, true/false, √/空


@dataclass(frozen=True, slots=True)
class Column:
    key: str  # the canonical (English) column name
    zh: str  # the Chinese header as a statistics office writes it
    kind: ColumnKind
    unit: str = ""
    required: bool = False
    nonnegative: bool = True  # numbers only: negative values are an error
    aliases: tuple[str, ...] = ()  # other headers accepted (normalised: spaces, brackets and units ignored)
    description: str = ""


COLUMNS: tuple[Column, ...] = (
    Column("enterprise_id", "统一社会信用代码", ColumnKind.ID, required=True,
           aliases=("企业代码", "组织机构代码", "信用代码", "id"),
           description="Identifies the enterprise across months; growth matches enterprises by it."),
    Column("name", "企业名称", ColumnKind.TEXT, aliases=("单位名称", "企业", "enterprise_name"),
           description="Shown nowhere in the output; kept for the reader of the file."),
    Column("county", "县市区", ColumnKind.SCOPE, required=True,
           aliases=("县市", "县市区名称", "所在县市区", "区县"),
           description="A county-level unit of the plan (a county, or a zone at county level), by name, alias or id."),
    Column("park", "园区", ColumnKind.SCOPE, aliases=("所在园区", "产业园区", "园区名称"),
           description="One of the plan's parks, blank when the enterprise is outside every park."),
    Column("chain", "产业链", ColumnKind.SCOPE, aliases=("所属产业链", "产业", "重点产业"),
           description="An industry (产业链) or sub-industry of the plan; blank when none."),
    Column("month", "月份", ColumnKind.MONTH, required=True, aliases=("报告期", "统计月份", "period"),
           description="The month reported: 2024-03, 2024/3, 202403 or 2024年3月."),
    Column("output", "工业总产值", ColumnKind.NUMBER, "万元", required=True,
           aliases=("当月工业总产值", "工业总产值当月", "gross_output"),
           description="Gross industrial output of the month at current prices (当月, 现价)."),
    Column("value_added", "工业增加值", ColumnKind.NUMBER, "万元",
           aliases=("当月工业增加值", "增加值", "va"),
           description="Value added of the month at current prices; or give 增加值率."),
    Column("va_rate", "增加值率", ColumnKind.NUMBER, "%", aliases=("工业增加值率", "value_added_rate"),
           description="Value added as % of gross output (0–100), used when 工业增加值 is blank (单缩法)."),
    Column("revenue", "营业收入", ColumnKind.NUMBER, "万元", required=True,
           aliases=("主营业务收入", "当月营业收入", "sales"),
           description="Operating revenue of the month; the annual sum decides 规模以上 (≥ 2000万元)."),
    Column("tax", "税收", ColumnKind.NUMBER, "万元", nonnegative=False,
           aliases=("税金", "应交税金", "税收收入", "taxes"),
           description="Taxes paid in the month (refunds may make it negative)."),
    Column("rd", "研发费用", ColumnKind.NUMBER, "万元", aliases=("研发投入", "研发经费", "R&D", "rd_spend"),
           description="R&D spending of the month."),
    Column("energy", "综合能源消费量", ColumnKind.NUMBER, "吨标准煤",
           aliases=("能源消费量", "综合能耗", "energy_use"),
           description="Energy use of the month in tonnes of standard coal equivalent."),
    Column("new_product_sales", "新产品销售收入", ColumnKind.NUMBER, "万元",
           aliases=("新兴产品销售收入", "新产品销售"),
           description="Sales of new products in the month."),
    Column("profit", "利润总额", ColumnKind.NUMBER, "万元", nonnegative=False, aliases=("利润",),
           description="Total profit of the month (may be negative)."),
    Column("deflator", "可比价缩减指数", ColumnKind.NUMBER, "定基指数",
           aliases=("缩减指数", "价格指数", "出厂价格指数", "price_index"),
           description="Fixed-base producer price index of the enterprise's products for the month "
           "(any fixed base = 100); comparable-price value = value ÷ (index/100)."),
    Column("hitech", "高新技术", ColumnKind.FLAG, aliases=("高新技术企业", "是否高新技术企业", "high_tech"),
           description="The enterprise is a 高新技术企业 this month."),
    Column("sei", "战略性新兴", ColumnKind.FLAG, aliases=("战略性新兴产业", "战新", "是否战略性新兴产业"),
           description="Its output counts as 战略性新兴产业."),
    Column("manufacturing", "制造业", ColumnKind.FLAG, aliases=("是否制造业", "mfg"),
           description="It belongs to 制造业 (not 采矿业 or 电力、热力、燃气及水生产和供应业)."),
    Column("mining", "矿产业", ColumnKind.FLAG, aliases=("矿业", "是否矿产业"),
           description="It belongs to the 矿产业 (mining and mineral processing) of 一（一）2（1）."),
    Column("private", "民营", ColumnKind.FLAG, aliases=("民营企业", "是否民营"),
           description="It is a private enterprise (民营经济)."),
    Column("tobacco", "烟草", ColumnKind.FLAG, aliases=("烟草企业", "是否烟草"),
           description="Tobacco: its tax is left out of 工业税收（不含烟）."),
    Column("cloud", "上云", ColumnKind.FLAG, aliases=("是否上云", "上云企业"),
           description="The enterprise uses cloud services (上云) this month."),
    Column("platform", "上平台", ColumnKind.FLAG, aliases=("是否上平台", "上平台企业"),
           description="The enterprise is on an industrial-internet platform (上平台) this month."),
)

BY_KEY: dict[str, Column] = {c.key: c for c in COLUMNS}
NUMBER_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.kind is ColumnKind.NUMBER)
FLAG_KEYS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.kind is ColumnKind.FLAG)

TRUE_WORDS = frozenset({"1", "1.0", "是", "y", "yes", "t", "true", "√", "✓", "有"})
FALSE_WORDS = frozenset({"0", "0.0", "否", "n", "no", "f", "false", "×", "无", ""})

_UNIT_SUFFIX = re.compile(r"[（(\[【].*?[）)\]】]")


def normalise_header(text: str) -> str:
    """Header as compared: units in brackets, spaces, case and underscores ignored."""
    t = _UNIT_SUFFIX.sub("", str(text)).strip().lower()
    return re.sub(r"[\s_\-:：]", "", t)


_HEADER_INDEX: dict[str, str] = {}
for _c in COLUMNS:
    for _name in (_c.key, _c.zh, *_c.aliases):
        _HEADER_INDEX.setdefault(normalise_header(_name), _c.key)


def column_for_header(header: str) -> Column | None:
    key = _HEADER_INDEX.get(normalise_header(header))
    return BY_KEY[key] if key else None


def known_headers() -> list[str]:
    return [c.zh for c in COLUMNS]
