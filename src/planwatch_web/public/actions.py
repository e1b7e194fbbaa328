"""Every change to bulletins: named actions, each one transaction with its audit row.

- ``do_start_bulletin_generation``: what the web calls — checks the period, then queues
  ``run_bulletin_job`` as a background job (``planwatch_web.jobs``); the job page shows its progress.
- ``do_generate_bulletin``: the prefecture administrator makes a bulletin for a period from the
  approved data (``public.generate``; 5–30 s, outside any transaction, one at a time per process);
  the bulletin, its files and the audit row are then saved in one transaction, as a draft (待发布).
- ``do_publish_bulletin``: only when every value it was made from is still the same
  (``data_version`` digest) and published (已发布); a bulletin already published for the same period
  is withdrawn in the same transaction (replaced by the new one).
- ``do_withdraw_bulletin``: a draft or published bulletin leaves the public site, with a reason.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from planwatch.domain.periods import Period
from planwatch_web.accounts.models import Role, User
from planwatch_web.audit.models import AuditAction, AuditEntry
from planwatch_web.audit.record import audit_entry, write_audit
from planwatch_web.core.plan import get_plan, scope_label
from planwatch_web.jobs.actions import do_start_job
from planwatch_web.jobs.models import Job, JobKind
from planwatch_web.public import generate
from planwatch_web.public.models import Bulletin, BulletinFile, BulletinState
from planwatch_web.submissions.errors import ActionError, TransitionError
from planwatch_web.submissions.models import ReportingPeriod, Submission
from planwatch_web.submissions.states import ASSESSED_STATES, SubmissionState

MAX_REASON = 2000
SHOWN = 5  # scopes named in a refusal before "等 N 张"

# Rendering is CPU-bound and matplotlib/WeasyPrint are not meant for threads: one generation at a
# time per process; a second request waits at most this long, then is told to try again.
_GENERATING = threading.Lock()


def generation_wait_seconds() -> float:
    return float(getattr(settings, "PLANWATCH_BULLETIN_WAIT_SECONDS", 5))


def bulletin_formats() -> list[str]:
    text = getattr(settings, "PLANWATCH_BULLETIN_FORMATS", "docx,pdf,html")
    return [f.strip() for f in str(text).split(",") if f.strip()]


def _require_admin(actor: User) -> None:
    if not (actor.is_active and actor.role == Role.ADMIN):
        raise TransitionError(_("只有州级管理员可以生成、发布或撤回通报。"))


def _period_label(period: ReportingPeriod) -> str:
    return period.as_period.label_zh


@dataclass(frozen=True)
class Readiness:
    """Whether approved data exist for a period, and which forms of it are still not approved."""

    approved: int  # approved or published forms of the period itself
    pending: int  # forms of the period not yet approved (草稿, 已上报, 已退回)

    @property
    def ok(self) -> bool:
        return self.approved > 0


def readiness(period: ReportingPeriod) -> Readiness:
    subs = Submission.objects.filter(period=period)
    approved = subs.filter(state__in=ASSESSED_STATES).count()
    return Readiness(approved=approved, pending=subs.count() - approved)


def _generable_period(period_id: int) -> ReportingPeriod:
    try:
        period = ReportingPeriod.objects.get(pk=period_id)
    except (ReportingPeriod.DoesNotExist, ValueError, TypeError):
        raise ActionError(_("没有这个填报期。"), code="unknown_period") from None
    if not readiness(period).ok:
        raise ActionError(
            _("%(period)s还没有已审核的数据，不能生成通报。请先审核本期报表。")
            % {"period": _period_label(period)},
            code="no_approved_data",
        )
    return period


def do_start_bulletin_generation(actor: User, period_id: int, *, issued: date) -> Job:
    """Check now what can be checked at once (who, which period, approved data), then queue the
    generation as a background job (``run_bulletin_job``); the request does not wait for it."""
    _require_admin(actor)
    period = _generable_period(period_id)
    return do_start_job(
        actor,
        JobKind.GENERATE_BULLETIN,
        {"period_id": period.pk, "issued": issued.isoformat()},
        label=_period_label(period),
    )


def run_bulletin_job(job: Job, progress: generate.Progress) -> tuple[str, str]:
    """The job's work (in a worker): ``do_generate_bulletin`` for its period; (bulletin id, summary)."""
    bulletin = do_generate_bulletin(
        job.created_by,
        int(job.params["period_id"]),
        issued=date.fromisoformat(str(job.params["issued"])),
        progress=progress,
    )
    summary = _("通报已生成（用时 %(s).1f 秒），请预览后发布。") % {"s": bulletin.generation_seconds}
    return str(bulletin.pk), str(summary)


