"""The purchase's hot path on a real SQLite file: the checkout's held connection, one write transaction
straight on sqlite3 (``storage.db.immediate``) that SQLAlchemy work joins, and a tap that reads once after
``identify`` unless another connection committed in between."""

from __future__ import annotations

import os
import sqlite3
import time
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import event, text

from pos_app.domain.journal import new_txn_id
from pos_app.services.checkout import Approved, CheckoutService, CheckoutSettings, Identified
from pos_app.services.identify import IdKind
from pos_app.storage.db import immediate


def _traced(engine) -> list[str]:
    """Every statement of every connection the engine opens from now on (the checkout's held one too)."""
    statements: list[str] = []

    @event.listens_for(engine, "connect")
    def _trace(dbapi_conn, _record) -> None:
        dbapi_conn.set_trace_callback(statements.append)

    engine.dispose()
    return statements


def test_identify_then_tap_reads_the_ledger_once(demo_engine, clock):
    statements = _traced(demo_engine)
    co = CheckoutService(demo_engine, clock, CheckoutSettings(offline_after_s=10**9))
    assert co.identify("BARN02").kind is IdKind.CHILD_CARD  # first use: connection, catalogue
    assert isinstance(co.tap("BARN02"), Identified)
    statements.clear()
    found = co.identify("BARN01")
    assert found.kind is IdKind.CHILD_CARD and found.child_id is not None
    # one read transaction: data_version and the one read from the same snapshot
    assert [s.split()[0] for s in statements] == ["BEGIN", "PRAGMA", "SELECT", "COMMIT"]
    assert statements[0] == "BEGIN"  # deferred: no write lock
    statements.clear()
    tapped = co.tap("BARN01")
    assert isinstance(tapped, Identified) and tapped.child_id == found.child_id
    assert statements == ["PRAGMA data_version"]  # nobody committed since: what identify read is current


def test_tap_reads_again_when_another_connection_committed_after_identify(demo_engine, db_path, clock):
    co = CheckoutService(demo_engine, clock, CheckoutSettings(offline_after_s=10**9))
    found = co.identify("BARN01")
    first = co.tap("BARN01")
    assert isinstance(first, Identified)
    clock.set(clock.now() + timedelta(seconds=5))  # not a repeated read of the same tap
    assert co.identify("BARN01").kind is IdKind.CHILD_CARD
    other = sqlite3.connect(db_path, isolation_level=None)  # e.g. the sync engine applying a snapshot
    try:
        other.execute("UPDATE children SET balance_ore = balance_ore + 1000 WHERE child_id = ?", (found.child_id,))
    finally:
        other.close()
    again = co.tap("BARN01")
    assert isinstance(again, Identified) and again.balance_ore == first.balance_ore + 1000


def test_pay_uses_the_taps_read_when_nobody_committed_since(demo_engine, clock):
    statements = _traced(demo_engine)
    co = CheckoutService(demo_engine, clock, CheckoutSettings(offline_after_s=10**9))
    assert co.pay().event == "error"  # first use: nothing to pay
    first = co.tap("BARN01")
    assert isinstance(first, Identified)
    assert co.add("toast").event == "added"
    assert co.pay().event == "approved"  # the first sale of the day opens it: not the fast path
    clock.set(clock.now() + timedelta(seconds=5))
    tapped = co.tap("BARN01")
    assert co.add("toast").event == "added"
    statements.clear()
    paid = co.pay()
    assert isinstance(paid, Approved) and paid.balance_ore == tapped.balance_ore - 1500
    kinds = [s.split()[0] for s in statements]
    # no second read of the child: the pragma says nothing changed since the tap; the row is the head
    assert kinds == ["BEGIN", "PRAGMA", "INSERT", "COMMIT"], statements


