"""/healthz/: the trivial page (load balancers, monitoring; bench/web_load.py compares the others with it)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

pytestmark = pytest.mark.django_db


def test_the_health_check_asks_the_database_once(
    client: Client, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(1):
        response = client.get(reverse("healthz"))
    assert response.status_code == 200 and response.content == b"ok\n"
    assert response["Cache-Control"] == "no-store"
    assert client.post(reverse("healthz")).status_code == 405
