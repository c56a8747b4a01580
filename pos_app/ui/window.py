"""The kiosk window: the stack of screens and where every input goes (the child's flow, staff, devices)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent, QColor, QPalette, QResizeEvent
from PySide6.QtWidgets import QApplication, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from pos_app.bootstrap import Kiosk
from pos_app.domain.checkout import Decline
from pos_app.services.checkout import (
    Added,
    Approved,
    Cancelled,
    Declined,
    Failed,
    Identified,
    Ignored,
    Outcome,
    Removed,
    Unavailable,
)
from pos_app.services.demo import card_code
from pos_app.services.devices import disk_space, find_devices
from pos_app.services.identify import Identifier, IdKind
from pos_app.services.sync_status import sync_status

from .bridge import DeviceBridge
from .devices_screen import DevicesScreen
from .screens import DeclineScreen, DoneScreen, IdleScreen, SessionScreen, scale_for
from .staff_controller import StaffController, decline_word
from .staff_screen import PinScreen, StaffScreen
from .tasks import TaskRunner
from .texts import (
    ChildMessage,
    ask_an_adult,
    child_message,
    kiosk_unavailable,
    oops,
    tap_first,
    unknown_barcode,
    unknown_code,
)

log = logging.getLogger(__name__)

CARD_REASONS = {Decline.UNKNOWN_CARD, Decline.CARD_BLOCKED, Decline.CARD_LOST, Decline.CHILD_BLOCKED,
                Decline.CARD_NOT_GENUINE}
DECLINE_SCREEN_S = 5.0
COUNTDOWN_S = 10  # the last seconds before walk-away are counted down on the screen

DEMO_NAMES = ((1, "Alma"), (2, "Noah"), (3, "Freja"), (4, "Oscar"), (5, "Ida"), (6, "William"), (8, "Karl"))
DEMO_CARDS = [(card_code(i), name) for i, name in DEMO_NAMES]



class KioskWindow(QWidget):
    def __init__(self, kiosk: Kiosk, runner: TaskRunner, bridge: DeviceBridge) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.runner = runner
        self.bridge = bridge
        self.allow_close = not kiosk.config.fullscreen
        self.setWindowTitle("Club kiosk")
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor("#ffffff"))
        palette.setColor(QPalette.ColorRole.WindowText, QColor("#111111"))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.stack = QStackedWidget()
        # The window's size comes from the screen, never from its pages: a page that wants more room
        # lays itself out smaller (or scrolls) instead of growing the window past the screen.
        self.stack.setMinimumSize(1, 1)
        self.stack.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        self._layout = layout
        self.scale = 1.0
        self._shown_child: str | None = None  # the child whose session is on the screen
        self.switched_at = 0.0  # time.monotonic() when the kiosk last changed screen by itself (timers)
        self.idle = IdleScreen(kiosk.config.club_name, DEMO_CARDS if kiosk.demo else ())
        self.session = SessionScreen()
        self.done = DoneScreen()
        self.declined = DeclineScreen()
        self.devices = DevicesScreen()
        self.devices.tz = kiosk.config.tz
        self.pin = PinScreen()
        self.staff_screen = StaffScreen()
        self.staff_ctl = StaffController(kiosk, runner, self.staff_screen, self.pin, self)
        for screen in (self.idle, self.session, self.done, self.declined, self.devices, self.pin, self.staff_screen):
            self.stack.addWidget(screen)
        layout.addWidget(self.stack)
        self._names = {self.idle: "idle", self.session: "session", self.done: "done", self.declined: "declined",
                       self.devices: "devices", self.pin: "pin", self.staff_screen: "staff"}  # fmt: skip
        self._device_test: str | None = None  # "card" or "scan" while the devices screen waits for one
        self._pin_since: float | None = None

        self._back_timer = QTimer(self, singleShot=True)
        self._back_timer.timeout.connect(self._on_back_timer)
        self._back_to = "idle"
        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        self._sync_timer = QTimer(self, interval=30_000)
        self._sync_timer.timeout.connect(self.refresh_sync_dot)
        self._sync_timer.start()

        bridge.device_status_changed.connect(self.idle.set_device_status)
        bridge.device_status_changed.connect(self.devices.show_status)
        bridge.sync_finished.connect(lambda _outcome: self.refresh_sync_dot())
        bridge.sync_finished.connect(lambda _outcome: self.session.refresh_pictures())
        self.session.images = kiosk.images
        self.devices.back_tapped.connect(self._devices_back)
        self.pin.cancelled.connect(self.show_idle)
        self.devices.refresh_tapped.connect(self._refresh_devices)
        self.devices.test_card_tapped.connect(lambda: self._wait_device_test("card"))
        self.devices.test_scan_tapped.connect(lambda: self._wait_device_test("scan"))
        self.devices.test_print_tapped.connect(self._print_test_page)
        bridge.card_tapped.connect(self._on_card_tapped)
        bridge.card_refused.connect(self._on_card_refused)
        bridge.code_scanned.connect(self._on_code_scanned)
        runner.failed.connect(self._on_failed)
        self.idle.demo_card_tapped.connect(self._on_card_tapped)
        self.session.product_tapped.connect(self._on_product_tapped)
        self.session.plus_tapped.connect(self._on_product_tapped)
        self.session.minus_tapped.connect(self._on_minus_tapped)
        self.session.pay_tapped.connect(self._on_pay_tapped)
        self.session.cancel_tapped.connect(self._on_cancel_tapped)
        self.session.still_here_tapped.connect(self._on_still_here)
        self.declined.back_tapped.connect(self._on_decline_back)
        self._on_tick()
        self.refresh_sync_dot()

    # --- sizes -------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.apply_scale(event.size().width(), event.size().height())

    def apply_scale(self, width: int, height: int) -> None:
        """Every child screen sized from the window's logical size (see screens.py)."""
        u = scale_for(width, height)
        self.scale = u
        margin = max(6, round(16 * u))
        self._layout.setContentsMargins(margin, margin // 2, margin, margin // 2)
        self.idle.apply_scale(u)
        self.session.apply_scale(u, width - 2 * margin)
        self.done.apply_scale(u)
        self.declined.apply_scale(u)
        self.pin.apply_scale(u)
        self.staff_screen.apply_scale(u)
        self.devices.apply_scale(u)

    # --- state -------------------------------------------------------------------------------
    @property
    def screen_name(self) -> str:
        current = self.stack.currentWidget()
        return self._names[current] if current is not None else ""

    def _show(self, screen: QWidget, back_after_s: float | None = None, back_to: str = "idle") -> None:
        self._pin_since = time.monotonic() if screen is self.pin else None
        self.stack.setCurrentWidget(screen)
        self._back_timer.stop()
        if back_after_s is not None:
            self._back_to = back_to
            self._back_timer.start(int(back_after_s * 1000))

    def _call(self, op: Callable[[], Outcome]) -> None:
        self.runner.run(op, self.show_outcome)

    # --- input -------------------------------------------------------------------------------
    # --- the superuser's devices screen (opened from staff mode) ---------------------------
    def show_devices(self) -> None:
        self._refresh_devices()
        self._show(self.devices)

    def _refresh_devices(self) -> None:
        printer = self.kiosk.printer
        name = printer.name if printer is not None else None
        self.runner.run(lambda: find_devices(name), self.devices.show_found)
        db_path = self.kiosk.config.db_path
        self.runner.run(lambda: disk_space(db_path), self.devices.show_disk)

    def _wait_device_test(self, what: str) -> None:
        self._device_test = what
        self.devices.show_result(self.tr("Hold et kort på læseren …") if what == "card"
                                 else self.tr("Scan en stregkode …"))  # fmt: skip

    def _print_test_page(self) -> None:
        kiosk = self.kiosk
        if kiosk.print_queue is None or kiosk.receipts is None or kiosk.printer is None:
            self.devices.show_result(self.tr("Ingen printer sat op"))
            return
        queue, doc = kiosk.print_queue, kiosk.receipts.test_page()
        self.runner.run(lambda: queue.enqueue("test", doc), lambda _r: self._after_test_print())

    def _after_test_print(self) -> None:
        for wake in self.kiosk.wake_printer:
            wake()
        self.devices.show_result(self.tr("Testudskrift sendt"))

    def _device_test_input(self, kind: str, value: str) -> bool:
        """On the devices screen input is a test, never a purchase."""
        if self.screen_name != "devices":
            return False
        if self._device_test == kind:
            self.devices.show_result((self.tr("Kort: %1") if kind == "card" else self.tr("Stregkode: %1"))
                                     .replace("%1", value))  # fmt: skip
            self._device_test = None
        return True

    def _devices_back(self) -> None:
        staff = self.kiosk.staff
        self._show(self.staff_screen if staff is not None and staff.session is not None else self.idle)

    def show_idle(self) -> None:
        self._show(self.idle)

    def show_staff(self) -> None:
        self._show(self.staff_screen)

    def show_pin(self) -> None:
        self._show(self.pin)

    def quit_kiosk(self) -> None:
        self.allow_close = True
        app = QApplication.instance()
        if app is not None:
            app.quit()

    def club_renamed(self, name: str) -> None:
        self.idle.club.setText(name)

    # --- every code the kiosk reads: one decision (identify), then one route ---------------------
    def _on_card_tapped(self, uid: str) -> None:
        self._on_code(uid, "card")

    def _on_card_refused(self, uid: str, why: str) -> None:
        """A card that failed authentication (secure cards): "Kortet virker ikke — spørg en voksen", an
        alert for staff; in staff mode too (a copied card must not open anything)."""
        if self.screen_name == "pin":
            return
        checkout = self.kiosk.checkout
        if self.screen_name == "devices":  # a card test on the superuser's devices screen
            self._device_test_input("card", f"{uid} — {decline_word('card_not_genuine')}")
            self.runner.run(lambda: checkout.refuse_card(uid, why), lambda _r: None)
            return
        if self.screen_name == "staff":  # staff keep their screen: told there and in their alerts
            self.runner.run(lambda: checkout.refuse_card(uid, why), lambda _r: self.staff_ctl.card_refused())
            return
        self._call(lambda: checkout.refuse_card(uid, why))

    def _on_code_scanned(self, code: str) -> None:
        self._on_code(code, "scan")

    def _on_code(self, code: str, source: str) -> None:
        """A card reader's UID (``source`` "card") or a scanned or typed code ("scan"): the service says
        what it is (staff card, child's card, product, unknown); the screen decides only where it goes."""
        if self._device_test_input(source, code):
            return
        if self.screen_name == "pin":
            return  # the PIN pad is waiting for a PIN, not a card
        checkout = self.kiosk.checkout
        self.runner.run(lambda: checkout.identify(code), lambda found: self._route(found, source))

    def _route(self, found: Identifier, source: str) -> None:
        checkout, staff = self.kiosk.checkout, self.kiosk.staff
        if self.screen_name == "staff" and self.staff_screen.confirm.isVisible():
            log.info("a code was read while a staff confirmation waits: ignored")  # a second read of the same card
            return
        if self.screen_name == "staff" and self.staff_ctl.assign_next and found.card_like:
            # "Giv nyt kort": this card is the new one (a staff card too: the controller refuses it clearly).
            self.staff_ctl.card_tapped_in_staff_mode(found.code)
            return
        if found.kind is IdKind.STAFF_CARD:
            self.runner.run(checkout.cancel, lambda _r: self.staff_ctl.staff_card_tapped(found.code))
            return
        if found.kind is IdKind.CHILD_CARD or (source == "card" and found.kind is IdKind.UNKNOWN):

            def tap() -> Outcome:
                if staff is not None:
                    staff.session = None  # a child's card ends staff mode and starts the child's session
                return checkout.tap(found.code)

            self._call(tap)
            return
        if self.screen_name in ("staff", "devices"):
            return  # a product or an unknown code means nothing to the staff screens
        self.runner.run(lambda: checkout.act_on(found), self._after_scan)

    def _after_scan(self, outcome: Outcome) -> None:
        if isinstance(outcome, Declined) and outcome.reason is Decline.UNKNOWN_CARD and outcome.first_name is None:
            self._show_message(unknown_code(), can_go_back=False)  # a code that is neither card nor product
            return
        self.show_outcome(outcome)

    def _on_still_here(self) -> None:
        co = self.kiosk.checkout
        self.runner.run(co.touch, lambda _r: self.session.show_countdown(None))

    def _on_product_tapped(self, product_id: str) -> None:
        checkout = self.kiosk.checkout
        self._call(lambda: checkout.add(product_id, 1))

    def _on_minus_tapped(self, product_id: str) -> None:
        checkout = self.kiosk.checkout
        self._call(lambda: checkout.remove(product_id))

    def _on_pay_tapped(self) -> None:
        self.session.pay.setEnabled(False)  # one tap, one payment
        self._call(self.kiosk.checkout.pay)

    def _on_cancel_tapped(self) -> None:
        self._call(self.kiosk.checkout.cancel)

    def _on_decline_back(self) -> None:
        self._back_timer.stop()
        self._call(self._session_or_cancel)

    def _session_or_cancel(self) -> Outcome:
        co = self.kiosk.checkout
        return Removed("", co.basket()) if co.child is not None else Cancelled()

    def _switched_by_itself(self) -> None:
        """The screen changes without the child touching it: a press in the next moment was meant for the
        screen that just went away (see ActivityFilter)."""
        self.switched_at = time.monotonic()

    def _on_back_timer(self) -> None:
        self._switched_by_itself()
        if self._back_to == "session":
            self._on_decline_back()
        else:
            self._show(self.idle)

    def _on_tick(self) -> None:
        self.idle.clock.setText(self.kiosk.clock.now().astimezone(self.kiosk.config.tz).strftime("%H:%M"))
        staff = self.kiosk.staff
        if staff is not None and self.screen_name in ("staff", "devices") and not self.runner.busy:
            self.runner.run(staff.expire_if_idle, self._on_staff_expired)
        if self.screen_name == "pin" and self._pin_since is not None and time.monotonic() - self._pin_since > 60:
            self._show(self.idle)
        if self.screen_name in ("session", "declined") and not self.runner.busy:
            checkout = self.kiosk.checkout
            self.runner.run(lambda: (checkout.expire_if_idle(), checkout.seconds_left()), self._on_expired)

    def _on_staff_expired(self, ended: bool) -> None:
        if ended:
            self._switched_by_itself()
            self._show(self.idle)

    def _on_expired(self, result: tuple[bool, float | None]) -> None:
        ended, left = result
        if ended:
            self._switched_by_itself()
            self._shown_child = None
            self.session.show_countdown(None)
            self._show(self.idle)
            return
        # The last seconds before walk-away are counted down, so a child who is still there can say so.
        self.session.show_countdown(int(left + 0.999) if left is not None and left <= COUNTDOWN_S else None)

    def refresh_sync_dot(self) -> None:
        self.runner.run(self.kiosk.checkout.sync_online, self.idle.set_sync)
        kiosk = self.kiosk
        offline_after = kiosk.checkout.settings.offline_after_s
        self.runner.run(lambda: sync_status(kiosk.engine, kiosk.clock.now(), offline_after), self.devices.show_sync)

    def _on_failed(self, _what: str) -> None:
        self.show_crash()

    def show_crash(self) -> None:
        self._shown_child = None
        self.declined.show_decline(oops(), ask_an_adult(), can_go_back=False)
        self._show(self.declined, DECLINE_SCREEN_S)

    def _show_message(self, message: ChildMessage, can_go_back: bool) -> None:
        if not can_go_back:
            self._shown_child = None
        self.declined.show_decline(message.text, ask_an_adult() if message.ask else "", can_go_back,
                                   message.detail, message.picture)  # fmt: skip
        self._show(self.declined, DECLINE_SCREEN_S, back_to="session" if can_go_back else "idle")

    # --- output ------------------------------------------------------------------------------
    def show_outcome(self, outcome: Outcome) -> None:
        match outcome:
            case Identified():
                new = self._shown_child != outcome.child_id or self.screen_name not in ("session", "declined")
                self._shown_child = outcome.child_id
                self.session.show_child(outcome, self.kiosk.checkout.basket(), new_session=new)
                self._show(self.session)
            case Added() | Removed():
                self.session.banner.hide()
                self.session.show_basket(outcome.basket, focus=outcome.product_id)
                if self.screen_name != "session":
                    self._show(self.session)
            case Approved():
                self._shown_child = None
                names = self.kiosk.checkout.product_names()
                bought = [(names.get(line["product_id"], line["product_id"]), int(line["qty"]))
                          for line in outcome.transaction["lines"]]  # fmt: skip
                self.done.show_done(outcome.first_name, outcome.balance_ore, bought)
                self._show(self.done, self.kiosk.config.done_screen_s)
            case Declined() if outcome.reason in CARD_REASONS:
                self._show_message(child_message(outcome.reason), can_go_back=False)
            case Declined():
                self.session.pay.setEnabled(True)
                message = child_message(outcome.reason, outcome.balance_ore, outcome.daily_left_ore)
                self._show_message(message, can_go_back=self.kiosk.checkout.child is not None)
            case Unavailable():
                # Nothing was charged and the session is over; staff see the cause in their alerts.
                self._show_message(kiosk_unavailable(), can_go_back=False)
            case Cancelled():
                self._shown_child = None
                self._show(self.idle)
            case Failed():
                log.info("request refused: %s", outcome.message)
                if outcome.key == "tap_first":
                    self._show_message(tap_first(), can_go_back=False)
                elif self.screen_name == "session":
                    self.session.pay.setEnabled(True)
                    self.session.show_banner(unknown_barcode() if outcome.key == "unknown_barcode" else oops())
            case Ignored():
                pass

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        if self.allow_close:
            event.accept()
        else:
            event.ignore()  # a child cannot leave the kiosk
