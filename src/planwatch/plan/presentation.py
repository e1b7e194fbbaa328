"""How a plan is presented: its declared ``presentation:`` block with a default for every part.

``view(plan)`` gives the groups of targets (each a table, in order, with the section it feeds), the
main table, the headline and trend indicators, the rankings the plan sets, the words for its levels
and the bulletin's document frame. A plan that declares none of it still gets true texts: every
target of its region in the main table, the other targets grouped by the kind of their scopes, no
ranking, and words taken from the kinds of its scopes. docs/plan-file.md §presentation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from planwatch.domain.enums import GroupRole, ScopeKind, TargetKind
from planwatch.domain.periods import Period, PeriodKind
from planwatch.plan.load import Plan
from planwatch.plan.schema import RankingDecl, Scope, Target, TargetGroup

HEADLINE_DEFAULT = 3  # headline sentences when the plan names none: the main table's first indicators
REGION_WORDS = {ScopeKind.PROVINCE: "省", ScopeKind.PREFECTURE: "市", ScopeKind.COUNTY: "县", ScopeKind.ZONE: "区"}
DEFAULT_TITLES = {
    GroupRole.MAIN: "主要指标",
    GroupRole.UNITS: "{units}目标",
    GroupRole.PARKS: "{parks}目标",
    GroupRole.CHAINS: "{chains}目标",
    GroupRole.OTHER: "其他目标",
}

DEFAULT_TITLES_EN = {
    GroupRole.MAIN: "Main indicators",
    GroupRole.UNITS: "Targets of the county-level units",
    GroupRole.PARKS: "Targets of the parks",
    GroupRole.CHAINS: "Targets of the industries",
    GroupRole.OTHER: "Other targets",
}


def is_table_row(target: Target) -> bool:
    """Whether a target is a row of a group's table. A stated growth column (kind growth, naming its
    level in ``growth_of``) is judged beside that level, not as a row of its own: a table keeps the
    plan's own rows."""
    return not (target.kind is TargetKind.GROWTH and target.growth_of is not None)


@dataclass(frozen=True)
class Words:
    region: str  # 州: 全州, 州级
    units: str  # 县市区
    parks: str  # 园区
    chains: str  # 产业链


@dataclass(frozen=True)
class Group:
    id: str
    title: str
    title_en: str
    cite: str  # 表2 (the plan's own numbering), "" when the plan has none
    role: GroupRole
    targets: tuple[Target, ...]

    @property
    def cited(self) -> str:
        """How the text names it: 《规划》表2 (never a bare 表2, which would collide with the bulletin's own)."""
        return f"《规划》{self.cite}" if self.cite else "规划"


@dataclass(frozen=True)
class Frame:
    issuer: str  # 发文机关 and 落款
    issuer_short: str
    issuer_en: str
    number: str  # 文号 pattern
    recipients: str
    basis: str
    cc: str

    def doc_number(self, as_of: Period) -> str:
        """The 文号 for a bulletin of ``as_of``: {year} its year, {no} its quarter (or month)."""
        if not self.number:
            return ""
        no = as_of.end_month if as_of.kind is PeriodKind.MONTH else (as_of.end_month + 2) // 3
        return self.number.format(year=as_of.year, no=no)


