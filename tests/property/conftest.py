"""Hypothesis settings for the property suite: deterministic (derandomize), small, bounded in time.

The whole directory adds well under a minute to ``make test``. Cases worth keeping (found by the
suite or by the hardening review of issue 9) live in tests/fixtures/property/cases.yaml and are
replayed by test_corpus.py on every run, whatever hypothesis draws.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "planwatch",
    max_examples=40,
    deadline=2000,  # ms per example: a slow case is a failure (the class this suite guards against)
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("planwatch")
