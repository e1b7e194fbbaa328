"""Background jobs (docs/web.md, "Background jobs"): long work started from the web, run off the request.

One row per job: what it does (``JobKind``), where it is (``JobState``, a percentage and the step
being done), who started it, and its result (the object it made) or its error, in Chinese. The
queue (``jobs.queue``) carries only the job's id; everything a page shows is in this row, so any
application server shows the progress of a job any worker runs.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class JobKind(models.TextChoices):
    GENERATE_BULLETIN = "gen_bulletin", _("生成通报")


class JobState(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", pgettext_lazy("job state", "已完成")
    FAILED = "failed", _("失败")


FINISHED_STATES = frozenset({JobState.DONE, JobState.FAILED})


class Job(models.Model):
    kind = models.CharField(_("任务类型"), max_length=20, choices=JobKind.choices)
    state = models.CharField(
        _("状态"), max_length=10, choices=JobState.choices, default=JobState.QUEUED, db_index=True
    )
    params = models.JSONField(default=dict)  # the kind's arguments (e.g. period id, date of issue)
    label = models.CharField(_("对象"), max_length=200, blank=True, default="")  # e.g. "2025年第三季度"
    progress = models.PositiveSmallIntegerField(_("完成百分比"), default=0)  # 0–100
    step = models.CharField(_("当前步骤"), max_length=200, blank=True, default="")
    result_id = models.CharField(max_length=64, blank=True, default="")  # the object made (a bulletin's id)
    error = models.TextField(_("错误"), blank=True, default="")  # Chinese, for the page; never a traceback
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("提交时间"))
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")

    @property
    def state_enum(self) -> JobState:
        return JobState(self.state)

    @property
    def kind_enum(self) -> JobKind:
        return JobKind(self.kind)

    @property
    def finished(self) -> bool:
        return self.state_enum in FINISHED_STATES

    @property
    def seconds(self) -> float | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()

    def __str__(self) -> str:
        return f"job {self.pk} {self.kind} {self.state} {self.progress}%"
