"""The chain file (链长制): every industry chain of a plan as data. Fields: docs/chains.md.

A plan names its chain file in ``plan.chain_file``. The file holds the chain package the plan
keeps (which maps and lists, ``package``), what every chain must have (``requires``), the units
that answer problems, the problem categories and their time limits, and per chain its roles
(链长, 副链长, 链办, 牵头部门, 专班), its nodes (the chain map), its policies and its 招商 targets.
What the plan does not say is left empty and marked ``to_fill``: it is the prefecture's to fill.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from planwatch.plan.schema import Id


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Stage(StrEnum):
    """Where a node sits on the chain."""

    UPSTREAM = "upstream"
    MIDSTREAM = "midstream"
    DOWNSTREAM = "downstream"
    SUPPORT = "support"  # 配套
    APPLICATION = "application"  # 应用

    @property
    def label_zh(self) -> str:
        return {
            "upstream": "上游",
            "midstream": "中游",
            "downstream": "下游",
            "support": "配套",
            "application": "应用",
        }[self.value]


class NodeStatus(StrEnum):
    """How the chain stands at a node, as the plan describes it."""

    UNASSESSED = "unassessed"  # the plan does not say
    PRESENT = "present"  # 已有
    WEAK = "weak"  # 薄弱 (延链/强链)
    MISSING = "missing"  # 缺失, a 断点 to fill (补链)

    @property
    def label_zh(self) -> str:
        return {"unassessed": "未评估", "present": "已有", "weak": "薄弱", "missing": "缺失（补链）"}[
            self.value
        ]


class RoleKind(StrEnum):
    CHIEF = "chief"  # 链长
    DEPUTY = "deputy"  # 副链长
    OFFICE = "office"  # 链办 (产业链办公室)
    LEAD_DEPARTMENT = "lead_department"  # 牵头部门
    TASK_FORCE = "task_force"  # 工作专班

    @property
    def label_zh(self) -> str:
        return {
            "chief": "链长",
            "deputy": "副链长",
            "office": "链办",
            "lead_department": "牵头部门",
            "task_force": "工作专班",
        }[self.value]


class HandlerRole(StrEnum):
    """A unit's part in answering a problem."""

    LEAD = "lead"  # 主办
    ASSIST = "assist"  # 协办

    @property
    def label_zh(self) -> str:
        return {"lead": "主办", "assist": "协办"}[self.value]


class InvestmentStatus(StrEnum):
    """Where a 招商 target stands."""

    PLANNED = "planned"  # 拟引进 / 拟对接 (as the plan writes it)
    CONTACTED = "contacted"  # 已对接
    NEGOTIATING = "negotiating"  # 洽谈中
    SIGNED = "signed"  # 已签约
    LANDED = "landed"  # 已落地

    @property
    def label_zh(self) -> str:
        return {
            "planned": "拟引进",
            "contacted": "已对接",
            "negotiating": "洽谈中",
            "signed": "已签约",
            "landed": "已落地",
        }[self.value]


class ListKind(StrEnum):
    """What a list of the chain package holds (the workspace shows each kind from its source)."""

    ENTERPRISES = "enterprises"
    PROJECTS = "projects"
    PROBLEMS = "problems"
    POLICIES = "policies"
    INVESTMENT_TARGETS = "investment_targets"
    TARGETS = "targets"


class MapView(StrEnum):
    """Which nodes a map shows."""

    ALL = "all"  # 产业链图: every node
    GAPS = "gaps"  # 招商路线图 / 补链图: nodes weak or missing, with the 招商 targets that fill them


class PackageMap(_Model):
    """One map (图) the chain package keeps."""

    id: Id = Field(description="Stable id.")
    name: str = Field(min_length=1, description="Its Chinese name (产业链图).")
    name_en: str = Field(default="", description="English name.")
    view: MapView = Field(
        description="all: every node; gaps: weak and missing nodes with their 招商 targets."
    )


class PackageList(_Model):
    """One list (清单) the chain package keeps."""

    id: Id = Field(description="Stable id.")
    name: str = Field(min_length=1, description="Its Chinese name (问题清单).")
    name_en: str = Field(default="", description="English name.")
    kind: ListKind = Field(
        description="enterprises, projects, problems, policies, investment_targets, targets."
    )


class Package(_Model):
    """The maps and lists every chain keeps ("N图N清单"); named as the locality names them."""

    maps: list[PackageMap] = Field(default_factory=list, description="The maps (图).")
    lists: list[PackageList] = Field(default_factory=list, description="The lists (清单).")


class Requirement(_Model):
    """Something every chain must have (一条产业链、一名州领导、一个工作专班 …)."""

    role: RoleKind | None = Field(default=None, description="A role every chain must fill.")
    list: ListKind | None = Field(
        default=None, description="A list every chain must have at least one row of."
    )
    name: str = Field(min_length=1, description="As the plan writes it (一名州领导).")
    source: str = Field(min_length=1, description="Where the plan says so.")


class Unit(_Model):
    """A unit that answers problems (a department, a county, a park) and may hold chain roles."""

    id: Id = Field(description="Stable id; a user of role 责任单位 has it as scope.")
    name: str = Field(min_length=1, description="Chinese name.")
    name_en: str = Field(default="", description="English name.")
    scope: Id | None = Field(default=None, description="The plan scope it is (a county or park), if any.")
    source: str = Field(default="", description="Where the plan names it, if it does.")


