"""``club-kiosk render-screens``: the demo's child screens rendered offscreen into PNG files.

The README's screenshot and the layout tests come from here. Each file is exactly the size asked
for, in device pixels; ``scale`` is Qt's scale factor (a 1920×1080 tablet at 150 % is
``--size 1920x1080 --scale 1.5``, a 1280×720 logical window).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from pos_app.domain.clock import SettableClock
from pos_app.services.checkout import CheckoutService

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

    from .shell import KioskShell

FIXED_TIME = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)  # 14:00 in Copenhagen: the same picture every run


def demo_card_codes() -> list[str]:
    from pos_app.services.demo import demo_snapshot

    codes = {c["card_uid"] for c in demo_snapshot()["cards"]}
    return sorted(c for c in codes if c.startswith("BARN"))


@contextmanager
def demo_shell(folder: Path, lang: str = "da") -> Iterator[tuple[KioskShell, CheckoutService, SettableClock]]:
    """A demo kiosk window on a fresh demo ledger in ``folder``, at a fixed time, without devices or sync."""
    from pos_app.bootstrap import Kiosk, fresh_demo_db
    from pos_app.config import Config
    from pos_app.services.checkout import CheckoutSettings

    from .shell import KioskShell

    db = folder / "demo.sqlite"
    engine = fresh_demo_db(db)
    clock = SettableClock()
    clock.set(FIXED_TIME)
    cfg = replace(Config(), fullscreen=False, db_path=db, club_name="Fritidsklubben Ådalen", language=lang)
    checkout = CheckoutService(engine, clock, CheckoutSettings(tz=cfg.tz, offline_after_s=10**9))
    shell = KioskShell(Kiosk(cfg, engine, clock, checkout, True))
    try:
        yield shell, checkout, clock
    finally:
        shell.shutdown()
        engine.dispose()


def start_qt(scale: float) -> QApplication:
    """The QApplication at Qt scale ``scale`` (set before it exists: one scale per process)."""
    os.environ["QT_SCALE_FACTOR"] = f"{scale:g}"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(["club-kiosk"])
    assert isinstance(app, QApplication)
    if abs(app.devicePixelRatio() - scale) > 1e-6:
        raise RuntimeError(f"Qt runs at scale {app.devicePixelRatio():g}, not {scale:g}: use a new process")
    return app


def render_screens(width: int, height: int, scale: float, lang: str, outdir: Path) -> list[Path]:
    """Render idle, a session per demo card that opens one, a refusal per card that is refused, done."""
    app = start_qt(scale)
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QPixmap

    from pos_app.services.checkout import Identified

    from .assets import install_translation

    install_translation(app, lang)
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp, demo_shell(Path(tmp), lang) as (shell, checkout, clock):
        win = shell.window
        win.resize(round(width / scale), round(height / scale))
        win.show()

        def save(name: str) -> None:
            app.processEvents()
            pixmap: QPixmap = win.grab()
            if (pixmap.width(), pixmap.height()) != (width, height):  # rounding of the logical size
                pixmap = pixmap.scaled(width, height, Qt.AspectRatioMode.IgnoreAspectRatio,
                                       Qt.TransformationMode.SmoothTransformation)  # fmt: skip
            path = outdir / f"{name}.png"
            if not pixmap.save(str(path)):
                raise OSError(f"cannot write {path}")
            written.append(path)

        win.show_idle()
        save("idle")
        paid = False
        for code in demo_card_codes():
            clock.set(clock.now() + timedelta(seconds=2))
            outcome = checkout.tap(code)
            win.show_outcome(outcome)
            if not isinstance(outcome, Identified):
                save(f"declined-{code}")
                continue
            first = win.session.first_visible_tile()
            if first is not None:
                win.show_outcome(checkout.add(first, 1))
            save(f"session-{code}")
            if not paid and code == "BARN01":
                win.show_outcome(checkout.pay())
                save("done")
                paid = True
            else:
                checkout.cancel()
            win.show_idle()
    return written
