"""Child-facing texts that depend on a reason or category code, marked for Qt's translation tools.

Each refusal is one short sentence a child understands, its own picture, and at most one
"Spørg en voksen" (only where a grown-up must act). Money refusals say how much there is.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from pos_app.domain.checkout import Decline
from pos_app.domain.money import format_ore

from .widgets import QT_TRANSLATE_NOOP

# reason -> (sentence, picture in assets/icons, a grown-up must act)
_DECLINE = {
    Decline.UNKNOWN_CARD: (QT_TRANSLATE_NOOP("Messages", "Kortet kender jeg ikke"), "card-unknown", True),
    Decline.CARD_BLOCKED: (QT_TRANSLATE_NOOP("Messages", "Kortet virker ikke"), "card-stop", True),
    Decline.CARD_LOST: (QT_TRANSLATE_NOOP("Messages", "Kortet er meldt væk"), "card-stop", True),
    # Secure cards: a copy or another club's card. The screen reads "Kortet virker ikke" over "Spørg en voksen"
    # (issue 12's "Kortet virker ikke — spørg en voksen", in the declined screen's two lines), the same as a
    # blocked card: the child is not told more; staff see the reason in their alerts.
    Decline.CARD_NOT_GENUINE: (QT_TRANSLATE_NOOP("Messages", "Kortet virker ikke"), "card-stop", True),
    Decline.CHILD_BLOCKED: (QT_TRANSLATE_NOOP("Messages", "Du kan ikke købe noget lige nu"), "grown-up", True),
    Decline.INSUFFICIENT_FUNDS: (QT_TRANSLATE_NOOP("Messages", "Du har ikke penge nok på kortet"), "no-money", False),
    Decline.DAILY_LIMIT: (QT_TRANSLATE_NOOP("Messages", "Du har brugt det, du må i dag"), "daily-limit", False),
    Decline.OFFLINE_LIMIT: (QT_TRANSLATE_NOOP("Messages", "Du kan ikke købe mere lige nu"), "grown-up", True),
    Decline.RESTRICTED_PRODUCT: (QT_TRANSLATE_NOOP("Messages", "Det kan du ikke købe"), "not-for-you", False),
    Decline.INACTIVE_PRODUCT: (QT_TRANSLATE_NOOP("Messages", "Det kan ikke købes lige nu"), "not-for-you", False),
    Decline.EMPTY_BASKET: (QT_TRANSLATE_NOOP("Messages", "Vælg noget først"), "pick-first", False),
}
_DAILY_LEFT = QT_TRANSLATE_NOOP("Messages", "Du kan bruge %1 mere i dag")
_YOU_HAVE = QT_TRANSLATE_NOOP("Messages", "Du har %1 på kortet")
_TAP_FIRST = QT_TRANSLATE_NOOP("Messages", "Bip dit kort først")
_UNKNOWN_CODE = QT_TRANSLATE_NOOP("Messages", "Den kode kender jeg ikke")
_UNKNOWN_BARCODE = QT_TRANSLATE_NOOP("Messages", "Ukendt stregkode")
_UNAVAILABLE_KIOSK = QT_TRANSLATE_NOOP("Messages", "Kiosken kan ikke tage imod betaling lige nu")

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


@dataclass(frozen=True, slots=True)
class ChildMessage:
    """What the declined screen shows: a sentence, an optional detail, a picture, and whether to ask."""

    text: str
    picture: str
    ask: bool = False
    detail: str = ""


def decline_message(reason: Decline) -> str:
    return _t(_DECLINE[reason][0])


def child_message(reason: Decline, balance_ore: int | None = None, daily_left: int | None = None) -> ChildMessage:
    text, picture, ask = _DECLINE[reason]
    if reason is Decline.DAILY_LIMIT and daily_left:
        return ChildMessage(_t(_DAILY_LEFT).replace("%1", format_ore(daily_left)), picture)
    detail = ""
    if reason is Decline.INSUFFICIENT_FUNDS and balance_ore is not None:
        detail = _t(_YOU_HAVE).replace("%1", format_ore(balance_ore))
    return ChildMessage(_t(text), picture, ask, detail)


def tap_first() -> ChildMessage:
    return ChildMessage(_t(_TAP_FIRST), "card")


def unknown_code() -> ChildMessage:
    return ChildMessage(_t(_UNKNOWN_CODE), "card-unknown", True)


def unknown_barcode() -> str:
    return _t(_UNKNOWN_BARCODE)


def kiosk_unavailable() -> ChildMessage:
    return ChildMessage(_t(_UNAVAILABLE_KIOSK), "grown-up", True)


def unavailable_label(reason: Decline) -> str:
    return _t(_UNAVAILABLE.get(reason, _UNAVAILABLE[Decline.INACTIVE_PRODUCT]))


def category_label(category: str) -> str:
    return _t(_CATEGORY[category]) if category in _CATEGORY else category.capitalize()


def ask_an_adult() -> str:
    return _t(_ASK)


def oops() -> str:
    return _t(_OOPS)
