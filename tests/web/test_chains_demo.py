"""The demo's chain work: every chain has its chief login, filled roles, a policy, and items in every state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from planwatch.chains.workflow import ProblemState, is_overdue
from planwatch_web.accounts.models import User
from planwatch_web.chains.data import get_chains
from planwatch_web.chains.demo import ensure_chain_demo
from planwatch_web.chains.models import ChainPolicy, ProblemItem

pytestmark = pytest.mark.django_db
TODAY = dt.date(2025, 11, 20)  # a Thursday; 40 days back is 2025-10-11 (a make-up Saturday)


def test_every_chain_has_its_demo_work() -> None:
    chains = get_chains()
    assert chains is not None
    result = ensure_chain_demo("demo-password", TODAY)
    again = ensure_chain_demo("demo-password", TODAY)
    assert again.items == 0  # idempotent
    for chain in chains:
        assert User.objects.filter(
            username=f"chain_{chain.id}", role="chain_chief", scope_id=chain.id
        ).exists()
        assert ChainPolicy.objects.filter(chain_id=chain.id, synthetic=True).count() == 1
        items = list(ProblemItem.objects.filter(chain_id=chain.id))
        assert {i.state for i in items} == {s.value for s in ProblemState}
        overdue = [i for i in items if is_overdue(i.deadline, i.state_enum, TODAY)]
        assert len(overdue) == 2  # one escalated (督办), one not yet
        assert sum(1 for i in overdue if i.escalated_at is not None) == 1
        assert any(i.extension == "requested" for i in items)
    assert result.items == 10 * len(chains.file.chains)


def test_a_demo_chain_chief_signs_in_and_sees_the_workspace() -> None:
    ensure_chain_demo("demo-password", TODAY)
    c = Client()
    assert c.login(username="chain_new_energy", password="demo-password")
    page = c.get("/chains/new_energy/").content.decode()
    assert "（演示）新建厂房用地指标未落实" in page and "链长（演示）" in page
    assert c.get("/chains/liquor/").status_code == 403
