"""Sign in and out (Django's views, the rate-limited form, 429 when locked) and user management.

User management is the prefecture administrator's (accounts.access); views parse and validate, the
``do_*`` actions in accounts.actions change users and write the audit rows.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from planwatch_web.accounts import access as user_access
from planwatch_web.accounts.actions import (
    do_change_role,
    do_create_user,
    do_reset_password,
    do_set_user_active,
)
from planwatch_web.accounts.forms import RateLimitedAuthenticationForm
from planwatch_web.accounts.models import Role, User
from planwatch_web.accounts.user_forms import PasswordResetForm, UserCreateForm, UserRoleForm
from planwatch_web.core.plan import plan_order
from planwatch_web.submissions.errors import ActionError


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = RateLimitedAuthenticationForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        """No ?next=: a leader lands on the cockpit, everyone else on 我的任务."""
        from planwatch_web.core.views import landing_url

        return landing_url(self.request.user)

    def form_invalid(self, form: RateLimitedAuthenticationForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_invalid(form)
        if getattr(form, "rate_limited", False):
            response.status_code = 429
        return response


class LogoutView(auth_views.LogoutView):
    pass


# -- user management (州级管理员) -----------------------------------------------------------------------
ROLE_ORDER: dict[str, int] = {Role.ADMIN: 0, Role.LEADER: 1, Role.CHAIN_CHIEF: 2, Role.REPORTER: 3}


@login_required
@require_safe
def users(request: HttpRequest) -> HttpResponse:
    qs = user_access.users_for_admin(request.user)
    role = request.GET.get("role", "")
    if role in Role.values:
        qs = qs.filter(role=role)
    if request.GET.get("inactive") != "1":
        qs = qs.filter(is_active=True)
    order = plan_order()
    rows = sorted(
        qs.order_by("role", "username"),
        key=lambda u: (ROLE_ORDER.get(u.role, 9), order.get(u.scope_id, 999), u.username),
    )
    return render(
        request,
        "accounts/users.html",
        {
            "rows": rows,
            "roles": Role.choices,
            "role": role,
            "show_inactive": request.GET.get("inactive") == "1",
            "inactive_count": User.objects.filter(is_active=False).count(),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    admin = user_access.require_user_admin(request.user)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = do_create_user(
                admin,
                data["username"],
                data["password1"],
                Role(data["role"]),
                data["scope_id"] or "",
                display_name=data["display_name"],
            )
        except ActionError as exc:
            form.add_error(None, str(exc.message))
        except ValidationError as exc:
            form.add_error("password1", exc)
        else:
            messages.success(request, _("已创建用户「%(name)s」。") % {"name": created.username})
            return redirect("accounts:user_detail", pk=created.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/users_new.html", {"form": form}, status=status)


def _detail(
    request: HttpRequest,
    target: User,
    form: PasswordResetForm | None = None,
    status: int = 200,
    role_form: UserRoleForm | None = None,
) -> HttpResponse:
    initial = {"role": target.role, "scope_id": target.scope_id, "display_name": target.display_name}
    return render(
        request,
        "accounts/users_detail.html",
        {
            "target": target,
            "form": form or PasswordResetForm(),
            "role_form": role_form or UserRoleForm(initial=initial),
            "audit": list(user_access.audit_for_user(request.user, target)[:100]),
            "is_self": target.pk == request.user.pk,
        },
        status=status,
    )


@login_required
@require_safe
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, user_access.access_user_manage(request.user, pk))


@login_required
@require_POST
def user_password(request: HttpRequest, pk: int) -> HttpResponse:
    target = user_access.access_user_manage(request.user, pk)
    admin = user_access.require_user_admin(request.user)
    form = PasswordResetForm(request.POST)
    if not form.is_valid():
        return _detail(request, target, form, status=400)
    try:
        updated = do_reset_password(admin, target.pk, form.cleaned_data["password1"])
    except ValidationError as exc:
        form.add_error("password1", exc)
        return _detail(request, target, form, status=400)
    except ActionError as exc:
        messages.error(request, str(exc.message))
        return redirect("accounts:user_detail", pk=pk)
    if updated.pk == admin.pk:
        update_session_auth_hash(request, updated)  # keep the administrator signed in
    messages.success(
        request, _("已为「%(name)s」设置新密码，请当面或电话告知本人。") % {"name": updated.username}
    )
    return redirect("accounts:user_detail", pk=pk)


@login_required
@require_POST
def user_role(request: HttpRequest, pk: int) -> HttpResponse:
    target = user_access.access_user_manage(request.user, pk)
    admin = user_access.require_user_admin(request.user)
    form = UserRoleForm(request.POST)
    if not form.is_valid():
        return _detail(request, target, role_form=form, status=400)
    try:
        updated = do_change_role(
            admin,
            target.pk,
            Role(form.cleaned_data["role"]),
            form.cleaned_data["scope_id"] or "",
            form.cleaned_data["display_name"],
        )
    except ActionError as exc:
        form.add_error(None, str(exc.message))
        return _detail(request, target, role_form=form, status=400)
    messages.success(
        request,
        _("「%(name)s」现在是%(role)s。") % {"name": updated.username, "role": Role(updated.role).label},
    )
    return redirect("accounts:user_detail", pk=pk)


@login_required
@require_POST
def user_active(request: HttpRequest, pk: int) -> HttpResponse:
    target = user_access.access_user_manage(request.user, pk)
    admin = user_access.require_user_admin(request.user)
    active = request.POST.get("active") == "1"
    try:
        do_set_user_active(admin, target.pk, active)
    except ActionError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request,
            (_("已启用「%(name)s」。") if active else _("已停用「%(name)s」，该账号不能再登录。"))
            % {"name": target.username},
        )
    return redirect("accounts:user_detail", pk=pk)
