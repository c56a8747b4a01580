"""Staff mode: the PIN pad and the staff screen (another colour band, so nobody mistakes it for the
children's screen). Staff handle exceptions; superusers also run the day, sync and devices.

Sizes follow the window like the children's screens (``apply_scale(u)``, see screens.py): at 1280×800
(u = 1) list rows and buttons are 56 px, on a 1024×600 window still 48 px (``touch_px``); only smaller
windows shrink them, never below ``ROW_LEAST``/``BUTTON_LEAST``, the sizes that still fit a 1024×600
tablet at Qt scale 1.5 (a 683×400 logical window, where they are 48 and 54 device pixels).

Each tab is a scrolling part (a QScrollArea around the tab's forms and lists, which scrolls only where
the window is too small for them) and pinned action rows: every button of the tab stays on the screen
without scrolling, like the colour band above the tabs and the confirmation's Yes/No. Texts are elided
(buttons, titles) or wrapped (messages).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QBoxLayout,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import format_ore
from pos_app.services.staff_results import ChildDetails, ChildSummary, DayState, TxnInfo

from .screens import FitLabel, px
from .widgets import QT_TRANSLATE_NOOP, FitButton, named, plain_label

STAFF_COLOUR = "#4a148c"
ROW_PX, ROW_LEAST = 56, 32  # list rows for fingers: 56 px at u = 1 (at least 48), 32 px at the smallest
BUTTON_PX, BUTTON_LEAST = 56, 36  # buttons and the fields beside them: 56 px at u = 1, 36 px at the smallest
FONT_PX, FONT_LEAST = 22, 12
OK_COLOUR, ERROR_COLOUR, INFO_COLOUR = "#1b5e20", "#b71c1c", "#0d47a1"
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


def band_css(u: float) -> str:
    """The staff colour band: the same at every size, only its font and padding scale."""
    return (f"background: {STAFF_COLOUR}; color: #fff; font-size: {px(u, 28, 14)}px; font-weight: bold;"
            f" padding: {px(u, 12, 4)}px;")  # fmt: skip


def touch_px(u: float, full: int, least: int) -> int:
    """A touch target: ``full`` px at u = 1, still 48 px at u = 0.75 (a 1024×600 window at Qt scale 1,
    where there is room for it), down to ``least`` at u = 0.5 (683×400, where it is 48+ device px)."""
    if u >= 0.75:
        return round(min(full, 48 + (u - 0.75) * (full - 48) / 0.25))
    return round(max(least, least + (u - 0.5) * (48 - least) / 0.25))


def row_px(u: float) -> int:
    return touch_px(u, ROW_PX, ROW_LEAST)


def button_px(u: float) -> int:
    return touch_px(u, BUTTON_PX, BUTTON_LEAST)


def scrolled(content: QWidget, name: str) -> QScrollArea:
    """``content`` in a vertical scroll area: it scrolls only where the window is too small for it."""
    area = named(QScrollArea(), name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
    area.setMinimumHeight(1)
    area.setStyleSheet("QScrollArea { background: transparent; }")  # the page's own background shows through
    area.viewport().setAutoFillBackground(False)
    content.setAutoFillBackground(False)
    content.setObjectName(f"{name}_content")
    content.setStyleSheet(f"#{name}_content {{ background: transparent; }}")
    content.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    area.setWidget(content)
    return area


def wrapping(label: QLabel) -> QLabel:
    """A label that wraps to any width instead of asking for its one-line width."""
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMinimumWidth(1)
    return label


def _margins(layout: QLayout, u: float, spacing: bool = True) -> None:
    m = px(u, 11, 3)
    layout.setContentsMargins(m, m, m, m)
    if spacing:
        layout.setSpacing(px(u, 8, 4))


class PinScreen(QWidget):
    """The PIN pad: names whose card was tapped; digits by touch or typed on a keyboard, Enter, Backspace."""

    pin_entered = Signal(str)
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        self._layout = layout
        self.band = FitLabel(self.tr("Personale: tast din PIN"), "pin_band")
        layout.addWidget(self.band)
        # The PIN is typed into a masked field, so a keyboard works too (the keyboard-wedge filter leaves
        # text fields alone); the keypad's buttons take no focus, so the field keeps it.
        self.field = named(QLineEdit(), "pin_field")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        self.field.setMaxLength(6)
        self.field.setValidator(QRegularExpressionValidator(r"\d{0,6}"))
        self.field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field.returnPressed.connect(self._submit)
        layout.addWidget(self.field)
        self.message = wrapping(named(plain_label(""), "pin_message"))
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.message)
        layout.addStretch(1)
        pad = QWidget()
        self._pad = pad
        grid = QGridLayout(pad)
        grid.setContentsMargins(0, 0, 0, 0)
        self._grid = grid
        self.keys: dict[str, QPushButton] = {}
        for i, key in enumerate(["1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"]):
            button = named(QPushButton(key), f"pin-{key}")
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.clicked.connect(lambda _=False, k=key: self._key(k))
            self.keys[key] = button
            grid.addWidget(button, i // 3, i % 3)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(pad, 3)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.cancel = named(QPushButton(self.tr("Annullér")), "pin-cancel")
        self.cancel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.cancel.clicked.connect(self.cancelled)
        layout.addWidget(self.cancel)
        self.apply_scale(1.0)

    def apply_scale(self, u: float) -> None:
        """Keys 80 px high at u = 1 (about 1.3 cm), 40 px at the smallest (60 device px at Qt scale 1.5)."""
        _margins(self._layout, u)
        self.band.setStyleSheet(band_css(u))
        self.field.setStyleSheet(f"font-size: {px(u, 48, 22)}px; letter-spacing: {px(u, 12, 4)}px; border: none;")
        self.message.setStyleSheet(f"font-size: {px(u, 28, 14)}px; color: {ERROR_COLOUR}; font-weight: bold;")
        self._grid.setSpacing(px(u, 10, 4))
        self._pad.setMaximumWidth(px(u, 3 * 200, 3 * 90))
        for button in self.keys.values():
            button.setFixedHeight(px(u, 80, 40))
            button.setMinimumWidth(px(u, 140, 64))
            button.setStyleSheet(f"font-size: {px(u, 36, 18)}px;")
        self.cancel.setFixedHeight(px(u, 72, BUTTON_LEAST + 4))
        self.cancel.setStyleSheet(f"font-size: {px(u, 28, 14)}px;")

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


def _button(text: str, name: str, on_click: Callable[[], object]) -> FitButton:
    button = FitButton(text, name)
    button.clicked.connect(lambda _=False: on_click())
    return button


class ConfirmPanel(QFrame):
    """Asks before an action that books money or cannot be undone: the consequence, then yes or no."""

    confirmed = Signal()
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("staff_confirm")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self._layout = QVBoxLayout(self)
        self.text = wrapping(named(plain_label(""), "confirm_text"))
        self._layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addStretch(1)
        self.yes = FitButton("", "confirm-yes")
        self.no = FitButton(self.tr("Fortryd"), "confirm-no")
        for button in (self.yes, self.no):
            row.addWidget(button, 2)
        row.addStretch(1)
        self.yes.clicked.connect(lambda _=False: self._answer(True))
        self.no.clicked.connect(lambda _=False: self._answer(False))
        self._layout.addLayout(row)
        self.apply_scale(1.0)
        self.hide()

    def apply_scale(self, u: float) -> None:
        border = px(u, 3, 2)
        self.setStyleSheet(f"#staff_confirm {{ background: #fff8e1; border: {border}px solid #ff8f00;"
                           f" border-radius: {px(u, 8, 4)}px; }}")  # fmt: skip
        _margins(self._layout, u)
        self.text.setStyleSheet(f"font-size: {px(u, 26, 14)}px; font-weight: bold; color: #111;")
        for button in (self.yes, self.no):
            button.setMinimumWidth(px(u, 220, 110))
            button.setFixedHeight(px(u, 72, BUTTON_LEAST + 4))
            button.setStyleSheet(f"font-size: {px(u, 26, 14)}px;")

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
        self._u = 1.0
        self._ok = True
        self._info = False
        self._fields: list[QWidget] = []  # the text fields and spin boxes: as high as the buttons beside them
        self._layouts: list[QLayout] = []  # the tabs' layouts: margins and spacing scale
        self._scrolls: list[QScrollArea] = []
        layout = QVBoxLayout(self)
        self._layout = layout
        top = QHBoxLayout()
        self._top = top
        self.band = FitLabel("", "staff_band")
        top.addWidget(self.band, 1)
        self.leave = _button(self.tr("Tilbage til børnene"), "staff-leave", self.leave_tapped.emit)
        top.addWidget(self.leave)
        top.addSpacing(96)  # away from "Tilbage til børnene": leaving the kiosk is not a slip of the finger
        self.leave_kiosk = _button(self.tr("Forlad kiosken"), "staff-quit", self.quit_tapped.emit)
        top.addWidget(self.leave_kiosk)
        layout.addLayout(top)
        self.status = wrapping(named(plain_label(""), "staff_status"))
        self.status.hide()
        layout.addWidget(self.status)
        layout.addStretch(0)  # with the one below: a confirmation in the tabs' place stands in the middle
        self.confirm = ConfirmPanel()
        layout.addWidget(self.confirm)
        self.tabs = named(QTabWidget(), "staff_tabs")
        self.tabs.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        bar = self.tabs.tabBar()
        bar.setElideMode(Qt.TextElideMode.ElideRight)  # five tabs on a small window: shortened, not scrolled
        bar.setUsesScrollButtons(False)
        bar.setExpanding(False)
        layout.addWidget(self.tabs, 1)
        layout.addStretch(0)  # takes the tabs' room while a confirmation hides them (see _fit_confirm)
        self.tabs.currentChanged.connect(lambda _i: self.say(""))  # a result belongs to the tab it came from
        self._child_tab()
        self._day_tab()
        self._alerts_tab()
        self._friplads_tab()
        self.settings_tab_index = self._settings_tab()
        self.child_id: str | None = None
        self.child_name = ""
        self.confirm.confirmed.connect(self._after_confirm)
        self.confirm.cancelled.connect(self._after_confirm)
        self.apply_scale(1.0)

    # --- sizes --------------------------------------------------------------------------------------
    def apply_scale(self, u: float) -> None:
        """Every size from the window's scale unit ``u`` (1.0 at 1280×800; 0.5 at 683×400)."""
        self._u = u
        row, button = row_px(u), button_px(u)
        font = px(u, FONT_PX, FONT_LEAST)
        pad = px(u, 8, 3)
        self.setStyleSheet(
            f"QWidget {{ font-size: {font}px; }}"
            f" QListWidget::item {{ min-height: {row}px; padding: {px(u, 4, 1)}px {pad}px; }}"
            f" QTabBar::tab {{ min-height: {button - px(u, 8, 4)}px; padding: 0 {px(u, 16, 6)}px; }}"
            f" QPushButton {{ padding: 0 {pad}px; }}"
            f" QCheckBox::indicator {{ width: {px(u, 28, 16)}px; height: {px(u, 28, 16)}px; }}"
            " QAbstractSpinBox { border: 1px solid #9e9e9e; border-radius: 3px; background: #fff; }"
            f" QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{ width: {px(u, 40, 22)}px; }}"
        )
        _margins(self._layout, u)
        self._top.setSpacing(px(u, 8, 4))
        gap = self._top.itemAt(2)  # the gap between "Tilbage til børnene" and "Forlad kiosken"
        spacer = gap.spacerItem() if gap is not None else None
        if spacer is not None:
            spacer.changeSize(px(u, 96, 24), 1)
            self._top.invalidate()
        self.band.setStyleSheet(band_css(u))
        # The two ways out look different at a glance (and not by colour alone: one is bold and filled, the
        # other outlined), besides the gap between them: back to the children is the everyday one.
        line = px(u, 3, 2)
        self.leave.setStyleSheet(f"QPushButton {{ background: #e8f5e9; color: {OK_COLOUR}; font-weight: bold;"
                                 f" border: {line}px solid {OK_COLOUR}; border-radius: {px(u, 6, 3)}px;"
                                 f" padding: 0 {px(u, 12, 4)}px; }}")  # fmt: skip
        self.leave_kiosk.setStyleSheet(f"QPushButton {{ background: #fff; color: {ERROR_COLOUR};"
                                       f" border: {line}px dashed {ERROR_COLOUR}; border-radius: {px(u, 6, 3)}px;"
                                       f" padding: 0 {px(u, 12, 4)}px; }}")  # fmt: skip
        self.say_again()
        self.confirm.apply_scale(u)
        for lay in self._layouts:
            _margins(lay, u)
        for b in self.findChildren(FitButton):
            if b.parent() is not self.confirm:
                b.setFixedHeight(button)
        for field in self._fields:
            field.setFixedHeight(button)
        for spin in self.counts.values():
            spin.setFixedHeight(row)
        for lst in self.findChildren(QListWidget):
            for i in range(lst.count()):
                item = lst.item(i)
                if item is not None and lst is not self.alerts:
                    item.setSizeHint(QSize(0, row))
        self._fit_cards()
        self.purchases.setMinimumHeight(2 * row + 4)
        for box in self._line_boxes():
            box.setMinimumHeight(row)
        mono = f"font-family: monospace; font-size: {px(u, 18, 11)}px;"
        for area in self._scrolls:
            area.setMinimumHeight(row)
        self.report.setStyleSheet(mono)
        self.settings_view.setStyleSheet(mono)
        self.report.setMinimumHeight(3 * px(u, 24, 14))
        self.settings_view.setMinimumHeight(3 * px(u, 24, 14))
        self.child_title.setStyleSheet(f"font-size: {px(u, 28, 14)}px; font-weight: bold;")
        self.cash_total.setStyleSheet(f"font-size: {px(u, 26, 13)}px; font-weight: bold;")
        self.day_state.setStyleSheet(f"font-size: {px(u, 22, 12)}px; font-weight: bold;")
        self.f_result.setStyleSheet(f"font-size: {px(u, 28, 14)}px; font-weight: bold;")
        self._fit_confirm()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_confirm()

    def _fit_confirm(self) -> None:
        """While a confirmation is open the tabs wait (disabled). Where the window is too low for both,
        the confirmation takes the tabs' place: its text says what it books, so nothing is hidden."""
        if not self.confirm.isVisible():
            if self.tabs.isHidden():
                self.tabs.show()
            return
        # The tabs' policy is Ignored, so the layout's minimum leaves them out: add what they need.
        need = self._layout.totalMinimumSize().height() + self.tabs.minimumSizeHint().height()
        self.tabs.setVisible(need <= self.height())

    def _after_confirm(self) -> None:
        self.tabs.setEnabled(True)
        self._fit_confirm()

    def ask(self, text: str, yes_label: str) -> None:
        """Show the confirmation (the tabs wait until it is answered). The last result goes: a message about
        something else must not stand above the question as if it were about it."""
        self.say("")
        self.tabs.setEnabled(False)
        self.confirm.ask(text, yes_label)
        self._fit_confirm()

    def say(self, text: str, ok: bool = True) -> None:
        """A result for staff: green with a tick when it worked, red with a cross when not (not colour alone)."""
        self._ok = ok
        self._info = False
        self.status.setText(("✔ " if ok else "✖ ") + text if text else "")
        self.say_again()

    def inform(self, text: str) -> None:
        """What to do next (not a result): blue, with an arrow."""
        self._ok, self._info = True, True
        self.status.setText("➜ " + text)
        self.say_again()

    def say_again(self) -> None:
        colour = INFO_COLOUR if self._info else OK_COLOUR if self._ok else ERROR_COLOUR
        self.status.setStyleSheet(f"font-size: {px(self._u, 24, 13)}px; font-weight: bold; color: {colour};")
        # The line keeps its place when empty: a message coming or going never moves a row under a finger.
        self.status.setMinimumHeight(self.status.fontMetrics().height() + 4)
        self.status.setVisible(True)

    # --- tabs ---------------------------------------------------------------------------------------
    def _list(self, name: str) -> QListWidget:
        lst = named(QListWidget(), name)
        lst.setUniformItemSizes(True)
        lst.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        lst.setMinimumWidth(1)
        return lst

    def _row(self, item: QListWidgetItem) -> QListWidgetItem:
        item.setSizeHint(QSize(0, row_px(self._u)))
        return item

    def _field(self, field: QWidget) -> QWidget:
        field.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        field.setMinimumWidth(px(1.0, 60))
        self._fields.append(field)
        return field

    def _tab_layout(self, lay: QBoxLayout | QGridLayout) -> None:
        self._layouts.append(lay)

    def _page(self, content: QWidget, name: str, before: list[QLayout], after: list[QLayout]) -> QWidget:
        """A tab: pinned rows of actions ``before`` and ``after`` a scrolling part (``content``)."""
        tab = QWidget()
        lay = QVBoxLayout(tab)
        self._tab_layout(lay)
        for row in before:
            lay.addLayout(row)
        area = scrolled(content, name)
        self._scrolls.append(area)
        lay.addWidget(area, 1)
        for row in after:
            lay.addLayout(row)
        return tab

    def _label(self, text: str) -> QLabel:
        return wrapping(plain_label(text))

    def _child_tab(self) -> None:
        tab = QWidget()
        lay = QHBoxLayout(tab)
        self._tab_layout(lay)
        left = QVBoxLayout()
        self.search = named(QLineEdit(), "staff_search")
        self.search.setPlaceholderText(self.tr("Søg barn (navn)"))
        self._field(self.search)
        self.search.textChanged.connect(self.search_changed)
        left.addWidget(self.search)
        self.children_list = self._list("staff_children")
        self.children_list.currentItemChanged.connect(self._on_child_item)  # connected once, here
        left.addWidget(self.children_list, 1)
        lay.addLayout(left, 1)
        right = QVBoxLayout()
        self.child_title = FitLabel("", "staff_child")
        right.addWidget(self.child_title)
        # The scrolling part: the child's purchases, the lines of the chosen sale, the child's cards.
        details = QWidget()
        dlay = QVBoxLayout(details)
        dlay.setContentsMargins(0, 0, 0, 0)
        self.purchases = self._list("staff_purchases")
        self.purchases.currentItemChanged.connect(self._show_lines)  # connected once, here
        dlay.addWidget(self.purchases, 1)
        self.lines_box = QGridLayout()  # the chosen sale's lines, two to a row
        dlay.addLayout(self.lines_box)
        self.cards_list = self._list("staff_cards")
        self.cards_list.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        dlay.addWidget(self.cards_list)
        self.child_scroll = scrolled(details, "staff_child_scroll")
        self._scrolls.append(self.child_scroll)
        right.addWidget(self.child_scroll, 1)
        # The pinned actions: what staff do for the chosen child, three to a row.
        grid = QGridLayout()
        self._tab_layout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        self.topup_amount = named(QLineEdit(), "staff_topup_amount")
        self.topup_amount.setPlaceholderText(self.tr("Kontant beløb, fx 50,00"))
        self.topup_amount.returnPressed.connect(self.topup_tapped.emit)  # Enter asks, like the button
        self.adjust_amount = named(QLineEdit(), "staff_adjust_amount")
        self.adjust_amount.setPlaceholderText(self.tr("Regulering, fx -12,50"))
        self.adjust_note = named(QLineEdit(), "staff_adjust_note")
        self.adjust_note.setPlaceholderText(self.tr("Begrundelse"))
        for field in (self.topup_amount, self.adjust_amount, self.adjust_note):
            self._field(field)
        self.adjust_button = _button(self.tr("Regulér saldo"), "staff-adjust", self.adjust_tapped.emit)
        cards = QHBoxLayout()
        cards.setContentsMargins(0, 0, 0, 0)
        cards.addWidget(_button(self.tr("Meld væk"), "staff-lost", lambda: self.card_status_tapped.emit("lost")))
        cards.addWidget(_button(self.tr("Spær"), "staff-block", lambda: self.card_status_tapped.emit("blocked")))
        rows: list[list[QWidget | QLayout]] = [
            [_button(self.tr("Annullér køb"), "staff-void", self.void_tapped.emit),
             _button(self.tr("Refundér valgte varer"), "staff-refund", self.refund_tapped.emit),
             _button(self.tr("Genudskriv"), "staff-reprint", self.reprint_tapped.emit)],
            [self.topup_amount, _button(self.tr("Indbetal kontant"), "staff-topup", self.topup_tapped.emit),
             _button(self.tr("Sælg for barnet"), "staff-sell", self.sell_tapped.emit)],
            [_button(self.tr("Giv nyt kort (bip det)"), "staff-assign", self.assign_tapped.emit),
             _button(self.tr("Nyt kortnummer"), "staff-newcode", self.new_code_tapped.emit), cards],
            [self.adjust_amount, self.adjust_note, self.adjust_button],
        ]  # fmt: skip
        for r, cells in enumerate(rows):
            for c, cell in enumerate(cells):
                if isinstance(cell, QLayout):
                    grid.addLayout(cell, r, c)
                else:
                    grid.addWidget(cell, r, c)
        for c in range(3):
            grid.setColumnStretch(c, 1)
        right.addLayout(grid)
        lay.addLayout(right, 3)
        self.tabs.addTab(tab, self.tr("Børn"))

    def _day_tab(self) -> None:
        row = QHBoxLayout()
        self.float_amount = named(QLineEdit("0,00"), "staff_float")
        self._field(self.float_amount)
        row.addWidget(plain_label(self.tr("Byttepenge:")))
        row.addWidget(self.float_amount, 1)
        row.addWidget(_button(self.tr("Åbn dagen / sæt byttepenge"), "staff-open-day", self.float_tapped.emit), 2)
        row.addWidget(_button(self.tr("X-rapport"), "staff-x", self.x_tapped.emit), 1)
        state_row = QHBoxLayout()  # pinned: whether a day is open, since when, its float, if it can change
        self.day_state = wrapping(named(plain_label(""), "staff_day_state"))
        state_row.addWidget(self.day_state, 1)
        content = QWidget()
        clay = QVBoxLayout(content)
        clay.setContentsMargins(0, 0, 0, 0)
        grid = QGridLayout()
        self.counts: dict[int, QSpinBox] = {}
        for i, ore in enumerate(COINS_AND_NOTES):
            spin = named(QSpinBox(), f"count-{ore}")
            spin.setRange(0, 9999)
            spin.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            spin.setMinimumWidth(px(1.0, 60))
            spin.setButtonSymbols(QAbstractSpinBox.ButtonSymbols.PlusMinus)
            spin.valueChanged.connect(self._update_cash_total)
            self.counts[ore] = spin
            label = plain_label(format_ore(ore))
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, i // 4, (i % 4) * 2)
            grid.addWidget(spin, i // 4, (i % 4) * 2 + 1)
            grid.setColumnStretch((i % 4) * 2 + 1, 1)
        clay.addLayout(grid)
        self.report = named(QPlainTextEdit(), "staff_report")
        self.report.setReadOnly(True)
        clay.addWidget(self.report, 1)
        bottom = QHBoxLayout()
        self.cash_total = FitLabel("", "cash_total")
        bottom.addWidget(self.cash_total, 1)
        bottom.addWidget(_button(self.tr("Luk dagen (Z-rapport)"), "staff-z", self.z_tapped.emit), 1)
        self._update_cash_total()
        tab = self._page(content, "staff_day_scroll", [state_row, row], [bottom])
        self.day_tab_index = self.tabs.addTab(tab, self.tr("Dagen"))

    def _alerts_tab(self) -> None:
        tab = QWidget()
        lay = QVBoxLayout(tab)
        self._tab_layout(lay)
        self.alerts = self._list("staff_alerts")
        self.alerts.setUniformItemSizes(False)  # wrapped lines: each row as high as its text
        self.alerts.setWordWrap(True)
        lay.addWidget(self.alerts, 1)  # a list scrolls by itself
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

    def _form(self, rows: list[tuple[str, QWidget]]) -> QGridLayout:
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        for i, (label, widget) in enumerate(rows):
            self._field(widget)
            grid.addWidget(self._label(label), i, 0)
            grid.addWidget(widget, i, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        return grid

    def _friplads_tab(self) -> None:
        content = QWidget()
        clay = QVBoxLayout(content)
        clay.setContentsMargins(0, 0, 0, 0)
        self.f_income = named(QSpinBox(), "friplads_income")
        self.f_income.setRange(0, 10_000_000)
        self.f_income.setSuffix(" kr/md")
        self.f_children = named(QSpinBox(), "friplads_children")
        self.f_children.setRange(1, 20)
        self.f_single = named(QCheckBox(self.tr("Enlig forsørger")), "friplads_single")
        self.f_year = named(QSpinBox(), "friplads_year")
        self.f_year.setRange(2000, 2100)
        self.f_year.setValue(2024)
        grid = self._form([(self.tr("Husstandsindkomst"), self.f_income),
                           (self.tr("Børn under 18 hjemme"), self.f_children),
                           (self.tr("År"), self.f_year)])  # fmt: skip
        grid.addWidget(self.f_single, 3, 1)
        clay.addLayout(grid)
        self.f_result = wrapping(named(plain_label(""), "friplads_result"))
        clay.addWidget(self.f_result)
        clay.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(_button(self.tr("Beregn"), "friplads-calc", self.friplads_tapped.emit), 1)
        tab = self._page(content, "staff_friplads_scroll", [], [row])
        self.tabs.addTab(tab, self.tr("Friplads-beregner"))

    def _settings_tab(self) -> int:
        content = QWidget()
        clay = QVBoxLayout(content)
        clay.setContentsMargins(0, 0, 0, 0)
        self.set_club = named(QLineEdit(), "set_club")
        self.set_cap = named(QLineEdit(), "set_offline_cap")
        self.set_cap.setPlaceholderText(self.tr("tom = ingen grænse"))
        self.set_walkaway = named(QSpinBox(), "set_walkaway")
        self.set_walkaway.setRange(5, 600)
        self.set_walkaway.setSuffix(" s")
        self.set_done = named(QSpinBox(), "set_done")
        self.set_done.setRange(1, 30)
        self.set_done.setSuffix(" s")
        clay.addLayout(self._form([(self.tr("Klubbens navn"), self.set_club),
                                   (self.tr("Offline-grænse pr. barn pr. dag (kr)"), self.set_cap),
                                   (self.tr("Barnet er gået efter"), self.set_walkaway),
                                   (self.tr("'Tak'-skærmen vises i"), self.set_done)]))  # fmt: skip
        self.settings_view = named(QPlainTextEdit(), "staff_settings")
        self.settings_view.setReadOnly(True)
        clay.addWidget(self.settings_view, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(_button(self.tr("Gem indstillinger"), "settings-save", self.save_settings_tapped.emit), 1)
        tab = self._page(content, "staff_settings_scroll", [], [row])
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
        self.day_state.clear()
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

    def show_day(self, state: DayState, today: date) -> None:
        """The business day's state above the float: open since when, its float, whether the float can still
        be changed; the float field shows the day's real float (also after a refused change)."""
        if not state.open or state.opened_at is None or state.opening_float_ore is None:
            self.day_state.setText(self.tr("Ingen åben dag: den åbnes her med byttepengene, eller af dagens "
                                           "første køb med 0,00 kr i byttepenge"))  # fmt: skip
            return
        since = state.opened_at.strftime("%H:%M" if state.opened_at.date() == today else "%d.%m. %H:%M")
        can = (self.tr("kan ikke længere ændres (dagen har haft en kontant indbetaling)") if state.float_locked
               else self.tr("kan ændres indtil første kontante indbetaling"))  # fmt: skip
        self.day_state.setText(self.tr("Dagen er åben siden kl. %1. Byttepenge %2: %3.").replace("%1", since)
                               .replace("%2", format_ore(state.opening_float_ore)).replace("%3", can))  # fmt: skip
        self.float_amount.setText(format_ore(state.opening_float_ore).removesuffix(" kr"))

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
            item = self._row(QListWidgetItem(text))
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
        new_child = c.child_id != self.child_id
        self.child_id, self.child_name = c.child_id, c.display_name
        if new_child:  # another child: nothing typed or said for the one before stays on the screen
            self.say("")
            for field in (self.topup_amount, self.adjust_amount, self.adjust_note):
                field.clear()
            self.purchases.clearSelection()
            self.purchases.setCurrentRow(-1)
        self.child_title.setText(f"{c.display_name} — {format_ore(c.balance_ore)}"
                                 + (f" — friplads {c.friplads_pct} %" if c.friplads_pct else ""))  # fmt: skip
        selected = self.selected_txn()
        self.purchases.blockSignals(True)
        self.purchases.clear()
        for t in info.recent:
            names = ", ".join(f"{line.qty} × {line.name}" if line.qty > 1 else line.name for line in t.lines)
            state = ""
            if t.kind == "sale" and not t.voidable:
                state = "  " + (self.tr("(delvist refunderet)") if t.refundable else self.tr("(tilbageført)"))
            item = self._row(QListWidgetItem(f"{local_time(t.occurred_at)}  {word(KIND_WORDS, t.kind)}  "
                                        f"{format_ore(t.balance_delta_ore)}  {names}{state}".rstrip()))  # fmt: skip
            item.setData(Qt.ItemDataRole.UserRole, t)
            item.setToolTip(f"#{t.seq}")
            self.purchases.addItem(item)
            if selected is not None and selected.txn_id == t.txn_id:
                self.purchases.setCurrentItem(item)
        self.purchases.blockSignals(False)
        if new_child:  # each child's list from the top (newest first), not where the last child's was
            self.purchases.scrollToTop()
            self.child_scroll.verticalScrollBar().setValue(0)
        self._show_lines(self.purchases.currentItem())
        self.cards_list.clear()
        for card in info.cards:
            item = self._row(QListWidgetItem(f"{card.card_uid}  {word(CARD_WORDS, card.status)}"))
            item.setData(Qt.ItemDataRole.UserRole, card.card_uid)
            self.cards_list.addItem(item)
        self._fit_cards()

    def _fit_cards(self) -> None:
        """The child's cards: one or two rows high (more scroll), never a scroll bar for a single card."""
        rows = max(1, min(2, self.cards_list.count()))
        self.cards_list.setFixedHeight(rows * row_px(self._u) + 2 * self.cards_list.frameWidth() + 2)

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
            box.setMinimumHeight(row_px(self._u))
            box.setEnabled(line.refundable)
            box.setProperty("product_id", line.product_id)
            n = len(self._line_boxes())
            self.lines_box.addWidget(box, n // 2, n % 2)

    def selected_txn(self) -> TxnInfo | None:
        item = self.purchases.currentItem()
        if item is None:
            return None
        txn: TxnInfo = item.data(Qt.ItemDataRole.UserRole)
        return txn

    def _line_boxes(self) -> list[QCheckBox]:
        boxes = []
        for i in range(self.lines_box.count()):
            at = self.lines_box.itemAt(i)
            w = at.widget() if at is not None else None
            if isinstance(w, QCheckBox):
                boxes.append(w)
        return boxes

    def selected_lines(self) -> list[str]:
        return [str(box.property("product_id")) for box in self._line_boxes() if box.isChecked()]

    def selected_card(self) -> str | None:
        item = self.cards_list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item else None
