"""Small helpers the screens share."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """``widget`` with its object name set (tests and style sheets find widgets by it)."""
    widget.setObjectName(name)
    return widget


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name Qt's lupdate looks for
    """Marks ``text`` for translation in ``context`` (lupdate finds it by this name) and returns it as it is,
    typed as ``str`` (PySide6's own is typed ``object``); translate it where it is shown."""
    return text
