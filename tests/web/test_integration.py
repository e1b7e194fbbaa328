"""The web's data reach the core's engine, and the demo loads: integration with other sessions' code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.domain.enums import Measure
from planwatch.domain.periods import Period
from planwatch_web.accounts.models import User
from planwatch_web.core.observations import assessed_observations
from planwatch_web.core.plan import get_plan
from planwatch_web.submissions import actions
from planwatch_web.submissions.models import Submission
from planwatch_web.submissions.validation import ValueInput


@pytest.mark.django_db
def test_approved_values_feed_the_engine(users: dict[str, User], subs: dict[str, Submission]) -> None:
    from planwatch.assess.engine import assess_plan

    sub = subs["jishou"]
    actions.do_save_values(
        users["jishou"],
        sub.pk,
        [
            ValueInput("scale_enterprises", Measure.LEVEL, 48.0),
            ValueInput("new_scale_enterprises", Measure.YTD, 6.0),
            ValueInput("county_sci_parks", Measure.LEVEL, 1.0),
        ],
        expected_version=None,
    )
    actions.do_submit(users["jishou"], sub.pk)
    actions.do_approve(users["admin"], sub.pk)
    plan = get_plan()
    assessments = assess_plan(plan, assessed_observations(plan), Period.parse("2025Q3"))
    mine = [a for a in assessments if a.target_id == "t3_jishou_count"]
    assert len(mine) == 1
    assert mine[0].latest == 48.0 and mine[0].latest_period == "2025Q3"


CSV = """indicator,scope,period,measure,value,source,note
scale_enterprises,jishou,2024,level,45,synthetic demo data,
scale_enterprises,luxi,2024,level,30,synthetic demo data,
industrial_output,jishou_edz,2024Q4,ytd,21.5,synthetic demo data,
"""


def _serve(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PLANWATCH_", "DATABASE_URL", "DJANGO_"))}
    exe = Path(sys.executable).with_name("planwatch")
    return subprocess.run(
        [str(exe), "serve", "--prepare-only", "--db", str(tmp_path / "demo.sqlite3"), *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_serve_prepares_the_demo_and_prints_the_logins(tmp_path: Path) -> None:
    demo = tmp_path / "demo"
    demo.mkdir()
    (demo / "observations.csv").write_text(CSV, encoding="utf-8")
    result = _serve(tmp_path, "--demo-dir", str(demo))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "http://127.0.0.1:8000/" in out
    for text in (
        "州级管理员",
        "admin",
        "领导",
        "leader",
        "链长",
        "chain_new_materials",
        "填报员",
        "jishou",
        "planwatch-demo",
    ):
        assert text in out
    assert "3 个数值" in out and "合成的演示数据" in out
    assert "当前填报期：2025Q1" in out  # the quarter after the latest data (2024Q4)
    again = _serve(tmp_path, "--demo-dir", str(demo))
    assert again.returncode == 0 and "已在数据库中" in again.stdout  # the same file is not read twice
    assert (tmp_path / "secret_key").exists()  # kept next to the database, so sign-ins survive a restart


def test_serve_refuses_a_missing_demo_file(tmp_path: Path) -> None:
    result = _serve(tmp_path, "--demo-dir", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "找不到演示数据文件" in result.stderr
