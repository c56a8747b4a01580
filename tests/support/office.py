"""The back office in this process: Django set up once per test session on a real SQLite file (the
hub's migrations, two clubs, the demo club's snapshot, a user of each role), each test inside a
transaction that is rolled back. Pages are fetched with Django's test client."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.hub import CLUB, OTHER_CLUB, demo_file

PASSWORD = "a long enough pass phrase"
USERS = {  # username: (role, club)
    "fin": ("finance", None),
    "leader": ("leader", CLUB),
    "staff": ("staff", CLUB),
    "other-leader": ("leader", OTHER_CLUB),
}

_state: dict[str, Any] = {}


def _setup_django(folder: Path) -> None:
    saved = {k: os.environ.get(k) for k in ("CLUB_HUB_DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    os.environ["CLUB_HUB_DATABASE_URL"] = f"sqlite:///{folder / 'office.sqlite'}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings"
    try:
        import django
        django.setup()
    finally:  # the hub's subprocesses in other tests get their database from --database, not from here
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    from hub.clubs import services

    setup_test_environment()
    call_command("migrate", interactive=False, verbosity=0)
    services.add_club(CLUB, "Demo klub")
    services.add_club(OTHER_CLUB, "Anden klub")
    services.import_snapshot(CLUB, json.loads(demo_file(folder).read_text()))
    for name, (role, club) in USERS.items():
        services.add_user(name, PASSWORD, role, club)


@pytest.fixture
def office_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The hub's database in this process; everything a test writes is rolled back after it."""
    if "ready" not in _state:
        _setup_django(tmp_path_factory.mktemp("office"))
        _state["ready"] = True
    from django.db import transaction

    atomic = transaction.atomic()
    atomic.__enter__()
    try:
        yield
    finally:
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def client_for(username: str | None, **kwargs: Any) -> Any:
    """A test client logged in as ``username`` (None: anonymous)."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(**kwargs)
    if username is not None:
        client.force_login(get_user_model().objects.get(username=username))
    return client


def add_leader(url: str, folder: Path, username: str = "mette") -> None:
    """A leader of the demo club for the back office, with the tests' password (its file in ``folder``)."""
    from tests.support.hub import hub_ok

    pw = folder / "pw"
    pw.write_text(PASSWORD + "\n")
    hub_ok("add-user", "--role", "leader", "--club", CLUB, username, "--password-file", str(pw), database=url)
