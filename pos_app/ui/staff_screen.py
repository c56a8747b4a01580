"""Staff mode: the PIN pad and the staff screen (another colour band, so nobody mistakes it for the
children's screen). Staff handle exceptions; superusers also run the day, sync and devices."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import format_ore
from pos_app.services.staff_results import ChildDetails, ChildSummary, TxnInfo

from .widgets import QT_TRANSLATE_NOOP, named

STAFF_BAND = "background: #4a148c; color: #fff; font-size: 28px; font-weight: bold; padding: 12px;"
ROW_PX = 56  # list rows for fingers (at least 48 px)
LIST_STYLE = f"QListWidget::item {{ min-height: {ROW_PX}px; padding: 4px 8px; }}"
OK_STYLE = "font-size: 24px; font-weight: bold; color: #1b5e20;"
ERROR_STYLE = "font-size: 24px; font-weight: bold; color: #b71c1c;"
# Words for the journal's kinds and the cards' statuses (translated through Qt like the rest).
KIND_WORDS = {
    "sale": QT_TRANSLATE_NOOP("StaffScreen", "Køb"),
    "refund": QT_TRANSLATE_NOOP("StaffScreen", "Refundering"),
    "void": QT_TRANSLATE_NOOP("StaffScreen", "Annullering"),
    "topup_cash": QT_TRANSLATE_NOOP("StaffScreen", "Kontant indbetaling"),
    "adjustment": QT_TRANSLATE_NOOP("StaffScreen", "Regulering"),
}
CARD_WORDS = {
    "active": QT_TRANSLATE_NOOP("StaffScreen", "aktivt"),
    "blocked": QT_TRANSLATE_NOOP("StaffScreen", "spærret"),
    "lost": QT_TRANSLATE_NOOP("StaffScreen", "meldt væk"),
}
COINS_AND_NOTES = (100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50)  # øre: 1000 kr … 50 øre


def word(words: dict[str, str], key: str) -> str:
    """The translated word for a kind or status (the key itself when there is none)."""
    return QCoreApplication.translate("StaffScreen", words[key]) if key in words else key


def local_time(when: datetime) -> str:
    return when.strftime("%d.%m. %H:%M")


def _row(item: QListWidgetItem) -> QListWidgetItem:
    item.setSizeHint(QSize(0, ROW_PX))
    return item


class PinScreen(QWidget):
    """The PIN pad: names whose card was tapped; digits by touch or typed on a keyboard, Enter, Backspace."""

    pin_entered = Signal(str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self.band = named(QLabel(self.tr("Personale: tast din PIN")), "pin_band")
        self.band.setStyleSheet(STAFF_BAND)
        layout.addWidget(self.band)
        # The PIN is typed into a masked field, so a keyboard works too (the keyboard-wedge filter leaves
        # text fields alone); the keypad's buttons take no focus, so the field keeps it.
        self.field = named(QLineEdit(), "pin_field")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(6)
        self.field.setValidator(QRegularExpressionValidator(r"\d{0,6}"))
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.setStyleSheet("font-size: 48px; letter-spacing: 12px; border: none;")
        self.field.returnPressed.connect(self._submit)
        layout.addWidget(self.field)
        self.message = named(QLabel(""), "pin_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 28px; color: #b71c1c; font-weight: bold;")
        layout.addWidget(self.message)
        grid = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for i, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]):
            button = named(QPushButton(key), f"pin-{key}")
            button.setMinimumSize(QSize(140, 80))
            button.setStyleSheet("font-size: 36px;")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self._key(k))
            self.keys[key] = button
            grid.addWidget(button, i // 3, i % 3)
        layout.addLayout(grid)
        cancel = named(QPushButton(self.tr("Annullér")), "pin-cancel")
        cancel.setMinimumHeight(72)
        cancel.setStyleSheet("font-size: 28px;")
        cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        cancel.clicked.connect(self.cancelled)
        layout.addWidget(cancel)

    @property
    def dots(self) -> str:
        return "●" * len(self.field.text())

    def ask(self, display_name: str, message: str = "") -> None:
        """A new card tapped: whose it is, an empty PIN, and (if locked) until when."""
        self.band.setText(self.tr("%1: tast din PIN").replace("%1", display_name) if display_name
                          else self.tr("Personale: tast din PIN"))  # fmt: skip
        self.reset(message)

    def reset(self, message: str = "") -> None:
        self.field.clear()
        self.message.setText(message)
        self.field.setFocus()

    def showEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        self.field.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        """Keys that reach the screen itself (not the field): digits, Backspace and Enter."""
        key, text = event.key(), event.text()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._key("OK")
        elif key == Qt.Key.Key_Backspace:
            self._key("⌫")
        elif len(text) == 1 and text.isdigit():
            self._key(text)
        elif key == Qt.Key.Key_Escape:
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)

    def _key(self, key: str) -> None:
        if key == "OK":
            self._submit()
        elif key == "⌫":
            self.field.backspace()
        elif len(self.field.text()) < 6:
            self.field.insert(key)

    def _submit(self) -> None:
        pin = self.field.text()
        self.field.clear()
        if pin:
            self.pin_entered.emit(pin)


def _button(text: str, name: str, on_click: Callable[[], object]) -> QPushButton:
    button = named(QPushButton(text), name)
    button.setMinimumHeight(64)
    button.clicked.connect(lambda _=False: on_click())
    return button


class ConfirmPanel(QFrame):
    """Asks before an action that books money or cannot be undone: the consequence, then yes or no."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("staff_confirm")
        self.setStyleSheet("#staff_confirm { background: #fff8e1; border: 3px solid #ff8f00; border-radius: 8px; }")
        lay = QVBoxLayout(self)
        self.text = named(QLabel(""), "confirm_text")
        self.text.setWordWrap(True)
        self.text.setStyleSheet("font-size: 26px; font-weight: bold; color: #111;")
        lay.addWidget(self.text)
        row = QHBoxLayout()
        self.yes = named(QPushButton(""), "confirm-yes")
        self.no = named(QPushButton(self.tr("Fortryd")), "confirm-no")
        for button in (self.yes, self.no):
            button.setMinimumSize(QSize(220, 72))
            button.setStyleSheet("font-size: 26px;")
            row.addWidget(button)
        self.yes.clicked.connect(lambda _=False: self._answer(True))
        self.no.clicked.connect(lambda _=False: self._answer(False))
        lay.addLayout(row)
        self.hide()

    def ask(self, text: str, yes_label: str) -> None:
        self.text.setText(text)
        self.yes.setText(yes_label)
        self.show()

    def _answer(self, yes: bool) -> None:
        if not self.isVisible():
            return  # answered already: one confirmation books once
        self.hide()
        (self.confirmed if yes else self.cancelled).emit()


