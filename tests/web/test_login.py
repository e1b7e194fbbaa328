"""Signing in, and the rate limit: 5 failures per username + address in 15 minutes lock that pair."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from planwatch_web.accounts.models import LoginAttempt, User
from planwatch_web.accounts.ratelimit import check_lockout, record_attempt

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str, ip: str = "10.0.0.1") -> Any:
    return client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def test_sign_in_and_out(users: dict[str, User]) -> None:
    client = Client()
    response = _login(client, "jishou", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("submissions:tasks")
    assert "我的任务" in client.get(reverse("submissions:tasks")).content.decode()
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("submissions:tasks")).status_code == 302  # signed out: back to the login page
    assert LoginAttempt.objects.filter(username="jishou", succeeded=True).count() == 1


def test_wrong_password_says_so_in_chinese(users: dict[str, User]) -> None:
    response = _login(Client(), "jishou", "wrong")
    assert response.status_code == 200
    assert "用户名或密码不正确。" in response.content.decode()


def test_five_failures_lock_the_username_from_that_address(users: dict[str, User]) -> None:
    client = Client()
    for _ in range(5):
        assert _login(client, "jishou", "wrong").status_code == 200
    response = _login(client, "jishou", PASSWORD)  # even the right password is refused now
    assert response.status_code == 429
    assert "登录失败次数过多，请 15 分钟后再试。" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address, or another user from the same address, is not locked.
    assert _login(Client(), "jishou", PASSWORD, ip="10.0.0.2").status_code == 302
    assert _login(Client(), "luxi", PASSWORD).status_code == 302
    # Locked attempts are not recorded (they would extend the lock forever).
    assert LoginAttempt.objects.filter(username="jishou", succeeded=False).count() == 5


def test_the_lock_ends_when_the_window_passes(users: dict[str, User]) -> None:
    start = timezone.now() - dt.timedelta(minutes=20)
    for i in range(5):
        record_attempt("jishou", "10.0.0.1", succeeded=False, now=start + dt.timedelta(minutes=i))
    # The failures were 20…16 minutes ago; the window is 15 minutes: none counts any more.
    assert not check_lockout("jishou", "10.0.0.1").locked
    # Seen from 10 minutes after the first failure, all five are in the window: locked until the
    # first one leaves it, 15 − 10 = 5 minutes later.
    at = start + dt.timedelta(minutes=10)
    lock = check_lockout("jishou", "10.0.0.1", now=at)
    assert lock.locked and lock.retry_after_minutes == 5
    assert _login(Client(), "jishou", PASSWORD).status_code == 302


def test_one_address_trying_many_usernames_is_locked(users: dict[str, User], settings: object) -> None:
    settings.PLANWATCH_LOGIN_MAX_FAILURES_PER_IP = 8  # type: ignore[attr-defined]
    client = Client()
    for i in range(8):
        _login(client, f"guess{i}", "wrong", ip="10.9.9.9")
    assert _login(client, "jishou", PASSWORD, ip="10.9.9.9").status_code == 429


def test_username_case_does_not_escape_the_limit(users: dict[str, User]) -> None:
    client = Client()
    for name in ("jishou", "JISHOU", "Jishou", "jiShou", "JiShOu"):
        _login(client, name, "wrong")
    assert _login(client, "jishou", PASSWORD).status_code == 429
