"""``planwatch bulletin``: the quarterly bulletin (一季一通报) as DOCX, PDF and HTML.

Reads the data files (planwatch.ingest), assesses every target (planwatch.assess.engine), ranks the
counties when the data allow (planwatch.assess.rank), builds the bulletin's words and tables
(planwatch.report.context) and renders each asked-for format (planwatch.report.renderers); prints
the path of each file written. Exit codes: 0 done, 1 input errors (nothing written), 2 usage.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import click

from planwatch.assess.results import Assessment
from planwatch.cli import LANG_OPTION, PLAN_OPTION, cli, friendly_errors
from planwatch.domain.observations import ObservationTable
from planwatch.domain.periods import Period, PeriodError
from planwatch.domain.problems import ProblemsError
from planwatch.plan.load import Plan, load_plan

DEFAULT_FORMATS = "docx,pdf,html"
SYNTHETIC_MARKERS = ("synthetic", "合成")


def _usage(zh: str, en: str, lang: str) -> None:
    click.echo(en if lang == "en" else zh, err=True)
    sys.exit(2)


def _fail(zh: str, en: str, lang: str) -> None:
    click.echo(en if lang == "en" else zh, err=True)
    sys.exit(1)


def _formats(text: str, lang: str) -> list[str]:
    from planwatch.report.renderers import available_formats

    known = available_formats()
    asked = [x.strip().lower() for x in text.split(",") if x.strip()]
    unknown = [x for x in asked if x not in known]
    if not asked or unknown:
        _usage(
            f"不支持的通报格式：{'、'.join(unknown) or '（空）'}；可选：{'、'.join(known)}（用逗号分隔，如 docx,pdf）。",
            f"Unknown bulletin format: {', '.join(unknown) or '(none)'}; choose from {', '.join(known)} (comma-separated).",
            lang,
        )
    return list(dict.fromkeys(asked))


def _parse_as_of(text: str | None, lang: str) -> Period | None:
    if text is None:
        return None
    try:
        return Period.parse(text)
    except PeriodError:
        _usage(
            f"通报期「{text}」无法识别：应写作 2024Q4、2024-09 或 2024。",
            f"Cannot read the as-of period '{text}': write 2024Q4, 2024-09 or 2024.",
            lang,
        )
    raise AssertionError  # unreachable: _usage exits


def _latest(observations: ObservationTable, lang: str) -> Period:
    latest = observations.latest_period()
    if latest is None:
        _fail("数据文件中没有任何观测值，无法生成通报。", "The data files hold no observations: no bulletin to write.", lang)
    assert latest is not None
    return latest


def _issued(text: str | None, lang: str) -> date:
    if text is None:
        return date.today()
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        _usage(f"日期「{text}」无法识别：应写作 2025-01-20。", f"Cannot read the date '{text}': write 2025-01-20.", lang)
    raise AssertionError  # unreachable: _usage exits


def _assess(plan: Plan, observations: ObservationTable, as_of: Period) -> list[Assessment]:
    from planwatch.assess.engine import assess_plan  # imported here: tests may stand in for the engine

    return list(assess_plan(plan, observations, as_of))


def _ranking(plan: Plan, observations: ObservationTable, as_of: Period, targets: Sequence[Path], lang: str) -> Any:
    """The plan's first declared ranking, or None: when the plan sets none (the bulletin then says
    规划未设考核排名), or with a note on stderr when the data cannot rank.

    ``targets``: annual targets files of the ranked units (docs/ranking.md); a problem in them is an
    input error.
    """
    from planwatch.assess.assessment_targets import read_assessment_targets
    from planwatch.assess.rank import rank_units
    from planwatch.plan.presentation import view

    if not view(plan).rankings:
        return None
    declared = view(plan).rankings[0]
    annual = read_assessment_targets(list(targets), plan) if targets else None
    try:
        return rank_units(plan, observations, as_of.year, level=declared.level, as_of=as_of, targets=annual)
    except ProblemsError as exc:
        head = f"未计算{declared.title}：" if lang != "en" else f"Ranking '{declared.level}' left out: "
        click.echo(head + "；".join(p.message(lang) for p in exc.problems), err=True)
        return None


def _synthetic(observations: ObservationTable) -> bool:
    return any(any(m in (o.source or "").lower() for m in SYNTHETIC_MARKERS) for o in observations)


@cli.command()
@PLAN_OPTION
@click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="FILE...",
    help="Data files (CSV or XLSX, docs/data-files.md): --data a.csv b.xlsx, or --data a.csv --data b.xlsx.",
)
@click.option("--as-of", "as_of", default=None, metavar="PERIOD", help="Bulletin period: 2024Q4, 2024-09 or 2024; default: the latest period in the data.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=Path("out"), show_default=True, help="Folder for the bulletin files.")
@click.option("--format", "fmt", default=DEFAULT_FORMATS, show_default=True, help="Comma-separated formats: docx, pdf, html (and any registered renderer).")
@click.option(
    "--targets",
    "targets",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Annual county targets for the ranking (docs/ranking.md); repeat for several.",
)
@click.option("--date", "issued", default=None, metavar="YYYY-MM-DD", help="Date printed on the bulletin; default: today.")
@LANG_OPTION
@click.argument("more_data", nargs=-1, type=click.Path(path_type=Path), metavar="")
@friendly_errors
def bulletin(
    plan_name: str | None,
    data: Sequence[Path],
    more_data: Sequence[Path],
    as_of: str | None,
    out_dir: Path,
    fmt: str,
    targets: Sequence[Path],
    issued: str | None,
    lang: str,
) -> None:
    """Write the quarterly bulletin (一季一通报): 总体情况, 主要指标, 县市区, 园区, 产业链, 预警, 建议.

    The bulletin's text is Chinese; --lang changes only the messages of this command. Data marked as
    synthetic demo data make every format say so.
    """
    from planwatch.ingest import load_observations
    from planwatch.report.context import build_context
    from planwatch.report.renderers import render

    files = [*data, *more_data]
    if not files:
        _usage("请用 --data 指定至少一个数据文件（CSV 或 XLSX）。", "Give at least one data file with --data (CSV or XLSX).", lang)
    formats = _formats(fmt, lang)
    date_issued = _issued(issued, lang)
    asked = _parse_as_of(as_of, lang)
    plan = load_plan(plan_name)
    observations = load_observations(files, plan, lang)
    period = asked or _latest(observations, lang)
    assessments = _assess(plan, observations, period)
    ranking = _ranking(plan, observations, period, targets, lang)
    context = build_context(
        plan,
        assessments,
        period,
        ranking=ranking,
        observations=observations,
        synthetic=True if _synthetic(observations) else None,
        issued=date_issued,
    )
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in formats:
        try:
            path = render(context, name, out_dir)
        except OSError:
            raise  # friendly_errors words it
        except Exception as exc:  # a renderer's own failure: say which format, never a traceback
            _fail(f"生成 {name} 格式的通报失败：{exc}", f"Writing the {name} bulletin failed: {exc}", lang)
            raise AssertionError from None  # unreachable: _fail exits
        click.echo(str(path))
