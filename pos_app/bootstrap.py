"""The one place that reads config, opens the ledger, picks adapters and wires it all."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Engine

from pos_app.config import Config
from pos_app.domain.clock import SettableClock, SystemClock
from pos_app.services.checkout import CheckoutService, CheckoutSettings, Clock
from pos_app.services.demo import demo_snapshot
from pos_app.services.snapshots import import_full_snapshot
from pos_app.storage.db import open_ledger_db

log = logging.getLogger(__name__)


def checkout_settings(config: Config) -> CheckoutSettings:
    return CheckoutSettings(
        tz=config.tz,
        offline_cap_ore=config.offline_cap_ore,
        offline_after_s=config.offline_after_s,
        walkaway_s=config.walkaway_s,
    )


def fresh_demo_db(path: Path) -> Engine:
    """A new demo ledger at ``path`` (any old one is removed first)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = open_ledger_db(path)
    import_full_snapshot(engine, demo_snapshot(), datetime.now(UTC))
    return engine


@dataclass
class Kiosk:
    """Everything the Qt shell needs, wired."""

    config: Config
    engine: Engine
    clock: Clock
    checkout: CheckoutService
    demo: bool


def build_kiosk(config: Config, demo: bool = False, clock: Clock | None = None) -> Kiosk:
    if demo:
        config = replace(config, db_path=config.db_path.with_name("demo-ledger.sqlite"))
        engine = fresh_demo_db(config.db_path)
    else:
        engine = open_ledger_db(config.db_path)
    clock = clock or SystemClock()
    checkout = CheckoutService(engine, clock, checkout_settings(config))
    log.info("kiosk wired (demo=%s)", demo)
    return Kiosk(config, engine, clock, checkout, demo)


__all__ = ["Kiosk", "SettableClock", "build_kiosk", "checkout_settings", "fresh_demo_db"]
