"""Engine notes by code (planwatch.assess.notes): every code used exists, both texts take the same parameters."""

from __future__ import annotations

import re
from pathlib import Path

from planwatch.assess.notes import NOTES, render_note
from planwatch.messages import placeholders

SRC = Path(__file__).resolve().parents[2] / "src" / "planwatch"


def test_every_note_code_used_has_both_texts() -> None:
    used = set()
    for path in SRC.rglob("*.py"):
        used |= set(re.findall(r"""note_code\(\s*["']([A-Z][A-Z0-9_]+)["']""", path.read_text(encoding="utf-8")))
    assert used and used <= set(NOTES), sorted(used - set(NOTES))


def test_zh_and_en_take_the_same_parameters_and_english_has_no_chinese() -> None:
    for code, (zh, en) in NOTES.items():
        assert placeholders(zh) == placeholders(en), code
        assert not re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]", en), code


def test_years_read_per_language() -> None:
    # the list of missing years: 2021年、2022年 in Chinese, 2021, 2022 in English; the sum as given
    params = {"years": [2021, 2022], "partial": "12"}
    assert render_note("CUMULATIVE_MISSING_YEARS", "zh", params) == "缺少2021年、2022年的数据，无法得到累计值（已有数据合计 12）"
    assert render_note("CUMULATIVE_MISSING_YEARS", "en", params).startswith("Data for 2021, 2022 missing")
