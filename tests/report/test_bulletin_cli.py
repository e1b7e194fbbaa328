"""``planwatch bulletin`` through the CLI runner: data file → assessments → context → files.

Until the engine (planwatch.assess.engine) is in the tree, a stand-in module returns hand-made
assessments; the integration test through the real engine runs once it exists.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from planwatch.assess.results import Assessment
from planwatch.cli import cli
from planwatch.domain.observations import ObservationTable
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan

CSV = """指标,范围,时期,数值,来源
工业增加值,湘西州,2021,190.2,synthetic demo data
工业增加值,湘西州,2023,236.0,synthetic demo data
工业增加值,湘西州,2024,262.5,synthetic demo data
"""

HAS_ENGINE = importlib.util.find_spec("planwatch.assess.engine") is not None


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "data.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch, plan: Plan, assessments: list[Assessment]) -> list[Period]:
    """A stand-in for planwatch.assess.engine that records the as-of period it was asked for."""
    calls: list[Period] = []

    def assess_plan(p: Plan, observations: ObservationTable, as_of: Period) -> list[Assessment]:
        assert len(observations) == 3
        calls.append(as_of)
        return assessments

    module = types.ModuleType("planwatch.assess.engine")
    module.assess_plan = assess_plan  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "planwatch.assess.engine", module)
    return calls


def test_writes_every_format_and_prints_the_paths(tmp_path: Path, data_file: Path, fake_engine: list[Period]) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["bulletin", "--data", str(data_file), "--as-of", "2024Q4", "--out", str(out), "--format", "docx,html", "--date", "2025-01-20"]
    )
    assert result.exit_code == 0, result.output
    printed = [line for line in result.stdout.splitlines() if line.strip()]
    assert printed == [str(out / "bulletin-xiangxi_2021_2025-2024Q4.docx"), str(out / "bulletin-xiangxi_2021_2025-2024Q4.html")]
    assert fake_engine == [Period.parse("2024Q4")]
    doc = Document(printed[0])
    # the data file says "synthetic demo data": the bulletin says so under its title
    assert doc.paragraphs[3].text.startswith("本通报所用数据为合成演示数据")  # after 发文机关, 文号 and title
    assert any(p.text == "2025年1月20日" for p in doc.paragraphs)
    # the yearly values of the data file join the trend chart's history (no error means they parsed)
    html = Path(printed[1]).read_text(encoding="utf-8")
    assert "湘西州主要指标完成情况（2024年第四季度）" in html


def test_as_of_defaults_to_the_latest_period_in_the_data(tmp_path: Path, data_file: Path, fake_engine: list[Period]) -> None:
    result = CliRunner().invoke(cli, ["bulletin", "--data", str(data_file), "--out", str(tmp_path), "--format", "html"])
    assert result.exit_code == 0, result.output
    assert fake_engine == [Period.parse("2024")]


def test_several_files_after_one_data_flag(tmp_path: Path, data_file: Path, fake_engine: list[Period]) -> None:
    result = CliRunner().invoke(cli, ["bulletin", "--data", str(data_file), str(tmp_path / "missing.csv"), "--format", "html"])
    assert result.exit_code == 1
    assert "missing.csv" in result.stderr and "Traceback" not in result.output


def test_unknown_format_is_a_usage_error_in_chinese(tmp_path: Path, data_file: Path) -> None:
    result = CliRunner().invoke(cli, ["bulletin", "--data", str(data_file), "--format", "docx,odt", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.strip() == "不支持的通报格式：odt；可选：docx、pdf、html（用逗号分隔，如 docx,pdf）。"
    assert not list(tmp_path.glob("bulletin-*"))  # nothing written


def test_bad_as_of_and_missing_data(tmp_path: Path, data_file: Path) -> None:
    result = CliRunner().invoke(cli, ["bulletin", "--data", str(data_file), "--as-of", "2024Q5"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "通报期「2024Q5」无法识别：应写作 2024Q4、2024-09 或 2024。"
    result = CliRunner().invoke(cli, ["bulletin", "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "Give at least one data file with --data (CSV or XLSX)."
    result = CliRunner().invoke(cli, ["bulletin", "--data", str(data_file), "--date", "20250120"])
    assert result.exit_code == 2
    assert "日期「20250120」无法识别" in result.stderr


def test_bad_data_reports_every_problem_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("指标,范围,时期,数值\n不存在的指标,湘西州,2024,1\n工业增加值,湘西州,2024年13月,2\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["bulletin", "--data", str(bad), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "发现错误，未做任何更改。" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not HAS_ENGINE, reason="planwatch.assess.engine is not in the tree yet")
def test_through_the_real_engine(tmp_path: Path, data_file: Path) -> None:
    result = CliRunner().invoke(cli, ["bulletin", "--data", str(data_file), "--as-of", "2024", "--out", str(tmp_path), "--format", "docx"])
    assert result.exit_code == 0, result.output
    doc = Document(result.stdout.strip())
    main = doc.tables[0]
    row = next(r for r in main.rows if r.cells[0].text == "工业增加值")
    assert row.cells[3].text == "262.5"


def test_a_bad_ranking_targets_file_is_an_input_error(tmp_path: Path, data_file: Path, fake_engine: list[Period]) -> None:
    result = CliRunner().invoke(
        cli, ["bulletin", "--data", str(data_file), "--targets", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 1
    assert "nope.csv" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
