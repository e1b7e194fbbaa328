"""The plan file schema (pydantic). Every field is documented in docs/plan-file.md.

A plan holds its scopes (places, parks, industries and groups of them), its indicators, its
targets, and the plan's own history as observations. Numbers are kept exactly as the source writes
them; ``planwatch lint`` reports where they disagree.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from planwatch.domain.enums import Comparator, Direction, Measure, Nature, ScopeKind, TargetKind
from planwatch.domain.periods import Period, PeriodError

ID_PATTERN = r"^[a-z][a-z0-9_]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, min_length=1, max_length=64)]
Year = Annotated[int, Field(ge=1949, le=2100)]


def _number_as_text(value: object) -> object:
    # `text: 1000` in YAML is a number; the field keeps what was written, so accept it as text.
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    return value


Text = Annotated[str, BeforeValidator(_number_as_text)]


class RuleError(ValueError):
    """A cross-field rule of the schema; ``code`` names its message in planwatch.messages."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_enum_values=False)


class Scope(_Model):
    """A place, park, industry, or a named group of them, for which targets are set."""

    id: Id = Field(description="Stable ascii id (lower case, digits, underscore).")
    name: str = Field(min_length=1, description="Chinese name exactly as the plan writes it.")
    name_en: str = Field(default="", description="English name.")
    kind: ScopeKind = Field(description="province, prefecture, county, zone, park, industry, subindustry, group.")
    parent: Id | None = Field(default=None, description="Where it sits: a county's prefecture, a park's county.")
    members: list[Id] = Field(
        default_factory=list,
        description="The parts whose values add up to this scope (a complete partition), for totals checks.",
    )
    subset_of: Id | None = Field(
        default=None,
        description="For a group: the scope whose value the members' values are part of (cannot exceed).",
    )
    subset_indicator: Id | None = Field(
        default=None,
        description="For a group with subset_of: the whole's indicator when it differs from the members'.",
    )
    aliases: list[str] = Field(default_factory=list, description="Other names the plan or users write.")
    area_code: str = Field(
        default="",
        pattern=r"^(\d{6})?$",
        description="GB/T 2260 行政区划代码 (6 digits) of a place; checks the area part of enterprises' 统一社会信用代码.",
    )
    source: str = Field(default="", description="Where the plan names this scope.")

    @model_validator(mode="after")
    def _group_has_members(self) -> Self:
        if self.kind is ScopeKind.GROUP and not self.members:
            raise RuleError("PLAN_RULE_GROUP_MEMBERS")
        return self


class Formula(_Model):
    """A derived indicator: numerator / denominator × factor (DHIS2-style indicator definition)."""

    numerator: Id = Field(description="Indicator id of the numerator.")
    denominator: Id = Field(description="Indicator id of the denominator.")
    factor: float = Field(default=100.0, description="Multiplier, 100 for a percentage.")


class Indicator(_Model):
    """What is measured, independent of where (one indicator serves the prefecture, counties and parks)."""

    id: Id = Field(description="Stable ascii id.")
    name: str = Field(min_length=1, description="Chinese name as the plan writes it.")
    name_en: str = Field(default="", description="English name.")
    unit: str = Field(description="Unit of every value of this indicator: 亿元, 万元, %, 家, 个, 万户 …")
    direction: Direction = Field(default=Direction.UP, description="up: higher is better; down: lower is better.")
    temporal: Literal["flow", "stock", "ratio"] = Field(
        default="stock",
        description="flow: sums over months (output, investment); stock: value at period end (counts); "
        "ratio: a share or rate of the period.",
    )
    aggregation: Literal["sum", "none"] = Field(
        default="none", description="sum: members' values add up to their whole (counts, output); none: shares."
    )
    category: str = Field(default="", description="The plan's category of the indicator (工业总量, 质量效益, …) or its section.")
    formula: Formula | None = Field(default=None, description="How a derived indicator is computed.")
    parts: list[Id] = Field(
        default_factory=list,
        description="Indicators whose values add up to this one (上云 + 上平台 = 上云上平台), for totals checks.",
    )
    flow_of: Id | None = Field(
        default=None,
        description="For a flow that counts additions to a stock (新增入规 → 规模工业企业数): the stock's id.",
    )
    limit: float | None = Field(
        default=None, description="Natural limit (100 for a share that cannot exceed 100%), for the CAGR method."
    )
    rate_sense: Literal["growth", "decline"] = Field(
        default="growth",
        description="For a rate in %: whether a positive value means growth or decline (能耗下降幅度 2 = 2% lower).",
    )
    definition: str = Field(default="", description="What exactly is counted (口径).")
    aliases: list[str] = Field(default_factory=list, description="Other names, used when importing by name.")
    source: str = Field(default="", description="Where the plan defines or first uses it.")


