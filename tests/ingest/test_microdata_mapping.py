"""The microdata → indicator mapping is data (the plan's ``microdata_file``, docs/microdata.md): the
bundled plan's output is the one captured before the mapping left the code, another plan's file maps
its own indicators, and a plan without a file is told so."""

from __future__ import annotations

import csv
import gzip
import io
import math
from pathlib import Path

from click.testing import CliRunner
from microdata_helpers import enterprise, find, value, write_csv

from planwatch.cli import cli
from planwatch.domain.enums import Measure
from planwatch.domain.problems import ProblemsError
from planwatch.ingest.microdata import aggregate_microdata, write_observations
from planwatch.plan.load import load_plan

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "microdata"


def _rows(text: str) -> dict[tuple[str, str, str, str], tuple[float, str, str]]:
    return {(r["indicator"], r["scope"], r["period"], r["measure"]): (float(r["value"]), r["source"], r["note"])
            for r in csv.DictReader(io.StringIO(text))}


def test_bundled_plan_output_is_the_one_captured_before_the_mapping_became_data(tmp_path: Path) -> None:
    # xiangxi_expected.csv.gz was written by the code before this change (the mapping in
    # ingest/microdata/indicators.py) from make_xiangxi_fixture.py's file:
    #   planwatch aggregate --microdata xiangxi_records.csv --out expected.csv --threads 1
    # Values compare to 1e-9 relative (parallel float sums differ in the 12th digit); keys, notes and
    # sources exactly; the same 35,985 observations, none more, none fewer.
    result = aggregate_microdata([FIXTURES / "xiangxi_records.csv"], load_plan(), threads=1)
    out = tmp_path / "obs.csv"
    write_observations(result.observations, out)
    ours = _rows(out.read_text(encoding="utf-8"))
    expected = _rows(gzip.decompress((FIXTURES / "xiangxi_expected.csv.gz").read_bytes()).decode("utf-8"))
    assert len(expected) == 35985
    assert set(ours) == set(expected)
    for key, (number, source, note) in expected.items():
        mine = ours[key]
        assert (mine[1], mine[2]) == (source, note), key
        assert math.isclose(mine[0], number, rel_tol=1e-9, abs_tol=1e-12), (key, mine[0], number)


# -- the second plan: a city of industry clusters, with its own mapping ----------------------------
CHONGQING = Path(__file__).resolve().parents[2] / "src" / "planwatch" / "plans" / "chongqing_manufacturing_2021_2025.yaml"


def _chongqing_records(path: Path) -> Path:
    rows = enterprise("A1", "重庆市", "2023-01", "2024-12", chain="电子信息", 工业总产值=3000, 工业增加值=900,
                      营业收入=3000, 研发费用=60, 战略性新兴="否")
    rows += enterprise("B2", "重庆市", "2023-01", "2024-12", chain="汽车", 工业总产值=200, 工业增加值=60,
                       营业收入=200, 研发费用=0, 战略性新兴="是")
    return write_csv(path / "cq.csv", rows)


def test_another_plan_aggregates_its_own_indicators(tmp_path: Path) -> None:
    plan = load_plan(CHONGQING)
    obs = aggregate_microdata([_chongqing_records(tmp_path)], plan).observations
    # Both enterprises are 规上 in 2024 (2023 revenue 3000×12 = 36000 and 200×12 = 2400 万元 ≥ 2000).
    # 规模以上工业产值 2024 = (3000 + 200) × 12 ÷ 10⁴ = 3.84 亿元
    assert value(obs, "scale_output", "chongqing", "2024") == 3.84
    # 工业增加值 2024 = (900 + 60) × 12 ÷ 10⁴ = 1.152 亿元; growth on the same two enterprises: 0 %
    assert value(obs, "industrial_va", "chongqing", "2024") == 1.152
    assert value(obs, "industrial_va", "chongqing", "2024", Measure.GROWTH) == 0
    # 战略性新兴产业产值占规上工业产值比重 = 200 × 12 ÷ (3200 × 12) × 100 = 6.25 %
    assert value(obs, "sei_output_share", "chongqing", "2024") == 6.25
    # 规上工业企业研发投入强度 = 60 × 12 ÷ (3200 × 12) × 100 = 1.875 %
    assert value(obs, "rd_intensity_scale", "chongqing", "2024") == 1.875
    # 产业集群规模 at the clusters only: 电子信息 3000 × 12 ÷ 10⁴ = 3.6, 汽车 200 × 12 ÷ 10⁴ = 0.24 亿元
    assert value(obs, "cluster_scale", "electronics", "2024") == 3.6
    assert value(obs, "cluster_scale", "automobiles", "2024") == 0.24
    assert find(obs, "cluster_scale", "chongqing", "2024") is None
    # only the plan's own indicators: the inputs marked write: false are not written
    assert {o.indicator for o in obs} == {"scale_output", "industrial_va", "cluster_scale", "sei_output_share",
                                          "rd_intensity_scale"}


def _plan_copy(tmp_path: Path, mapping: str | None) -> Path:
    text = CHONGQING.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.strip().startswith("microdata_file:"))
    if mapping is not None:
        text = text.replace("  region: chongqing\n", "  region: chongqing\n  microdata_file: map.yaml\n", 1)
        (tmp_path / "map.yaml").write_text(mapping, encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def test_a_plan_without_a_mapping_is_told_so(tmp_path: Path) -> None:
    plan = _plan_copy(tmp_path, None)
    out = CliRunner().invoke(cli, ["aggregate", "--plan", str(plan), "--microdata",
                                    str(_chongqing_records(tmp_path)), "--out", str(tmp_path / "o.csv")])
    assert out.exit_code != 0
    assert "没有微观数据映射文件（microdata_file）" in out.output
    assert "Traceback" not in out.output
    assert not (tmp_path / "o.csv").exists()


def test_a_wrong_mapping_is_reported_with_its_place(tmp_path: Path) -> None:
    plan = load_plan(_plan_copy(tmp_path, (
        "plan: chongqing_manufacturing_2021_2025\n"
        "indicators:\n"
        "  - {indicator: scale_output, rule: sum, column: output, source: x}\n"
        "  - {indicator: industrial_va, rule: summ, column: value_added, source: x}\n"
        "  - {indicator: no_such, rule: ratio, numerator: scale_output, denominator: gone, source: x}\n")))
    try:
        aggregate_microdata([_chongqing_records(tmp_path)], plan)
    except ProblemsError as exc:
        got = {(p.code, p.location.path, p.location.line) for p in exc.problems}
    else:
        raise AssertionError("a wrong mapping was accepted")
    assert ("MICROMAP_FIELD_INVALID", "indicators[1].rule", 4) in got  # the file's 4th line
    plan_ok = load_plan(_plan_copy(tmp_path, (
        "plan: chongqing_manufacturing_2021_2025\n"
        "indicators:\n"
        "  - {indicator: scale_output, rule: sum, column: output, source: x}\n"
        "  - {indicator: no_such, rule: ratio, numerator: scale_output, denominator: gone, source: x}\n")))
    try:
        aggregate_microdata([_chongqing_records(tmp_path)], plan_ok)
    except ProblemsError as exc:
        got = {(p.code, p.location.path) for p in exc.problems}
    assert got == {("MICROMAP_INDICATOR", "indicators[1].indicator"), ("MICROMAP_REFERENCE", "indicators[1].denominator")}
