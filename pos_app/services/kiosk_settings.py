"""Settings a superuser may change on the kiosk itself. They are stored in the ledger and override
the config file (devices and the finance side stay in the config file: they need a restart)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select

from pos_app.config import Config
from pos_app.storage.models import KioskSettingRow, table

_settings = table(KioskSettingRow)

# key -> (check, what a person should be told when the value is refused)
EDITABLE: dict[str, tuple[Any, str]] = {
    "club_name": (lambda v: isinstance(v, str) and 0 < len(v.strip()) <= 60, "a name of 1-60 characters"),
    "offline_cap_ore": (lambda v: v is None or (type(v) is int and 0 <= v <= 1_000_000), "none or 0-10.000 kr"),
    "walkaway_s": (lambda v: type(v) in (int, float) and 5 <= v <= 600, "5-600 seconds"),
    "done_screen_s": (lambda v: type(v) in (int, float) and 1 <= v <= 30, "1-30 seconds"),
}


def check(key: str, value: Any) -> str | None:
    """None when ``value`` is acceptable for ``key``, else what is wrong."""
    if key not in EDITABLE:
        return f"{key} cannot be changed on the kiosk"
    ok, expected = EDITABLE[key]
    return None if ok(value) else f"{key} must be {expected}"


def current(conn: Connection) -> dict[str, Any]:
    """The stored overrides that are (still) valid."""
    return {k: v for k, v in conn.execute(select(_settings.c.key, _settings.c.value)) if check(k, v) is None}


def load_overrides(engine: Engine) -> dict[str, Any]:
    with engine.connect() as conn:
        return current(conn)


def store(conn: Connection, key: str, value: Any, when: datetime, staff_id: str) -> None:
    conn.execute(delete(_settings).where(_settings.c.key == key))
    conn.execute(insert(_settings), {"key": key, "value": value, "changed_at": when.isoformat(),
                                     "changed_by": staff_id})  # fmt: skip


def apply_overrides(config: Config, overrides: dict[str, Any]) -> Config:
    return replace(config, **overrides) if overrides else config
