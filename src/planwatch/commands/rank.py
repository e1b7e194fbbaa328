"""``planwatch rank``: the 考核 ranking of the counties (or parks) for a year or an as-of period.

Parses options, reads the data, targets and weights, calls ``planwatch.assess.rank`` and prints a
table (名次, 县市区, 综合得分, each indicator's score, 是否达标, 名次区间) or JSON. Method and file
formats: docs/ranking.md. Exit codes: 0 done, 1 input errors (nothing ranked), 2 usage.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from planwatch.assess.assessment_targets import AnnualTargets, read_assessment_targets
from planwatch.assess.rank import LEVELS, rank_units, units_of
from planwatch.assess.rank_config import load_rank_config
from planwatch.assess.rank_results import IndicatorScore, RankingResult, UnitRanking
from planwatch.cli import LANG_OPTION, PLAN_OPTION, cli, friendly_errors, json_text
from planwatch.domain.enums import MissingPolicy, RankMethod, ScoreStatus, Severity
from planwatch.domain.periods import Period, PeriodError
from planwatch.domain.problems import Location, Problem, ProblemsError
from planwatch.messages import render
from planwatch.plan.load import Plan, load_plan
from planwatch.plan.presentation import view
from planwatch.texttable import render_table


def _usage(zh: str, en: str, lang: str) -> None:
    click.echo(en if lang == "en" else zh, err=True)
    sys.exit(2)


def _period(text: str | None, year: int | None, lang: str) -> tuple[int, Period]:
    as_of: Period | None = None
    if text is not None:
        try:
            as_of = Period.parse(text)
        except PeriodError:
            _usage(
                f"通报期「{text}」无法识别：应写作 2024、2024Q3 或 2024-09。",
                f"Cannot read the as-of period '{text}': write 2024, 2024Q3 or 2024-09.",
                lang,
            )
    if year is None and as_of is None:
        _usage("请用 --year 指定考核年度（或用 --as-of 指定通报期）。", "Give the year with --year (or an as-of period with --as-of).", lang)
    if as_of is None:
        assert year is not None
        as_of = Period.year_of(year)
    if year is not None and as_of.year != year:
        _usage(
            render("RANK_AS_OF_YEAR", "zh", {"as_of": str(as_of), "year": year}) + "。",
            render("RANK_AS_OF_YEAR", "en", {"as_of": str(as_of), "year": year}) + ".",
            lang,
        )
    return as_of.year, as_of


def _late(values: tuple[str, ...], plan: Plan, level: str, lang: str) -> dict[str, float]:
    allowed = {s.id for s in units_of(plan, level)}
    out: dict[str, float] = {}
    for text in values:
        name, sep, days = text.partition("=")
        scope = plan.find_scope(name.strip()) if sep else None
        try:
            value = float(days.strip().removesuffix("天"))
        except ValueError:
            value = -1.0
        if scope is None or scope.id not in allowed or value < 0:
            _usage(render("RANK_LATE_INVALID", "zh", {"value": text}) + "。", render("RANK_LATE_INVALID", "en", {"value": text}) + ".", lang)
            continue
        assert scope is not None
        out[scope.id] = value
    return out


@cli.command()
@click.option("--level", default="county", show_default=True, metavar="LEVEL",
              help="Which ranking the plan declares (presentation.rankings: county, park …); "
                   "without a declaration county or park with --weights.")
@click.option("--year", type=int, default=None, help="Assessment year, e.g. 2024.")
@click.option("--as-of", "as_of", default=None, metavar="PERIOD",
              help="As-of period inside the year (2024Q3, 2024-09) for a quarterly 通报; default: the whole year.")
@click.option("--data", "data", multiple=True, type=click.Path(path_type=Path), metavar="FILE",
              help="Data file (.csv or .xlsx, docs/data-files.md); repeat for several.")
@click.option("--targets", "targets_paths", multiple=True, type=click.Path(path_type=Path), metavar="FILE",
              help="Annual targets per county (.csv or .yaml, docs/ranking.md); missing ones are derived.")
@click.option("--weights", "weights_path", type=click.Path(path_type=Path), default=None, metavar="FILE",
              help="Ranking configuration YAML (weights, cap, 达标 rule); default: the file the plan names.")
@click.option("--method", type=click.Choice([m.value for m in RankMethod]), default=None,
              help="weighted (configured weights) or entropy (熵权法); default: the configuration's.")
@click.option("--missing", type=click.Choice([m.value for m in MissingPolicy]), default=None,
              help="Missing value or target: zero (score 0, flagged) or renormalise; default: the configuration's.")
@click.option("--late", "late", multiple=True, metavar="UNIT=DAYS",
              help="Days a unit submitted late, e.g. 某某县=3; repeat. Turns the timeliness deduction on.")
@click.option("--explain", "explain", default=None, metavar="UNIT",
              help="Also print how one unit's score was computed (value, target, completion, weight).")
@PLAN_OPTION
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@LANG_OPTION
@friendly_errors
def rank(
    level: str,
    year: int | None,
    as_of: str | None,
    data: tuple[Path, ...],
    targets_paths: tuple[Path, ...],
    weights_path: Path | None,
    method: str | None,
    missing: str | None,
    late: tuple[str, ...],
    explain: str | None,
    plan_name: str | None,
    fmt: str,
    lang: str,
) -> None:
    """Rank the counties (考核) on the plan's assessment indicators, with who meets the bar.

    Each indicator is scored by completion against the county's own annual target (given in
    --targets, or derived from the plan and marked so), capped; the composite is weighted
    (or entropy-weighted); 名次区间 is the range of ranks under ±20% weight changes.
    """
    year, period = _period(as_of, year, lang)
    if not data:
        _usage("请用 --data 指定至少一个数据文件。", "Give at least one data file with --data FILE.", lang)
    plan = load_plan(plan_name)
    if view(plan).ranking(level) is None and (level not in LEVELS or weights_path is None):
        raise ProblemsError([Problem("RANK_NOT_DECLARED", Severity.ERROR, Location(), {"level": level})])
    from planwatch.ingest import load_observations

    table = load_observations(list(data), plan, lang)
    allowed = [s.id for s in units_of(plan, level)]
    targets = read_assessment_targets(list(targets_paths), plan, allowed_units=allowed) if targets_paths else AnnualTargets()
    config = load_rank_config(weights_path, plan, level=level)
    if missing is not None:
        config = config.model_copy(update={"missing": MissingPolicy(missing)})
    late_days = _late(late, plan, level, lang)
    explain_id: str | None = None
    if explain is not None:
        found = plan.find_scope(explain)
        if found is None or found.id not in allowed:
            _usage(f"「{explain}」不是参加排名的单位。", f"'{explain}' is not a ranked unit.", lang)
        assert found is not None
        explain_id = found.id
    result = rank_units(
        plan, table, year, level=level, as_of=period, targets=targets, config=config,
        method=RankMethod(method) if method else None, late_days=late_days or None, timeliness=True if late_days else None,
    )
    if fmt == "json":
        click.echo(json_text(result.to_dict()))
        return
    click.echo(render_ranking(result, plan, lang))
    if explain_id is not None:
        click.echo("")
        click.echo(render_explanation(result.unit(explain_id), lang))


# -- text ---------------------------------------------------------------------------------------
def _cell(s: IndicatorScore) -> str:
    if s.status is ScoreStatus.SCORED:
        return f"{(s.score or 0.0):.1f}"
    return "0.0*" if s.counted else "—"


def render_ranking(result: RankingResult, plan: Plan, lang: str = "zh") -> str:
    en = lang == "en"
    unit_head = result.level if en else view(plan).unit_word(result.level)
    labels = [i.id if en else i.label for i in result.indicators]
    deducting = bool(result.timeliness.get("enabled"))
    headers = ["rank" if en else "名次", unit_head, "composite" if en else "综合得分"]
    if deducting:
        headers.append("deduction" if en else "扣分")
    headers += [*labels, "passed" if en else "是否达标", "rank range" if en else "名次区间"]
    rows: list[list[str]] = []
    for u in result.units:
        row = [str(u.rank), (u.name_en or u.name) if en else u.name, f"{u.final_score:.1f}"]
        if deducting:
            row.append(f"{u.deduction:.1f}")
        row += [_cell(s) for s in u.indicators]
        row += [("yes" if u.passed else "no") if en else ("达标" if u.passed else "未达标"), u.rank_range.label() if u.rank_range else "—"]
        rows.append(row)
    numeric = [True, False, True] + ([True] if deducting else []) + [True] * len(labels) + [False, False]
    out: list[str] = []
    declared = view(plan).ranking(result.level)
    title = declared.title if declared is not None else f"{unit_head}考核排名"
    title_zh = f"{plan.meta.name} {title}（{result.as_of_label_zh}）"
    out.append(f"Ranking of {unit_head}s, {result.as_of}" if en else title_zh)
    out.append("")
    out.append(render_table(headers, rows, numeric))
    out.append("")
    out.extend(_footer(result, en))
    return "\n".join(out)


def _footer(result: RankingResult, en: bool) -> list[str]:
    rule = result.pass_rule
    stab = result.stability
    cap = result.cap * 100
    weights = ("; " if en else "、").join(f"{i.id if en else i.label} {i.weight:.1f}" for i in result.indicators if i.ranked)
    lines: list[str] = []
    if en:
        lines.append(f"Method: {result.method.value}; completion capped at {cap:g}%; missing: {result.missing_policy.value}.")
        lines.append(f"Weights (points of 100): {weights}.")
        if any(s.status not in (ScoreStatus.SCORED, ScoreStatus.NOT_RANKED) for u in result.units for s in u.indicators):
            lines.append("* no value or no target: " + ("scored 0." if result.missing_policy is MissingPolicy.ZERO else "left out."))
        lines.append(
            f"Meets the bar: composite ≥ {rule['composite_min']:g}, every indicator ≥ {rule['indicator_min']:g}, "
            f"at most {rule['max_missing']:g} missing."
        )
        passed = [u.name_en or u.name for u in result.passed]
        lines.append(f"Meet the bar ({len(passed)}): {', '.join(passed) if passed else 'none'}.")
        for u in result.units:
            if not u.passed:
                lines.append(f"  {u.name_en or u.name}: {'; '.join(u.reasons('en'))}")
        lines.append(
            f"Rank range: ranks under each weight ±{stab['delta'] * 100:g}% one at a time and {int(stab['samples'])} joint draws (seed {int(stab['seed'])})."
        )
        lines.extend(result.notes_en)
        return lines
    lines.append(f"方法：{result.method.label_zh}；完成率封顶{cap:g}%；{result.missing_policy.label_zh}。")
    lines.append(f"权重（满分100）：{weights}。")
    gap = (ScoreStatus.SCORED, ScoreStatus.NOT_RANKED, ScoreStatus.NO_TARGET)
    if any(s.status not in gap for u in result.units for s in u.indicators):
        lines.append("* 缺少数据，" + ("未报送不得分，按0分计。" if result.missing_policy is MissingPolicy.ZERO else "不计入（— 表示不计）。"))
    if any(s.status is ScoreStatus.NO_TARGET for u in result.units for s in u.indicators):
        lines.append("— 该单位无此项目标，不计入，其余指标权重按比例放大。")
    if any(not i.ranked for i in result.indicators):
        lines.append("— 本期所有单位均无法计分的指标，不参与本次排名。")
    lines.append(
        f"达标条件：综合得分不低于{rule['composite_min']:g}，已计分指标得分均不低于{rule['indicator_min']:g}，缺项不超过{rule['max_missing']:g}项。"
    )
    passed = [u.name for u in result.passed]
    lines.append(f"考核达标（{len(passed)}个）：{'、'.join(passed) if passed else '无'}。")
    for u in result.passed:
        lines.append(f"  {u.name}：{'；'.join(u.reasons())}")
    failed = [u for u in result.units if not u.passed]
    if failed:
        lines.append(f"未达标（{len(failed)}个）：")
        for u in failed:
            lines.append(f"  {u.name}：{'；'.join(u.reasons())}")
    ties = [u for u in result.units if u.tie_note_zh]
    for u in ties:
        lines.append(f"并列：{u.name}{u.tie_note_zh}。")
    lines.append(
        f"名次区间：各指标权重分别±{stab['delta'] * 100:g}%，以及全部权重在±{stab['delta'] * 100:g}%内随机扰动{int(stab['samples'])}次"
        f"（随机种子{int(stab['seed'])}）时可能的名次。"
    )
    lines.extend(result.notes)
    return lines


def render_explanation(u: UnitRanking, lang: str = "zh") -> str:
    """One unit's scores: value, target (and where it came from), completion, score, weight, contribution."""
    en = lang == "en"
    headers = (
        ["indicator", "value", "target", "target from", "completion", "score", "share", "contribution"]
        if en
        else ["指标", "本期值", "目标", "目标来源", "完成率", "得分", "权重占比", "贡献"]
    )
    rows: list[list[str]] = []
    for s in u.indicators:
        value = f"{s.value.value:.4g}" if s.value else "—"
        target = f"{s.target.value:.4g}" if s.target else "—"
        if s.target is not None and s.target.measure.value == "growth":
            value, target = (f"{s.value.value:.2f}%" if s.value else "—"), f"{s.target.value:.2f}%"
        origin = (s.target.origin.value if en else s.target.origin.label_zh) if s.target else ("none" if en else "无")
        rows.append(
            [
                s.indicator if en else s.name,
                value,
                target,
                origin,
                f"{s.completion * 100:.1f}%" if s.completion is not None else "—",
                f"{s.score:.1f}" if s.score is not None else "—",
                f"{s.share * 100:.1f}%",
                f"{s.contribution:.2f}",
            ]
        )
    head = (
        f"{u.name_en or u.name}: rank {u.rank}, composite {u.composite:.2f}, deduction {u.deduction:.2f}, final {u.final_score:.2f}"
        if en
        else f"{u.name}：第{u.rank}名，综合得分{u.composite:.2f}，扣分{u.deduction:.2f}，最终得分{u.final_score:.2f}"
    )
    lines = [head, "", render_table(headers, rows, [False, True, True, False, True, True, True, True]), ""]
    for s in u.indicators:
        detail = s.arithmetic or (s.no_target_reason if en else "")
        extra = "；".join(n for n in s.notes if not n.startswith("目标为推算值")) if not en else ""
        if s.target is not None and not en:
            parts = [f"目标 {s.target.arithmetic}（{s.target.note}）", detail, extra]
            lines.append(f"{s.name}：" + "；".join(p for p in parts if p))
        elif not en:
            lines.append(f"{s.name}：{extra}")
        else:
            lines.append(f"{s.indicator}: {detail}")
    return "\n".join(lines)