def do_generate_bulletin(
    actor: User,
    period_id: int,
    *,
    formats: list[str] | None = None,
    issued: date | None = None,
    progress: generate.Progress | None = None,
) -> Bulletin:
    """A draft bulletin for the period from the approved data, with its files and data version."""
    _require_admin(actor)
    period = _generable_period(period_id)
    chosen = formats or bulletin_formats()
    if not _GENERATING.acquire(timeout=generation_wait_seconds()):
        raise ActionError(_("另一份通报正在生成，请稍后再试。"), code="busy")
    try:
        made = generate.generate(
            get_plan(),
            period.as_period,
            chosen,
            issued=issued or timezone.localdate(),
            progress=progress or generate.no_progress,
        )
    except generate.DataChangedError:
        raise ActionError(
            _("生成期间有报表被审核或重新开放，数据不一致，请重新生成。"), code="data_changed"
        ) from None
    except generate.RenderError as exc:
        raise ActionError(
            _("生成 %(format)s 格式的通报失败：%(detail)s") % {"format": exc.format, "detail": exc.detail},
            code="render_failed",
        ) from None
    finally:
        _GENERATING.release()
    now = timezone.now()
    with transaction.atomic():
        bulletin = Bulletin.objects.create(
            period=period,
            title=made.title,
            plan_id=get_plan().meta.id,
            synthetic=made.synthetic,
            issued=issued or timezone.localdate(),
            generated_at=now,
            generated_by=actor,
            generation_seconds=round(made.seconds, 2),
            data_digest=made.data.digest,
            data_submissions=made.data.count,
            data_values=made.data.values,
            data_version=[list(s) for s in made.data.submissions],
            notes=made.notes,
        )
        BulletinFile.objects.bulk_create(
            BulletinFile(
                bulletin=bulletin,
                format=f.format,
                filename=f.filename,
                content_type=f.content_type,
                size=len(f.content),
                sha256=f.sha256,
                content=f.content,
            )
            for f in made.files
        )
        write_audit(
            [
                audit_entry(
                    actor,
                    AuditAction.GENERATE_BULLETIN,
                    object_type="bulletin",
                    object_id=bulletin.pk,
                    field=period.period,
                    after={
                        "title": made.title,
                        "state": BulletinState.DRAFT.value,
                        "formats": [f.format for f in made.files],
                        "data_submissions": made.data.count,
                        "data_values": made.data.values,
                        "data_digest": made.data.digest,
                        "seconds": round(made.seconds, 2),
                    },
                )
            ]
        )
    return bulletin


def publish_blockers(bulletin: Bulletin) -> list[str]:
    """Why this bulletin cannot be published now (empty: it can). Chinese, with the forms named."""
    if bulletin.state_enum is not BulletinState.DRAFT:
        return [
            str(
                _("通报当前状态为「%(state)s」，只有待发布的通报可以发布。")
                % {"state": bulletin.state_enum.label}
            )
        ]
    as_of = bulletin.period.as_period
    current = generate.data_version(as_of)
    if current.digest != bulletin.data_digest:
        return [
            str(
                _(
                    "通报生成后数据已有变动（有报表重新开放、重新审核或新审核通过），"
                    "通报内容已不是现在的数据。请重新生成通报后再发布。"
                )
            )
        ]
    unpublished = _unpublished(as_of)
    if unpublished:
        names = "、".join(f"{scope_label(s.scope_id)}（{s.period.period}）" for s in unpublished[:SHOWN])
        more = len(unpublished) - SHOWN
        return [
            str(
                _(
                    "通报所用数据中有 %(n)d 张报表已审核但尚未发布：%(names)s%(more)s。"
                    "公开通报只能使用已发布的数据，请先在填报期页面发布这些数据，再发布通报。"
                )
                % {
                    "n": len(unpublished),
                    "names": names,
                    "more": (_("等") if more > 0 else ""),
                }
            )
        ]
    return []


