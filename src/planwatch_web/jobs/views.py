"""/jobs/<id>/: a background job's progress, then its result (a link to what it made) or its error."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from planwatch_web.jobs.access import access_job
from planwatch_web.jobs.models import Job, JobKind, JobState

REFRESH_SECONDS = 2
# Where the object a kind of job makes is shown.
RESULT_PAGES: dict[JobKind, str] = {JobKind.GENERATE_BULLETIN: "bulletins:detail"}


def result_url(job: Job) -> str:
    if job.state_enum is not JobState.DONE or not job.result_id:
        return ""
    return reverse(RESULT_PAGES[job.kind_enum], args=[job.result_id])


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = access_job(request.user, pk)
    return render(
        request,
        "jobs/detail.html",
        {
            "job": job,
            "result_url": result_url(job),
            "refresh": 0 if job.finished else REFRESH_SECONDS,
        },
    )


@login_required
@require_GET
def status(request: HttpRequest, pk: int) -> JsonResponse:
    """The same as JSON (for scripts and the load benchmark)."""
    job = access_job(request.user, pk)
    return JsonResponse(
        {
            "id": job.pk,
            "kind": job.kind,
            "state": job.state,
            "progress": job.progress,
            "step": job.step,
            "error": job.error,
            "result_url": result_url(job),
        }
    )
