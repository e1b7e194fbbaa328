"""Data (not metadata): reporting periods, submissions per scope × period, and their values.

The plan (scopes, indicators, targets) stays in YAML; rows here refer to it by id. A ``DataValue``
mirrors ``planwatch.domain.observations.Observation`` column for column, so the engine reads the
database through one conversion (core.observations).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from planwatch.domain.enums import Measure
from planwatch.domain.observations import Observation
from planwatch.domain.periods import Period, PeriodKind
from planwatch_web.submissions.states import EDITABLE, SubmissionState

MEASURE_LABELS = {
    Measure.LEVEL: _("当期"),
    Measure.YTD: _("累计"),
    Measure.GROWTH: _("同比增长"),
    Measure.YTD_GROWTH: _("累计增长"),
}
PERIOD_KIND_LABELS = {PeriodKind.YEAR: _("年度"), PeriodKind.QUARTER: _("季度"), PeriodKind.MONTH: _("月度")}


class ReportingPeriod(models.Model):
    """A period data are collected for (2025Q1), with its deadline (DHIS2's data set period + expiry)."""

    period = models.CharField(_("时期"), max_length=10, unique=True)  # canonical text: 2025, 2025Q1, 2025-03
    kind = models.CharField(max_length=10, choices=[(k.value, PERIOD_KIND_LABELS[k]) for k in PeriodKind])
    end_ordinal = models.IntegerField(db_index=True)  # Period.ordinal: orders periods by their end
    deadline = models.DateField(_("截止日期"))
    opened_at = models.DateTimeField(auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Closed (收官): collection has ended; open forms are no longer overdue nor fillable. Reopened: None.
    closed_at = models.DateTimeField(_("关闭时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    close_reason = models.TextField(_("关闭原因"), blank=True, default="")

    class Meta:
        ordering = ("-end_ordinal", "kind")
        verbose_name = _("填报期")
        verbose_name_plural = _("填报期")

    @property
    def as_period(self) -> Period:
        return Period.parse(self.period)

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def __str__(self) -> str:
        return self.period


class Submission(models.Model):
    """One scope's form for one period, and where it is in the approval state machine."""

    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="submissions")
    scope_id = models.CharField(_("范围"), max_length=64, db_index=True)
    state = models.CharField(
        _("状态"),
        max_length=12,
        choices=SubmissionState.choices,
        default=SubmissionState.DRAFT,
        db_index=True,
    )
    # Bumped by every action that changes the submission or its values: forms carry the version they
    # were rendered with, so a save based on stale data is refused instead of silently overwriting.
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    first_submitted_at = models.DateTimeField(null=True, blank=True)  # timeliness: the first 上报 counts
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(_("退回原因"), blank=True, default="")

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["period", "scope_id"], name="submission_period_scope"),
        )
        ordering = ("-period__end_ordinal", "scope_id")
        verbose_name = _("填报表")
        verbose_name_plural = _("填报表")

    @property
    def state_enum(self) -> SubmissionState:
        return SubmissionState(self.state)

    @property
    def editable(self) -> bool:
        return self.state_enum in EDITABLE

    def is_overdue(self, today: dt.date) -> bool:
        """Not yet submitted (or sent back and not resubmitted) after the deadline, in a period not closed."""
        return self.state_enum in EDITABLE and today > self.period.deadline and not self.period.is_closed

    @property
    def submitted_late(self) -> bool:
        if self.first_submitted_at is None:
            return False
        return self.first_submitted_at.date() > self.period.deadline

    def __str__(self) -> str:
        return f"{self.scope_id} {self.period_id and self.period.period}"


class DataValue(models.Model):
    """One value: the canonical observation shape (indicator, scope, period, measure, value, source, note)."""

    submission = models.ForeignKey(Submission, on_delete=models.PROTECT, related_name="values")
    indicator = models.CharField(_("指标"), max_length=64)
    scope = models.CharField(_("范围"), max_length=64)
    period = models.CharField(_("时期"), max_length=10)
    measure = models.CharField(
        _("口径"),
        max_length=12,
        choices=[(m.value, MEASURE_LABELS[m]) for m in Measure],
        default=Measure.LEVEL.value,
    )
    value = models.FloatField(
        _("数值"), null=True, blank=True
    )  # None: no data this period; the note says why
    source = models.CharField(_("来源"), max_length=255, blank=True, default="")
    note = models.TextField(_("备注"), blank=True, default="")
    origin = models.CharField(max_length=255, blank=True, default="")  # web form, file:sheet:row, demo load
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = (
            models.UniqueConstraint(fields=["indicator", "scope", "period", "measure"], name="datavalue_key"),
        )
        indexes = (models.Index(fields=["scope", "period"], name="datavalue_scope_period"),)
        ordering = ("indicator", "measure")
        verbose_name = _("数据值")
        verbose_name_plural = _("数据值")

    @property
    def line_key(self) -> str:
        return f"{self.indicator}:{self.measure}"

    def to_observation(self) -> Observation | None:
        if self.value is None:
            return None
        return Observation(
            indicator=self.indicator,
            scope=self.scope,
            period=Period.parse(self.period),
            value=self.value,
            measure=Measure(self.measure),
            source=self.source,
            note=self.note,
            origin=self.origin or f"web:submission:{self.submission_id}",
        )

    def __str__(self) -> str:
        return f"{self.indicator}/{self.scope}/{self.period}/{self.measure}={self.value}"
