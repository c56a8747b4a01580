"""The child-facing screens: idle, the child's session, done, declined."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.money import format_ore
from pos_app.services.checkout import BasketView, Identified, Offer

from .assets import icon, product_icon
from .texts import CATEGORY_ORDER, category_label, unavailable_label

TOUCH_PX = 96  # about 1.5 cm on a 10" tablet


def _label(text: str = "", size: int = 28, bold: bool = False, name: str = "") -> QLabel:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet(f"font-size: {size}px; {'font-weight: bold;' if bold else ''}")
    if name:
        label.setObjectName(name)
    return label


class IdleScreen(QWidget):
    demo_card_tapped = Signal(str)

    def __init__(self, club_name: str, demo_cards: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.club = _label(club_name, 36, True, "club")
        self.clock = _label("", 32, name="clock")
        self.sync = QLabel("", objectName="sync")
        self.sync.setStyleSheet("font-size: 16px; color: #555;")
        top.addWidget(self.club, 1)
        top.addWidget(self.clock)
        layout.addLayout(top)
        layout.addStretch(1)
        picture = QLabel()
        picture.setPixmap(icon("card").pixmap(QSize(220, 220)))
        picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(picture)
        self.prompt = _label(self.tr("Bip dit kort"), 84, True, "prompt")
        layout.addWidget(self.prompt)
        layout.addStretch(1)
        if demo_cards:
            box = QFrame(objectName="demo")
            box.setStyleSheet("#demo { border: 2px dashed #888; border-radius: 12px; }")
            row = QHBoxLayout(box)
            hint = QLabel(self.tr("Demo: tryk på et navn for at bippe kortet, eller skriv en kortkode og Enter"))
            hint.setWordWrap(True)
            hint.setStyleSheet("font-size: 18px;")
            row.addWidget(hint, 2)
            for code, name in demo_cards:
                button = QPushButton(f"{name}\n{code}")
                button.setObjectName(f"demo-{code}")
                button.setMinimumHeight(64)
                button.setStyleSheet("font-size: 16px;")
                button.clicked.connect(lambda _=False, c=code: self.demo_card_tapped.emit(c))
                row.addWidget(button, 1)
            layout.addWidget(box)
        bottom = QHBoxLayout()
        self.devices = QLabel("", objectName="devices")
        self.devices.setStyleSheet("font-size: 14px; color: #555;")
        self._device_problems: dict[str, str] = {}
        bottom.addWidget(self.devices, 1)
        bottom.addWidget(self.sync)
        layout.addLayout(bottom)

    def set_device_status(self, status: object) -> None:
        """A device problem shows in the corner for staff (text, not only colour); fine devices say nothing."""
        from drivers.protocols import DeviceState, DeviceStatus

        assert isinstance(status, DeviceStatus)
        if status.state in (DeviceState.ERROR, DeviceState.DISCONNECTED) and status.detail != "stopped":
            self._device_problems[status.device] = status.detail or status.state.value
        else:
            self._device_problems.pop(status.device, None)
        self.devices.setText("  ".join(f"⚠ {name}: {what}" for name, what in self._device_problems.items()))

    def set_sync(self, online: bool) -> None:
        # A discreet dot for staff; the word says it too (never colour alone).
        colour = "#2e7d32" if online else "#ef6c00"
        word = self.tr("online") if online else self.tr("offline")
        self.sync.setText(f"<span style='color:{colour}; font-size:22px'>●</span> {word}")


class ProductTile(QToolButton):
    def __init__(self, offer: Offer) -> None:
        super().__init__()
        p = offer.product
        self.product_id = p.product_id
        self.setObjectName(f"tile-{p.product_id}")
        self.setIcon(product_icon(p.product_id, p.category))
        self.setIconSize(QSize(TOUCH_PX, TOUCH_PX))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        self.setMinimumSize(QSize(200, 190))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        if offer.unavailable is None:
            self.setText(f"{p.name}\n{format_ore(offer.unit_net_ore)}")
        else:
            self.setEnabled(False)
            self.setText(f"{p.name}\n{unavailable_label(offer.unavailable)}")
        self.setStyleSheet(
            "QToolButton { font-size: 28px; border: 3px solid #1565c0; border-radius: 16px; background: #fff; }"
            "QToolButton:disabled { color: #555; border: 3px dashed #999; background: #eee; }"
            "QToolButton:pressed { background: #bbdefb; }"
        )


class SessionScreen(QWidget):
    product_tapped = Signal(str)
    plus_tapped = Signal(str)
    minus_tapped = Signal(str)
    pay_tapped = Signal()
    cancel_tapped = Signal()

    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        header = QHBoxLayout()
        self.hello = _label("", 48, True, "hello")
        self.hello.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.balance = _label("", 32, name="balance")
        self.cancel = QPushButton(self.tr("Stop"))
        self.cancel.setObjectName("cancel")
        self.cancel.setMinimumSize(QSize(160, TOUCH_PX))
        self.cancel.setStyleSheet("font-size: 28px; border: 3px solid #555; border-radius: 14px; background: #fff;")
        self.cancel.clicked.connect(self.cancel_tapped)
        header.addWidget(self.hello, 1)
        header.addWidget(self.balance)
        header.addWidget(self.cancel)
        outer.addLayout(header)
        self.banner = _label("", 30, True, "banner")
        self.banner.setStyleSheet("font-size: 30px; font-weight: bold; background: #fff3e0; color: #6d3a00;"
                                  " border: 3px solid #ef6c00; border-radius: 12px; padding: 8px;")  # fmt: skip
        self.banner.hide()
        outer.addWidget(self.banner)
        body = QHBoxLayout()
        left = QVBoxLayout()
        self.tabs_row = QHBoxLayout()
        self.tab_group = QButtonGroup(self)
        self.tab_group.setExclusive(True)
        left.addLayout(self.tabs_row)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setSpacing(14)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        left.addWidget(scroll, 1)
        body.addLayout(left, 1)
        basket = QFrame(objectName="basket")
        basket.setStyleSheet("#basket { background: #f5f5f5; border-radius: 16px; }")
        basket.setFixedWidth(400)
        self.basket_layout = QVBoxLayout(basket)
        self.basket_title = _label(self.tr("Kurv"), 32, True)
        self.basket_layout.addWidget(self.basket_title)
        self.lines_host = QVBoxLayout()
        self.basket_layout.addLayout(self.lines_host)
        self.basket_layout.addStretch(1)
        self.total = _label("", 34, True, "total")
        self.basket_layout.addWidget(self.total)
        self.pay = QPushButton(self.tr("Betal"))
        self.pay.setObjectName("pay")
        self.pay.setMinimumHeight(TOUCH_PX + 24)
        self.pay.setStyleSheet(
            "QPushButton { font-size: 44px; font-weight: bold; color: #fff; background: #2e7d32;"
            " border-radius: 16px; } QPushButton:disabled { background: #9e9e9e; }"
        )
        self.pay.clicked.connect(self.pay_tapped)
        self.basket_layout.addWidget(self.pay)
        body.addWidget(basket)
        outer.addLayout(body, 1)
        self._offers: tuple[Offer, ...] = ()
        self._category = ""
        self.tiles: dict[str, ProductTile] = {}

    def show_child(self, who: Identified, basket: BasketView) -> None:
        self.hello.setText(self.tr("Hej %1!").replace("%1", who.first_name))
        self.balance.setText(self.tr("Saldo: %1").replace("%1", format_ore(who.balance_ore)))
        self.banner.hide()
        if who.offers != self._offers:
            self._offers = who.offers
            self._build_tabs()
        self.show_basket(basket)

    def _build_tabs(self) -> None:
        for button in self.tab_group.buttons():
            self.tab_group.removeButton(button)
            button.deleteLater()
        present = {o.product.category for o in self._offers}
        ordered = [c for c in CATEGORY_ORDER if c in present] + sorted(present - set(CATEGORY_ORDER))
        for category in ordered:
            button = QPushButton(category_label(category))
            button.setObjectName(f"tab-{category}")
            button.setCheckable(True)
            button.setMinimumSize(QSize(180, TOUCH_PX))
            button.setStyleSheet(
                "QPushButton { font-size: 30px; border: 3px solid #1565c0; border-radius: 14px; background: #fff; }"
                "QPushButton:checked { background: #1565c0; color: #fff; font-weight: bold; }"
            )
            button.clicked.connect(lambda _=False, c=category: self.show_category(c))
            self.tab_group.addButton(button)
            self.tabs_row.addWidget(button)
        if ordered:
            keep = self._category if self._category in ordered else ordered[0]
            self.show_category(keep)

    def show_category(self, category: str) -> None:
        self._category = category
        for button in self.tab_group.buttons():
            button.setChecked(button.objectName() == f"tab-{category}")
        _clear(self.grid)
        self.tiles = {}
        offers = [o for o in self._offers if o.product.category == category]
        for i, offer in enumerate(offers):
            tile = ProductTile(offer)
            tile.clicked.connect(lambda _=False, pid=offer.product.product_id: self.product_tapped.emit(pid))
            self.tiles[offer.product.product_id] = tile
            self.grid.addWidget(tile, i // 3, i % 3)
            tile.show()
        for i in range(len(offers), 3):  # keep tiles the same size in a short row
            self.grid.addWidget(QWidget(), 0, i)

    def show_basket(self, basket: BasketView) -> None:
        _clear(self.lines_host)
        for line in basket.lines:
            row = QHBoxLayout()
            name = QLabel(line.product.name)
            name.setStyleSheet("font-size: 26px;")
            pid = line.product.product_id
            minus = _small_button("−", f"minus-{pid}", lambda pid=pid: self.minus_tapped.emit(pid))
            qty = QLabel(str(line.qty))
            qty.setObjectName(f"qty-{pid}")
            qty.setStyleSheet("font-size: 28px; font-weight: bold;")
            plus = _small_button("+", f"plus-{pid}", lambda pid=pid: self.plus_tapped.emit(pid))
            price = QLabel(format_ore(line.net_ore))
            price.setStyleSheet("font-size: 24px;")
            row.addWidget(name, 1)
            row.addWidget(minus)
            row.addWidget(qty)
            row.addWidget(plus)
            row.addWidget(price)
            self.lines_host.addLayout(row)
        self.total.setText(self.tr("I alt %1").replace("%1", format_ore(basket.net_ore)))
        self.pay.setEnabled(bool(basket.lines))

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.show()


def _small_button(text: str, name: str, on_click: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.setFixedSize(QSize(72, 72))
    button.setStyleSheet("font-size: 36px; font-weight: bold;")
    button.clicked.connect(lambda _=False: on_click())
    return button


def _clear(layout: object) -> None:
    from PySide6.QtWidgets import QLayout

    assert isinstance(layout, QLayout)
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()  # gone now, not at the next event loop turn
            widget.setParent(None)
            widget.deleteLater()
        elif item.layout():
            _clear(item.layout())


class DoneScreen(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        tick = QLabel()
        tick.setPixmap(icon("done").pixmap(QSize(220, 220)))
        tick.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(tick)
        self.thanks = _label("", 72, True, "thanks")
        self.new_balance = _label("", 40, name="new_balance")
        layout.addWidget(self.thanks)
        layout.addWidget(self.new_balance)
        layout.addStretch(1)

    def show_done(self, first_name: str, balance_ore: int) -> None:
        self.thanks.setText(self.tr("Tak, %1!").replace("%1", first_name))
        self.new_balance.setText(self.tr("Ny saldo %1").replace("%1", format_ore(balance_ore)))


class DeclineScreen(QWidget):
    back_tapped = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        face = QLabel()
        face.setPixmap(icon("oops").pixmap(QSize(200, 200)))
        face.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(face)
        self.message = _label("", 52, True, "decline_message")
        self.ask = _label("", 36, name="ask")
        layout.addWidget(self.message)
        layout.addWidget(self.ask)
        self.back = QPushButton(self.tr("Tilbage"))
        self.back.setObjectName("back")
        self.back.setMinimumSize(QSize(320, TOUCH_PX))
        self.back.setStyleSheet("font-size: 36px;")
        self.back.clicked.connect(self.back_tapped)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.back)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def show_decline(self, message: str, ask: str, can_go_back: bool) -> None:
        self.message.setText(message)
        self.ask.setText(ask)
        self.back.setVisible(can_go_back)
