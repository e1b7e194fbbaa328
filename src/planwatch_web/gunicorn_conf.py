"""gunicorn settings for planwatch (docs/web.md, "Running it"):

    gunicorn planwatch_web.wsgi -c python:planwatch_web.gunicorn_conf --workers 4 --bind 127.0.0.1:8000

Each worker, once started, assesses the latest published period in the background
(``dashboards.data.warm_up``), so the first visitor of the cockpit after a deploy or restart does not
wait for the published values to load. Generating a bulletin in the request takes 13–28 s, hence
the timeout.
"""

from __future__ import annotations

from typing import Any

worker_class = "gthread"
threads = 4
timeout = 120


def post_worker_init(worker: Any) -> None:
    from planwatch_web.dashboards.data import warm_up_in_background

    warm_up_in_background(lambda exc: worker.log.warning("planwatch warm-up failed: %s", exc))
