"""The audit log: who did what, when, to which object, with the value before and after.

Rows are written only by the named actions (submissions.actions, accounts actions, registry.actions
— the register's and the projects' changes, each also a ``RegistryChange``) inside the same
transaction as the change they record, and are never updated or deleted.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    OPEN_PERIOD = "open_period", _("开启填报期")
    SET_DEADLINE = "set_deadline", _("修改截止日期")
    CLOSE_PERIOD = "close_period", _("关闭填报期")
    REOPEN_PERIOD = "reopen_period", _("重新开启填报期")
    SAVE_VALUES = "save_values", _("保存数据")
    IMPORT_EXCEL = "import_excel", _("Excel 导入")
    SUBMIT = "submit", _("上报")
    RETURN = "return", _("退回")
    APPROVE = "approve", _("审核通过")
    PUBLISH = "publish", _("发布")
    REOPEN = "reopen", _("重新开放")
    LOAD_DATA = "load_data", _("批量载入数据")
    CREATE_USER = "create_user", _("创建用户")
    DEACTIVATE_USER = "deactivate_user", _("停用用户")
    ACTIVATE_USER = "activate_user", _("启用用户")
    RESET_PASSWORD = "reset_password", _("重置密码")
    CHANGE_ROLE = "change_role", _("修改角色或范围")
    GENERATE_BULLETIN = "gen_bulletin", _("生成通报")
    PUBLISH_BULLETIN = "publish_bulletin", _("发布通报")
    WITHDRAW_BULLETIN = "withdraw_bulletin", _("撤回通报")
    START_JOB = "start_job", _("提交后台任务")
    FINISH_JOB = "finish_job", _("后台任务结束")
    REGISTRY_IMPORT = "registry_import", _("导入企业名录")
    REGISTRY_EDIT = "registry_edit", _("修改企业信息")
    REGISTRY_MERGE = "registry_merge", _("合并重复企业")
    POOL_DECISION = "pool_decision", _("审核入库建议")
    PROJECT_CREATE = "project_create", _("新建招商项目")
    PROJECT_EDIT = "project_edit", _("修改招商项目")
    PROJECT_STAGE = "project_stage", _("项目阶段变更")
    PROJECT_FUNDS = "project_funds", _("填报到位资金")
    PROJECT_IMPORT = "project_import", _("导入招商项目")


class AppendOnlyError(RuntimeError):
    """Audit rows cannot be changed or deleted."""


class AuditEntry(models.Model):
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True, default="")
    action = models.CharField(_("操作"), max_length=20, choices=AuditAction.choices)
    submission = models.ForeignKey(
        "submissions.Submission",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="audit_entries",
    )
    object_type = models.CharField(max_length=30)
    object_id = models.CharField(max_length=64, blank=True, default="")
    field = models.CharField(_("对象"), max_length=120, blank=True, default="")
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)
    reason = models.TextField(_("原因"), blank=True, default="")
    origin = models.CharField(_("来源"), max_length=255, blank=True, default="")

    class Meta:
        ordering = ("-at", "-id")
        indexes = (models.Index(fields=["submission", "-at"], name="audit_submission_at"),)
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit entries are append-only")

    def __str__(self) -> str:
        return (
            f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action} {self.object_type}:{self.object_id}"
        )
