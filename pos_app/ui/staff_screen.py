"""Staff mode: the PIN pad and the staff screen (another colour band, so nobody mistakes it for the
children's screen). Staff handle exceptions; superusers also run the day, sync and devices."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
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

STAFF_BAND = "background: #4a148c; color: #fff; font-size: 28px; font-weight: bold; padding: 12px;"
COINS_AND_NOTES = (100000, 50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50)  # øre: 1000 kr … 50 øre


class PinScreen(QWidget):
    pin_entered = Signal(str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        band = QLabel(self.tr("Personale: tast din PIN"))
        band.setStyleSheet(STAFF_BAND)
        layout.addWidget(band)
        self.dots = QLabel("", objectName="pin_dots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setStyleSheet("font-size: 48px; letter-spacing: 12px;")
        layout.addWidget(self.dots)
        self.message = QLabel("", objectName="pin_message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("font-size: 28px; color: #b71c1c; font-weight: bold;")
        layout.addWidget(self.message)
        grid = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for i, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]):
            button = QPushButton(key, objectName=f"pin-{key}")
            button.setMinimumSize(QSize(140, 96))
            button.setStyleSheet("font-size: 36px;")
            button.clicked.connect(lambda _=False, k=key: self._key(k))
            self.keys[key] = button
            grid.addWidget(button, i // 3, i % 3)
        layout.addLayout(grid)
        cancel = QPushButton(self.tr("Annullér"), objectName="pin-cancel")
        cancel.setMinimumHeight(72)
        cancel.setStyleSheet("font-size: 28px;")
        cancel.clicked.connect(self.cancelled)
        layout.addWidget(cancel)
        self._pin = ""

    def reset(self, message: str = "") -> None:
        self._pin = ""
        self.dots.setText("")
        self.message.setText(message)

    def _key(self, key: str) -> None:
        if key == "OK":
            pin, self._pin = self._pin, ""
            self.dots.setText("")
            self.pin_entered.emit(pin)
        elif key == "⌫":
            self._pin = self._pin[:-1]
        elif len(self._pin) < 6:
            self._pin += key
        self.dots.setText("●" * len(self._pin))


def _button(text: str, name: str, on_click: Callable[[], None]) -> QPushButton:
    button = QPushButton(text, objectName=name)
    button.setMinimumHeight(64)
    button.clicked.connect(lambda _=False: on_click())
    return button


class StaffScreen(QWidget):
    """The staff screen. ``actions`` is the window: it runs each request on the database worker."""

    def __init__(self, actions: Any) -> None:
        super().__init__()
        self.actions = actions
        self.setStyleSheet("QWidget { font-size: 22px; }")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.band = QLabel("", objectName="staff_band")
        self.band.setStyleSheet(STAFF_BAND)
        top.addWidget(self.band, 1)
        top.addWidget(_button(self.tr("Tilbage til børnene"), "staff-leave", actions.leave_staff))
        self.leave_kiosk = _button(self.tr("Forlad kiosken"), "staff-quit", actions.leave_kiosk)
        top.addWidget(self.leave_kiosk)
        layout.addLayout(top)
        self.status = QLabel("", objectName="staff_status")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 24px; font-weight: bold; color: #1b5e20;")
        layout.addWidget(self.status)
        self.tabs = QTabWidget(objectName="staff_tabs")
        layout.addWidget(self.tabs, 1)
        self._child_tab()
        self._day_tab()
        self._alerts_tab()
        self._friplads_tab()
        self.settings_tab_index = self._settings_tab()
        self.child_id: str | None = None

    # --- tabs ---------------------------------------------------------------------------------------
    def _child_tab(self) -> None:
        tab = QWidget()
        lay = QHBoxLayout(tab)
        left = QVBoxLayout()
        self.search = QLineEdit(objectName="staff_search")
        self.search.setPlaceholderText(self.tr("Søg barn (navn)"))
        self.search.textChanged.connect(lambda text: self.actions.find_children(text))
        left.addWidget(self.search)
        self.children_list = QListWidget(objectName="staff_children")
        self.children_list.itemClicked.connect(
            lambda item: self.actions.select_child(item.data(Qt.ItemDataRole.UserRole))
        )
        left.addWidget(self.children_list, 1)
        lay.addLayout(left, 1)
        right = QVBoxLayout()
        self.child_title = QLabel("", objectName="staff_child")
        self.child_title.setStyleSheet("font-size: 28px; font-weight: bold;")
        right.addWidget(self.child_title)
        self.purchases = QListWidget(objectName="staff_purchases")
        right.addWidget(self.purchases, 1)
        self.lines_box = QHBoxLayout()
        right.addLayout(self.lines_box)
        row = QHBoxLayout()
        row.addWidget(_button(self.tr("Annullér køb"), "staff-void", self.actions.void_selected))
        row.addWidget(_button(self.tr("Refundér valgte varer"), "staff-refund", self.actions.refund_selected))
        row.addWidget(_button(self.tr("Genudskriv"), "staff-reprint", self.actions.reprint_selected))
        right.addLayout(row)
        row = QHBoxLayout()
        self.topup_amount = QLineEdit(objectName="staff_topup_amount")
        self.topup_amount.setPlaceholderText(self.tr("Kontant beløb, fx 50,00"))
        row.addWidget(self.topup_amount)
        row.addWidget(_button(self.tr("Indbetal kontant"), "staff-topup", self.actions.topup))
        right.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(_button(self.tr("Sælg for barnet"), "staff-sell", self.actions.sell_for))
        row.addWidget(_button(self.tr("Giv nyt kort (bip det)"), "staff-assign", self.actions.assign_next_card))
        row.addWidget(_button(self.tr("Nyt kortnummer"), "staff-newcode", self.actions.new_card_code))
        right.addLayout(row)
        row = QHBoxLayout()
        self.cards_list = QListWidget(objectName="staff_cards")
        self.cards_list.setMaximumHeight(110)
        row.addWidget(self.cards_list, 1)
        self.adjust_amount = QLineEdit(objectName="staff_adjust_amount")
        self.adjust_amount.setPlaceholderText(self.tr("Regulering, fx -12,50"))
        self.adjust_note = QLineEdit(objectName="staff_adjust_note")
        self.adjust_note.setPlaceholderText(self.tr("Begrundelse"))
        self.adjust_button = _button(self.tr("Regulér saldo"), "staff-adjust", self.actions.adjust)
        adjust_row = QHBoxLayout()
        for w in (self.adjust_amount, self.adjust_note, self.adjust_button):
            adjust_row.addWidget(w)
        right.addLayout(adjust_row)
        row.addWidget(_button(self.tr("Meld væk"), "staff-lost", lambda: self.actions.card_status("lost")))
        row.addWidget(_button(self.tr("Spær"), "staff-block", lambda: self.actions.card_status("blocked")))
        right.addLayout(row)
        lay.addLayout(right, 2)
        self.tabs.addTab(tab, self.tr("Børn"))

    def _day_tab(self) -> None:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.float_amount = QLineEdit("0,00", objectName="staff_float")
        row.addWidget(QLabel(self.tr("Byttepenge:")))
        row.addWidget(self.float_amount)
        row.addWidget(_button(self.tr("Åbn dagen"), "staff-open-day", self.actions.open_day))
        row.addWidget(_button(self.tr("X-rapport"), "staff-x", self.actions.x_report))
        lay.addLayout(row)
        grid = QGridLayout()
        self.counts: dict[int, QSpinBox] = {}
        for i, ore in enumerate(COINS_AND_NOTES):
            spin = QSpinBox(objectName=f"count-{ore}")
            spin.setRange(0, 9999)
            spin.setMinimumHeight(48)
            spin.valueChanged.connect(self._update_cash_total)
            self.counts[ore] = spin
            grid.addWidget(QLabel(format_ore(ore)), i // 4, (i % 4) * 2)
            grid.addWidget(spin, i // 4, (i % 4) * 2 + 1)
        lay.addLayout(grid)
        row = QHBoxLayout()
        self.cash_total = QLabel("", objectName="cash_total")
        self.cash_total.setStyleSheet("font-size: 26px; font-weight: bold;")
        row.addWidget(self.cash_total, 1)
        row.addWidget(_button(self.tr("Luk dagen (Z-rapport)"), "staff-z", self.actions.close_day))
        lay.addLayout(row)
        self.report = QPlainTextEdit(objectName="staff_report")
        self.report.setReadOnly(True)
        self.report.setStyleSheet("font-family: monospace; font-size: 18px;")
        lay.addWidget(self.report, 1)
        self._update_cash_total()
        self.day_tab_index = self.tabs.addTab(tab, self.tr("Dagen"))

    def _alerts_tab(self) -> None:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        self.alerts = QListWidget(objectName="staff_alerts")
        lay.addWidget(self.alerts, 1)
        row = QHBoxLayout()
        row.addWidget(_button(self.tr("Opdatér"), "staff-refresh", self.actions.refresh_alerts))
        self.devices_button = _button(self.tr("Enheder"), "staff-devices", self.actions.show_devices)
        row.addWidget(self.devices_button)
        row.addWidget(_button(self.tr("Synkronisér nu"), "staff-sync", self.actions.sync_now))
        self.resume_button = _button(self.tr("Genoptag synk"), "staff-resume", self.actions.resume_sync)
        self.resolve_button = _button(self.tr("Markér valgt afvisning løst"), "staff-resolve",
                                      self.actions.resolve_rejection)  # fmt: skip
        row.addWidget(self.resume_button)
        row.addWidget(self.resolve_button)
        lay.addLayout(row)
        self.tabs.addTab(tab, self.tr("Hændelser og synk"))

    def _friplads_tab(self) -> None:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        grid = QGridLayout()
        self.f_income = QSpinBox(objectName="friplads_income")
        self.f_income.setRange(0, 10_000_000)
        self.f_income.setSuffix(" kr/md")
        self.f_children = QSpinBox(objectName="friplads_children")
        self.f_children.setRange(1, 20)
        self.f_single = QCheckBox(self.tr("Enlig forsørger"), objectName="friplads_single")
        self.f_year = QSpinBox(objectName="friplads_year")
        self.f_year.setRange(2000, 2100)
        self.f_year.setValue(2024)
        for i, (label, widget) in enumerate(((self.tr("Husstandsindkomst"), self.f_income),
                                             (self.tr("Børn under 18 hjemme"), self.f_children),
                                             (self.tr("År"), self.f_year))):  # fmt: skip
            grid.addWidget(QLabel(label), i, 0)
            grid.addWidget(widget, i, 1)
        grid.addWidget(self.f_single, 3, 1)
        lay.addLayout(grid)
        lay.addWidget(_button(self.tr("Beregn"), "friplads-calc", self.actions.friplads))
        self.f_result = QLabel("", objectName="friplads_result")
        self.f_result.setStyleSheet("font-size: 28px; font-weight: bold;")
        lay.addWidget(self.f_result)
        lay.addStretch(1)
        self.tabs.addTab(tab, self.tr("Friplads-beregner"))

    def _settings_tab(self) -> int:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        grid = QGridLayout()
        self.set_club = QLineEdit(objectName="set_club")
        self.set_cap = QLineEdit(objectName="set_offline_cap")
        self.set_cap.setPlaceholderText(self.tr("tom = ingen grænse"))
        self.set_walkaway = QSpinBox(objectName="set_walkaway")
        self.set_walkaway.setRange(5, 600)
        self.set_walkaway.setSuffix(" s")
        self.set_done = QSpinBox(objectName="set_done")
        self.set_done.setRange(1, 30)
        self.set_done.setSuffix(" s")
        for i, (label, widget) in enumerate(((self.tr("Klubbens navn"), self.set_club),
                                             (self.tr("Offline-grænse pr. barn pr. dag (kr)"), self.set_cap),
                                             (self.tr("Barnet er gået efter"), self.set_walkaway),
                                             (self.tr("'Tak'-skærmen vises i"), self.set_done))):  # fmt: skip
            grid.addWidget(QLabel(label), i, 0)
            grid.addWidget(widget, i, 1)
        lay.addLayout(grid)
        lay.addWidget(_button(self.tr("Gem indstillinger"), "settings-save", self.actions.save_settings))
        self.settings_view = QPlainTextEdit(objectName="staff_settings")
        self.settings_view.setReadOnly(True)
        self.settings_view.setStyleSheet("font-family: monospace; font-size: 18px;")
        lay.addWidget(self.settings_view, 1)
        return self.tabs.addTab(tab, self.tr("Indstillinger"))

    def show_settings(self, cfg: Any, text: str) -> None:
        self.set_club.setText(cfg.club_name)
        self.set_cap.setText("" if cfg.offline_cap_ore is None else format_ore(cfg.offline_cap_ore).removesuffix(" kr"))
        self.set_walkaway.setValue(int(cfg.walkaway_s))
        self.set_done.setValue(int(cfg.done_screen_s))
        self.settings_view.setPlainText(text)

    # --- showing things -----------------------------------------------------------------------------
    def show_staff(self, display_name: str, role: str) -> None:
        superuser = role == "superuser"
        what = self.tr("superbruger") if superuser else self.tr("personale")
        self.band.setText(self.tr("Personale: %1 (%2)").replace("%1", display_name).replace("%2", what))
        self.leave_kiosk.setVisible(superuser)
        self.devices_button.setVisible(superuser)
        for w in (self.resume_button, self.resolve_button, self.adjust_amount, self.adjust_note, self.adjust_button):
            w.setVisible(superuser)
        self.tabs.setTabEnabled(self.day_tab_index, superuser)
        self.tabs.setTabEnabled(self.settings_tab_index, superuser)
        if superuser:
            self.show_settings(self.actions.w.kiosk.config, self.actions.settings_text())
        self.status.setText("")
        self.search.clear()
        self.tabs.setCurrentIndex(0)

    def cash_counted_ore(self) -> int:
        return sum(ore * spin.value() for ore, spin in self.counts.items())

    def _update_cash_total(self) -> None:
        self.cash_total.setText(self.tr("Optalt: %1").replace("%1", format_ore(self.cash_counted_ore())))

    def show_children(self, children: list[dict[str, Any]]) -> None:
        self.children_list.clear()
        for c in children:
            text = f"{c['display_name']}  {format_ore(c['balance_ore'])}"
            if c["blocked"]:
                text += "  " + self.tr("(spærret)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, c["child_id"])
            self.children_list.addItem(item)

    def show_child(self, info: dict[str, Any]) -> None:
        self.child_id = info["child_id"]
        pct = info["friplads_pct"]
        self.child_title.setText(f"{info['display_name']} — {format_ore(info['balance_ore'])}"
                                 + (f" — friplads {pct} %" if pct else ""))  # staff may see it  # fmt: skip
        self.purchases.clear()
        for t in info["recent"]:
            item = QListWidgetItem(f"{t['occurred_at'][5:16].replace('T', ' ')}  {t['kind']:<10} "
                                   f"{format_ore(t['net_ore'])}  #{t['seq']}")  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, t)
            self.purchases.addItem(item)
        self.purchases.currentItemChanged.connect(self._show_lines)
        self.cards_list.clear()
        for card in info["cards"]:
            item = QListWidgetItem(f"{card['card_uid']}  {card['status']}")
            item.setData(Qt.ItemDataRole.UserRole, card["card_uid"])
            self.cards_list.addItem(item)
        self._clear_lines()

    def _clear_lines(self) -> None:
        while self.lines_box.count():
            w = self.lines_box.takeAt(0).widget()
            if w is not None:
                w.hide()
                w.setParent(None)
                w.deleteLater()

    def _show_lines(self, item: QListWidgetItem | None, _prev: object = None) -> None:
        self._clear_lines()
        if item is None:
            return
        txn = item.data(Qt.ItemDataRole.UserRole)
        if txn["kind"] != "sale":
            return
        for line in txn["lines"]:
            box = QCheckBox(f"{line['qty']} x {line['product_id']} {format_ore(line['net_ore'])}",
                            objectName=f"line-{line['product_id']}")  # fmt: skip
            box.setProperty("product_id", line["product_id"])
            self.lines_box.addWidget(box)

    def selected_txn(self) -> dict[str, Any] | None:
        item = self.purchases.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def selected_lines(self) -> list[str]:
        out = []
        for i in range(self.lines_box.count()):
            w = self.lines_box.itemAt(i).widget()
            if isinstance(w, QCheckBox) and w.isChecked():
                out.append(str(w.property("product_id")))
        return out

    def selected_card(self) -> str | None:
        item = self.cards_list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None