class Baseline(_Model):
    """The starting point as the plan states it."""

    year: Year = Field(description="Year of the baseline (2020), or the last year of a cumulative span.")
    value: float = Field(description="The number as written.")
    span: tuple[Year, Year] | None = Field(
        default=None, description="For a cumulative baseline ([264]): first and last year it covers."
    )
    text: Text = Field(default="", description="The cell or phrase exactly as written, e.g. '12.6（不含烟）'.")


class TargetValue(_Model):
    """What to reach."""

    year: Year = Field(description="Target year (2025; 2035 for the long-range statements).")
    value: float = Field(description="The number as written (the lower bound of a range).")
    high: float | None = Field(default=None, description="Upper bound of a range such as 3-5家.")
    comparator: Comparator = Field(
        default=Comparator.REACH, description="reach, at_least (以上/突破), at_most, about (左右), between."
    )
    text: Text = Field(default="", description="The cell or phrase exactly as written.")

    @model_validator(mode="after")
    def _range(self) -> Self:
        if self.comparator is Comparator.BETWEEN:
            if self.high is None or self.high < self.value:
                raise RuleError("PLAN_RULE_RANGE")
        elif self.high is not None:
            raise RuleError("PLAN_RULE_HIGH_ONLY_BETWEEN")
        return self


class StatedChange(_Model):
    """A growth or change the plan states next to the numbers (checked by lint, not used to judge)."""

    value: float = Field(description="The number as written.")
    unit: Literal["%/yr", "pp", "%", "abs"] = Field(
        description="%/yr: average yearly growth; pp: change in 百分点; %: total change; abs: absolute change."
    )
    comparator: Comparator = Field(default=Comparator.REACH, description="at_least for '10以上'.")
    text: Text = Field(default="", description="As written, e.g. '[9.3]', '10以上'.")


class Disputed(_Model):
    """The other reading of a target the plan writes two ways (a baseline or a target stated
    differently in a table and in the text). The target's own fields hold the reading the plan's
    arithmetic supports and it is judged on that; this one is shown beside it (docs/methodology.md §4)."""

    field: Literal["baseline", "target"] = Field(description="Which number is written two ways.")
    value: float = Field(description="The other reading's number.")
    source: str = Field(min_length=1, description="Where the plan writes the other reading (a table row or a section).")
    text: Text = Field(default="", description="The other reading as written.")
    reason: str = Field(
        default="", description="Why the target's own reading is the one the plan's arithmetic supports (short)."
    )


class YearlyRate(_Model):
    """A rate or amount to deliver every year (能耗每年下降2%; 每年打造10个左右5G示范应用场景)."""

    per_year: float = Field(description="Required every year, in the indicator's unit (2 for 每年下降2%).")
    comparator: Comparator = Field(default=Comparator.REACH, description="about for '10个左右'.")


class CompareTo(_Model):
    """The series a relative target is judged against."""

    scope: Id | None = Field(default=None, description="Comparison scope (湖南省 for 与省级同步).")
    indicator: Id | None = Field(default=None, description="Comparison indicator; defaults to the target's.")
    lag_years: int = Field(default=0, ge=0, description="1 for 'not below the same period last year'.")
    measure: Measure = Field(default=Measure.LEVEL, description="Which measure is compared (level or growth).")


