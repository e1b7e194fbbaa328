"""``planwatch aggregate``: enterprise × month microdata → the plan's indicators (docs/microdata.md)."""

from __future__ import annotations

from pathlib import Path

import click

from planwatch.cli import LANG_OPTION, PLAN_OPTION, cli, friendly_errors
from planwatch.domain.enums import Severity
from planwatch.ingest.microdata import DEFAULT_SOURCE, aggregate_microdata, write_observations
from planwatch.ingest.microdata.aggregate import check_output
from planwatch.plan.load import load_plan


@cli.command()
@click.option("--microdata", "files", multiple=True, required=True, type=click.Path(path_type=Path),
              metavar="FILE", help="Enterprise × month records, .csv or .parquet; repeat for several files.")
@PLAN_OPTION
@click.option("--out", "out", required=True, type=click.Path(path_type=Path), metavar="FILE",
              help="observations.csv or observations.parquet (the canonical table).")
@click.option("--source", default=DEFAULT_SOURCE, show_default=True,
              help="Text for the source column of every observation written.")
@click.option("--threads", type=int, default=None, help="DuckDB threads (default: all cores).")
@click.option("--memory-limit", default=None, metavar="SIZE",
              help="DuckDB memory limit such as 3GB; larger work spills to a temporary folder.")
@LANG_OPTION
@friendly_errors
def aggregate(files: tuple[Path, ...], plan_name: str | None, out: Path, source: str, threads: int | None,
              memory_limit: str | None, lang: str) -> None:
    """Aggregate enterprise microdata into the plan's indicators for every scope.

    \b
    Reads 统一社会信用代码, 县市区, 园区, 产业链, 月份, 工业总产值, 工业增加值 (or 增加值率), 营业收入 …
    (Chinese or English headers; docs/microdata.md lists every column). Writes 当月, 累计, 同比 and
    累计同比 for every month, and the level and growth of every complete year, for the prefecture,
    each county-level unit, park and industry chain named in the records. Growth is on the same
    set of enterprises in both periods (同口径), at comparable prices when a deflator is given.
    Every problem in the files is reported at once; nothing is written when there is an error.
    """
    check_output(out)
    plan = load_plan(plan_name)
    result = aggregate_microdata(list(files), plan, source=source, threads=threads, memory_limit=memory_limit)
    for p in result.warnings:
        if p.severity is Severity.WARNING or p.code == "MICRO_SCALE_FIRST_YEAR":
            click.echo(p.render(lang), err=True)
    write_observations(result.observations, out)
    span = f"{_month(result.span.first_ym)}—{_month(result.span.last_ym)}"
    if lang == "en":
        click.echo(f"Read {result.rows:,} records of {result.enterprises:,} enterprises ({span}); "
                   f"wrote {len(result.observations):,} observations to {out}.")
        if not result.deflated:
            click.echo("No deflator column: growth of output and value added is at current prices.")
    else:
        click.echo(f"读取 {result.enterprises:,} 家企业的 {result.rows:,} 条月度记录（{span}），"
                   f"写出 {len(result.observations):,} 条观测值到 {out}。")
        if not result.deflated:
            click.echo("没有「可比价缩减指数」列：产值和增加值增速按现价计算。")


def _month(ym: int) -> str:
    return f"{ym // 12}-{ym % 12 + 1:02d}"
