"""The login rate limit: at most ``HUB_LOGIN_FAILURES`` failed logins per user name and address within
``HUB_LOGIN_WINDOW_S`` seconds; then that pair is refused (without checking the password) until the
oldest failures age out. Counted in the database, so it holds across ``serve`` processes and restarts.
Behind a proxy every request has the proxy's address: then it is a limit per user name."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hub.office.models import LoginFailure


def _window_start() -> datetime:
    return timezone.now() - timedelta(seconds=int(settings.HUB_LOGIN_WINDOW_S))


def _key(username: str) -> str:
    return username.strip().lower()[:150]


def blocked(username: str, ip: str) -> bool:
    recent = LoginFailure.objects.filter(username=_key(username), ip=ip, at__gte=_window_start())
    return recent.count() >= int(settings.HUB_LOGIN_FAILURES)


@transaction.atomic
def failed(username: str, ip: str) -> None:
    LoginFailure.objects.filter(at__lt=timezone.now() - timedelta(days=1)).delete()  # keep the table small
    LoginFailure.objects.create(username=_key(username), ip=ip)


@transaction.atomic
def succeeded(username: str, ip: str) -> None:
    LoginFailure.objects.filter(username=_key(username), ip=ip).delete()
