"""Creating users: the one action that writes accounts, with its audit row."""

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

# Which kinds of scope each role may hold (None: no scope).
ROLE_SCOPE_KINDS: dict[Role, tuple[ScopeKind, ...] | None] = {
    Role.ADMIN: (ScopeKind.PREFECTURE,),
    Role.REPORTER: (
        ScopeKind.PREFECTURE,
        ScopeKind.COUNTY,
        ScopeKind.ZONE,
        ScopeKind.PARK,
        ScopeKind.INDUSTRY,
        ScopeKind.SUBINDUSTRY,
    ),
    Role.CHAIN_CHIEF: (ScopeKind.INDUSTRY,),
    Role.LEADER: None,
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
    scope = plan.scopes.get(scope_id)
    if scope is None:
        raise ActionError(_("规划中没有范围「%(scope)s」。") % {"scope": scope_id}, code="unknown_scope")
    if scope.kind not in kinds:
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

    ``validate=False`` and ``password_hash`` (one hash shared by many users) only for demo logins.
    """
    check_role_scope(role, scope_id)
    if validate:
        validate_password(password)
    with transaction.atomic():
        if User.objects.filter(username=username).exists():
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
