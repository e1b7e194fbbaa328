"""``planwatch demo-data`` and ``planwatch demo``: synthetic data for the demo plan, and the whole chain on it."""

from __future__ import annotations

import time
from pathlib import Path

import click

from planwatch.cli import LANG_OPTION, PLAN_OPTION, cli, friendly_errors
from planwatch.demo.generate import DEFAULT_THROUGH, generate_demo_data, parse_through
from planwatch.demo.pipeline import BANNER, parse_as_of, run_demo
from planwatch.domain.enums import Severity
from planwatch.domain.periods import PeriodError
from planwatch.domain.problems import Location, Problem, ProblemsError
from planwatch.plan.load import Plan, load_plan

SEED_OPTION = click.option("--seed", type=int, default=42, show_default=True,
                           help="Random seed: the same seed gives the same files.")


def _banner(lang: str) -> None:
    text = BANNER if lang != "en" else "[SYNTHETIC DEMO DATA] every value below is generated, not a real statistic."
    click.secho(text, fg="red", bold=True)


@cli.command("demo-data")
@PLAN_OPTION
@SEED_OPTION
@click.option("--through", default=DEFAULT_THROUGH, show_default=True, metavar="YYYY-MM",
              help="Last month of data (2021-01 to 2025-12). The default is fixed so the demo never changes.")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, file_okay=False), help="Folder to write.")
@LANG_OPTION
@friendly_errors
def demo_data(plan_name: str | None, seed: int, through: str, out: Path, lang: str) -> None:
    """Write synthetic enterprise microdata and statistics for the demo plan, and their observations.

    \b
    microdata.parquet (+ microdata_sample.csv), statistics.csv, assessment_targets.csv,
    assessment_observations.csv, observations.csv (the merged canonical table) and README.txt.
    The 2020 totals match the plan's own figures; everything else is invented. Another plan is
    refused with a clear message (the synthetic universe is built for one plan).
    Every value says 合成演示数据 (synthetic demo data).
    """
    try:
        month = parse_through(through)
    except (PeriodError, ValueError):
        raise ProblemsError([Problem("DEMO_THROUGH_RANGE", Severity.ERROR, Location(), {"value": through})]) from None
    plan = load_plan(plan_name)
    _require_universe(plan)
    started = time.perf_counter()
    data = generate_demo_data(plan, out, seed=seed, through=month)
    _banner(lang)
    for path in data.files:
        click.echo(str(path))
    seconds = time.perf_counter() - started
    if lang == "en":
        click.echo(f"{data.enterprises:,} enterprises, {data.rows:,} enterprise-months, 2019-01 to {month} ({seconds:.1f} s).")
    else:
        click.echo(f"{data.enterprises:,} 家企业、{data.rows:,} 条企业月度记录，2019-01—{month}（用时 {seconds:.1f} 秒）。")


@cli.command()
@PLAN_OPTION
@SEED_OPTION
@click.option("--as-of", "as_of", default="2025Q2", show_default=True, metavar="QUARTER",
              help="Quarter to assess and report (2021Q1 to 2025Q4); the data run to its last month.")
@click.option("--out", "out", required=True, type=click.Path(path_type=Path, file_okay=False), help="Folder to write.")
@LANG_OPTION
@friendly_errors
def demo(plan_name: str | None, seed: int, as_of: str, out: Path, lang: str) -> None:
    """The whole chain on synthetic data: demo data → aggregate → assess → rank → bulletin.

    \b
    Writes the demo data (see demo-data), assessment.json and assessment.txt, and bulletin/
    (DOCX, PDF, HTML) into --out, and prints every path. All of it is 合成演示数据.
    """
    try:
        quarter = parse_as_of(as_of)
    except (PeriodError, ValueError):
        raise ProblemsError([Problem("DEMO_AS_OF_INVALID", Severity.ERROR, Location(), {"value": as_of})]) from None
    plan = load_plan(plan_name)
    _require_universe(plan)
    started = time.perf_counter()
    _banner(lang)
    run = run_demo(plan, out, as_of=quarter, seed=seed, progress=lambda msg: click.echo(msg, err=True))
    for path in run.files:
        click.echo(str(path))
    for note in run.notes:
        click.secho(note, fg="yellow", err=True)
    _banner(lang)
    seconds = time.perf_counter() - started
    if lang == "en":
        click.echo(f"Done in {seconds:.1f} s. Bulletin: {out / 'bulletin'}; assessment: {out / 'assessment.txt'}.")
    else:
        click.echo(f"完成，用时 {seconds:.1f} 秒。通报：{out / 'bulletin'}；评估表：{out / 'assessment.txt'}。")


def _require_universe(plan: Plan) -> None:
    """The synthetic universe (planwatch.demo) is one plan's: any other plan is refused, never half-made."""
    from planwatch.demo.universe import UNIVERSE_PLAN

    if plan.meta.id != UNIVERSE_PLAN:
        raise ProblemsError(
            [Problem("DEMO_PLAN_UNSUPPORTED", Severity.ERROR, Location(), {"supported": UNIVERSE_PLAN, "plan": plan.meta.id})]
        )
