"""The one place that reads config, opens the ledger, picks adapters and wires it all."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from drivers.printing import EscposReceiptPrinter, FileReceiptPrinter
from drivers.protocols import BarcodeScanner, CardReader, ReceiptPrinter
from pos_app.config import CardsConfig, Config, DevicesConfig, data_dir, read_master_key
from pos_app.domain.clock import SettableClock, SystemClock
from pos_app.services.checkout import CheckoutService, CheckoutSettings, Clock
from pos_app.services.demo import demo_snapshot
from pos_app.services.printing import PrintQueue, Receipts, ReceiptSettings
from pos_app.services.snapshots import import_full_snapshot
from pos_app.storage.checkpoint import WalCheckpointer
from pos_app.storage.db import open_ledger_db
from pos_app.storage.images import ImageCache, image_cache_for
from pos_app.storage.instance_lock import InstanceLock
from pos_app.storage.instance_lock import LedgerInUse as LedgerInUse  # the UI's name for it

log = logging.getLogger(__name__)


def checkout_settings(config: Config) -> CheckoutSettings:
    return CheckoutSettings(
        tz=config.tz,
        offline_cap_ore=config.offline_cap_ore,
        offline_after_s=config.offline_after_s,
        walkaway_s=config.walkaway_s,
        prices_shown=config.prices_shown,
    )


def fresh_demo_db(path: Path) -> Engine:
    """A new demo ledger at ``path`` (any old one is removed first)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    engine = open_ledger_db(path)
    import_full_snapshot(engine, demo_snapshot(), datetime.now(UTC))
    return engine


def make_printer(devices: DevicesConfig) -> ReceiptPrinter | None:
    kind = devices.printer
    if kind == "network":
        printer = EscposReceiptPrinter.network(devices.printer_host, devices.printer_port, devices.printer_timeout_s)
    elif kind == "usb":
        printer = EscposReceiptPrinter.usb(devices.printer_usb_vendor, devices.printer_usb_product)
    elif kind == "serial":
        printer = EscposReceiptPrinter.serial(devices.printer_device, devices.printer_baudrate)
    elif kind == "file":
        return FileReceiptPrinter(Path(devices.printer_folder) if devices.printer_folder else data_dir() / "receipts")
    else:
        return None
    printer.native_qr = devices.native_qr
    return printer


def make_card_check(cards: CardsConfig) -> Any:
    """The secure-card check for the reader (None in "uid" mode). Reads the master key file now; the key
    lives only inside the check object (never logged: its repr leaves the key out)."""
    if not cards.secure:
        return None
    from drivers.ntag424 import CardCheck

    assert cards.master_key_file is not None  # load_config made sure
    return CardCheck(read_master_key(cards.master_key_file), cards.club_id, cards.mode)


def make_card_reader(devices: DevicesConfig, cards: CardsConfig | None = None) -> CardReader | None:
    if not devices.card_reader:
        return None
    from drivers.pcsc import PcscCardReader

    check = make_card_check(cards) if cards is not None else None
    if check is not None:
        log.info("cards: %s mode (NTAG 424 DNA authentication at every tap)", cards.mode if cards else "")
    return PcscCardReader(devices.card_reader_pattern or None, card_check=check)


def make_scanners(devices: DevicesConfig) -> list[BarcodeScanner]:
    if not devices.scanner_port:
        return []
    from drivers.serial_scanner import SerialBarcodeScanner

    return [SerialBarcodeScanner(devices.scanner_port, devices.scanner_baudrate)]


@dataclass
class Kiosk:
    """Everything the Qt shell needs, wired."""

    config: Config
    engine: Engine
    clock: Clock
    checkout: CheckoutService
    demo: bool
    print_queue: PrintQueue | None = None
    receipts: Receipts | None = None
    printer: ReceiptPrinter | None = None
    card_reader: CardReader | None = None
    scanners: list[BarcodeScanner] = field(default_factory=list)
    wake_printer: list[Any] = field(default_factory=list)  # callbacks run after each committed sale
    sync_engine: Any = None  # sync.engine.SyncEngine when a [finance] table is configured
    sync_interval_s: float = 60.0
    staff: Any = None  # pos_app.services.staff.StaffService
    instance_lock: InstanceLock | None = None  # held while this kiosk runs on the ledger
    images: ImageCache | None = None  # product pictures from the finance side, beside the database
    # Checkpoints the ledger's WAL on its own thread, off the purchase path (started and stopped by the shell).
    checkpointer: WalCheckpointer | None = None


