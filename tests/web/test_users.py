"""User management (州级管理员): list, create with role and scope, deactivate, reset a password; audited."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from planwatch_web.accounts.actions import do_set_user_active
from planwatch_web.accounts.models import Role, User
from planwatch_web.audit.models import AuditAction, AuditEntry
from planwatch_web.submissions.errors import ActionError

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _chinese_again() -> Iterator[None]:
    """Pages switched to English leave the thread's language behind: restore Chinese for later tests."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


NEW_PASSWORD = "plum-river-lantern-42"


def _text(response: object) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))  # type: ignore[attr-defined]


def _create(client: Client, **fields: str) -> object:
    data = {
        "username": "luxi_tjj",
        "display_name": "泸溪县统计局",
        "role": "reporter",
        "scope_id": "luxi",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        **fields,
    }
    return client.post(reverse("accounts:user_create"), data)


def _attempts(client: Client, target: User) -> dict[str, int]:
    pk = target.pk
    return {
        "list": client.get(reverse("accounts:users")).status_code,
        "new": client.get(reverse("accounts:user_create")).status_code,
        "create": _create(client).status_code,  # type: ignore[attr-defined]
        "detail": client.get(reverse("accounts:user_detail", args=[pk])).status_code,
        "password": client.post(
            reverse("accounts:user_password", args=[pk]),
            {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        ).status_code,
        "deactivate": client.post(reverse("accounts:user_active", args=[pk]), {"active": "0"}).status_code,
    }


@pytest.mark.parametrize("who", ["jishou", "park", "chain", "leader"])
def test_other_roles_get_403_everywhere(
    who: str, login: Callable[[str], Client], users: dict[str, User]
) -> None:
    target = users["luxi"]
    codes = _attempts(login(who), target)
    assert codes == dict.fromkeys(codes, 403)
    target.refresh_from_db()
    assert target.is_active and target.check_password(PASSWORD)
    assert not User.objects.filter(username="luxi_tjj").exists()
    assert not AuditEntry.objects.filter(object_type="user").exclude(action=AuditAction.CREATE_USER).exists()


def test_anonymous_is_sent_to_login(client: Client, users: dict[str, User]) -> None:
    codes = _attempts(client, users["luxi"])
    assert codes == dict.fromkeys(codes, 302)


def test_admin_lists_users_with_role_and_scope(
    login: Callable[[str], Client], users: dict[str, User]
) -> None:
    admin = login("admin")
    text = _text(admin.get(reverse("accounts:users")))
    # conftest's six users: role label and the scope's name from the plan
    assert "luxi 填报员 泸溪县" in text and "chain 链长 绿色矿业及新材料" in text and "leader 领导 —" in text
    assert "共 6 个用户" in text
    only_chiefs = _text(admin.get(reverse("accounts:users") + "?role=chain_chief"))
    assert "共 1 个用户" in only_chiefs and "泸溪县" not in only_chiefs


def test_admin_creates_a_reporter_who_can_sign_in(
    login: Callable[[str], Client], users: dict[str, User], client: Client
) -> None:
    response = _create(login("admin"))
    created = User.objects.get(username="luxi_tjj")
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert response["Location"] == reverse("accounts:user_detail", args=[created.pk])  # type: ignore[index]
    assert (created.role, created.scope_id, created.display_name) == ("reporter", "luxi", "泸溪县统计局")
    entry = AuditEntry.objects.get(object_type="user", object_id=str(created.pk))
    assert entry.action == AuditAction.CREATE_USER and entry.actor == users["admin"]
    assert entry.after == {"username": "luxi_tjj", "role": "reporter", "scope": "luxi"}
    assert client.login(username="luxi_tjj", password=NEW_PASSWORD)


def test_chain_chief_gets_a_chain(login: Callable[[str], Client]) -> None:
    response = _create(login("admin"), username="chief_liquor", role="chain_chief", scope_id="liquor")
    assert response.status_code == 302  # type: ignore[attr-defined]
    assert User.objects.get(username="chief_liquor").scope_id == "liquor"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"role": "chain_chief", "scope_id": "luxi"}, "「链长」不能负责「泸溪县」这类范围。"),
        ({"role": "leader", "scope_id": "luxi"}, "「领导」不需要负责范围。"),
        ({"role": "reporter", "scope_id": ""}, "「填报员」需要选择负责范围。"),
        ({"scope_id": "atlantis"}, "选择一个有效的选项"),
        ({"password1": "12345678901", "password2": "12345678901"}, "密码只包含数字。"),
        ({"password2": "something-else-entirely"}, "两次输入的密码不一致。"),
        ({"username": "jishou"}, "用户名「jishou」已存在。"),
        ({"username": "bad name!"}, "请输入合法的用户名。"),
    ],
)
def test_create_refusals_are_explained_and_save_nothing(
    fields: dict[str, str], message: str, login: Callable[[str], Client], users: dict[str, User]
) -> None:
    before = User.objects.count()
    response = _create(login("admin"), **fields)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert message in _text(response)
    assert User.objects.count() == before
    assert AuditEntry.objects.filter(action=AuditAction.CREATE_USER, actor=users["admin"]).count() == 0


