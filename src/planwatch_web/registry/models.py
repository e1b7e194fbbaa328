"""The enterprise register, the cultivation pools and the investment projects (docs/enterprises.md).

Rows refer to the plan's scopes by id (county, park, chain). Every change goes through a named
action (registry.actions) that writes a ``RegistryChange`` row in the same transaction: who, when,
which field, before → after, and why. The core records (planwatch.enterprises.record.Enterprise,
planwatch.projects.record.Project) are what ``as_record`` gives, so the screening and counting
rules run on the database's rows unchanged.

``chain`` on Enterprise and Project is the primary industry chain (a scope id of the plan); the
chain workspace (planwatch_web.chains) filters by it. ``chains`` holds every chain an enterprise
belongs to; ``is_chain_leader`` marks a 链主企业. ``EnterpriseChainNode`` rows say at which nodes
(环节) of the plan's chain file an enterprise works (``Enterprise.chain_node_ids()`` lists them as
``chain:node``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planwatch.enterprises.record import (
    Enterprise as EnterpriseRecord,
)
from planwatch.enterprises.record import (
    EnterpriseFlag,
    Industry,
    ListingBoard,
    ScaleEvent,
    ScaleEventKind,
)
from planwatch.projects.record import Funds, InvestorOrigin, ProjectNature, ProjectStage, Top500
from planwatch.projects.record import Project as ProjectRecord

# The enums' words, translatable (the core's label_zh are the same Chinese words).
LABELS: dict[Any, Any] = {
    ProjectStage.TALKS: _("洽谈"), ProjectStage.SIGNED: _("签约"), ProjectStage.STARTED: _("开工"),
    ProjectStage.PRODUCING: _("投产"), ProjectStage.STOPPED: _("中止"),
    InvestorOrigin.OUT_OF_PROVINCE: _("省外境内"), InvestorOrigin.ABROAD: _("境外"),
    InvestorOrigin.IN_PROVINCE: _("省内"), InvestorOrigin.LOCAL: _("本地"),
    Top500.WORLD: _("世界500强"), Top500.CHINA: _("中国500强"), Top500.PRIVATE: _("民营500强"),
    ProjectNature.NEW: _("新建"), ProjectNature.UPGRADE: _("升格"), ProjectNature.CAPITAL_INCREASE: _("增资"),
    ProjectNature.NEW_INVESTOR: _("调整投资业主"), ProjectNature.RESIGNED: _("重复签约"),
    ListingBoard.MAIN: _("主板"), ListingBoard.CHINEXT: _("创业板"), ListingBoard.STAR: _("科创板"),
    ListingBoard.BSE: _("北交所"), ListingBoard.NEEQ: _("新三板"), ListingBoard.REGIONAL: _("四板"),
}


def _choices(enum: Any) -> list[tuple[str, Any]]:
    return [(m.value, LABELS[m]) for m in enum]


class Enterprise(models.Model):
    uscc = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    name = models.CharField(_("企业名称"), max_length=200, db_index=True)
    county = models.CharField(_("县市区"), max_length=64, db_index=True)
    park = models.CharField(_("园区"), max_length=64, blank=True, default="", db_index=True)
    chain = models.CharField(_("产业链"), max_length=64, blank=True, default="", db_index=True)
    chains = models.JSONField(_("所属产业链"), default=list, blank=True)
    is_chain_leader = models.BooleanField(_("链主企业"), default=False)
    industry = models.CharField(_("行业代码"), max_length=8, blank=True, default="")
    scale_events = models.JSONField(_("入规退规记录"), default=list, blank=True)  # [[year, month, "enter"|"exit"]]
    revenue = models.JSONField(_("营业收入（万元）"), default=dict, blank=True)  # {"2023": 1234.5}
    output = models.JSONField(_("工业总产值（万元）"), default=dict, blank=True)
    flags = models.JSONField(_("认定与标识"), default=list, blank=True)  # EnterpriseFlag values
    listing = models.CharField(_("上市挂牌"), max_length=20, blank=True, default="", choices=_choices(ListingBoard))
    is_scale_now = models.BooleanField(_("当前规上"), default=False, db_index=True)  # from scale_events, kept in step
    merged_into = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged_from", verbose_name=_("已合并到"))
    version = models.PositiveIntegerField(default=1)  # +1 on every saved edit: the optimistic check of the web form
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("county", "name")
        indexes = (models.Index(fields=["county", "name"], name="registry_ent_county_name"),)
        verbose_name = _("企业")
        verbose_name_plural = _("企业")

    def __str__(self) -> str:
        return self.name

    def all_chains(self) -> list[str]:
        """Every chain of the enterprise: ``chains``, or the primary ``chain`` when the list is empty."""
        return list(dict.fromkeys(self.chains or ([self.chain] if self.chain else [])))

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saved with its ``EnterpriseChain`` rows in step with ``chains`` (bulk writes add them themselves)."""
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if fields is not None and not {"chain", "chains"} & set(fields):
            return
        want = set(self.all_chains())
        have = set(self.chain_links.values_list("chain", flat=True))
        if want != have:
            self.chain_links.filter(chain__in=have - want).delete()
            EnterpriseChain.objects.bulk_create([EnterpriseChain(enterprise=self, chain=c) for c in sorted(want - have)])

    def chain_node_ids(self) -> list[str]:
        """The enterprise's nodes as ``chain:node`` ids, sorted (uses a prefetch of ``chain_nodes``)."""
        return sorted(f"{n.chain}:{n.node}" for n in self.chain_nodes.all())

    def as_record(self) -> EnterpriseRecord:
        section = self.industry[:1]
        return EnterpriseRecord(
            uscc=self.uscc, name=self.name, county=self.county, park=self.park,
            chains=tuple(self.chains or ([self.chain] if self.chain else [])),
            chain_nodes=tuple(self.chain_node_ids()),
            industry=Industry(section, self.industry[1:]) if section else None,
            scale_events=tuple(sorted(ScaleEvent(int(y), int(m), ScaleEventKind(k)) for y, m, k in self.scale_events)),
            revenue={int(k): float(v) for k, v in self.revenue.items()},
            output={int(k): float(v) for k, v in self.output.items()},
            flags=frozenset(EnterpriseFlag(f) for f in self.flags)
            | ({EnterpriseFlag.CHAIN_LEADER} if self.is_chain_leader else set()),
            listing=ListingBoard(self.listing) if self.listing else None,
        )


