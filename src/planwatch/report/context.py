"""What the quarterly bulletin (一季一通报) says: plan + assessments → ``BulletinContext``.

Pure: no files, no fonts, no clock. Every sentence is generated from the numbers in the
``Assessment`` objects (and the plan's own targets and history); nothing is invented. The plan's
presentation (plan/presentation.py) decides the groups, words and document frame. Sections, numbered
一、二、… in this order, each only where the plan has something for it:

总体情况          counts by status, 红黄绿灯 and grade words; headline sentences; status chart
<main>完成情况     the main group of the region's targets against the time schedule; trend chart
<units>情况        the ranking (or 规划未设考核排名) and the county-level units' targets
<parks>            the parks' targets; completion chart
重点<chains>       the industries' targets and each chain's own targets
<group>完成情况     any other group, one table
预警与问题          every red and yellow item with the numbers that triggered it
下一步工作建议       plain consequences of the findings (required growth, remaining amounts)

docs/bulletin.md says where every number comes from.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from planwatch.assess.classify import warning_for
from planwatch.assess.rank_results import RankingResult
from planwatch.assess.results import Assessment
from planwatch.assess.thresholds import ThresholdsFile, load_thresholds
from planwatch.domain.enums import GroupRole, Status
from planwatch.domain.observations import ObservationTable
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan
from planwatch.plan.presentation import view
from planwatch.report import formatting as f
from planwatch.report.document import BulletinContext, Section
from planwatch.report.facts import (
    AnnualEstimate,
    Facts,
    RankingInput,
    RankingRow,
    RankingSummary,
)
from planwatch.report.sections.chains import chains_section
from planwatch.report.sections.findings import advice_section, warnings_section
from planwatch.report.sections.indicators import indicators_section
from planwatch.report.sections.overview import overview_section
from planwatch.report.sections.places import counties_section, group_table, parks_section

__all__ = ["AnnualEstimate", "RankingRow", "RankingSummary", "build_context"]


METHOD_NOTE = (
    "完成进度：水平值和比重目标为（本期值−基期值）÷（目标值−基期值），五年累计目标为规划期累计完成值÷五年目标；"
    "时序进度：规划期（{start}年1月起共{months}个月）至最新数据所属时期末已过月数所占比重（线性）；"
    "超/低于时序进度＝完成进度−时序进度，单位为百分点。"
)
OPENING = "现将有关情况通报如下："
NUMERALS = "一二三四五六七八九十"
SYNTHETIC_NOTICE = "本通报所用数据为合成演示数据（synthetic demo data），非真实统计，仅用于演示，不得引用。"


# -- the builder -------------------------------------------------------------------------------
def build_context(
    plan: Plan,
    assessments: Sequence[Assessment],
    as_of: Period | str,
    *,
    ranking: RankingInput | None = None,
    observations: ObservationTable | None = None,
    synthetic: bool | None = None,
    issued: date | None = None,
) -> BulletinContext:
    """The bulletin for ``as_of`` from the engine's assessments.

    ``ranking`` is the county ranking (``planwatch.assess.rank`` result, or rows);
    ``observations`` (optional) adds the yearly values after the base year to the trend chart;
    ``synthetic`` forces the demo-data notice on (None: on when any assessment or the ranking used
    synthetic data).
    """
    period = Period.parse(as_of)
    facts = Facts(plan, list(assessments), period)
    summary = _summary(ranking)
    is_synthetic = synthetic
    if is_synthetic is None:
        is_synthetic = any(a.synthetic for a in assessments) or (isinstance(ranking, RankingResult) and ranking.synthetic)
    label = period.label_zh
    pres = view(plan)
    others = [
        Section(f"group_{g.id}", f"{g.title}完成情况", tuple(group_table(facts, g)))
        for g in pres.groups
        if g.role is GroupRole.OTHER
    ]
    found = (
        overview_section(facts),
        indicators_section(facts, observations),
        counties_section(facts, summary),
        parks_section(facts),
        chains_section(facts),
        *others,
        warnings_section(facts),
        advice_section(facts),
    )
    sections = _numbered([s for s in found if s is not None])
    frame = pres.frame
    main_title = pres.main.title if pres.main is not None else "主要指标"
    return BulletinContext(
        title=f"{plan.meta.name}{main_title}完成情况通报（{label}）",
        plan_id=plan.meta.id,
        plan_name=plan.meta.name,
        as_of=period,
        period_label=label,
        synthetic=is_synthetic,
        notice=SYNTHETIC_NOTICE if is_synthetic else None,
        sections=sections,
        footnotes=_footnotes(facts, is_synthetic),
        issued=issued,
        status_counts=facts.status_counts(),
        warning_counts=facts.warning_counts(),
        issuer=frame.issuer,
        doc_number=frame.doc_number(period),
        recipients=frame.recipients,
        opening=pres.basis_sentence() + OPENING,
        cc=frame.cc,
    )


def _numbered(sections: Sequence[Section]) -> tuple[Section, ...]:
    """一、二、三… in order (sections a plan has nothing for are left out, so the numbers close up)."""
    return tuple(replace(s, heading=f"{_numeral(i + 1)}、{s.heading}") for i, s in enumerate(sections))


def _numeral(n: int) -> str:
    if n <= 10:
        return NUMERALS[n - 1]
    return ("" if n < 20 else NUMERALS[n // 10 - 1]) + "十" + (NUMERALS[n % 10 - 1] if n % 10 else "")


def _summary(ranking: RankingInput | None) -> RankingSummary | None:
    if ranking is None:
        return None
    if isinstance(ranking, RankingSummary):
        return ranking if ranking.rows else None
    if isinstance(ranking, RankingResult):
        return RankingSummary.from_result(ranking) if ranking.units else None
    rows = tuple(ranking)
    return RankingSummary(rows) if rows else None



# -- 注 ----------------------------------------------------------------------------------------
def _footnotes(facts: Facts, synthetic: bool) -> tuple[str, ...]:
    meta = facts.plan.meta
    issued = f"（{meta.issuer}{_date_zh(meta.issued)}印发）" if meta.issuer else ""
    cites = "、".join(sorted(g.cite for g in view(facts.plan).groups if g.cite))
    notes = [f"目标值出自《{meta.name}》{issued}{cites + '及' if cites else ''}正文，每项目标均注明其在规划中的出处。"]
    sources = list(dict.fromkeys(s for a in facts.assessments for s in a.sources if s))
    if sources:
        shown = "；".join(sources[:6]) + ("等" if len(sources) > 6 else "")
        notes.append(f"本期数据来源：{shown}。")
    months = (meta.end_year - meta.start_year + 1) * 12
    notes.append(METHOD_NOTE.format(start=meta.start_year, months=months))
    notes.append(colour_rule(facts))
    if synthetic:
        notes.append(SYNTHETIC_NOTICE)
    return tuple(notes)


def _date_zh(iso: str) -> str:
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", iso)
    if not m:
        return iso
    return f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日"


# -- the colouring rule, from assess/thresholds.yaml (docs/methodology.md §4) ------------------
def colour_rule(facts: Facts, settings: ThresholdsFile | None = None) -> str:
    """How a row gets its status and light, from the thresholds the engine used: a reader can
    reproduce every colour from the 进展比值 of the warnings table. Only statuses and rules that
    occur in this bulletin are explained."""
    settings = settings if settings is not None else load_thresholds()
    names = {str(a.inputs.get("profile")) for a in facts.assessments if a.inputs.get("profile")}
    profile = settings.profile(next(iter(names)) if len(names) == 1 else None)
    method = profile.with_target
    th = method.thresholds.as_dict()
    present = {a.status for a in facts.assessments}
    rules = {str(a.inputs.get("status_rule")) for a in facts.assessments}
    parts: list[str] = []
    upper: float | None = None
    for band in method.bands:
        bound, inclusive = band.bound(th)
        status = band.status
        if status in present:
            light = warning_for(status).label_zh
            if bound is None:
                where = f"小于{f.pct(upper)}" if upper is not None else "其余"
            elif upper is None:
                where = f"{'不低于' if inclusive else '高于'}{f.pct(bound)}"
            else:
                where = f"{f.pct(bound)}至{f.pct(upper)}"
            parts.append(f"{where}为{status.label_zh}（{light}）")
        upper = bound if bound is not None else upper
    text = (
        "状态和亮灯按进展比值判定，不按完成进度：进展比值＝基期以来实际年均增速÷按基期至目标值所需的年均增速"
        "（五年累计、每年数量和年均增速目标为实际完成÷按时序应完成），见预警清单“进展比值”栏；"
        + "，".join(parts)
    )
    r = settings.engine.ratio_thresholds
    if (r.high, r.med, r.low) != (method.thresholds.high, method.thresholds.med, method.thresholds.low):
        text += f"（累计和增速目标的界限为{f.pct(r.high)}、{f.pct(r.med)}、{f.pct(r.low)}）"
    extra = []
    if Status.ACHIEVED in present:
        extra.append("已达到目标为已实现（绿灯）")
    if Status.EXPECTED in present:
        extra.append("年中流量指标按季节规律推算的全年值已达到目标为预计实现（绿灯），全年数据发布后据实判断")
    if "barometer" in rules or any("barometer" in a.inputs for a in facts.assessments):
        short = settings.engine.ndrc_yellow_shortfall
        extra.append(
            f"每年下降目标按晴雨表规则判定：最新年度降幅达到目标为绿灯，低于目标不超过目标的{f.pct(short)}为黄灯，其余为红灯"
        )
    if "projection" in rules:
        extra.append(
            f"按趋势外推实现目标的概率低于{f.pct(settings.engine.green_min_probability)}的，不判绿灯，调为需加快"
        )
    if "disputed" in rules:
        extra.append("规划有两种写法的目标按两种写法分别评估，取较低者且不判绿灯")
    if extra:
        text += "；" + "；".join(extra)
    return text + "。同一目标在本通报各表、各图和汇总中状态相同。"
