"""GB/T 4754-2017 国民经济行业分类: the 20 门类 (A–T) and the 大类 (01–97) each holds.

Only the top two levels: a register records an enterprise's 门类 and 大类 ("C26", "C 26", "26" —
the section is implied by the division). Ranges per the standard's table (e.g. C 制造业 = 13–43).
"""

from __future__ import annotations

import re

from planwatch.enterprises.record import Industry

SECTIONS: dict[str, tuple[str, int, int]] = {
    "A": ("农、林、牧、渔业", 1, 5),
    "B": ("采矿业", 6, 12),
    "C": ("制造业", 13, 43),
    "D": ("电力、热力、燃气及水生产和供应业", 44, 46),
    "E": ("建筑业", 47, 50),
    "F": ("批发和零售业", 51, 52),
    "G": ("交通运输、仓储和邮政业", 53, 60),
    "H": ("住宿和餐饮业", 61, 62),
    "I": ("信息传输、软件和信息技术服务业", 63, 65),
    "J": ("金融业", 66, 69),
    "K": ("房地产业", 70, 70),
    "L": ("租赁和商务服务业", 71, 72),
    "M": ("科学研究和技术服务业", 73, 75),
    "N": ("水利、环境和公共设施管理业", 76, 79),
    "O": ("居民服务、修理和其他服务业", 80, 82),
    "P": ("教育", 83, 83),
    "Q": ("卫生和社会工作", 84, 85),
    "R": ("文化、体育和娱乐业", 86, 90),
    "S": ("公共管理、社会保障和社会组织", 91, 96),
    "T": ("国际组织", 97, 97),
}

INDUSTRIAL_SECTIONS = frozenset({"B", "C", "D"})  # 工业 = 采矿业 + 制造业 + 电力、热力、燃气及水

_CODE = re.compile(r"^([A-Ta-t])?\s*(\d{2})?\d*$")


def section_of(division: int) -> str | None:
    for letter, (_, low, high) in SECTIONS.items():
        if low <= division <= high:
            return letter
    return None


def parse_industry(text: str) -> Industry | None:
    """``Industry`` for "C26", "C 2611", "26" or "C"; None when it is not a GB/T 4754 code."""
    m = _CODE.match(text.strip())
    if not m or not (m.group(1) or m.group(2)):
        return None
    letter = (m.group(1) or "").upper()
    if not m.group(2):
        return Industry(letter)
    division = int(m.group(2))
    implied = section_of(division)
    if implied is None or (letter and letter != implied):
        return None
    return Industry(implied, f"{division:02d}")
