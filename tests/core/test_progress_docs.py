"""docs/methodology.md stays true: thresholds and settings equal thresholds.yaml, every method id and
value basis the engine writes is documented, the vector table and the backtest match the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from planwatch.assess.progress import cagr_progress
from planwatch.assess.projection import compound_trend, fitted_trend
from planwatch.assess.thresholds import load_thresholds
from planwatch.domain.enums import Direction

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "methodology.md").read_text(encoding="utf-8")
ASSESS = ROOT / "src" / "planwatch" / "assess"


def _between(name: str) -> list[list[str]]:
    block = DOC.split(f"<!-- {name}:begin -->")[1].split(f"<!-- {name}:end -->")[0]
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in block.strip().splitlines()]
    return rows[2:]  # header and rule


def _num(text: str) -> float:
    return float(text)


def test_threshold_table_equals_the_yaml() -> None:
    settings = load_thresholds()
    documented = {(r[0], r[1]): r[2:] for r in _between("thresholds")}
    expected: dict[tuple[str, str], list[str]] = {}
    for name, profile in settings.profiles.items():
        for method in ("no_target", "with_target"):
            spec = getattr(profile, method)
            scaled = ", ".join(spec.scaled_by_limit) if method == "no_target" else "–"
            expected[(name, method)] = [str(spec.thresholds.high), str(spec.thresholds.med), str(spec.thresholds.low), scaled]
    assert set(documented) == set(expected)
    for key, cells in documented.items():
        exp = expected[key]
        assert [_num(c) for c in cells[:3]] == [_num(c) for c in exp[:3]], key
        assert cells[3] == exp[3], key


def test_engine_settings_table_equals_the_yaml() -> None:
    settings = load_thresholds()
    engine, fitted = settings.engine, settings.projection.fitted_trend
    rows = {r[0]: r[1] for r in _between("engine-settings")}
    r = engine.ratio_thresholds
    assert _num(rows["about_tolerance"]) == engine.about_tolerance
    assert [_num(x) for x in rows["ratio_thresholds"].split("/")] == [r.high, r.med, r.low]
    assert _num(rows["ndrc_yellow_shortfall"]) == engine.ndrc_yellow_shortfall
    assert int(rows["seasonal_min_years"]) == engine.seasonal_min_years
    assert _num(rows["green_min_probability"]) == engine.green_min_probability
    assert int(rows["fitted_trend.min_points"]) == fitted.min_points
    assert int(rows["fitted_trend.max_points"]) == fitted.max_points
    assert _num(rows["fitted_trend.interval_level"]) == fitted.interval_level


def _code() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in ASSESS.glob("*.py"))


def _assigned(field: str) -> set[str]:
    """String literals on the lines of src/planwatch/assess that assign ``field`` (d.method = …, method=…)."""
    out: set[str] = set()
    pattern = re.compile(rf"(?:\b{field}\b[^=\n]*=(?!=)|\b{field}=)")
    for line in _code().splitlines():
        if pattern.search(line):
            out |= set(re.findall(r'"([a-z_]+)"(?!\s*:)', line.split("=", 1)[1] if f"{field}=" not in line else line))
    return out


def test_every_method_id_is_documented() -> None:
    code = _code()
    ids = _assigned("method") | set(re.findall(r'"(cagr_ratio[a-z_]*)"', code))
    ids -= {"fitted_trend", "compound_trend", "linear_pace", "compound_rate"}  # projection methods: section 9
    assert {"cagr_ratio", "cagr_ratio_from_first", "completion_ratio", "chained_rates", "relative", "yearly_count"} <= ids
    for method_id in ids:
        assert f"| `{method_id}` |" in DOC, f"method {method_id} is not in docs/methodology.md section 7"
    for projection in ("compound_trend", "fitted_trend", "linear_pace", "compound_rate"):
        assert f"| `{projection}` |" in DOC


def test_every_value_basis_is_documented() -> None:
    code = _code()
    bases = _assigned("value_basis")
    bases |= set(re.findall(r'Point\([^()]*?,\s*"(level|ytd|sum_of_months|sum_of_quarters|chained_growth|ytd_estimate)"', code))
    bases |= {"level", "growth"}  # relative targets: the compared measure
    bases |= set(re.findall(r'return "([a-z_]+)"', (ASSESS / "series.py").read_text(encoding="utf-8")))
    assert {"cumulative_sum", "yearly_rates", "chained_growth", "ytd_estimate"} <= bases
    for basis in bases:
        assert f"`{basis}`" in DOC, f"value_basis {basis} is not in docs/methodology.md section 7"


def _vector_rows() -> list[list[str]]:
    rows = []
    for line in DOC.splitlines():
        if re.match(r"^\| CA-\d\d \|", line):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
    return rows


@pytest.mark.parametrize("row", _vector_rows(), ids=lambda r: r[0])
def test_vector_table_matches_the_code(row: list[str]) -> None:
    def value_year(cell: str) -> tuple[float, int]:
        m = re.match(r"([\d.]+) \((\d{4})\)", cell)
        assert m, cell
        return float(m.group(1)), int(m.group(2))

    (b, by), (c, cy), (t, ty) = value_year(row[1]), value_year(row[2]), value_year(row[3])
    direction = Direction.DOWN if row[4] == "−1" else Direction.UP
    r = cagr_progress(base=b, base_year=by, current=c, current_year=cy, target=t, target_year=ty, direction=direction,
                      profile=load_thresholds().profile())
    assert repr(r.progress_value) == row[5].replace("−", "-")
    assert repr(r.score) == row[6].replace("−", "-")
    assert r.status_name == row[7]


def test_backtest_numbers_in_the_doc() -> None:
    history = [(2015.0, 127.1), (2016.0, 132.1), (2017.0, 141.7), (2019.0, 158.3)]
    fitted = fitted_trend(history, 2020.0, load_thresholds().projection.fitted_trend, threshold=164.3)
    compound = compound_trend(158.3, 2019.0, (158.3 / 127.1) ** 0.25 - 1, 2020.0)
    assert fitted is not None and compound is not None and fitted.low and fitted.high and fitted.probability
    assert f"| {fitted.value:.2f} | +{fitted.value - 164.3:.2f} (+{(fitted.value / 164.3 - 1) * 100:.2f} %)" in DOC
    assert f"{fitted.low:.2f} … {fitted.high:.2f}" in DOC
    assert f"| {fitted.probability:.2f} |" in DOC
    assert f"| {compound.value:.2f} | +{compound.value - 164.3:.2f} (+{(compound.value / 164.3 - 1) * 100:.2f} %)" in DOC