class EnterpriseChain(models.Model):
    """One chain (industry or sub-industry scope id) an enterprise belongs to: ``Enterprise.chains``
    as rows, kept in step by the actions, so access and filters can query every chain (not only
    the primary ``chain``)."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="chain_links")
    chain = models.CharField(_("产业链"), max_length=64, db_index=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=["enterprise", "chain"], name="registry_chain_once"),)
        verbose_name = _("企业所属产业链")
        verbose_name_plural = _("企业所属产业链")


class EnterpriseChainNode(models.Model):
    """An enterprise at one node (环节) of a chain of the plan's chain file (``chain``: the chain's id,
    a scope id of the plan; ``node``: the node's id within the chain)."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="chain_nodes")
    chain = models.CharField(_("产业链"), max_length=64)
    node = models.CharField(_("产业链环节"), max_length=64)

    class Meta:
        ordering = ("chain", "node")
        constraints = (models.UniqueConstraint(fields=["enterprise", "chain", "node"], name="registry_node_once"),)
        indexes = (models.Index(fields=["chain", "node"], name="registry_node_chain_node"),)
        verbose_name = _("企业所在环节")
        verbose_name_plural = _("企业所在环节")

    def __str__(self) -> str:
        return f"{self.chain}:{self.node}"


class PoolMembership(models.Model):
    """An enterprise in a pool (小升规, 创新型 …) from a date, until a date (None: still in it)."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="pool_memberships")
    pool = models.CharField(_("培育库"), max_length=40, db_index=True)  # pool id of the pool rules
    tier = models.CharField(_("档次"), max_length=40, blank=True, default="")
    entered = models.DateField(_("入库日期"))
    left = models.DateField(_("出库日期"), null=True, blank=True)

    class Meta:
        ordering = ("pool", "-entered")
        verbose_name = _("培育库成员")
        verbose_name_plural = _("培育库成员")


class ProposalKind(models.TextChoices):
    ENTER = "enter", _("入库")
    MOVE = "move", _("升档")
    EXIT = "exit", _("出库")


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    CONFIRMED = "confirmed", _("已确认")
    REJECTED = "rejected", _("已驳回")


class PoolProposal(models.Model):
    """What the screening proposes for one enterprise, one pool and one year, until a person decides."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="pool_proposals")
    pool = models.CharField(_("培育库"), max_length=40, db_index=True)
    tier = models.CharField(_("档次"), max_length=40, blank=True, default="")
    kind = models.CharField(_("建议"), max_length=10, choices=ProposalKind.choices)
    year = models.IntegerField(_("年度"))
    evidence = models.JSONField(_("依据"), default=list)  # every rule: [{rule, left, right, met, judgement}]
    status = models.CharField(_("状态"), max_length=10, choices=ProposalStatus.choices,
                              default=ProposalStatus.PENDING, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("理由"), blank=True, default="")

    class Meta:
        ordering = ("status", "pool", "enterprise__name")
        constraints = (models.UniqueConstraint(fields=["enterprise", "pool", "year", "kind"],
                                               name="registry_proposal_once"),)
        verbose_name = _("入库建议")
        verbose_name_plural = _("入库建议")


