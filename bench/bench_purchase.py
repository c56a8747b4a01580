"""One purchase (tap, add, pay, durably committed) through the same services the simulator uses,
measured against the floor: the same machine's bare durable SQLite transaction, in the same run.

    python bench/bench_purchase.py [--n 2000] [--rounds 20] [--unsynced N] [--synchronous FULL] [--json]

The floor is one plain sqlite3 transaction in WAL mode with the same ``synchronous``: BEGIN IMMEDIATE,
read a balance, insert a row, update the balance, COMMIT. Purchases and floor transactions run
interleaved in rounds (``--rounds``), so that both see the same disk and the same neighbours.

``--unsynced N`` starts with N of this kiosk's sales that the finance side has not applied
(``balance_applied_seq`` stays 0), spread over the demo children and the week before the run, as
after a week offline. They go through ``Ledger.append`` like every journal write.

``--json`` prints one JSON object: ``median_ms``, ``p95_ms``, ``p99_ms`` (purchases) and
``floor_median_ms``, plus ``floor_p95_ms``, ``floor_p99_ms``, ``ratio_median``, ``ratio_p99``,
``purchases``, ``unsynced`` and ``synchronous``. Not a test: run it on the target machine.
"""

from __future__ import annotations

import argparse
import gc
import json
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pos_app.domain.clock import SettableClock  # noqa: E402
from pos_app.services.checkout import CheckoutService, CheckoutSettings  # noqa: E402
from pos_app.services.demo import demo_snapshot  # noqa: E402
from pos_app.services.snapshots import import_full_snapshot  # noqa: E402
from pos_app.storage.checkpoint import WalCheckpointer  # noqa: E402
from pos_app.storage.db import make_engine, upgrade  # noqa: E402
from pos_app.storage.ledger import Ledger  # noqa: E402

