"""The hub's settings, all from the environment (``club-hub`` sets CLUB_HUB_DATABASE_URL from --database).

- ``CLUB_HUB_DATABASE_URL``: see ``hub.dburl`` (required).
- ``CLUB_HUB_SECRET_KEY``: Django's signing key (for the back office's sessions, later). Without it a
  random key is made per process: fine for the token API, which signs nothing.
- ``CLUB_HUB_ALLOWED_HOSTS``: comma-separated host names the hub answers to (``serve`` adds its --host).
- ``CLUB_HUB_PAGE_SIZE``: snapshot records per page (``serve --page-size``), default 1000.
DEBUG is always off.
"""

from __future__ import annotations

import os
import secrets

from hub.dburl import database_from_url

DEBUG = False
SECRET_KEY = os.environ.get("CLUB_HUB_SECRET_KEY") or secrets.token_urlsafe(50)
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("CLUB_HUB_ALLOWED_HOSTS", "").split(",") if h.strip()] or [
    "localhost", "127.0.0.1", "[::1]"]  # fmt: skip

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "hub.clubs",
    "hub.ledger",
    "hub.api",
]
MIDDLEWARE = [
    "hub.api.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",  # the token API's views are csrf_exempt
]
ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

_url = os.environ.get("CLUB_HUB_DATABASE_URL", "")
DATABASES = {"default": database_from_url(_url)} if _url else {}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

USE_TZ = True
TIME_ZONE = "Europe/Copenhagen"
LANGUAGE_CODE = "da"
USE_I18N = True

# The API checks sizes itself (413 above 16 MiB, before anything else) and reads the body once.
DATA_UPLOAD_MAX_MEMORY_SIZE = None
APPEND_SLASH = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

HUB_PAGE_SIZE = int(os.environ.get("CLUB_HUB_PAGE_SIZE", "1000"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"line": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "line"},
        "stderr": {"class": "logging.StreamHandler", "formatter": "line"},
    },
    "loggers": {
        "hub.requests": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "hub": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        # 4xx are logged by hub.requests already; Django's own lines would repeat them.
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
    },
}
