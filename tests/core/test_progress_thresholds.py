"""thresholds.yaml: loaded and validated; problems reported with their path; profiles by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from planwatch.assess.thresholds import default_thresholds_path, load_thresholds, parse_thresholds
from planwatch.domain.problems import ProblemsError


def test_bundled_file_loads_with_two_profiles() -> None:
    settings = load_thresholds()
    assert settings.default_profile == "default"
    assert set(settings.profiles) == {"default", "eustat"}
    assert settings.profile().no_target.thresholds.as_dict() == {"high": 0.015, "med": 0.005, "low": 0.0}
    assert settings.profile().with_target.thresholds.as_dict() == {"high": 0.95, "med": 0.6, "low": 0.0}


def test_fractions_are_divided_exactly() -> None:
    score = load_thresholds().profile("eustat").score
    assert score.style == "eustat"
    assert score.upper_slope == 5.0 / 0.7  # type: ignore[union-attr]
    assert score.lower_slope == 5.0 / 1.2  # type: ignore[union-attr]


def test_unknown_profile() -> None:
    with pytest.raises(ProblemsError) as info:
        load_thresholds().profile("eurostat")
    assert info.value.problems[0].code == "THRESHOLDS_PROFILE_UNKNOWN"
    assert "default" in info.value.problems[0].message()


def _text() -> str:
    return default_thresholds_path().read_text(encoding="utf-8")


def test_all_problems_at_once_with_paths() -> None:
    text = _text().replace("about_tolerance: 0.05", "about_tolerance: 1.5").replace(
        "ndrc_yellow_shortfall: 0.10", "ndrc_yellow_shortfal: 0.10"
    )
    with pytest.raises(ProblemsError) as info:
        parse_thresholds(text, file="t.yaml")
    codes = {(p.code, p.location.path) for p in info.value.problems}
    assert ("THRESHOLDS_FIELD_INVALID", "engine.about_tolerance") in codes
    assert ("THRESHOLDS_FIELD_UNKNOWN", "engine.ndrc_yellow_shortfal") in codes
    assert ("THRESHOLDS_FIELD_MISSING", "engine.ndrc_yellow_shortfall") in codes
    assert all(p.location.line for p in info.value.problems)


def test_thresholds_must_be_ordered() -> None:
    text = _text().replace("thresholds: {high: 0.95, med: 0.6, low: 0}", "thresholds: {high: 0.5, med: 0.6, low: 0}", 1)
    with pytest.raises(ProblemsError) as info:
        parse_thresholds(text)
    assert info.value.problems[0].code == "THRESHOLDS_FIELD_INVALID"
    assert "high ≥ med ≥ low" in info.value.problems[0].message()


def test_band_bounds_are_names_or_numbers() -> None:
    text = _text().replace("{at_least: -high, name: moderate_deterioration", "{at_least: -highest, name: moderate_deterioration")
    with pytest.raises(ProblemsError):
        parse_thresholds(text)


def test_not_yaml_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ProblemsError) as info:
        parse_thresholds("profiles: [\n")
    assert info.value.problems[0].code == "THRESHOLDS_YAML"
    with pytest.raises(ProblemsError) as info:
        parse_thresholds("- 1\n")
    assert info.value.problems[0].code == "THRESHOLDS_SHAPE"
    with pytest.raises(ProblemsError) as info:
        load_thresholds(tmp_path / "none.yaml")
    assert info.value.problems[0].code == "THRESHOLDS_NOT_FOUND"
