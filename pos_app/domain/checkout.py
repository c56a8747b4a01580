"""Checkout rules: approve, or decline with exactly one reason."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .model import Card, Child, Product


class Decline(StrEnum):
    UNKNOWN_CARD = "unknown_card"
    CARD_BLOCKED = "card_blocked"
    CARD_LOST = "card_lost"
    CARD_NOT_GENUINE = "card_not_genuine"  # secure cards: the card failed authentication (a copy, another club's)
    CHILD_BLOCKED = "child_blocked"
    INSUFFICIENT_FUNDS = "insufficient_funds"
    DAILY_LIMIT = "daily_limit"
    OFFLINE_LIMIT = "offline_limit"
    RESTRICTED_PRODUCT = "restricted_product"
    INACTIVE_PRODUCT = "inactive_product"
    EMPTY_BASKET = "empty_basket"


def check_card(card: Card | None, child: Child | None) -> Decline | None:
    """Can this card start a child's session? The first reason that applies, or None."""
    if card is None or card.child_id is None or child is None:
        return Decline.UNKNOWN_CARD
    if card.status == "lost":
        return Decline.CARD_LOST
    if card.status == "blocked":
        return Decline.CARD_BLOCKED
    if child.blocked:
        return Decline.CHILD_BLOCKED
    return None


def check_product(child: Child, product: Product) -> Decline | None:
    """May this child put this product in the basket?"""
    if not product.active:
        return Decline.INACTIVE_PRODUCT
    if product.tags & child.restrictions:
        return Decline.RESTRICTED_PRODUCT
    return None


@dataclass(frozen=True, slots=True)
class SpendingState:
    """What the ledger knows about the child at the moment of paying (all øre)."""

    balance_ore: int
    spent_today_ore: int  # net of this kiosk's sales minus refunds/voids this business day
    offline_spent_today_ore: int  # net of the child's sales made offline this business day
    offline: bool  # the last successful sync is too old (or there was none)
    offline_cap_ore: int | None  # None: no offline cap configured


def daily_left_ore(child: Child, state: SpendingState) -> int | None:
    """What the child's daily limit still allows today (never below 0); None without a limit."""
    if child.daily_limit_ore is None:
        return None
    return max(0, child.daily_limit_ore - state.spent_today_ore)


def spending_room_ore(child: Child, state: SpendingState) -> int:
    """The most the child can pay right now: the tightest of balance (and credit), daily limit and the
    offline cap. A basket whose net is at most this passes ``check_payment``'s money rules."""
    floor = -child.credit_limit_ore if child.payment_mode == "account" else 0
    room = state.balance_ore - floor
    daily = daily_left_ore(child, state)
    if daily is not None:
        room = min(room, daily)
    if state.offline and state.offline_cap_ore is not None:
        room = min(room, state.offline_cap_ore - state.offline_spent_today_ore)
    return max(0, room)


def check_payment(child: Child, basket_net_ore: int, basket_empty: bool, state: SpendingState) -> Decline | None:
    """The first that applies of empty_basket, insufficient_funds, daily_limit, offline_limit."""
    if basket_empty:
        return Decline.EMPTY_BASKET
    floor = -child.credit_limit_ore if child.payment_mode == "account" else 0
    if state.balance_ore - basket_net_ore < floor:
        return Decline.INSUFFICIENT_FUNDS
    if child.daily_limit_ore is not None and state.spent_today_ore + basket_net_ore > child.daily_limit_ore:
        return Decline.DAILY_LIMIT
    if (
        state.offline
        and state.offline_cap_ore is not None
        and state.offline_spent_today_ore + basket_net_ore > state.offline_cap_ore
    ):
        return Decline.OFFLINE_LIMIT
    return None