class StaffScreen(QWidget):
    """The staff screen. It only shows things and emits signals; the StaffController acts on them."""

    leave_tapped = Signal()
    quit_tapped = Signal()
    search_changed = Signal(str)
    child_selected = Signal(str)
    void_tapped = Signal()
    refund_tapped = Signal()
    reprint_tapped = Signal()
    topup_tapped = Signal()
    sell_tapped = Signal()
    assign_tapped = Signal()
    new_code_tapped = Signal()
    card_status_tapped = Signal(str)
    adjust_tapped = Signal()
    float_tapped = Signal()
    x_tapped = Signal()
    z_tapped = Signal()
    refresh_tapped = Signal()
    devices_tapped = Signal()
    sync_tapped = Signal()
    resume_tapped = Signal()
    resolve_tapped = Signal()
    friplads_tapped = Signal()
    save_settings_tapped = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setStyleSheet("QWidget { font-size: 22px; } " + LIST_STYLE)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.band = named(QLabel(""), "staff_band")
        self.band.setStyleSheet(STAFF_BAND)
        top.addWidget(self.band, 1)
        top.addWidget(_button(self.tr("Tilbage til børnene"), "staff-leave", self.leave_tapped.emit))
        top.addSpacing(48)  # away from "Tilbage til børnene": leaving the kiosk is not a slip of the finger
        self.leave_kiosk = _button(self.tr("Forlad kiosken"), "staff-quit", self.quit_tapped.emit)
        top.addWidget(self.leave_kiosk)
        layout.addLayout(top)
        self.status = named(QLabel(""), "staff_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.confirm = ConfirmPanel()
        layout.addWidget(self.confirm)
        self.tabs = named(QTabWidget(), "staff_tabs")
        layout.addWidget(self.tabs, 1)
        self._child_tab()
        self._day_tab()
        self._alerts_tab()
        self._friplads_tab()
        self.settings_tab_index = self._settings_tab()
        self.child_id: str | None = None
        self.child_name = ""
        self.confirm.confirmed.connect(lambda: self.tabs.setEnabled(True))
        self.confirm.cancelled.connect(lambda: self.tabs.setEnabled(True))

    def ask(self, text: str, yes_label: str) -> None:
        """Show the confirmation (the tabs wait until it is answered)."""
        self.tabs.setEnabled(False)
        self.confirm.ask(text, yes_label)

    def say(self, text: str, ok: bool = True) -> None:
        """A result for staff: green with a tick when it worked, red with a cross when not (not colour alone)."""
        self.status.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.status.setText(("✔ " if ok else "✖ ") + text if text else "")

    # --- tabs ---------------------------------------------------------------------------------------
    def _list(self, name: str) -> QListWidget:
        lst = named(QListWidget(), name)
        lst.setUniformItemSizes(True)
        return lst

    def _child_tab(self) -> None:
        tab = QWidget()
        lay = QHBoxLayout(tab)
        left = QVBoxLayout()
        self.search = named(QLineEdit(), "staff_search")
        self.search.setPlaceholderText(self.tr("Søg barn (navn)"))
        self.search.setMinimumHeight(56)
        self.search.textChanged.connect(self.search_changed)
        left.addWidget(self.search)
        self.children_list = self._list("staff_children")
        self.children_list.currentItemChanged.connect(self._on_child_item)  # connected once, here
        left.addWidget(self.children_list, 1)
        lay.addLayout(left, 1)
        right = QVBoxLayout()
        self.child_title = named(QLabel(""), "staff_child")
        self.child_title.setStyleSheet("font-size: 28px; font-weight: bold;")
        right.addWidget(self.child_title)
        self.purchases = self._list("staff_purchases")
        self.purchases.currentItemChanged.connect(self._show_lines)  # connected once, here
        right.addWidget(self.purchases, 1)
        self.lines_box = QHBoxLayout()
        right.addLayout(self.lines_box)
        row = QHBoxLayout()
        row.addWidget(_button(self.tr("Annullér køb"), "staff-void", self.void_tapped.emit))
        row.addWidget(_button(self.tr("Refundér valgte varer"), "staff-refund", self.refund_tapped.emit))
        row.addWidget(_button(self.tr("Genudskriv"), "staff-reprint", self.reprint_tapped.emit))
        right.addLayout(row)
        row = QHBoxLayout()
        self.topup_amount = named(QLineEdit(), "staff_topup_amount")
        self.topup_amount.setPlaceholderText(self.tr("Kontant beløb, fx 50,00"))
        self.topup_amount.setMinimumHeight(56)
        row.addWidget(self.topup_amount)
        row.addWidget(_button(self.tr("Indbetal kontant"), "staff-topup", self.topup_tapped.emit))
        right.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(_button(self.tr("Sælg for barnet"), "staff-sell", self.sell_tapped.emit))
        row.addWidget(_button(self.tr("Giv nyt kort (bip det)"), "staff-assign", self.assign_tapped.emit))
        row.addWidget(_button(self.tr("Nyt kortnummer"), "staff-newcode", self.new_code_tapped.emit))
        right.addLayout(row)
        row = QHBoxLayout()
        self.cards_list = self._list("staff_cards")
        self.cards_list.setMaximumHeight(2 * ROW_PX + 8)
        row.addWidget(self.cards_list, 1)
        self.adjust_amount = named(QLineEdit(), "staff_adjust_amount")
        self.adjust_amount.setPlaceholderText(self.tr("Regulering, fx -12,50"))
        self.adjust_note = named(QLineEdit(), "staff_adjust_note")
        self.adjust_note.setPlaceholderText(self.tr("Begrundelse"))
        self.adjust_button = _button(self.tr("Regulér saldo"), "staff-adjust", self.adjust_tapped.emit)
        adjust_row = QHBoxLayout()
        for w in (self.adjust_amount, self.adjust_note, self.adjust_button):
            w.setMinimumHeight(56)
            adjust_row.addWidget(w)
        right.addLayout(adjust_row)
        row.addWidget(_button(self.tr("Meld væk"), "staff-lost", lambda: self.card_status_tapped.emit("lost")))
        row.addWidget(_button(self.tr("Spær"), "staff-block", lambda: self.card_status_tapped.emit("blocked")))
        right.addLayout(row)
        lay.addLayout(right, 2)
        self.tabs.addTab(tab, self.tr("Børn"))

    def _day_tab(self) -> None:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.float_amount = named(QLineEdit("0,00"), "staff_float")
        self.float_amount.setMinimumHeight(56)
        row.addWidget(QLabel(self.tr("Byttepenge:")))
        row.addWidget(self.float_amount)
        row.addWidget(_button(self.tr("Åbn dagen / sæt byttepenge"), "staff-open-day", self.float_tapped.emit))
        row.addWidget(_button(self.tr("X-rapport"), "staff-x", self.x_tapped.emit))
        lay.addLayout(row)
        grid = QGridLayout()
        self.counts: dict[int, QSpinBox] = {}
        for i, ore in enumerate(COINS_AND_NOTES):
            spin = named(QSpinBox(), f"count-{ore}")
            spin.setRange(0, 9999)
            spin.setMinimumHeight(48)
            spin.valueChanged.connect(self._update_cash_total)
            self.counts[ore] = spin
            grid.addWidget(QLabel(format_ore(ore)), i // 4, (i % 4) * 2)
            grid.addWidget(spin, i // 4, (i % 4) * 2 + 1)
        lay.addLayout(grid)
        row = QHBoxLayout()
        self.cash_total = named(QLabel(""), "cash_total")
        self.cash_total.setStyleSheet("font-size: 26px; font-weight: bold;")
        row.addWidget(self.cash_total, 1)
        row.addWidget(_button(self.tr("Luk dagen (Z-rapport)"), "staff-z", self.z_tapped.emit))
        lay.addLayout(row)
        self.report = named(QPlainTextEdit(), "staff_report")
        self.report.setReadOnly(True)
        self.report.setStyleSheet("font-family: monospace; font-size: 18px;")
        lay.addWidget(self.report, 1)
        self._update_cash_total()
        self.day_tab_index = self.tabs.addTab(tab, self.tr("Dagen"))

    def _alerts_tab(self) -> None:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        self.alerts = self._list("staff_alerts")
        self.alerts.setWordWrap(True)
        lay.addWidget(self.alerts, 1)
        row = QHBoxLayout()
        row.addWidget(_button(self.tr("Opdatér"), "staff-refresh", self.refresh_tapped.emit))
        self.devices_button = _button(self.tr("Enheder"), "staff-devices", self.devices_tapped.emit)
        row.addWidget(self.devices_button)
        row.addWidget(_button(self.tr("Synkronisér nu"), "staff-sync", self.sync_tapped.emit))
        self.resume_button = _button(self.tr("Genoptag synk"), "staff-resume", self.resume_tapped.emit)
        self.resolve_button = _button(self.tr("Markér valgt afvisning løst"), "staff-resolve",
                                      self.resolve_tapped.emit)  # fmt: skip
        row.addWidget(self.resume_button)
        row.addWidget(self.resolve_button)
        lay.addLayout(row)
        self.tabs.addTab(tab, self.tr("Hændelser og synk"))

    def _friplads_tab(self) -> None:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        grid = QGridLayout()
        self.f_income = named(QSpinBox(), "friplads_income")
        self.f_income.setRange(0, 10_000_000)
        self.f_income.setSuffix(" kr/md")
        self.f_children = named(QSpinBox(), "friplads_children")
        self.f_children.setRange(1, 20)
        self.f_single = named(QCheckBox(self.tr("Enlig forsørger")), "friplads_single")
        self.f_year = named(QSpinBox(), "friplads_year")
        self.f_year.setRange(2000, 2100)
        self.f_year.setValue(2024)
        for i, (label, widget) in enumerate(((self.tr("Husstandsindkomst"), self.f_income),
                                             (self.tr("Børn under 18 hjemme"), self.f_children),
                                             (self.tr("År"), self.f_year))):  # fmt: skip
            widget.setMinimumHeight(56)
            grid.addWidget(QLabel(label), i, 0)
            grid.addWidget(widget, i, 1)
        grid.addWidget(self.f_single, 3, 1)
        lay.addLayout(grid)
        lay.addWidget(_button(self.tr("Beregn"), "friplads-calc", self.friplads_tapped.emit))
        self.f_result = named(QLabel(""), "friplads_result")
        self.f_result.setStyleSheet("font-size: 28px; font-weight: bold;")
        lay.addWidget(self.f_result)
        lay.addStretch(1)
        self.tabs.addTab(tab, self.tr("Friplads-beregner"))

    def _settings_tab(self) -> int:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        grid = QGridLayout()
        self.set_club = named(QLineEdit(), "set_club")
        self.set_cap = named(QLineEdit(), "set_offline_cap")
        self.set_cap.setPlaceholderText(self.tr("tom = ingen grænse"))
        self.set_walkaway = named(QSpinBox(), "set_walkaway")
        self.set_walkaway.setRange(5, 600)
        self.set_walkaway.setSuffix(" s")
        self.set_done = named(QSpinBox(), "set_done")
        self.set_done.setRange(1, 30)
        self.set_done.setSuffix(" s")
        for i, (label, widget) in enumerate(((self.tr("Klubbens navn"), self.set_club),
                                             (self.tr("Offline-grænse pr. barn pr. dag (kr)"), self.set_cap),
                                             (self.tr("Barnet er gået efter"), self.set_walkaway),
                                             (self.tr("'Tak'-skærmen vises i"), self.set_done))):  # fmt: skip
            widget.setMinimumHeight(56)
            grid.addWidget(QLabel(label), i, 0)
            grid.addWidget(widget, i, 1)
        lay.addLayout(grid)
        lay.addWidget(_button(self.tr("Gem indstillinger"), "settings-save", self.save_settings_tapped.emit))
        self.settings_view = named(QPlainTextEdit(), "staff_settings")
        self.settings_view.setReadOnly(True)
        self.settings_view.setStyleSheet("font-family: monospace; font-size: 18px;")
        lay.addWidget(self.settings_view, 1)
        return self.tabs.addTab(tab, self.tr("Indstillinger"))

    def show_settings(self, club_name: str, offline_cap_ore: int | None, walkaway_s: float, done_screen_s: float,
                      text: str) -> None:  # fmt: skip
        self.set_club.setText(club_name)
        self.set_cap.setText("" if offline_cap_ore is None else format_ore(offline_cap_ore).removesuffix(" kr"))
        self.set_walkaway.setValue(int(walkaway_s))
        self.set_done.setValue(int(done_screen_s))
        self.settings_view.setPlainText(text)

    # --- showing things -----------------------------------------------------------------------------
    def show_staff(self, display_name: str, superuser: bool) -> None:
        """A staff member unlocked: everything the previous one saw is cleared."""
        what = self.tr("superbruger") if superuser else self.tr("personale")
        self.band.setText(self.tr("Personale: %1 (%2)").replace("%1", display_name).replace("%2", what))
        self.leave_kiosk.setVisible(superuser)
        self.devices_button.setVisible(superuser)
        for w in (self.resume_button, self.resolve_button, self.adjust_amount, self.adjust_note, self.adjust_button):
            w.setVisible(superuser)
        self.tabs.setTabEnabled(self.day_tab_index, superuser)
        self.tabs.setTabEnabled(self.settings_tab_index, superuser)
        self.confirm.hide()
        self.tabs.setEnabled(True)
        self.say("")
        self.clear_child()
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        for field in (self.topup_amount, self.adjust_amount, self.adjust_note):
            field.clear()
        self.float_amount.setText("0,00")
        for spin in self.counts.values():
            spin.setValue(0)
        self.report.clear()
        self.alerts.clear()
        self.f_result.clear()
        self.children_list.clear()
        self.tabs.setCurrentIndex(0)

    def clear_child(self) -> None:
        self.child_id = None
        self.child_name = ""
        self.child_title.setText(self.tr("Vælg et barn på listen"))
        self.purchases.clear()
        self.cards_list.clear()
        self._clear_lines()

    def cash_counted_ore(self) -> int:
        return sum(ore * spin.value() for ore, spin in self.counts.items())

    def _update_cash_total(self) -> None:
        self.cash_total.setText(self.tr("Optalt: %1").replace("%1", format_ore(self.cash_counted_ore())))

    def show_children(self, children: list[ChildSummary]) -> None:
        lst = self.children_list
        lst.blockSignals(True)
        lst.clear()
        for c in children:
            text = f"{c.display_name}  {format_ore(c.balance_ore)}"
            if c.blocked:
                text += "  " + self.tr("(spærret)")
            item = _row(QListWidgetItem(text))
            item.setData(Qt.ItemDataRole.UserRole, c.child_id)
            lst.addItem(item)
            if c.child_id == self.child_id:
                lst.setCurrentItem(item)
        lst.blockSignals(False)

    def _on_child_item(self, item: QListWidgetItem | None, _prev: object = None) -> None:
        if item is not None:
            self.child_selected.emit(str(item.data(Qt.ItemDataRole.UserRole)))

    def show_child(self, info: ChildDetails) -> None:
        c = info.child
        self.child_id, self.child_name = c.child_id, c.display_name
        self.child_title.setText(f"{c.display_name} — {format_ore(c.balance_ore)}"
                                 + (f" — friplads {c.friplads_pct} %" if c.friplads_pct else ""))  # fmt: skip
        selected = self.selected_txn()
        self.purchases.blockSignals(True)
        self.purchases.clear()
        for t in info.recent:
            names = ", ".join(f"{line.qty} × {line.name}" if line.qty > 1 else line.name for line in t.lines)
            state = ""
            if t.kind == "sale" and not t.voidable:
                state = "  " + (self.tr("(refunderet)") if t.refundable else self.tr("(tilbageført)"))
            item = _row(QListWidgetItem(f"{local_time(t.occurred_at)}  {word(KIND_WORDS, t.kind)}  "
                                        f"{format_ore(t.balance_delta_ore)}  {names}{state}".rstrip()))  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, t)
            item.setToolTip(f"#{t.seq}")
            self.purchases.addItem(item)
            if selected is not None and selected.txn_id == t.txn_id:
                self.purchases.setCurrentItem(item)
        self.purchases.blockSignals(False)
        self._show_lines(self.purchases.currentItem())
        self.cards_list.clear()
        for card in info.cards:
            item = _row(QListWidgetItem(f"{card.card_uid}  {word(CARD_WORDS, card.status)}"))
            item.setData(Qt.ItemDataRole.UserRole, card.card_uid)
            self.cards_list.addItem(item)

    def _clear_lines(self) -> None:
        while self.lines_box.count():
            taken = self.lines_box.takeAt(0)
            w = taken.widget() if taken is not None else None
            if w is not None:
                w.hide()
                w.setParent(None)
                w.deleteLater()

    def _show_lines(self, item: QListWidgetItem | None, _prev: object = None) -> None:
        self._clear_lines()
        if item is None:
            return
        txn: TxnInfo = item.data(Qt.ItemDataRole.UserRole)
        for line in txn.lines if txn.kind == "sale" else ():
            text = f"{line.qty} × {line.name} {format_ore(line.net_ore)}"
            box = named(QCheckBox(text), f"line-{line.product_id}")
            box.setMinimumHeight(48)
            box.setEnabled(line.refundable)
            box.setProperty("product_id", line.product_id)
            self.lines_box.addWidget(box)

    def selected_txn(self) -> TxnInfo | None:
        item = self.purchases.currentItem()
        if item is None:
            return None
        txn: TxnInfo = item.data(Qt.ItemDataRole.UserRole)
        return txn

    def selected_lines(self) -> list[str]:
        out = []
        for i in range(self.lines_box.count()):
            at = self.lines_box.itemAt(i)
            w = at.widget() if at is not None else None
            if isinstance(w, QCheckBox) and w.isChecked():
                out.append(str(w.property("product_id")))
        return out

    def selected_card(self) -> str | None:
        item = self.cards_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None
