"""What the staff screen's signals do: each request runs on the database worker, the answer is shown.

The controller gets only what it needs: the kiosk's services, the task runner, the two staff screens and
a small navigation interface (the window). Money typed by staff is parsed the Danish way
(``parse_kroner``); every action that books money or cannot be undone is confirmed first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidgetItem

from drivers.printing import render_text
from pos_app.domain.money import AmountError, format_ore, parse_kroner
from pos_app.services.staff import MAX_TOPUP_ORE
from pos_app.services.staff_results import (
    AuditEntry,
    CardAssigned,
    CardOwner,
    ChildDetails,
    DayReport,
    DayState,
    Refused,
    StaffDenied,
    StaffMode,
    StaffResult,
)
from pos_app.services.sync_status import sync_status

from .staff_screen import CARD_WORDS, KIND_WORDS, PinScreen, StaffScreen, word
from .widgets import QT_TRANSLATE_NOOP

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
    "float_locked": QT_TRANSLATE_NOOP("StaffController",
                                      "Byttepengene kan ikke ændres efter dagens første kontante indbetaling"),
    "invalid_card": QT_TRANSLATE_NOOP("StaffController", "Ugyldigt kort"),
    "staff_card": QT_TRANSLATE_NOOP("StaffController", "Det er et personalekort: det kan ikke gives til et barn"),
    "card_of_another_child": QT_TRANSLATE_NOOP("StaffController",
                                               "Kortet er givet til et andet barn imens: intet er ændret"),
    "unknown_card": QT_TRANSLATE_NOOP("StaffController", "Ukendt kort"),
    "invalid_status": QT_TRANSLATE_NOOP("StaffController", "Ugyldig status"),
    "reason_needed": QT_TRANSLATE_NOOP("StaffController", "Skriv en begrundelse"),
    "invalid_setting": QT_TRANSLATE_NOOP("StaffController", "Ugyldig indstilling"),
}
AMOUNT_REASONS = {
    "empty": QT_TRANSLATE_NOOP("StaffController", "Skriv et beløb"),
    "malformed": QT_TRANSLATE_NOOP("StaffController", "Det er ikke et beløb (skriv fx 50 eller 12,50)"),
    "ambiguous": QT_TRANSLATE_NOOP("StaffController",
                                   "Beløbet kan læses på to måder: brug komma før øre (12,50) og punktum "
                                   "mellem tusinder (1.000)"),
    "too_many_decimals": QT_TRANSLATE_NOOP("StaffController", "Højst to cifre efter kommaet"),
    "negative": QT_TRANSLATE_NOOP("StaffController", "Beløbet må ikke være negativt"),
    "too_large": QT_TRANSLATE_NOOP("StaffController", "Beløbet er for stort"),
}
# Why a child's card or purchase was declined, in staff's words (the child sees its own sentences, texts.py).
DECLINE_WORDS = {
    "unknown_card": QT_TRANSLATE_NOOP("StaffController", "Ukendt kort"),
    "card_blocked": QT_TRANSLATE_NOOP("StaffController", "Kortet er spærret"),
    "card_lost": QT_TRANSLATE_NOOP("StaffController", "Kortet er meldt væk"),
    "card_not_genuine": QT_TRANSLATE_NOOP("StaffController", "Kortet er ikke ægte (kopi eller anden klubs kort)"),
    "child_blocked": QT_TRANSLATE_NOOP("StaffController", "Barnet er spærret"),
    "insufficient_funds": QT_TRANSLATE_NOOP("StaffController", "Ikke penge nok på kortet"),
    "daily_limit": QT_TRANSLATE_NOOP("StaffController", "Dagens grænse er nået"),
    "offline_limit": QT_TRANSLATE_NOOP("StaffController", "Offline-grænsen for i dag er nået"),
    "restricted_product": QT_TRANSLATE_NOOP("StaffController", "Varen er ikke tilladt for barnet"),
    "inactive_product": QT_TRANSLATE_NOOP("StaffController", "Varen kan ikke købes lige nu"),
    "empty_basket": QT_TRANSLATE_NOOP("StaffController", "Intet valgt"),
}
_DECLINED_NAMED = QT_TRANSLATE_NOOP("StaffController", "%1 %2: afvist — %3")
_DECLINED = QT_TRANSLATE_NOOP("StaffController", "%1 afvist — %2")
_OTHER_REASON = QT_TRANSLATE_NOOP("StaffController", "anden årsag")
AUDIT_WORDS = {
    "staff_mode": QT_TRANSLATE_NOOP("StaffController", "låste op"),
    "pin_wrong": QT_TRANSLATE_NOOP("StaffController", "forkert PIN"),
    "pin_locked": QT_TRANSLATE_NOOP("StaffController", "kortet blev låst"),
    "void": QT_TRANSLATE_NOOP("StaffController", "annullerede et køb"),
    "refund": QT_TRANSLATE_NOOP("StaffController", "refunderede varer"),
    "topup_cash": QT_TRANSLATE_NOOP("StaffController", "kontant indbetaling"),
    "adjustment": QT_TRANSLATE_NOOP("StaffController", "regulerede en saldo"),
    "open_day": QT_TRANSLATE_NOOP("StaffController", "åbnede dagen"),
    "opening_float": QT_TRANSLATE_NOOP("StaffController", "satte byttepenge"),
    "x_report": QT_TRANSLATE_NOOP("StaffController", "X-rapport"),
    "close_day": QT_TRANSLATE_NOOP("StaffController", "lukkede dagen (Z)"),
    "day_auto_closed": QT_TRANSLATE_NOOP("StaffController", "dagen blev lukket automatisk"),
    "card_change": QT_TRANSLATE_NOOP("StaffController", "ændrede et kort"),
    "rejection_resolved": QT_TRANSLATE_NOOP("StaffController", "løste en afvisning"),
    "sync_resumed": QT_TRANSLATE_NOOP("StaffController", "genoptog synk"),
    "settings": QT_TRANSLATE_NOOP("StaffController", "ændrede indstillinger"),
}


class StaffNavigation(Protocol):
    """What the controller needs of the window."""

    def show_idle(self) -> None: ...
    def show_staff(self) -> None: ...
    def show_pin(self) -> None: ...
    def show_devices(self) -> None: ...
    def show_outcome(self, outcome: Any) -> None: ...
    def quit_kiosk(self) -> None: ...
    def club_renamed(self, name: str) -> None: ...


def _tr(text: str) -> str:
    return QCoreApplication.translate("StaffController", text)


def amount_problem(exc: AmountError) -> str:
    return _tr(AMOUNT_REASONS.get(exc.reason, AMOUNT_REASONS["malformed"]))


def decline_word(reason: str) -> str:
    """A decline reason in staff's words."""
    return _tr(DECLINE_WORDS[reason]) if reason in DECLINE_WORDS else _tr(_OTHER_REASON)


