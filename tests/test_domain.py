"""Domain rules: money, friplads pricing, checkout decisions, the hash chain (hypothesis for the maths)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.checkout import Decline, SpendingState, check_card, check_payment, check_product
from pos_app.domain.journal import GENESIS_HASH, chain_hash, verify_chain
from pos_app.domain.model import (
    Card,
    CardUid,
    Child,
    ChildId,
    Product,
    ProductId,
    is_card_uid,
    normalise_card,
)
from pos_app.domain.money import Money, format_ore, parse_kroner, round_half_up_pct
from pos_app.domain.pricing import price_line, quote

ore = st.integers(min_value=0, max_value=10_000_000)
pct = st.integers(min_value=0, max_value=100)


def child(**kw) -> Child:
    base = dict(child_id=ChildId("c"), display_name="Alma H.", friplads_pct=0, payment_mode="prepaid",
                balance_ore=5000, balance_applied_seq=0, daily_limit_ore=None, credit_limit_ore=0,
                restrictions=frozenset(), blocked=False)  # fmt: skip
    base.update(kw)
    return Child(**base)


def product(price: int = 1500, eligible: bool = True, tags=(), active: bool = True) -> Product:
    return Product(ProductId("p"), "Toast", price, eligible, "food", None, frozenset(tags), active)


def state(balance=5000, spent=0, offline_spent=0, offline=False, cap=None) -> SpendingState:
    return SpendingState(balance, spent, offline_spent, offline, cap)


# --- money ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "text"),
    [(1250, "12,50 kr"), (123400, "1.234,00 kr"), (0, "0,00 kr"), (-50, "-0,50 kr"), (100000000, "1.000.000,00 kr")],
)
def test_money_formats_danish(value, text):
    assert format_ore(value) == text
    assert str(Money(value)) == text


def test_money_refuses_floats_and_bools():
    with pytest.raises(TypeError):
        Money(12.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money(True)
    with pytest.raises(TypeError):
        format_ore(1.0)  # type: ignore[arg-type]


@given(st.integers(min_value=-10**9, max_value=10**9))
def test_money_format_parse_round_trip(value):
    assert parse_kroner(format_ore(value), allow_negative=True) == value


@given(ore, ore)
def test_money_arithmetic_stays_int(a, b):
    total = Money(a) + Money(b) - Money(b)
    assert total == Money(a) and type(total.ore) is int


@given(ore, pct)
def test_round_half_up_matches_exact_rational_rounding(amount, p):
    from fractions import Fraction

    exact = Fraction(amount * p, 100)
    expected = int(exact) + (1 if exact - int(exact) >= Fraction(1, 2) else 0)
    assert round_half_up_pct(amount, p) == expected


def test_round_half_up_examples():
    assert round_half_up_pct(1500, 50) == 750
    assert round_half_up_pct(5, 50) == 3  # 2.5 -> 3 (half up, not banker's)
    assert round_half_up_pct(333, 33) == 110  # 109.89 -> 110


# --- pricing -------------------------------------------------------------------------------------
@given(st.integers(min_value=0, max_value=1_000_000), st.integers(min_value=1, max_value=99), pct, st.booleans())
def test_pricing_line_gross_is_subsidy_plus_net(price, qty, p, eligible):
    line = price_line(product(price, eligible), qty, p)
    assert line.gross_ore == price * qty
    assert line.gross_ore == line.subsidy_ore + line.net_ore
    assert 0 <= line.net_ore <= line.gross_ore
    if not eligible:
        assert line.subsidy_ore == 0


@given(st.lists(st.tuples(st.integers(0, 100_000), st.integers(1, 99), st.booleans()), max_size=20), pct)
def test_pricing_totals_are_sums_of_lines(items, p):
    q = quote([(product(price, elig), qty) for price, qty, elig in items], p)
    assert q.gross_ore == sum(line.gross_ore for line in q.lines)
    assert q.subsidy_ore == sum(line.subsidy_ore for line in q.lines)
    assert q.net_ore == sum(line.net_ore for line in q.lines)
    assert q.gross_ore == q.subsidy_ore + q.net_ore


def test_quote_full_friplads_pays_nothing_for_eligible_only():
    q = quote([(product(1500, True), 2), (product(500, False), 1)], 100)
    assert (q.gross_ore, q.subsidy_ore, q.net_ore) == (3500, 3000, 500)


# --- cards ---------------------------------------------------------------------------------------
def test_card_normalise_and_validate():
    assert normalise_card("04:a1:b2 c3-d4e5f6") == "04A1B2C3D4E5F6"
    assert is_card_uid("04A1B2C3D4E5F6") and is_card_uid("BARN01") and is_card_uid("DEADBEEF")
    assert not is_card_uid("ABC") and not is_card_uid("") and not is_card_uid("ÆØÅ123")


def test_check_card_each_reason():
    c = child()
    active = Card(CardUid("BARN01"), ChildId("c"), "active")
    assert check_card(None, None) == Decline.UNKNOWN_CARD
    assert check_card(Card(CardUid("BARN01"), None, "active"), None) == Decline.UNKNOWN_CARD
    assert check_card(Card(CardUid("BARN01"), ChildId("c"), "lost"), c) == Decline.CARD_LOST
    assert check_card(Card(CardUid("BARN01"), ChildId("c"), "blocked"), c) == Decline.CARD_BLOCKED
    assert check_card(active, child(blocked=True)) == Decline.CHILD_BLOCKED
    assert check_card(active, c) is None


def test_check_product_restricted_and_inactive():
    no_sugar = child(restrictions=frozenset({"sugar"}))
    assert check_product(no_sugar, product(tags=["sugar"])) == Decline.RESTRICTED_PRODUCT
    assert check_product(child(), product(active=False)) == Decline.INACTIVE_PRODUCT
    assert check_product(child(restrictions=frozenset({"nuts"})), product(tags=["sugar"])) is None


# --- payment -------------------------------------------------------------------------------------
def test_payment_empty_basket_first():
    assert check_payment(child(), 0, True, state(balance=0)) == Decline.EMPTY_BASKET


def test_payment_prepaid_may_reach_zero_not_below():
    assert check_payment(child(), 5000, False, state(balance=5000)) is None
    assert check_payment(child(), 5001, False, state(balance=5000)) == Decline.INSUFFICIENT_FUNDS


def test_payment_account_down_to_credit_limit():
    acc = child(payment_mode="account", credit_limit_ore=10000)
    assert check_payment(acc, 10000, False, state(balance=0)) is None
    assert check_payment(acc, 10001, False, state(balance=0)) == Decline.INSUFFICIENT_FUNDS


def test_payment_daily_limit_reaching_exactly_is_fine():
    c = child(daily_limit_ore=2000)
    assert check_payment(c, 500, False, state(spent=1500)) is None
    assert check_payment(c, 501, False, state(spent=1500)) == Decline.DAILY_LIMIT


def test_payment_offline_cap_only_while_offline():
    c = child()
    assert check_payment(c, 600, False, state(offline_spent=500, offline=True, cap=1000)) == Decline.OFFLINE_LIMIT
    assert check_payment(c, 500, False, state(offline_spent=500, offline=True, cap=1000)) is None
    assert check_payment(c, 600, False, state(offline_spent=500, offline=False, cap=1000)) is None
    assert check_payment(c, 600, False, state(offline_spent=500, offline=True, cap=None)) is None


def test_payment_reason_order_insufficient_before_daily_before_offline():
    c = child(daily_limit_ore=100)
    assert check_payment(c, 9999, False, state(balance=10, offline=True, cap=0)) == Decline.INSUFFICIENT_FUNDS
    assert check_payment(c, 200, False, state(balance=5000, offline=True, cap=0)) == Decline.DAILY_LIMIT


# --- hash chain ----------------------------------------------------------------------------------
def _chain(n: int) -> list[dict]:
    items, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        item = {"seq": seq, "txn_id": f"t{seq}", "net_ore": seq * 100, "note": "æøå", "prev_hash": prev}
        item["hash"] = chain_hash(item)
        prev = item["hash"]
        items.append(item)
    return items


def test_chain_hash_matches_the_contract_formula():
    import hashlib
    import json

    item = {"seq": 1, "prev_hash": GENESIS_HASH, "note": "Æble", "lines": []}
    body = json.dumps(item, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert chain_hash(item) == hashlib.sha256((GENESIS_HASH + body).encode()).hexdigest()
    assert chain_hash({**item, "hash": "x"}) == chain_hash(item)  # "hash" itself is left out


@given(st.integers(min_value=1, max_value=30), st.data())
def test_chain_detects_any_edit_removal_or_head_change(n, data):
    items = _chain(n)
    assert verify_chain(items, n, items[-1]["hash"]) is None
    k = data.draw(st.integers(min_value=0, max_value=n - 1))
    edited = [dict(i) for i in items]
    edited[k]["net_ore"] += 1
    assert verify_chain(edited, n, items[-1]["hash"]).seq == k + 1
    removed = items[:k] + items[k + 1 :]
    assert verify_chain(removed, n, items[-1]["hash"]).seq == k + 1
    assert verify_chain(items[:-1], n, items[-1]["hash"]).seq == n


@given(st.integers(min_value=1, max_value=30), st.data())
def test_chain_with_a_lagging_head_must_reach_it_and_may_go_on(n, data):
    items = _chain(n)
    h = data.draw(st.integers(min_value=0, max_value=n))  # the head recorded after h rows
    head_hash = items[h - 1]["hash"] if h else GENESIS_HASH
    assert verify_chain(items, h, head_hash, head_may_lag=True) is None
    if h < n:
        assert verify_chain(items, h, head_hash).seq == h + 1  # without lag: rows after the head are wrong
    if h:
        cut = data.draw(st.integers(min_value=0, max_value=h - 1))  # the end removed up to the head
        problem = verify_chain(items[:cut], h, head_hash, head_may_lag=True)
        assert problem is not None and problem.seq == cut + 1
        assert verify_chain(items, h, "f" * 64, head_may_lag=True) is not None  # another chain's head
