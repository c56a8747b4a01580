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
class DevicesConfig:
    card_reader: bool = True  # PC/SC; keyboard-wedge scanners always work
    card_reader_pattern: str = ""  # a regular expression on the PC/SC reader name; empty: every reader
    scanner_port: str = ""  # a serial scanner (pyserial port or URL); empty: none
    scanner_baudrate: int = 9600
    printer: str = "file"  # network, usb, serial, file or none
    printer_host: str = ""
    printer_port: int = 9100
    printer_usb_vendor: int = 0
    printer_usb_product: int = 0
    printer_device: str = ""
    printer_baudrate: int = 19200
    printer_folder: str = ""  # for "file": default <data folder>/receipts
    printer_timeout_s: float = 10.0
    columns: int = 42
    native_qr: bool = True
    print_sale_receipts: bool | None = None  # None: yes for a real printer, no for the file target

    @property
    def sale_receipts(self) -> bool:
        if self.print_sale_receipts is not None:
            return self.print_sale_receipts
        return self.printer not in ("file", "none")


CARD_MODES = ("uid", "secure", "mixed")


@dataclass(frozen=True, slots=True)
class CardsConfig:
    """[cards]: how a card proves itself. "uid" (the default) trusts the UID as before; "secure" lets only
    cards through that authenticate with the club's key (NTAG 424 DNA, docs/cards.md); "mixed" takes both
    during a changeover (a card without the NTAG 424 application by its UID). Only the key file's path
    is kept here: the key itself is read when the reader starts (``read_master_key``), never stored."""

    mode: str = "uid"
    master_key_file: Path | None = None
    club_id: str = ""  # the club named in each card's record; default: [finance] club
    # the hub's public address for the SUN URL that personalise writes; default: [finance] url; "" = no SUN
    portal_url: str = ""

    @property
    def secure(self) -> bool:
        return self.mode != "uid"


def read_master_key(path: Path) -> bytes:
    """The club's card master key: 32 hex digits in a file only its owner may read (mode 0600 or
    stricter). ConfigError otherwise, naming the file but never showing its content."""
    try:
        st = path.stat()
    except OSError as exc:
        raise ConfigError(f"cards.master_key_file {path} cannot be read ({exc.__class__.__name__})") from exc
    if sys.platform != "win32" and st.st_mode & 0o077:
        raise ConfigError(f"cards.master_key_file {path} is readable by others (mode {st.st_mode & 0o777:o}): "
                          f"run chmod 600 on it")  # fmt: skip
    try:
        text = path.read_text(encoding="ascii").strip()
        key = bytes.fromhex(text)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ConfigError(f"cards.master_key_file {path} must hold 32 hexadecimal digits") from exc
    if len(key) != 16:
        raise ConfigError(f"cards.master_key_file {path} must hold 32 hexadecimal digits (an AES-128 key)")
    return key


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
    prices_shown: str = "catalogue"  # or "own": see CheckoutSettings.prices_shown
    wedge_max_gap_ms: int = 50
    wedge_min_length: int = 4
    receipt_qr: str = "{txn_id}"
    signup_url: str = "https://example.invalid/tilmeld?kort={card_code}"
    kiosk_id: str = "kiosk"
    devices: DevicesConfig = field(default_factory=DevicesConfig)
    cards: CardsConfig = field(default_factory=CardsConfig)
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
    known: dict[str, dict[str, Any]] = {
        "kiosk": {"club_name": str, "timezone": str, "language": str, "db": str, "fullscreen": bool, "demo": bool,
                  "kiosk_id": str},
        "receipts": {"receipt_qr": str, "signup_url": str},
        "checkout": {"offline_cap_ore": int, "offline_after_s": (int, float), "walkaway_s": (int, float),
                     "done_screen_s": (int, float), "prices_shown": str},
        "scanner": {"wedge_max_gap_ms": int, "wedge_min_length": int},
    }  # fmt: skip
    devices_kw = _devices(doc.get("devices", {}))
    kw["cards"] = _cards(doc.get("cards", {}), doc.get("finance", {}), path)
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
    cfg = Config(devices=devices_kw, **kw)
    try:
        cfg.tz  # noqa: B018 - validate now, not at the first sale
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ConfigError(f"kiosk.timezone: unknown time zone {cfg.timezone!r}") from exc
    if cfg.language not in ("da", "en"):
        raise ConfigError("kiosk.language must be 'da' or 'en'")
    if cfg.prices_shown not in ("catalogue", "own"):
        raise ConfigError("checkout.prices_shown must be 'catalogue' or 'own'")
    if cfg.offline_cap_ore is not None and cfg.offline_cap_ore < 0:
        raise ConfigError("checkout.offline_cap_ore must be >= 0")
    return cfg


