"""Which of a plan's indicators enterprise records give, and by which rule: the plan's microdata file.

A plan names the file in ``microdata_file`` (beside the plan file). Each entry maps one indicator of
the plan to a rule of a small vocabulary (docs/microdata.md §映射文件 lists every field):

    sum              Σ a column of the records (optionally only 规模以上, only one flag, only in parks):
                     当月, 1—N月累计, years; 同比 and 累计同比 on the same enterprises (同口径), at
                     comparable prices when ``price: comparable`` and the files give a deflator
    count            enterprises at the month (规上, or flagged 高新技术); years: the year's set
    new_flag         enterprises whose flag (上云, 上平台) turns to 是 that month
    new_scale        新增入规: enterprises that entered the scale set this year
    output_at_least  enterprises whose gross output of the year is at least ``threshold`` 万元
    ratio            one entry's sum ÷ another's × ``multiply`` (optionally 100 minus it)
    intensity_decline (1 − (A₁÷B₁) ÷ (A₀÷B₀)) × 100 on the same enterprises
    total            the sum of other entries' values of the same scope, period and measure

The file is read with ``planwatch.yamlfile.load_definition`` (located errors in Chinese); every
indicator and every entry an entry names is checked against the plan.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from planwatch.domain.enums import ScopeKind, Severity
from planwatch.domain.problems import Location, Problem, ProblemsError
from planwatch.ingest.microdata.indicators import Flow, Ratio
from planwatch.ingest.microdata.records import NUMBER_COLUMNS
from planwatch.plan.load import Plan
from planwatch.plan.schema import Id
from planwatch.yamlfile import load_definition

# canonical column → its name in the records view (planwatch.ingest.microdata.records)
SUM_COLUMNS = {"value_added": "va", **NUMBER_COLUMNS}
WHERE_FLAGS = {"hitech": "hitech", "sei": "sei", "manufacturing": "mfg", "mining": "mining",
               "private": "private", "tobacco": "tobacco", "cloud": "cloud", "platform": "platform"}
NEW_FLAGS = ("cloud", "platform")  # enterprise_year finds the month each turns to 是
COUNT_YEARLY = {"scale": "scale_n", "hitech": "hitech_n"}  # the year's count a count rule writes

Where = Literal["hitech", "sei", "manufacturing", "mining", "private", "tobacco", "cloud", "platform",
                "not hitech", "not sei", "not manufacturing", "not mining", "not private", "not tobacco"]


class Rule(StrEnum):
    SUM = "sum"
    COUNT = "count"
    NEW_FLAG = "new_flag"
    NEW_SCALE = "new_scale"
    OUTPUT_AT_LEAST = "output_at_least"
    RATIO = "ratio"
    INTENSITY_DECLINE = "intensity_decline"
    TOTAL = "total"


def _invalid(text: str) -> PydanticCustomError:
    """A rule between fields, its Chinese words shown as they are (planwatch.yamlfile.pydantic_detail)."""
    return PydanticCustomError("micromap_rule", text)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Entry(_Model):
    """One indicator of the plan and how the records give it."""

    indicator: Id = Field(description="The plan's indicator id written.")
    rule: Rule = Field(description="sum, count, new_flag, new_scale, output_at_least, ratio, "
                                   "intensity_decline or total.")
    source: str = Field(min_length=1, description="Where the plan or the statistical rule defines it.")
    column: str | None = Field(default=None, description="sum: the column summed (canonical key).")
    where: Where | None = Field(default=None, description="sum, count: only records with this flag "
                                                          "(\"not tobacco\": without it).")
    flag: Literal["cloud", "platform"] | None = Field(default=None, description="new_flag: the flag.")
    scale: bool = Field(default=False, description="sum, count: only enterprises in the year's scale set.")
    park_only: bool = Field(default=False, description="sum: only records of enterprises in a park.")
    price: Literal["comparable", "current", "physical"] = Field(
        default="current", description="sum: comparable (growth ÷ deflator when given), current or physical.")
    multiply: float | None = Field(default=None, description="sum: × this (default 0.0001: 万元 → 亿元, "
                                                             "吨 → 万吨); ratio: × this (default 100).")
    growth: bool = Field(default=True, description="sum: write 同比 and 累计同比.")
    write: bool = Field(default=True, description="false: an input of other entries only, not written.")
    numerator: Id | None = Field(default=None, description="ratio, intensity_decline: the entry on top.")
    denominator: Id | None = Field(default=None, description="ratio, intensity_decline: the entry below.")
    complement: bool = Field(default=False, description="ratio: write 100 minus the ratio.")
    what: str = Field(default="", description="intensity_decline: the words of its note (A÷B).")
    threshold: float | None = Field(default=None, description="output_at_least: 万元 of the year's gross output.")
    parts: list[Id] = Field(default_factory=list, description="total: the entries added.")
    kinds: list[ScopeKind] = Field(default_factory=list, description="Only scopes of these kinds (empty: all).")
    except_kinds: list[ScopeKind] = Field(default_factory=list, description="Never at scopes of these kinds.")
    industry_indicator: Id | None = Field(
        default=None, description="At industries and groups of industries, write this indicator id instead.")

    @model_validator(mode="after")
    def _fields_of_rule(self) -> Self:
        need: dict[Rule, tuple[str, ...]] = {
            Rule.SUM: ("column",), Rule.NEW_FLAG: ("flag",), Rule.OUTPUT_AT_LEAST: ("threshold",),
            Rule.RATIO: ("numerator", "denominator"), Rule.INTENSITY_DECLINE: ("numerator", "denominator"),
        }
        if self.column is not None and self.column not in SUM_COLUMNS:
            raise _invalid(f"column 应为以下之一：{'、'.join(SUM_COLUMNS)}")
        for name in need.get(self.rule, ()):
            if getattr(self, name) is None:
                raise _invalid(f"规则 {self.rule.value} 需要字段 {name}")
        if self.rule is Rule.TOTAL and len(self.parts) < 2:
            raise _invalid("规则 total 需要 parts 列出至少两个条目")
        if self.rule is Rule.COUNT and self.where not in (None, "hitech"):
            raise _invalid("规则 count 只能计数规上企业（scale: true）或高新技术企业（where: hitech）")
        if self.rule is Rule.COUNT and (self.where is None) != self.scale:
            raise _invalid("规则 count 需要 scale: true（规上企业数）或 where: hitech（高新技术企业数），二选一")
        return self


class MicrodataMapping(_Model):
    """A plan's microdata file: the indicators enterprise records give it."""

    plan: Id = Field(description="The plan id this mapping is for.")
    indicators: list[Entry] = Field(min_length=1, description="One entry per indicator written or used.")


