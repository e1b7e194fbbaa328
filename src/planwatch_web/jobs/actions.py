"""Every change of a job's state: named actions, each one transaction with its audit row.

- ``do_start_job``: the job row (排队中) and the audit row 提交后台任务; it goes on the queue only once
  that transaction has committed (a worker must find the row).
- ``do_finish_job``: 已完成 with the object it made, or 失败 with the error in Chinese; audit row
  后台任务结束 (before → after state, result or error, seconds).

Progress (percentage and step) is not audited: it changes no data, only what the page shows.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from planwatch_web.accounts.models import User
from planwatch_web.audit.models import AuditAction
from planwatch_web.audit.record import audit_entry, write_audit
from planwatch_web.jobs.models import Job, JobKind, JobState
from planwatch_web.jobs.queue import job_queue

log = logging.getLogger(__name__)


def do_start_job(actor: User, kind: JobKind, params: dict[str, Any], label: str) -> Job:
    """A queued job, audited; sent to the queue after the commit (the request never runs it)."""
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind, params=params, label=label[:200], created_by=actor, created_at=timezone.now()
        )
        write_audit(
            [
                audit_entry(
                    actor,
                    AuditAction.START_JOB,
                    object_type="job",
                    object_id=job.pk,
                    field=kind.value,
                    after={"kind": kind.value, "label": job.label, "params": params, "state": job.state},
                )
            ]
        )
        transaction.on_commit(lambda: _send(job.pk))
    return job


def _send(job_id: int) -> None:
    try:
        job_queue().send(job_id)
    except Exception:  # the queue server did not answer: the job must not wait for ever
        log.exception("job %s could not be queued", job_id)
        do_finish_job(job_id, JobState.FAILED, error=_("任务队列暂时不可用（Redis 未响应），请稍后重试。"))


def mark_running(job_id: int, step: str) -> bool:
    """排队中 → 进行中, once: False when another worker already took it (a message delivered twice)."""
    return bool(
        Job.objects.filter(pk=job_id, state=JobState.QUEUED).update(
            state=JobState.RUNNING, started_at=timezone.now(), step=step[:200], progress=0
        )
    )


def report_progress(job_id: int, percent: int, step: str) -> None:
    Job.objects.filter(pk=job_id, state=JobState.RUNNING).update(
        progress=max(0, min(100, percent)), step=step[:200]
    )


def do_finish_job(
    job_id: int, state: JobState, *, result_id: str = "", summary: str = "", error: str = ""
) -> Job:
    """The job's end, with its audit row (actor: whoever started it)."""
    if state not in (JobState.DONE, JobState.FAILED):
        raise ValueError(state)
    with transaction.atomic():
        job = Job.objects.select_for_update().select_related("created_by").get(pk=job_id)
        before = job.state
        now = timezone.now()
        job.state, job.finished_at, job.result_id, job.error = state, now, result_id, error
        job.started_at = job.started_at or now
        if state is JobState.DONE:
            job.progress = 100
        job.step = summary[:200] if summary else job.step
        job.save(
            update_fields=["state", "finished_at", "started_at", "result_id", "error", "progress", "step"]
        )
        write_audit(
            [
                audit_entry(
                    job.created_by,
                    AuditAction.FINISH_JOB,
                    object_type="job",
                    object_id=job.pk,
                    field=job.kind,
                    before={"state": before},
                    after={
                        "state": state.value,
                        "result": result_id,
                        "error": error,
                        "seconds": round(job.seconds or 0.0, 2),
                    },
                    origin="worker",
                )
            ]
        )
    return job
