"""Card placed -> UID delivered to the application, through the real pcscd + vpcd + a virtual card.

    sudo python bench/bench_card_latency.py [--n 500]

Starts a private pcscd (root, unshare) and places a virtual card n times. Prints median and p99.
With vpcd, pcscd polls card presence every 400 ms, which dominates the figure; USB CCID
readers report insertions by interrupt and are faster.
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.stacks.pcscd import PrivatePcscd, available  # noqa: E402
from tests.support.stacks.vpcd_card import VirtualUidCard  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=500)
    args = parser.parse_args()
    why = available()
    if why:
        raise SystemExit(f"cannot run: {why}")
    with tempfile.TemporaryDirectory() as tmp:
        daemon = PrivatePcscd(Path(tmp))
        os.environ["PCSCLITE_CSOCK_NAME"] = str(daemon.socket_path)
        daemon.start()
        from drivers.pcsc import PcscCardReader
        from drivers.protocols import DeviceState

        uids: queue.Queue[tuple[str, float]] = queue.Queue()
        reader = PcscCardReader("Virtual PCD 00 00", wait_ms=500)
        reader.start(lambda uid: uids.put((uid, time.perf_counter())), lambda s: None)
        deadline = time.monotonic() + 10
        while reader.status.state != DeviceState.READY and time.monotonic() < deadline:
            time.sleep(0.02)
        timings: list[float] = []
        missed = 0
        try:
            for i in range(args.n):
                uid = f"04{i:012X}"
                t0 = time.perf_counter()
                card = VirtualUidCard(uid, daemon.port).insert()
                try:
                    got, t1 = uids.get(timeout=5)
                    assert got == uid, (got, uid)
                    timings.append((t1 - t0) * 1000)
                except queue.Empty:
                    missed += 1
                card.remove()
                time.sleep(0.45)  # let pcscd's presence poll see the removal
        finally:
            reader.stop()
            daemon.stop()
    timings.sort()
    p99 = timings[min(len(timings) - 1, round(0.99 * (len(timings) - 1)))]
    print(f"placements: {len(timings)} (missed {missed})")
    print(f"card placed -> UID delivered: median {statistics.median(timings):.1f} ms  p99 {p99:.1f} ms  "
          f"min {timings[0]:.1f} ms  max {timings[-1]:.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
