"""Signing in by user name regardless of case ("Jishou" is the account "jishou").

User names are unique regardless of case (the create form and ``do_create_user`` refuse "Luxi"
when "luxi" exists), so the case-insensitive lookup finds at most one account.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class CaseInsensitiveModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        model = get_user_model()
        if username is None:
            username = kwargs.get(model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        matches = list(model._default_manager.filter(username__iexact=username.strip())[:2])
        if len(matches) != 1:
            model().set_password(password)  # the same work as a real check (timing), as ModelBackend does
            return None
        user = matches[0]
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