class PlanView:
    """The presentation of one plan, defaults filled in."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.declared = plan.presentation
        self.words = self._words()
        self.groups = self._groups()

    # -- words ----------------------------------------------------------------------------------
    def _words(self) -> Words:
        w = self.declared.words
        return Words(
            region=w.region or REGION_WORDS.get(self.plan.region.kind, ""),
            units=w.units or "县市区",
            parks=w.parks or "园区",
            chains=w.chains or "产业链",
        )

    # -- groups ---------------------------------------------------------------------------------
    def _groups(self) -> tuple[Group, ...]:
        if self.declared.groups:
            ordered = sorted(enumerate(self.declared.groups), key=lambda x: (x[1].order, x[0]))
            return tuple(self._declared_group(g) for _, g in ordered)
        return self._default_groups()

    def _declared_group(self, g: TargetGroup) -> Group:
        if g.targets:
            by_id = {t.id: t for t in self.plan.targets}
            chosen = [by_id[t] for t in g.targets]
        else:
            chosen = [
                t for t in self.plan.targets if t.source.split(";")[0].strip().startswith(g.source) and is_table_row(t)
            ]
        if g.scopes:
            chosen = [t for t in chosen if t.scope in g.scopes]
        role = self._role(chosen)
        if self.declared.main_group is not None:
            role = GroupRole.MAIN if g.id == self.declared.main_group else (GroupRole.OTHER if role is GroupRole.MAIN else role)
        return Group(g.id, g.title, g.title_en or g.title, g.cite, role, tuple(chosen))

    def _role(self, targets: list[Target]) -> GroupRole:
        roles = (self._role_of(self.plan.scopes[t.scope]) for t in targets)
        kinds = Counter(r for r in roles if r is not None)
        return kinds.most_common(1)[0][0] if kinds else GroupRole.OTHER

    def _role_of(self, scope: Scope) -> GroupRole | None:
        if scope.id == self.plan.meta.region:
            return GroupRole.MAIN
        if scope.kind is ScopeKind.PARK:
            return GroupRole.PARKS
        if scope.kind.is_county_level:
            return GroupRole.UNITS
        if scope.kind is ScopeKind.INDUSTRY:
            return GroupRole.CHAINS
        if scope.kind in (ScopeKind.GROUP, ScopeKind.SUBINDUSTRY, ScopeKind.PROVINCE):
            return None  # a total, a part of an industry or a comparison series follows its group
        return GroupRole.OTHER

    def role_of_target(self, target: Target) -> GroupRole:
        """The section a target belongs to by its scope: a total or a comparison series follows its members."""
        scope = self.plan.scopes[target.scope]
        role = self._role_of(scope)
        if role is not None:
            return role
        members = [self._role_of(self.plan.scopes[m]) for m in scope.members if m in self.plan.scopes]
        found = Counter(r for r in members if r is not None)
        return found.most_common(1)[0][0] if found else GroupRole.OTHER

    def default_title(self, role: GroupRole) -> tuple[str, str]:
        """The title (Chinese, English) of a section the plan does not title itself, in the plan's words."""
        zh = DEFAULT_TITLES[role].format(units=self.words.units, parks=self.words.parks, chains=self.words.chains)
        return zh, DEFAULT_TITLES_EN[role]

    def _default_groups(self) -> tuple[Group, ...]:
        buckets: dict[GroupRole, list[Target]] = {r: [] for r in GroupRole}
        for t in self.plan.targets:
            if not t.assessed or not is_table_row(t):
                continue
            buckets[self.role_of_target(t)].append(t)
        out = []
        for role, targets in buckets.items():
            if targets:
                title, title_en = self.default_title(role)
                out.append(Group(role.value, title, title_en, "", role, tuple(targets)))
        return tuple(out)

    def group(self, role: GroupRole) -> Group | None:
        """The first group feeding ``role``'s section."""
        return next((g for g in self.groups if g.role is role), None)

    @property
    def main(self) -> Group | None:
        return self.group(GroupRole.MAIN)

    def main_targets(self) -> list[Target]:
        """The main table's targets of the region (the region's only, in the group's order)."""
        g = self.main
        return [t for t in g.targets if t.scope == self.plan.meta.region] if g else []

    # -- headline and trend ----------------------------------------------------------------------
    @property
    def headline(self) -> tuple[str, ...]:
        if self.declared.headline:
            return tuple(self.declared.headline)
        return tuple(dict.fromkeys(t.indicator for t in self.main_targets()))[:HEADLINE_DEFAULT]

    @property
    def trend(self) -> str | None:
        if self.declared.trend is not None:
            return self.declared.trend
        for t in self.main_targets():
            ind = self.plan.indicators[t.indicator]
            if t.kind is TargetKind.LEVEL and t.baseline is not None and ind.temporal != "ratio":
                return t.indicator
        return None

    # -- rankings --------------------------------------------------------------------------------
    @property
    def rankings(self) -> tuple[RankingDecl, ...]:
        return tuple(self.declared.rankings)

    def ranking(self, level: str) -> RankingDecl | None:
        return next((r for r in self.declared.rankings if r.level == level), None)

    def ranked_units(self, level: str) -> list[Scope]:
        r = self.ranking(level)
        if r is None:
            return []
        return [s for s in self.plan.scopes.values() if s.kind in r.unit_kinds]

    def weights_path(self, level: str) -> Path | None:
        """The ranking file the plan names, relative to the plan file."""
        r = self.ranking(level)
        return None if r is None else self.plan.beside(r.weights)

    def unit_word(self, level: str) -> str:
        r = self.ranking(level)
        if r is not None and r.unit_word:
            return r.unit_word
        return self.words.parks if r is not None and ScopeKind.PARK in r.unit_kinds else self.words.units

    # -- the bulletin's frame ----------------------------------------------------------------------
    @property
    def frame(self) -> Frame:
        b = self.declared.bulletin
        return Frame(
            issuer=b.issuer or self.plan.meta.issuer,
            issuer_short=b.issuer_short or b.issuer or self.plan.meta.issuer,
            issuer_en=b.issuer_en or self.plan.meta.name_en,
            number=b.number,
            recipients=b.recipients,
            basis=b.basis or "根据{plan}确定的目标任务，对规划实施情况进行了监测评估，",
            cc=b.cc,
        )

    def basis_sentence(self) -> str:
        return self.frame.basis.format(plan=f"《{self.plan.meta.name}》")


def view(plan: Plan) -> PlanView:
    """The plan's presentation (made once per plan object)."""
    cached = getattr(plan, "_presentation_view", None)
    if not isinstance(cached, PlanView):
        cached = PlanView(plan)
        plan._presentation_view = cached  # type: ignore[attr-defined]
    return cached