def decline_text(when: str, reason: str, first_name: str) -> str:
    """A declined card or purchase for the alerts list: local time (HH:MM), the child's first name, why in
    Danish words (never the code)."""
    why = decline_word(reason)
    if first_name:
        return _tr(_DECLINED_NAMED).replace("%1", when[:5]).replace("%2", first_name).replace("%3", why)
    return _tr(_DECLINED).replace("%1", when[:5]).replace("%2", why)


def audit_text(e: AuditEntry) -> str:
    """One audit entry for people: when, who by name, what, the amounts in kroner (no ids, no øre)."""
    after, before = e.after or {}, e.before or {}
    parts = [e.at.strftime("%d.%m. %H:%M"), e.staff_name or _tr("kiosken"), _tr(AUDIT_WORDS.get(e.action, e.action))]
    for key in ("net_ore", "opening_float_ore", "cash_counted_ore"):
        if isinstance(after.get(key), int):
            parts.append(format_ore(after[key]))
    if isinstance(after.get("balance_ore"), int):
        if isinstance(before.get("balance_ore"), int):
            parts.append(_tr("saldo %1 → %2").replace("%1", format_ore(before["balance_ore"]))
                         .replace("%2", format_ore(after["balance_ore"])))  # fmt: skip
        else:
            parts.append(_tr("saldo %1").replace("%1", format_ore(after["balance_ore"])))
    if e.action == "card_change" and after.get("status"):
        parts.append(word(CARD_WORDS, str(after["status"])))
    if isinstance(after.get("note"), str):
        parts.append(f"“{after['note']}”")
    return "  ".join(parts)


