"""Issue 9 (web, item 4), through HTTP: the login rate limit behind reverse proxies, and user names
unique regardless of case.

Behind nginx every request has REMOTE_ADDR 127.0.0.1; with ``PLANWATCH_TRUSTED_PROXIES`` = N the
client is the N-th address from the right of X-Forwarded-For, so five wrong passwords lock the
(account, attacker's address) pair, never everyone. Whatever a client writes into the header
itself (further left) is not trusted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from planwatch_web.accounts.models import LoginAttempt, User

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

NGINX = "127.0.0.1"
ATTACKER, COLLEAGUE = "203.0.113.7", "198.51.100.2"


def _login(username: str, password: str, *, forwarded: str = "", remote: str = NGINX) -> Any:
    meta: dict[str, Any] = {"REMOTE_ADDR": remote}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return Client(**meta).post(reverse("accounts:login"), {"username": username, "password": password})


def _chain(client: str, proxies: int, spoofed: str = "") -> str:
    """X-Forwarded-For as ``proxies`` proxies leave it: what the client sent, then each hop's address
    (the first proxy appends the client's address, each further proxy the previous proxy's)."""
    hops = [client] + [f"10.0.0.{i}" for i in range(1, proxies)]
    return ", ".join(([spoofed] if spoofed else []) + hops)


@pytest.mark.parametrize("proxies", [1, 2, 3])
def test_behind_proxies_one_attacker_locks_only_its_own_pair(
    settings: Any, users: dict[str, User], proxies: int
) -> None:
    settings.PLANWATCH_TRUSTED_PROXIES = proxies
    for i in range(5):  # the attacker varies what it writes into the header: it is not trusted
        assert (
            _login("jishou", "wrong", forwarded=_chain(ATTACKER, proxies, spoofed=f"192.0.2.{i}")).status_code
            == 200
        )
    assert (
        _login("jishou", PASSWORD, forwarded=_chain(ATTACKER, proxies, spoofed="192.0.2.99")).status_code
        == 429
    )
    # the account's owner, from another address behind the same proxies, still signs in
    assert _login("jishou", PASSWORD, forwarded=_chain(COLLEAGUE, proxies)).status_code == 302
    assert set(LoginAttempt.objects.filter(succeeded=False).values_list("ip", flat=True)) == {ATTACKER}


def test_without_a_trusted_proxy_the_header_is_ignored(settings: Any, users: dict[str, User]) -> None:
    settings.PLANWATCH_TRUSTED_PROXIES = 0
    for i in range(5):
        _login("jishou", "wrong", forwarded=f"192.0.2.{i}", remote="192.0.2.200")
    assert _login("jishou", PASSWORD, forwarded="192.0.2.250", remote="192.0.2.200").status_code == 429
    assert set(LoginAttempt.objects.values_list("ip", flat=True)) == {"192.0.2.200"}


@pytest.mark.parametrize("header", ["", "not-an-address", "999.1.1.1", " , ,"])
def test_a_missing_or_malformed_header_falls_back_to_the_proxys_address(
    settings: Any, users: dict[str, User], header: str
) -> None:
    settings.PLANWATCH_TRUSTED_PROXIES = 1
    _login("jishou", "wrong", forwarded=header)
    assert list(LoginAttempt.objects.values_list("ip", flat=True)) == [NGINX]


@pytest.mark.parametrize("typed", ["JISHOU", "Jishou", "jIsHoU", " jishou "])
def test_user_names_sign_in_regardless_of_case(users: dict[str, User], typed: str) -> None:
    assert _login(typed, PASSWORD, remote=COLLEAGUE).status_code == 302


@pytest.mark.parametrize("name", ["Luxi", "LUXI", "JiShOu"])
def test_a_user_name_differing_only_in_case_is_refused(
    login: Callable[[str], Client], users: dict[str, User], name: str
) -> None:
    response = login("admin").post(
        reverse("accounts:user_create"),
        {
            "username": name,
            "role": "reporter",
            "scope_id": "luxi",
            "password1": "plum-river-lantern-42",
            "password2": "plum-river-lantern-42",
        },
    )
    assert response.status_code == 400
    assert f"用户名「{name}」已被「{name.lower()}」使用（用户名不区分大小写）" in response.content.decode()
    assert User.objects.filter(username__iexact=name).count() == 1
