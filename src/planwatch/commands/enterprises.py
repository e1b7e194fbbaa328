"""``planwatch enterprises check`` and ``planwatch pools screen``: the enterprise register (docs/enterprises.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from planwatch.cli import LANG_OPTION, PLAN_OPTION, cli, friendly_errors
from planwatch.domain.enums import Severity
from planwatch.enterprises.disagreements import disagreements
from planwatch.enterprises.microdata_years import read_enterprise_years
from planwatch.enterprises.read import read_register
from planwatch.plan.load import load_plan

FORMAT_OPTION = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
                             show_default=True, help="table (for people) or json (for scripts).")


@cli.group()
def enterprises() -> None:
    """The enterprise register (企业库): check register files."""


@enterprises.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--microdata", "micro", multiple=True, type=click.Path(path_type=Path), metavar="FILE",
              help="Enterprise × month microdata (.csv/.parquet) to compare 规上 status and counties with.")
@PLAN_OPTION
@FORMAT_OPTION
@LANG_OPTION
@friendly_errors
def check(files: tuple[Path, ...], micro: tuple[Path, ...], plan_name: str | None, fmt: str, lang: str) -> None:
    """Check register files (CSV/XLSX, one row per enterprise); exit 1 on errors.

    \b
    Columns (Chinese or English headers): 统一社会信用代码, 企业名称, 县市区 (required); 园区, 产业链,
    行业代码, 入规年月, 退规年月, 高新技术企业, 创新型中小企业, 专精特新, 小巨人, 上云, 链主, 上市挂牌,
    2023年营业收入, 2023年工业总产值 … Every problem of every file is reported at once, located by file,
    row and column: codes checked as GB 32100-2015 defines them, duplicates, scopes of the plan. With
    --microdata, where the register and the microdata disagree (规上 status against revenue, unknown
    enterprises, counties).
    """
    plan = load_plan(plan_name)
    result = read_register(list(files), plan)
    problems = list(result.problems)
    if micro and not result.has_errors:
        problems += disagreements(result.enterprises, read_enterprise_years(list(micro), plan), plan)
    errors = sum(p.severity is Severity.ERROR for p in problems)
    warnings = len(problems) - errors
    if fmt == "json":
        click.echo(json.dumps({"enterprises": len(result.enterprises), "errors": errors, "warnings": warnings,
                               "problems": [p.to_dict(lang) for p in problems]}, ensure_ascii=False, indent=2))
    else:
        for p in problems:
            click.echo(p.render(lang), err=p.severity is Severity.ERROR)
        if lang == "en":
            click.echo(f"{len(result.enterprises)} enterprises; {errors} errors, {warnings} warnings.")
        else:
            click.echo(f"{len(result.enterprises)} 家企业；错误 {errors} 个，提示 {warnings} 个。")
    if errors:
        sys.exit(1)
