"""Every problem code used in the code base has a Chinese and an English text with the same parameters."""

from __future__ import annotations

import re
from pathlib import Path

from planwatch.messages import MESSAGES, placeholders
from planwatch.plan.lint import iter_codes

SRC = Path(__file__).resolve().parents[2] / "src" / "planwatch"
CODE_USE = re.compile(r"""(?:Problem|Finding|RuleError)\(\s*["']([A-Z][A-Z0-9_]+)["']""")


def used_codes() -> set[str]:
    codes: set[str] = set()
    for path in SRC.rglob("*.py"):
        codes |= set(CODE_USE.findall(path.read_text(encoding="utf-8")))
    return codes | set(iter_codes())


def test_every_used_code_has_messages() -> None:
    missing = sorted(used_codes() - set(MESSAGES))
    assert not missing, f"codes without messages: {missing}"


def test_zh_and_en_take_the_same_parameters() -> None:
    for code, (zh, en) in MESSAGES.items():
        assert zh and en, code
        assert placeholders(zh) == placeholders(en), code


def test_chinese_text_is_chinese() -> None:
    for code, (zh, _) in MESSAGES.items():
        assert re.search(r"[\u4e00-\u9fff]", zh), f"{code} has no Chinese text"
