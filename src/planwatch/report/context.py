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

from planwatch.assess.rank_results import RankingResult
from planwatch.assess.results import Assessment
from planwatch.domain.enums import GroupRole
from planwatch.domain.observations import ObservationTable
from planwatch.domain.periods import Period
from planwatch.plan.load import Plan
from planwatch.plan.presentation import view
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
    "时序进度：规划期（{start}年1月起共{months}个月）至最新数据所属时期末已过月数所占比重（线性），"
    "标“※”者按该指标以往年份同期累计值占全年的比重折算（季节）；"
    "超/低于时序进度＝完成进度−时序进度，单位为百分点。"
    "状态按年均增速比值法（实际年均增速÷实现目标所需年均增速）判定，默认阈值为：比值不低于95%为进展顺利，"
    "60%—95%为需加快，0—60%为进展有限，小于0为倒退，已达到目标为已实现；"
    "已实现、进展顺利亮绿灯，需加快亮黄灯，进展有限、倒退亮红灯。"
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
    if synthetic:
        notes.append(SYNTHETIC_NOTICE)
    return tuple(notes)


def _date_zh(iso: str) -> str:
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})$", iso)
    if not m:
        return iso
    return f"{int(m.group(1))}年{int(m.group(2))}月{int(m.group(3))}日"
