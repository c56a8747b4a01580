"""Why the hub rejects a transaction (contract 1.1 rules 3 and 9): the first code that applies, in
the order ``unknown_child``, ``unknown_product``, ``unknown_card``, ``pricing``, ``refers_to``,
``card_reported_lost``, ``other``. Amount rules use ``pos_app.domain`` (one rounding function);
the refund/void rules are ``pos_app.domain.returns``."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pos_app.domain.model import mask_uid
from pos_app.domain.money import round_half_up_pct
from pos_app.domain.returns import Booked, check_void, refund_lines


@dataclass(frozen=True)
class Lookups:
    """What the rules need to know of the hub, as callables (the service passes database queries)."""

    child_known: Callable[[str], bool]
    product_known: Callable[[str], bool]
    card_known: Callable[[str], bool]
    # the accepted sale ``txn_id`` of this kiosk for this child, and the accepted returns naming it
    accepted_sale: Callable[[str, str], tuple[Mapping[str, Any], Sequence[Mapping[str, Any]]] | None]
    card_status_at: Callable[[str, str], str | None]


def pricing_problem(item: Mapping[str, Any]) -> str | None:
    kind, lines, pct = item["kind"], item["lines"], item["friplads_pct"]
    for i, line in enumerate(lines):
        gross = line["unit_price_ore"] * line["qty"]
        if line["gross_ore"] != gross:
            return f"line {i}: gross_ore is not unit_price_ore * qty"
        # eligibility may have changed since the sale: 0 or the rule's value (rule 9)
        if line["subsidy_ore"] not in (0, round_half_up_pct(gross, pct)):
            return f"line {i}: subsidy_ore is neither 0 nor the friplads rule's value"
        if line["net_ore"] != gross - line["subsidy_ore"]:
            return f"line {i}: net_ore is not gross_ore - subsidy_ore"
    delta = item["balance_delta_ore"]
    if kind in ("sale", "refund", "void"):
        if not lines:
            return f"a {kind} has lines"
        for total in ("gross_ore", "subsidy_ore", "net_ore"):
            if item[total] != sum(line[total] for line in lines):
                return f"{total} is not the sum of the lines"
        if delta != (-item["net_ore"] if kind == "sale" else item["net_ore"]):
            return "balance_delta_ore does not match net_ore"
    elif kind == "topup_cash":
        if lines or item["net_ore"] <= 0 or item["net_ore"] % 50 or item["gross_ore"] != item["net_ore"] \
                or item["subsidy_ore"]:
            return "a cash top-up is a positive multiple of 50 øre without lines"
        if delta != item["net_ore"]:
            return "balance_delta_ore does not match net_ore"
    elif kind == "adjustment":
        if lines or item["gross_ore"] or item["net_ore"] or item["subsidy_ore"]:
            return "an adjustment has no lines and zero amounts"
    return None


def _same_line(a: Mapping[str, Any], b: Mapping[str, Any]) -> bool:
    return dict(a) == dict(b)


def refers_to_problem(item: Mapping[str, Any], look: Lookups) -> str | None:
    kind = item["kind"]
    if kind not in ("refund", "void"):
        return None
    if item["refers_to"] is None:
        return f"a {kind} names the sale it undoes"
    found = look.accepted_sale(item["refers_to"], item["child_id"])
    if found is None:
        return f"{item['refers_to']} is no accepted sale of this kiosk and child"
    sale, returns = found
    booked = Booked(sale["kind"], sale["lines"])
    done = [Booked(r["kind"], r["lines"]) for r in returns]
    if item["friplads_pct"] != sale["friplads_pct"]:
        return "friplads_pct is not the sale's"
    if kind == "void":
        refused = check_void(booked, done)
        if refused is not None:
            return f"cannot void: {refused.value}"
        if len(item["lines"]) != len(sale["lines"]) or not all(
            _same_line(a, b) for a, b in zip(item["lines"], sale["lines"], strict=True)
        ):
            return "a void carries the sale's lines exactly"
        return None
    result = refund_lines(booked, done, [line["product_id"] for line in item["lines"]])
    if not isinstance(result, list):
        return f"cannot refund: {result.value}"
    if not all(_same_line(a, b) for a, b in zip(item["lines"], result, strict=True)):
        return "a refunded line is exactly as it was sold"
    return None


def rejection(item: Mapping[str, Any], look: Lookups) -> str | None:
    """The first rule-3 code that applies, then ``: `` and free text; None when the item is booked."""
    if not look.child_known(item["child_id"]):
        return f"unknown_child: {item['child_id']}"
    for line in item["lines"]:
        if not look.product_known(line["product_id"]):
            return f"unknown_product: {line['product_id']}"
    if item["card_uid"] is not None and not look.card_known(item["card_uid"]):
        return f"unknown_card: card {mask_uid(item['card_uid'])} is not known in this club"
    problem = pricing_problem(item)
    if problem:
        return f"pricing: {problem}"
    problem = refers_to_problem(item, look)
    if problem:
        return f"refers_to: {problem}"
    if item["kind"] == "sale" and item["card_uid"] is not None:
        status = look.card_status_at(item["card_uid"], item["occurred_at"])
        if status in ("lost", "blocked"):
            return f"card_reported_lost: the card was {status} at occurred_at"
    if item["kind"] not in ("refund", "void") and item["refers_to"] is not None:
        return f"other: a {item['kind']} refers to no transaction"
    return None