class Target(_Model):
    """One quantitative target for one scope."""

    id: Id = Field(description="Stable ascii id, unique in the plan.")
    indicator: Id = Field(description="Indicator id.")
    scope: Id = Field(description="Scope id.")
    kind: TargetKind = Field(description="level, cumulative, yearly_rate, share, relative, growth (年均增长 x%).")
    nature: Nature = Field(default=Nature.DEVELOPMENTAL, description="developmental (发展性) or binding (约束性).")
    direction: Direction | None = Field(default=None, description="Overrides the indicator's direction.")
    baseline: Baseline | None = Field(default=None, description="Starting point, where the plan gives one.")
    target: TargetValue | None = Field(default=None, description="What to reach; absent only for relative targets.")
    span: tuple[Year, Year] | None = Field(
        default=None, description="First and last year a cumulative or yearly-rate target covers (2021, 2025)."
    )
    unit_text: Text = Field(
        default="", description="The unit as the plan's table writes it, when it differs from the indicator's."
    )
    baseline_growth: StatedChange | None = Field(
        default=None, description="Growth over the previous plan period stated with the baseline ('164.3/5.2%')."
    )
    stated_growth: StatedChange | None = Field(default=None, description="Growth the plan states (lint checks it).")
    stated_change: StatedChange | None = Field(
        default=None, description="Change the plan states, e.g. [9.3] 百分点 or [15] (lint checks it)."
    )
    yearly_rate: YearlyRate | None = Field(default=None, description="For kind yearly_rate.")
    compare_to: CompareTo | None = Field(default=None, description="For kind relative.")
    growth_of: Id | None = Field(
        default=None,
        description="For kind growth: the level target whose baseline → target path this growth states "
        "(a stated 年均增长15% beside 164.3 → 320); lint checks the two against each other.",
    )
    chain: Id | None = Field(default=None, description="The industry chain (链长制) the target belongs to.")
    assessed: bool = Field(default=True, description="false for statements tracked but not scored (2035).")
    source: str = Field(min_length=1, description="Where in the plan: a table and row, or a section ('四（四）3（1）').")
    quote: str = Field(default="", description="The plan's own words, short.")
    note: str = Field(default="", description="Anything a reader must know (readings, caveats).")
    disputed: Disputed | None = Field(
        default=None,
        description="The other reading where the plan contradicts itself on this target (lint finds these); "
        "the row names both, and a green status is lowered to 需加快 until the reading is checked.",
    )

    @model_validator(mode="after")
    def _kind_rules(self) -> Self:
        kind = self.kind
        if kind is TargetKind.RELATIVE:
            if self.compare_to is None:
                raise RuleError("PLAN_RULE_RELATIVE_COMPARE")
        elif self.target is None:
            raise RuleError("PLAN_RULE_TARGET_VALUE", kind=kind.value)
        if kind in (TargetKind.CUMULATIVE, TargetKind.YEARLY_RATE) and self.span is None:
            raise RuleError("PLAN_RULE_SPAN", kind=kind.value)
        if kind is TargetKind.YEARLY_RATE and self.yearly_rate is None:
            raise RuleError("PLAN_RULE_YEARLY_RATE")
        if self.growth_of is not None and kind is not TargetKind.GROWTH:
            raise RuleError("PLAN_RULE_GROWTH_OF", kind=kind.value)
        if self.span is not None and self.span[0] > self.span[1]:
            raise RuleError("PLAN_RULE_SPAN_ORDER")
        if (
            self.baseline is not None
            and self.target is not None
            and self.baseline.year >= self.target.year
            and not (kind is TargetKind.CUMULATIVE and self.baseline.span is not None)
        ):
            raise RuleError("PLAN_RULE_BASELINE_YEAR")
        return self


class HistoryRow(_Model):
    """An observation the plan itself reports (2015–2020), shipped with its source."""

    indicator: Id = Field(description="Indicator id.")
    scope: Id = Field(description="Scope id.")
    period: str = Field(description="2020, 2020Q4, 2020-12, or a span '2016-2020' for a five-year total.")
    value: float = Field(description="The number as written.")
    measure: Measure = Field(default=Measure.LEVEL, description="level, ytd, growth or ytd_growth.")
    source: str = Field(min_length=1, description="Where in the plan.")
    note: str = Field(default="", description="Caveats.")

    @model_validator(mode="after")
    def _period(self) -> Self:
        if _SPAN.match(self.period):
            return self
        try:
            Period.parse(self.period)
        except PeriodError:
            raise RuleError("PLAN_RULE_PERIOD", period=self.period) from None
        return self


_SPAN = re.compile(r"^(\d{4})-(\d{4})$")


class PlanMeta(_Model):
    """What the plan is."""

    id: Id = Field(description="Plan id, also a bundled plan's file name.")
    name: str = Field(description="Full Chinese title.")
    name_en: str = Field(default="", description="English title.")
    issuer: str = Field(default="", description="Who issued it.")
    issued: str = Field(default="", description="Date issued (YYYY-MM-DD).")
    base_year: Year = Field(description="Baseline year of the plan (2020).")
    start_year: Year = Field(description="First year of the plan (2021).")
    end_year: Year = Field(description="Last year of the plan (2025).")
    document: str = Field(default="", description="Where the full text lives.")
    region: Id = Field(description="The scope id of the plan's own area (the prefecture).")
    chain_file: str = Field(
        default="",
        description="The chain file (链长制, docs/chains.md) beside the plan file; empty: the plan keeps none.",
    )
    microdata_file: str = Field(
        default="",
        description="The microdata mapping (docs/microdata.md) beside the plan file: which indicators "
        "enterprise records give, by which rule; empty: `aggregate` has no mapping for the plan.",
    )

    @model_validator(mode="after")
    def _years(self) -> Self:
        if not self.base_year < self.start_year <= self.end_year:
            raise RuleError("PLAN_RULE_YEARS")
        return self