WARMUP = 50
START = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def add_unsynced(engine: object, children: list[str], n: int) -> None:
    """N sales of 2,00 kr the finance side has not applied, over the 7 days before START."""
    ledger = Ledger()
    batch = 5000
    for first in range(0, n, batch):
        with engine.begin() as conn:  # type: ignore[attr-defined]
            for i in range(first, min(n, first + batch)):
                when = START - timedelta(days=7) + timedelta(seconds=i * 7 * 86400 // max(n, 1))
                ledger.append(conn, {
                    "txn_id": str(uuid.uuid4()), "kind": "sale", "child_id": children[i % len(children)],
                    "card_uid": None, "staff_id": None, "occurred_at": when.isoformat(timespec="milliseconds"),
                    "business_date": when.date().isoformat(),
                    "lines": [{"product_id": "water", "qty": 1, "unit_price_ore": 200, "gross_ore": 200,
                               "subsidy_ore": 0, "net_ore": 200}],
                    "gross_ore": 200, "subsidy_ore": 0, "net_ore": 200, "balance_delta_ore": -200,
                    "friplads_pct": 0, "refers_to": None, "note": None, "offline": True,
                })  # fmt: skip


class Floor:
    """The bare durable transaction: read a balance, insert a row, update the balance, commit."""

    def __init__(self, path: Path, synchronous: str, accounts: int) -> None:
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(f"PRAGMA synchronous={synchronous}")
        self.db.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, balance_ore INTEGER NOT NULL)")
        self.db.execute("CREATE TABLE txn (id INTEGER PRIMARY KEY, account_id INTEGER NOT NULL, "
                        "amount_ore INTEGER NOT NULL)")  # fmt: skip
        self.db.executemany("INSERT INTO account VALUES (?, ?)", [(i, 100_000_000) for i in range(accounts)])
        self.accounts = accounts

    def one(self, i: int) -> None:
        account = i % self.accounts
        self.db.execute("BEGIN IMMEDIATE")
        (balance,) = self.db.execute("SELECT balance_ore FROM account WHERE id = ?", (account,)).fetchone()
        self.db.execute("INSERT INTO txn (account_id, amount_ore) VALUES (?, ?)", (account, 200))
        self.db.execute("UPDATE account SET balance_ore = ? WHERE id = ?", (balance - 200, account))
        self.db.execute("COMMIT")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=2000, help="purchases (and floor transactions) measured")
    parser.add_argument("--rounds", type=int, default=20, help="interleaved rounds")
    parser.add_argument("--unsynced", type=int, default=0, help="start with N unapplied transactions")
    parser.add_argument("--synchronous", default="FULL")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--no-checkpointer", action="store_true",
                        help="no background WAL checkpointer (for comparison; the kiosk runs one)")
    parser.add_argument("--no-gc-freeze", action="store_true",
                        help="leave the start-up objects to the garbage collector (the kiosk freezes them)")
    args = parser.parse_args()
    if args.n < 1 or args.rounds < 1 or args.unsynced < 0:
        parser.error("--n and --rounds must be at least 1, --unsynced at least 0")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.sqlite"
        engine = make_engine(path, args.synchronous)
        upgrade(engine)
        snap = demo_snapshot()
        for child in snap["children"]:
            child.update(balance_ore=100_000_000, blocked=False, daily_limit_ore=None)
        import_full_snapshot(engine, snap, START)
        add_unsynced(engine, [c["child_id"] for c in snap["children"]], args.unsynced)
        floor = Floor(Path(tmp) / "floor.sqlite", args.synchronous, len(snap["children"]))
        clock = SettableClock()
        checkout = CheckoutService(engine, clock, CheckoutSettings(offline_after_s=10**9))
        # As the kiosk runs: the ledger's WAL is checkpointed on a background thread (see storage.checkpoint).
        checkpointer = None if args.no_checkpointer else WalCheckpointer(path, synchronous=args.synchronous)
        if checkpointer is not None:
            checkpointer.start()
        cards = [f"BARN{i:02d}" for i in range(1, 21)]
        purchases: list[float] = []
        floors: list[float] = []
        i = 0

        def purchase() -> float:
            nonlocal i
            clock.set(START + timedelta(seconds=2 * i))
            t0 = time.perf_counter()
            checkout.tap(cards[i % len(cards)])
            checkout.add("water")
            result = checkout.pay()
            elapsed = (time.perf_counter() - t0) * 1000
            assert result.event == "approved", result
            i += 1
            return elapsed

        def bare(k: int) -> float:
            t0 = time.perf_counter()
            floor.one(k)
            return (time.perf_counter() - t0) * 1000

        for k in range(WARMUP):  # first compiled statements, first pages
            purchase()
            bare(k)
        # As the kiosk does once started (pos_app.ui.app): the objects alive now (modules, SQLAlchemy's
        # metadata, the catalogue...) move to the permanent generation, so that no collection during the
        # sales traverses them again.
        if not args.no_gc_freeze:
            gc.collect()
            gc.freeze()
        gc_time = [0.0, 0.0]  # (start of the running collection, seconds in collections while measuring)

        def count_collections(phase: str, _info: dict[str, int]) -> None:
            if phase == "start":
                gc_time[0] = time.perf_counter()
            else:
                gc_time[1] += time.perf_counter() - gc_time[0]

        gc.callbacks.append(count_collections)
        per_round = -(-args.n // args.rounds)
        k = WARMUP
        while len(purchases) < args.n:
            todo = min(per_round, args.n - len(purchases))
            purchases += [purchase() for _ in range(todo)]
            floors += [bare(k + j) for j in range(todo)]
            k += todo
        gc.callbacks.remove(count_collections)
        if checkpointer is not None:
            checkpointer.stop()
        floor.db.close()
        engine.dispose()
    figures = {
        "median_ms": round(statistics.median(purchases), 4), "p95_ms": round(percentile(purchases, 95), 4),
        "p99_ms": round(percentile(purchases, 99), 4), "floor_median_ms": round(statistics.median(floors), 4),
        "floor_p95_ms": round(percentile(floors, 95), 4), "floor_p99_ms": round(percentile(floors, 99), 4),
    }  # fmt: skip
    figures["ratio_median"] = round(figures["median_ms"] / figures["floor_median_ms"], 2)
    figures["ratio_p99"] = round(figures["p99_ms"] / figures["floor_median_ms"], 2)
    figures |= {"purchases": len(purchases), "unsynced": args.unsynced, "synchronous": args.synchronous,
                "checkpointer": not args.no_checkpointer,
                "checkpoints": checkpointer.checkpoints if checkpointer is not None else 0,
                "gc_freeze": not args.no_gc_freeze, "gc_ms": round(gc_time[1] * 1000, 2)}
    if args.json:
        print(json.dumps(figures))
        return
    print(f"purchases: {len(purchases)}  unsynced at start: {args.unsynced}  synchronous={args.synchronous}")
    print(f"purchase median {figures['median_ms']:.3f} ms  p95 {figures['p95_ms']:.3f} ms  "
          f"p99 {figures['p99_ms']:.3f} ms  max {max(purchases):.3f} ms")  # fmt: skip
    print(f"floor    median {figures['floor_median_ms']:.3f} ms  p95 {figures['floor_p95_ms']:.3f} ms  "
          f"p99 {figures['floor_p99_ms']:.3f} ms")  # fmt: skip
    print(f"purchase / floor: median {figures['ratio_median']}x, p99 {figures['ratio_p99']}x")


if __name__ == "__main__":
    main()
