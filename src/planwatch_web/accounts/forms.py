"""The sign-in form with the rate limit checked before the password."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from planwatch_web.accounts.ratelimit import check_lockout, client_ip, record_attempt


class RateLimitedAuthenticationForm(AuthenticationForm):
    rate_limited = False

    def clean(self) -> dict[str, Any]:
        username = (self.cleaned_data.get("username") or "").strip()
        ip = client_ip(self.request) if self.request is not None else None
        lock = check_lockout(username, ip)
        if lock.locked:
            self.rate_limited = True
            raise forms.ValidationError(
                ngettext(
                    "登录失败次数过多，请 %(minutes)d 分钟后再试。",
                    "登录失败次数过多，请 %(minutes)d 分钟后再试。",
                    lock.retry_after_minutes,
                )
                % {"minutes": lock.retry_after_minutes},
                code="rate_limited",
            )
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            if username:
                record_attempt(username, ip, succeeded=False)
            raise
        record_attempt(username, ip, succeeded=True)
        return cleaned


RateLimitedAuthenticationForm.error_messages = {
    **AuthenticationForm.error_messages,
    "invalid_login": _("用户名或密码不正确。"),
    "inactive": _("该账号已停用。"),
}