# -- presentation: how the bulletin, cockpit and ranking show this plan (plan/presentation.py) ---
class TargetGroup(_Model):
    """A group of targets the bulletin and cockpit show together (a table of the plan, a section)."""

    id: Id = Field(description="Stable ascii id of the group.")
    title: str = Field(min_length=1, description="Title as the bulletin prints it (主要指标).")
    title_en: str = Field(default="", description="English title, for English web pages (Main indicators).")
    order: int = Field(default=0, description="Position among the groups (smaller first).")
    cite: str = Field(default="", description="The plan's own name for it (its table number), cited as 《规划》表N; empty when none.")
    source: str = Field(
        default="", description="Takes the targets whose first source reference starts with this (a table's name)."
    )
    targets: list[Id] = Field(default_factory=list, description="Or takes these target ids, in this order.")
    scopes: list[Id] = Field(default_factory=list, description="Only targets of these scopes (empty: any).")

    @model_validator(mode="after")
    def _selects(self) -> Self:
        if not self.source and not self.targets:
            raise RuleError("PLAN_RULE_GROUP_SELECT", group=self.id)
        return self


class RankingDecl(_Model):
    """A 考核 ranking the plan sets: which units, and the file with its indicators, weights and 达标 rule."""

    level: Id = Field(description="Name of the ranking, as `planwatch rank --level` takes it (county, park).")
    title: str = Field(min_length=1, description="Title of the ranking table (县市区考核综合排名).")
    unit_kinds: list[ScopeKind] = Field(min_length=1, description="Scope kinds of the ranked units (county, zone).")
    unit_word: str = Field(default="", description="What a ranked unit is called in the table heading (县市区).")
    weights: str = Field(
        min_length=1,
        description="The ranking configuration file (indicators, weights, cap, 达标 rule; docs/ranking.md), "
        "relative to the plan file.",
    )


class LevelWords(_Model):
    """The words the text uses for the plan's levels; empty ones take a default from the scope kinds."""

    region: str = Field(default="", description="One character for the plan's own area: 州, 市, 省, 县, 区 (全州, 州级).")
    units: str = Field(default="", description="The county-level units below it: 县市区, 区县, 县市.")
    parks: str = Field(default="", description="The parks: 园区, 省级产业园区.")
    chains: str = Field(default="", description="The industries: 产业链, 产业集群.")


class BulletinFrame(_Model):
    """The official-document frame of the bulletin (文号, 发文机关, 主送, basis sentence)."""

    issuer: str = Field(default="", description="发文机关 and 落款 (the issuing office); empty: the plan's issuer.")
    issuer_short: str = Field(default="", description="Short name of the issuer, for the web login (州工信局).")
    issuer_en: str = Field(default="", description="The issuer in English, for English web pages.")
    number: str = Field(
        default="",
        description="文号 pattern: {year} the bulletin's year, {no} its number in the year (the quarter, or the "
        "month); empty: no 文号.",
    )
    recipients: str = Field(default="", description="主送, ending with a full-width colon (各县市区人民政府：).")
    basis: str = Field(
        default="",
        description="The basis sentence before 现将有关情况通报如下：; {plan} stands for the plan's title in 《》.",
    )
    cc: str = Field(default="", description="抄送 line at the end; empty: none.")


class Presentation(_Model):
    """How the plan is presented (docs/plan-file.md §presentation); every part has a default."""

    groups: list[TargetGroup] = Field(default_factory=list, description="Groups of targets, each a table.")
    main_group: Id | None = Field(default=None, description="The group that is the main table (主要指标).")
    headline: list[Id] = Field(default_factory=list, description="Indicators of the region whose progress opens the bulletin.")
    trend: Id | None = Field(default=None, description="The region's indicator drawn as the trend chart.")
    rankings: list[RankingDecl] = Field(default_factory=list, description="The 考核 rankings the plan sets.")
    words: LevelWords = Field(default_factory=LevelWords, description="Words for the plan's levels.")
    bulletin: BulletinFrame = Field(default_factory=BulletinFrame, description="The bulletin's document frame.")


class PlanFile(_Model):
    """A whole plan file."""

    plan: PlanMeta = Field(description="What the plan is.")
    scopes: list[Scope] = Field(description="Places, parks, industries and groups.")
    indicators: list[Indicator] = Field(description="What is measured.")
    targets: list[Target] = Field(description="The quantitative targets.")
    history: list[HistoryRow] = Field(default_factory=list, description="The plan's own reported figures.")
    presentation: Presentation = Field(
        default_factory=lambda: Presentation(), description="How the plan is presented (groups, words, ranking, frame)."
    )
