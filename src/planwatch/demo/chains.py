"""The demo's synthetic chain work (every text says 演示): who holds each chain's roles, a policy, and
a problem list with an item in every state, some overdue. Pure data; the web demo
(planwatch_web.chains.demo) plays it through the real actions, so every item has a real history.
"""

from __future__ import annotations

from dataclasses import dataclass

# The roles the plan leaves to fill, per chain: 链长 (a prefecture leader), 链办 and 牵头部门 (units).
CHIEF_POST = "州领导（演示）"
OFFICE_UNIT = "miit_bureau"  # every demo chain's 链办 sits in the industry bureau
TASK_FORCE_UNITS = ("miit_bureau", "development_reform", "natural_resources", "commerce_bureau")


@dataclass(frozen=True)
class DemoProblem:
    """One item of the demo problem list and how far it goes (``path``: actions in order)."""

    title: str
    category: str
    raised_by: str
    lead: str
    assist: tuple[str, ...]
    path: tuple[str, ...]  # actions after raise, e.g. ("assign", "accept", "answer")
    days_ago: int  # how many calendar days ago it was raised and assigned (overdue when > ~10)
    common: bool = False


# What the path is for each state (docs/chains.md, "The problem workflow").
PROBLEMS: tuple[DemoProblem, ...] = (
    DemoProblem(
        "（演示）新建厂房用地指标未落实",
        "land",
        "（演示）链上企业甲",
        "natural_resources",
        ("miit_bureau",),
        (),
        1,
    ),
    DemoProblem(
        "（演示）技改项目流动资金贷款审批慢",
        "finance",
        "（演示）链上企业乙",
        "finance_bureau",
        (),
        ("assign",),
        2,
    ),
    DemoProblem(
        "（演示）熟练技工招聘难",
        "labour",
        "（演示）链上企业丙",
        TASK_FORCE_UNITS[0],  # a 共性问题 is assigned to the 专班 when raised: its first unit leads
        TASK_FORCE_UNITS[1:],
        ("accept",),
        4,
        common=True,
    ),
    DemoProblem(
        "（演示）环评批复进度",
        "approval",
        "（演示）链上企业丁",
        "ecology_environment",
        (),
        ("assign", "accept", "answer"),
        9,
    ),
    DemoProblem(
        "（演示）专线供电容量不足",
        "factors",
        "（演示）链上企业戊",
        "development_reform",
        (),
        ("assign", "accept", "answer", "confirm"),
        12,
    ),
    DemoProblem(
        "（演示）产学研合作对接",
        "technology",
        "（演示）链上企业己",
        "science_bureau",
        (),
        ("assign", "accept", "answer", "confirm", "close"),
        20,
    ),
    DemoProblem(
        "（演示）产品进入省外市场", "market", "（演示）链上企业庚", "miit_bureau", (), ("assign", "return"), 3
    ),
    # Overdue: assigned long ago and still in progress; one escalated (督办), one not yet.
    DemoProblem(
        "（演示）标准厂房租金补贴兑现",
        "finance",
        "（演示）链上企业辛",
        "finance_bureau",
        (),
        ("assign", "accept"),
        30,
    ),
    DemoProblem(
        "（演示）园区道路与管网配套",
        "factors",
        "（演示）链上企业壬",
        "development_reform",
        ("natural_resources",),
        ("assign", "accept", "escalate"),
        40,
    ),
    # An extension asked before the deadline, waiting for the chain office.
    DemoProblem(
        "（演示）排污许可变更",
        "approval",
        "（演示）链上企业癸",
        "ecology_environment",
        (),
        ("assign", "accept", "request_extension"),
        5,
    ),
)

REASONS = {
    "return": "（演示）该事项不属本单位职责，建议改由州商务局主办",
    "answer": "（演示）已协调解决，书面答复企业",
    "confirm": "（演示）回访企业，表示满意",
    "escalate": "（演示）逾期未办结，提请督办",
    "request_extension": "（演示）需待上级部门批复",
}


def demo_policy_title(chain_name: str) -> str:
    return f"（演示）{chain_name}产业链扶持政策"
