"""Sync settings from the command line and the config file's [finance] table; the token from a file."""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import SyncError, SyncKind


@dataclass(frozen=True, slots=True)
class FinanceSettings:
    url: str
    club_id: str
    kiosk_id: str
    token_file: Path
    ca_bundle: str | None = None
    timeout_s: float = 10.0
    interval_s: float = 60.0


def read_finance_section(config_path: Path | None) -> dict[str, Any]:
    """The [finance] table of the config file (url, club, kiosk, token_file, ca_bundle, timeout_s, interval_s)."""
    if config_path is None or not config_path.exists():
        return {}
    try:
        doc = tomllib.loads(config_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise SyncError(SyncKind.CONFIG, f"config file {config_path} cannot be read: {exc}") from None
    section = doc.get("finance", {})
    if not isinstance(section, dict):
        raise SyncError(SyncKind.CONFIG, "[finance] must be a table")
    return section


def resolve(cli: dict[str, Any], section: dict[str, Any]) -> FinanceSettings:
    def pick(key: str, kind: type | tuple[type, ...], default: Any = None) -> Any:
        value = cli.get(key)
        if value is None:
            value = section.get(key, default)
        if value is not None and not isinstance(value, kind):
            raise SyncError(SyncKind.CONFIG, f"finance.{key} has the wrong type")
        return value

    url, club, kiosk, token_file = pick("url", str), pick("club", str), pick("kiosk", str), pick("token_file", str)
    missing = [name for name, value in (("url", url), ("club", club), ("kiosk", kiosk), ("token-file", token_file))
               if not value]  # fmt: skip
    if missing:
        raise SyncError(SyncKind.CONFIG, f"missing {', '.join(missing)} (options or the config's [finance] table)")
    timeout = pick("timeout_s", (int, float), 10.0)
    interval = pick("interval_s", (int, float), 60.0)
    return FinanceSettings(url, club, kiosk, Path(token_file), pick("ca_bundle", str), float(timeout), float(interval))


def read_token(path: Path) -> str:
    """The kiosk's token. The file must be private (mode 0600 or stricter): it is a password."""
    try:
        st = path.stat()
    except OSError as exc:
        raise SyncError(SyncKind.CONFIG, f"token file {path}: {exc.strerror}") from None
    if os.name == "posix" and st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SyncError(SyncKind.CONFIG, f"token file {path} is readable by others: chmod 600 it")
    try:
        token = path.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise SyncError(SyncKind.CONFIG, f"token file {path} cannot be read: {exc.__class__.__name__}") from None
    if not token or any(c.isspace() for c in token) or len(token) > 4096:
        raise SyncError(SyncKind.CONFIG, f"token file {path} does not hold one token")
    return token
