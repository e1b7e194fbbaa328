"""Running one job by id (what a worker does with a message), whichever worker it is.

Each kind names its handler (``HANDLERS``): a function ``(job, progress) -> (result_id, summary)``
that lives with the objects it makes (a bulletin's is ``public.actions.run_bulletin_job``). An
``ActionError`` is the user's problem and its Chinese message is shown as it is; anything else is
logged with its traceback on the server and shown as a short Chinese message naming the job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Protocol

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from planwatch_web.jobs import actions
from planwatch_web.jobs.models import Job, JobKind, JobState
from planwatch_web.submissions.errors import ActionError

log = logging.getLogger(__name__)

HANDLERS: dict[JobKind, str] = {
    JobKind.GENERATE_BULLETIN: "planwatch_web.public.actions.run_bulletin_job",
}


class Progress(Protocol):
    def __call__(self, percent: int, step: str) -> None: ...


Handler = Callable[[Job, Progress], tuple[str, str]]


def run_job(job_id: int) -> JobState | None:
    """Run a queued job to its end; None when there is nothing to run (unknown, or already taken)."""
    with translation.override(settings.LANGUAGE_CODE):
        return _run(job_id)


def run_job_in_worker(job_id: int) -> None:
    """``run_job`` in a worker thread: a fresh database connection, closed afterwards (worker threads
    live long; a connection must not outlive its job or be shared with a request)."""
    close_old_connections()
    try:
        run_job(job_id)
    finally:
        connection.close()


def _run(job_id: int) -> JobState | None:
    job = Job.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or not actions.mark_running(job_id, _("准备中")):
        log.warning("job %s: not queued any more, nothing to do", job_id)
        return None
    handler: Handler = import_string(HANDLERS[job.kind_enum])

    def progress(percent: int, step: str) -> None:
        actions.report_progress(job_id, percent, step)

    try:
        result_id, summary = handler(job, progress)
    except ActionError as exc:
        actions.do_finish_job(job_id, JobState.FAILED, error=str(exc.message))
        return JobState.FAILED
    except Exception:
        log.exception("job %s (%s) failed", job_id, job.kind)
        actions.do_finish_job(
            job_id,
            JobState.FAILED,
            error=_("后台任务出错（任务编号 %(id)d），请联系系统管理员查看服务器日志。") % {"id": job_id},
        )
        return JobState.FAILED
    actions.do_finish_job(job_id, JobState.DONE, result_id=result_id, summary=summary)
    return JobState.DONE
