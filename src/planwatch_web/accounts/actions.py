"""User accounts: create, deactivate/reactivate, reset a password; each one transaction with its audit row."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from planwatch.domain.enums import ScopeKind
from planwatch_web.accounts.models import Role, User
from planwatch_web.audit.models import AuditAction
from planwatch_web.audit.record import audit_entry, write_audit
from planwatch_web.core.plan import get_plan
from planwatch_web.submissions.errors import ActionError

# Which kinds of scope each role may hold (None: no scope). The administrator sits at the plan's region,
# whatever its kind (a prefecture, a province-level city, a county); a reporter may report for it too.
ROLE_SCOPE_KINDS: dict[Role, tuple[ScopeKind, ...] | None] = {
    Role.ADMIN: (),
    Role.REPORTER: (
        ScopeKind.COUNTY,
        ScopeKind.ZONE,
        ScopeKind.PARK,
        ScopeKind.INDUSTRY,
        ScopeKind.SUBINDUSTRY,
    ),
    Role.CHAIN_CHIEF: (ScopeKind.INDUSTRY,),
    Role.LEADER: None,
    Role.CHAIN_OFFICE: (ScopeKind.INDUSTRY,),
    Role.UNIT: (),  # a unit id of the plan's chain file (chains.access.check_unit_scope)
}


def check_role_scope(role: Role, scope_id: str) -> None:
    plan = get_plan()
    kinds = ROLE_SCOPE_KINDS[role]
    if kinds is None:
        if scope_id:
            raise ActionError(
                _("「%(role)s」不需要负责范围。") % {"role": role.label}, code="scope_not_needed"
            )
        return
    if not scope_id:
        raise ActionError(_("「%(role)s」需要选择负责范围。") % {"role": role.label}, code="scope_needed")
    if role == Role.UNIT:
        from planwatch_web.chains.access import check_unit_scope

        check_unit_scope(scope_id)
        return
    scope = plan.scopes.get(scope_id)
    if scope is None:
        raise ActionError(_("规划中没有范围「%(scope)s」。") % {"scope": scope_id}, code="unknown_scope")
    at_region = scope.id == plan.meta.region and role in (Role.ADMIN, Role.REPORTER)
    if scope.kind not in kinds and not at_region:
        raise ActionError(
            _("「%(role)s」不能负责「%(scope)s」这类范围。") % {"role": role.label, "scope": scope.name},
            code="scope_kind",
        )


def do_create_user(
    actor: User | None,
    username: str,
    password: str,
    role: Role,
    scope_id: str = "",
    *,
    display_name: str = "",
    validate: bool = True,
    password_hash: str = "",
) -> User:
    """A new user with a role and a scope from the plan.

    ``validate=False`` and ``password_hash`` (one hash shared by many users) only for demo logins;
    ``actor=None`` for the demo and tests (a signed-in actor must be the prefecture administrator).
    """
    if actor is not None:
        _require_admin(actor)
    check_role_scope(role, scope_id)
    if validate:
        validate_password(password)
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():  # unique regardless of case
            raise ActionError(_("用户名「%(name)s」已存在。") % {"name": username}, code="user_exists")
        user = User(username=username, role=role, scope_id=scope_id, display_name=display_name)
        if password_hash:
            user.password = password_hash
        else:
            user.set_password(password)
        user.save()
        write_audit(
            [
                audit_entry(
                    actor,
                    AuditAction.CREATE_USER,
                    object_type="user",
                    object_id=user.pk,
                    after={"username": username, "role": role.value, "scope": scope_id},
                )
            ]
        )
        return user


def _lock_user(user_id: int) -> User:
    try:
        return User.objects.select_for_update().get(pk=user_id)
    except (User.DoesNotExist, ValueError, TypeError):
        raise ActionError(_("没有这个用户。"), code="unknown_user") from None


def _require_admin(actor: User) -> None:
    if not (actor.is_active and actor.role == Role.ADMIN):
        raise ActionError(_("只有州级管理员可以管理用户。"), code="not_admin")


def do_set_user_active(actor: User, user_id: int, active: bool) -> User:
    """Deactivate (the user can no longer sign in; open sessions end) or reactivate a user."""
    _require_admin(actor)
    with transaction.atomic():
        user = _lock_user(user_id)
        if user.is_active == active:
            return user
        if not active:
            if user.pk == actor.pk:
                raise ActionError(_("不能停用自己的账号。"), code="deactivate_self")
            if (
                user.role == Role.ADMIN
                and not User.objects.filter(role=Role.ADMIN, is_active=True).exclude(pk=user.pk).exists()
            ):
                raise ActionError(_("这是最后一个启用的州级管理员账号，不能停用。"), code="last_admin")
        user.is_active = active
        user.save(update_fields=["is_active"])
        write_audit(
            [
                audit_entry(
                    actor,
                    AuditAction.ACTIVATE_USER if active else AuditAction.DEACTIVATE_USER,
                    object_type="user",
                    object_id=user.pk,
                    field=user.username,
                    before={"active": not active},
                    after={"active": active},
                )
            ]
        )
        return user


def do_change_role(actor: User, user_id: int, role: Role, scope_id: str, display_name: str | None = None) -> User:
    """Give a user another role or scope (a county's statistician moves to a park, say). It takes
    effect on their next request: access is decided from the role and scope every time."""
    _require_admin(actor)
    check_role_scope(role, scope_id)
    with transaction.atomic():
        user = _lock_user(user_id)
        before = {"role": user.role, "scope": user.scope_id, "display_name": user.display_name}
        name = user.display_name if display_name is None else display_name
        after = {"role": role.value, "scope": scope_id, "display_name": name}
        if before == after:
            return user
        if (
            user.role == Role.ADMIN
            and role != Role.ADMIN
            and not User.objects.filter(role=Role.ADMIN, is_active=True).exclude(pk=user.pk).exists()
        ):
            raise ActionError(_("这是最后一个启用的州级管理员账号，不能改为其他角色。"), code="last_admin")
        user.role, user.scope_id, user.display_name = role, scope_id, name
        user.save(update_fields=["role", "scope_id", "display_name"])
        write_audit(
            [
                audit_entry(
                    actor,
                    AuditAction.CHANGE_ROLE,
                    object_type="user",
                    object_id=user.pk,
                    field=user.username,
                    before=before,
                    after=after,
                )
            ]
        )
        return user


def do_reset_password(actor: User, user_id: int, password: str) -> User:
    """Give a user a new password (validated); their open sessions end. The audit row holds no password."""
    _require_admin(actor)
    with transaction.atomic():
        user = _lock_user(user_id)
        validate_password(password, user)
        user.set_password(password)
        user.save(update_fields=["password"])
        write_audit(
            [
                audit_entry(
                    actor,
                    AuditAction.RESET_PASSWORD,
                    object_type="user",
                    object_id=user.pk,
                    field=user.username,
                )
            ]
        )
        return user
