"""Units a data file may declare, and conversion into the indicator's unit.

A unit belongs to a family (money in 元, counts of 户, energy in 吨标准煤 …) with a factor to the
family's base. Converting 12345 万元 to 亿元 divides by 10000; converting between families (亿元 → 家)
is impossible and an error. A unit the table does not know is accepted only when it is written
exactly as the indicator's own unit (G, 分, 吨标准煤/万元 …).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

PERCENT = "%"


@dataclass(frozen=True, slots=True)
class Unit:
    text: str  # canonical spelling
    family: str  # what it measures: 元, 美元, 个, 户 …
    factor: float  # how many base units one of this unit is (万元 = 10000 元)


def _family(base: str, *prefixed: tuple[str, float]) -> dict[str, Unit]:
    units = {base: Unit(base, base, 1.0)}
    for prefix, factor in prefixed:
        units[prefix + base] = Unit(prefix + base, base, factor)
    return units


_MONEY_PREFIXES = (("千", 1e3), ("万", 1e4), ("十万", 1e5), ("百万", 1e6), ("千万", 1e7), ("亿", 1e8))
_WAN = (("万", 1e4),)

UNITS: dict[str, Unit] = {
    **_family("元", *_MONEY_PREFIXES),
    **_family("美元", *_MONEY_PREFIXES),
    **_family("个", *_WAN),
    **_family("户", *_WAN),
    **_family("家"),
    **_family("件", *_WAN),
    **_family("项"),
    **_family("人", *_WAN),
    **_family("吨", *_WAN),
    **_family("吨标准煤", *_WAN),
    **_family("千瓦时", ("万", 1e4), ("亿", 1e8)),
    PERCENT: Unit(PERCENT, PERCENT, 1.0),
}

# Other spellings of the same unit.
_SPELLINGS: dict[str, str] = {
    "％": PERCENT,
    "百分比": PERCENT,
    "percent": PERCENT,
    "pct": PERCENT,
    "人民币元": "元",
    "亿美金": "亿美元",
    "万美金": "万美元",
    "万tce": "万吨标准煤",
    "tce": "吨标准煤",
    "万吨标煤": "万吨标准煤",
    "吨标煤": "吨标准煤",
    "度": "千瓦时",
    "万度": "万千瓦时",
    "亿度": "亿千瓦时",
}


@lru_cache(maxsize=4096)
def normalise_unit(text: str) -> str:
    """The unit as compared: NFKC (full-width → half-width), no spaces or brackets, lower-case Latin."""
    raw = unicodedata.normalize("NFKC", text).strip()
    for ch in " \t()（）[]【】":
        raw = raw.replace(ch, "")
    raw = raw.lower() if raw.isascii() else raw
    return _SPELLINGS.get(raw, raw)


def lookup_unit(text: str) -> Unit | None:
    return UNITS.get(normalise_unit(text))


def is_known_unit(text: str) -> bool:
    return lookup_unit(text) is not None


class UnitError(ValueError):
    """``unknown``: the declared unit is not known at all; otherwise it cannot become the target unit."""

    def __init__(self, declared: str, target: str, *, unknown: bool) -> None:
        super().__init__(f"{declared} -> {target}")
        self.declared = declared
        self.target = target
        self.unknown = unknown


def convert(value: float, declared: str, target: str) -> float:
    """``value`` written in ``declared`` expressed in ``target`` (the indicator's unit).

    Dividing when going to a larger unit keeps decimal results exact where they can be
    (12345 万元 → 1.2345 亿元, not 1.2345000000000002).
    """
    d_norm, t_norm = normalise_unit(declared), normalise_unit(target)
    if not d_norm or d_norm == t_norm:
        return value
    d, t = UNITS.get(d_norm), UNITS.get(t_norm)
    if d is None:
        raise UnitError(declared, target, unknown=True)
    if t is None or d.family != t.family:
        raise UnitError(declared, target, unknown=False)
    if d.factor == t.factor:
        return value
    if d.factor < t.factor:
        return value / (t.factor / d.factor)
    return value * (d.factor / t.factor)


COUNT_FAMILIES = frozenset({"个", "户", "家", "件", "项", "人"})


def is_count_unit(text: str) -> bool:
    """Units that count things (家, 个, 万户 …): a negative value is implausible."""
    unit = lookup_unit(text)
    if unit is not None:
        return unit.family in COUNT_FAMILIES
    norm = normalise_unit(text)
    return norm.split("/")[0] in COUNT_FAMILIES or norm.startswith("名")
