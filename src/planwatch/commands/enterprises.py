"""``planwatch enterprises check`` and ``planwatch pools screen``: the enterprise register (docs/enterprises.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from planwatch.cli import LANG_OPTION, PLAN_OPTION, cli, friendly_errors
from planwatch.domain.enums import Severity
from planwatch.domain.observations import ObservationTable
from planwatch.domain.problems import ProblemsError
from planwatch.enterprises.disagreements import disagreements
from planwatch.enterprises.microdata_years import read_enterprise_years
from planwatch.enterprises.pool_rules import load_pool_rules
from planwatch.enterprises.read import read_register
from planwatch.enterprises.register_counts import compare, load_register_counts, register_observations
from planwatch.enterprises.screening import ProposalKind, screen, tier_name
from planwatch.ingest.importer import load_observations
from planwatch.ingest.microdata import write_observations
from planwatch.plan.load import load_plan
from planwatch.projects.counting import decide, load_counting_rules
from planwatch.projects.read import read_projects

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


@cli.group()
def pools() -> None:
    """The 梯度培育 pools (小升规, 创新型, 专精特新, 小巨人, 上市后备, 龙头): screen the register."""


@pools.command("screen")
@click.option("--enterprises", "files", multiple=True, required=True, type=click.Path(path_type=Path),
              metavar="FILE", help="Register file(s), as for `planwatch enterprises check`.")
@click.option("--microdata", "micro", multiple=True, type=click.Path(path_type=Path), metavar="FILE",
              help="Enterprise × month microdata (.csv/.parquet): revenue, output, R&D, profit of the year.")
@click.option("--year", type=int, required=True, help="The year screened (the figures of that year).")
@click.option("--rules", "rules_file", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Pool rules (YAML, docs/enterprises.md); default: the bundled pools.yaml.")
@PLAN_OPTION
@FORMAT_OPTION
@LANG_OPTION
@friendly_errors
def screen_command(files: tuple[Path, ...], micro: tuple[Path, ...], year: int, rules_file: Path | None,
                   plan_name: str | None, fmt: str, lang: str) -> None:
    """Propose who enters a pool, moves tier or leaves, with every rule's two sides.

    \b
    Each proposal lists the rules: ✓ met, ✗ not met, ? no data, … needs a person's judgement
    (criteria the data cannot check, such as 主营业务收入占比 or 细分市场占有率). Nothing is
    changed: a person confirms or rejects each proposal (web: 培育库审核).
    """
    plan = load_plan(plan_name)
    rules = load_pool_rules(rules_file)
    result = read_register(list(files), plan, rules)
    if result.has_errors:
        raise ProblemsError([p for p in result.problems if p.severity is Severity.ERROR])
    years = read_enterprise_years(list(micro), plan) if micro else {}
    proposals = screen(result.enterprises, year, rules, years)
    if fmt == "json":
        click.echo(json.dumps([p.to_dict() for p in proposals], ensure_ascii=False, indent=2))
        return
    for p in proposals:
        pool = rules.pool(p.pool)
        move = ""
        if p.tier or p.from_tier:
            move = f"（{tier_name(rules, p.pool, p.from_tier) or '—'} → {tier_name(rules, p.pool, p.tier) or '—'}）"
        click.echo(f"{p.name}（{p.uscc}，{plan.scopes[p.county].name}）  {pool.name}  {p.kind.label_zh}{move}")
        for e in p.evidence:
            click.echo(f"    {e.explain()}")
    counts = {k: sum(p.kind is k for p in proposals) for k in ProposalKind}
    if lang == "en":
        click.echo(f"{year}: {len(proposals)} proposals (enter {counts[ProposalKind.ENTER]}, "
                   f"move {counts[ProposalKind.MOVE]}, exit {counts[ProposalKind.EXIT]}).")
    else:
        click.echo(f"{year}年：建议 {len(proposals)} 项（入库 {counts[ProposalKind.ENTER]}，"
                   f"调档 {counts[ProposalKind.MOVE]}，出库 {counts[ProposalKind.EXIT]}）。")


@enterprises.command("counts")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--year", "years", type=int, multiple=True, required=True, help="Year(s) counted; repeat for several.")
@click.option("--statistics", "stats", multiple=True, type=click.Path(path_type=Path), metavar="FILE",
              help="Observations of the statistics (.csv/.xlsx as for `planwatch import`) to compare with.")
@click.option("--projects", "project_files", multiple=True, type=click.Path(path_type=Path), metavar="FILE",
              help="Project files (CSV/XLSX, docs/enterprises.md): counted as the counting rules say.")
@click.option("--out", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Write the register's observations (source 企业库) to this CSV, for `planwatch assess --data`.")
@PLAN_OPTION
@FORMAT_OPTION
@LANG_OPTION
@friendly_errors
def counts_command(files: tuple[Path, ...], years: tuple[int, ...], stats: tuple[Path, ...],
                   project_files: tuple[Path, ...], out: Path | None, plan_name: str | None, fmt: str,
                   lang: str) -> None:
    """Count the register for the plan's indicators (规上, 新增入规, 亿元企业, 小巨人, 上市 …).

    \b
    Which indicator each count measures is written beside the plan, in <plan>.register.yaml.
    With --projects, 招商 projects are counted too (once at first signing; counting.yaml).
    With --statistics, each count is shown beside the statistics' value of the same indicator,
    scope and year, and the difference.
    """
    plan = load_plan(plan_name)
    result = read_register(list(files), plan)
    if result.has_errors:
        raise ProblemsError([p for p in result.problems if p.severity is Severity.ERROR])
    decisions = None
    if project_files:
        projects = read_projects(list(project_files), plan)
        if projects.has_errors:
            raise ProblemsError([p for p in projects.problems if p.severity is Severity.ERROR])
        decisions = decide(projects.projects, load_counting_rules())
    table = register_observations(plan, load_register_counts(plan), result.enterprises, years, decisions)
    if out is not None:
        write_observations(table, out)
    statistics = load_observations(list(stats), plan, lang) if stats else ObservationTable()
    rows = compare(table, statistics)
    if fmt == "json":
        click.echo(json.dumps([{"indicator": c.indicator, "scope": c.scope, "period": str(c.period),
                                "register": c.register, "statistics": c.statistics, "difference": c.difference}
                               for c in rows], ensure_ascii=False, indent=2))
        return
    head = ("indicator", "scope", "year", "register", "statistics", "difference") if lang == "en" else (
        "指标", "范围", "年份", "企业库", "统计", "差")
    click.echo("\t".join(head))
    for c in rows:
        if not stats and c.register == 0 and c.scope != plan.meta.region:
            continue
        click.echo("\t".join([plan.indicators[c.indicator].name, plan.scopes[c.scope].name, str(c.period),
                              f"{c.register:g}", "" if c.statistics is None else f"{c.statistics:g}",
                              "" if c.difference is None else f"{c.difference:+g}"]))