def test_a_read_ahead_is_not_used_after_a_sale_on_the_same_connection(demo_engine, clock):
    """identify() reads ahead for the tap that follows; a sale committed on the checkout's own connection
    in between (which PRAGMA data_version does not count) makes that read stale: the tap and the payment
    after it read again, show the balance after that sale and append after it."""
    co = CheckoutService(demo_engine, clock, CheckoutSettings(offline_after_s=10**9))
    co.tap("BARN02")
    co.add("toast")
    assert co.pay().event == "approved"  # the day is open
    clock.set(clock.now() + timedelta(seconds=5))
    assert isinstance(co.tap("BARN01"), Identified)
    co.add("toast")
    found = co.identify("BARN01")  # the card read again while the basket is open
    first = co.pay()  # the pending payment goes first
    assert isinstance(first, Approved)
    clock.set(clock.now() + timedelta(seconds=5))
    tapped = co.act_on(found)
    assert isinstance(tapped, Identified) and tapped.balance_ore == first.balance_ore
    co.add("toast")
    second = co.pay()
    assert isinstance(second, Approved), second
    assert second.seq == first.seq + 1 and second.balance_ore == first.balance_ore - 1500


@pytest.mark.parametrize("change", ["balance", "blocked", "day closed", "sale elsewhere"])
def test_pay_reads_again_when_another_connection_committed_after_the_tap(demo_engine, db_path, clock, change):
    """Between the tap and "Betal" a sync (or staff on another connection) changed what paying decides
    on: paying sees it, never the tap's stale read."""
    co = CheckoutService(demo_engine, clock, CheckoutSettings(offline_after_s=10**9))
    co.tap("BARN01")
    co.add("toast")
    assert co.pay().event == "approved"  # the day is open now
    clock.set(clock.now() + timedelta(seconds=5))
    tapped = co.tap("BARN01")
    assert isinstance(tapped, Identified)
    co.add("toast")
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        if change == "balance":
            other.execute("UPDATE children SET balance_ore = balance_ore + 1000 WHERE child_id = 'c-01'")
        elif change == "blocked":
            other.execute("UPDATE children SET blocked = 1 WHERE child_id = 'c-01'")
        elif change == "day closed":
            other.execute("UPDATE business_days SET closed_at = '2026-11-25T16:00:00+00:00', z_number = 1")
        else:  # any commit by another connection, even one that changes nothing paying reads
            other.execute("UPDATE kiosk_state SET heard_seq = heard_seq")
    finally:
        other.close()
    paid = co.pay()
    if change == "blocked":
        assert paid.event == "declined" and paid.reason.value == "child_blocked"
        return
    assert isinstance(paid, Approved), paid
    if change == "balance":
        assert paid.balance_ore == tapped.balance_ore + 1000 - 1500
    if change == "day closed":  # a new day was opened for the sale, after the closed one
        with demo_engine.connect() as conn:
            days = conn.execute(text("SELECT count(*), sum(closed_at IS NULL) FROM business_days")).one()
        assert tuple(days) == (2, 1)


def test_identify_tells_staff_cards_products_and_unknown_codes_apart(demo_engine, clock):
    co = CheckoutService(demo_engine, clock, CheckoutSettings(offline_after_s=10**9))
    staff = co.identify("04aabbccdd0001")
    assert (staff.kind, staff.code, staff.staff_id, staff.display_name) == (
        IdKind.STAFF_CARD, "04AABBCCDD0001", "s-1", "Mette")  # fmt: skip
    assert co.identify("toast").kind is IdKind.PRODUCT
    assert co.identify("04FFFFFFFF0001").kind is IdKind.UNKNOWN and co.identify("04FFFFFFFF0001").card_like
    assert co.identify("no such thing").kind is IdKind.UNKNOWN
    # a staff card never opens a child's session from a read-ahead
    assert co.tap("04AABBCCDD0001").event == "declined"


def _figures(db_path) -> tuple[int, int]:
    db = sqlite3.connect(db_path)
    try:
        heard = db.execute("SELECT heard_seq FROM kiosk_state WHERE id = 1").fetchone()[0]
        balance = db.execute("SELECT balance_ore FROM children WHERE child_id = 'c-01'").fetchone()[0]
        return int(heard), int(balance)
    finally:
        db.close()


