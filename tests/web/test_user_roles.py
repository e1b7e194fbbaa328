"""The administrator changes a user's role or scope: effective on the next request, audited, refused
when it makes no sense (a county reporter without a county, the last administrator)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from planwatch_web.accounts.models import Role, User
from planwatch_web.audit.models import AuditAction, AuditEntry
from planwatch_web.submissions.models import Submission

pytestmark = pytest.mark.django_db


def _change(client: Client, user: User, role: str, scope: str, name: str = "") -> object:
    return client.post(
        reverse("accounts:user_role", args=[user.pk]), {"role": role, "scope_id": scope, "display_name": name}
    )


def test_a_reporter_moved_to_another_county_sees_that_county_instead(
    login: Callable[[str], Client], users: dict[str, User], subs: dict[str, Submission]
) -> None:
    reporter = login("jishou")
    own, other = reverse("submissions:detail", args=[subs["jishou"].pk]), reverse(
        "submissions:detail", args=[subs["luxi"].pk]
    )
    assert (reporter.get(own).status_code, reporter.get(other).status_code) == (200, 404)

    response = _change(login("admin"), users["jishou"], "reporter", "luxi", "泸溪县统计局")
    assert response.status_code == 302  # type: ignore[attr-defined]
    # the same session, next request: access follows the new scope
    assert (reporter.get(own).status_code, reporter.get(other).status_code) == (404, 200)

    page = login("admin").get(reverse("accounts:user_detail", args=[users["jishou"].pk])).content.decode()
    assert "<td>填报员 · 吉首市</td><td>填报员 · 泸溪县 · 泸溪县统计局</td>" in page  # the history shows the change
    entry = AuditEntry.objects.get(action=AuditAction.CHANGE_ROLE)
    assert entry.actor == users["admin"] and entry.object_id == str(users["jishou"].pk)
    assert entry.before == {"role": "reporter", "scope": "jishou", "display_name": ""}
    assert entry.after == {"role": "reporter", "scope": "luxi", "display_name": "泸溪县统计局"}


def test_refusals_are_explained_and_change_nothing(login: Callable[[str], Client], users: dict[str, User]) -> None:
    admin = login("admin")
    # a county reporter needs a county, park or chain
    response = _change(admin, users["jishou"], "reporter", "")
    assert response.status_code == 400 and "「填报员」需要选择负责范围" in response.content.decode()  # type: ignore[attr-defined]
    # the only administrator cannot make itself a leader
    response = _change(admin, users["admin"], "leader", "")
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert "最后一个启用的州级管理员" in response.content.decode()  # type: ignore[attr-defined]
    users["jishou"].refresh_from_db()
    users["admin"].refresh_from_db()
    assert (users["jishou"].scope_id, users["admin"].role) == ("jishou", Role.ADMIN)
    assert not AuditEntry.objects.filter(action=AuditAction.CHANGE_ROLE).exists()


@pytest.mark.parametrize("who", ["leader", "jishou", "chain"])
def test_only_the_administrator_may_change_roles(
    who: str, login: Callable[[str], Client], users: dict[str, User]
) -> None:
    response = _change(login(who), users["luxi"], "admin", "xiangxi")
    assert response.status_code == 403  # type: ignore[attr-defined]
    users["luxi"].refresh_from_db()
    assert users["luxi"].role == Role.REPORTER
