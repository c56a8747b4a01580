"""The club hub's figures (issue 9): ``club-hub serve`` on a PostgreSQL of its own, over real HTTP.

    python bench/bench_hub.py [--only a,b,c] [--serve N] [--threads T] [--client-procs P] [--json]

(a) **backlog**: one kiosk's 10,000 transactions (``--backlog``), uploaded as the kiosk does after a long
    time offline (batches of 500, one after the other) and all decided; target ≤ 5 s.
(b) **many kiosks**: 100 kiosks (``--kiosks``) upload at once, each 100 transactions (``--per-kiosk``) in
    batches of 20 (``--batch``), from ``--client-procs`` other processes (each kiosk a thread with its own
    keep-alive connection); reports the sustained rate (all transactions / wall time from the common
    start to the last answer) and the p50/p99 batch latency. Afterwards the database is checked: every
    kiosk's seqs 1..N are decided exactly once, in order, all accepted, applied_seq = N, and
    ``club-hub check`` (hash chains, balances against their entries) finds nothing.
(c) **snapshot**: a full snapshot for a club of 2,000 children (``--children``) with a card each, all
    pages at the default page size (1000), as a kiosk pulls it; target ≤ 1 s.

The PostgreSQL is started for the run (``initdb`` + ``pg_ctl`` in a temporary folder, its own port, fsync
off as in the tests; ``tests/support/hub.py``) and removed at the end. ``--serve N`` runs N ``club-hub
serve`` processes on one database, each with ``--threads T`` (waitress); clients are spread over them.
The transactions are hash-chained items made with ``pos_app.domain.journal`` (``tests.support.hub.Chain``):
sales of 15,00 kr by cardless children of the club, valid under every contract rule.

Each figure also has ``serve_cpu_s``, the CPU time the serve processes used for it, and the run the
1-minute load average before and after (``load_before``, ``load_after``): on a shared machine the wall
times follow the other load, the CPU time much less.

``--json`` prints one JSON object with the figures. Not a test: run it on the target machine.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pos_app.services.demo import demo_snapshot  # noqa: E402
from tests.support.hub import Chain, HubServer, PrivatePostgres  # noqa: E402


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (Linux ``/proc``): what the hub itself used,
    which other load on the machine changes far less than the wall time."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / tick


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[k]


def club_snapshot(club_id: str, children: int) -> dict[str, Any]:
    """The demo club's products and staff, with ``children`` children (a card each) of ample balance."""
    snap = demo_snapshot()
    snap["club_id"] = club_id
    kids, cards = [], []
    template = snap["children"][0]
    for i in range(1, children + 1):
        kids.append({**template, "child_id": f"c-{i:04d}", "display_name": f"Barn {i} X.",
                     "balance_ore": 100_000_000, "daily_limit_ore": None, "friplads_pct": (0, 50, 100)[i % 3]})
        cards.append({"card_uid": f"04B{i:011X}", "child_id": f"c-{i:04d}", "status": "active", "deleted": False})
    snap["children"], snap["cards"] = kids, cards
    return snap


def sales(n: int, children: int) -> list[dict[str, Any]]:
    """A kiosk's journal of n sales, the children taking turns (no card: identified at the counter)."""
    chain = Chain()
    return [chain.next(child=f"c-{i % children + 1:04d}", card=None, subsidies=False) for i in range(n)]


def post_batches(url: str, token: str, kiosk_id: str, items: list[dict[str, Any]], batch: int,
                 session: Any = None) -> list[tuple[float, float, int]]:  # fmt: skip
    """Upload ``items`` in batches, one after the other; (latency s, end time, accepted) per batch."""
    import requests

    s = session or requests.Session()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    out = []
    for i in range(0, len(items), batch):
        body = json.dumps({"transactions": items[i:i + batch]})
        t0 = time.perf_counter()
        r = s.post(f"{url}/v1/kiosks/{kiosk_id}/transactions", data=body, headers=headers, timeout=120)
        t1 = time.perf_counter()
        if r.status_code != 200:
            raise RuntimeError(f"{kiosk_id}: {r.status_code} {r.text[:300]}")
        doc = r.json()
        accepted = sum(1 for res in doc["results"] if res["status"] == "accepted")
        if doc["kiosk_applied_seq"] != items[min(i + batch, len(items)) - 1]["seq"]:
            raise RuntimeError(f"{kiosk_id}: applied {doc['kiosk_applied_seq']} after batch at {i}")
        out.append((t1 - t0, time.time(), accepted))
    return out


