"""Run in its own process (Qt's scale factor is fixed per process): open the demo kiosk at a size and
scale, unlock staff mode with Mette's card and PIN on the PIN pad, visit every tab, open confirmations
and the devices screen, and print JSON facts about the geometry.

    python -m tests.support.staff_layout_probe WIDTH HEIGHT SCALE [SCREENSHOT_FOLDER]

With a folder, a screenshot of each staff screen goes there as ``staff-<what>-WIDTHxHEIGHT[@SCALE].png``.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

METTE = "04AABBCCDD0001"  # the demo's superuser card (PIN 1234)


def main(width: int, height: int, scale: float, shots: Path | None = None) -> dict[str, Any]:
    from pos_app.ui.render import start_qt

    app = start_qt(scale)
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import (
        QAbstractScrollArea,
        QAbstractSpinBox,
        QCheckBox,
        QLabel,
        QLineEdit,
        QListWidget,
        QPlainTextEdit,
        QPushButton,
        QScrollArea,
        QWidget,
    )

    PARTS = (QPushButton, QLineEdit, QAbstractSpinBox, QListWidget, QCheckBox, QPlainTextEdit, QLabel)

    from pos_app.bootstrap import build_kiosk
    from pos_app.config import Config
    from pos_app.domain.clock import SettableClock
    from pos_app.ui.screens import FitLabel
    from pos_app.ui.shell import KioskShell
    from pos_app.ui.staff_screen import BUTTON_LEAST, ROW_LEAST
    from pos_app.ui.widgets import FitButton

    facts: dict[str, Any] = {"problems": [], "sizes": [], "checked": [], "rows": {}, "buttons": {}}
    problems: list[str] = facts["problems"]
    suffix = f"{width}x{height}" + ("" if scale == 1 else f"@{scale:g}")

    with tempfile.TemporaryDirectory() as tmp:
        clock = SettableClock()
        clock.set(datetime(2026, 11, 25, 13, 0, tzinfo=UTC))
        cfg = replace(Config(), fullscreen=False, db_path=Path(tmp) / "x.sqlite", offline_after_s=10**9)
        kiosk = build_kiosk(cfg, demo=True, clock=clock, with_devices=False)
        shell = KioskShell(kiosk)
        win = shell.window
        try:
            win.resize(round(width / scale), round(height / scale))
            win.show()
            app.processEvents()
            window_rect = QRect(QPoint(0, 0), win.size())
            facts["window"] = [win.width(), win.height()]

            def settle() -> None:
                """Let the layouts finish: a scroll area lays out its content one event later."""
                for _ in range(5):
                    app.processEvents()
                    time.sleep(0.01)

            def wait(what: str, condition: Callable[[], bool], timeout_s: float = 5.0) -> bool:
                deadline = time.monotonic() + timeout_s
                while not condition():
                    app.processEvents()
                    if time.monotonic() > deadline:
                        problems.append(f"timed out waiting for {what}")
                        return False
                    time.sleep(0.005)
                settle()
                return True

            def rect_of(widget: QWidget) -> QRect:
                return QRect(widget.mapTo(win, QPoint(0, 0)), widget.size())

            def inside(widget: QWidget, what: str, where: str) -> None:
                """On the screen without scrolling: visible and wholly inside the window."""
                facts["checked"].append(f"{where}: {what}")
                rect = rect_of(widget)
                if not widget.isVisible() or not window_rect.contains(rect):
                    problems.append(f"{where}: {what} {rect.getRect()} not inside the window {window_rect.getRect()}")
                    return
                parent = widget.parentWidget()  # and not scrolled out of a scroll area's view
                while parent is not None and parent is not win:
                    if isinstance(parent, QAbstractScrollArea):
                        view = rect_of(parent.viewport())
                        if not view.contains(rect):
                            problems.append(f"{where}: {what} {rect.getRect()} outside its view {view.getRect()}")
                    parent = parent.parentWidget()

            def shown_rect(widget: QWidget) -> QRect:
                """The part of ``widget`` on the screen: clipped by the scroll views it is in."""
                rect = rect_of(widget)
                parent = widget.parentWidget()
                while parent is not None and parent is not win:
                    if isinstance(parent, QAbstractScrollArea):
                        rect = rect.intersected(rect_of(parent.viewport()))
                    parent = parent.parentWidget()
                return rect

            def in_scroll(widget: QWidget) -> bool:
                parent = widget.parentWidget()
                while parent is not None and parent is not win:
                    if isinstance(parent, QScrollArea):
                        return True
                    parent = parent.parentWidget()
                return False

            def check_page(page: QWidget, where: str) -> None:
                """Every visible button of ``page`` on the screen; no text clipped; nothing wider than the window."""
                settle()
                for button in page.findChildren(QPushButton):
                    if not button.isVisibleTo(win) or not button.isVisible():
                        continue
                    inside(button, f"button {button.objectName() or button.text()!r}", where)
                    facts["buttons"].setdefault(where, []).append(button.height())
                    if button.height() < BUTTON_LEAST:
                        problems.append(f"{where}: button {button.objectName()} only {button.height()} px high")
                    if isinstance(button, FitButton):
                        shown = button.shown_text()
                        if shown != button.text() and not shown.endswith("…"):
                            problems.append(f"{where}: button {button.objectName()} cut without an ellipsis")
                        need = button.fontMetrics().horizontalAdvance(shown)
                        if need > button.width():
                            problems.append(f"{where}: {button.objectName()} text {need}px in {button.width()}px")
                    elif button.fontMetrics().horizontalAdvance(button.text()) > button.width():
                        problems.append(f"{where}: button {button.objectName() or button.text()!r} text clipped")
                for label in page.findChildren(QLabel):
                    if not label.isVisible() or not label.text():
                        continue
                    if label.width() > win.width():
                        problems.append(f"{where}: label {label.objectName()} wider than the window")
                    if isinstance(label, FitLabel):
                        shown = label.shown_text()
                        if shown != label.text() and not shown.endswith("…"):
                            problems.append(f"{where}: label {label.objectName()} cut without an ellipsis")
                    elif not label.wordWrap() and not label.pixmap() and not label.text().startswith("<"):
                        need = label.fontMetrics().horizontalAdvance(label.text())
                        if need > label.contentsRect().width():
                            problems.append(f"{where}: label {label.text()!r} needs {need}px, has {label.width()}px")
                    if not in_scroll(label):
                        inside(label, f"label {label.objectName() or label.text()[:20]!r}", where)
                for box in page.findChildren(QCheckBox):
                    if box.isVisible() and box.fontMetrics().horizontalAdvance(box.text()) > box.width():
                        problems.append(f"{where}: check box {box.text()!r} clipped")
                for widget in page.findChildren(QWidget):
                    if widget.isVisible() and widget.width() > win.width():
                        problems.append(f"{where}: {type(widget).__name__} {widget.objectName()} wider than the window")
                # Nothing drawn over anything else (a layout squeezed below its minimum overlaps its rows).
                parts = [w for w in page.findChildren(QWidget) if w.isVisible() and isinstance(w, PARTS)
                         and not isinstance(w.parentWidget(), QAbstractSpinBox)]  # fmt: skip
                for i, a in enumerate(parts):
                    for b in parts[i + 1:]:
                        if a.isAncestorOf(b) or b.isAncestorOf(a):
                            continue
                        overlap = shown_rect(a).intersected(shown_rect(b))
                        if overlap.width() > 1 and overlap.height() > 1:
                            problems.append(f"{where}: {a.objectName() or type(a).__name__} overlaps "
                                            f"{b.objectName() or type(b).__name__} by {overlap.getRect()}")

            def shot(name: str) -> None:
                facts["sizes"].append([win.width(), win.height()])
                if shots is not None:
                    app.processEvents()
                    path = shots / f"staff-{name}-{suffix}.png"
                    if not win.grab().save(str(path)):
                        problems.append(f"cannot write {path}")

            # A sale first, so the child has a purchase to show, void and refund.
            kiosk.checkout.tap("BARN01")
            kiosk.checkout.add("toast", 1)
            kiosk.checkout.pay()
            clock.set(clock.now() + timedelta(seconds=10))

            # The PIN pad, then the PIN typed on it.
            win.bridge.on_card(METTE)
            wait("the PIN pad", lambda: win.screen_name == "pin" and not win.runner.busy)
            pin = win.pin
            wait("Mette's name", lambda: pin.band.text() == "Mette: tast din PIN")
            inside(pin.band, "band", "pin")
            inside(pin.field, "PIN field", "pin")
            check_page(pin, "pin")
            shot("pin")
            for key in "1234":
                pin.keys[key].click()
            pin.keys["OK"].click()
            if not wait("the staff screen", lambda: win.screen_name == "staff" and not win.runner.busy):
                return facts
            s = win.staff_screen
            wait("every child listed", lambda: s.children_list.count() == 20)
            top = [s.band, s.findChild(QPushButton, "staff-leave"), s.leave_kiosk]

            def check_tab(where: str) -> None:
                settle()
                for widget in top:
                    inside(widget, widget.objectName(), where)
                check_page(s.tabs.currentWidget(), where)
                bar = s.tabs.tabBar()
                for i in range(s.tabs.count()):
                    tab_rect = QRect(bar.mapTo(win, bar.tabRect(i).topLeft()), bar.tabRect(i).size())
                    if not window_rect.contains(tab_rect):
                        problems.append(f"{where}: tab {i} {tab_rect.getRect()} not inside the window")

            # The child tab with a child chosen, a sale chosen (its lines shown) and the cards listed.
            s.search.setText("alma")
            wait("Alma found", lambda: s.children_list.count() == 1)
            s.children_list.setCurrentRow(0)
            wait("Alma's purchases", lambda: s.child_id is not None and s.purchases.count() == 1)
            s.purchases.setCurrentRow(0)
            app.processEvents()
            facts["rows"] = {"children": s.children_list.visualItemRect(s.children_list.item(0)).height(),
                             "purchases": s.purchases.visualItemRect(s.purchases.item(0)).height()}  # fmt: skip
            for lst, row in facts["rows"].items():
                if row < ROW_LEAST:
                    problems.append(f"{lst}: rows only {row} px high")
            check_tab("child")
            shot("child")
            # The longest kind of answer staff get, in the status line over the tabs: the tab still fits.
            s.findChild(QPushButton, "staff-assign").click()
            wait("the assign prompt", lambda: bool(s.status.text()))
            s.say(s.status.text().removeprefix("✔ ") + " " + s.status.text().removeprefix("✔ "))
            check_tab("child-with-status")
            s.say("")

            # A confirmation: its question and Yes/No on the screen, and the band; then "Fortryd".
            s.findChild(QPushButton, "staff-void").click()
            if wait("the void confirmation", lambda: s.confirm.isVisible()):
                inside(s.band, "band", "confirm-void")
                inside(s.confirm.text, "question", "confirm-void")
                inside(s.confirm.yes, "yes", "confirm-void")
                inside(s.confirm.no, "no", "confirm-void")
                check_page(s.confirm, "confirm-void")
                shot("confirm-void")
                s.confirm.no.click()
                wait("the answer", lambda: not s.confirm.isVisible() and s.tabs.isVisible() and s.tabs.isEnabled())
                check_tab("child-after-confirm")

            for index, name in ((s.day_tab_index, "day"), (2, "alerts"), (3, "friplads"),
                                (s.settings_tab_index, "settings")):  # fmt: skip
                s.tabs.setCurrentIndex(index)
                app.processEvents()
                if name == "alerts":
                    s.findChild(QPushButton, "staff-refresh").click()
                    wait("the alerts", lambda: s.alerts.count() > 0)
                if name == "friplads":
                    s.f_income.setValue(33333)
                    s.f_children.setValue(2)
                    s.findChild(QPushButton, "friplads-calc").click()
                    app.processEvents()
                check_tab(name)
                shot(name)
                if name == "day":
                    s.counts[2000].setValue(1)
                    s.findChild(QPushButton, "staff-z").click()
                    if wait("the Z confirmation", lambda: s.confirm.isVisible()):
                        for widget, what in ((s.band, "band"), (s.confirm.yes, "yes"), (s.confirm.no, "no")):
                            inside(widget, what, "confirm-z")
                        shot("confirm-z")
                        s.confirm.no.click()
                        wait("the answer", lambda: not s.confirm.isVisible())

            # The devices screen (superusers, from the alerts tab) and back.
            s.tabs.setCurrentIndex(2)
            app.processEvents()
            s.devices_button.click()
            if wait("the devices screen", lambda: win.screen_name == "devices" and not win.runner.busy):
                devices = win.devices
                inside(devices.band, "band", "devices")
                check_page(devices, "devices")
                shot("devices")
                devices.buttons["back"].click()
                wait("back to staff", lambda: win.screen_name == "staff")
            s.findChild(QPushButton, "staff-leave").click()
            wait("back to the children", lambda: win.screen_name == "idle")
            facts["sizes"].append([win.width(), win.height()])
            facts["buttons_least"] = min((h for hs in facts["buttons"].values() for h in hs), default=0)
        finally:
            shell.shutdown()
            kiosk.engine.dispose()
    return facts


if __name__ == "__main__":
    w, h, s = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    folder = Path(sys.argv[4]) if len(sys.argv) > 4 else None
    sys.stdout.write(json.dumps(main(w, h, s, folder)) + "\n")
    sys.stdout.flush()
