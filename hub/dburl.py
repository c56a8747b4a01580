"""``--database URL`` / ``CLUB_HUB_DATABASE_URL`` to Django's DATABASES entry.

Two forms: ``sqlite:////abs/path.sqlite`` (an absolute path: four slashes) and
``postgresql://user[:password]@host[:port]/dbname`` (psycopg 3).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit


class DatabaseUrlError(ValueError):
    pass


def database_from_url(url: str) -> dict[str, Any]:
    if url.startswith("sqlite:"):
        if not url.startswith("sqlite:////"):
            raise DatabaseUrlError("a SQLite URL is sqlite:////absolute/path.sqlite (four slashes)")
        path = url[len("sqlite:///"):]
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": path,
            "OPTIONS": {
                # WAL + synchronous=FULL: a decided batch survives a power cut, as on the kiosk.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
                # SQLite has no SELECT ... FOR UPDATE: every transaction takes the write lock when it
                # begins, so batches (and a retry racing its original) are decided one after another.
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
            },
        }
    parts = urlsplit(url)
    if parts.scheme not in ("postgresql", "postgres"):
        raise DatabaseUrlError("the database URL must start with sqlite://// or postgresql://")
    name = parts.path.lstrip("/")
    if not name or not parts.hostname:
        raise DatabaseUrlError("a PostgreSQL URL is postgresql://user@host:port/dbname")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(name),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname,
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
