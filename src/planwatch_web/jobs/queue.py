"""The job queue: Dramatiq, on Redis in production, inside this process in the embedded default.

- ``PLANWATCH_REDIS_URL`` set (production): a ``RedisBroker``; the messages wait in Redis (keys under
  ``PLANWATCH_REDIS_PREFIX``) until a worker process takes them — ``django-admin run_jobs`` on any
  machine that reaches the same Redis and database (docs/web.md, "Production").
- unset (``planwatch serve``, tests): Dramatiq's in-memory broker and a Dramatiq ``Worker`` started in
  this process on the first job (one thread): no server to run, and the request still only enqueues.

The message is the job's id only; what the job does and how far it got is the ``Job`` row.
"""

from __future__ import annotations

import threading

import dramatiq
from django.conf import settings
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker

QUEUE_NAME = "planwatch-jobs"
ACTOR_NAME = "planwatch_run_job"
# A bulletin takes 8–30 s; a job still running after this is stopped (and shown as failed).
TIME_LIMIT_MS = 30 * 60 * 1000


def _run(job_id: int) -> None:
    from planwatch_web.jobs.runner import run_job_in_worker

    run_job_in_worker(job_id)


class JobQueue:
    """A broker, the one actor that runs jobs by id, and (in-process mode) the worker of this process."""

    def __init__(self, broker: dramatiq.Broker, *, in_process: bool) -> None:
        self.broker = broker
        self.in_process = in_process
        self.actor: dramatiq.Actor[[int], None] = dramatiq.Actor(
            _run,
            broker=broker,
            actor_name=ACTOR_NAME,
            queue_name=QUEUE_NAME,
            priority=0,
            options={"max_retries": 0, "time_limit": TIME_LIMIT_MS},
        )
        self._worker: dramatiq.Worker | None = None
        self._lock = threading.Lock()

    def send(self, job_id: int) -> None:
        """Put the job on the queue (never runs it here); in-process mode makes sure a worker listens."""
        if self.in_process:
            self.start_worker()
        self.actor.send(job_id)

    def start_worker(self, threads: int = 1) -> dramatiq.Worker:
        with self._lock:
            if self._worker is None:
                worker = dramatiq.Worker(
                    self.broker, queues={QUEUE_NAME}, worker_threads=threads, worker_timeout=200
                )
                worker.start()
                self._worker = worker
            return self._worker

    def stop_worker(self, timeout_ms: int = 10_000) -> None:
        with self._lock:
            if self._worker is not None:
                self._worker.stop(timeout=timeout_ms)
                self._worker = None

    def join(self) -> None:
        """Wait until every job sent so far has run (tests; in-process mode)."""
        if isinstance(self.broker, StubBroker):
            self.broker.join(QUEUE_NAME)
        if self._worker is not None:
            self._worker.join()


def redis_broker(url: str, prefix: str) -> RedisBroker:
    return RedisBroker(url=url, namespace=f"{prefix}:jobs")  # type: ignore[no-untyped-call]


def make_queue(redis_url: str, prefix: str) -> JobQueue:
    if redis_url:
        return JobQueue(redis_broker(redis_url, prefix), in_process=False)
    return JobQueue(StubBroker(), in_process=True)


_QUEUE: JobQueue | None = None
_QUEUE_LOCK = threading.Lock()


def job_queue() -> JobQueue:
    """This process's queue, made from the settings on first use."""
    global _QUEUE
    with _QUEUE_LOCK:
        if _QUEUE is None:
            _QUEUE = make_queue(
                getattr(settings, "PLANWATCH_REDIS_URL", ""),
                getattr(settings, "PLANWATCH_REDIS_PREFIX", "planwatch"),
            )
        return _QUEUE


def use_queue(queue: JobQueue | None) -> JobQueue | None:
    """Replace this process's queue (tests); returns the one it replaced."""
    global _QUEUE
    with _QUEUE_LOCK:
        before, _QUEUE = _QUEUE, queue
        return before
