"""``django-admin run_jobs``: the production worker — takes jobs from the Redis queue and runs them.

Needs ``PLANWATCH_REDIS_URL`` (the same as the web servers'); runs until SIGTERM or Ctrl-C, then
finishes the job in hand. Run as many as there are cores to spare, on any machine that reaches the
same Redis and database (docs/web.md, "Production").
"""

from __future__ import annotations

import signal
import threading
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from planwatch_web.jobs.queue import job_queue


class Command(BaseCommand):
    help = "Run background jobs from the Redis queue (PLANWATCH_REDIS_URL) until stopped."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--threads", type=int, default=1, help="jobs run at the same time (default 1)")

    def handle(self, *args: Any, **options: Any) -> None:
        if not getattr(settings, "PLANWATCH_REDIS_URL", ""):
            raise CommandError(
                "未设置 PLANWATCH_REDIS_URL：后台任务进程从 Redis 队列取任务；"
                "嵌入式运行（planwatch serve）在应用进程内运行任务，不需要本命令。"
            )
        threads = int(options["threads"])
        if threads < 1:
            raise CommandError("--threads 至少为 1。")
        queue = job_queue()
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        queue.start_worker(threads)
        self.stdout.write(f"planwatch jobs worker: {threads} thread(s) on the Redis queue; Ctrl-C stops")
        stop.wait()
        queue.stop_worker()
        self.stdout.write("stopped")
