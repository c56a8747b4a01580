"""The child-facing screens: idle, the child's session, done, declined.

Every size comes from one scale factor ``u`` that the window computes from its own size (1.0 at
1280×800 logical pixels), so the same screens fit a 1024×600 tablet and a 2560×1600 one at any Qt
scale factor: nothing has a minimum size larger than the window, the basket and "Betal" are always
inside it, and text that does not fit is elided (a long press on a tile shows its whole name).

The session's tiles are built once per catalogue and reused: a tap only changes which tiles show,
their price text and whether they are dimmed, so a new child never rebuilds or grows anything.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_app.domain.checkout import Decline
from pos_app.domain.money import format_ore
from pos_app.services.checkout import BasketView, Identified, Offer
from pos_app.services.pictures import ImageCache

from .assets import icon, product_icon
from .texts import CATEGORY_ORDER, category_label, unavailable_label
from .widgets import named, plain_label, plain_tooltip

TOUCH_PX = 96  # about 1.5 cm on a 10" tablet, at u = 1
BANNER_MS = 4000  # a banner (an unknown barcode, a whole name) goes by itself after this
LONG_PRESS_MS = 600


def px(u: float, n: float, least: int = 1) -> int:
    """``n`` logical pixels at the reference size, scaled by ``u``, but never below ``least`` device pixels
    (what a finger or an eye meets on the glass, whatever Qt's scale factor)."""
    app = QGuiApplication.instance()
    dpr = app.devicePixelRatio() if isinstance(app, QGuiApplication) else 1.0
    return max(math.ceil(least / dpr), round(n * u))


def scale_for(width: int, height: int) -> float:
    """The scale unit for a window of this logical size: 1.0 at 1280×800, within 0.5..2."""
    return max(0.5, min(2.0, width / 1280, height / 800))


class FitLabel(QLabel):
    """A one-line label that elides its text to its width instead of growing the window."""

    def __init__(self, text: str = "", name: str = "") -> None:
        super().__init__()
        self.setTextFormat(Qt.TextFormat.PlainText)  # names from the ledger show literally (see plain_label)
        self._full = text
        if name:
            self.setObjectName(name)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(1)
        super().setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        self._elide()

    def text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def resizeEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        self._elide()

    def changeEvent(self, event: object) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)  # type: ignore[arg-type]
        self._elide()

    def _elide(self) -> None:
        width = self.contentsRect().width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, width) if width > 1 else ""
        if shown != super().text():
            super().setText(shown)


def _font_css(size: int, bold: bool = False) -> str:
    return f"font-size: {size}px; {'font-weight: bold;' if bold else ''}"


