"""Column headers: which column is which field, in Chinese or English, tolerant of spelling.

Matching ignores spaces, full-width forms, case, a trailing required-mark ``*`` and a bracketed
unit; the unit in "数值（万元）" is kept and applies to the whole column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum


class Field(StrEnum):
    """The fields of a data row; the value is the canonical (English) column name."""

    INDICATOR = "indicator"
    SCOPE = "scope"
    PERIOD = "period"
    VALUE = "value"
    MEASURE = "measure"
    UNIT = "unit"
    SOURCE = "source"
    NOTE = "note"

    @property
    def label_zh(self) -> str:
        return FIELD_LABEL_ZH[self]


FIELD_LABEL_ZH: dict[Field, str] = {
    Field.INDICATOR: "指标",
    Field.SCOPE: "范围",
    Field.PERIOD: "时期",
    Field.VALUE: "数值",
    Field.MEASURE: "口径",
    Field.UNIT: "单位",
    Field.SOURCE: "来源",
    Field.NOTE: "备注",
}

REQUIRED: tuple[Field, ...] = (Field.INDICATOR, Field.SCOPE, Field.PERIOD, Field.VALUE)

# Every accepted header (after normalisation) → its field. docs/data-files.md lists them.
ALIASES: dict[Field, tuple[str, ...]] = {
    Field.INDICATOR: ("指标", "指标名称", "指标名", "指标代码", "指标id", "indicator", "indicator_id", "indicatorname"),
    Field.SCOPE: (
        "范围", "地区", "范围或地区", "范围/地区", "地区/范围", "县市区", "县市", "县市区名称", "地区名称",
        "园区", "园区名称", "区域", "行政区划", "产业链", "填报单位", "scope", "scope_id", "region", "area",
    ),
    Field.PERIOD: ("时期", "期别", "年份", "年度", "期间", "时间", "统计期", "报告期", "统计时间", "period", "year", "date"),
    Field.VALUE: ("数值", "本期数", "本期值", "值", "数据", "指标值", "数量", "value", "amount"),
    Field.MEASURE: ("口径", "统计口径", "数值类型", "数据类型", "measure"),
    Field.UNIT: ("单位", "计量单位", "unit", "units"),
    Field.SOURCE: ("来源", "数据来源", "资料来源", "source"),
    Field.NOTE: ("备注", "附注", "note", "notes", "remark", "remarks", "comment"),
}

# Headers that are recognised and deliberately ignored (the template's own hint column, row numbers).
IGNORED: frozenset[str] = frozenset({"填报说明", "序号", "说明", "no", "no.", "#"})

_LOOKUP: dict[str, Field] = {name: f for f, names in ALIASES.items() for name in names}
# The longest header, indicator or scope name the patterns look into: far above any real one (the
# longest indicator names have about 40 characters), low enough that no pattern can take long.
MAX_LABEL = 200
_BRACKET = re.compile(r"^(?P<base>.*?)[(\[【](?P<inner>[^)\]】]*)[)\]】]$")


def normalise_header(text: str) -> str:
    raw = unicodedata.normalize("NFKC", text)
    raw = "".join(raw.split()).lower().rstrip("*")
    return raw.replace("、", "/").replace("|", "/")


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    field: Field | None  # None: not a field (ignored)
    unit: str = ""  # unit written in brackets: "数值（万元）" → 万元
    ignored: bool = False  # a known column that carries no data (填报说明, 序号)


def match_header(text: str) -> HeaderMatch:
    norm = normalise_header(text)
    if not norm:
        return HeaderMatch(None, ignored=True)
    if norm in _LOOKUP:
        return HeaderMatch(_LOOKUP[norm])
    if norm in IGNORED:
        return HeaderMatch(None, ignored=True)
    if len(norm) > MAX_LABEL:  # no header is this long; the pattern below need not look (it is not linear)
        return HeaderMatch(None)
    m = _BRACKET.match(norm)
    if m and m.group("base") in _LOOKUP:
        return HeaderMatch(_LOOKUP[m.group("base")], unit=m.group("inner").strip())
    if m and m.group("base") in IGNORED:
        return HeaderMatch(None, ignored=True)
    return HeaderMatch(None)
