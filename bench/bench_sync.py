"""Sync a kiosk's backlog of 10,000 transactions to the club hub (``club-hub serve``) on loopback.

    python bench/bench_sync.py [--n 10000] [--postgresql]

The hub runs on SQLite (one club on one machine) or, with ``--postgresql``, on a PostgreSQL the bench
starts itself (``tests/support/hub.py``). Prints the time of one sync round of the kiosk's real sync
engine (status, 20 uploads of 500, snapshot pull) and transactions/s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pos_app.services.demo import demo_snapshot  # noqa: E402
from pos_app.services.snapshots import import_full_snapshot  # noqa: E402
from pos_app.storage.db import open_ledger_db  # noqa: E402
from pos_app.storage.ledger import Ledger  # noqa: E402
from sync.client import FinanceClient  # noqa: E402
from sync.engine import SyncEngine  # noqa: E402
from tests.support.hub import CLUB, HubServer, PrivatePostgres, build_template  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--postgresql", action="store_true", help="the hub on PostgreSQL (default: SQLite)")
    args = parser.parse_args()
    snap = demo_snapshot()
    for c in snap["children"]:
        c["balance_ore"] = 100_000_000
    pg = PrivatePostgres().start() if args.postgresql else None
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            if pg is not None:
                pg.execute("CREATE DATABASE hub_bench")
                url = pg.url("hub_bench")
            else:
                url = f"sqlite:///{folder / 'hub.sqlite'}"
            template = build_template(url, "bench", folder)  # the demo club, its kiosks and their tokens
            hub = HubServer(url, folder, page_size=1000)
            engine = open_ledger_db(folder / "kiosk.sqlite")
            import_full_snapshot(engine, snap, datetime.now(UTC))
            ledger = Ledger()
            with engine.begin() as conn:
                for i in range(args.n):
                    ledger.append(conn, {
                        "txn_id": f"{i:08x}-0000-4000-8000-{i:012x}", "kind": "sale",
                        "child_id": f"c-{i % 20 + 1:02d}", "card_uid": None, "staff_id": None,
                        "occurred_at": "2026-11-25T14:00:00.000+01:00", "business_date": "2026-11-25",
                        "lines": [{"product_id": "water", "qty": 1, "unit_price_ore": 200, "gross_ore": 200,
                                   "subsidy_ore": 0, "net_ore": 200}],
                        "gross_ore": 200, "subsidy_ore": 0, "net_ore": 200, "balance_delta_ore": -200,
                        "friplads_pct": 0, "refers_to": None, "note": None, "offline": True,
                    })  # fmt: skip
            sync = SyncEngine(engine, FinanceClient(hub.url, template.tokens["kiosk-1"], CLUB, "kiosk-1"))
            try:
                t0 = time.perf_counter()
                outcome = sync.run_once()
                elapsed = time.perf_counter() - t0
            finally:
                hub.stop()
                engine.dispose()
            assert outcome.exit_code == 0 and outcome.result.accepted == args.n, outcome
    finally:
        if pg is not None:
            pg.stop()
    where = "PostgreSQL" if args.postgresql else "SQLite"
    print(f"synced {args.n} transactions to the hub on {where} in {elapsed:.2f} s "
          f"({args.n / elapsed:,.0f} transactions/s)")  # fmt: skip


if __name__ == "__main__":
    main()
