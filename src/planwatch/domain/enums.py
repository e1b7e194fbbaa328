"""Every status, kind and state planwatch knows, as enums (never bare strings).

Each enum's value is the stable machine id used in YAML, JSON and CSV; ``label_zh`` is the
Chinese wording shown to users (the interface is Chinese first).
"""

from __future__ import annotations

from enum import StrEnum


class Direction(StrEnum):
    """Which way is better."""

    UP = "up"  # higher is better (output, counts, shares to raise)
    DOWN = "down"  # lower is better (energy intensity)

    @property
    def sign(self) -> int:
        return 1 if self is Direction.UP else -1

    @property
    def label_zh(self) -> str:
        return {"up": "越大越好", "down": "越小越好"}[self.value]


class Nature(StrEnum):
    """指标性质 as the plan states it."""

    DEVELOPMENTAL = "developmental"  # 发展性指标 (预期性)
    BINDING = "binding"  # 约束性指标

    @property
    def label_zh(self) -> str:
        return {"developmental": "发展性", "binding": "约束性"}[self.value]


class TargetKind(StrEnum):
    """How a target is measured and judged (docs/plan-file.md, docs/methodology.md)."""

    LEVEL = "level"  # a value to reach by the target year (到2025年达到 …)
    CUMULATIVE = "cumulative"  # a total over the plan's years (the plan's [ ] figures, 累计)
    YEARLY_RATE = "yearly_rate"  # a rate to hold every year (能耗每年下降2%)
    SHARE = "share"  # a share in %; changes are in 百分点
    COUNT_RANGE = "range"  # a range to land in ("3-5家")
    RELATIVE = "relative"  # judged against another series (与省级同步)
    GROWTH = "growth"  # an average yearly growth rate (年均增长15%以上) with no level

    @property
    def label_zh(self) -> str:
        return {
            "level": "水平值",
            "cumulative": "五年累计",
            "yearly_rate": "年度速率",
            "share": "比重",
            "range": "区间",
            "relative": "相对目标",
            "growth": "年均增速",
        }[self.value]


class Comparator(StrEnum):
    """How the plan words the target value."""

    REACH = "reach"  # 达到 (at least, the usual reading of a development target)
    AT_LEAST = "at_least"  # 以上 / 突破 / 超过 / 不低于
    AT_MOST = "at_most"  # 以内 / 不超过 / 控制在
    ABOUT = "about"  # 左右 / 约
    BETWEEN = "between"  # 3-5家

    @property
    def label_zh(self) -> str:
        return {
            "reach": "达到",
            "at_least": "以上",
            "at_most": "以内",
            "about": "左右",
            "between": "区间",
        }[self.value]


class Measure(StrEnum):
    """What an observation's value measures (one column of the canonical table)."""

    LEVEL = "level"  # the value of the period itself (当期)
    YTD = "ytd"  # cumulative since January (1—N月累计)
    GROWTH = "growth"  # % change on the same period a year earlier (同比增长)
    YTD_GROWTH = "ytd_growth"  # % change of the YTD value on the same YTD a year earlier (累计增长)

    @property
    def label_zh(self) -> str:
        return {"level": "当期", "ytd": "累计", "growth": "同比增长", "ytd_growth": "累计增长"}[self.value]


class ScopeKind(StrEnum):
    """The kinds of place or sector a target can be set for."""

    PROVINCE = "province"  # 湖南省: a comparison series, not assessed
    PREFECTURE = "prefecture"  # 湘西州
    COUNTY = "county"  # 吉首市 … 永顺县
    ZONE = "zone"  # 湘西高新区: a county-level zone that is also an industrial park
    PARK = "park"  # 省级产业园区
    INDUSTRY = "industry"  # 产业链 / 产业
    SUBINDUSTRY = "subindustry"  # 铝 / 锰 / 锌 / 钒 under 新材料; 两茶 under 绿色食品
    GROUP = "group"  # a named set of scopes whose total the plan states (表2 合计, 十大产业链)

    @property
    def label_zh(self) -> str:
        return {
            "province": "省",
            "prefecture": "州",
            "county": "县市",
            "zone": "县级园区",
            "park": "园区",
            "industry": "产业链",
            "subindustry": "细分产业",
            "group": "合计",
        }[self.value]

    @property
    def is_county_level(self) -> bool:
        """表3 and the county ranking treat 湘西高新区 as a county-level unit."""
        return self in (ScopeKind.COUNTY, ScopeKind.ZONE)

    @property
    def is_park(self) -> bool:
        """表2 lists 湘西高新区 among the nine parks."""
        return self in (ScopeKind.PARK, ScopeKind.ZONE)


class Status(StrEnum):
    """Progress status of one target for one scope at one as-of period."""

    ACHIEVED = "achieved"  # target already met (by a reported value of the year, or a level or stock)
    EXPECTED = "expected"  # 预计实现: a mid-year flow whose whole-year estimate meets the target
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    LIMITED = "limited"
    DETERIORATION = "deterioration"
    NO_DATA = "no_data"
    NOT_ASSESSABLE = "not_assessable"  # data exist but the method cannot judge (no baseline, sign change …)

    @property
    def label_zh(self) -> str:
        return STATUS_LABEL_ZH[self]

    @property
    def grade_zh(self) -> str:
        """The grade words of official mid-term evaluations (docs/methodology.md §grades)."""
        return STATUS_GRADE_ZH[self]

    @property
    def label_en(self) -> str:
        return {
            Status.ACHIEVED: "achieved",
            Status.EXPECTED: "expected to be met",
            Status.ON_TRACK: "on track",
            Status.NEEDS_ACCELERATION: "needs acceleration",
            Status.LIMITED: "limited progress",
            Status.DETERIORATION: "deterioration",
            Status.NO_DATA: "no data",
            Status.NOT_ASSESSABLE: "not assessable",
        }[self]


