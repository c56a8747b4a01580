"""Child-facing texts that depend on a reason or category code, marked for Qt's translation tools."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from pos_app.domain.checkout import Decline

_DECLINE = {
    Decline.UNKNOWN_CARD: QT_TRANSLATE_NOOP("Messages", "Kortet kender jeg ikke — spørg en voksen"),
    Decline.CARD_BLOCKED: QT_TRANSLATE_NOOP("Messages", "Kortet virker ikke — spørg en voksen"),
    Decline.CARD_LOST: QT_TRANSLATE_NOOP("Messages", "Kortet er meldt væk — spørg en voksen"),
    Decline.CHILD_BLOCKED: QT_TRANSLATE_NOOP("Messages", "Du kan ikke købe noget lige nu — spørg en voksen"),
    Decline.INSUFFICIENT_FUNDS: QT_TRANSLATE_NOOP("Messages", "Du har ikke penge nok på kortet"),
    Decline.DAILY_LIMIT: QT_TRANSLATE_NOOP("Messages", "Du har brugt det, du må i dag"),
    Decline.OFFLINE_LIMIT: QT_TRANSLATE_NOOP("Messages", "Du kan ikke købe mere lige nu — spørg en voksen"),
    Decline.RESTRICTED_PRODUCT: QT_TRANSLATE_NOOP("Messages", "Det kan du ikke købe"),
    Decline.INACTIVE_PRODUCT: QT_TRANSLATE_NOOP("Messages", "Det kan ikke købes lige nu"),
    Decline.EMPTY_BASKET: QT_TRANSLATE_NOOP("Messages", "Vælg noget først"),
}

# Short labels on a product tile the child cannot buy (text, not colour alone).
_UNAVAILABLE = {
    Decline.RESTRICTED_PRODUCT: QT_TRANSLATE_NOOP("Messages", "Ikke til dig"),
    Decline.INACTIVE_PRODUCT: QT_TRANSLATE_NOOP("Messages", "Udsolgt"),
}

_CATEGORY = {
    "food": QT_TRANSLATE_NOOP("Messages", "Mad"),
    "drink": QT_TRANSLATE_NOOP("Messages", "Drikke"),
    "snack": QT_TRANSLATE_NOOP("Messages", "Snacks"),
    "trip": QT_TRANSLATE_NOOP("Messages", "Ture"),
}
CATEGORY_ORDER = ("food", "drink", "snack", "trip")

_ASK = QT_TRANSLATE_NOOP("Messages", "Spørg en voksen")
_OOPS = QT_TRANSLATE_NOOP("Messages", "Ups, noget gik galt")


def _t(text: str) -> str:
    return QCoreApplication.translate("Messages", text)


def decline_message(reason: Decline) -> str:
    return _t(_DECLINE[reason])


def unavailable_label(reason: Decline) -> str:
    return _t(_UNAVAILABLE.get(reason, _UNAVAILABLE[Decline.INACTIVE_PRODUCT]))


def category_label(category: str) -> str:
    return _t(_CATEGORY[category]) if category in _CATEGORY else category.capitalize()


def ask_an_adult() -> str:
    return _t(_ASK)


def oops() -> str:
    return _t(_OOPS)
