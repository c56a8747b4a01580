"""Which kind of identifier is this? The one decision for every code the kiosk reads.

A PC/SC reader's UID, a keyboard-wedge reader's typed card code, a serial or keyboard-wedge
scanner's barcode, a demo card typed by hand: all of them come here. Staff cards are checked
first (a staff card is never a child's card: ``assign_card`` refuses it), then children's cards,
then product barcodes and product codes; anything else is unknown (for a reader tap that is an
unknown card; in staff mode it may be a new card for a child).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from pos_app.domain.model import Card, Product, is_card_uid, normalise_card


class IdKind(StrEnum):
    STAFF_CARD = "staff_card"
    CHILD_CARD = "child_card"
    PRODUCT = "product"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Identifier:
    """What a code is. ``code`` is the card form (normalised) for cards, the code as read otherwise."""

    kind: IdKind
    code: str
    staff_id: str | None = None
    display_name: str | None = None  # the staff member's name (the PIN pad shows it)
    child_id: str | None = None  # a child's card (None for a card known but given to no child)
    product_id: str | None = None

    @property
    def card_like(self) -> bool:
        """Could this be a card (known or not)? Unknown codes in a card's form may be a new card."""
        return self.kind in (IdKind.STAFF_CARD, IdKind.CHILD_CARD) or (
            self.kind is IdKind.UNKNOWN and is_card_uid(self.code)
        )


def classify(raw: str, staff: tuple[str, str] | None, card: Card | None,
             find_product: Callable[[str], Product | None]) -> Identifier:  # fmt: skip
    """Staff card, child's card, product or unknown, in that order.

    ``staff`` (staff_id, display_name) and ``card``: what the ledger holds for ``raw`` in card form, read by
    the caller in one statement (``Ledger.identify_view``; both None when ``raw`` is not in card form)."""
    uid = normalise_card(raw)
    if is_card_uid(uid):
        if staff is not None:
            return Identifier(IdKind.STAFF_CARD, uid, staff_id=staff[0], display_name=staff[1])
        if card is not None:
            return Identifier(IdKind.CHILD_CARD, uid, child_id=card.child_id)
    product = find_product(raw.strip())
    if product is not None:
        return Identifier(IdKind.PRODUCT, raw.strip(), product_id=product.product_id)
    return Identifier(IdKind.UNKNOWN, uid if is_card_uid(uid) else raw.strip())