def mapping_path(plan: Plan) -> Path | None:
    return plan.beside(plan.meta.microdata_file or "")


def load_mapping(plan: Plan, path: Path | None = None) -> MicrodataMapping:
    """The plan's mapping; ``ProblemsError`` when the plan names none or the file is wrong."""
    path = path or mapping_path(plan)
    if path is None:
        raise ProblemsError([Problem("MICRO_NO_MAPPING", Severity.ERROR, Location(), {"plan": plan.meta.id})])
    mapping = load_definition(path, MicrodataMapping, "MICROMAP")
    problems = check_mapping(mapping, plan, path.name)
    if problems:
        raise ProblemsError(problems)
    return mapping


def check_mapping(mapping: MicrodataMapping, plan: Plan, file: str) -> list[Problem]:
    out: list[Problem] = []
    ids = [e.indicator for e in mapping.indicators]
    if mapping.plan != plan.meta.id:
        out.append(Problem("MICROMAP_PLAN", Severity.ERROR, Location(file=file, path="plan"),
                           {"found": mapping.plan, "plan": plan.meta.id}))
    for i, e in enumerate(mapping.indicators):
        where = f"indicators[{i}]"
        if ids.count(e.indicator) > 1:
            out.append(Problem("MICROMAP_DUPLICATE", Severity.ERROR, Location(file=file, path=where),
                               {"indicator": e.indicator}))
        for field, value in (("indicator", e.indicator), ("industry_indicator", e.industry_indicator)):
            if value is not None and e.write and value not in plan.indicators:
                out.append(Problem("MICROMAP_INDICATOR", Severity.ERROR,
                                   Location(file=file, path=f"{where}.{field}"), {"indicator": value}))
        refs = [("numerator", e.numerator), ("denominator", e.denominator)]
        refs += [(f"parts[{j}]", p) for j, p in enumerate(e.parts)]
        for field, ref in refs:
            target = next((x for x in mapping.indicators if x.indicator == ref), None)
            if ref is not None and (target is None or target.rule is not (Rule.SUM if field in
                                    ("numerator", "denominator") else target.rule)):
                out.append(Problem("MICROMAP_REFERENCE", Severity.ERROR, Location(file=file, path=f"{where}.{field}"),
                                   {"ref": ref}))
    return out


