"""What the staff screen's buttons do: each request runs on the database worker, the answer is shown."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt
from PySide6.QtWidgets import QApplication, QListWidgetItem

from drivers.printing import render_text
from pos_app.domain.money import parse_kroner
from pos_app.services.staff import StaffEvent
from pos_app.services.sync_status import sync_status

if TYPE_CHECKING:
    from .app import KioskWindow

log = logging.getLogger(__name__)

REASONS = {
    "not_allowed": QT_TRANSLATE_NOOP("StaffController", "Det må du ikke"),
    "unknown_txn": QT_TRANSLATE_NOOP("StaffController", "Ukendt køb"),
    "not_a_sale": QT_TRANSLATE_NOOP("StaffController", "Kun køb kan annulleres"),
    "already_voided": QT_TRANSLATE_NOOP("StaffController", "Købet er allerede annulleret"),
    "already_refunded": QT_TRANSLATE_NOOP("StaffController", "Allerede refunderet"),
    "line_not_in_sale": QT_TRANSLATE_NOOP("StaffController", "Varen er ikke i købet"),
    "bad_lines": QT_TRANSLATE_NOOP("StaffController", "Vælg varer først"),
    "invalid_amount": QT_TRANSLATE_NOOP("StaffController", "Ugyldigt beløb"),
    "unknown_child": QT_TRANSLATE_NOOP("StaffController", "Ukendt barn"),
    "day_already_open": QT_TRANSLATE_NOOP("StaffController", "Dagen er allerede åben"),
    "invalid_card": QT_TRANSLATE_NOOP("StaffController", "Ugyldigt kort"),
    "staff_card": QT_TRANSLATE_NOOP("StaffController", "Det er et personalekort"),
    "unknown_card": QT_TRANSLATE_NOOP("StaffController", "Ukendt kort"),
    "reason_needed": QT_TRANSLATE_NOOP("StaffController", "Skriv en begrundelse"),
    "not_found": QT_TRANSLATE_NOOP("StaffController", "Findes ikke"),
}


class StaffController(QObject):
    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self.w = window
        self.assign_next = False

    @property
    def staff(self) -> Any:
        return self.w.kiosk.staff

    def _run(self, op: Any, done: Any) -> None:
        self.w.runner.run(op, done)

    def _say(self, text: str) -> None:
        self.w.staff_screen.status.setText(text)

    def _result(self, ev: StaffEvent, ok_text: str) -> None:
        if ev.event == "declined":
            reason = ev.fields.get("reason", "")
            self._say(self.tr(REASONS.get(reason, reason)))
        else:
            self._say(ok_text)
            if self.w.staff_screen.child_id:
                self.select_child(self.w.staff_screen.child_id)
                self.find_children(self.w.staff_screen.search.text())
            for wake in self.w.kiosk.wake_printer:
                wake()

    # --- entering and leaving ---------------------------------------------------------------------
    def pin_entered(self, pin: str) -> None:
        card = self.w.pending_staff_card
        self._run(lambda: self.staff.login(card, pin), self._after_login)

    def _after_login(self, ev: StaffEvent) -> None:
        if ev.event == "staff_mode":
            self.w.staff_screen.show_staff(ev.extra["display_name"] if ev.extra else "", ev.fields["role"])
            self.w.show_staff()
            self.refresh_alerts()
            return
        messages = {"wrong_pin": self.tr("Forkert PIN"), "locked": self.tr("Kortet er låst i 5 minutter"),
                    "unknown_card": self.tr("Ukendt personalekort")}  # fmt: skip
        self.w.pin.reset(messages.get(ev.fields.get("reason", ""), ""))

    def leave_staff(self) -> None:
        self.assign_next = False
        self._run(self.staff.leave, lambda _ev: self.w.show_idle())

    def leave_kiosk(self) -> None:
        session = self.staff.session
        if session is None or session.role != "superuser":
            return
        log.info("superuser %s left the kiosk", session.staff_id)
        self.w.allow_close = True
        app = QApplication.instance()
        if app is not None:
            app.quit()

    # --- children -------------------------------------------------------------------------------------
    def find_children(self, text: str) -> None:
        self._run(lambda: self.staff.find_children(text), self.w.staff_screen.show_children)

    def select_child(self, child_id: str) -> None:
        staff = self.staff

        def load() -> dict[str, Any] | None:
            found = [c for c in staff.find_children("") if c["child_id"] == child_id]
            if not found:
                return None
            from pos_app.storage.ledger import Ledger

            with self.w.kiosk.engine.connect() as conn:
                cards = [{"card_uid": c.card_uid, "status": c.status} for c in Ledger().cards_of(conn, child_id)]
            return found[0] | {"recent": staff.recent(child_id), "cards": cards}

        self._run(load, lambda info: info and self.w.staff_screen.show_child(info))

    def void_selected(self) -> None:
        txn = self.w.staff_screen.selected_txn()
        if txn is None:
            self._say(self.tr("Vælg et køb"))
            return
        self._run(lambda: self.staff.void(txn["txn_id"], "annulleret af personale"),
                  lambda ev: self._result(ev, self.tr("Købet er annulleret")))  # fmt: skip

    def refund_selected(self) -> None:
        txn, lines = self.w.staff_screen.selected_txn(), self.w.staff_screen.selected_lines()
        if txn is None:
            self._say(self.tr("Vælg et køb"))
            return
        self._run(lambda: self.staff.refund(txn["txn_id"], lines, "refunderet af personale"),
                  lambda ev: self._result(ev, self.tr("Varerne er refunderet")))  # fmt: skip

    def reprint_selected(self) -> None:
        txn, queue = self.w.staff_screen.selected_txn(), self.w.kiosk.print_queue
        if txn is None:
            self._say(self.tr("Vælg et køb"))
            return
        if queue is None or self.w.kiosk.printer is None:
            self._say(self.tr("Ingen printer sat op"))
            return

        def done(found: bool) -> None:
            for wake in self.w.kiosk.wake_printer:
                wake()
            self._say(self.tr("Kopien udskrives") if found else self.tr("Der blev ikke udskrevet en kvittering"))

        self._run(lambda: queue.reprint(txn["txn_id"]), done)

    def settings_text(self) -> str:
        """The kiosk's settings for the superuser to read (no secrets); they are changed in the config file."""
        cfg = self.w.kiosk.config
        d = cfg.devices
        lines = [
            f"config file        {cfg.source or '(none: defaults)'}",
            f"database           {cfg.db_path}",
            f"club / kiosk       {cfg.club_name} / {cfg.kiosk_id}",
            f"time zone, language {cfg.timezone}, {cfg.language}",
            f"offline cap        {'none' if cfg.offline_cap_ore is None else cfg.offline_cap_ore} øre/child/day",
            f"offline after      {cfg.offline_after_s:g} s without a successful sync",
            f"walk-away          {cfg.walkaway_s:g} s",
            f"card reader        {'PC/SC ' + (d.card_reader_pattern or '(every reader)') if d.card_reader else 'off'}",
            f"serial scanner     {d.scanner_port or 'none'}",
            f"printer            {d.printer} {d.printer_host or d.printer_device or d.printer_folder}".rstrip(),
            f"sale receipts      {'yes' if d.sale_receipts else 'no'}",
            f"finance sync       {'on' if self.w.kiosk.sync_engine is not None else 'off (no [finance] table)'}",
            "",
            "Devices and the finance side are changed in the config file (then restart the kiosk).",
        ]  # fmt: skip
        return "\n".join(lines)

    def save_settings(self) -> None:
        s = self.w.staff_screen
        cap_text = s.set_cap.text().strip()
        try:
            cap = None if not cap_text else parse_kroner(cap_text)
        except ValueError:
            self._say(self.tr("Ugyldigt beløb"))
            return
        changes = {"club_name": s.set_club.text().strip(), "offline_cap_ore": cap,
                   "walkaway_s": float(s.set_walkaway.value()), "done_screen_s": float(s.set_done.value())}  # fmt: skip
        kiosk = self.w.kiosk

        def save() -> StaffEvent:
            ev = self.staff.change_settings(changes)
            if ev.event == "settings_changed":  # apply now, on the database worker, before the next request
                kiosk.config = replace(kiosk.config, **changes)
                kiosk.checkout.settings = replace(kiosk.checkout.settings, offline_cap_ore=cap,
                                                  walkaway_s=changes["walkaway_s"])  # fmt: skip
                self.staff.settings = kiosk.checkout.settings
            return ev

        def done(ev: StaffEvent) -> None:
            if ev.event != "settings_changed":
                self._say((ev.extra or {}).get("message", self.tr("Ugyldig indstilling")))
                return
            self.w.idle.club.setText(kiosk.config.club_name)
            s.show_settings(kiosk.config, self.settings_text())
            self._say(self.tr("Indstillingerne er gemt"))

        self._run(save, done)

    def _child_and_amount(self, field: Any) -> tuple[str, int] | None:
        """The chosen child and the amount typed in ``field`` (kroner), or None after telling why not."""
        child_id = self.w.staff_screen.child_id
        try:
            ore = parse_kroner(field.text())
        except ValueError:
            self._say(self.tr("Ugyldigt beløb"))
            return None
        if child_id is None:
            self._say(self.tr("Vælg et barn"))
            return None
        field.clear()
        return child_id, ore

    def topup(self) -> None:
        chosen = self._child_and_amount(self.w.staff_screen.topup_amount)
        if chosen is None:
            return
        child_id, ore = chosen
        self._run(lambda: self.staff.topup_cash(child_id, ore),
                  lambda ev: self._result(ev, self.tr("Indbetalt, kvittering udskrives")))  # fmt: skip

    def sell_for(self) -> None:
        child_id, session = self.w.staff_screen.child_id, self.staff.session
        if child_id is None or session is None:
            return
        staff_id, checkout = session.staff_id, self.w.kiosk.checkout

        def start() -> Any:
            self.staff.leave()
            return checkout.start_for_child(child_id, staff_id)

        self._run(start, self.w.show_outcome)

    def assign_next_card(self) -> None:
        if self.w.staff_screen.child_id is None:
            self._say(self.tr("Vælg et barn"))
            return
        self.assign_next = True
        self._say(self.tr("Bip det nye kort på læseren"))

    def card_tapped_in_staff_mode(self, uid: str) -> None:
        child_id = self.w.staff_screen.child_id
        self.assign_next = False
        if child_id is None:
            return
        self._run(lambda: self.staff.assign_card(uid, child_id),
                  lambda ev: self._result(ev, self.tr("Kortet er givet til barnet")))  # fmt: skip

    def new_card_code(self) -> None:
        child_id = self.w.staff_screen.child_id
        if child_id is None:
            self._say(self.tr("Vælg et barn"))
            return
        def done(ev: StaffEvent) -> None:
            self._result(ev, self.tr("Nyt kortnummer: %1").replace("%1", ev.fields.get("card_uid", "")))

        self._run(lambda: self.staff.new_card_code(child_id), done)

    def card_status(self, status: str) -> None:
        uid = self.w.staff_screen.selected_card()
        if uid is None:
            self._say(self.tr("Vælg et kort"))
            return
        self._run(lambda: self.staff.set_card_status(uid, status),
                  lambda ev: self._result(ev, self.tr("Kortet er ændret")))  # fmt: skip

    # --- the day ---------------------------------------------------------------------------------------
    def open_day(self) -> None:
        try:
            ore = parse_kroner(self.w.staff_screen.float_amount.text())
        except ValueError:
            self._say(self.tr("Ugyldigt beløb"))
            return
        self._run(lambda: self.staff.open_day(ore), lambda ev: self._result(ev, self.tr("Dagen er åbnet")))

    def x_report(self) -> None:
        self._run(self.staff.x_report, lambda ev: self._report(ev, "x"))

    def close_day(self) -> None:
        counted = self.w.staff_screen.cash_counted_ore()
        self._run(lambda: self.staff.close_day(counted), lambda ev: self._report(ev, "z"))

    def _report(self, ev: StaffEvent, kind: str) -> None:
        if ev.event == "declined":
            self._result(ev, "")
            return
        receipts = self.w.kiosk.receipts
        if receipts is not None:
            doc = receipts.day_report(kind, ev.fields["report"], ev.fields["by_product"], ev.fields["by_category"])
            self.w.staff_screen.report.setPlainText(render_text(doc))
        z_text = self.tr("Z-rapporten er gemt og sendes til økonomi")
        self._result(ev, z_text if kind == "z" else self.tr("X-rapport"))

    # --- alerts, sync, devices, friplads -----------------------------------------------------------------
    def refresh_alerts(self) -> None:
        kiosk = self.w.kiosk

        def load() -> list[str]:
            st = sync_status(kiosk.engine, kiosk.clock.now(), kiosk.checkout.settings.offline_after_s)
            lines: list[str] = [f"⚠ {w}" for w in kiosk.checkout.warnings + self.staff.warnings]
            lines.append(f"Synk: {'online' if st.online else 'offline'}, ikke sendt {st.unsent}"
                         + (f", STOPPET: {st.blocked}" if st.blocked else "")
                         + (f", fejl: {st.last_error}" if st.last_error and not st.blocked else ""))  # fmt: skip
            rows: list[tuple[str, int | None]] = [(line, None) for line in lines]
            rows += [(f"Afvist af økonomi: #{r['seq']} {r['reason']} (ret med en regulering)", r["seq"])
                     for r in self.staff.open_rejections()]  # fmt: skip
            declines = kiosk.checkout.recent_declines
            rows += [(f"{when} afvist: {reason} {name}".rstrip(), None) for when, reason, name in declines]
            rows += [(f"log {e['at'][11:19]} {e['staff_id']} {e['action']} {e['before'] or ''} -> {e['after'] or ''}",
                      None) for e in self.staff.audit_entries()]  # superusers only; fmt: skip
            return rows

        def show(rows: list[tuple[str, int | None]]) -> None:
            alerts = self.w.staff_screen.alerts
            alerts.clear()
            for text, seq in rows:
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, seq)
                alerts.addItem(item)

        self._run(load, show)

    def adjust(self) -> None:
        s = self.w.staff_screen
        note = s.adjust_note.text()
        chosen = self._child_and_amount(s.adjust_amount)
        if chosen is None:
            return
        child_id, ore = chosen
        s.adjust_note.clear()
        self._run(lambda: self.staff.adjust(child_id, ore, note),
                  lambda ev: self._result(ev, self.tr("Saldoen er reguleret")))  # fmt: skip

    def resume_sync(self) -> None:
        self._run(self.staff.resume_sync, lambda ev: self._result(ev, self.tr("Synkroniseringen prøver igen")))
        self.refresh_alerts()

    def resolve_rejection(self) -> None:
        item = self.w.staff_screen.alerts.currentItem()
        seq = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not isinstance(seq, int):
            self._say(self.tr("Vælg en afvisning"))
            return
        self._run(lambda: self.staff.resolve_rejection(seq, "løst af superbruger"),
                  lambda ev: self._result(ev, self.tr("Afvisningen er markeret løst")))  # fmt: skip
        self.refresh_alerts()

    def sync_now(self) -> None:
        for wake in self.w.kiosk.wake_printer:
            wake()
        self._say(self.tr("Synkroniserer …"))

    def show_devices(self) -> None:
        session = self.staff.session
        if session is not None and session.role == "superuser":
            self.w.show_devices()

    def friplads(self) -> None:
        from pos_app.errors import UserFacingError
        from pos_app.services.fripladscalc import calculate

        s = self.w.staff_screen
        try:
            r = calculate(s.f_year.value(), s.f_income.value(), s.f_children.value(), s.f_single.isChecked())
        except UserFacingError as exc:
            s.f_result.setText(str(exc))
            return
        text = self.tr("Friplads %1 % — forældrene betaler %2 %").replace("%1", str(r.subsidy_pct))
        text = text.replace("%2", str(r.parent_share_pct))
        if not r.confirmed:
            text += " " + self.tr("(tal for året er ikke bekræftet)")
        s.f_result.setText(text)