def build_kiosk(config: Config, demo: bool = False, clock: Clock | None = None, with_devices: bool = True,
                single: bool = False) -> Kiosk:  # fmt: skip
    """Wire a kiosk. ``single``: hold the ledger's instance lock first (raises LedgerInUse when another
    kiosk runs on it, before any file is touched)."""
    if demo:
        config = replace(config, db_path=config.db_path.with_name("demo-ledger.sqlite"), kiosk_id="kiosk-1")
    lock = InstanceLock(config.db_path).acquire() if single else None
    if demo:
        engine = fresh_demo_db(config.db_path)
        config.db_path.with_name("demo-finance.sqlite").unlink(missing_ok=True)
    else:
        engine = open_ledger_db(config.db_path)
    from pos_app.services.kiosk_settings import apply_overrides, load_overrides

    config = apply_overrides(config, load_overrides(engine))  # what a superuser changed on the kiosk wins
    clock = clock or SystemClock()
    devices = config.devices
    printer = make_printer(devices) if with_devices else None
    queue = PrintQueue(engine)
    kiosk = Kiosk(config, engine, clock, None, demo, queue, None, printer)  # type: ignore[arg-type]
    kiosk.instance_lock = lock
    kiosk.images = image_cache_for(config.db_path)
    kiosk.checkpointer = WalCheckpointer(config.db_path)

    def on_sale(conn: Any, item: dict[str, Any], name: str, balance_ore: int) -> None:
        assert kiosk.receipts is not None
        PrintQueue.add(conn, "sale", kiosk.receipts.sale(item, name, balance_ore), item["txn_id"])

    def after_commit() -> None:
        for wake in kiosk.wake_printer:
            wake()

    sale_receipts = printer is not None and devices.sale_receipts
    kiosk.checkout = CheckoutService(engine, clock, checkout_settings(config),
                                     on_sale=on_sale if sale_receipts else None,
                                     after_commit=after_commit)  # fmt: skip
    kiosk.receipts = Receipts(
        ReceiptSettings(club_name=config.club_name, kiosk_id=config.kiosk_id, tz=config.tz, columns=devices.columns,
                        receipt_qr=config.receipt_qr, signup_url=config.signup_url),
        kiosk.checkout.product_names,
    )  # fmt: skip
    from pos_app.services.staff import StaffService

    kiosk.staff = StaffService(engine, clock, kiosk.checkout.settings, queue if printer else None,
                               kiosk.receipts, after_commit)  # fmt: skip
    if with_devices:
        kiosk.card_reader = make_card_reader(devices, config.cards)
        kiosk.scanners = make_scanners(devices)
    build_sync(kiosk)
    log.info("kiosk wired (demo=%s, printer=%s, sale receipts=%s)", demo, devices.printer, sale_receipts)
    return kiosk


def build_sync(kiosk: Kiosk) -> None:
    """Sync with the [finance] table of the config; without one the kiosk runs offline only (the demo
    too: ``scripts/kiosk`` starts a demo club hub beside the kiosk and writes a [finance] table for it).
    The demo with a [finance] table syncs with that finance side, starting from the fresh demo ledger
    that ``build_kiosk`` made (the same demo club the hub imported), so the idle screen keeps its demo
    cards and the first sync brings the hub's data on top."""
    from sync.client import FinanceClient
    from sync.engine import SyncEngine
    from sync.settings import read_finance_section, read_token, resolve

    section = read_finance_section(kiosk.config.source)
    if not section:
        if kiosk.demo:
            log.info("demo without a [finance] table: the kiosk runs offline only "
                     "(scripts/kiosk starts the demo with a demo club hub to sync with)")  # fmt: skip
        else:
            log.info("no [finance] table in the config: the kiosk runs offline only")
        return
    if kiosk.demo:  # the demo ledger's cursor is the demo data's own: the first sync is a full pull instead
        from pos_app.storage.ledger import Ledger

        with kiosk.engine.begin() as conn:
            Ledger().update_state(conn, snapshot_cursor=None)
    settings = resolve({}, section)  # raises SyncError(CONFIG) with a clear message
    client = FinanceClient(settings.url, read_token(settings.token_file), settings.club_id, settings.kiosk_id,
                           timeout_s=settings.timeout_s, ca_bundle=settings.ca_bundle)  # fmt: skip
    kiosk.sync_engine = SyncEngine(kiosk.engine, client, images=kiosk.images)
    kiosk.sync_interval_s = settings.interval_s


__all__ = ["Kiosk", "SettableClock", "build_kiosk", "checkout_settings", "fresh_demo_db"]
