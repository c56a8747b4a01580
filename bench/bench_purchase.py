"""One purchase (tap, add, pay, durably committed) through the same services the simulator uses.

    python bench/bench_purchase.py [--n 1000] [--synchronous FULL]

Prints median, p95 and p99 in milliseconds. Not a test: run it on the target machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pos_app.domain.clock import SettableClock  # noqa: E402
from pos_app.services.checkout import CheckoutService, CheckoutSettings  # noqa: E402
from pos_app.services.demo import demo_snapshot  # noqa: E402
from pos_app.services.snapshots import import_full_snapshot  # noqa: E402
from pos_app.storage.db import make_engine, upgrade  # noqa: E402


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--synchronous", default="FULL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(Path(tmp) / "bench.sqlite", args.synchronous)
        upgrade(engine)
        snap = demo_snapshot()
        for child in snap["children"]:
            child.update(balance_ore=100_000_000, blocked=False, daily_limit_ore=None)
        start = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
        import_full_snapshot(engine, snap, start)
        clock = SettableClock()
        checkout = CheckoutService(engine, clock, CheckoutSettings(offline_after_s=10**9))
        cards = [f"BARN{i:02d}" for i in range(1, 21)]
        timings: list[float] = []
        for i in range(args.n + 50):
            clock.set(start + timedelta(seconds=2 * i))
            t0 = time.perf_counter()
            checkout.tap(cards[i % len(cards)])
            checkout.add("water")
            result = checkout.pay()
            elapsed = (time.perf_counter() - t0) * 1000
            assert result.event == "approved", result
            if i >= 50:  # warm-up (first compiled statements)
                timings.append(elapsed)
        engine.dispose()
    print(f"purchases: {len(timings)}  synchronous={args.synchronous}")
    print(f"median {statistics.median(timings):.3f} ms  p95 {percentile(timings, 95):.3f} ms  "
          f"p99 {percentile(timings, 99):.3f} ms  max {max(timings):.3f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