class StaffController(QObject):
    def __init__(self, kiosk: Any, runner: Any, screen: StaffScreen, pin: PinScreen, nav: StaffNavigation) -> None:
        super().__init__()
        self.kiosk = kiosk
        self.runner = runner
        self.screen = screen
        self.pin = pin
        self.nav = nav
        self.assign_next = False
        self.pending_staff_card = ""
        self._pending: Callable[[], None] | None = None  # the action waiting for its confirmation
        s = screen
        pin.pin_entered.connect(self.pin_entered)
        s.confirm.confirmed.connect(self._confirmed)
        s.confirm.cancelled.connect(self._cancelled)
        for signal, slot in ((s.leave_tapped, self.leave_staff), (s.quit_tapped, self.leave_kiosk),
                             (s.void_tapped, self.void_selected), (s.refund_tapped, self.refund_selected),
                             (s.reprint_tapped, self.reprint_selected), (s.topup_tapped, self.topup),
                             (s.sell_tapped, self.sell_for), (s.assign_tapped, self.assign_next_card),
                             (s.new_code_tapped, self.new_card_code), (s.adjust_tapped, self.adjust),
                             (s.float_tapped, self.open_day), (s.x_tapped, self.x_report), (s.z_tapped, self.close_day),
                             (s.refresh_tapped, self.refresh_alerts), (s.devices_tapped, self.show_devices),
                             (s.sync_tapped, self.sync_now), (s.resume_tapped, self.resume_sync),
                             (s.resolve_tapped, self.resolve_rejection), (s.friplads_tapped, self.friplads),
                             (s.save_settings_tapped, self.save_settings)):  # fmt: skip
            signal.connect(slot)
        s.search_changed.connect(self.find_children)
        s.child_selected.connect(self.select_child)
        s.card_status_tapped.connect(self.card_status)
        s.tabs.currentChanged.connect(lambda i: self.refresh_day() if i == s.day_tab_index else None)

    @property
    def staff(self) -> Any:
        return self.kiosk.staff

    def _run(self, op: Callable[[], Any], done: Callable[[Any], None]) -> None:
        self.runner.run(op, done)

    def _say(self, text: str, ok: bool = True) -> None:
        self.screen.say(text, ok)

    def _wake(self) -> None:
        for wake in self.kiosk.wake_printer:
            wake()

    def _result(self, result: StaffResult, ok_text: str) -> None:
        if isinstance(result, Refused):
            self._say(result.message or _tr(REASONS.get(result.reason.value, result.reason.value)), ok=False)
            return
        self._say(ok_text)
        self.refresh_child()
        self._wake()

    def _amount(self, field: QLineEdit, allow_negative: bool = False) -> int | None:
        try:
            return parse_kroner(field.text(), allow_negative=allow_negative)
        except AmountError as exc:
            log.info("staff typed an amount that was refused: %s", exc.reason)
            self._say(amount_problem(exc), ok=False)
            return None

    # --- confirmations ----------------------------------------------------------------------------
    def _ask(self, text: str, yes_label: str, action: Callable[[], None]) -> None:
        self._pending = action
        self.screen.ask(text, yes_label)

    def _confirmed(self) -> None:
        action, self._pending = self._pending, None
        if action is not None:
            action()

    def _cancelled(self) -> None:
        self._pending = None
        self._say(self.tr("Fortrudt: intet er ændret"))

    # --- entering and leaving ---------------------------------------------------------------------
    def staff_card_tapped(self, uid: str) -> None:
        """A staff card (by reader or keyboard): the PIN pad names its owner and says if it is locked."""
        self.pending_staff_card = uid
        self.pin.ask("")
        self.nav.show_pin()

        def show(card: Any) -> None:
            if card is None:
                return
            locked = (self.tr("Kortet er låst til kl. %1").replace("%1", card.locked_until.strftime("%H:%M"))
                      if card.locked_until is not None else "")  # fmt: skip
            self.pin.ask(card.display_name, locked)

        self._run(lambda: self.staff.staff_card(uid), show)

    def pin_entered(self, pin: str) -> None:
        card = self.pending_staff_card
        self._run(lambda: self.staff.login(card, pin), self._after_login)

    def _after_login(self, result: StaffMode | StaffDenied) -> None:
        if isinstance(result, StaffMode):
            self.assign_next = False
            self._pending = None
            self.screen.show_staff(result.display_name, result.superuser)
            if result.superuser:
                self._show_settings()
            self.nav.show_staff()
            self.find_children("")  # the club's children at once, fresh for this staff member
            self.refresh_alerts()
            return
        if result.locked_until is not None:
            message = self.tr("Kortet er låst til kl. %1").replace("%1", result.locked_until.strftime("%H:%M"))
        elif result.attempts_left is not None:
            message = self.tr("Forkert PIN — %1 forsøg tilbage").replace("%1", str(result.attempts_left))
        else:
            message = self.tr("Ukendt personalekort")
        self.pin.reset(message)

    def leave_staff(self) -> None:
        self.assign_next = False
        self._run(self.staff.leave, lambda _r: self.nav.show_idle())

    def leave_kiosk(self) -> None:
        session = self.staff.session
        if session is None or session.role != "superuser":
            return

        def leave() -> None:
            log.info("superuser %s left the kiosk", session.staff_id)
            self.nav.quit_kiosk()

        self._ask(self.tr("Forlad kiosken? Programmet lukker, og børnene kan ikke købe, før det startes igen."),
                  self.tr("Ja, forlad kiosken"), leave)  # fmt: skip

    # --- children -------------------------------------------------------------------------------------
    def find_children(self, text: str) -> None:
        self._run(lambda: self.staff.find_children(text), self.screen.show_children)

    def select_child(self, child_id: str) -> None:
        if child_id != self.screen.child_id:
            self.assign_next = False  # "Giv nyt kort" was for the child before
        self._run(lambda: self.staff.child_details(child_id), self._show_child)

    def _show_child(self, info: ChildDetails | Refused) -> None:
        if isinstance(info, ChildDetails):
            self.screen.show_child(info)
        else:
            self._result(info, "")

    def refresh_child(self) -> None:
        """After a change: the chosen child and every balance in the list, read again."""
        if self.screen.child_id:
            self.select_child(self.screen.child_id)
        self.find_children(self.screen.search.text())

    def void_selected(self) -> None:
        txn = self.screen.selected_txn()
        if txn is None or txn.kind != "sale":
            self._say(self.tr("Vælg et køb"), ok=False)
            return
        if not txn.voidable:  # say it now, not after a question whose answer would be refused
            self._say(self.tr("Købet er allerede refunderet eller annulleret; refundér de resterende varer"), ok=False)
            return
        text = (self.tr("Annullér køb %1 for %2? Beløbet kommer tilbage på kortet.")
                .replace("%1", format_ore(txn.net_ore)).replace("%2", self.screen.child_name))  # fmt: skip
        self._ask(text, self.tr("Ja, annullér købet"), lambda: self._run(
            lambda: self.staff.void(txn.txn_id, "annulleret af personale"),
            lambda r: self._result(r, self.tr("Købet er annulleret"))))  # fmt: skip

    def refund_selected(self) -> None:
        txn, pids = self.screen.selected_txn(), self.screen.selected_lines()
        if txn is None or txn.kind != "sale":
            self._say(self.tr("Vælg et køb"), ok=False)
            return
        if not pids:
            self._say(self.tr("Vælg varer først"), ok=False)
            return
        lines = [line for line in txn.lines if line.product_id in pids]
        names = ", ".join(f"{line.qty} × {line.name}" if line.qty > 1 else line.name for line in lines)
        text = (self.tr("Refundér %1 (%2) for %3? Beløbet kommer tilbage på kortet.")
                .replace("%1", names).replace("%2", format_ore(sum(line.net_ore for line in lines)))
                .replace("%3", self.screen.child_name))  # fmt: skip
        self._ask(text, self.tr("Ja, refundér"), lambda: self._run(
            lambda: self.staff.refund(txn.txn_id, pids, "refunderet af personale"),
            lambda r: self._result(r, self.tr("Varerne er refunderet"))))  # fmt: skip

    def reprint_selected(self) -> None:
        txn, queue = self.screen.selected_txn(), self.kiosk.print_queue
        if txn is None:
            self._say(self.tr("Vælg et køb"), ok=False)
            return
        if queue is None or self.kiosk.printer is None:
            self._say(self.tr("Ingen printer sat op"), ok=False)
            return

        def done(found: bool) -> None:
            self._wake()
            self._say(self.tr("Kopien udskrives") if found else self.tr("Der blev ikke udskrevet en kvittering"),
                      ok=found)  # fmt: skip

        self._run(lambda: queue.reprint(txn.txn_id), done)

    def _chosen_child(self) -> str | None:
        if self.screen.child_id is None:
            self._say(self.tr("Vælg et barn"), ok=False)
        return self.screen.child_id

    def topup(self) -> None:
        child_id = self._chosen_child()
        ore = self._amount(self.screen.topup_amount) if child_id else None
        if child_id is None or ore is None:
            return
        if not 0 < ore <= MAX_TOPUP_ORE or ore % 50:  # the service's rule, said before the question
            self._say(self.tr("Kontant indbetaling: fra 0,50 kr til 10.000,00 kr i hele 50 øre"), ok=False)
            return
        name = self.screen.child_name
        text = (self.tr("Indbetal %1 kontant på %2s kort? Tag imod pengene først.")
                .replace("%1", format_ore(ore)).replace("%2", name))  # fmt: skip

        def book() -> None:
            self.screen.topup_amount.clear()
            self._run(lambda: self.staff.topup_cash(child_id, ore),
                      lambda r: self._result(r, self.tr("Indbetalt %1, kvittering udskrives")
                                             .replace("%1", format_ore(ore))))  # fmt: skip

        self._ask(text, self.tr("Ja, indbetal %1").replace("%1", format_ore(ore)), book)

    def adjust(self) -> None:
        s = self.screen
        child_id = self._chosen_child()
        ore = self._amount(s.adjust_amount, allow_negative=True) if child_id else None
        if child_id is None or ore is None:
            return
        note = s.adjust_note.text()
        text = (self.tr("Regulér %1s saldo med %2?").replace("%1", s.child_name)
                .replace("%2", format_ore(ore)))  # fmt: skip

        def book() -> None:
            s.adjust_amount.clear()
            s.adjust_note.clear()
            self._run(lambda: self.staff.adjust(child_id, ore, note),
                      lambda r: self._result(r, self.tr("Saldoen er reguleret")))  # fmt: skip

        self._ask(text, self.tr("Ja, regulér"), book)

    def sell_for(self) -> None:
        child_id, session = self.screen.child_id, self.staff.session
        if child_id is None or session is None:
            self._say(self.tr("Vælg et barn"), ok=False)
            return
        staff_id, checkout = session.staff_id, self.kiosk.checkout

        def start() -> Any:
            self.staff.leave()
            return checkout.start_for_child(child_id, staff_id)

        self._run(start, self.nav.show_outcome)

    def assign_next_card(self) -> None:
        if self._chosen_child() is None:
            return
        self.assign_next = True
        focused = QApplication.focusWidget()
        if focused is not None:  # a keyboard-wedge reader types the new card's code: not into the search field
            focused.clearFocus()
        self.screen.inform(self.tr("Bip det nye kort på læseren (eller tast kortets kode og Enter)"))

    def card_refused(self) -> None:
        """A card that failed the secure-card check while staff work (secure cards, docs/cards.md): it is
        never given to a child nor opens anything; staff are told on their screen (and in their alerts)."""
        self.assign_next = False
        self._say(decline_word("card_not_genuine"), ok=False)

    def card_tapped_in_staff_mode(self, uid: str) -> None:
        """A card read (by reader or keyboard) while "Giv nyt kort" waits. Never given silently: whose it is
        now is read first; a staff card is refused; another child's card is moved only after a confirmation
        that names both children; an unknown card is given after a confirmation that names the child."""
        child_id, name = self.screen.child_id, self.screen.child_name
        self.assign_next = False
        if child_id is None:
            return

        def done(r: CardAssigned | Refused) -> None:
            self._result(r, self.tr("Kortet er givet til %1").replace("%1", name))

        def ask(owner: CardOwner | Refused) -> None:
            if isinstance(owner, Refused):
                self._result(owner, "")
                return
            if owner.staff:
                log.info("a staff card was offered as a child's new card: refused")
                self._say(_tr(REASONS["staff_card"]), ok=False)
                return
            if owner.child_id == child_id and owner.status == "active":
                self._say(self.tr("Kortet er allerede %1s").replace("%1", name))
                return
            if owner.child_id is not None and owner.child_id != child_id:
                other = owner.child_name or ""
                text = (self.tr("Kortet tilhører %1 — flyt det til %2? %3 kan så ikke bruge det.")
                        .replace("%1", other).replace("%2", name)
                        .replace("%3", other.split()[0] if other.split() else other))  # fmt: skip
                yes = self.tr("Ja, flyt kortet til %1").replace("%1", name)
            elif owner.child_id == child_id:  # the child's own card, lost or blocked: active again
                text = (self.tr("Kortet er %1s, men det er %2. Gør det aktivt igen?").replace("%1", name)
                        .replace("%2", word(CARD_WORDS, owner.status or "")))  # fmt: skip
                yes = self.tr("Ja, gør kortet aktivt")
            else:
                text = self.tr("Giv det nye kort %1 til %2?").replace("%1", owner.card_uid).replace("%2", name)
                yes = self.tr("Ja, giv kortet til %1").replace("%1", name)
            from_child = owner.child_id
            self._ask(text, yes, lambda: self._run(lambda: self.staff.assign_card(uid, child_id, from_child), done))

        self._run(lambda: self.staff.card_owner(uid), ask)

    def new_card_code(self) -> None:
        """A new printed code for the chosen child: asked first, as it queues the welcome letter at once."""
        child_id = self._chosen_child()
        if child_id is None:
            return
        name = self.screen.child_name

        def done(r: CardAssigned | Refused) -> None:
            self._result(r, self.tr("Nyt kortnummer til %1: %2").replace("%1", name)
                         .replace("%2", r.card_uid if isinstance(r, CardAssigned) else ""))  # fmt: skip

        printer = self.kiosk.print_queue is not None and self.kiosk.printer is not None
        text = (self.tr("Lav et nyt kortnummer til %1? Et velkomstbrev med koden udskrives med det samme.") if printer
                else self.tr("Lav et nyt kortnummer til %1?")).replace("%1", name)  # fmt: skip
        self._ask(text, self.tr("Ja, nyt kortnummer"), lambda: self._run(lambda: self.staff.new_card_code(child_id),
                                                                        done))  # fmt: skip

    def card_status(self, status: str) -> None:
        uid = self.screen.selected_card()
        if uid is None:
            self._say(self.tr("Vælg et kort"), ok=False)
            return
        self._run(lambda: self.staff.set_card_status(uid, status),
                  lambda r: self._result(r, self.tr("Kortet er ændret")))  # fmt: skip

    # --- the day ---------------------------------------------------------------------------------------
    def open_day(self) -> None:
        """Open the day with the opening float, or set the float of a day a sale opened (until the first
        cash top-up). Afterwards the "Dagen" tab shows the day's real state (a refused float is reset)."""
        ore = self._amount(self.screen.float_amount)
        if ore is None:
            return

        def done(r: Any) -> None:
            self._result(r, self.tr("Byttepenge: %1").replace("%1", format_ore(ore)))
            self.refresh_day()

        self._run(lambda: self.staff.set_opening_float(ore), done)

    def refresh_day(self) -> None:
        """Read the business day's state for the "Dagen" tab (superusers)."""
        session = self.staff.session
        if session is None or session.role != "superuser":
            return
        clock, tz = self.kiosk.clock, self.kiosk.checkout.settings.tz

        def show(state: DayState | Refused) -> None:
            if isinstance(state, DayState):
                self.screen.show_day(state, clock.now().astimezone(tz).date())

        self._run(self.staff.day_state, show)

    def x_report(self) -> None:
        self._run(self.staff.x_report, lambda r: self._report(r))

    def close_day(self) -> None:
        """The Z report: the confirmation states the cash expected and the difference to the counted cash
        before anything is booked (read fresh; the confirmation keeps the tabs, and so top-ups, waiting)."""
        counted = self.screen.cash_counted_ore()

        def ask(state: DayState | Refused) -> None:
            if isinstance(state, Refused):
                self._result(state, "")
                return
            opening = state.opening_float_ore or 0
            expected = state.cash_expected_ore or 0
            diff = counted - expected
            text = (self.tr("Luk dagen? Forventet kontant %1 (byttepenge %2 + kontante indbetalinger %3). "
                            "Optalt %4, difference %5. Z-rapporten kan ikke laves om, og dagens tal sendes "
                            "til økonomi.")
                    .replace("%1", format_ore(expected)).replace("%2", format_ore(opening))
                    .replace("%3", format_ore(expected - opening)).replace("%4", format_ore(counted))
                    .replace("%5", ("+" if diff > 0 else "") + format_ore(diff)))  # fmt: skip
            self._ask(text, self.tr("Ja, luk dagen"), lambda: self._run(lambda: self.staff.close_day(counted),
                                                                        self._report))  # fmt: skip

        self._run(self.staff.day_state, ask)

    def _report(self, result: DayReport | Refused) -> None:
        if isinstance(result, Refused):
            self._result(result, "")
            return
        receipts = self.kiosk.receipts
        if receipts is not None:
            doc = receipts.day_report("z" if result.z else "x", result.report, result.by_product, result.by_category)
            self.screen.report.setPlainText(render_text(doc))
        self._result(result, self.tr("Z-rapporten er gemt og sendes til økonomi") if result.z
                     else self.tr("X-rapport"))  # fmt: skip
        self.refresh_day()

    # --- settings -----------------------------------------------------------------------------------
    def settings_text(self) -> str:
        """The kiosk's settings for the superuser to read (no secrets); devices are set in the config file."""
        cfg = self.kiosk.config
        d = cfg.devices
        yes, no, none = self.tr("ja"), self.tr("nej"), self.tr("ingen")
        cap = none if cfg.offline_cap_ore is None else format_ore(cfg.offline_cap_ore)
        reader = (self.tr("PC/SC %1").replace("%1", d.card_reader_pattern or self.tr("(alle læsere)"))
                  if d.card_reader else self.tr("slået fra"))  # fmt: skip
        rows = [
            (self.tr("Konfigurationsfil"), str(cfg.source or self.tr("(ingen: standardværdier)"))),
            (self.tr("Database"), str(cfg.db_path)),
            (self.tr("Klub / kiosk"), f"{cfg.club_name} / {cfg.kiosk_id}"),
            (self.tr("Tidszone, sprog"), f"{cfg.timezone}, {cfg.language}"),
            (self.tr("Offline-grænse"), self.tr("%1 pr. barn pr. dag").replace("%1", cap)),
            (self.tr("Offline efter"),
             self.tr("%1 s uden en vellykket synk").replace("%1", f"{cfg.offline_after_s:g}")),
            (self.tr("Barnet er gået efter"), f"{cfg.walkaway_s:g} s"),
            (self.tr("Kortlæser"), reader),
            (self.tr("Seriel scanner"), d.scanner_port or none),
            (self.tr("Printer"), f"{d.printer} {d.printer_host or d.printer_device or d.printer_folder}".rstrip()),
            (self.tr("Kvittering ved køb"), yes if d.sale_receipts else no),
            (self.tr("Synk med økonomi"), self.tr("til") if self.kiosk.sync_engine is not None
             else self.tr("fra (ingen [finance] i konfigurationen)")),
        ]  # fmt: skip
        width = max(len(label) for label, _ in rows) + 2
        lines = [f"{label:<{width}}{value}" for label, value in rows]
        lines += ["", self.tr("Enheder og økonomi-siden ændres i konfigurationsfilen (genstart derefter kiosken).")]
        return "\n".join(lines)

    def _show_settings(self) -> None:
        cfg = self.kiosk.config
        self.screen.show_settings(cfg.club_name, cfg.offline_cap_ore, cfg.walkaway_s, cfg.done_screen_s,
                                  self.settings_text())  # fmt: skip

    def save_settings(self) -> None:
        s = self.screen
        cap = None
        if s.set_cap.text().strip():
            cap = self._amount(s.set_cap)
            if cap is None:
                return
        changes = {"club_name": s.set_club.text().strip(), "offline_cap_ore": cap,
                   "walkaway_s": float(s.set_walkaway.value()), "done_screen_s": float(s.set_done.value())}  # fmt: skip
        kiosk = self.kiosk

        def save() -> Any:
            result = self.staff.change_settings(changes)
            if not isinstance(result, Refused):  # apply now, on the database worker, before the next request
                kiosk.config = replace(kiosk.config, **changes)
                kiosk.checkout.settings = replace(kiosk.checkout.settings, offline_cap_ore=cap,
                                                  walkaway_s=changes["walkaway_s"])  # fmt: skip
                self.staff.settings = kiosk.checkout.settings
            return result

        def done(result: Any) -> None:
            if isinstance(result, Refused):
                self._result(result, "")
                return
            self.nav.club_renamed(kiosk.config.club_name)
            self._show_settings()
            self._say(self.tr("Indstillingerne er gemt"))

        self._run(save, done)

    # --- alerts, sync, devices, friplads -----------------------------------------------------------------
    def refresh_alerts(self) -> None:
        kiosk, staff = self.kiosk, self.staff

        def load() -> list[tuple[str, int | None]]:
            st = sync_status(kiosk.engine, kiosk.clock.now(), kiosk.checkout.settings.offline_after_s)
            lines: list[str] = [f"⚠ {w}" for w in kiosk.checkout.warnings + staff.warnings]
            lines.append(_tr("Synk: %1, ikke sendt: %2").replace("%1", _tr("online") if st.online else _tr("offline"))
                         .replace("%2", str(st.unsent))
                         + (" " + _tr("STOPPET: %1").replace("%1", st.blocked) if st.blocked else "")
                         + (" " + _tr("fejl: %1").replace("%1", st.last_error)
                            if st.last_error and not st.blocked else ""))  # fmt: skip
            rows: list[tuple[str, int | None]] = [(line, None) for line in lines]
            rows += [(_tr("Afvist af økonomi: #%1 %2 (ret med en regulering)").replace("%1", str(r.seq))
                      .replace("%2", r.reason), r.seq) for r in staff.open_rejections()]  # fmt: skip
            rows += [(decline_text(when, reason, name), None) for when, reason, name in kiosk.checkout.recent_declines]
            rows += [(audit_text(e), None) for e in staff.audit_entries()]  # superusers only
            return rows

        def show(rows: list[tuple[str, int | None]]) -> None:
            alerts = self.screen.alerts
            alerts.clear()
            for text, seq in rows:
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, seq)
                alerts.addItem(item)

        self._run(load, show)

    def resume_sync(self) -> None:
        self._run(self.staff.resume_sync, lambda r: self._result(r, self.tr("Synkroniseringen prøver igen")))
        self.refresh_alerts()

    def resolve_rejection(self) -> None:
        item = self.screen.alerts.currentItem()
        seq = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if not isinstance(seq, int):
            self._say(self.tr("Vælg en afvisning"), ok=False)
            return
        self._run(lambda: self.staff.resolve_rejection(seq, "løst af superbruger"),
                  lambda r: self._result(r, self.tr("Afvisningen er markeret løst")))  # fmt: skip
        self.refresh_alerts()

    def sync_now(self) -> None:
        self._wake()
        self._say(self.tr("Synkroniserer …"))

    def show_devices(self) -> None:
        session = self.staff.session
        if session is not None and session.role == "superuser":
            self.nav.show_devices()

    def friplads(self) -> None:
        from pos_app.errors import UserFacingError
        from pos_app.services.fripladscalc import calculate

        s = self.screen
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


__all__ = ["KIND_WORDS", "StaffController", "StaffNavigation", "audit_text", "decline_text", "decline_word", "word"]
