"""The benchmark suite: prints each figure. Run from the project folder:

    python bench/bench_suite.py [--million] [--bundle dist/club-kiosk/club-kiosk]

- tap-to-approved latency through the simulator (in-process) and through the Qt event loop offscreen
- checkouts per second
- the same latency with 1,000,000 transactions already in the journal (--million; ~1 minute to build)
- cold start to the idle screen, from source and from the bundle (if built), and peak memory
(The card latency and the sync backlog have their own scripts: bench_card_latency.py, bench_sync.py.)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pos_app.domain.clock import SettableClock  # noqa: E402
from pos_app.services.checkout import CheckoutService, CheckoutSettings  # noqa: E402
from pos_app.services.demo import demo_snapshot  # noqa: E402
from pos_app.services.simulator import Simulator  # noqa: E402
from pos_app.services.snapshots import import_full_snapshot  # noqa: E402
from pos_app.storage.db import open_ledger_db  # noqa: E402

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def rich(applied_seq: int = 0) -> dict:
    snap = demo_snapshot()
    for c in snap["children"]:
        c.update(balance_ore=900_000_000, blocked=False, daily_limit_ore=None, balance_applied_seq=applied_seq)
    return snap


def report(name: str, ms: list[float]) -> None:
    print(f"{name}: median {statistics.median(ms):.3f} ms  p99 {pct(ms, 99):.3f} ms  (n={len(ms)})", flush=True)


def simulator_latency(db: Path, n: int = 1000) -> list[float]:
    engine = open_ledger_db(db)
    clock = SettableClock()
    sim = Simulator(CheckoutService(engine, clock, CheckoutSettings(offline_after_s=10**9)), clock)
    out = []
    for i in range(n + 50):
        clock.set(T0 + timedelta(days=3, seconds=2 * i))
        t = time.perf_counter()
        sim.handle_line(f'{{"tap": "BARN{i % 20 + 1:02d}"}}')
        sim.handle_line('{"add": "water"}')
        event = sim.handle_line('{"pay": true}')
        elapsed = (time.perf_counter() - t) * 1000
        assert event["event"] == "approved", event
        if i >= 50:
            out.append(elapsed)
    engine.dispose()
    return out


def qt_latency(tmp: Path, n: int = 200, to_session: list[float] | None = None) -> list[float]:
    """Card -> done screen per purchase; ``to_session`` collects card -> session painted."""
    to_session = [] if to_session is None else to_session
    from dataclasses import replace

    from PySide6.QtWidgets import QApplication

    from pos_app.bootstrap import build_kiosk
    from pos_app.config import Config, DevicesConfig
    from pos_app.ui.shell import KioskShell

    app = QApplication.instance() or QApplication([])
    clock = SettableClock()
    cfg = replace(Config(), fullscreen=False, db_path=tmp / "qt.sqlite", offline_after_s=10**9,
                  devices=DevicesConfig(card_reader=False, printer="none"))  # fmt: skip
    kiosk = build_kiosk(cfg, demo=False, clock=clock, with_devices=False)
    import_full_snapshot(kiosk.engine, rich(), T0)
    shell = KioskShell(kiosk)
    win = shell.window
    win.resize(1280, 800)
    win.show()

    def until(pred) -> None:
        deadline = time.monotonic() + 5
        while not pred():
            app.processEvents()
            if time.monotonic() > deadline:
                raise TimeoutError("screen did not change")

    out = []
    for i in range(n + 10):
        clock.set(T0 + timedelta(seconds=2 * i))
        t = time.perf_counter()
        shell.bridge.on_card(f"BARN{i % 20 + 1:02d}")
        until(lambda: win.screen_name == "session" and not win.runner.busy)
        win.repaint()  # the session painted, as the child sees it
        if i >= 10:
            to_session.append((time.perf_counter() - t) * 1000)
        win._on_product_tapped("water")
        until(lambda: win.session.pay.isEnabled() and not win.runner.busy)
        win._on_pay_tapped()
        until(lambda: win.screen_name == "done" and not win.runner.busy)
        if i >= 10:
            out.append((time.perf_counter() - t) * 1000)
    shell.shutdown()
    kiosk.engine.dispose()
    return out


def build_million(db: Path, n: int = 1_000_000) -> None:
    """A journal of n sales, written directly (hash chain included), as a busy kiosk would after years."""
    import sqlite3

    from pos_app.domain.journal import GENESIS_HASH, canonical_json

    engine = open_ledger_db(db)
    import_full_snapshot(engine, rich(applied_seq=n), T0)
    engine.dispose()
    con = sqlite3.connect(db)
    prev = GENESIS_HASH
    rows = []
    line = [{"product_id": "water", "qty": 1, "unit_price_ore": 200, "gross_ore": 200, "subsidy_ore": 0,
             "net_ore": 200}]  # fmt: skip
    start = T0 - timedelta(days=400)
    # Written around Ledger.append, so the rows' running figures too (sales in date order: see Ledger._running)
    cum: dict[str, int] = {}
    day: dict[str, tuple[str, int]] = {}  # child -> (newest date, spent on it)
    for i in range(1, n + 1):
        when = start + timedelta(seconds=30 * i)
        item = {"txn_id": f"{i:08x}-0000-4000-8000-{i:012x}", "seq": i, "kind": "sale",
                "child_id": f"c-{i % 20 + 1:02d}", "card_uid": None, "staff_id": None,
                "occurred_at": when.isoformat(timespec="milliseconds"), "business_date": when.date().isoformat(),
                "lines": line, "gross_ore": 200, "subsidy_ore": 0, "net_ore": 200, "balance_delta_ore": -200,
                "friplads_pct": 0, "refers_to": None, "note": None, "offline": False, "prev_hash": prev}  # fmt: skip
        item["hash"] = hashlib.sha256((prev + canonical_json(item)).encode()).hexdigest()
        prev = item["hash"]
        child, date = item["child_id"], item["business_date"]
        cum[child] = cum.get(child, 0) - 200
        newest, spent = day.get(child, (date, 0))
        day[child] = (date, (spent if newest == date else 0) + 200)
        rows.append((i, item["txn_id"], "sale", child, None, None, item["occurred_at"], date, json.dumps(line),
                     200, 0, 200, -200, 0, None, None, 0, item["prev_hash"], item["hash"], cum[child], date,
                     day[child][1], 0))  # fmt: skip
        if len(rows) == 50_000:
            con.executemany("INSERT INTO journal VALUES (" + ",".join("?" * 23) + ")", rows)
            rows = []
    if rows:
        con.executemany("INSERT INTO journal VALUES (" + ",".join("?" * 23) + ")", rows)
    con.execute("UPDATE journal_head SET last_seq = ?, last_hash = ?", (n, prev))
    con.commit()
    con.close()


def cold_start(cmd: list[str], home: Path) -> tuple[float, float]:
    env = {**os.environ, "CLUB_KIOSK_EXIT_WHEN_IDLE": "1", "XDG_DATA_HOME": str(home), "XDG_CACHE_HOME": str(home),
           "XDG_CONFIG_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    t = time.perf_counter()
    proc = subprocess.Popen(cmd + ["--demo", "--windowed"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)  # fmt: skip
    _pid, status, usage = os.wait4(proc.pid, 0)  # this child's own peak RSS, not the largest child's so far
    wall = time.perf_counter() - t
    out = proc.stdout.read() if proc.stdout else ""
    assert status == 0 and "idle screen shown" in out, out
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--million", action="store_true")
    parser.add_argument("--bundle", default=str(ROOT / "dist" / "club-kiosk" / "club-kiosk"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_s:
        tmp = Path(tmp_s)
        db = tmp / "sim.sqlite"
        import_full_snapshot(open_ledger_db(db), rich(), T0)
        sim = simulator_latency(db)
        report("tap-to-approved, simulator (tap+add+pay lines, durable commit)", sim)
        print(f"checkouts per second (sequential, one kiosk): {1000 / statistics.mean(sim):,.0f}", flush=True)
        to_session: list[float] = []
        report("tap-to-approved, Qt event loop offscreen (card -> session -> add -> pay -> done screen)",
               qt_latency(tmp, to_session=to_session))  # fmt: skip
        report("tap-to-session painted, Qt offscreen 1280x800 (ten demo children in turn)", to_session)
        if args.million:
            big = tmp / "million.sqlite"
            t = time.perf_counter()
            build_million(big)
            print(f"built a 1,000,000-transaction journal in {time.perf_counter() - t:.0f} s", flush=True)
            report("tap-to-approved with 1,000,000 transactions in the journal", simulator_latency(big))
        wall, peak = cold_start([sys.executable, "-m", "pos_app"], tmp / "src")
        print(f"cold start to the idle screen, from source: {wall:.2f} s wall, peak RSS {peak:.0f} MiB", flush=True)
        if Path(args.bundle).exists():
            wall, peak = cold_start([args.bundle], tmp / "bundle")
            print(f"cold start to the idle screen, from the bundle: {wall:.2f} s wall, peak RSS {peak:.0f} MiB",
                  flush=True)  # fmt: skip
        print(f"peak RSS of this benchmark process: "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")  # fmt: skip


if __name__ == "__main__":
    main()
    sys.stdout.flush()
    os._exit(0)  # skip interpreter teardown: PySide6 objects of the offscreen run need no cleanup here
