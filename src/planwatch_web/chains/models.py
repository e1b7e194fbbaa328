"""The problem list (问题清单): one row per problem, and its append-only history of transitions.

The chain itself (roles, nodes, policies, 招商 targets) is the plan's chain file, read by the core
(``planwatch.chains``); only what changes every day lives in the database.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planwatch.chains.schema import InvestmentStatus
from planwatch.chains.workflow import Action, ProblemState


class State(models.TextChoices):
    """``planwatch.chains.workflow.ProblemState`` with translated labels."""

    RAISED = ProblemState.RAISED.value, _("提出")
    ASSIGNED = ProblemState.ASSIGNED.value, _("交办")
    IN_PROGRESS = ProblemState.IN_PROGRESS.value, _("办理中")
    DONE = ProblemState.DONE.value, _("已办结")
    CONFIRMED = ProblemState.CONFIRMED.value, _("企业确认")
    CLOSED = ProblemState.CLOSED.value, _("销号")
    RETURNED = ProblemState.RETURNED.value, _("退回")


class RaisedBy(models.TextChoices):
    ENTERPRISE = "enterprise", _("企业")
    UNIT = "unit", _("单位")


class ExtensionState(models.TextChoices):
    NONE = "", _("无")
    REQUESTED = "requested", _("待审批")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("未批准")


class ProblemItem(models.Model):
    chain_id = models.CharField(_("产业链"), max_length=64, db_index=True)
    title = models.CharField(_("问题"), max_length=200)
    description = models.TextField(_("问题描述"), blank=True, default="")
    raised_by_kind = models.CharField(_("提出方类型"), max_length=20, choices=RaisedBy.choices)
    raised_by = models.CharField(_("提出方"), max_length=200)
    category = models.CharField(_("类别"), max_length=64)
    common = models.BooleanField(_("共性问题"), default=False)  # 共性问题: goes to the chain's 专班
    state = models.CharField(
        _("状态"), max_length=20, choices=State.choices, default=State.RAISED, db_index=True
    )
    lead_unit = models.CharField(_("主办单位"), max_length=64, blank=True, default="", db_index=True)
    # 协办 unit ids as ",a,b," so that "is this unit on it" is one portable LIKE query.
    assist_text = models.CharField(_("协办单位"), max_length=500, blank=True, default="")
    assigned_on = models.DateField(_("交办日期"), null=True, blank=True)
    deadline = models.DateField(_("主办期限"), null=True, blank=True)
    assist_deadline = models.DateField(_("协办期限"), null=True, blank=True)
    extension = models.CharField(
        _("延期"), max_length=20, choices=ExtensionState.choices, blank=True, default=ExtensionState.NONE
    )
    extension_until = models.DateField(_("申请延期至"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("督办时间"), null=True, blank=True)
    answer = models.TextField(_("办理情况"), blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("问题")
        verbose_name_plural = _("问题清单")

    @property
    def state_enum(self) -> ProblemState:
        return ProblemState(self.state)

    @property
    def assist_units(self) -> list[str]:
        return [u for u in self.assist_text.split(",") if u]

    @assist_units.setter
    def assist_units(self, units: list[str]) -> None:
        self.assist_text = f",{','.join(units)}," if units else ""

    def units(self) -> set[str]:
        return {self.lead_unit, *self.assist_units} - {""}

    def snapshot(self) -> dict[str, Any]:
        """What an event records before and after."""
        return {
            "state": self.state,
            "lead_unit": self.lead_unit,
            "assist_units": list(self.assist_units),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "assist_deadline": self.assist_deadline.isoformat() if self.assist_deadline else None,
            "extension": self.extension,
            "extension_until": self.extension_until.isoformat() if self.extension_until else None,
            "escalated": self.escalated_at is not None,
        }

    def __str__(self) -> str:
        return f"{self.chain_id}#{self.pk} {self.title}"


class ProblemEvent(models.Model):
    """One transition of an item: who, when, which action, the item before and after, the reason."""

    item = models.ForeignKey(ProblemItem, on_delete=models.PROTECT, related_name="events")
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(_("操作人"), max_length=150)
    action = models.CharField(_("操作"), max_length=30, choices=[(a.value, a.value) for a in Action])
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)
    reason = models.TextField(_("理由或办理情况"), blank=True, default="")

    class Meta:
        ordering = ("at", "id")
        verbose_name = _("问题办理记录")
        verbose_name_plural = _("问题办理记录")

    def save(self, *args: Any, **kwargs: Any) -> None:
        from planwatch_web.audit.models import AppendOnlyError

        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("problem events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        from planwatch_web.audit.models import AppendOnlyError

        raise AppendOnlyError("problem events are append-only")


class ChainRoleFill(models.Model):
    """Who holds a role the plan leaves to fill (链长, 副链长, 链办, 牵头部门, 专班 member), as the
    prefecture records it. Rows are appended, never changed: the latest per chain and role is current,
    the earlier ones are its history (who set it, when)."""

    chain_id = models.CharField(_("产业链"), max_length=64, db_index=True)
    role = models.CharField(_("职责"), max_length=30)  # planwatch.chains.schema.RoleKind
    person = models.CharField(_("人员"), max_length=100, blank=True, default="")
    post = models.CharField(_("职务"), max_length=100, blank=True, default="")
    units = models.CharField(_("单位"), max_length=500, blank=True, default="")  # unit ids, comma-separated
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    set_by_name = models.CharField(_("操作人"), max_length=150, blank=True, default="")
    at = models.DateTimeField(_("时间"), default=timezone.now)
    synthetic = models.BooleanField(default=False)  # demo data
    cleared = models.BooleanField(default=False)  # a removal: the role is open again (待州里填写)

    class Meta:
        ordering = ("chain_id", "role", "-at", "-id")

    def snapshot(self) -> dict[str, Any]:
        return {"person": self.person, "post": self.post, "units": [u for u in self.units.split(",") if u]}


class ChainPolicy(models.Model):
    """A policy document of a chain (政策清单) the prefecture records."""

    chain_id = models.CharField(_("产业链"), max_length=64, db_index=True)
    title = models.CharField(_("文件"), max_length=200)
    issuer = models.CharField(_("发文单位"), max_length=100, blank=True, default="")
    number = models.CharField(_("文号"), max_length=100, blank=True, default="")
    issued = models.DateField(_("日期"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_by_name = models.CharField(_("操作人"), max_length=150, blank=True, default="")
    at = models.DateTimeField(_("时间"), default=timezone.now)
    synthetic = models.BooleanField(default=False)

    class Meta:
        ordering = ("chain_id", "issued", "id")

    def snapshot(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "issuer": self.issuer,
            "number": self.number,
            "issued": self.issued.isoformat() if self.issued else None,
        }


class InvestmentState(models.TextChoices):
    """``planwatch.chains.schema.InvestmentStatus`` with translated labels."""

    PLANNED = InvestmentStatus.PLANNED.value, _("拟引进")
    CONTACTED = InvestmentStatus.CONTACTED.value, _("已对接")
    NEGOTIATING = InvestmentStatus.NEGOTIATING.value, _("洽谈中")
    SIGNED = InvestmentStatus.SIGNED.value, _("已签约")
    LANDED = InvestmentStatus.LANDED.value, _("已落地")


class ChainTargetStatus(models.Model):
    """Where a 招商 target of the chain file stands now, as the 链办 or the prefecture records it.
    Rows are appended: the latest per chain and target is current; without one, the file's status."""

    chain_id = models.CharField(_("产业链"), max_length=64, db_index=True)
    target = models.CharField(_("招商目标"), max_length=200)  # the target's name in the chain file
    status = models.CharField(_("状态"), max_length=20, choices=InvestmentState.choices)
    note = models.CharField(_("说明"), max_length=500, blank=True, default="")
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    set_by_name = models.CharField(_("操作人"), max_length=150, blank=True, default="")
    at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        ordering = ("chain_id", "target", "-at", "-id")


class ChangeKind(models.TextChoices):
    ROLE = "role", _("职责")
    POLICY = "policy", _("政策文件")
    TARGET = "target", _("招商目标")


class ChangeAction(models.TextChoices):
    ADD = "add", _("新增")
    EDIT = "edit", _("修改")
    DELETE = "delete", _("删除")
    STATUS = "status", _("更新状态")


class ChainChange(models.Model):
    """Every change to a chain's roles, policies and 招商 targets: who, when, what, before → after.
    Append-only, like the audit log."""

    chain_id = models.CharField(_("产业链"), max_length=64, db_index=True)
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True, default="")
    kind = models.CharField(_("对象"), max_length=20, choices=ChangeKind.choices)
    action = models.CharField(_("操作"), max_length=20, choices=ChangeAction.choices)
    key = models.CharField(_("名称"), max_length=200)  # the role, the policy's title, the target's name
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)

    class Meta:
        ordering = ("-at", "-id")

    def save(self, *args: Any, **kwargs: Any) -> None:
        from planwatch_web.audit.models import AppendOnlyError

        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("chain changes are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        from planwatch_web.audit.models import AppendOnlyError

        raise AppendOnlyError("chain changes are append-only")
