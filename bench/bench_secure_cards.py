"""Tap to identified, secure cards (NTAG 424 DNA authentication) beside UID-only, over the real stack.

    sudo .venv/bin/python bench/bench_secure_cards.py [--n 300] [--taps 40]

Starts a private pcscd (root, unshare) with the vpcd virtual reader and the virtual NTAG 424 DNA of
tests/support/stacks, and measures for each mode:

* "read": what the kiosk does once it sees a card, on one open connection: GET UID (uid mode), or
  GET UID + SELECT + AuthenticateEV2First (2 APDUs) + ReadData in MAC mode (secure mode), then the
  checkout's tap (the ledger lookup) until ``Identified``. ``--n`` rounds.
* "tap": card placed -> ``Identified``, through PcscCardReader's thread. With vpcd, pcscd polls card
  presence every 400 ms, which dominates this figure (a USB CCID reader reports by interrupt).

Prints median and p99 in milliseconds. The virtual card answers at once: the radio time of a real card
is not in these figures (docs/cards.md estimates it for an ACR122U).
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
from tests.support.stacks.vpcd_ntag424 import VirtualNtag424  # noqa: E402

MASTER = bytes.fromhex("000102030405060708090A0B0C0D0E0F")
CLUB = "demo-klub"


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p * (len(ordered) - 1)))]


def line(name: str, values: list[float]) -> str:
    return (f"{name:<26} n={len(values):<4} median {statistics.median(values):7.2f} ms  p99 {pct(values, 0.99):7.2f} ms"
            f"   max {max(values):7.2f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300, help="rounds of the read figure per mode")
    parser.add_argument("--taps", type=int, default=40, help="card placements per mode")
    args = parser.parse_args()
    why = available()
    if why:
        raise SystemExit(f"cannot run: {why}")
    with tempfile.TemporaryDirectory() as tmp:
        daemon = PrivatePcscd(Path(tmp))
        os.environ["PCSCLITE_CSOCK_NAME"] = str(daemon.socket_path)
        daemon.start()
        try:
            run(daemon, Path(tmp), args.n, args.taps)
        finally:
            daemon.stop()


def run(daemon: PrivatePcscd, tmp: Path, n: int, taps: int) -> None:
    from drivers import ntag424 as nt
    from drivers.pcsc import PcscCardReader, with_card
    from drivers.protocols import DeviceState
    from pos_app.bootstrap import fresh_demo_db
    from pos_app.domain.clock import SystemClock
    from pos_app.services.checkout import CheckoutService, CheckoutSettings, Identified
    from pos_app.services.demo import nfc_uid

    engine = fresh_demo_db(tmp / "bench.sqlite")
    checkout = CheckoutService(engine, SystemClock(), CheckoutSettings(offline_after_s=10**9, repeat_tap_s=0.0))
    uid = nfc_uid(1)
    check = nt.CardCheck(MASTER, CLUB)
    results: dict[str, list[float]] = {}

    def identify(code: str) -> None:
        outcome = checkout.tap(checkout.identify(code).code)
        assert isinstance(outcome, Identified), outcome
        checkout.cancel()

    # --- read: on one open connection -------------------------------------------------------------
    for mode in ("uid", "secure"):
        card: VirtualUidCard = VirtualUidCard(uid, daemon.port) if mode == "uid" else VirtualNtag424(uid, daemon.port)
        if isinstance(card, VirtualNtag424):
            nt.personalise(card.answer, bytes.fromhex(uid), MASTER, CLUB)
        with card:
            def rounds(transmit: nt.Transmit, _uid: bytes, mode: str = mode) -> list[float]:
                out = []
                for _ in range(n):
                    t0 = time.perf_counter()
                    got = transmit(bytes([0xFF, 0xCA, 0, 0, 0]))[:-2]
                    if mode == "secure":
                        assert check(transmit, got).verdict is nt.Verdict.GENUINE
                    identify(got.hex().upper())
                    out.append((time.perf_counter() - t0) * 1000)
                return out

            results[f"read+identify {mode}"] = with_card(rounds, "Virtual PCD 00 00", 5)
        time.sleep(1.0)

    # --- tap: placed -> Identified through the reader's thread ------------------------------------
    for mode in ("uid", "secure"):
        got: queue.Queue[tuple[str, float]] = queue.Queue()
        reader = PcscCardReader("Virtual PCD 00 00", card_check=check if mode == "secure" else None)

        def on_card(code: str, got: queue.Queue[tuple[str, float]] = got) -> None:
            identify(code)
            got.put((code, time.perf_counter()))

        reader.on_refused = lambda code, why: print("refused", why)
        reader.start(on_card, lambda s: None)
        deadline = time.monotonic() + 10
        while reader.status.state != DeviceState.READY and time.monotonic() < deadline:
            time.sleep(0.02)
        card = VirtualUidCard(uid, daemon.port) if mode == "uid" else VirtualNtag424(uid, daemon.port)
        if isinstance(card, VirtualNtag424):
            nt.personalise(card.answer, bytes.fromhex(uid), MASTER, CLUB)
        timings: list[float] = []
        try:
            for _ in range(taps):
                t0 = time.perf_counter()
                card.insert()
                try:
                    code, t1 = got.get(timeout=5)
                    timings.append((t1 - t0) * 1000)
                except queue.Empty:
                    print("missed a tap")
                card.remove()
                time.sleep(0.9)  # let pcscd's presence poll see the removal
        finally:
            reader.stop()
        results[f"placed->identified {mode}"] = timings
    engine.dispose()
    for name, values in results.items():
        print(line(name, values))


if __name__ == "__main__":
    main()
