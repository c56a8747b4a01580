"""The hub's settings, all from the environment (``club-hub`` sets CLUB_HUB_DATABASE_URL from --database).

- ``CLUB_HUB_DATABASE_URL``: see ``hub.dburl`` (required).
- ``CLUB_HUB_SECRET_KEY``: Django's signing key. The back office's logins are tied to it: without it a
  random key is made per process, so every login ends when ``serve`` restarts and two ``serve``
  processes do not share logins. Set it (at least 50 random characters) wherever the back office is used.
- ``CLUB_HUB_HTTPS=1``: the hub is served over HTTPS (behind a TLS proxy): session and CSRF cookies get
  ``Secure``, and the proxy's ``X-Forwarded-Proto: https`` is trusted (the proxy must set it itself).
- ``CLUB_HUB_ALLOWED_HOSTS``: comma-separated host names the hub answers to (``serve`` adds its --host).
- ``CLUB_HUB_PAGE_SIZE``: snapshot records per page (``serve --page-size``), default 1000.
- ``CLUB_HUB_TRAIL``: a file outside the database where ``serve`` appends what it acknowledged and every
  back-office change, so ``club-hub check`` can report what a restore of the database lost.
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
    "django.contrib.sessions",
    "django.contrib.messages",
    "hub.clubs",
    "hub.ledger",
    "hub.api",
    "hub.office",
    "hub.kiosks",
    "hub.families",
    "hub.finance",
    "hub.safety",  # the trail outside the database, error pages, security headers on every answer
]
MIDDLEWARE = [
    "hub.api.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",  # the token API's views are csrf_exempt
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "hub.office.middleware.SecurityHeadersMiddleware",
    "hub.safety.middleware.SecurityHeadersMiddleware",
]
TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "APP_DIRS": True,  # hub/office/templates; autoescaping is on (Django's default)
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.template.context_processors.i18n",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]  # fmt: skip
ROOT_URLCONF = "hub.urls"
WSGI_APPLICATION = "hub.wsgi.application"

_url = os.environ.get("CLUB_HUB_DATABASE_URL", "")
DATABASES = {"default": database_from_url(_url)} if _url else {}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

USE_TZ = True
TIME_ZONE = "Europe/Copenhagen"
LANGUAGE_CODE = "da"  # Danish first; English from the browser's Accept-Language or the language switch
LANGUAGES = [("da", "Dansk"), ("en", "English")]
USE_I18N = True

# --- the back office: logins, sessions, cookies -------------------------------------------------
LOGIN_URL = "/office/login"
LOGIN_REDIRECT_URL = "/office/"
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = 8 * 3600  # a login lasts at most 8 hours ...
SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # ... and ends with the browser
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
HTTPS = os.environ.get("CLUB_HUB_HTTPS", "") in ("1", "true", "yes")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
# Behind TLS, browsers are told to use HTTPS only, for a year (Django's SecurityMiddleware sends it on
# secure requests only). Not for subdomains: the municipality's other hosts are not ours to pin.
SECURE_HSTS_SECONDS = 365 * 24 * 3600 if HTTPS else 0
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
HUB_LOGIN_FAILURES = 5  # failed logins per user name and address ...
HUB_LOGIN_WINDOW_S = 15 * 60  # ... within this many seconds, then logins are refused until they age out

# The API checks sizes itself (413 above 16 MiB, before anything else) and reads the body once.
DATA_UPLOAD_MAX_MEMORY_SIZE = None
APPEND_SLASH = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

HUB_PAGE_SIZE = int(os.environ.get("CLUB_HUB_PAGE_SIZE", "1000"))
# The trail outside the database (hub.safety.trail): what a restore of the database loses is found
# by ``club-hub check``. Keep it on other storage than the database's backups.
HUB_TRAIL_FILE = os.environ.get("CLUB_HUB_TRAIL") or None

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
        "django.security": {"handlers": ["stderr"], "level": "WARNING", "propagate": False},
        # 4xx are logged by hub.requests already; Django's own lines would repeat them.
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
    },
}