# -- the mapping as the aggregation's inputs ---------------------------------------------------------
def base_name(e: Entry, *, comparable: bool = False) -> str:
    """The name of the aggregate over records that an entry sums (planwatch.ingest.microdata.cell_sums)."""
    if e.rule is Rule.NEW_FLAG:
        return f"new_{e.flag}"
    head = f"s_{e.column}" if e.rule is Rule.SUM else "n"
    if e.where:
        head += "__" + e.where.replace(" ", "_")
    return head + ("_c" if comparable else "")


def base_sql(name: str) -> str:
    """The SQL aggregate of a base name made by ``base_name`` (over records r joined to ey3 e)."""
    if name.startswith("new_"):
        return f"count(*) FILTER (WHERE r.ym = e.{name[4:]}_new_ym)"
    head, _, cond = name.removesuffix("_c").partition("__")
    if head == "n":
        agg = "count(*)"
    else:
        column = SUM_COLUMNS[head[2:]]
        agg = f"sum(r.{column} / r.defl)" if name.endswith("_c") else f"sum(r.{column})"
    if cond:
        negate, flag = cond.startswith("not_"), WHERE_FLAGS[cond.removeprefix("not_")]
        agg += f" FILTER (WHERE {'NOT ' if negate else ''}r.{flag})"
    return agg


def _needs(e: Entry) -> frozenset[str]:
    keys: set[str] = set()
    if e.column:
        keys.add("output" if e.column == "value_added" else e.column)  # 增加值 may come from 总产值 × 增加值率
    if e.where and not e.where.startswith("not "):
        keys.add(e.where)
    if e.flag:
        keys.add(e.flag)
    if e.park_only:
        keys.add("park")
    return frozenset(keys)


def flow_of(e: Entry) -> Flow:
    if e.rule is Rule.SUM:
        return Flow(e.indicator, base_name(e), base_name(e, comparable=True) if e.price == "comparable" else None,
                    e.scale, _needs(e), factor=1e-4 if e.multiply is None else e.multiply, growth=e.growth,
                    park_only=e.park_only, emit=e.write, price=e.price)
    if e.rule is Rule.COUNT:
        return Flow(e.indicator, base_name(e), None, e.scale, _needs(e), factor=1.0, kind="stock",
                    growth=False, emit=e.write, price="count")
    assert e.rule is Rule.NEW_FLAG
    return Flow(e.indicator, base_name(e), None, False, _needs(e), factor=1.0, growth=False, emit=e.write,
                price="count")


MONTHLY_RULES = (Rule.SUM, Rule.COUNT, Rule.NEW_FLAG)


def available_flows(mapping: MicrodataMapping, present: set[str]) -> list[Flow]:
    """The flows whose columns at least one file gives."""
    flows = [flow_of(e) for e in mapping.indicators if e.rule in MONTHLY_RULES]
    return [f for f in flows if f.needs <= present]


def ratios(mapping: MicrodataMapping) -> list[Ratio]:
    return [Ratio(e.indicator, e.numerator or "", e.denominator or "", 100.0 if e.multiply is None else e.multiply,
                  e.complement) for e in mapping.indicators if e.rule is Rule.RATIO]


def entries(mapping: MicrodataMapping, rule: Rule) -> list[Entry]:
    return [e for e in mapping.indicators if e.rule is rule]


def produced_indicators(mapping: MicrodataMapping) -> list[str]:
    """Every indicator id the mapping can write (for the documentation test)."""
    ids = [e.indicator for e in mapping.indicators if e.write]
    ids += [e.industry_indicator for e in mapping.indicators if e.write and e.industry_indicator]
    return ids
