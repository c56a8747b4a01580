"""Domain rules the staff side uses: Danish amounts, void and refund, the offline test, the journal item."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_app.domain.clock import is_offline
from pos_app.domain.journal import new_item
from pos_app.domain.money import AmountError, format_ore, parse_kroner
from pos_app.domain.returns import Booked, ReturnRefusal, check_void, refund_lines, refundable_products


@pytest.mark.parametrize(("text", "ore"), [
    ("1.000,50", 100050), ("1.000", 100000), ("12,5", 1250), ("12,50", 1250), ("12", 1200), ("0,50", 50),
    ("1.234.567,89", 123456789), ("  20,50 kr ", 2050), ("50 kr", 5000), ("1000", 100000), ("0", 0),
])  # fmt: skip
def test_parse_kroner_danish_forms(text, ore):
    assert parse_kroner(text) == ore


@pytest.mark.parametrize(("text", "reason"), [
    ("1.5", "ambiguous"), ("1.00", "ambiguous"), ("12,505", "ambiguous"), ("1,000.50", "ambiguous"),
    ("1.000.00", "ambiguous"), ("12,5055", "too_many_decimals"), ("", "empty"), ("  kr", "empty"),
    ("abc", "malformed"), ("12,", "malformed"), (",5", "malformed"), ("1e3", "malformed"), ("12.5,0", "ambiguous"),
    ("-5", "negative"), ("- 12,50", "negative"), ("10.000.000,01", "too_large"), ("1 000", "malformed"),
])  # fmt: skip
def test_parse_kroner_refuses_what_could_mean_two_things(text, reason):
    with pytest.raises(AmountError) as err:
        parse_kroner(text)
    assert err.value.reason == reason
    assert isinstance(err.value, ValueError)


def test_parse_kroner_negative_only_when_allowed():
    assert parse_kroner("-12,50", allow_negative=True) == -1250
    assert parse_kroner("-1.000", allow_negative=True) == -100000


@given(st.integers(min_value=0, max_value=10**9))
def test_parse_kroner_reads_what_format_ore_writes(ore):
    assert parse_kroner(format_ore(ore)) == ore
    assert parse_kroner(format_ore(ore).removesuffix(" kr")) == ore


@given(st.integers(min_value=0, max_value=10**7 - 1), st.integers(min_value=0, max_value=99))
def test_parse_kroner_plain_and_one_decimal(kroner, ore):
    assert parse_kroner(f"{kroner},{ore:02d}") == kroner * 100 + ore
    if ore % 10 == 0:
        assert parse_kroner(f"{kroner},{ore // 10}") == kroner * 100 + ore


@given(st.text(alphabet="0123456789.,- kr", max_size=12))
def test_parse_kroner_never_crashes_and_returns_int(text):
    try:
        value = parse_kroner(text, allow_negative=True)
    except AmountError as exc:
        assert exc.reason in {"empty", "malformed", "ambiguous", "too_many_decimals", "too_large"}
    else:
        assert type(value) is int


SALE = Booked("sale", [{"product_id": "toast", "qty": 2, "net_ore": 2000}, {"product_id": "juice", "net_ore": 500}])


def test_returns_void_rules():
    assert check_void(SALE, []) is None
    assert check_void(None, []) is ReturnRefusal.UNKNOWN_TXN
    assert check_void(Booked("topup_cash", []), []) is ReturnRefusal.NOT_A_SALE
    assert check_void(SALE, [Booked("void", SALE.lines)]) is ReturnRefusal.ALREADY_VOIDED
    assert check_void(SALE, [Booked("refund", [SALE.lines[1]])]) is ReturnRefusal.ALREADY_REFUNDED


def test_returns_refund_rules():
    assert refund_lines(SALE, [], ["juice"]) == [SALE.lines[1]]  # the line exactly as sold
    assert refund_lines(SALE, [], []) is ReturnRefusal.BAD_LINES
    assert refund_lines(SALE, [], ["juice", "juice"]) is ReturnRefusal.BAD_LINES
    assert refund_lines(SALE, [], ["pizza"]) is ReturnRefusal.LINE_NOT_IN_SALE
    assert refund_lines(SALE, [Booked("refund", [SALE.lines[1]])], ["juice"]) is ReturnRefusal.ALREADY_REFUNDED
    assert refund_lines(SALE, [Booked("refund", [SALE.lines[1]])], ["toast"]) == [SALE.lines[0]]
    assert refund_lines(SALE, [Booked("void", SALE.lines)], ["toast"]) is ReturnRefusal.ALREADY_VOIDED
    assert refund_lines(None, [], ["toast"]) is ReturnRefusal.UNKNOWN_TXN
    assert refundable_products(SALE, [Booked("refund", [SALE.lines[1]])]) == ["toast"]
    assert refundable_products(SALE, [Booked("void", SALE.lines)]) == []


def test_offline_is_one_rule():
    now = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)
    assert is_offline(None, now, 900)
    assert not is_offline(now - timedelta(seconds=900), now, 900)
    assert is_offline(now - timedelta(seconds=901), now, 900)


def test_new_item_has_the_contract_fields_and_a_bounded_note():
    item = new_item(kind="topup_cash", child_id="c-01", card_uid=None, staff_id="s-1",
                    occurred_at="2026-11-25T14:00:00.000+01:00", business_date="2026-11-25", lines=[],
                    gross_ore=100, subsidy_ore=0, net_ore=100, balance_delta_ore=100, friplads_pct=0,
                    refers_to=None, note="x" * 600, offline=True)  # fmt: skip
    assert len(item["txn_id"]) == 36 and len(item["note"]) == 500
    assert new_item(**{**item, "note": ""})["note"] is None
