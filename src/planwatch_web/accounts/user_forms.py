"""Forms of the user-management pages (the administrator's): create a user, set a new password."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from planwatch.domain.enums import ScopeKind
from planwatch_web.accounts.actions import ROLE_SCOPE_KINDS
from planwatch_web.accounts.models import Role, User
from planwatch_web.core.plan import get_plan, is_english, scope_name

# Option-group labels of the scope list (a context keeps them apart from the same words elsewhere).
KIND_LABELS = {
    ScopeKind.PREFECTURE: pgettext_lazy("scope group", "州本级"),
    ScopeKind.COUNTY: pgettext_lazy("scope group", "县市区"),
    ScopeKind.ZONE: pgettext_lazy("scope group", "高新区"),
    ScopeKind.PARK: pgettext_lazy("scope group", "园区"),
    ScopeKind.INDUSTRY: pgettext_lazy("scope group", "产业链"),
    ScopeKind.SUBINDUSTRY: pgettext_lazy("scope group", "细分产业"),
}


def scope_choices() -> list[tuple[Any, Any]]:
    """The plan's scopes a user can hold, grouped by kind (option groups), in the plan's order."""
    plan = get_plan()
    holdable = {k for kinds in ROLE_SCOPE_KINDS.values() if kinds for k in kinds}
    groups: list[tuple[Any, Any]] = [("", _("（无：领导不需要负责范围）"))]
    for kind, label in KIND_LABELS.items():
        if kind not in holdable:
            continue
        options = [(s.id, scope_name(s)) for s in plan.scopes.values() if s.kind == kind]
        if options:
            groups.append((label, options))
    from planwatch_web.chains.data import get_chains  # 责任单位 hold a unit of the plan's chain file

    chains = get_chains()
    if chains is not None:
        groups.append(
            (
                pgettext_lazy("scope group", "责任单位"),
                [(u.id, (u.name_en or u.name) if is_english() else u.name) for u in chains.file.units],
            )
        )
    return groups


class PasswordPairMixin(forms.Form):
    password1 = forms.CharField(
        label=_("密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("再次输入密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("两次输入的密码不一致。"))
        return data


class UserCreateForm(PasswordPairMixin):
    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        validators=[User.username_validator],
        help_text=_("登录用，字母、数字和 @ . + - _，如 luxi_tjj。"),
    )
    display_name = forms.CharField(label=_("姓名或单位"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices, initial=Role.REPORTER)
    scope_id = forms.ChoiceField(
        label=_("负责范围"),
        required=False,
        help_text=_("填报员：其县市区、园区或产业链；链长：其产业链；州级管理员：州本级；领导：不选。"),
    )

    field_order = ("username", "display_name", "role", "scope_id", "password1", "password2")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope_id"].choices = scope_choices()  # type: ignore[attr-defined]

    def clean_username(self) -> str:
        name = str(self.cleaned_data.get("username") or "").strip()
        taken = User.objects.filter(username__iexact=name).values_list("username", flat=True).first()
        if taken == name:
            raise forms.ValidationError(_("用户名「%(name)s」已存在。") % {"name": name})
        if taken is not None:
            raise forms.ValidationError(
                _("用户名「%(name)s」已被「%(taken)s」使用（用户名不区分大小写）。") % {"name": name, "taken": taken}
            )
        return name


class PasswordResetForm(PasswordPairMixin):
    pass


class UserRoleForm(forms.Form):
    display_name = forms.CharField(label=_("姓名或单位"), max_length=100, required=False)
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    scope_id = forms.ChoiceField(
        label=_("负责范围"),
        required=False,
        help_text=_("填报员：其县市区、园区或产业链；链长：其产业链；州级管理员：州本级；领导：不选。"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["scope_id"].choices = scope_choices()  # type: ignore[attr-defined]