_DEVICE_KEYS: dict[str, dict[str, tuple[str, type | tuple[type, ...]]]] = {
    "card_reader": {"enabled": ("card_reader", bool), "name_pattern": ("card_reader_pattern", str)},
    "scanner": {"port": ("scanner_port", str), "baudrate": ("scanner_baudrate", int)},
    "printer": {
        "kind": ("printer", str), "host": ("printer_host", str), "port": ("printer_port", int),
        "usb_vendor": ("printer_usb_vendor", int), "usb_product": ("printer_usb_product", int),
        "device": ("printer_device", str), "baudrate": ("printer_baudrate", int), "folder": ("printer_folder", str),
        "timeout_s": ("printer_timeout_s", (int, float)), "columns": ("columns", int),
        "native_qr": ("native_qr", bool), "print_sale_receipts": ("print_sale_receipts", bool),
    },
}  # fmt: skip


def _devices(section: Any) -> DevicesConfig:
    """The [devices.card_reader], [devices.scanner] and [devices.printer] tables."""
    import re

    if not isinstance(section, dict):
        raise ConfigError("[devices] must be a table")
    kw: dict[str, Any] = {}
    for name, table in section.items():
        if name not in _DEVICE_KEYS:
            raise ConfigError(f"unknown device section devices.{name}")
        if not isinstance(table, dict):
            raise ConfigError(f"[devices.{name}] must be a table")
        for key in table:
            if key not in _DEVICE_KEYS[name]:
                raise ConfigError(f"unknown setting devices.{name}.{key}")
            field_name, kind = _DEVICE_KEYS[name][key]
            kw[field_name] = _take(table, key, kind, f"devices.{name}")
    cfg = DevicesConfig(**kw)
    if cfg.printer not in ("network", "usb", "serial", "file", "none"):
        raise ConfigError("devices.printer.kind must be network, usb, serial, file or none")
    if cfg.printer == "network" and not cfg.printer_host:
        raise ConfigError("devices.printer.host is needed for a network printer")
    if cfg.printer == "serial" and not cfg.printer_device:
        raise ConfigError("devices.printer.device is needed for a serial printer")
    if cfg.printer == "usb" and not (cfg.printer_usb_vendor and cfg.printer_usb_product):
        raise ConfigError("devices.printer.usb_vendor and usb_product are needed for a USB printer")
    if not 24 <= cfg.columns <= 64:
        raise ConfigError("devices.printer.columns must be 24..64")
    try:
        re.compile(cfg.card_reader_pattern)
    except re.error as exc:
        raise ConfigError(f"devices.card_reader.name_pattern is not a regular expression: {exc}") from exc
    return cfg


def _cards(section: Any, finance: Any, source: Path) -> CardsConfig:
    """The [cards] table. In "secure" and "mixed" mode the key file is checked now (exists, 0600, a key)."""
    if not isinstance(section, dict):
        raise ConfigError("[cards] must be a table")
    for key in section:
        if key not in ("mode", "master_key_file", "club_id", "portal_url"):
            raise ConfigError(f"unknown setting cards.{key}")
    mode = _take(section, "mode", str, "cards") if "mode" in section else "uid"
    if mode not in CARD_MODES:
        raise ConfigError("cards.mode must be 'uid', 'secure' or 'mixed'")
    key_file = None
    if "master_key_file" in section:
        key_file = Path(_take(section, "master_key_file", str, "cards")).expanduser()
        if not key_file.is_absolute():
            key_file = source.parent / key_file  # relative to the config file
    club_id = _take(section, "club_id", str, "cards") if "club_id" in section else ""
    if not club_id and isinstance(finance, dict) and isinstance(finance.get("club"), str):
        club_id = finance["club"]  # the club id the kiosk syncs as
    portal_url = _take(section, "portal_url", str, "cards") if "portal_url" in section else ""
    if not portal_url and isinstance(finance, dict) and isinstance(finance.get("url"), str) \
            and finance["url"].strip().startswith(("https://", "http://")):
        # the hub the kiosk syncs with, when parents' phones reach it too (a [finance] url that is no web
        # address is the finance settings' own error to report, at sync)
        portal_url = finance["url"]
    portal_url = portal_url.strip().rstrip("/")
    if portal_url and not portal_url.startswith(("https://", "http://")):
        raise ConfigError("cards.portal_url must start with https:// (or http://)")
    cards = CardsConfig(mode, key_file, club_id, portal_url)
    if cards.secure:
        if key_file is None:
            raise ConfigError(f"cards.master_key_file is needed with cards.mode = '{mode}'")
        if not club_id:
            raise ConfigError(f"cards.club_id (or finance.club) is needed with cards.mode = '{mode}'")
        read_master_key(key_file)  # the check only: the key is not kept in the config
    return cards
