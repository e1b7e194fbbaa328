"""Published bulletins (一季一通报): one row per generated bulletin and one per file (DOCX, PDF, HTML).

Files live in the database (``BulletinFile.content``, bytea on PostgreSQL, BLOB on SQLite), not on
disk: a bulletin and its files are written in one transaction with their audit row (nothing
half-saved, no orphan files when a transaction rolls back), every application server reads them
without a shared folder, and a database backup holds them. A bulletin is about 2 MB in three
formats, four a year: small for either database. Lists never load the bytes (``defer``).

A bulletin keeps the data version it was made from: which approved/published submissions (ids and
versions), how many values, and a fingerprint of those values; publishing checks the fingerprint
again, so a bulletin whose data changed after it was generated cannot be published.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BulletinState(models.TextChoices):
    DRAFT = "draft", _("待发布")
    PUBLISHED = "published", _("已发布")
    WITHDRAWN = "withdrawn", _("已撤回")


class Bulletin(models.Model):
    period = models.ForeignKey(
        "submissions.ReportingPeriod",
        on_delete=models.PROTECT,
        related_name="bulletins",
        verbose_name=_("时期"),
    )
    title = models.CharField(_("标题"), max_length=300)
    plan_id = models.CharField(max_length=64)
    state = models.CharField(
        _("状态"), max_length=12, choices=BulletinState.choices, default=BulletinState.DRAFT, db_index=True
    )
    synthetic = models.BooleanField(default=False)  # made from synthetic demo data (it says so inside)
    issued = models.DateField(_("印发日期"))  # the date printed under the text
    generated_at = models.DateTimeField(_("生成时间"))
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    generation_seconds = models.FloatField(default=0.0)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    withdraw_reason = models.TextField(_("撤回原因"), blank=True, default="")
    # The data version: approved/published submissions of periods up to this one, when generated.
    data_digest = models.CharField(max_length=64)  # sha256 of the submissions and values used
    data_submissions = models.PositiveIntegerField(default=0)
    data_values = models.PositiveIntegerField(default=0)
    data_version = models.JSONField(default=list)  # [[submission id, version, period, scope id], …]
    notes = models.JSONField(default=list)  # what generation reported (e.g. why no ranking), Chinese

    class Meta:
        ordering = ("-generated_at", "-id")
        verbose_name = _("通报")
        verbose_name_plural = _("通报")

    @property
    def state_enum(self) -> BulletinState:
        return BulletinState(self.state)

    def __str__(self) -> str:
        return self.title


class BulletinFile(models.Model):
    bulletin = models.ForeignKey(Bulletin, on_delete=models.CASCADE, related_name="files")
    format = models.CharField(max_length=16)  # a renderer name: docx, pdf, html
    filename = models.CharField(max_length=200)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    content = models.BinaryField()

    class Meta:
        constraints = (models.UniqueConstraint(fields=["bulletin", "format"], name="bulletinfile_format"),)
        ordering = ("bulletin", "id")

    def __str__(self) -> str:
        return self.filename
