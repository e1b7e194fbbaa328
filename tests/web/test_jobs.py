"""Background jobs: 生成通报 runs off the request — in this process by default, on the Redis queue in production.

The renderers are replaced by a small fake (as in test_bulletins_web.py) that can be held at a step,
so a test can look at the job's page while it runs. What is tested is the job machinery: the request
returns before the work, the page shows the progress, then the result or the error in Chinese, and
start and finish are audited. The Redis tests use the real server (127.0.0.1:6379, or
PLANWATCH_TEST_REDIS_URL) under a key prefix of their own, and skip saying why when it does not answer.
"""

from __future__ import annotations

import os
import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from planwatch.domain.periods import Period
from planwatch.plan.load import Plan
from planwatch_web.accounts.models import User
from planwatch_web.audit.models import AuditAction, AuditEntry
from planwatch_web.jobs.models import Job, JobState
from planwatch_web.jobs.queue import QUEUE_NAME, JobQueue, job_queue, make_queue, use_queue
from planwatch_web.public import generate
from planwatch_web.public.models import Bulletin
from planwatch_web.submissions.models import ReportingPeriod, Submission

from .test_dashboards_helpers import approve

REDIS_URL = os.environ.get("PLANWATCH_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
WAIT = 20.0  # seconds a test waits for a worker before it fails (never hangs)


def _text(response: object) -> str:
    html = response.content.decode()  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


class HeldGeneration:
    """A fake ``generate.generate``: reports progress 30 %, then waits until released."""

    def __init__(self) -> None:
        self.at_step = threading.Event()
        self.release = threading.Event()
        self.fail_with: Exception | None = None

    def __call__(
        self,
        plan: Plan,
        as_of: Period,
        formats: Sequence[str],
        *,
        issued: date,
        progress: generate.Progress = generate.no_progress,
    ) -> generate.GeneratedBulletin:
        progress(30, "评估各项指标")
        self.at_step.set()
        if not self.release.wait(WAIT):
            raise TimeoutError("the test never released the generation")
        if self.fail_with is not None:
            raise self.fail_with
        made = generate.GeneratedBulletin(
            f"测试通报（{as_of.label_zh}）", as_of, False, generate.data_version(as_of)
        )
        for fmt in formats:
            made.files.append(
                generate.RenderedFile(fmt, f"b.{fmt}", generate.content_type_of(fmt, f"b.{fmt}"), b"x")
            )
        made.seconds = 0.5
        return made


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> HeldGeneration:
    fake = HeldGeneration()
    monkeypatch.setattr(generate, "generate", fake)
    return fake


@pytest.fixture
def approved(users: dict[str, User], subs: dict[str, Submission]) -> Submission:
    return approve(users, subs["luxi"], "luxi", 31.0)


def _wait_for(job_id: int, *states: JobState) -> Job:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        try:
            job = Job.objects.get(pk=job_id)
        except OperationalError:  # SQLite's shared in-memory test database: the worker holds the table
            time.sleep(0.05)
            continue
        if job.state_enum in states:
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} never reached {states}: {Job.objects.get(pk=job_id)}")


def _start(admin: Client, period: ReportingPeriod) -> Job:
    started = time.perf_counter()
    response = admin.post(reverse("bulletins:index"), {"period": period.pk, "issued": "2025-10-20"})
    took = time.perf_counter() - started
    assert response.status_code == 302
    job = Job.objects.latest("id")
    assert response["Location"] == reverse("jobs:detail", args=[job.pk])
    # The generation is held inside the worker: a request that waited for it would take WAIT seconds.
    assert took < WAIT / 2
    return job


