"""Users with one role and, for reporters and chain chiefs, one scope id from the plan."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a signed-in user may do (docs/web.md, "Roles"). The public needs no account."""

    ADMIN = (
        "admin",
        _("州级管理员"),
    )  # the prefecture bureau: plan, periods, approvals; fills the prefecture form
    REPORTER = "reporter", _("填报员")  # a county, the high-tech zone or a park: its own scope only
    CHAIN_CHIEF = "chain_chief", _("链长")  # one industry chain and its sub-industries
    LEADER = "leader", _("领导")  # reads everything, changes nothing
    CHAIN_OFFICE = "chain_office", _("链办")  # the office of one industry chain: works its problem list
    UNIT = "unit", _("责任单位")  # a department, county or park answering problems (scope: a unit id of the chain file)


class User(AbstractUser):
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices, default=Role.REPORTER)
    scope_id = models.CharField(
        _("负责范围"),
        max_length=64,
        blank=True,
        default="",
        help_text=_("规划中的范围 id：填报员为其县市区或园区，链长为其产业链，州级管理员为州本级。"),
    )
    display_name = models.CharField(_("姓名或单位"), max_length=100, blank=True, default="")

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def is_admin(self) -> bool:
        return self.is_active and self.role == Role.ADMIN

    @property
    def is_leader(self) -> bool:
        return self.is_active and self.role == Role.LEADER

    def __str__(self) -> str:
        return self.display_name or self.username


class LoginAttempt(models.Model):
    """One sign-in attempt, kept for the rate limit (accounts.ratelimit) and for the security log."""

    username = models.CharField(max_length=150, db_index=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(db_index=True)
    succeeded = models.BooleanField(default=False)

    class Meta:
        indexes = (models.Index(fields=["ip", "at"], name="loginattempt_ip_at"),)

    def __str__(self) -> str:
        return f"{self.username}@{self.ip} {self.at:%Y-%m-%d %H:%M} {'ok' if self.succeeded else 'failed'}"
