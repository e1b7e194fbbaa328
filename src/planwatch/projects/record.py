"""One investment project (招商引资项目) as the bureau tracks it.

Amounts are in 万元. 到位资金 (funds in place) is recorded per period (a month or quarter) and
never entered as a total: totals are sums of the records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class ProjectStage(StrEnum):
    """洽谈 → 签约 → 开工 → 投产, in this order; 中止 (stopped) at any point."""

    TALKS = "talks"
    SIGNED = "signed"
    STARTED = "started"
    PRODUCING = "producing"
    STOPPED = "stopped"

    @property
    def label_zh(self) -> str:
        return {"talks": "洽谈", "signed": "签约", "started": "开工", "producing": "投产", "stopped": "中止"}[self.value]

    @property
    def order(self) -> int:
        return {"talks": 0, "signed": 1, "started": 2, "producing": 3, "stopped": 9}[self.value]

    def next_stages(self) -> tuple[ProjectStage, ...]:
        """The stages a project at this stage may move to (one step forward, or 中止)."""
        forward = {ProjectStage.TALKS: ProjectStage.SIGNED, ProjectStage.SIGNED: ProjectStage.STARTED,
                   ProjectStage.STARTED: ProjectStage.PRODUCING}
        if self in forward:
            return (forward[self], ProjectStage.STOPPED)
        return ()


class InvestorOrigin(StrEnum):
    """Where the investor comes from, as 招商 statistics report it."""

    OUT_OF_PROVINCE = "out_of_province"  # 省外境内
    ABROAD = "abroad"  # 境外
    IN_PROVINCE = "in_province"  # 省内 (市外)
    LOCAL = "local"  # 本地 (not 招商 by most rules)

    @property
    def label_zh(self) -> str:
        return {"out_of_province": "省外境内", "abroad": "境外", "in_province": "省内", "local": "本地"}[self.value]


class Top500(StrEnum):
    """三类500强: 世界500强, 中国500强, 中国民营企业500强."""

    WORLD = "world"
    CHINA = "china"
    PRIVATE = "private"

    @property
    def label_zh(self) -> str:
        return {"world": "世界500强", "china": "中国500强", "private": "民营500强"}[self.value]


class ProjectNature(StrEnum):
    """What the signing is: a new project, or an event on an earlier one (三明 rules)."""

    NEW = "new"  # 新建
    UPGRADE = "upgrade"  # 升格 (a project upgraded: counts the upgrade, not the money again)
    CAPITAL_INCREASE = "capital_increase"  # 增资 (counts only the increase)
    NEW_INVESTOR = "new_investor"  # 调整投资业主 (counts for the new event)
    RESIGNED = "resigned"  # the same project signed again at another event (not counted again)

    @property
    def label_zh(self) -> str:
        return {"new": "新建", "upgrade": "升格", "capital_increase": "增资", "new_investor": "调整投资业主",
                "resigned": "重复签约"}[self.value]


@dataclass(frozen=True, slots=True)
class Funds:
    """到位资金 of one period (2024-03 or 2024Q1), 万元."""

    period: str
    amount: float
    fixed_assets: float = 0.0  # of which 固定资产投资


@dataclass(frozen=True, slots=True)
class Project:
    key: str  # the register's id of the project
    name: str
    investor: str
    origin: InvestorOrigin
    county: str  # scope id
    park: str = ""
    chain: str = ""
    top500: Top500 | None = None
    unit: str = ""  # 责任单位
    person: str = ""  # 责任人
    stage: ProjectStage = ProjectStage.TALKS
    stage_dates: dict[ProjectStage, date] = field(default_factory=dict)
    signed_amount: float = 0.0  # 签约额 (合同引资额), 万元
    planned_investment: float = 0.0  # 计划投资 (总投资), 万元
    funds: tuple[Funds, ...] = ()
    nature: ProjectNature = ProjectNature.NEW
    earlier: str = ""  # key of the earlier project this event changes (升格, 增资, 调整业主, 重复签约)
    earlier_amount: float = 0.0  # 增资: the amount signed before (the increase = signed − earlier)
    problems: tuple[str, ...] = ()

    def date_of(self, stage: ProjectStage) -> date | None:
        return self.stage_dates.get(stage)