def _unpublished(as_of: Period) -> list[Submission]:
    return list(
        Submission.objects.select_related("period")
        .filter(state=SubmissionState.APPROVED, period__end_ordinal__lte=as_of.ordinal)
        .order_by("-period__end_ordinal", "scope_id")
    )


def _lock(bulletin_id: int) -> Bulletin:
    return Bulletin.objects.select_for_update().select_related("period").get(pk=bulletin_id)


def do_publish_bulletin(actor: User, bulletin_id: int) -> Bulletin:
    """Publish a draft whose data are all published and unchanged; replace the period's earlier one."""
    _require_admin(actor)
    with transaction.atomic():
        bulletin = _lock(bulletin_id)
        blockers = publish_blockers(bulletin)
        if blockers:
            raise TransitionError(blockers[0], details=blockers)
        now = timezone.now()
        audit: list[AuditEntry] = []
        replaced = (
            Bulletin.objects.select_for_update()
            .filter(period=bulletin.period, state=BulletinState.PUBLISHED)
            .exclude(pk=bulletin.pk)
        )
        for old in replaced:
            reason = str(_("已由新版通报（编号 %(id)d）替代") % {"id": bulletin.pk})
            old.state, old.withdrawn_at, old.withdrawn_by, old.withdraw_reason = (
                BulletinState.WITHDRAWN,
                now,
                actor,
                reason,
            )
            old.save(update_fields=["state", "withdrawn_at", "withdrawn_by", "withdraw_reason"])
            audit.append(
                _state_entry(actor, AuditAction.WITHDRAW_BULLETIN, old, BulletinState.PUBLISHED, reason)
            )
        bulletin.state, bulletin.published_at, bulletin.published_by = BulletinState.PUBLISHED, now, actor
        bulletin.save(update_fields=["state", "published_at", "published_by"])
        audit.append(_state_entry(actor, AuditAction.PUBLISH_BULLETIN, bulletin, BulletinState.DRAFT, ""))
        write_audit(audit)
    return bulletin


def do_withdraw_bulletin(actor: User, bulletin_id: int, reason: str) -> Bulletin:
    """Take a draft or published bulletin off the site (it stays readable to the administrator)."""
    _require_admin(actor)
    reason = reason.strip()
    if not reason:
        raise ActionError(_("请填写原因。"), code="reason_required")
    if len(reason) > MAX_REASON:
        raise ActionError(_("原因不能超过 %(n)d 个字。") % {"n": MAX_REASON}, code="reason_too_long")
    with transaction.atomic():
        bulletin = _lock(bulletin_id)
        before = bulletin.state_enum
        if before is BulletinState.WITHDRAWN:
            raise TransitionError(_("该通报已撤回。"))
        bulletin.state, bulletin.withdrawn_at, bulletin.withdrawn_by, bulletin.withdraw_reason = (
            BulletinState.WITHDRAWN,
            timezone.now(),
            actor,
            reason,
        )
        bulletin.save(update_fields=["state", "withdrawn_at", "withdrawn_by", "withdraw_reason"])
        write_audit([_state_entry(actor, AuditAction.WITHDRAW_BULLETIN, bulletin, before, reason)])
    return bulletin


def _state_entry(
    actor: User, action: AuditAction, bulletin: Bulletin, before: BulletinState, reason: str
) -> AuditEntry:
    return audit_entry(
        actor,
        action,
        object_type="bulletin",
        object_id=bulletin.pk,
        field=bulletin.period.period,
        before={"state": before.value},
        after={"state": bulletin.state},
        reason=reason,
    )