class Category(_Model):
    """A problem category (用地, 融资 …)."""

    id: Id = Field(description="Stable id.")
    name: str = Field(min_length=1, description="Chinese name.")
    name_en: str = Field(default="", description="English name.")


class DeadlineRule(_Model):
    """Working days a unit has, by category and role."""

    category: Id = Field(description="Problem category id.")
    role: HandlerRole = Field(description="lead (主办) or assist (协办).")
    working_days: int = Field(ge=0, le=250, description="Working days after the day it was assigned.")


class DeadlineRules(_Model):
    """Time limits in working days (China's official calendar)."""

    default_lead: int = Field(
        default=7, ge=0, le=250, description="主办 units' working days where no rule says (7)."
    )
    default_assist: int = Field(
        default=3, ge=0, le=250, description="协办 units' working days where no rule says (3)."
    )
    extension_notice: int = Field(
        default=1,
        ge=0,
        le=30,
        description="延期 must be asked at least this many working days before the deadline.",
    )
    rules: list[DeadlineRule] = Field(default_factory=list, description="Exceptions by category and role.")
    source: str = Field(default="", description="Where the limits come from.")


class Escalation(_Model):
    """Who an overdue item is escalated to (督办)."""

    name: str = Field(min_length=1, description="The office that supervises (州政府督查室).")
    name_en: str = Field(default="", description="English name.")
    after_working_days: int = Field(
        default=0, ge=0, le=250, description="Working days overdue before it escalates."
    )


class RoleHolder(_Model):
    """One role of a chain: what the plan says, and who holds it (empty: the prefecture's to fill)."""

    role: RoleKind = Field(description="chief, deputy, office, lead_department, task_force.")
    post: str = Field(default="", description="The post as the plan writes it (一名州领导).")
    person: str = Field(default="", description="The person's name; the plan names none.")
    unit: Id | None = Field(default=None, description="The unit holding it (链办, 牵头部门, 专班 members).")
    to_fill: bool = Field(default=False, description="true: the plan does not say; the prefecture fills it.")
    source: str = Field(default="", description="Where the plan says so.")


class Node(_Model):
    """A node of the chain map."""

    id: Id = Field(description="Stable id within the chain.")
    name: str = Field(min_length=1, description="The product, technology or activity as the plan writes it.")
    name_en: str = Field(default="", description="English name.")
    stage: Stage = Field(description="upstream, midstream, downstream, support, application.")
    parent: Id | None = Field(default=None, description="A node it refines (a route's step).")
    status: NodeStatus = Field(
        default=NodeStatus.UNASSESSED,
        description="unassessed (the plan does not say), present, weak, missing (补链).",
    )
    source: str = Field(min_length=1, description="Where the plan describes it.")


class Policy(_Model):
    """A policy document of the chain (扶持政策)."""

    title: str = Field(min_length=1, description="The document's title.")
    issuer: str = Field(default="", description="Who issued it.")
    number: str = Field(default="", description="文号.")
    issued: dt.date | None = Field(default=None, description="Date issued.")
    source: str = Field(default="", description="Where it is named.")


class InvestmentTarget(_Model):
    """A firm the 招商方案 targets."""

    name: str = Field(min_length=1, description="The firm as written.")
    node: Id | None = Field(default=None, description="The node it would fill.")
    origin: str = Field(default="", description="Where the firm is from.")
    status: InvestmentStatus = Field(default=InvestmentStatus.PLANNED, description="planned … landed.")
    source: str = Field(min_length=1, description="Where it is named.")


class Chain(_Model):
    """One industry chain."""

    id: Id = Field(
        description="The plan's scope id of the chain (an industry); its targets have chain: this id."
    )
    office: Id | None = Field(default=None, description="The unit that is its 链办; empty: to fill.")
    roles: list[RoleHolder] = Field(default_factory=list, description="链长, 副链长, 链办, 牵头部门, 专班.")
    areas: list[Id] = Field(
        default_factory=list, description="Plan scopes where it is concentrated (the plan's 重点区域 of the chain)."
    )
    nodes: list[Node] = Field(default_factory=list, description="The chain map.")
    policies: list[Policy] = Field(default_factory=list, description="Its policies (政策清单).")
    investment_targets: list[InvestmentTarget] = Field(
        default_factory=list, description="Its 招商方案's targets."
    )
    source: str = Field(min_length=1, description="The plan's sections on this chain.")


class ChainFile(_Model):
    """A whole chain file."""

    plan: Id = Field(description="The plan id it belongs to.")
    source: str = Field(min_length=1, description="Where the plan sets up 链长制.")
    package: Package = Field(description="The maps and lists a chain keeps.")
    requires: list[Requirement] = Field(default_factory=list, description="What every chain must have.")
    units: list[Unit] = Field(description="Units that hold roles and answer problems.")
    categories: list[Category] = Field(description="Problem categories.")
    deadlines: DeadlineRules = Field(
        default_factory=DeadlineRules, description="Time limits in working days."
    )
    escalation: Escalation = Field(description="Who supervises overdue items (督办).")
    chains: list[Chain] = Field(min_length=1, description="The chains.")