# -- the embedded default: a worker thread inside this process, no server ---------------------------------
@pytest.mark.django_db(transaction=True)
def test_in_process_job_runs_off_the_request_with_progress_and_result(
    login: Callable[[str], Client],
    users: dict[str, User],
    approved: Submission,
    period: ReportingPeriod,
    held: HeldGeneration,
    settings: object,
) -> None:
    assert settings.PLANWATCH_REDIS_URL == ""  # type: ignore[attr-defined]  # the default settings
    queue = job_queue()
    assert queue.in_process
    admin = login("admin")
    job = _start(admin, period)
    assert held.at_step.wait(WAIT), "the in-process worker never started the job"
    assert not Bulletin.objects.exists()  # the request has returned; the work is not done

    page = admin.get(reverse("jobs:detail", args=[job.pk]))
    text = _text(page)
    assert "状态： 进行中" in text and "30% 评估各项指标" in text
    assert '<meta http-equiv="refresh" content="2">' in page.content.decode()
    status = admin.get(reverse("jobs:status", args=[job.pk])).json()
    assert (status["state"], status["progress"], status["step"]) == ("running", 30, "评估各项指标")

    held.release.set()
    queue.join()
    job = _wait_for(job.pk, JobState.DONE, JobState.FAILED)
    bulletin = Bulletin.objects.get()
    assert (job.state, job.progress, job.result_id) == (JobState.DONE, 100, str(bulletin.pk))
    page = admin.get(reverse("jobs:detail", args=[job.pk]))
    assert reverse("bulletins:detail", args=[bulletin.pk]) in page.content.decode()
    assert "http-equiv" not in page.content.decode()  # finished: no more refreshing
    assert "通报已生成（用时 0.5 秒），请预览后发布。" in _text(page)

    trail = [
        (a.action, a.object_type, a.actor_name)
        for a in AuditEntry.objects.filter(object_type__in=["job", "bulletin"]).order_by("id")
    ]
    assert trail == [
        (AuditAction.START_JOB, "job", "admin"),
        (AuditAction.GENERATE_BULLETIN, "bulletin", "admin"),
        (AuditAction.FINISH_JOB, "job", "admin"),
    ]
    finish = AuditEntry.objects.get(action=AuditAction.FINISH_JOB)
    assert finish.before == {"state": "running"}
    assert finish.after is not None and finish.after["state"] == "done"
    assert finish.after["result"] == str(bulletin.pk) and finish.after["error"] == ""


@pytest.mark.django_db(transaction=True)
def test_a_failed_job_shows_its_error_in_chinese_and_saves_nothing(
    login: Callable[[str], Client],
    approved: Submission,
    period: ReportingPeriod,
    held: HeldGeneration,
) -> None:
    held.fail_with = generate.RenderError("pdf", "字体缺失")
    admin = login("admin")
    job = _start(admin, period)
    held.release.set()
    job_queue().join()
    job = _wait_for(job.pk, JobState.DONE, JobState.FAILED)
    assert job.state == JobState.FAILED and job.error == "生成 pdf 格式的通报失败：字体缺失"
    assert not Bulletin.objects.exists()
    page = _text(admin.get(reverse("jobs:detail", args=[job.pk])))
    assert "状态： 失败" in page and "生成 pdf 格式的通报失败：字体缺失" in page
    finish = AuditEntry.objects.get(action=AuditAction.FINISH_JOB)
    assert finish.after is not None and finish.after["error"] == "生成 pdf 格式的通报失败：字体缺失"


@pytest.mark.django_db(transaction=True)
def test_an_unexpected_failure_is_logged_not_shown(
    login: Callable[[str], Client],
    approved: Submission,
    period: ReportingPeriod,
    held: HeldGeneration,
) -> None:
    held.fail_with = KeyError("internal detail")
    admin = login("admin")
    job = _start(admin, period)
    held.release.set()
    job_queue().join()
    job = _wait_for(job.pk, JobState.DONE, JobState.FAILED)
    assert job.error == f"后台任务出错（任务编号 {job.pk}），请联系系统管理员查看服务器日志。"
    page = admin.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert "internal detail" not in page and "Traceback" not in page


def test_refusals_are_immediate_and_queue_nothing(
    login: Callable[[str], Client], subs: dict[str, Submission], period: ReportingPeriod
) -> None:
    response = login("admin").post(reverse("bulletins:index"), {"period": period.pk}, follow=True)
    assert "2025年第三季度还没有已审核的数据，不能生成通报。请先审核本期报表。" in _text(response)
    assert not Job.objects.exists()


