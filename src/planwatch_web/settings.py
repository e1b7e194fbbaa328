"""Django settings for the planwatch web platform (docs/web.md, "Settings").

Everything that differs between a laptop demo and production comes from the environment:

- ``PLANWATCH_DATABASE_URL`` / ``DATABASE_URL``: PostgreSQL; otherwise SQLite (``PLANWATCH_DB_PATH``).
- ``PLANWATCH_SECRET_KEY``: required in production; the demo keeps a generated key in ``var/``.
- ``PLANWATCH_DEBUG=1``: development only.
- ``PLANWATCH_ALLOWED_HOSTS``: comma separated host names.
- ``PLANWATCH_HTTPS=1``: behind TLS: secure cookies, HSTS, redirect to https.
- ``PLANWATCH_PLAN``: plan file or bundled plan id (default: the Xiangxi plan).
- ``PLANWATCH_ASSESSMENT_TARGETS``: the counties' annual 考核 targets (CSV, docs/ranking.md) the
  bulletin's ranking scores against; unset: the plan's own targets only.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from planwatch_web.database import database_config

PACKAGE_DIR = Path(__file__).resolve().parent


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _secret_key() -> str:
    # `planwatch serve` keeps a generated key in var/ and passes it here; tests get a fresh one.
    # Production sets PLANWATCH_SECRET_KEY (docs/web.md).
    return os.environ.get("PLANWATCH_SECRET_KEY") or secrets.token_urlsafe(50)


DEBUG = _flag("PLANWATCH_DEBUG")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("PLANWATCH_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "planwatch_web.core",
    "planwatch_web.accounts",
    "planwatch_web.audit",
    "planwatch_web.submissions",
    "planwatch_web.dashboards",
    "planwatch_web.public",
    "planwatch_web.chains",
    "planwatch_web.registry",
    "planwatch_web.jobs",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "planwatch_web.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "planwatch_web.core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "planwatch_web.core.middleware.NoStoreWhenSignedInMiddleware",
]

ROOT_URLCONF = "planwatch_web.urls"
WSGI_APPLICATION = "planwatch_web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "planwatch_web.core.context_processors.planwatch",
                "planwatch_web.chains.context_processors.chains",
            ],
            "string_if_invalid": "",
        },
    }
]

DATABASES = {"default": database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "submissions:tasks"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# -- language: Chinese first, English switchable ---------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# -- static files: served by WhiteNoise (no CDN; plotly.min.js will be served the same way) -------
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Production: PLANWATCH_STATIC_ROOT=/srv/planwatch/static, then `django-admin collectstatic` (docs/web.md).
STATIC_ROOT = Path(os.environ["PLANWATCH_STATIC_ROOT"]) if os.environ.get("PLANWATCH_STATIC_ROOT") else None
# collectstatic writes .gz and .br beside each file; whitenoise serves them to browsers that accept them
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # the demo needs no collectstatic; production runs collectstatic
WHITENOISE_AUTOREFRESH = DEBUG

# -- security ---------------------------------------------------------------------------------------
HTTPS = _flag("PLANWATCH_HTTPS")
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline scripts or styles in our templates; the dashboards session may add 'unsafe-eval' for Plotly.
PLANWATCH_CSP = os.environ.get(
    "PLANWATCH_CSP",
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'",
)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
PLANWATCH_UPLOAD_MAX_BYTES = 10 * 1024 * 1024

# Login rate limit (accounts.ratelimit): failures per username+IP, and per IP across usernames.
PLANWATCH_LOGIN_MAX_FAILURES = 5
PLANWATCH_LOGIN_MAX_FAILURES_PER_IP = 30
PLANWATCH_LOGIN_WINDOW_SECONDS = 15 * 60
# How many reverse proxies (nginx, a load balancer) stand in front of the application and append
# to X-Forwarded-For: the client address is then the N-th entry from the right. 0 (the default):
# REMOTE_ADDR is the client (no proxy, or one that sets REMOTE_ADDR itself). docs/web.md.
PLANWATCH_TRUSTED_PROXIES = int(os.environ.get("PLANWATCH_TRUSTED_PROXIES", "0") or 0)
AUTHENTICATION_BACKENDS = ["planwatch_web.accounts.backends.CaseInsensitiveModelBackend"]

# -- planwatch ----------------------------------------------------------------------------------------
# The default as-of period of the dashboards: the latest whose share of approved or published forms
# (visible to the reader) reaches this (dashboards.data.default_as_of).
PLANWATCH_AS_OF_MIN_COVERAGE = float(os.environ.get("PLANWATCH_AS_OF_MIN_COVERAGE", "0.5") or 0.5)
PLANWATCH_PLAN = os.environ.get("PLANWATCH_PLAN") or None  # None = the bundled Xiangxi plan
PLANWATCH_RULES = os.environ.get("PLANWATCH_RULES", "")  # a rules file; "" = planwatch/ingest/rules.yaml
PLANWATCH_DEMO = _flag("PLANWATCH_DEMO")
PLANWATCH_ASSESSMENT_TARGETS = os.environ.get("PLANWATCH_ASSESSMENT_TARGETS", "")

# Problem-list e-mail (chains.notify): Django's mail settings; the console backend in the demo.
EMAIL_BACKEND = os.environ.get(
    "PLANWATCH_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if PLANWATCH_DEMO else "django.core.mail.backends.smtp.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("PLANWATCH_EMAIL_FROM", "planwatch@localhost")
PLANWATCH_MAIL_IN_THREAD = True  # send after commit in a background thread: never blocks a request
# -- shared cache and background jobs (docs/web.md, "Production") ---------------------------------
# PLANWATCH_REDIS_URL (e.g. redis://127.0.0.1:6379/0): rendered pages and engine results go to
# Django's Redis cache, shared by every worker and app server, and background jobs to a Redis queue
# run by `django-admin run_jobs`. Unset (the embedded default): local memory and an in-process worker.
PLANWATCH_REDIS_URL = os.environ.get("PLANWATCH_REDIS_URL", "")
PLANWATCH_REDIS_PREFIX = os.environ.get("PLANWATCH_REDIS_PREFIX", "planwatch")  # keys and queue names
if PLANWATCH_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": PLANWATCH_REDIS_URL,
            "KEY_PREFIX": PLANWATCH_REDIS_PREFIX,
            "TIMEOUT": 24 * 60 * 60,  # entries are keyed by data version; old ones just expire
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "planwatch"}
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_client_error_traceback": {"()": "planwatch_web.core.log_filters.NoTracebackForClientErrors"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"filters": ["no_client_error_traceback"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("PLANWATCH_LOG_LEVEL", "WARNING")},
}
