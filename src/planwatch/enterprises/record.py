"""One enterprise of the register, as the bureau keeps it.

规上 status is *recorded*: the statistics bureau's 名录库 says when an enterprise entered (入规) and
left (退规) 联网直报; the register stores those events (year and month) and never computes them
from revenue (``disagreements`` lists where revenue and the record differ). Revenue and output by
year are the figures the register holds (万元). Every change of a field is kept (who, when,
before → after): ``change`` returns the new record and the history row.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


class EnterpriseFlag(StrEnum):
    """Recognitions and states the register records (each a 是/否 column of the register file)."""

    HITECH = "hitech"  # 高新技术企业
    INNOVATIVE = "innovative"  # 创新型中小企业
    SPECIALISED = "specialised"  # 专精特新中小企业
    LITTLE_GIANT = "little_giant"  # 专精特新"小巨人"
    CLOUD = "cloud"  # 上云
    CHAIN_LEADER = "chain_leader"  # 链主企业

    @property
    def label_zh(self) -> str:
        return {
            "hitech": "高新技术企业",
            "innovative": "创新型中小企业",
            "specialised": "专精特新中小企业",
            "little_giant": "专精特新“小巨人”",
            "cloud": "上云企业",
            "chain_leader": "链主企业",
        }[self.value]


class ListingBoard(StrEnum):
    """Where an enterprise is listed (上市) or quoted (挂牌)."""

    MAIN = "main"  # 主板
    CHINEXT = "chinext"  # 创业板
    STAR = "star"  # 科创板
    BSE = "bse"  # 北交所
    NEEQ = "neeq"  # 新三板 (挂牌)
    REGIONAL = "regional"  # 区域性股权市场 (四板, e.g. 湖南股交所) (挂牌)

    @property
    def label_zh(self) -> str:
        return {"main": "主板", "chinext": "创业板", "star": "科创板", "bse": "北交所",
                "neeq": "新三板", "regional": "四板"}[self.value]

    @property
    def is_listed(self) -> bool:
        """上市 (an exchange) rather than 挂牌 (新三板, 四板)."""
        return self in (ListingBoard.MAIN, ListingBoard.CHINEXT, ListingBoard.STAR, ListingBoard.BSE)


class ScaleEventKind(StrEnum):
    ENTER = "enter"  # 入规
    EXIT = "exit"  # 退规

    @property
    def label_zh(self) -> str:
        return {"enter": "入规", "exit": "退规"}[self.value]


@dataclass(frozen=True, slots=True, order=True)
class ScaleEvent:
    """入规 or 退规 in a month, as the statistics bureau records it."""

    year: int
    month: int
    kind: ScaleEventKind

    def __str__(self) -> str:
        return f"{self.kind.label_zh}{self.year}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class Industry:
    """GB/T 4754-2017: 门类 (a letter A–T) and 大类 (two digits)."""

    section: str
    division: str = ""

    def __str__(self) -> str:
        return f"{self.section}{self.division}"


@dataclass(frozen=True, slots=True)
class Change:
    """One row of an enterprise's history."""

    field: str
    before: str
    after: str
    who: str
    when: datetime
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Enterprise:
    uscc: str
    name: str
    county: str  # scope id of the plan (county-level unit)
    park: str = ""  # scope id, "" outside every park
    chains: tuple[str, ...] = ()  # scope ids of the plan's industries / sub-industries
    chain_nodes: tuple[str, ...] = ()  # "chain:node" ids of the plan's chain file (产业链环节), sorted
    industry: Industry | None = None
    scale_events: tuple[ScaleEvent, ...] = ()  # sorted
    revenue: dict[int, float] = field(default_factory=dict)  # year → 万元
    output: dict[int, float] = field(default_factory=dict)  # year → 万元 (工业总产值)
    flags: frozenset[EnterpriseFlag] = frozenset()
    listing: ListingBoard | None = None
    pools: dict[str, str] = field(default_factory=dict)  # pool id → tier id ("" untiered) as recorded
    history: tuple[Change, ...] = ()

    def is_scale(self, year: int, month: int = 12) -> bool:
        """规上 at the end of ``year``-``month`` by the recorded events (the latest event up to then)."""
        state = False
        for ev in self.scale_events:
            if (ev.year, ev.month) <= (year, month):
                state = ev.kind is ScaleEventKind.ENTER
        return state

    def entered_in(self, year: int) -> bool:
        """新增入规 in ``year``: an 入规 event recorded in that year."""
        return any(ev.kind is ScaleEventKind.ENTER and ev.year == year for ev in self.scale_events)

    def has(self, flag: EnterpriseFlag) -> bool:
        return flag in self.flags

    def change(self, field_name: str, value: Any, who: str, when: datetime, reason: str = "") -> tuple[Enterprise, Change]:
        """The record with one field changed, and the history row saying so (before → after)."""
        if field_name in ("uscc", "history") or field_name not in {f.name for f in dataclasses.fields(self)}:
            raise KeyError(field_name)
        before = describe(getattr(self, field_name))
        row = Change(field_name, before, describe(value), who, when, reason)
        updated = dataclasses.replace(self, **{field_name: value})
        return dataclasses.replace(updated, history=(*self.history, row)), row


def describe(value: Any) -> str:
    """A field's value as the history shows it."""
    if value is None:
        return ""
    if isinstance(value, frozenset | set):
        return "、".join(sorted(v.label_zh if hasattr(v, "label_zh") else str(v) for v in value))
    if isinstance(value, tuple | list):
        return "、".join(str(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{v:g}" for k, v in sorted(value.items()))
    if isinstance(value, StrEnum) and hasattr(value, "label_zh"):
        return str(value.label_zh)
    return str(value)
