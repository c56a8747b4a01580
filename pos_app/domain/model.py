"""Domain records, in the shape of the contract's snapshot (minus what the kiosk never needs)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, NewType

ChildId = NewType("ChildId", str)
ProductId = NewType("ProductId", str)
StaffId = NewType("StaffId", str)
TxnId = NewType("TxnId", str)
CardUid = NewType("CardUid", str)

PaymentMode = Literal["prepaid", "account"]
CardStatus = Literal["active", "blocked", "lost"]
TxnKind = Literal["sale", "refund", "void", "topup_cash", "adjustment"]

ID_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
CARD_UID_RE = re.compile(r"^([0-9A-F]{8}|[0-9A-F]{14}|[0-9A-F]{20}|[A-Z0-9]{6,32})$")
_CARD_STRIP = str.maketrans("", "", " :-\t")


def normalise_card(raw: str) -> str:
    """What the kiosk reads -> the contract's form: upper case, spaces, ':' and '-' removed."""
    return raw.translate(_CARD_STRIP).upper()


def is_card_uid(value: str) -> bool:
    return CARD_UID_RE.fullmatch(value) is not None


def mask_uid(uid: str) -> str:
    """For logs: only the last four characters of a card uid."""
    return "…" + uid[-4:] if len(uid) > 4 else "…"


@dataclass(frozen=True, slots=True)
class Child:
    child_id: ChildId
    display_name: str
    friplads_pct: int
    payment_mode: PaymentMode
    balance_ore: int
    balance_applied_seq: int
    daily_limit_ore: int | None
    credit_limit_ore: int
    restrictions: frozenset[str]
    blocked: bool

    @property
    def first_name(self) -> str:
        return self.display_name.split(" ")[0] if self.display_name else ""


@dataclass(frozen=True, slots=True)
class Card:
    card_uid: CardUid
    child_id: ChildId | None
    status: CardStatus


@dataclass(frozen=True, slots=True)
class Product:
    product_id: ProductId
    name: str
    price_ore: int
    friplads_eligible: bool
    category: str
    barcode: str | None
    tags: frozenset[str]
    active: bool
    icon: str | None = None  # contract 1.1: a name from the kiosk's built-in picture set
    image_sha256: str | None = None  # contract 1.1: a picture from the finance side, by its bytes' SHA-256
