"""Who may manage users: the prefecture administrator (州级管理员) only; everyone else gets 403.

One access function per protected object: the user list (``users_for_admin``), one user
(``access_user_manage``) and a user's audit trail (``audit_for_user``).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from planwatch_web.accounts.models import Role, User
from planwatch_web.audit.models import AuditEntry


def require_user_admin(user: object) -> User:
    if isinstance(user, User) and user.is_authenticated and user.is_active and user.role == Role.ADMIN:
        return user
    raise PermissionDenied


def users_for_admin(user: object) -> QuerySet[User]:
    require_user_admin(user)
    return User.objects.all()


def access_user_manage(user: object, target_id: int) -> User:
    """A user the administrator may deactivate, reactivate or give a new password (404 if none)."""
    try:
        return users_for_admin(user).get(pk=target_id)
    except (User.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def audit_for_user(user: object, target: User) -> QuerySet[AuditEntry]:
    require_user_admin(user)
    return AuditEntry.objects.filter(object_type="user", object_id=str(target.pk)).order_by("-at", "-id")
