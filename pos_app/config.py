"""The kiosk's config file (TOML in the platform's config folder, or --config PATH)."""

from __future__ import annotations

import os
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pos_app.errors import ConfigError

APP_DIR_NAME = "club-kiosk"


def config_dir() -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    return Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / APP_DIR_NAME


def data_dir() -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / APP_DIR_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_DIR_NAME
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / APP_DIR_NAME


@dataclass(frozen=True, slots=True)
class Config:
    club_name: str = "Klubben"
    timezone: str = "Europe/Copenhagen"
    language: str = "da"
    db_path: Path = field(default_factory=lambda: data_dir() / "ledger.sqlite")
    fullscreen: bool = True
    demo: bool | None = None  # None: demo data when the ledger is empty and no finance side is configured
    offline_cap_ore: int | None = None
    offline_after_s: float = 900.0
    walkaway_s: float = 30.0
    done_screen_s: float = 4.0
    wedge_max_gap_ms: int = 50
    wedge_min_length: int = 4
    source: Path | None = None

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def _take(section: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    value = section[key]
    if isinstance(value, bool) and kind in (int, float, (int, float)):
        raise ConfigError(f"{where}.{key} must be a number, not true/false")
    if not isinstance(value, kind):
        raise ConfigError(f"{where}.{key} has the wrong type ({type(value).__name__})")
    return value


def load_config(path: Path | None = None) -> Config:
    """Read the config file. A missing default file gives the defaults; a broken one a ConfigError."""
    explicit = path is not None
    path = path or config_dir() / "config.toml"
    if not path.exists():
        if explicit:
            raise ConfigError(f"config file not found: {path}")
        return Config()
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise ConfigError(f"config file {path} cannot be read: {exc}") from exc
    kw: dict[str, Any] = {"source": path}
    known = {
        "kiosk": {"club_name": str, "timezone": str, "language": str, "db": str, "fullscreen": bool, "demo": bool},
        "checkout": {"offline_cap_ore": int, "offline_after_s": (int, float), "walkaway_s": (int, float),
                     "done_screen_s": (int, float)},
        "scanner": {"wedge_max_gap_ms": int, "wedge_min_length": int},
    }  # fmt: skip
    for section_name, section in doc.items():
        if section_name not in known:
            continue  # other issues' sections (devices, finance) are read by their own code
        if not isinstance(section, dict):
            raise ConfigError(f"[{section_name}] must be a table")
        for key in section:
            if key not in known[section_name]:
                raise ConfigError(f"unknown setting {section_name}.{key}")
            value = _take(section, key, known[section_name][key], section_name)
            kw["db_path" if key == "db" else key] = Path(value).expanduser() if key == "db" else value
    cfg = Config(**kw)
    try:
        cfg.tz  # noqa: B018 - validate now, not at the first sale
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"kiosk.timezone: unknown time zone {cfg.timezone!r}") from exc
    if cfg.language not in ("da", "en"):
        raise ConfigError("kiosk.language must be 'da' or 'en'")
    if cfg.offline_cap_ore is not None and cfg.offline_cap_ore < 0:
        raise ConfigError("checkout.offline_cap_ore must be >= 0")
    return cfg
