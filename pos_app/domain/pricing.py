"""Pricing: a pure function of basket + child -> quote (gross, subsidy, net per line)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .model import Product, ProductId
from .money import round_half_up_pct


@dataclass(frozen=True, slots=True)
class QuoteLine:
    product_id: ProductId
    qty: int
    unit_price_ore: int
    gross_ore: int
    subsidy_ore: int
    net_ore: int

    def as_contract(self) -> dict[str, object]:
        return {
            "product_id": self.product_id,
            "qty": self.qty,
            "unit_price_ore": self.unit_price_ore,
            "gross_ore": self.gross_ore,
            "subsidy_ore": self.subsidy_ore,
            "net_ore": self.net_ore,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    lines: tuple[QuoteLine, ...]
    gross_ore: int
    subsidy_ore: int
    net_ore: int


def price_line(product: Product, qty: int, friplads_pct: int) -> QuoteLine:
    if type(qty) is not int or qty < 1:
        raise ValueError("qty must be a positive int")
    gross = product.price_ore * qty
    subsidy = round_half_up_pct(gross, friplads_pct) if product.friplads_eligible else 0
    return QuoteLine(product.product_id, qty, product.price_ore, gross, subsidy, gross - subsidy)


def quote(items: Iterable[tuple[Product, int]], friplads_pct: int) -> Quote:
    """Price each (product, qty); totals are the sums of the lines."""
    lines = tuple(price_line(p, q, friplads_pct) for p, q in items)
    return Quote(
        lines,
        sum(line.gross_ore for line in lines),
        sum(line.subsidy_ore for line in lines),
        sum(line.net_ore for line in lines),
    )