def test_immediate_commits_raw_and_sqlalchemy_work_together_or_neither(demo_engine, db_path):
    before = _figures(db_path)
    with demo_engine.connect() as conn:
        with pytest.raises(ZeroDivisionError):
            with immediate(conn) as raw:
                raw.execute("UPDATE kiosk_state SET heard_seq = heard_seq + 7 WHERE id = 1")
                conn.execute(text("UPDATE children SET balance_ore = balance_ore + 5 WHERE child_id = 'c-01'"))
                _ = 1 / 0
        assert not conn.in_transaction() and not raw.in_transaction
        assert _figures(db_path) == before  # neither the raw nor the SQLAlchemy write was kept
        with immediate(conn) as raw:
            raw.execute("UPDATE kiosk_state SET heard_seq = heard_seq + 7 WHERE id = 1")
            conn.execute(text("UPDATE children SET balance_ore = balance_ore + 5 WHERE child_id = 'c-01'"))
        assert not conn.in_transaction() and not raw.in_transaction
        assert _figures(db_path) == (before[0] + 7, before[1] + 5)
        with immediate(conn) as raw:  # raw work alone commits with COMMIT
            raw.execute("UPDATE kiosk_state SET heard_seq = heard_seq + 1 WHERE id = 1")
        assert _figures(db_path) == (before[0] + 8, before[1] + 5)
        with conn.begin(), pytest.raises(RuntimeError):  # never inside another transaction
            with immediate(conn):
                pass


def test_a_sale_with_its_receipt_queued_is_one_transaction(demo_engine, db_path, clock):
    """The receipt hook writes through SQLAlchemy on the checkout's connection: it joins the sale's
    transaction, so a failing hook leaves neither the sale nor the receipt."""
    calls: list[int] = []

    def on_sale(conn, item, _name, _balance) -> None:
        conn.execute(text("UPDATE kiosk_state SET heard_seq = heard_seq + 1 WHERE id = 1"))
        calls.append(item["seq"])
        if len(calls) == 2:
            raise RuntimeError("printer queue broken")

    co = CheckoutService(demo_engine, clock, CheckoutSettings(offline_after_s=10**9), on_sale=on_sale)
    heard, _ = _figures(db_path)
    co.tap("BARN01")
    co.add("toast")
    assert isinstance(co.pay(), Approved)
    assert _figures(db_path)[0] == heard + 1
    clock.set(clock.now() + timedelta(seconds=5))
    co.tap("BARN01")
    co.add("toast")
    with pytest.raises(RuntimeError):
        co.pay()
    db = sqlite3.connect(db_path)
    try:
        assert db.execute("SELECT count(*) FROM journal").fetchone()[0] == 1  # the second sale was not kept
    finally:
        db.close()
    assert _figures(db_path)[0] == heard + 1
    clock.set(clock.now() + timedelta(seconds=5))
    co.tap("BARN01")
    co.add("toast")
    third = co.pay()  # the held connection is usable again
    assert isinstance(third, Approved) and third.seq == 2


def test_txn_ids_are_time_ordered_uuid7_and_a_forked_child_draws_its_own():
    before = time.time_ns() // 1_000_000
    ids = [new_txn_id() for _ in range(20_000)]
    after = time.time_ns() // 1_000_000
    assert len(set(ids)) == len(ids)
    for txn_id in ids[:500]:
        parsed = uuid.UUID(txn_id)
        assert str(parsed) == txn_id and parsed.version == 7 and parsed.variant == uuid.RFC_4122
        assert before <= parsed.int >> 80 <= after  # 48 bits of Unix milliseconds first
    # time-ordered: ids of different milliseconds sort by time (within one, by their random bits)
    assert [uuid.UUID(i).int >> 80 for i in sorted(ids)] == sorted(uuid.UUID(i).int >> 80 for i in ids)

    def random_bits(txn_id: str) -> int:  # what comes from the pool: all but the time, version and variant
        return uuid.UUID(txn_id).int & ((1 << 62) - 1)

    new_txn_id()  # the pool holds bytes now: a child that reused them would draw the parent's next id
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: its next id, then out at once
        os.write(write_end, new_txn_id().encode())
        os._exit(0)
    os.close(write_end)
    os.waitpid(pid, 0)
    child_id = os.read(read_end, 64).decode()
    os.close(read_end)
    assert uuid.UUID(child_id).version == 7 and random_bits(child_id) != random_bits(new_txn_id())
