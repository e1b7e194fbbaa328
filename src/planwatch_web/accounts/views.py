"""Sign in and out. Django's views, with the rate-limited form and a 429 when locked."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpResponse

from planwatch_web.accounts.forms import RateLimitedAuthenticationForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = RateLimitedAuthenticationForm
    redirect_authenticated_user = True

    def form_invalid(self, form: RateLimitedAuthenticationForm) -> HttpResponse:  # type: ignore[override]
        response = super().form_invalid(form)
        if getattr(form, "rate_limited", False):
            response.status_code = 429
        return response


class LogoutView(auth_views.LogoutView):
    pass
