"""Who may read a job: whoever started it, and the prefecture administrator."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from planwatch_web.accounts.models import Role, User
from planwatch_web.jobs.models import Job
from planwatch_web.submissions.access import AnyUser


def access_job(user: AnyUser, pk: int) -> Job:
    """The job, or 404 (also for someone else's: a job's existence is not shown)."""
    if not isinstance(user, User) or not user.is_active:
        raise Http404
    job = Job.objects.select_related("created_by").filter(pk=pk).first()
    if job is None or (job.created_by_id != user.pk and user.role != Role.ADMIN):
        raise Http404
    return job


def jobs_for_user(user: AnyUser) -> QuerySet[Job]:
    """The jobs a user may read: their own; every job for the administrator."""
    if not isinstance(user, User) or not user.is_active:
        return Job.objects.none()
    jobs = Job.objects.select_related("created_by")
    return jobs if user.role == Role.ADMIN else jobs.filter(created_by=user)
