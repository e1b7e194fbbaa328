"""``planwatch demo`` (what ``make demo`` runs): demo data → aggregate → assess → rank → bulletin.

    run = run_demo(load_plan(), Path("out"), as_of=Period.parse("2025Q2"), seed=42)

writes into ``out``: the demo data of planwatch.demo.generate (observations.csv among them),
``assessment.json`` and ``assessment.txt`` (every target at the as-of quarter, from
planwatch.assess.engine), and ``bulletin/`` (the quarterly bulletin in every built-in format, from
planwatch.report). Each step that cannot run (a missing package, a renderer that fails) is named in
``run.notes`` instead of stopping the others. Everything is synthetic demo data and says so.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from planwatch.demo.generate import DemoData, generate_demo_data
from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation, ObservationTable
from planwatch.domain.periods import Period, PeriodKind
from planwatch.plan.load import Plan
from planwatch.texttable import render_table

BULLETIN_FORMATS = ("docx", "pdf", "html")
FIRST_AS_OF, LAST_AS_OF = Period(PeriodKind.QUARTER, 2021, 1), Period(PeriodKind.QUARTER, 2025, 4)
BANNER = "【合成演示数据 · synthetic demo data】以下所有数值均为程序生成，非真实统计，不得引用。"


@dataclass
class DemoRun:
    data: DemoData
    assessment_json: Path | None = None
    assessment_table: Path | None = None
    bulletin: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # steps left out, and why (Chinese)

    @property
    def files(self) -> list[Path]:
        out = [*self.data.files]
        out += [p for p in (self.assessment_json, self.assessment_table) if p is not None]
        return out + self.bulletin


def parse_as_of(text: str) -> Period:
    """A quarter between 2021Q1 and 2025Q4, or raise ValueError."""
    p = Period.parse(text)
    if p.kind is not PeriodKind.QUARTER or not FIRST_AS_OF <= p <= LAST_AS_OF:
        raise ValueError(text)
    return p


def table_of(rows: Sequence[Observation]) -> ObservationTable:
    """An ObservationTable built in one pass (ObservationTable.of inserts row by row, slow for 200k rows)."""
    by_key = {o.key: o for o in rows}
    series: dict[tuple[str, str, Measure], list[Period]] = {}
    for o in by_key.values():
        series.setdefault(o.series_key, []).append(o.period)
    for periods in series.values():
        periods.sort(key=lambda p: (p.year * 12 + p.end_month, -p.kind.months))  # Period's own order
    return ObservationTable(_rows=by_key, _series=series)


def run_demo(plan: Plan, out: Path, *, as_of: Period, seed: int = 42, small_share: float = 1.0,
             formats: Sequence[str] = BULLETIN_FORMATS, issued: date | None = None,
             progress: Callable[[str], None] | None = None) -> DemoRun:
    say = progress or (lambda _msg: None)
    through = Period.month_of(as_of.year, as_of.end_month)
    say(f"生成合成演示数据（2019-01—{through}，种子 {seed}）……")
    data = generate_demo_data(plan, out, seed=seed, through=through, small_share=small_share)
    run = DemoRun(data)
    table = table_of(data.table)
    say(f"评估全部目标（截至{as_of.label_zh}）……")
    assessments = _assess(plan, table, as_of, run)
    if assessments is None:
        return run
    run.assessment_json = out / "assessment.json"
    run.assessment_json.write_text(
        json.dumps([a.to_dict() for a in assessments], ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    run.assessment_table = out / "assessment.txt"
    run.assessment_table.write_text(assessment_text(assessments, as_of), encoding="utf-8")
    say("县市区排名与季度通报……")
    ranking = _ranking(plan, table, as_of, data, run)
    _bulletin(plan, assessments, table, as_of, ranking, out / "bulletin", formats, issued, run)
    return run


def _assess(plan: Plan, table: ObservationTable, as_of: Period, run: DemoRun) -> list[Any] | None:
    try:
        assess_plan = importlib.import_module("planwatch.assess.engine").assess_plan
    except (ImportError, AttributeError):
        run.notes.append("评估引擎 planwatch.assess.engine 不可用：未评估，未生成通报。")
        return None
    return list(assess_plan(plan, table, as_of))


def _ranking(plan: Plan, table: ObservationTable, as_of: Period, data: DemoData, run: DemoRun) -> Any:
    try:
        from planwatch.assess.assessment_targets import read_assessment_targets
        from planwatch.assess.rank import rank_counties
    except ImportError:
        run.notes.append("县市区排名模块不可用：通报中没有排名。")
        return None
    from planwatch.domain.problems import ProblemsError

    targets_file = data.folder / "assessment_targets.csv"
    try:
        targets = read_assessment_targets([targets_file], plan) if targets_file.exists() else None
        return rank_counties(plan, table, as_of.year, as_of=as_of, targets=targets)
    except ProblemsError as exc:
        run.notes.append("未计算县市区排名：" + "；".join(p.message() for p in exc.problems))
        return None


def _bulletin(plan: Plan, assessments: list[Any], table: ObservationTable, as_of: Period, ranking: Any,
              folder: Path, formats: Sequence[str], issued: date | None, run: DemoRun) -> None:
    try:
        from planwatch.report.context import build_context
        from planwatch.report.renderers import render
    except ImportError:
        run.notes.append("通报模块 planwatch.report 不可用：未生成通报。")
        return
    context = build_context(plan, assessments, as_of, ranking=ranking, observations=table, synthetic=True,
                            issued=issued)
    folder.mkdir(parents=True, exist_ok=True)
    for fmt in formats:
        try:
            run.bulletin.append(Path(render(context, fmt, folder)))
        except Exception as exc:  # one renderer failing must not hide the others
            run.notes.append(f"{fmt} 格式的通报未生成：{exc}")


def assessment_text(assessments: Sequence[Any], as_of: Period) -> str:
    """The assessment as an aligned Chinese table (the same columns as the bulletin's 表)."""
    headers = ["目标", "指标", "范围", "单位", "目标值", "本期完成", "完成进度", "时序进度", "状态"]
    rows = []
    for a in assessments:
        rows.append([
            a.target_id, a.name, a.scope, a.unit,
            _num(a.target) + (f"–{_num(a.target_high)}" if a.target_high is not None else ""),
            _num(a.latest) + (f"（{a.latest_period}）" if a.latest_period else ""),
            _pct(a.completion), _pct(a.time_elapsed), a.grade_zh,
        ])
    head = f"{BANNER}\n规划目标评估（截至{as_of.label_zh}），共 {len(rows)} 个目标\n\n"
    return head + render_table(headers, rows, [False, False, False, False, True, True, True, True, False]) + "\n"


def _num(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"