def test_only_the_starter_and_the_administrator_see_a_job(
    login: Callable[[str], Client], users: dict[str, User], approved: Submission, period: ReportingPeriod
) -> None:
    admin = login("admin")
    admin.post(reverse("bulletins:index"), {"period": period.pk})
    job = Job.objects.get()  # queued only: on_commit does not fire inside a test's transaction
    assert admin.get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    # The bulletins page lists the generation still queued, linking its progress page.
    assert reverse("jobs:detail", args=[job.pk]) in admin.get(reverse("bulletins:index")).content.decode()
    for who in ("leader", "luxi", "chain"):
        assert login(who).get(reverse("jobs:detail", args=[job.pk])).status_code == 404, who
    assert Client().get(reverse("jobs:detail", args=[job.pk])).status_code == 302  # to the login


def test_the_worker_command_needs_redis(settings: object) -> None:
    settings.PLANWATCH_REDIS_URL = ""  # type: ignore[attr-defined]
    with pytest.raises(CommandError, match="未设置 PLANWATCH_REDIS_URL"):
        call_command("run_jobs")


# -- production: the Redis queue ---------------------------------------------------------------------------
@pytest.fixture
def redis_queue() -> Iterator[tuple[JobQueue, str]]:
    """A queue on the real Redis under a prefix of its own (removed afterwards), in place of this process's."""
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.skip(f"Redis does not answer at {REDIS_URL} ({exc}); set PLANWATCH_TEST_REDIS_URL")
    prefix = f"planwatch-test-{uuid.uuid4().hex[:12]}"
    queue = make_queue(REDIS_URL, prefix)
    assert not queue.in_process
    before = use_queue(queue)
    try:
        yield queue, prefix
    finally:
        queue.stop_worker()
        use_queue(before)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
        client.close()


@pytest.mark.django_db(transaction=True)
def test_redis_queue_holds_the_job_until_a_worker_takes_it(
    login: Callable[[str], Client],
    approved: Submission,
    period: ReportingPeriod,
    held: HeldGeneration,
    redis_queue: tuple[JobQueue, str],
) -> None:
    import redis

    queue, prefix = redis_queue
    held.release.set()
    admin = login("admin")
    job = _start(admin, period)
    # No worker yet: the message waits in Redis, the job stays queued.
    client = redis.Redis.from_url(REDIS_URL)
    waiting = client.hlen(f"{prefix}:jobs:{QUEUE_NAME}.msgs")
    assert waiting == 1
    time.sleep(0.3)
    assert Job.objects.get(pk=job.pk).state == JobState.QUEUED
    assert "排队中" in _text(admin.get(reverse("jobs:detail", args=[job.pk])))

    queue.start_worker()  # what `django-admin run_jobs` starts, on the same broker
    job = _wait_for(job.pk, JobState.DONE, JobState.FAILED)
    assert job.state == JobState.DONE and job.result_id == str(Bulletin.objects.get().pk)
    assert client.hlen(f"{prefix}:jobs:{QUEUE_NAME}.msgs") == 0
    client.close()


@pytest.mark.django_db(transaction=True)
def test_redis_down_fails_the_job_with_a_chinese_message(
    login: Callable[[str], Client], approved: Submission, period: ReportingPeriod
) -> None:
    dead = make_queue("redis://127.0.0.1:1/0", "planwatch-test-dead")  # nothing listens on port 1
    before = use_queue(dead)
    try:
        admin = login("admin")
        admin.post(reverse("bulletins:index"), {"period": period.pk})
    finally:
        use_queue(before)
    job = Job.objects.get()
    assert job.state == JobState.FAILED and job.error == "任务队列暂时不可用（Redis 未响应），请稍后重试。"


def test_the_queue_is_made_from_the_settings(settings: object) -> None:
    settings.PLANWATCH_REDIS_URL = REDIS_URL  # type: ignore[attr-defined]
    before = use_queue(None)
    try:
        assert not job_queue().in_process  # a Redis broker; nothing is sent here
        assert type(job_queue().broker).__name__ == "RedisBroker"
    finally:
        use_queue(before)

