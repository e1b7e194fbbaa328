"""WSGI entry point: ``gunicorn planwatch_web.wsgi`` in production (docs/web.md)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "planwatch_web.settings")

application = get_wsgi_application()