STAGE_FIELDS = {ProjectStage.TALKS: "talks_on", ProjectStage.SIGNED: "signed_on",
                ProjectStage.STARTED: "started_on", ProjectStage.PRODUCING: "producing_on",
                ProjectStage.STOPPED: "stopped_on"}


class Project(models.Model):
    key = models.CharField(_("项目编号"), max_length=40, unique=True)
    name = models.CharField(_("项目名称"), max_length=200, db_index=True)
    investor = models.CharField(_("投资方"), max_length=200)
    origin = models.CharField(_("投资方来源"), max_length=20, choices=_choices(InvestorOrigin))
    top500 = models.CharField(_("三类500强"), max_length=10, blank=True, default="", choices=_choices(Top500))
    county = models.CharField(_("县市区"), max_length=64, db_index=True)
    park = models.CharField(_("园区"), max_length=64, blank=True, default="", db_index=True)
    chain = models.CharField(_("产业链"), max_length=64, blank=True, default="", db_index=True)
    unit = models.CharField(_("责任单位"), max_length=100, blank=True, default="")
    person = models.CharField(_("责任人"), max_length=50, blank=True, default="")
    stage = models.CharField(_("阶段"), max_length=12, choices=_choices(ProjectStage), default=ProjectStage.TALKS,
                             db_index=True)
    talks_on = models.DateField(_("洽谈日期"), null=True, blank=True)
    signed_on = models.DateField(_("签约日期"), null=True, blank=True)
    started_on = models.DateField(_("开工日期"), null=True, blank=True)
    producing_on = models.DateField(_("投产日期"), null=True, blank=True)
    stopped_on = models.DateField(_("中止日期"), null=True, blank=True)
    signed_amount = models.FloatField(_("签约额（万元）"), default=0.0)
    planned_investment = models.FloatField(_("计划投资（万元）"), default=0.0)
    nature = models.CharField(_("项目性质"), max_length=20, choices=_choices(ProjectNature), default=ProjectNature.NEW)
    earlier = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="later_events",
                                verbose_name=_("原项目"))
    earlier_amount = models.FloatField(_("原签约额（万元）"), default=0.0)
    problems = models.JSONField(_("问题"), default=list, blank=True)
    enterprise = models.ForeignKey(Enterprise, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="projects", verbose_name=_("项目企业"))
    version = models.PositiveIntegerField(default=1)  # +1 on every saved edit (optimistic check)

    class Meta:
        ordering = ("county", "name")
        verbose_name = _("招商项目")
        verbose_name_plural = _("招商项目")

    def __str__(self) -> str:
        return self.name

    def as_record(self) -> ProjectRecord:
        dates: dict[ProjectStage, date] = {}
        for stage, attr in STAGE_FIELDS.items():
            value = getattr(self, attr)
            if value is not None:
                dates[stage] = value
        return ProjectRecord(
            key=self.key, name=self.name, investor=self.investor, origin=InvestorOrigin(self.origin),
            county=self.county, park=self.park, chain=self.chain, top500=Top500(self.top500) if self.top500 else None,
            unit=self.unit, person=self.person, stage=ProjectStage(self.stage), stage_dates=dates,
            signed_amount=self.signed_amount, planned_investment=self.planned_investment,
            funds=tuple(Funds(f.period, f.amount, f.fixed_assets) for f in self.funds.all()),
            nature=ProjectNature(self.nature), earlier=self.earlier.key if self.earlier_id and self.earlier else "",
            earlier_amount=self.earlier_amount, problems=tuple(self.problems),
        )


class ProjectFunds(models.Model):
    """到位资金 of a project in one period (万元)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="funds")
    period = models.CharField(_("时期"), max_length=10)
    amount = models.FloatField(_("到位资金（万元）"))
    fixed_assets = models.FloatField(_("其中固定资产投资（万元）"), default=0.0)

    class Meta:
        ordering = ("period",)
        constraints = (models.UniqueConstraint(fields=["project", "period"], name="registry_funds_once"),)


class RegistryChange(models.Model):
    """The history of the register and the projects: one row per change, append-only."""

    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="+")
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True, default="")
    action = models.CharField(_("操作"), max_length=30)
    object_type = models.CharField(max_length=20)  # enterprise | project | proposal
    object_id = models.CharField(max_length=64, db_index=True)
    field = models.CharField(_("字段"), max_length=60, blank=True, default="")
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)
    reason = models.TextField(_("原因"), blank=True, default="")

    class Meta:
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=["object_type", "object_id"], name="registry_change_object"),)
        verbose_name = _("变更记录")
        verbose_name_plural = _("变更记录")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise RuntimeError("registry changes are append-only")
        super().save(*args, **kwargs)
