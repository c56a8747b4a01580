"""A checkout loop for crash tests: buys forever, printing each txn_id after its commit.

    python -m tests.support.stacks.crash_worker DB RUN_INDEX
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from pos_app.domain.clock import SettableClock
from pos_app.services.checkout import CheckoutService, CheckoutSettings
from pos_app.storage.db import open_ledger_db


def main() -> None:
    db, run = sys.argv[1], int(sys.argv[2])
    engine = open_ledger_db(db)
    clock = SettableClock()
    checkout = CheckoutService(engine, clock, CheckoutSettings(offline_after_s=10**9))
    base = datetime(2026, 11, 25, 9, 0, tzinfo=UTC) + timedelta(seconds=run * 2000)
    products = ["water", "apple", "toast", "milk"]
    i = 0
    while True:
        clock.set(base + timedelta(seconds=2 * i))
        checkout.tap(f"BARN{i % 20 + 1:02d}")
        checkout.add(products[i % 4], 1 + i % 2)
        result = checkout.pay()
        if result.event == "approved":
            sys.stdout.write(result.txn_id + "\n")
            sys.stdout.flush()
        i += 1


if __name__ == "__main__":
    main()
