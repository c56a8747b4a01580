"""Small helpers the screens share."""

from __future__ import annotations

import html
from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QStyle, QStyleOptionButton, QWidget

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """``widget`` with its object name set (tests and style sheets find widgets by it)."""
    widget.setObjectName(name)
    return widget


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel that shows its text as plain text, always.

    QLabel's default (``Qt.AutoText``) guesses rich text from a ``<`` tag, so a product or child named
    ``<font color=red>…`` would be rendered as markup. Every label of the kiosk is made here (or is a
    :class:`~pos_app.ui.screens.FitLabel`, which does the same); a label that deliberately uses markup says
    so with ``setTextFormat(Qt.TextFormat.RichText)`` and puts any data into it through ``html.escape``."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def plain_tooltip(text: str) -> str:
    """``text`` as a tooltip that shows literally. Qt shows a tooltip as rich text when it looks like markup
    (there is no per-tooltip text format), so text with a ``<`` is escaped and wrapped as rich text, its
    line breaks kept; any other text is returned as it is."""
    if "<" not in text:
        return text
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name Qt's lupdate looks for
    """Marks ``text`` for translation in ``context`` (lupdate finds it by this name) and returns it as it is,
    typed as ``str`` (PySide6's own is typed ``object``); translate it where it is shown."""
    return text


class FitButton(QPushButton):
    """A push button that elides its text to its width instead of growing the window.

    Its size hint still asks for the whole text, so wherever there is room the whole text shows; where
    there is not, the layout may shrink it down to a few letters and the text ends in "…" (the whole
    text is then the tooltip and always the accessible name). ``text()`` is always the whole text."""

    def __init__(self, text: str = "", name: str = "") -> None:
        super().__init__()
        if name:
            self.setObjectName(name)
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._full = text
        self.setAccessibleName(text)
        super().setText(text)
        self.updateGeometry()
        self._elide()

    def text(self) -> str:
        return self._full

    def shown_text(self) -> str:
        return super().text()

    def _text_width(self) -> int:
        """The room for the text: the button's contents rectangle (inside border and padding)."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        return self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self).width() - 4

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """Wide enough for the whole text: its width plus the border and padding around the text."""
        hint = super().sizeHint()
        insets = self.width() - self._text_width()
        return QSize(max(hint.width(), self.fontMetrics().horizontalAdvance(self._full) + insets + 2), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = self.sizeHint()
        return QSize(min(hint.width(), self.fontMetrics().horizontalAdvance("MMM…") + 16), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()

    def _elide(self) -> None:
        width = self._text_width()
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(1, width))
        if shown != super().text():
            super().setText(shown)
        self.setToolTip(plain_tooltip(self._full) if shown != self._full else "")
