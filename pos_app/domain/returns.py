"""The contract's rules for undoing a sale: a void (the whole sale) and a refund (whole lines).

Only sales can be undone; a voided sale cannot be voided again or refunded; a sale with a refund
cannot be voided (refund the other lines instead); a line is refunded at most once, exactly as sold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class ReturnRefusal(StrEnum):
    UNKNOWN_TXN = "unknown_txn"
    NOT_A_SALE = "not_a_sale"
    ALREADY_VOIDED = "already_voided"
    ALREADY_REFUNDED = "already_refunded"
    LINE_NOT_IN_SALE = "line_not_in_sale"
    BAD_LINES = "bad_lines"


@dataclass(frozen=True, slots=True)
class Booked:
    """A transaction as the journal has it, as far as these rules need it."""

    kind: str
    lines: Sequence[Mapping[str, Any]]


def _refusal(sale: Booked | None, returns: Sequence[Booked]) -> ReturnRefusal | None:
    if sale is None:
        return ReturnRefusal.UNKNOWN_TXN
    if sale.kind != "sale":
        return ReturnRefusal.NOT_A_SALE
    if any(r.kind == "void" for r in returns):
        return ReturnRefusal.ALREADY_VOIDED
    return None


def check_void(sale: Booked | None, returns: Sequence[Booked]) -> ReturnRefusal | None:
    """Why ``sale`` (with the voids and refunds that refer to it) cannot be voided, or None."""
    refused = _refusal(sale, returns)
    if refused is None and returns:
        return ReturnRefusal.ALREADY_REFUNDED
    return refused


def refund_lines(sale: Booked | None, returns: Sequence[Booked],
                 product_ids: Sequence[str]) -> list[Mapping[str, Any]] | ReturnRefusal:  # fmt: skip
    """The sale's lines for ``product_ids``, each exactly as it was sold, or why they cannot be refunded."""
    if not product_ids or len(set(product_ids)) != len(product_ids):
        return ReturnRefusal.BAD_LINES
    refused = _refusal(sale, returns)
    if refused is not None:
        return refused
    assert sale is not None
    by_product = {line["product_id"]: line for line in sale.lines}
    if any(pid not in by_product for pid in product_ids):
        return ReturnRefusal.LINE_NOT_IN_SALE
    refunded = {line["product_id"] for r in returns for line in r.lines}
    if any(pid in refunded for pid in product_ids):
        return ReturnRefusal.ALREADY_REFUNDED
    return [by_product[pid] for pid in product_ids]


def refundable_products(sale: Booked, returns: Sequence[Booked]) -> list[str]:
    """The product ids of ``sale`` that can still be refunded (for the staff screen's check boxes)."""
    if _refusal(sale, returns) is not None:
        return []
    refunded = {line["product_id"] for r in returns for line in r.lines}
    return [str(line["product_id"]) for line in sale.lines if line["product_id"] not in refunded]
