"""The columns of a register file (one row per enterprise): Chinese and English headers, kinds.

One table defines them: the reader maps headers with it and docs/enterprises.md lists it. Revenue
and output by year are columns named with their year: 2023年营业收入, 营业收入2023, revenue_2023
(万元).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from planwatch.enterprises.record import EnterpriseFlag
from planwatch.ingest.microdata.columns import normalise_header


class RegisterColumnKind(StrEnum):
    CODE = "code"  # 统一社会信用代码
    TEXT = "text"
    SCOPE = "scope"  # a scope of the plan by name, alias or id
    SCOPES = "scopes"  # several scopes separated by 、，,；;/
    NODES = "nodes"  # nodes of the plan's chain file: chain:node ids or node names, separated by ；;|
    INDUSTRY = "industry"  # GB/T 4754-2017 门类/大类
    MONTHS = "months"  # one or more months (2019-06；2023-01)
    FLAG = "flag"  # 是/否
    BOARD = "board"  # 上市/挂牌 board
    POOLS = "pools"  # pools of the pool rules, with a tier: 小升规培育库；龙头企业（过亿）
    YEAR_NUMBER = "year_number"  # a figure of a year (万元), year in the header


@dataclass(frozen=True, slots=True)
class RegisterColumn:
    key: str
    zh: str
    kind: RegisterColumnKind
    required: bool = False
    aliases: tuple[str, ...] = ()
    description: str = ""
    flag: EnterpriseFlag | None = None


COLUMNS: tuple[RegisterColumn, ...] = (
    RegisterColumn("uscc", "统一社会信用代码", RegisterColumnKind.CODE, True,
                   ("社会信用代码", "信用代码", "uscc", "credit_code"),
                   "GB 32100-2015 code, 18 characters; checked (check characters, area code)."),
    RegisterColumn("name", "企业名称", RegisterColumnKind.TEXT, True, ("单位名称", "name", "enterprise_name"),
                   "Name as registered."),
    RegisterColumn("county", "县市区", RegisterColumnKind.SCOPE, True, ("县市", "所在县市区", "区县", "county"),
                   "A county-level unit of the plan, by name, alias or id."),
    RegisterColumn("park", "园区", RegisterColumnKind.SCOPE, False, ("所在园区", "产业园区", "park"),
                   "One of the plan's parks; blank outside every park."),
    RegisterColumn("chains", "产业链", RegisterColumnKind.SCOPES, False, ("所属产业链", "chain", "chains"),
                   "The plan's industries or sub-industries, several separated by 、 or ；."),
    RegisterColumn("chain_nodes", "产业链环节", RegisterColumnKind.NODES, False,
                   ("环节", "产业链节点", "所在环节", "chain_nodes", "chain_node", "nodes"),
                   "Nodes (环节) of the plan's chain file the enterprise works at: chain:node ids "
                   "(new_energy:cell) or node names (电芯制造, 新能源:电芯制造), several separated by ；."),
    RegisterColumn("industry", "行业代码", RegisterColumnKind.INDUSTRY, False,
                   ("行业", "国民经济行业", "行业分类", "industry"),
                   "GB/T 4754-2017 门类 and 大类: C26, C 2611 or 26."),
    RegisterColumn("scale_enter", "入规年月", RegisterColumnKind.MONTHS, False,
                   ("入规时间", "入规", "entered_scale"),
                   "Month(s) the statistics bureau recorded 入规 (2019-06; several separated by ；)."),
    RegisterColumn("scale_exit", "退规年月", RegisterColumnKind.MONTHS, False,
                   ("退规时间", "退规", "exited_scale"),
                   "Month(s) the statistics bureau recorded 退规."),
    RegisterColumn("hitech", "高新技术企业", RegisterColumnKind.FLAG, False, ("高新技术", "hitech"),
                   "是/否.", EnterpriseFlag.HITECH),
    RegisterColumn("innovative", "创新型中小企业", RegisterColumnKind.FLAG, False, ("创新型", "innovative"),
                   "是/否.", EnterpriseFlag.INNOVATIVE),
    RegisterColumn("specialised", "专精特新", RegisterColumnKind.FLAG, False,
                   ("专精特新中小企业", "specialised"), "是/否.", EnterpriseFlag.SPECIALISED),
    RegisterColumn("little_giant", "小巨人", RegisterColumnKind.FLAG, False,
                   ("专精特新小巨人", "little_giant"), "是/否.", EnterpriseFlag.LITTLE_GIANT),
    RegisterColumn("cloud", "上云", RegisterColumnKind.FLAG, False, ("上云企业", "cloud"),
                   "是/否.", EnterpriseFlag.CLOUD),
    RegisterColumn("chain_leader", "链主", RegisterColumnKind.FLAG, False, ("链主企业", "chain_leader"),
                   "是/否.", EnterpriseFlag.CHAIN_LEADER),
    RegisterColumn("listing", "上市挂牌", RegisterColumnKind.BOARD, False, ("上市板块", "上市", "挂牌", "listing"),
                   "主板, 创业板, 科创板, 北交所, 新三板 or 四板; blank when neither."),
    RegisterColumn("pools", "培育库", RegisterColumnKind.POOLS, False, ("所在培育库", "pools"),
                   "Pools the enterprise is in (names of the pool rules), a tier in brackets: 龙头企业（过亿）."),
    RegisterColumn("revenue", "营业收入", RegisterColumnKind.YEAR_NUMBER, False, ("主营业务收入", "revenue"),
                   "Revenue of a year in 万元; one column per year: 2023年营业收入."),
    RegisterColumn("output", "工业总产值", RegisterColumnKind.YEAR_NUMBER, False, ("产值", "output"),
                   "Gross output of a year in 万元; one column per year: 2023年工业总产值."),
)

BY_KEY = {c.key: c for c in COLUMNS}

_INDEX: dict[str, str] = {}
for _c in COLUMNS:
    for _n in (_c.key, _c.zh, *_c.aliases):
        _INDEX.setdefault(normalise_header(_n), _c.key)

_YEAR_FIRST = re.compile(r"^(\d{4})年?度?(.+)$")
_YEAR_LAST = re.compile(r"^(.+?)(\d{4})年?度?$")


def column_for_header(header: str) -> tuple[RegisterColumn, int | None] | None:
    """The column a header means, and the year for a yearly figure ("2023年营业收入" → revenue, 2023)."""
    norm = normalise_header(header)
    key = _INDEX.get(norm)
    if key is not None:
        col = BY_KEY[key]
        return (None if col.kind is RegisterColumnKind.YEAR_NUMBER else (col, None))
    for pattern, year_group, name_group in ((_YEAR_FIRST, 1, 2), (_YEAR_LAST, 2, 1)):
        m = pattern.match(norm)
        if m:
            key = _INDEX.get(m.group(name_group).strip("_"))
            if key is not None and BY_KEY[key].kind is RegisterColumnKind.YEAR_NUMBER:
                return BY_KEY[key], int(m.group(year_group))
    return None


BOARD_WORDS = {
    "主板": "main", "上交所主板": "main", "深交所主板": "main", "创业板": "chinext", "科创板": "star",
    "北交所": "bse", "北京证券交易所": "bse", "新三板": "neeq", "全国股转系统": "neeq", "四板": "regional",
    "区域性股权市场": "regional",
}