def test_deactivated_user_is_signed_out_and_cannot_sign_in(
    login: Callable[[str], Client], users: dict[str, User], client: Client
) -> None:
    luxi = login("luxi")
    assert luxi.get(reverse("submissions:tasks")).status_code == 200
    admin = login("admin")
    response = admin.post(reverse("accounts:user_active", args=[users["luxi"].pk]), {"active": "0"})
    assert response.status_code == 302
    users["luxi"].refresh_from_db()
    assert not users["luxi"].is_active
    assert luxi.get(reverse("submissions:tasks")).status_code == 302  # the open session ended
    assert not client.login(username="luxi", password=PASSWORD)
    assert "luxi 填报员" not in _text(admin.get(reverse("accounts:users")))  # hidden unless asked for
    assert "luxi 填报员 泸溪县 已停用" in _text(admin.get(reverse("accounts:users") + "?inactive=1"))
    admin.post(reverse("accounts:user_active", args=[users["luxi"].pk]), {"active": "1"})
    assert client.login(username="luxi", password=PASSWORD)
    trail = AuditEntry.objects.filter(object_type="user", object_id=str(users["luxi"].pk)).order_by("id")
    assert [(a.action, a.before, a.after) for a in trail] == [
        (AuditAction.CREATE_USER, None, {"username": "luxi", "role": "reporter", "scope": "luxi"}),
        (AuditAction.DEACTIVATE_USER, {"active": True}, {"active": False}),
        (AuditAction.ACTIVATE_USER, {"active": False}, {"active": True}),
    ]


def test_admin_cannot_deactivate_itself_or_the_last_admin(
    login: Callable[[str], Client], users: dict[str, User], make_user: Callable[..., User]
) -> None:
    admin = users["admin"]
    response = login("admin").post(
        reverse("accounts:user_active", args=[admin.pk]), {"active": "0"}, follow=True
    )
    assert "不能停用自己的账号。" in _text(response)
    admin.refresh_from_db()
    assert admin.is_active
    second = make_user("admin2", Role.ADMIN, "xiangxi")
    do_set_user_active(second, admin.pk, False)  # two admins: one may go
    with pytest.raises(ActionError, match="最后一个启用的州级管理员"):
        do_set_user_active(admin, second.pk, False)  # an inactive admin cannot act at all
    assert User.objects.get(pk=second.pk).is_active


def test_reset_password(login: Callable[[str], Client], users: dict[str, User], client: Client) -> None:
    luxi = login("luxi")
    url = reverse("accounts:user_password", args=[users["luxi"].pk])
    admin = login("admin")
    weak = admin.post(url, {"password1": "luxi", "password2": "luxi"})
    errors = re.findall(r'<span class="field-error">([^<]+)</span>', weak.content.decode())
    assert weak.status_code == 400 and errors[0] == "密码跟 用户名 太相似了。" and len(errors) == 2
    assert admin.post(url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 302
    assert not client.login(username="luxi", password=PASSWORD)
    assert client.login(username="luxi", password=NEW_PASSWORD)
    assert luxi.get(reverse("submissions:tasks")).status_code == 302  # sessions with the old password end
    entry = AuditEntry.objects.get(action=AuditAction.RESET_PASSWORD)
    assert (entry.actor, entry.object_id, entry.before, entry.after) == (
        users["admin"],
        str(users["luxi"].pk),
        None,
        None,
    )  # no password, no hash in the audit trail
    # The administrator resetting its own password stays signed in.
    own = reverse("accounts:user_password", args=[users["admin"].pk])
    assert admin.post(own, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 302
    assert admin.get(reverse("accounts:users")).status_code == 200


def test_user_pages_in_english(login: Callable[[str], Client], users: dict[str, User]) -> None:
    admin = login("admin")
    admin.post(reverse("set_language"), {"language": "en", "next": "/"})
    for url in (
        reverse("accounts:users"),
        reverse("accounts:user_create"),
        reverse("accounts:user_detail", args=[users["chain"].pk]),
    ):
        text = _text(admin.get(url)).replace("中文", "")
        assert re.findall(r"[\u4e00-\u9fff]+", text) == [], url
