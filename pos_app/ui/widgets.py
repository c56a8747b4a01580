"""Small helpers the screens share."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QStyle, QStyleOptionButton

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """``widget`` with its object name set (tests and style sheets find widgets by it)."""
    widget.setObjectName(name)
    return widget


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
        self.setToolTip(self._full if shown != self._full else "")
