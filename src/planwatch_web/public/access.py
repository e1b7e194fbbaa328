"""Who may read, download and manage bulletins: one access function per protected object.

- The public (and every signed-in user on the public pages) reads **published** bulletins only.
- 州级管理员 and 领导 read every bulletin (drafts are made from approved, unpublished data, which both
  may read); only 州级管理员 generates, publishes and withdraws.
- 填报员 and 链长 see the published ones, like the public.

A bulletin the user may not read is "not found" (404); one they may read but not manage is 403.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from planwatch_web.accounts.models import Role, User
from planwatch_web.audit.models import AuditEntry
from planwatch_web.public.models import Bulletin, BulletinFile, BulletinState

AnyUser = User | AnonymousUser | object


def _user(user: AnyUser) -> User | None:
    if isinstance(user, User) and user.is_authenticated and user.is_active:
        return user
    return None


def reads_drafts(user: AnyUser) -> bool:
    u = _user(user)
    return u is not None and u.role in (Role.ADMIN, Role.LEADER)


def manages_bulletins(user: AnyUser) -> bool:
    u = _user(user)
    return u is not None and u.role == Role.ADMIN


def bulletins_for_user(user: AnyUser) -> QuerySet[Bulletin]:
    """Every bulletin the user may read (without the files' bytes)."""
    qs = Bulletin.objects.select_related("period", "generated_by", "published_by")
    return qs if reads_drafts(user) else qs.filter(state=BulletinState.PUBLISHED)


def published_bulletins() -> QuerySet[Bulletin]:
    """What the public pages list: the anonymous view, whoever is signed in."""
    return bulletins_for_user(AnonymousUser())


def access_bulletin_read(user: AnyUser, bulletin_id: int) -> Bulletin:
    try:
        return bulletins_for_user(user).get(pk=bulletin_id)
    except (Bulletin.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def access_bulletin_public(bulletin_id: int) -> Bulletin:
    """A published bulletin (public pages)."""
    return access_bulletin_read(AnonymousUser(), bulletin_id)


def access_bulletin_manage(user: AnyUser, bulletin_id: int) -> Bulletin:
    """A bulletin the user may publish or withdraw: the prefecture administrator."""
    bulletin = access_bulletin_read(user, bulletin_id)
    if not manages_bulletins(user):
        raise PermissionDenied
    return bulletin


def require_bulletin_reader(user: AnyUser) -> User:
    """The management pages (drafts included): 州级管理员 and 领导."""
    u = _user(user)
    if u is None or not reads_drafts(u):
        raise PermissionDenied
    return u


def require_bulletin_manager(user: AnyUser) -> User:
    """Generating a bulletin (no bulletin yet to check): 州级管理员."""
    u = _user(user)
    if u is None or not manages_bulletins(u):
        raise PermissionDenied
    return u


def files_of(bulletin: Bulletin) -> QuerySet[BulletinFile]:
    """The files of a bulletin obtained through ``access_bulletin_*``, without their bytes."""
    return BulletinFile.objects.filter(bulletin=bulletin).defer("content").order_by("id")


def access_bulletin_file(bulletin: Bulletin, fmt: str) -> BulletinFile:
    """One file (with its bytes) of a bulletin obtained through ``access_bulletin_*``."""
    try:
        return BulletinFile.objects.get(bulletin=bulletin, format=fmt)
    except BulletinFile.DoesNotExist:
        raise Http404 from None


def audit_for_bulletin(user: AnyUser, bulletin: Bulletin) -> QuerySet[AuditEntry]:
    """The bulletin's audit trail: for those who may read drafts (the public pages show none)."""
    if not reads_drafts(user):
        return AuditEntry.objects.none()
    return AuditEntry.objects.filter(object_type="bulletin", object_id=str(bulletin.pk)).order_by(
        "-at", "-id"
    )
