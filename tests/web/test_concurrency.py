"""No lost submissions under concurrent writes to the same scope × period (PostgreSQL, real threads).

Each action locks the submission row (SELECT … FOR UPDATE) and checks the version the form was based
on: merging writers (uploads) all land, one after another; writers based on the same version get
exactly one success and a clear refusal for the others — never a silent overwrite.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection

from planwatch.domain.enums import Measure
from planwatch_web.accounts.actions import do_create_user
from planwatch_web.accounts.models import Role
from planwatch_web.audit.models import AuditEntry
from planwatch_web.core.plan import get_plan
from planwatch_web.submissions import actions
from planwatch_web.submissions.errors import StaleVersionError
from planwatch_web.submissions.formlines import form_lines
from planwatch_web.submissions.models import DataValue, Submission
from planwatch_web.submissions.validation import ValueInput

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 8


def _run_together(work: Callable[[int], Any]) -> list[Any]:
    """Run ``work(i)`` in THREADS threads released at the same moment; results or exceptions, by i."""
    barrier = threading.Barrier(THREADS)
    results: list[Any] = [None] * THREADS

    def run(i: int) -> None:
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # collected and asserted on by the test
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return results


def _setup() -> tuple[Any, Submission, list[Any]]:
    admin = do_create_user(None, "admin", "x", Role.ADMIN, "xiangxi", validate=False)
    period = actions.do_open_period(admin, "2025Q3")
    sub = Submission.objects.get(period=period, scope_id="xiangxi")
    lines = form_lines(get_plan(), "xiangxi", period.as_period)
    assert len(lines) >= 2 * THREADS
    return admin, sub, lines


def test_concurrent_merging_writes_all_land() -> None:
    admin, sub, lines = _setup()

    def work(i: int) -> int:
        mine = lines[2 * i : 2 * i + 2]
        inputs = [ValueInput(line.indicator.id, Measure(line.measure), float(100 + i)) for line in mine]
        return actions.do_save_values(admin, sub.pk, inputs, expected_version=None).changed

    results = _run_together(work)
    assert results == [2] * THREADS, results
    sub.refresh_from_db()
    assert sub.version == THREADS  # one version per write: every write saw the previous one
    assert DataValue.objects.filter(submission=sub).count() == 2 * THREADS
    assert AuditEntry.objects.filter(submission=sub, action="save_values").count() == 2 * THREADS


def test_concurrent_writes_from_the_same_version_one_wins_the_others_are_told() -> None:
    admin, sub, lines = _setup()
    line = lines[0]

    def work(i: int) -> int:
        inputs = [ValueInput(line.indicator.id, Measure(line.measure), float(200 + i))]
        return actions.do_save_values(admin, sub.pk, inputs, expected_version=0).version

    results = _run_together(work)
    wins = [r for r in results if r == 1]
    refused = [r for r in results if isinstance(r, StaleVersionError)]
    assert (len(wins), len(refused)) == (1, THREADS - 1), results
    winner = results.index(1)
    assert DataValue.objects.get(submission=sub).value == float(200 + winner)
    assert AuditEntry.objects.filter(submission=sub, action="save_values").count() == 1


def test_saves_racing_a_submit_are_either_in_the_submitted_data_or_refused() -> None:
    admin, sub, lines = _setup()
    all_inputs = [ValueInput(line.indicator.id, Measure(line.measure), 1.0) for line in lines]
    actions.do_save_values(admin, sub.pk, all_inputs, expected_version=None)
    target = lines[0]

    def work(i: int) -> Any:
        if i == 0:
            return actions.do_submit(admin, sub.pk).state
        return actions.do_save_values(
            admin,
            sub.pk,
            [ValueInput(target.indicator.id, Measure(target.measure), float(100 + i))],
            expected_version=None,
        ).changed

    results = _run_together(work)
    assert results[0] == "submitted"
    landed = [i for i in range(1, THREADS) if results[i] == 1]
    refused = [i for i in range(1, THREADS) if isinstance(results[i], Exception)]
    assert sorted(landed + refused) == list(range(1, THREADS))
    submit = AuditEntry.objects.get(submission=sub, action="submit")
    saves = list(
        AuditEntry.objects.filter(
            submission=sub, field=f"{target.indicator.id}:{target.measure.value}"
        ).order_by("id")
    )
    # The first save is the setup; every save that landed is recorded before the submit ...
    assert len(saves) == 1 + len(landed)
    assert all(e.id < submit.id for e in saves)
    # ... and the submitted value is the last of them.
    last = saves[-1].after
    assert isinstance(last, dict)
    assert DataValue.objects.get(submission=sub, indicator=target.indicator.id).value == last["value"]
