"""``planwatch check``, ``planwatch import`` and ``planwatch template``: data files in, checked.

``check`` validates and prints every problem (exit 1 on errors); ``import`` validates, then writes
the canonical observations CSV atomically (nothing on errors); ``template`` writes the pre-filled
Excel form for a scope and period. Columns, measures, units and codes: docs/data-files.md.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from planwatch.cli import LANG_OPTION, PLAN_OPTION, cli, friendly_errors, json_text
from planwatch.domain.enums import Severity
from planwatch.domain.periods import Period, PeriodError
from planwatch.domain.problems import Location, Problem, ProblemsError
from planwatch.ingest.importer import ImportResult, check_observations
from planwatch.ingest.output import write_bytes_atomic, write_observations_csv
from planwatch.ingest.rules import Rule, load_rules
from planwatch.ingest.template import template_bytes, template_rows
from planwatch.plan.load import load_plan

FILES_ARGUMENT = click.argument("files", nargs=-1, type=click.Path(path_type=Path), metavar="[FILE]...")
DATA_OPTION = click.option(
    "--data",
    "data",
    multiple=True,
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Data file (.csv or .xlsx); repeat for several, or list files after the options.",
)
SHEET_OPTION = click.option("--sheet", default=None, help="Read only this Excel sheet (default: every sheet).")
RULES_OPTION = click.option(
    "--rules",
    "rules_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Validation rules YAML (default: the bundled rules.yaml).",
)


def _paths(data: tuple[Path, ...], files: tuple[Path, ...], lang: str) -> list[Path]:
    paths = [*data, *files]
    if not paths:
        msg = "Give at least one data file with --data FILE." if lang == "en" else "请用 --data 指定至少一个数据文件。"
        click.echo(msg, err=True)
        sys.exit(2)
    return paths


def _rules(path: Path | None) -> list[Rule] | None:
    return load_rules(path) if path is not None else None


def summary(result: ImportResult, lang: str) -> str:
    e, w, i = (result.count(s) for s in (Severity.ERROR, Severity.WARNING, Severity.INFO))
    n_files, rows, obs = len(result.files), result.rows_read, len(result.table)
    if lang == "en":
        head = f"{n_files} file(s), {rows} data row(s): {e} error(s), {w} warning(s), {i} note(s)."
        tail = "Nothing can be imported until the errors are fixed." if e else f"{obs} observation(s) can be imported."
        return f"{head} {tail}"
    head = f"共读取 {n_files} 个文件、{rows} 行数据：错误 {e} 处，警告 {w} 处，提示 {i} 处。"
    tail = "请先改正错误；有错误时不会导入任何数据。" if e else f"可导入 {obs} 条观测值。"
    return head + tail


@cli.command()
@FILES_ARGUMENT
@DATA_OPTION
@PLAN_OPTION
@SHEET_OPTION
@RULES_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG_OPTION
@friendly_errors
def check(
    files: tuple[Path, ...],
    data: tuple[Path, ...],
    plan_name: str | None,
    sheet: str | None,
    rules_path: Path | None,
    fmt: str,
    lang: str,
) -> None:
    """Validate data files and print every problem at once (nothing is written).

    Exit code 1 when any problem is an error; warnings and notes are printed and do not fail.
    """
    paths = _paths(data, files, lang)
    plan = load_plan(plan_name)
    result = check_observations(paths, plan, sheet=sheet, rules=_rules(rules_path))
    if fmt == "json":
        payload = {
            "files": result.files,
            "rows_read": result.rows_read,
            "observations": len(result.table),
            "ok": result.ok,
            "counts": {s.value: result.count(s) for s in Severity},
            "problems": [p.to_dict(lang) for p in result.problems],
            "rule_failures": [r.to_dict() for r in result.rule_results if r.failed],
        }
        click.echo(json_text(payload))
    else:
        for p in result.problems:
            click.echo(p.render(lang))
        click.echo(summary(result, lang))
    if not result.ok:
        sys.exit(1)


@cli.command("import")
@FILES_ARGUMENT
@DATA_OPTION
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The observations CSV to write (canonical columns).",
)
@PLAN_OPTION
@SHEET_OPTION
@RULES_OPTION
@LANG_OPTION
@friendly_errors
def import_(
    files: tuple[Path, ...],
    data: tuple[Path, ...],
    out: Path,
    plan_name: str | None,
    sheet: str | None,
    rules_path: Path | None,
    lang: str,
) -> None:
    """Validate data files, then write the canonical observations CSV.

    On any error nothing is written (exit code 1); the file is written to a temporary name and
    renamed, so a half-written file never appears.
    """
    paths = _paths(data, files, lang)
    plan = load_plan(plan_name)
    result = check_observations(paths, plan, sheet=sheet, rules=_rules(rules_path))
    if not result.ok:
        raise ProblemsError(result.problems)
    for p in result.problems:
        click.echo(p.render(lang), err=True)
    write_observations_csv(result.table, out)
    n = len(result.table)
    click.echo(f"Imported {n} observation(s) into {out}." if lang == "en" else f"已导入 {n} 条观测值：{out}")


@cli.command()
@click.option("--scope", "scope_name", required=True, help="Scope (Chinese name or id), e.g. 吉首市.")
@click.option("--period", "period_text", default=None, help="Period to fill in, e.g. 2024, 2024Q3, 2024-07 (default: last year).")
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The .xlsx file to write.",
)
@PLAN_OPTION
@LANG_OPTION
@friendly_errors
def template(scope_name: str, period_text: str | None, out: Path, plan_name: str | None, lang: str) -> None:
    """Write a pre-filled Excel template: one row per indicator the scope has targets for.

    The headers are Chinese, the period is filled in, 口径 has a dropdown; fill 数值 and import it
    back with `planwatch check` / `planwatch import`.
    """
    if out.suffix.lower() != ".xlsx":
        raise click.BadParameter("must end in .xlsx", param_hint="--out")
    plan = load_plan(plan_name)
    if period_text is None:
        period = Period.year_of(dt.date.today().year - 1)
    else:
        try:
            period = Period.parse(period_text)
        except PeriodError:
            raise ProblemsError(
                [Problem("INGEST_BAD_PERIOD", Severity.ERROR, Location(column="--period"), {"value": period_text})]
            ) from None
    rows = template_rows(plan, scope_name, period)
    write_bytes_atomic(out, template_bytes(plan, scope_name, period))
    scope = rows[0].scope_name
    if lang == "en":
        click.echo(f"Wrote the template for {scope}, {period}: {len(rows)} indicator(s) → {out}")
    else:
        click.echo(f"已生成{scope}{period.label_zh}填报模板（{len(rows)} 个指标）：{out}")