STATUS_LABEL_ZH: dict[Status, str] = {
    Status.ACHIEVED: "已实现",
    Status.EXPECTED: "预计实现",
    Status.ON_TRACK: "进展顺利",
    Status.NEEDS_ACCELERATION: "需加快",
    Status.LIMITED: "进展有限",
    Status.DETERIORATION: "倒退",
    Status.NO_DATA: "无数据",
    Status.NOT_ASSESSABLE: "无法评估",
}

# 提前实现 / 快于预期 / 基本符合预期 / 滞后: the words of the national 14th FYP mid-term evaluation.
# 快于预期 needs more than "on track": the engine upgrades ON_TRACK to 快于预期 when completion is
# ahead of the time schedule (see assess.classify.grade_zh); this table is the default per status.
STATUS_GRADE_ZH: dict[Status, str] = {
    Status.ACHIEVED: "提前实现",
    Status.EXPECTED: "预计实现",
    Status.ON_TRACK: "基本符合预期",
    Status.NEEDS_ACCELERATION: "相对滞后",
    Status.LIMITED: "滞后",
    Status.DETERIORATION: "滞后",
    Status.NO_DATA: "暂无数据",
    Status.NOT_ASSESSABLE: "无法评估",
}


class WarningLevel(StrEnum):
    """红黄绿 warning level (NDRC 晴雨表 style)."""

    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"
    NONE = "none"  # no data / not assessable

    @property
    def label_zh(self) -> str:
        return {"green": "绿灯", "yellow": "黄灯", "red": "红灯", "none": "—"}[self.value]


class Severity(StrEnum):
    """Severity of a lint finding or a validation problem."""

    ERROR = "error"  # blocks (schema problems; invalid data)
    WARNING = "warning"  # the numbers disagree beyond rounding; does not block
    INFO = "info"  # worth knowing; does not block

    @property
    def label_zh(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


# -- 考核: county ranking (planwatch.assess.rank; docs/ranking.md) --------------------------------
class RankMethod(StrEnum):
    """How indicator scores are combined into one composite score."""

    WEIGHTED = "weighted"  # 加权综合评分法: weights are data (assess/rank_weights.yaml)
    ENTROPY = "entropy"  # 熵权法: weights from how much the scores differ between units

    @property
    def label_zh(self) -> str:
        return {"weighted": "加权综合评分法", "entropy": "熵权法"}[self.value]


class MissingPolicy(StrEnum):
    """What a missing value or target does to a unit's composite score."""

    ZERO = "zero"  # the indicator scores 0 and is flagged (未报送不得分)
    RENORMALISE = "renormalise"  # the indicator is left out and the other weights scale up

    @property
    def label_zh(self) -> str:
        return {"zero": "缺数据记0分", "renormalise": "缺数据不计、其余权重按比例放大"}[self.value]


class TargetOrigin(StrEnum):
    """Where an annual assessment target (考核目标) came from."""

    EXPLICIT = "explicit"  # given in the assessment targets file
    PLAN_PATH = "plan_path"  # the plan's own target for the unit, on the compound path (表2, 表3)
    PLAN_SPLIT = "plan_split"  # the plan's five-year cumulative target for the unit, split evenly by year
    PREFECTURE_GROWTH = "prefecture_growth"  # the prefecture's required growth on the unit's previous year
    PREVIOUS_YEAR = "previous_year"  # no plan target: hold the unit's previous-year value

    @property
    def derived(self) -> bool:
        return self is not TargetOrigin.EXPLICIT

    @property
    def label_zh(self) -> str:
        return {
            "explicit": "考核目标",
            "plan_path": "按规划目标路径推算",
            "plan_split": "按规划累计目标分年推算",
            "prefecture_growth": "按全州要求增速推算",
            "previous_year": "按上年水平推算",
        }[self.value]


class ScoreStatus(StrEnum):
    """Whether one indicator of one unit could be scored."""

    SCORED = "scored"
    NO_VALUE = "no_value"  # no value for the period
    NO_TARGET = "no_target"  # no target given and none can be derived
    NOT_ASSESSABLE = "not_assessable"  # a target that is not positive, a growth of −100% or below
    NOT_RANKED = "not_ranked"  # no unit at all could be scored on it this period: left out for everyone

    @property
    def label_zh(self) -> str:
        return {
            "scored": "已计分",
            "no_value": "缺少数据",
            "no_target": "缺少目标",
            "not_assessable": "无法计分",
            "not_ranked": "本期不参评",
        }[self.value]


class GroupRole(StrEnum):
    """Which bulletin section a group of targets feeds (plan/presentation.py decides it from the scopes)."""

    MAIN = "main"  # the region's own targets: the main table (主要指标)
    UNITS = "units"  # county-level units (县市区, 区县)
    PARKS = "parks"  # parks (园区)
    CHAINS = "chains"  # industries (产业链, 产业集群)
    OTHER = "other"  # anything else: its own table
