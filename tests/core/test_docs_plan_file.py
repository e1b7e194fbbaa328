"""docs/plan-file.md documents every field of the plan schema (Datasette-style: docs tests keep docs true)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from planwatch.plan import schema

DOC = Path(__file__).resolve().parents[2] / "docs" / "plan-file.md"

# section heading in the doc → models whose fields it must list
SECTIONS: dict[str, list[type[BaseModel]]] = {
    "`plan`": [schema.PlanMeta],
    "`scopes`": [schema.Scope],
    "`indicators`": [schema.Indicator],
    "`formula`": [schema.Formula],
    "`targets`": [schema.Target],
    "`baseline`": [schema.Baseline],
    "`disputed`": [schema.Disputed],
    "`target`": [schema.TargetValue],
    "`stated_growth`": [schema.StatedChange],
    "`yearly_rate`": [schema.YearlyRate],
    "`compare_to`": [schema.CompareTo],
    "`history`": [schema.HistoryRow],
    "`presentation`": [schema.Presentation],
    "`groups`": [schema.TargetGroup],
    "`rankings`": [schema.RankingDecl],
    "`words`": [schema.LevelWords],
    "`bulletin`": [schema.BulletinFrame],
}


def section_text(heading: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    m = re.search(rf"^#+ {re.escape(heading)}.*?$(.*?)(?=^#+ |\Z)", text, flags=re.M | re.S)
    assert m, f"docs/plan-file.md has no section {heading}"
    return m.group(1)


@pytest.mark.parametrize("heading", list(SECTIONS))
def test_every_field_documented(heading: str) -> None:
    body = section_text(heading)
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", body, flags=re.M))
    for model in SECTIONS[heading]:
        missing = set(model.model_fields) - documented
        assert not missing, f"{model.__name__} fields not documented under {heading}: {sorted(missing)}"
        extra = documented - set(model.model_fields)
        assert not extra, f"{heading} documents fields the schema does not have: {sorted(extra)}"


def test_top_level_sections() -> None:
    assert set(schema.PlanFile.model_fields) == {"plan", "scopes", "indicators", "targets", "history", "presentation"}
    for name in schema.PlanFile.model_fields:
        assert f"## `{name}`" in DOC.read_text(encoding="utf-8")


def test_every_field_has_a_description() -> None:
    for model in [schema.PlanFile, *[m for ms in SECTIONS.values() for m in ms]]:
        for name, info in model.model_fields.items():
            assert info.description, f"{model.__name__}.{name} has no description"