def client_process(jobs: list[tuple[str, str, str, str]], batch: int, ready: Any, go: Any, results: Any) -> None:
    """Other processes: one thread per kiosk, each its own connection; all start when ``go`` is set."""
    import requests

    prepared = [(url, token, kiosk_id, json.loads(items), requests.Session()) for url, token, kiosk_id, items in jobs]
    answers: dict[str, Any] = {}

    def kiosk(url: str, token: str, kiosk_id: str, items: list[dict[str, Any]], session: Any) -> None:
        try:
            answers[kiosk_id] = post_batches(url, token, kiosk_id, items, batch, session)
        except Exception as exc:  # reported to the parent, which fails the run
            answers[kiosk_id] = f"error: {exc}"

    threads = [threading.Thread(target=kiosk, args=job) for job in prepared]
    ready.put(len(threads))
    go.wait()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    results.put(answers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="a,b,c", help="which figures: a (backlog), b (many kiosks), c (snapshot)")
    parser.add_argument("--serve", type=int, default=1, help="club-hub serve processes (one database)")
    parser.add_argument("--threads", type=int, default=4, help="waitress threads per serve process")
    parser.add_argument("--backlog", type=int, default=10_000)
    parser.add_argument("--kiosks", type=int, default=100)
    parser.add_argument("--kiosks-per-club", type=int, default=2)
    parser.add_argument("--per-kiosk", type=int, default=100)
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--client-procs", type=int, default=10, help="processes the kiosks upload from")
    parser.add_argument("--children", type=int, default=2000)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    only = set(args.only.split(","))
    if not only <= {"a", "b", "c"} or args.serve < 1 or args.threads < 1 or args.client_procs < 1:
        parser.error("--only is a list of a, b, c; --serve, --threads and --client-procs are at least 1")
    figures: dict[str, Any] = {"serve_processes": args.serve, "threads": args.threads, "cpus": os.cpu_count(),
                               "load_before": round(os.getloadavg()[0], 2)}  # fmt: skip
    pg = PrivatePostgres().start()
    servers: list[HubServer] = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            pg.execute("CREATE DATABASE hub_bench")
            url = pg.url("hub_bench")
            from hub.cli import main as hub_main

            with contextlib.redirect_stdout(sys.stderr):  # migrate's progress: not the figures
                code = hub_main(["migrate", "--database", url])
            if code != 0:
                raise SystemExit("club-hub migrate failed")
            from hub.clubs import services as hub_services

            def club(club_id: str, children: int, kiosks: list[str]) -> dict[str, str]:
                hub_services.add_club(club_id, club_id)
                hub_services.import_snapshot(club_id, club_snapshot(club_id, children))
                return {k: hub_services.add_kiosk(club_id, k)[1] for k in kiosks}

            tokens: dict[str, str] = {}
            if "a" in only:
                tokens |= club("bench-a", 20, ["a-kiosk"])
            if "b" in only:
                per = args.kiosks_per_club
                for c in range(-(-args.kiosks // per)):
                    names = [f"b-kiosk-{k:03d}" for k in range(c * per, min(args.kiosks, (c + 1) * per))]
                    tokens |= club(f"bench-b-{c:03d}", 20, names)
            if "c" in only:
                tokens |= club("bench-c", args.children, ["c-kiosk"])
            from django.db import connections

            connections.close_all()  # the serve processes own the database from here
            servers = [HubServer(url, folder, page_size=1000, threads=args.threads) for _ in range(args.serve)]
            urls = [s.url for s in servers]
            pids = [s.proc.pid for s in servers]

            if "a" in only:
                items = sales(args.backlog, 20)
                cpu0 = cpu_seconds(pids)
                t0 = time.perf_counter()
                batches = post_batches(urls[0], tokens["a-kiosk"], "a-kiosk", items, 500)
                elapsed = time.perf_counter() - t0
                cpu = cpu_seconds(pids) - cpu0
                assert sum(b[2] for b in batches) == args.backlog, "not every transaction was accepted"
                figures["backlog"] = {"transactions": args.backlog, "batches": len(batches),
                                      "seconds": round(elapsed, 3), "per_s": round(args.backlog / elapsed),
                                      "serve_cpu_s": round(cpu, 2), "target_s": 5.0,
                                      "met": elapsed <= 5.0}  # fmt: skip

            if "b" in only:
                kiosks = [f"b-kiosk-{k:03d}" for k in range(args.kiosks)]
                journals = {k: sales(args.per_kiosk, 20) for k in kiosks}
                ctx = mp.get_context("spawn")
                ready, results, go = ctx.Queue(), ctx.Queue(), ctx.Event()
                procs = []
                for p in range(args.client_procs):
                    mine = kiosks[p::args.client_procs]
                    jobs = [(urls[kiosks.index(k) % len(urls)], tokens[k], k, json.dumps(journals[k])) for k in mine]
                    proc = ctx.Process(target=client_process, args=(jobs, args.batch, ready, go, results))
                    proc.start()
                    procs.append(proc)
                for _ in procs:
                    ready.get(timeout=300)
                cpu0 = cpu_seconds(pids)
                start = time.time()
                go.set()
                answers: dict[str, Any] = {}
                for _ in procs:
                    answers |= results.get(timeout=1800)
                for proc in procs:
                    proc.join(60)
                cpu = cpu_seconds(pids) - cpu0
                errors = [v for v in answers.values() if isinstance(v, str)]
                if errors:
                    raise SystemExit(f"{len(errors)} kiosks failed, e.g. {errors[0]}")
                latencies = [b[0] * 1000 for v in answers.values() for b in v]
                end = max(b[1] for v in answers.values() for b in v)
                total = args.kiosks * args.per_kiosk
                wall = end - start
                figures["many_kiosks"] = {
                    "kiosks": args.kiosks, "transactions": total, "batch": args.batch,
                    "client_processes": args.client_procs, "seconds": round(wall, 3),
                    "per_s": round(total / wall), "serve_cpu_s": round(cpu, 2),
                    "batch_p50_ms": round(statistics.median(latencies), 1),
                    "batch_p99_ms": round(percentile(latencies, 99), 1), "batch_max_ms": round(max(latencies), 1),
                    "accepted": sum(b[2] for v in answers.values() for b in v),
                    "exactly_once": verify_exactly_once(url, journals),
                }  # fmt: skip

            if "c" in only:
                cpu0 = cpu_seconds(pids)
                figures["snapshot"] = full_snapshot(urls[0], tokens["c-kiosk"], "bench-c", "c-kiosk", args.children)
                figures["snapshot"]["serve_cpu_s"] = round(cpu_seconds(pids) - cpu0, 3)
    finally:
        for s in servers:
            s.stop()
        pg.stop()
    figures["load_after"] = round(os.getloadavg()[0], 2)
    if args.json:
        print(json.dumps(figures))
        return
    print(json.dumps(figures, indent=2))


def verify_exactly_once(url: str, journals: dict[str, list[dict[str, Any]]]) -> bool:
    """Every kiosk's seqs 1..N in the database once each, with the txn_ids and hashes it sent, all
    accepted; applied_seq N; ``club-hub check`` clean."""
    from hub.cli import main as hub_main
    from hub.clubs.models import Kiosk
    from hub.ledger.models import KioskTransaction

    for kiosk_id, items in journals.items():
        rows = list(KioskTransaction.objects.filter(kiosk__kiosk_id=kiosk_id).order_by("seq")
                    .values_list("seq", "txn_id", "hash", "status"))  # fmt: skip
        if rows != [(i["seq"], i["txn_id"], i["hash"], "accepted") for i in items]:
            raise SystemExit(f"{kiosk_id}: the database does not hold its journal exactly once")
        if Kiosk.objects.get(kiosk_id=kiosk_id).applied_seq != len(items):
            raise SystemExit(f"{kiosk_id}: applied_seq is not {len(items)}")
    with contextlib.redirect_stdout(sys.stderr):
        code = hub_main(["check", "--database", url])
    if code != 0:
        raise SystemExit("club-hub check found problems")
    return True


def full_snapshot(url: str, token: str, club_id: str, kiosk_id: str, children: int) -> dict[str, Any]:
    import requests

    s = requests.Session()
    headers = {"Authorization": f"Bearer {token}"}
    s.get(f"{url}/v1/kiosks/{kiosk_id}/status", headers=headers, timeout=30)  # the connection is open
    t0 = time.perf_counter()
    pages, got, since = 0, 0, None
    while True:
        params = {"kiosk_id": kiosk_id} | ({"since": since} if since else {})
        r = s.get(f"{url}/v1/clubs/{club_id}/snapshot", params=params, headers=headers, timeout=60)
        r.raise_for_status()
        doc = r.json()
        pages += 1
        got += len(doc["children"])
        if not doc["more"]:
            break
        since = doc["cursor"]
    elapsed = time.perf_counter() - t0
    assert got == children, f"{got} children in the snapshot, not {children}"
    return {"children": children, "pages": pages, "seconds": round(elapsed, 3), "target_s": 1.0,
            "met": elapsed <= 1.0}  # fmt: skip


if __name__ == "__main__":
    main()
