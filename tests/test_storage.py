"""The ledger on a real SQLite file: pragmas, migrations, the balance rule, durability of a sale."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from pos_app.services.demo import demo_snapshot
from pos_app.services.snapshots import import_full_snapshot
from pos_app.storage.db import current_revision, head_revision, make_engine, open_ledger_db, upgrade
from pos_app.storage.ledger import Ledger
from tests.conftest import ROOT, SYNCED


def test_ledger_pragmas(db_path: Path):
    engine = open_ledger_db(db_path)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_migrations_from_empty_reach_head(db_path: Path):
    engine = open_ledger_db(db_path)
    assert current_revision(engine) == head_revision() == "0009"
    tables = set(sqlite3.connect(db_path).execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall())
    assert {("journal",), ("journal_head",), ("children",), ("cards",), ("products",), ("staff",)} <= tables


def test_second_migration_on_a_database_with_data(db_path: Path):
    engine = make_engine(db_path)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        for seq, h in ((1, "a" * 64), (2, "b" * 64)):
            conn.execute(text(
                "INSERT INTO journal (seq, txn_id, kind, child_id, occurred_at, business_date, lines, gross_ore,"
                " subsidy_ore, net_ore, balance_delta_ore, friplads_pct, offline, prev_hash, hash) VALUES"
                " (:seq, :t, 'sale', 'c-01', '2026-11-25T14:00:00.000+01:00', '2026-11-25', '[]', 0, 0, 0, 0, 0, 0,"
                " :p, :h)"
            ), {"seq": seq, "t": f"00000000-0000-4000-8000-00000000000{seq}", "p": "0" * 64, "h": h})  # fmt: skip
    assert upgrade(engine) is True
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert Ledger().head(conn) == (2, "b" * 64)  # the head came from the existing journal
        assert conn.execute(text("SELECT count(*) FROM journal")).scalar() == 2
        assert conn.execute(text("SELECT catalogue_generation FROM kiosk_state")).scalar() == 0
    assert Path(f"{db_path}.bak-0001").exists()  # backed up before migrating


def test_migration_0008_adds_pictures_and_heard_seq_to_a_used_ledger(db_path: Path):
    engine = make_engine(db_path)
    upgrade(engine, "0006")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO products (product_id, name, price_ore, friplads_eligible, category, barcode,"
                          " tags, active) VALUES ('toast', 'Toast', 1500, 1, 'food', NULL, '[]', 1)"))
        conn.execute(text("UPDATE kiosk_state SET applied_seq = 7"))
    assert upgrade(engine) is True
    with engine.connect() as conn:
        assert conn.execute(text("SELECT icon, image_sha256 FROM products")).all() == [(None, None)]
        state = Ledger().state(conn)
    # Never heard a 1.1 decision: the first round resends the journal once to learn each one.
    assert (state.applied_seq, state.heard_seq) == (7, 0)
    from alembic import command

    from pos_app.storage.db import alembic_config

    command.downgrade(alembic_config(engine), "0006")
    with engine.connect() as conn:
        assert "icon" not in {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(products)")}
        assert conn.execute(text("SELECT name FROM products")).scalar() == "Toast"


def test_db_upgrade_command(tmp_path: Path):
    db = tmp_path / "x.sqlite"
    proc = subprocess.run([sys.executable, "-m", "pos_app", "db", "upgrade", "--db", str(db)],
                          capture_output=True, text=True, cwd=ROOT)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert f"empty -> {head_revision()}" in proc.stdout


def test_balance_rule_uses_each_records_applied_seq(demo_engine, checkout, clock):
    ledger = Ledger()
    for _ in range(2):
        checkout.tap("BARN01")
        checkout.add("toast")
        assert checkout.pay().event == "approved"
        clock.set(clock.now().replace(minute=clock.now().minute + 1))
    with demo_engine.connect() as conn:
        alma = ledger.child(conn, "c-01")
        assert ledger.balance(conn, alma) == 5000 - 3000
    # The finance side has applied seq 1 (balance 3500) but not seq 2: shown balance counts only seq 2.
    snap = demo_snapshot()
    for c in snap["children"]:
        if c["child_id"] == "c-01":
            c["balance_ore"], c["balance_applied_seq"] = 3500, 1
    import_full_snapshot(demo_engine, snap, SYNCED)
    with demo_engine.connect() as conn:
        assert ledger.balance(conn, ledger.child(conn, "c-01")) == 3500 - 1500


def test_sale_survives_a_killed_process(tmp_path: Path):
    """A sale reported approved is on disk even if the process dies the instant after (no clean close)."""
    db = tmp_path / "k.sqlite"
    engine = open_ledger_db(db)
    import_full_snapshot(engine, demo_snapshot(), datetime.now(UTC))
    engine.dispose()
    code = (
        "import os, sys\n"
        "from pos_app.domain.clock import SystemClock\n"
        "from pos_app.services.checkout import CheckoutService\n"
        "from pos_app.storage.db import open_ledger_db\n"
        f"co = CheckoutService(open_ledger_db({str(db)!r}), SystemClock())\n"
        "co.tap('BARN01'); co.add('toast'); r = co.pay()\n"
        "print(r.txn_id, flush=True)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == -9
    txn_id = proc.stdout.strip()
    rows = sqlite3.connect(db).execute("SELECT seq, txn_id FROM journal").fetchall()
    assert rows == [(1, txn_id)]
