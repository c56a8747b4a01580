"""`club-kiosk --self-check`: prove this installation (source or bundle) can run the kiosk.

Opens or creates the database and migrates it, loads every asset, and renders every screen
offscreen. Prints one line per check; exits 0, or 1 naming what is wrong.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any


def _checks(db_path: Path) -> list[tuple[str, Callable[[], str]]]:
    def database() -> str:
        from pos_app.storage.db import current_revision, head_revision, open_ledger_db
        from pos_app.storage.ledger import Ledger

        engine = open_ledger_db(db_path)
        with engine.connect() as conn:
            mode = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
            integrity = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
            head = Ledger().head(conn)
        rev = current_revision(engine)
        engine.dispose()
        if rev != head_revision() or mode != "wal" or integrity != "ok":
            raise RuntimeError(f"revision {rev}, journal_mode {mode}, integrity {integrity}")
        return f"{db_path} at {rev}, {head[0]} transactions"

    def assets() -> str:
        from PySide6.QtCore import QSize, QTranslator
        from PySide6.QtGui import QIcon
        from PySide6.QtSvg import QSvgRenderer

        from pos_app.services.demo import demo_snapshot
        from pos_app.ui.assets import assets_dir, icon, product_icon

        count = 0
        for p in demo_snapshot()["products"]:
            if product_icon(p["product_id"], p["category"], p.get("icon")).pixmap(QSize(96, 96)).isNull():
                raise RuntimeError(f"picture for {p['product_id']} does not render")
            count += 1
        builtin = [p for folder in ("products", "categories") for p in sorted((assets_dir() / folder).glob("*.svg"))]
        for path in builtin:  # every built-in product and category picture loads and renders
            if not QSvgRenderer(str(path)).isValid() or QIcon(str(path)).pixmap(QSize(96, 96)).isNull():
                raise RuntimeError(f"built-in picture {path.parent.name}/{path.name} does not load")
        if len(builtin) < 40:
            raise RuntimeError(f"only {len(builtin)} built-in pictures")
        for name in ("card", "done", "oops", "card-unknown", "card-stop", "grown-up", "no-money", "daily-limit",
                     "not-for-you", "pick-first"):
            if icon(name).pixmap(QSize(96, 96)).isNull():
                raise RuntimeError(f"icon {name} does not render")
        translator = QTranslator()
        if not translator.load(str(assets_dir() / "translations" / "club_kiosk_en.qm")):
            raise RuntimeError("the English translation does not load")
        from pos_app.services.fripladscalc import thresholds

        years = sorted(thresholds())
        return (f"{count} demo product pictures, {len(builtin)} built-in pictures, 10 icons, English translation, "
                f"friplads years {years}")

    def printing() -> str:
        from drivers.printing import Document, _escpos_cache, render_escpos, render_png

        _escpos_cache()
        from escpos.printer import Dummy

        printer = Dummy()
        doc = Document().title("Klubben").text("æøå ÆØÅ").qr("self-check")
        render_escpos(doc, printer)
        png = render_png(doc)
        if not printer.output or png[:4] != b"\x89PNG":
            raise RuntimeError("receipts do not render")
        return f"ESC/POS {len(printer.output)} bytes, PNG {len(png)} bytes"

    def disk() -> str:
        from pos_app.services.devices import LOW_DISK_BYTES, disk_space

        space = disk_space(db_path)
        if space is None:
            return "free space unknown"
        # Reported, not failed: the installation works, but the superuser must make room soon.
        return space.text() + (f" (WARNING: below {LOW_DISK_BYTES // 2**20} MiB)" if space.low else "")

    def contract() -> str:
        from sync.contract_schema import validators as _validators

        return f"{len(_validators())} request schemas compiled"

    def screens() -> str:
        from dataclasses import replace

        from PySide6.QtWidgets import QApplication

        from pos_app.bootstrap import build_kiosk
        from pos_app.config import Config, DevicesConfig
        from pos_app.ui.shell import KioskShell

        app = QApplication.instance() or QApplication(["club-kiosk"])
        with tempfile.TemporaryDirectory() as tmp:
            cfg = replace(Config(), fullscreen=False, db_path=Path(tmp) / "check.sqlite",
                          devices=DevicesConfig(card_reader=False, printer="none"))  # fmt: skip
            kiosk = build_kiosk(cfg, demo=True, with_devices=False)
            shell = KioskShell(kiosk)
            win = shell.window
            win.resize(1280, 800)
            win.show()
            rendered = []
            try:
                outcome = kiosk.checkout.tap("BARN01")
                win.session.show_child(outcome, kiosk.checkout.basket())  # type: ignore[arg-type]
                win.done.show_done("Alma", 3500)
                win.declined.show_decline("Du har ikke penge nok på kortet", "Spørg en voksen", True)
                win.staff_screen.show_staff("Mette", True)
                for i in range(win.stack.count()):
                    win.stack.setCurrentIndex(i)
                    app.processEvents()
                    image = win.grab().toImage()
                    if image.isNull() or image.width() < 100:
                        raise RuntimeError(f"screen {i} does not render")
                    rendered.append(win.screen_name)
            finally:
                win.close()
                shell.shutdown()
                kiosk.engine.dispose()
        return "rendered " + ", ".join(rendered)

    return [("database", database), ("disk", disk), ("assets", assets), ("printing", printing),
            ("contract", contract), ("screens", screens)]  # fmt: skip


def run_self_check(db_path: Path) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    _app = QApplication.instance() or QApplication(["club-kiosk"])  # pixmaps need it
    failed = 0
    results: dict[str, Any] = {"frozen": bool(getattr(sys, "frozen", False))}
    for name, check in _checks(db_path):
        try:
            detail = check()
            print(f"ok    {name}: {detail}", flush=True)
            results[name] = "ok"
        except Exception as exc:
            failed += 1
            print(f"FAIL  {name}: {exc.__class__.__name__}: {exc}", flush=True)
            traceback.print_exc(file=sys.stderr)
            results[name] = str(exc)
    print(json.dumps(results | {"ok": failed == 0}), flush=True)
    return 0 if failed == 0 else 1