class IdleScreen(QWidget):
    demo_card_tapped = Signal(str)

    def __init__(self, club_name: str, demo_cards: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.club = FitLabel(club_name, "club")
        self.clock = named(plain_label(""), "clock")
        top.addWidget(self.club, 1)
        top.addWidget(self.clock)
        layout.addLayout(top)
        layout.addStretch(1)
        self.picture = plain_label()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.picture)
        self.prompt = named(plain_label(self.tr("Bip dit kort")), "prompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.prompt)
        layout.addStretch(1)
        self.demo_buttons: list[QPushButton] = []
        self.demo_hint: QLabel | None = None
        if demo_cards:
            box = named(QFrame(), "demo")
            box.setStyleSheet("#demo { border: 2px dashed #888; border-radius: 12px; }")
            row = QHBoxLayout(box)
            hint = plain_label(self.tr("Demo: tryk på et navn for at bippe kortet, eller skriv en kortkode og Enter"))
            hint.setWordWrap(True)
            hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            self.demo_hint = hint
            row.addWidget(hint, 2)
            for code, name in demo_cards:
                button = QPushButton(f"{name}\n{code}")
                button.setObjectName(f"demo-{code}")
                button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
                button.clicked.connect(lambda _=False, c=code: self.demo_card_tapped.emit(c))
                row.addWidget(button, 1)
                self.demo_buttons.append(button)
            layout.addWidget(box)
        bottom = QHBoxLayout()
        # Device trouble is for staff only: a small marker, no technical words for the children to read.
        self.devices = named(plain_label(""), "devices")
        self._device_problems: dict[str, str] = {}
        bottom.addStretch(1)
        bottom.addWidget(self.devices)
        self.sync = named(plain_label(""), "sync")
        self.sync.setTextFormat(Qt.TextFormat.RichText)  # a coloured dot; the word in it is escaped
        bottom.addWidget(self.sync)
        layout.addLayout(bottom)
        self._online: bool | None = None
        self.apply_scale(1.0)

    def apply_scale(self, u: float) -> None:
        self.club.setStyleSheet(_font_css(px(u, 36, 14), True))
        self.clock.setStyleSheet(_font_css(px(u, 32, 14)))
        self.picture.setPixmap(icon("card").pixmap(QSize(px(u, 220, 40), px(u, 220, 40))))
        self.prompt.setStyleSheet(_font_css(px(u, 84, 40), True))
        small = _font_css(px(u, 16, 11))
        for button in self.demo_buttons:
            button.setStyleSheet(small)
            button.setFixedHeight(px(u, 64, 40))
        if self.demo_hint is not None:
            self.demo_hint.setStyleSheet(small)
        self.devices.setStyleSheet(_font_css(px(u, 16, 11)) + " color: #8d4f00;")
        self.sync.setStyleSheet(_font_css(px(u, 16, 11)) + " color: #555;")
        self._u = u
        if self._online is not None:
            self.set_sync(self._online)

    def set_device_status(self, status: object) -> None:
        """A device problem shows as a small marker for staff; the details are on the devices screen."""
        from drivers.protocols import DeviceState, DeviceStatus

        assert isinstance(status, DeviceStatus)
        if status.state in (DeviceState.ERROR, DeviceState.DISCONNECTED) and status.detail != "stopped":
            self._device_problems[status.device] = status.detail or status.state.value
        else:
            self._device_problems.pop(status.device, None)
        count = len(self._device_problems)
        self.devices.setText(f"⚠ {count}" if count else "")
        problems = "\n".join(f"{name}: {what}" for name, what in self._device_problems.items())
        self.devices.setToolTip(plain_tooltip(problems))

    def device_problems(self) -> dict[str, str]:
        return dict(self._device_problems)

    def set_sync(self, online: bool) -> None:
        # A discreet dot for staff; the word says it too (never colour alone).
        self._online = online
        colour = "#2e7d32" if online else "#ef6c00"
        word = self.tr("online") if online else self.tr("offline")
        dot = f"<span style='color:{colour}; font-size:{px(self._u, 22, 14)}px'>●</span>"
        self.sync.setText(f"{dot} {html.escape(word)}")


class ProductTile(QAbstractButton):
    """A product as a big button: picture, name (elided to the tile) and price, painted to fit any size."""

    long_pressed = Signal(str)

    def __init__(self, offer: Offer, images: ImageCache | None = None) -> None:
        super().__init__()
        p = offer.product
        self.product = p
        self.product_id = p.product_id
        self.full_name = p.name
        self.setObjectName(f"tile-{p.product_id}")
        self._icon: QIcon = product_icon(p.product_id, p.category, p.icon, p.image_sha256, images)
        self._has_image = images is not None and p.image_sha256 is not None and images.has(p.image_sha256)
        self._pixmap = QPixmap()
        self._pixmap_key: tuple[int, float] = (0, 0.0)
        self.price_text = ""
        self.note = ""  # a word instead of the price ("Udsolgt"): never colour alone
        self.dimmed = False  # the child cannot afford it now
        self.shown_name = p.name
        self._u = 1.0
        self._long = False
        self._press_timer = QTimer(self, singleShot=True, interval=LONG_PRESS_MS)
        self._press_timer.timeout.connect(self._on_long_press)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.show_offer(offer)

    def show_offer(self, offer: Offer) -> None:
        if offer.unavailable is None:
            self.note, self.price_text = "", format_ore(offer.shown_ore)
            self.setEnabled(True)
        else:
            self.note, self.price_text = unavailable_label(offer.unavailable), ""
            self.setEnabled(False)
        self.setAccessibleName(f"{self.full_name} {self.price_text or self.note}")
        self.update()

    def _picture(self, side: int) -> QPixmap:
        """The picture rendered once per size (an SVG rendered at every paint costs milliseconds)."""
        dpr = self.devicePixelRatioF()
        if self._pixmap_key != (side, dpr):
            self._pixmap = self._icon.pixmap(QSize(side, side), dpr)
            self._pixmap_key = (side, dpr)
        return self._pixmap

    def refresh_picture(self, images: ImageCache | None) -> None:
        """The finance side's picture arrived after the tile was built: show it now."""
        p = self.product
        if not self._has_image and images is not None and p.image_sha256 and images.has(p.image_sha256):
            self._icon = product_icon(p.product_id, p.category, p.icon, p.image_sha256, images)
            self._pixmap_key = (0, 0.0)
            self._has_image = True
            self.update()

    def label(self) -> str:
        """What the tile says: the whole name, then the price or why it cannot be bought."""
        return f"{self.full_name}\n{self.note or self.price_text}"

    def set_dimmed(self, dimmed: bool) -> None:
        if dimmed != self.dimmed:
            self.dimmed = dimmed
            self.update()

    def apply_scale(self, u: float, height: int) -> None:
        self._u = u
        self.setFixedHeight(height)
        self.update()

    def fonts(self) -> tuple[QFont, QFont]:
        name, price = QFont(self.font()), QFont(self.font())
        name.setPixelSize(px(self._u, 28, 26))
        price.setPixelSize(px(self._u, 26, 24))
        price.setBold(True)
        return name, price

    def text_rect_width(self) -> int:
        return self.width() - 2 * px(self._u, 12, 6)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(px(self._u, 200, 80), self.height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        u = self._u
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        enabled = self.isEnabled() and not self.dimmed
        background = QColor("#bbdefb") if self.isDown() else QColor("#ffffff" if enabled else "#eeeeee")
        pen = QPen(QColor("#1565c0" if enabled else "#9e9e9e"), max(2, px(u, 3)))
        if not enabled:
            pen.setStyle(Qt.PenStyle.DashLine)  # not colour alone: the border's shape says it too
        painter.setPen(pen)
        painter.setBrush(background)
        radius = px(u, 16, 6)
        painter.drawRoundedRect(rect, radius, radius)
        name_font, price_font = self.fonts()
        name_h = QFontMetrics(name_font).height()
        price_h = QFontMetrics(price_font).height()
        pad = px(u, 12, 6)
        icon_side = max(16, min(int(rect.width()) - 2 * pad, self.height() - name_h - price_h - 3 * pad))
        if not enabled:
            painter.setOpacity(0.45)
        painter.drawPixmap(int(rect.center().x() - icon_side / 2), pad, self._picture(icon_side))
        width = self.text_rect_width()
        self.shown_name = QFontMetrics(name_font).elidedText(self.full_name, Qt.TextElideMode.ElideRight, width)
        painter.setOpacity(1.0)
        painter.setPen(QColor("#111111" if enabled else "#555555"))
        painter.setFont(name_font)
        top = pad + icon_side + pad // 2
        painter.drawText(QRectF(pad, top, width, name_h), Qt.AlignmentFlag.AlignCenter, self.shown_name)
        painter.setFont(price_font)
        line = self.note or self.price_text
        line = QFontMetrics(price_font).elidedText(line, Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRectF(pad, top + name_h, width, price_h), Qt.AlignmentFlag.AlignCenter, line)
        painter.end()

    # A long press shows the whole name instead of adding the product.
    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self._long = False
        self._press_timer.start()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self._press_timer.stop()
        if self._long:
            self._long = False
            self.setDown(False)
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def _on_long_press(self) -> None:
        if self.isDown():
            self._long = True
            self.long_pressed.emit(self.full_name)


class _CategoryPage(QScrollArea):
    """One tab's tiles in a grid; the grid is laid out again only when the visible tiles change."""

    def __init__(self) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        host = QWidget()
        self.grid = QGridLayout(host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.setWidget(host)
        self.tiles: list[ProductTile] = []
        self._placed: tuple[str, ...] = ()
        self._columns = 0

    def place(self, visible: list[ProductTile], columns: int, spacing: int) -> None:
        key = tuple(t.product_id for t in visible)
        if key == self._placed and columns == self._columns:
            return
        for tile in self.tiles:
            self.grid.removeWidget(tile)
            tile.setVisible(False)
        for i, tile in enumerate(visible):
            self.grid.addWidget(tile, i // columns, i % columns)
            tile.setVisible(True)
        for c in range(max(columns, self._columns)):
            self.grid.setColumnStretch(c, 1 if c < columns else 0)
        self.grid.setRowStretch(self.grid.rowCount(), 1)
        self.grid.setSpacing(spacing)
        self._placed, self._columns = key, columns


class SessionScreen(QWidget):
    product_tapped = Signal(str)
    plus_tapped = Signal(str)
    minus_tapped = Signal(str)
    pay_tapped = Signal()
    cancel_tapped = Signal()
    still_here_tapped = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._u = 1.0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        header = QHBoxLayout()
        self.hello = FitLabel("", "hello")
        self.balance = named(plain_label(""), "balance")
        self.cancel = named(QPushButton(self.tr("Stop")), "cancel")
        self.cancel.clicked.connect(self.cancel_tapped)
        header.addWidget(self.hello, 1)
        header.addWidget(self.balance)
        header.addWidget(self.cancel)
        outer.addLayout(header)
        # The banner and the walk-away countdown float over the tiles (not in the layout): showing them
        # never moves a tile or a button under a child's finger.
        self.banner = named(plain_label("", self), "banner")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setWordWrap(True)
        self.banner.hide()
        self._banner_timer = QTimer(self, singleShot=True, interval=BANNER_MS)
        self._banner_timer.timeout.connect(self.banner.hide)
        self.countdown = named(QPushButton("", self), "countdown")
        self.countdown.clicked.connect(self.still_here_tapped)
        self.countdown.hide()
        body = QHBoxLayout()
        left = QVBoxLayout()
        self.tabs_row = QHBoxLayout()
        self.tab_group = QButtonGroup(self)
        self.tab_group.setExclusive(True)
        left.addLayout(self.tabs_row)
        self.pages = QStackedWidget()
        self.pages.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        left.addWidget(self.pages, 1)
        body.addLayout(left, 1)
        self.basket_box = named(QFrame(), "basket")
        self.basket_box.setStyleSheet("#basket { background: #f5f5f5; border-radius: 16px; }")
        self.basket_layout = QVBoxLayout(self.basket_box)
        self.basket_title = plain_label(self.tr("Kurv"))
        self.basket_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.basket_layout.addWidget(self.basket_title)
        self.lines_scroll = QScrollArea()
        self.lines_scroll.setWidgetResizable(True)
        self.lines_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.lines_scroll.setStyleSheet("QScrollArea { background: transparent; }")
        self.lines_scroll.viewport().setAutoFillBackground(False)
        self.lines_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lines_scroll.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        lines_widget = QWidget()
        lines_widget.setStyleSheet("background: transparent;")
        self.lines_host = QVBoxLayout(lines_widget)
        self.lines_host.setContentsMargins(0, 0, 8, 0)
        self.lines_host.addStretch(1)
        self.lines_scroll.setWidget(lines_widget)
        self.basket_layout.addWidget(self.lines_scroll, 1)
        self.total = FitLabel("", "total")
        self.total.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.basket_layout.addWidget(self.total)
        self.pay = named(QPushButton(self.tr("Betal")), "pay")
        self.pay.clicked.connect(self.pay_tapped)
        self.basket_layout.addWidget(self.pay)
        body.addWidget(self.basket_box)
        outer.addLayout(body, 1)
        self._offers: dict[str, Offer] = {}
        self._catalogue_key: tuple[object, ...] = ()
        self._category = ""
        self._categories: list[str] = []
        self._page_of: dict[str, _CategoryPage] = {}
        self.tiles: dict[str, ProductTile] = {}
        self._room_ore: int | None = None
        self._basket_shown = 0
        self._line_of: dict[str, QWidget] = {}
        self._columns = 3
        self._line_widgets: list[QWidget] = []
        self.images: ImageCache | None = None  # the finance side's pictures (set by the window)
        self.apply_scale(1.0, 1280)

    # --- sizes ------------------------------------------------------------------------------
    def apply_scale(self, u: float, width: int) -> None:
        self._u = u
        self.hello.setStyleSheet(_font_css(px(u, 48, 28), True))
        self.balance.setStyleSheet(_font_css(px(u, 32, 28)))
        touch = px(u, TOUCH_PX, 80)
        self.cancel.setFixedSize(QSize(px(u, 160, 120), touch))
        self.cancel.setStyleSheet(_font_css(px(u, 28, 24)) + " border: 3px solid #555; border-radius: 14px;"
                                  " background: #fff;")  # fmt: skip
        self.banner.setStyleSheet(_font_css(px(u, 30, 24), True) + " background: #fff3e0; color: #6d3a00;"
                                  " border: 3px solid #ef6c00; border-radius: 12px; padding: 6px;")  # fmt: skip
        self.countdown.setMinimumHeight(px(u, 72, 56))
        self.countdown.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.countdown.setStyleSheet(_font_css(px(u, 30, 24), True) + " background: #fff8e1; color: #4e342e;"
                                     " border: 3px dashed #8d6e00; border-radius: 12px;")  # fmt: skip
        basket_w = max(px(u, 200, 150), min(round(width * 0.32), px(u, 420)))
        self.basket_box.setFixedWidth(basket_w)
        self.basket_title.setStyleSheet(_font_css(px(u, 32, 24), True))
        self.total.setStyleSheet(_font_css(px(u, 34, 26), True))
        self.pay.setFixedHeight(px(u, TOUCH_PX + 24, 80))
        self.pay.setStyleSheet(
            "QPushButton { " + _font_css(px(u, 44, 32), True) + " color: #fff; background: #2e7d32;"
            " border-radius: 16px; } QPushButton:disabled { background: #9e9e9e; }"
        )
        for button in self.tab_group.buttons():
            self._style_tab(button)
        area_w = max(1, width - basket_w - px(u, 30))
        self._columns = max(2, min(6, area_w // px(u, 200, 90)))
        self._tile_h = max(px(u, 120, 70), min(px(u, 220), round(area_w / self._columns * 0.9)))
        for tile in self.tiles.values():
            tile.apply_scale(u, self._tile_h)
        self._place_tiles()
        self._restyle_lines()

    def _style_tab(self, button: QAbstractButton) -> None:
        u = self._u
        button.setFixedHeight(px(u, TOUCH_PX, 64))
        button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        button.setStyleSheet(
            "QPushButton { " + _font_css(px(u, 30, 26)) + " border: 3px solid #1565c0; border-radius: 14px;"
            " background: #fff; } QPushButton:checked { background: #1565c0; color: #fff; font-weight: bold; }"
        )

    # --- a child arrives ----------------------------------------------------------------------
    def show_child(self, who: Identified, basket: BasketView, new_session: bool = True) -> None:
        self.hello.setText(self.tr("Hej %1!").replace("%1", who.first_name))
        self.balance.setText(self.tr("Saldo: %1").replace("%1", format_ore(who.balance_ore)))
        self.banner.hide()
        self.countdown.hide()
        self._room_ore = who.room_ore
        key = tuple((o.product.product_id, o.product.name, o.product.category, o.product.icon,
                     o.product.image_sha256) for o in who.offers)  # fmt: skip
        if key != self._catalogue_key:
            self._build_tiles(who.offers)
            self._catalogue_key = key
        self._offers = {o.product.product_id: o for o in who.offers}
        for pid, offer in self._offers.items():
            self.tiles[pid].show_offer(offer)
        self._place_tiles()
        if new_session or self._category not in self._categories:
            self.show_category(self._categories[0] if self._categories else "")
            for page in self._page_of.values():
                page.verticalScrollBar().setValue(0)
        self.show_basket(basket)

    def _build_tiles(self, offers: tuple[Offer, ...]) -> None:
        """Once per catalogue: the tabs, one page per category and one tile per product."""
        for button in self.tab_group.buttons():
            self.tab_group.removeButton(button)
            self.tabs_row.removeWidget(button)
            button.deleteLater()
        while self.pages.count():
            page = self.pages.widget(0)
            assert page is not None
            self.pages.removeWidget(page)
            page.deleteLater()
        present = {o.product.category for o in offers}
        self._categories = [c for c in CATEGORY_ORDER if c in present] + sorted(present - set(CATEGORY_ORDER))
        self._page_of = {}
        self.tiles = {}
        for category in self._categories:
            button = named(QPushButton(category_label(category)), f"tab-{category}")
            button.setCheckable(True)
            self._style_tab(button)
            button.clicked.connect(lambda _=False, c=category: self.show_category(c))
            self.tab_group.addButton(button)
            self.tabs_row.addWidget(button)
            page = _CategoryPage()
            self.pages.addWidget(page)
            self._page_of[category] = page
        for offer in offers:
            tile = ProductTile(offer, self.images)
            tile.apply_scale(self._u, self._tile_h)
            pid = offer.product.product_id
            tile.clicked.connect(lambda _=False, pid=pid: self._on_tile(pid))
            tile.long_pressed.connect(self.show_banner)
            self.tiles[pid] = tile
            self._page_of[offer.product.category].tiles.append(tile)

    def refresh_pictures(self) -> None:
        for tile in self.tiles.values():
            tile.refresh_picture(self.images)

    def _place_tiles(self) -> None:
        """Restricted products are not offered at all (nothing for the queue to read); the rest in order."""
        spacing = px(self._u, 14, 6)
        for page in self._page_of.values():
            visible = [t for t in page.tiles if self._offered(t.product_id)]
            page.place(visible, self._columns, spacing)

    def _offered(self, product_id: str) -> bool:
        offer = self._offers.get(product_id)
        return offer is not None and offer.unavailable is not Decline.RESTRICTED_PRODUCT

    def _on_tile(self, product_id: str) -> None:
        # A dimmed tile is a hint, not a lock: it adds like any other, for every child the same, and
        # paying decides (a friplads child may well afford it: the screen must not show that).
        self.product_tapped.emit(product_id)

    def show_category(self, category: str) -> None:
        self._category = category
        for button in self.tab_group.buttons():
            button.setChecked(button.objectName() == f"tab-{category}")
        page = self._page_of.get(category)
        if page is not None:
            self.pages.setCurrentWidget(page)

    @property
    def category(self) -> str:
        return self._category

    def first_visible_tile(self) -> str | None:
        """The product of the first tile offered on the first tab."""
        page = self._page_of.get(self._categories[0]) if self._categories else None
        for tile in page.tiles if page else []:
            if self._offered(tile.product_id) and tile.isEnabled():
                return tile.product_id
        return None

    # --- the basket -----------------------------------------------------------------------------
    def show_basket(self, basket: BasketView, focus: str | None = None) -> None:
        for widget in self._line_widgets:
            self.lines_host.removeWidget(widget)
            widget.hide()  # gone now, not at the next turn of the event loop
            widget.setParent(None)
            widget.deleteLater()
        self._line_widgets = []
        self._line_of = {}
        for i, line in enumerate(basket.lines):
            pid = line.product.product_id
            row = named(QWidget(), f"line-{pid}")
            grid = QGridLayout(row)
            grid.setContentsMargins(0, 0, 0, 0)
            name = FitLabel(line.product.name, f"name-{pid}")
            price = named(plain_label(format_ore(line.shown_ore)), f"price-{pid}")
            price.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            minus = _small_button("−", f"minus-{pid}", partial(self.minus_tapped.emit, pid))
            qty = named(plain_label(str(line.qty)), f"qty-{pid}")
            qty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            plus = _small_button("+", f"plus-{pid}", partial(self.plus_tapped.emit, pid))
            # The name (shortened with "…" when it must be) and the price; − qty + below: narrow enough for
            # the basket of a 1024×600 tablet.
            grid.addWidget(name, 0, 0, 1, 4)
            grid.addWidget(price, 0, 4)
            grid.addWidget(minus, 1, 0)
            grid.addWidget(qty, 1, 1)
            grid.addWidget(plus, 1, 2)
            grid.setColumnStretch(3, 1)
            self.lines_host.insertWidget(i, row)
            self._line_widgets.append(row)
            self._line_of[pid] = row
        self._restyle_lines()
        self.total.setText(self.tr("I alt %1").replace("%1", format_ore(basket.shown_ore)))
        self.pay.setEnabled(bool(basket.lines))
        self._basket_shown = basket.shown_ore
        self._dim_unaffordable()
        if focus is not None and focus in self._line_of:  # the line just added or changed stays in view
            # After the layout has placed the new line (its geometry is not known before).
            QTimer.singleShot(0, partial(self._keep_in_view, self._line_of[focus]))

    def _keep_in_view(self, row: QWidget) -> None:
        if row.parent() is None:  # already replaced by the next basket
            return
        host = self.lines_scroll.widget()
        if host is not None:  # let the lines' widget take its new height first, then scroll
            self.lines_host.activate()
            viewport = self.lines_scroll.viewport()
            host.resize(viewport.width(), max(host.heightForWidth(viewport.width()), host.sizeHint().height(),
                                              viewport.height()))
        self.lines_scroll.ensureWidgetVisible(row, 0, 8)
        self.lines_scroll.horizontalScrollBar().setValue(0)

    def _restyle_lines(self) -> None:
        u = self._u
        for row in self._line_widgets:
            for label in row.findChildren(QLabel):
                big = label.objectName().startswith("qty-")
                label.setStyleSheet(_font_css(px(u, 28 if big else 26, 28 if big else 26), big))
            for button in row.findChildren(QPushButton):
                button.setFixedSize(QSize(px(u, 72, 64), px(u, 72, 64)))
                button.setStyleSheet(_font_css(px(u, 34, 16), True) + " border: 3px solid #1565c0;"
                                     f" border-radius: {px(u, 12, 6)}px; background: #fff; color: #0d47a1;")

    def _dim_unaffordable(self) -> None:
        """Tiles that cost more than the child has left (with what is in the basket) are dimmed before they
        try. Compared at the prices the screen shows: with catalogue prices (the default) two children with
        the same balance see the same tiles dimmed, whatever their friplads."""
        left = None if self._room_ore is None else self._room_ore - self._basket_shown
        for pid, tile in self.tiles.items():
            offer = self._offers.get(pid)
            tile.set_dimmed(left is not None and offer is not None and offer.unavailable is None
                            and offer.shown_ore > left)  # fmt: skip

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self._place_overlays()
        self.banner.show()
        self.banner.raise_()
        self._banner_timer.start()

    def show_countdown(self, seconds: int | None) -> None:
        if seconds is None:
            self.countdown.hide()
            return
        self.countdown.setText(self.tr("Er du her stadig? Tryk her (%1)").replace("%1", str(seconds)))
        self._place_overlays()
        self.countdown.show()
        self.countdown.raise_()

    def _place_overlays(self) -> None:
        """Over the tiles' area: the banner at its top, the countdown at its bottom."""
        area = self.pages.geometry()
        margin = px(self._u, 16, 6)
        width = max(40, area.width() - 2 * margin)
        height = self.banner.heightForWidth(width) if self.banner.text() else 0
        self.banner.setGeometry(area.x() + margin, area.y() + margin, width, max(height, px(self._u, 64, 36)))
        cd_h = px(self._u, 80, 40)
        self.countdown.setGeometry(area.x() + margin, area.bottom() - cd_h - margin, width, cd_h)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._place_overlays()


def _small_button(text: str, name: str, on_click: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(name)
    button.clicked.connect(lambda _=False: on_click())
    return button


class DoneScreen(QWidget):
    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.tick = plain_label()
        self.tick.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.tick)
        self.thanks = FitLabel("", "thanks")
        self.thanks.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bought = named(plain_label(""), "bought")
        self.bought.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.bought.setWordWrap(True)
        self.bought.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.new_balance = FitLabel("", "new_balance")
        self.new_balance.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.thanks)
        layout.addWidget(self.bought)
        layout.addWidget(self.new_balance)
        layout.addStretch(1)
        self.apply_scale(1.0)

    def apply_scale(self, u: float) -> None:
        self.tick.setPixmap(icon("done").pixmap(QSize(px(u, 200, 60), px(u, 200, 60))))
        self.thanks.setStyleSheet(_font_css(px(u, 72, 40), True))
        self.bought.setStyleSheet(_font_css(px(u, 32, 28)))
        self.new_balance.setStyleSheet(_font_css(px(u, 40, 28)))

    def show_done(self, first_name: str, balance_ore: int, bought: Sequence[tuple[str, int]] = ()) -> None:
        """``bought``: (product name, quantity) in the order bought. No prices: the queue can see this."""
        self.thanks.setText(self.tr("Tak, %1!").replace("%1", first_name))
        shown = [f"{qty} × {name}" for name, qty in bought[:6]]
        if len(bought) > 6:
            shown.append("…")
        self.bought.setText("\n".join(shown))
        self.new_balance.setText(self.tr("Ny saldo %1").replace("%1", format_ore(balance_ore)))


class DeclineScreen(QWidget):
    back_tapped = Signal()

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        self.face = named(plain_label(), "decline_picture")
        self.face.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.face)
        self.message = named(plain_label(""), "decline_message")
        self.detail = named(plain_label(""), "decline_detail")
        self.ask = named(plain_label(""), "ask")
        for label in (self.message, self.detail, self.ask):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            layout.addWidget(label)
        self.back = named(QPushButton(self.tr("Tilbage")), "back")
        self.back.clicked.connect(self.back_tapped)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.back)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        self.picture_name = "oops"
        self.apply_scale(1.0)

    def apply_scale(self, u: float) -> None:
        self._u = u
        self.message.setStyleSheet(_font_css(px(u, 52, 32), True))
        self.detail.setStyleSheet(_font_css(px(u, 36, 28)))
        self.ask.setStyleSheet(_font_css(px(u, 36, 28)))
        self.back.setFixedSize(QSize(px(u, 320, 260), px(u, TOUCH_PX, 88)))
        self.back.setStyleSheet(_font_css(px(u, 36, 28)))
        self._show_picture()

    def _show_picture(self) -> None:
        side = px(self._u, 180, 56)
        self.face.setPixmap(icon(self.picture_name).pixmap(QSize(side, side)))

    def show_decline(self, message: str, ask: str, can_go_back: bool, detail: str = "",
                     picture: str = "oops") -> None:  # fmt: skip
        self.message.setText(message)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.ask.setText(ask)
        self.ask.setVisible(bool(ask))
        self.back.setVisible(can_go_back)
        self.picture_name = picture
        self._show_picture()
