"""docs/data-files.md stays true: every import code with its Chinese message, every rule field, every header."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from planwatch.ingest.columns import ALIASES
from planwatch.ingest.rules import IndicatorSelector, Rule, ScopeSelector
from planwatch.messages import MESSAGES

DOC = Path(__file__).resolve().parents[2] / "docs" / "data-files.md"
PREFIXES = ("INGEST_", "RULE_", "RULES_", "TEMPLATE_")


def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def section(heading: str) -> str:
    m = re.search(rf"^#+ {re.escape(heading)}\s*$(.*?)(?=^#+ |\Z)", doc(), flags=re.M | re.S)
    assert m, f"docs/data-files.md has no section {heading}"
    return m.group(1)


def test_every_import_code_is_documented_with_its_chinese_message() -> None:
    rows = dict(re.findall(r"^\| `([A-Z_]+)` \| [^|]+ \| (.+?) \|$", doc(), flags=re.M))
    codes = [c for c in MESSAGES if c.startswith(PREFIXES)]
    assert len(codes) >= 30
    missing = [c for c in codes if c not in rows]
    assert not missing, f"codes not in docs/data-files.md: {missing}"
    wrong = [c for c in codes if rows[c] != MESSAGES[c][0]]
    assert not wrong, f"Chinese message differs from messages.py: {wrong}"
    extra = [c for c in rows if c not in MESSAGES]
    assert not extra, f"documented codes that do not exist: {extra}"


@pytest.mark.parametrize(
    ("heading", "model"), [("Rule fields", Rule), ("`indicators`", IndicatorSelector), ("`scopes`", ScopeSelector)]
)
def test_every_rule_field_is_documented(heading: str, model: type[BaseModel]) -> None:
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", section(heading), flags=re.M))
    assert documented == set(model.model_fields)


def test_every_header_alias_is_documented() -> None:
    text = section("Columns")
    for field, names in ALIASES.items():
        line = next(ln for ln in text.splitlines() if ln.startswith(f"| {field.value} |"))
        missing = [n for n in names if n not in line]
        assert not missing, f"{field.value}: {missing}"
