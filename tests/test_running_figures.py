"""The running figures (pending delta, today's spending, today's offline sales) equal the sums over
the journal they replace: after any sequence of purchases, refunds, voids, top-ups, adjustments and
syncs, through the real services on a real SQLite file; and after migrating an 0006 or 0008 database."""

from __future__ import annotations

import copy
import itertools
import json
import shutil
import sqlite3
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from pos_app.domain.clock import SettableClock
from pos_app.domain.snapshot import parse_snapshot
from pos_app.services.checkout import CheckoutService, CheckoutSettings
from pos_app.services.demo import demo_snapshot
from pos_app.services.journal import running_figures_problem, verify_journal
from pos_app.services.snapshots import import_full_snapshot
from pos_app.services.staff import StaffService
from pos_app.storage.db import make_engine, open_ledger_db, upgrade
from pos_app.storage.ledger import Ledger

T0 = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)
CARDS = [f"BARN{i:02d}" for i in range(1, 21)]
PRODUCTS = ["toast", "juice", "milk", "apple", "water"]
_EXAMPLE = itertools.count()


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with the demo snapshot, copied for every example (migrating is slow)."""
    path = tmp_path_factory.mktemp("figures") / "template.sqlite"
    engine = open_ledger_db(path)
    import_full_snapshot(engine, demo_snapshot(), T0 - timedelta(hours=1))
    engine.dispose()
    return path


def journal_sums(engine) -> tuple[dict[str, int], dict[tuple[str, str], tuple[int, int]]]:
    """The definitions, in Python over the journal and the cached children."""
    ledger = Ledger()
    with engine.connect() as conn:
        applied = {c.child_id: c.balance_applied_seq for c in ledger.children(conn)}
        pending: dict[str, int] = dict.fromkeys(applied, 0)
        days: defaultdict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for item in ledger.journal(conn):
            child = item["child_id"]
            if child in applied and item["seq"] > applied[child]:
                pending[child] += item["balance_delta_ore"]
            day = days[(child, item["business_date"])]
            if item["kind"] == "sale":
                day[0] += item["net_ore"]
                day[1] += item["net_ore"] if item["offline"] else 0
            elif item["kind"] in ("refund", "void"):
                day[0] -= item["net_ore"]
    return pending, {k: (v[0], v[1]) for k, v in days.items()}


def assert_figures_equal_sums(engine) -> None:
    pending, days = journal_sums(engine)
    ledger = Ledger()
    with engine.connect() as conn:
        assert running_figures_problem(conn) is None
        for child in ledger.children(conn):
            assert ledger.balance(conn, child) == child.balance_ore + pending[child.child_id], child.child_id
        dates = {d for _c, d in days} | {"2026-11-20"}
        for child in ledger.children(conn):
            for d in dates:
                got = ledger.day_spending(conn, child.child_id, d)
                assert (got.spent_net_ore, got.offline_sales_net_ore) == days.get((child.child_id, d), (0, 0))


KIDS = st.integers(0, 7)  # few children, so that steps meet: prepaid, friplads, limits, account, blocked
purchase = st.tuples(st.just("purchase"), KIDS, st.lists(st.sampled_from(PRODUCTS), min_size=1,
                                                                        max_size=3))  # fmt: skip
refund = st.tuples(st.just("refund"), st.integers(0, 10_000), st.integers(0, 2))
void = st.tuples(st.just("void"), st.integers(0, 10_000))
topup = st.tuples(st.just("topup"), KIDS, st.integers(1, 40).map(lambda k: k * 50))
adjust = st.tuples(st.just("adjust"), KIDS, st.integers(-3000, 3000).filter(bool))
# A pull from the finance side: it has applied the journal up to some seq, for some children.
sync = st.tuples(st.just("sync"), st.sampled_from([0.0, 0.3, 0.7, 1.0]), st.booleans(),
                 st.lists(KIDS, min_size=1, max_size=4))
# The clock: minutes later (maybe offline by then), the next day, or back a day (a clock corrected).
clock_move = st.tuples(st.just("clock"), st.sampled_from([3, 20, 24 * 60, -24 * 60]))
steps = st.lists(st.one_of(purchase, purchase, refund, void, topup, adjust, sync, clock_move), max_size=30)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_running_figures_equal_the_journal_sums_after_any_sequence(template, tmp_path, steps):
    path = tmp_path / f"k{next(_EXAMPLE)}.sqlite"
    shutil.copy(template, path)
    engine = make_engine(path)
    clock = SettableClock()
    now = T0
    clock.set(now)
    cfg = CheckoutSettings(offline_after_s=10 * 60, offline_cap_ore=3000)
    checkout = CheckoutService(engine, clock, cfg)
    staff = StaffService(engine, clock, cfg)
    assert staff.login("04AABBCCDD0001", "1234").event == "staff_mode"
    snap = demo_snapshot()
    balances = {c["child_id"]: c["balance_ore"] for c in snap["children"]}
    sales: list[str] = []
    try:
        for step in steps:
            kind = step[0]
            if kind == "purchase":
                _, child, products = step
                checkout.cancel()
                checkout._last_tap = None  # a new tap even of the same card
                if checkout.tap(CARDS[child]).event == "identified":
                    for product in products:
                        checkout.add(product)
                    result = checkout.pay()
                    if result.event == "approved":
                        sales.append(result.txn_id)
            elif kind == "refund" and sales:
                txn = sales[step[1] % len(sales)]
                with engine.connect() as conn:
                    lines = conn.exec_driver_sql("SELECT lines FROM journal WHERE txn_id = ?", (txn,)).scalar_one()
                pids = [line["product_id"] for line in json.loads(lines)]
                staff.refund(txn, [pids[step[2] % len(pids)]], "test")
            elif kind == "void" and sales:
                staff.void(sales[step[1] % len(sales)], "test")
            elif kind == "topup":
                staff.topup_cash(f"c-{step[1] + 1:02d}", step[2])
            elif kind == "adjust":
                staff.adjust(f"c-{step[1] + 1:02d}", step[2], "test")
            elif kind == "sync":
                _, share, full, children = step
                with engine.connect() as conn:
                    head, _ = Ledger().head(conn)
                applied = int(head * share)
                doc = copy.deepcopy(snap)
                changed = []
                for rec in doc["children"]:
                    if full or int(rec["child_id"][2:]) - 1 in children:
                        rec["balance_applied_seq"] = applied
                        rec["balance_ore"] = balances[rec["child_id"]] - 7 * applied
                        changed.append(rec)
                if full:
                    import_full_snapshot(engine, doc, now)
                else:
                    doc["children"], doc["cards"], doc["products"], doc["staff"] = changed, [], [], []
                    with engine.begin() as conn:
                        Ledger().apply_incremental(conn, parse_snapshot(doc), now)
            elif kind == "clock":
                now += timedelta(minutes=step[1])
                clock.set(now)
            assert_figures_equal_sums(engine)
        assert verify_journal(engine).figures_problem is None
    finally:
        engine.dispose()


def _old_ledger(path: Path, revision: str, children: list[tuple[str, int, int]],
                rows: list[tuple[int, str, str, str, int, int, int]]):
    """A ledger at ``revision`` with these children (id, balance, applied seq) and journal rows (seq, kind,
    child, date, net, delta, offline) written straight into its tables, as an older kiosk left them."""
    engine = make_engine(path)
    upgrade(engine, revision)
    con = sqlite3.connect(path)
    con.executemany(
        "INSERT INTO children (child_id, display_name, friplads_pct, payment_mode, balance_ore, balance_applied_seq,"
        " daily_limit_ore, credit_limit_ore, restrictions, blocked) VALUES (?, 'X', 0, 'prepaid', ?, ?, NULL, 0,"
        " '[]', 0)",
        children,
    )  # fmt: skip
    con.executemany(
        "INSERT INTO journal (seq, txn_id, kind, child_id, card_uid, staff_id, occurred_at, business_date, lines,"
        " gross_ore, subsidy_ore, net_ore, balance_delta_ore, friplads_pct, refers_to, note, offline, prev_hash,"
        " hash) VALUES (?, ?, ?, ?, NULL, NULL, '', ?, '[]', ?, 0, ?, ?, 0, NULL, NULL, ?, '', '')",
        [(s, f"t-{s}", k, c, d, n, n, delta, off) for s, k, c, d, n, delta, off in rows],
    )  # fmt: skip
    con.execute("UPDATE journal_head SET last_seq = ?, last_hash = ''", (len(rows),))
    con.commit()
    con.close()
    return engine


def test_migration_0007_backfills_the_figures_from_the_journal(tmp_path):
    rows = [  # seq, kind, child, date, net, delta, offline
        (1, "sale", "c-1", "2026-11-24", 300, -300, 1),
        (2, "refund", "c-1", "2026-11-24", 100, 100, 0),
        (3, "sale", "c-1", "2026-11-25", 500, -500, 0),
        (4, "topup_cash", "c-2", "2026-11-25", 1000, 1000, 0),
        (5, "void", "c-2", "2026-11-25", 200, 200, 1),
        (6, "adjustment", "c-2", "2026-11-25", 0, -40, 0),
        (7, "sale", "c-3", "2026-11-25", 50, -50, 1),  # a child no longer in the cache
    ]
    engine = _old_ledger(tmp_path / "old.sqlite", "0006", [("c-1", 1000, 2), ("c-2", 500, 0)], rows)
    assert upgrade(engine) is True
    ledger = Ledger()
    with engine.connect() as conn:
        assert ledger.balance(conn, ledger.child(conn, "c-1")) == 1000 - 500  # only seq 3 is pending
        assert ledger.balance(conn, ledger.child(conn, "c-2")) == 500 + 1000 + 200 - 40
        d = ledger.day_spending(conn, "c-1", "2026-11-24")
        assert (d.spent_net_ore, d.offline_sales_net_ore) == (200, 300)
        today = ledger.day_spending(conn, "c-1", "2026-11-25")
        assert (today.spent_net_ore, today.offline_sales_net_ore) == (500, 0)
        c2 = ledger.day_spending(conn, "c-2", "2026-11-25")
        assert (c2.spent_net_ore, c2.offline_sales_net_ore) == (-200, 0)
        c3 = ledger.day_spending(conn, "c-3", "2026-11-25")
        assert (c3.spent_net_ore, c3.offline_sales_net_ore) == (50, 50)
        assert ledger.day_spending(conn, "c-1", "2026-11-26").spent_net_ore == 0  # another date reads 0
        assert running_figures_problem(conn) is None
    engine.dispose()


def test_migration_0009_puts_the_figures_on_the_rows_even_with_dates_out_of_order(tmp_path):
    path = tmp_path / "old.sqlite"
    rows = [  # seq, kind, child, date, net, delta, offline
        (1, "sale", "c-1", "2026-11-25", 300, -300, 1),
        (2, "sale", "c-1", "2026-11-24", 100, -100, 0),  # dated before the child's newest date
        (3, "refund", "c-1", "2026-11-25", 50, 50, 0),
        (4, "topup_cash", "c-2", "2026-11-25", 1000, 1000, 0),
        (5, "sale", "c-2", "2026-11-26", 200, -200, 1),
        (6, "sale", "c-2", "2026-11-25", 70, -70, 0),  # and again
        (7, "sale", "c-3", "2026-11-25", 50, -50, 1),  # a child no longer in the cache
    ]
    engine = _old_ledger(path, "0008", [("c-1", 1000, 1), ("c-2", 500, 0)], rows)
    assert upgrade(engine) is True
    stored = sqlite3.connect(path).execute(
        "SELECT seq, child_cum_delta_ore, figures_date, day_spent_net_ore, day_offline_sales_net_ore FROM journal "
        "ORDER BY seq").fetchall()  # fmt: skip
    assert stored == [(1, -300, "2026-11-25", 300, 300), (2, -400, "2026-11-25", 300, 300),
                      (3, -350, "2026-11-25", 250, 300), (4, 1000, "2026-11-25", 0, 0),
                      (5, 800, "2026-11-26", 200, 200), (6, 730, "2026-11-26", 200, 200),
                      (7, -50, "2026-11-25", 50, 50)]  # fmt: skip
    ledger = Ledger()

    def day(child: str, date: str) -> tuple[int, int]:
        got = ledger.day_spending(conn, child, date)
        return got.spent_net_ore, got.offline_sales_net_ore

    with engine.begin() as conn:
        assert running_figures_problem(conn) is None
        assert ledger.balance(conn, ledger.child(conn, "c-1")) == 1000 - 100 + 50  # seq 1 is applied
        assert ledger.balance(conn, ledger.child(conn, "c-2")) == 500 + 1000 - 200 - 70
        assert day("c-1", "2026-11-25") == (250, 300)
        assert day("c-1", "2026-11-24") == (100, 0)  # before the newest date: summed
        assert day("c-2", "2026-11-26") == (200, 200)
        assert day("c-2", "2026-11-25") == (70, 0)
        assert day("c-3", "2026-11-25") == (50, 50)
        assert day("c-1", "2026-11-27") == (0, 0)
        # a new row goes on from the migrated figures
        ledger.append(conn, {"txn_id": "t-8", "kind": "sale", "child_id": "c-2", "card_uid": None, "staff_id": None,
                             "occurred_at": "", "business_date": "2026-11-26", "lines": [], "gross_ore": 30,
                             "subsidy_ore": 0, "net_ore": 30, "balance_delta_ore": -30, "friplads_pct": 0,
                             "refers_to": None, "note": None, "offline": False})  # fmt: skip
        assert day("c-2", "2026-11-26") == (230, 200)
        assert ledger.balance(conn, ledger.child(conn, "c-2")) == 500 + 1000 - 200 - 70 - 30
        assert running_figures_problem(conn) is None
    # and back: 0007's tables hold the same figures, the head is the last row again
    from alembic import command

    from pos_app.storage.db import alembic_config

    command.downgrade(alembic_config(engine), "0008")
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT child_id, pending_delta_ore FROM children ORDER BY child_id").fetchall() == [
            ("c-1", -100 + 50), ("c-2", 1000 - 200 - 70 - 30)]  # fmt: skip
        assert con.execute("SELECT * FROM child_day_figures ORDER BY child_id, business_date").fetchall() == [
            ("c-1", "2026-11-24", 100, 0), ("c-1", "2026-11-25", 250, 300), ("c-2", "2026-11-25", 70, 0),
            ("c-2", "2026-11-26", 230, 200), ("c-3", "2026-11-25", 50, 50)]  # fmt: skip
        assert con.execute("SELECT last_seq FROM journal_head").fetchone()[0] == 8
        assert "figures_date" not in {r[1] for r in con.execute("PRAGMA table_info(journal)")}
    finally:
        con.close()
    engine.dispose()


def test_purchase_statements_do_not_depend_on_the_backlog(template, tmp_path):
    """The tap is one statement outside any transaction; paying is one transaction whose statements
    touch no more rows with 2,000 unsynced transactions than with none (SQLite's own VM step count)."""
    path = tmp_path / "k.sqlite"
    shutil.copy(template, path)
    engine = make_engine(path)
    clock = SettableClock()
    checkout = CheckoutService(engine, clock, CheckoutSettings(offline_after_s=10**9))

    # Every connection the engine opens (the checkout holds one from its first tap on) reports its
    # statements and VM steps to whichever lists are current.
    sink: dict[str, list] = {"statements": [], "steps": [0]}

    @event.listens_for(engine, "connect")
    def _trace(dbapi_conn, _record) -> None:
        dbapi_conn.set_trace_callback(lambda sql: sink["statements"].append(sql))
        dbapi_conn.set_progress_handler(lambda: sink["steps"].__setitem__(0, sink["steps"][0] + 1) or 0, 1)

    def one(i: int) -> tuple[list[str], int]:
        clock.set(T0 + timedelta(seconds=2 * i))
        statements: list[str] = []
        steps = [0]
        sink.update(statements=statements, steps=steps)
        assert checkout.tap("BARN10").event == "identified"
        assert checkout.add("water").event == "added"
        assert checkout.pay().event == "approved"
        sink.update(statements=[], steps=[0])
        return statements, steps[0]

    one(0)
    few, few_steps = one(1)
    kinds = [s.split()[0] for s in few]
    # the tap: one read transaction (deferred BEGIN: no write lock), data_version and one read; paying: one
    # write transaction, data_version (nobody else committed: no second read), the row (carrying the
    # running figures; the journal's last row is its head), COMMIT
    assert kinds == ["BEGIN", "PRAGMA", "SELECT", "COMMIT", "BEGIN", "PRAGMA", "INSERT", "COMMIT"], few
    assert few[0] == "BEGIN" and few[4] == "BEGIN IMMEDIATE"
    assert sum(s == "BEGIN IMMEDIATE" for s in few) == 1  # one write transaction
    ledger = Ledger()
    with engine.begin() as conn:
        for i in range(2000):
            ledger.append(conn, {"txn_id": f"b-{i}", "kind": "sale", "child_id": "c-10", "card_uid": None,
                                 "staff_id": None, "occurred_at": "2026-11-20T10:00:00.000+01:00",
                                 "business_date": "2026-11-20", "lines": [], "gross_ore": 1, "subsidy_ore": 0,
                                 "net_ore": 1, "balance_delta_ore": -1, "friplads_pct": 0, "refers_to": None,
                                 "note": None, "offline": True})  # fmt: skip
    many, many_steps = one(2)
    assert len(many) == len(few)
    assert many_steps <= few_steps * 1.2 + 50, (few_steps, many_steps)
    assert_figures_equal_sums(engine)
    engine.dispose()


def test_tap_reads_while_another_connection_holds_the_write_lock(template, tmp_path):
    path = tmp_path / "k.sqlite"
    shutil.copy(template, path)
    engine = make_engine(path)
    clock = SettableClock()
    clock.set(T0)
    checkout = CheckoutService(engine, clock, CheckoutSettings(offline_after_s=10**9))
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA busy_timeout=0")
    writer.execute("BEGIN IMMEDIATE")  # e.g. the sync engine applying a snapshot
    try:
        started = time.perf_counter()
        result = checkout.tap("BARN01")
        assert result.event == "identified" and result.balance_ore == 5000
        assert time.perf_counter() - started < 1.0  # not waiting out the 5 s busy timeout
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    # and the tap left no transaction open: a writer gets the lock at once
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("PRAGMA busy_timeout=0")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("ROLLBACK")
    writer.close()
    engine.dispose()
