"""The finance exports at municipality scale, on PostgreSQL: time and peak memory as the data grows.

    python bench/bench_export.py [--sizes 100000,300000,1000000] [--clubs 150] [--json]

For each size, a private PostgreSQL (tests/support/hub.py: initdb + pg_ctl in a temporary folder) gets
the hub's schema (``club-hub migrate``) and, by SQL ``generate_series`` (fast: no Python per row),
``--clubs`` clubs with one kiosk and 100 children each and SIZE kiosk transactions spread evenly over
2026 (sales of 1-3 toasts at the child's friplads percentage, a cash top-up every 97th, a refund of the
sale before every 53rd), and one Z report per kiosk and day, with its seq range and sums. Then it runs
the real commands as a user would and reads each one's wall time and peak RSS (``os.wait4``):

- ``club-hub export ledger`` for every club and the whole year,
- ``club-hub export bills`` and ``subsidy`` for every club and one month (June),
- ``club-hub export saft-cash-register`` for one club and the whole year (validated against the XSD).

Memory must stay flat as the period grows (rows are streamed from server-side cursors and written as
they are read); time grows linearly. docs/benchmarks.md has the figures of this machine.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.hub import PrivatePostgres  # noqa: E402

GENERATE = """
INSERT INTO hub_clubs_club (club_id, name, version, created_at)
  SELECT 'klub-' || lpad(c::text, 3, '0'), 'Klub ' || c, 0, now() FROM generate_series(1, %(clubs)s) c;
INSERT INTO hub_clubs_kiosk (kiosk_id, club_id, token_sha256, applied_seq, last_hash, created_at)
  SELECT 'kiosk-' || substr(c.club_id, 6), c.id, md5(c.club_id) || md5('t' || c.club_id), %(per)s,
         repeat('0', 64), now()
  FROM hub_clubs_club c;
INSERT INTO hub_clubs_child (club_id, version, deleted, updated_at, child_id, display_name, friplads_pct, payment_mode,
                             daily_limit_ore, credit_limit_ore, restrictions, blocked)
  SELECT c.id, ch, false, now(), 'c-' || lpad(ch::text, 3, '0'), 'Barn ' || ch,
         CASE WHEN ch %% 5 = 0 THEN 50 WHEN ch %% 7 = 0 THEN 100 ELSE 0 END,
         CASE WHEN ch %% 10 = 3 THEN 'account' ELSE 'prepaid' END, NULL, 0, '[]'::jsonb, false
  FROM hub_clubs_club c, generate_series(1, 100) ch;
INSERT INTO hub_clubs_product (club_id, version, deleted, updated_at, product_id, name, price_ore, friplads_eligible,
                               category, barcode, tags, active, icon, image_sha256)
  SELECT c.id, 1000, false, now(), 'toast', 'Toast', 1500, true, 'food', NULL, '[]'::jsonb, true, NULL, NULL
  FROM hub_clubs_club c;
CREATE TEMP TABLE gen AS
  SELECT k.id AS kiosk, s AS seq, 1 + s %% 100 AS ch,
         CASE WHEN (1 + s %% 100) %% 5 = 0 THEN 50 WHEN (1 + s %% 100) %% 7 = 0 THEN 100 ELSE 0 END AS pct,
         CASE WHEN s %% 97 = 0 THEN 'topup_cash' WHEN s %% 53 = 0 AND s > 1 THEN 'refund' ELSE 'sale' END AS kind,
         DATE '2026-01-01' + ((s - 1) * 365 / %(per)s)::int AS bdate, 1500 * (1 + s %% 3) AS gross
  FROM hub_clubs_kiosk k, generate_series(1, %(per)s) s;
INSERT INTO hub_ledger_kiosktransaction (kiosk_id, seq, txn_id, kind, child_id, refers_to, balance_delta_ore,
                                         prev_hash, hash, content, status, reason, decided_at, business_date)
  SELECT kiosk, seq, md5(kiosk || '-' || seq)::uuid::text, kind, 'c-' || lpad(ch::text, 3, '0'),
         CASE WHEN kind = 'refund' THEN md5(kiosk || '-' || (seq - 1))::uuid::text END,
         CASE WHEN kind = 'sale' THEN -net WHEN kind = 'topup_cash' THEN 5000 ELSE net END,
         md5('p' || kiosk || '-' || seq) || md5('q' || seq), md5('h' || kiosk || '-' || seq) || md5('i' || seq),
         jsonb_build_object(
           'txn_id', md5(kiosk || '-' || seq)::uuid::text, 'seq', seq, 'kind', kind,
           'child_id', 'c-' || lpad(ch::text, 3, '0'), 'card_uid', NULL,
           'staff_id', CASE WHEN kind = 'sale' THEN NULL ELSE 's-1' END,
           'occurred_at', to_char(bdate, 'YYYY-MM-DD') || 'T15:00:00.000+01:00',
           'business_date', to_char(bdate, 'YYYY-MM-DD'),
           'lines', CASE WHEN kind = 'topup_cash' THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object(
               'product_id', 'toast', 'qty', gross / 1500, 'unit_price_ore', 1500, 'gross_ore', gross,
               'subsidy_ore', sub, 'net_ore', net)) END,
           'gross_ore', CASE WHEN kind = 'topup_cash' THEN 5000 ELSE gross END,
           'subsidy_ore', CASE WHEN kind = 'topup_cash' THEN 0 ELSE sub END,
           'net_ore', CASE WHEN kind = 'topup_cash' THEN 5000 ELSE net END,
           'balance_delta_ore', CASE WHEN kind = 'sale' THEN -net WHEN kind = 'topup_cash' THEN 5000 ELSE net END,
           'friplads_pct', pct,
           'refers_to', CASE WHEN kind = 'refund' THEN md5(kiosk || '-' || (seq - 1))::uuid::text END,
           'note', NULL, 'offline', false, 'prev_hash', repeat('0', 64), 'hash', repeat('0', 64))::text,
         'accepted', NULL, bdate + TIME '16:00', bdate
  FROM (SELECT *, (gross * pct + 50) / 100 AS sub, gross - (gross * pct + 50) / 100 AS net FROM gen) g;
INSERT INTO hub_api_dayclosing (closing_id, kiosk_id, business_date, z_number, content, flagged, flag_reason,
                                received_at)
  SELECT md5('z' || kiosk_id || business_date)::uuid::text, kiosk_id, business_date,
         row_number() OVER (PARTITION BY kiosk_id ORDER BY business_date),
         jsonb_build_object('first_seq', min(seq), 'last_seq', max(seq), 'closed_by', 's-1',
           'opened_at', to_char(business_date, 'YYYY-MM-DD') || 'T13:00:00+01:00',
           'closed_at', to_char(business_date, 'YYYY-MM-DD') || 'T18:00:00+01:00',
           'counts', jsonb_build_object('sale', count(*) FILTER (WHERE kind = 'sale'),
                                        'refund', count(*) FILTER (WHERE kind = 'refund'), 'void', 0,
                                        'topup_cash', count(*) FILTER (WHERE kind = 'topup_cash'), 'adjustment', 0),
           'sales_net_ore', coalesce(sum(-balance_delta_ore) FILTER (WHERE kind = 'sale'), 0),
           'sales_subsidy_ore', 0,
           'returns_net_ore', coalesce(sum(balance_delta_ore) FILTER (WHERE kind = 'refund'), 0),
           'topup_cash_ore', coalesce(sum(balance_delta_ore) FILTER (WHERE kind = 'topup_cash'), 0),
           'opening_float_ore', 0, 'cash_expected_ore', 0, 'cash_counted_ore', 0, 'cash_difference_ore', -50,
           'grand_total_sales_ore', 0, 'grand_total_returns_ore', 0)::text,
         false, NULL, business_date + TIME '18:00'
  FROM hub_ledger_kiosktransaction GROUP BY kiosk_id, business_date;
"""


def hub(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hub", *args, "--database", url], capture_output=True, text=True,
                          cwd=ROOT, check=False)  # fmt: skip


def measured(url: str, *args: str) -> dict[str, float]:
    """Run ``club-hub export ...`` and return its wall time and peak RSS."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "hub", "export", *args[:1], "--database", url, *args[1:]],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if code != 0:
        raise SystemExit(f"{' '.join(args)} exited {code}: {err}")
    return {"seconds": round(seconds, 2), "peak_rss_mib": round(usage.ru_maxrss / 1024, 1)}


def run(size: int, clubs: int, pg: PrivatePostgres, folder: Path, n: int) -> dict[str, object]:
    import psycopg

    name = f"bench_{n}"
    pg.execute(f"CREATE DATABASE {name}")
    url = pg.url(name)
    res = hub(url, "migrate")
    assert res.returncode == 0, res.stderr
    per = max(1, size // clubs)
    start = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(GENERATE % {"clubs": clubs, "per": per})  # type: ignore[arg-type]
        conn.execute("VACUUM ANALYZE")
        rows = conn.execute("SELECT count(*) FROM hub_ledger_kiosktransaction").fetchone()
    generated = time.perf_counter() - start
    out = folder / f"{n}"
    out.mkdir()
    result: dict[str, object] = {"transactions": rows[0] if rows else 0, "clubs": clubs,
                                 "generate_seconds": round(generated, 1)}  # fmt: skip
    result["ledger_year_all_clubs"] = measured(url, "ledger", "--from", "2026-01-01", "--to", "2026-12-31",
                                               str(out / "ledger.csv"))  # fmt: skip
    result["ledger_bytes"] = (out / "ledger.csv").stat().st_size
    result["bills_month_all_clubs"] = measured(url, "bills", "--month", "2026-06", str(out / "bills.csv"))
    result["subsidy_month_all_clubs"] = measured(url, "subsidy", "--month", "2026-06", str(out / "subsidy.csv"))
    result["saft_year_one_club"] = measured(url, "saft-cash-register", "--club", "klub-001", "--from", "2026-01-01",
                                            "--to", "2026-12-31", str(out / "saft.xml"))  # fmt: skip
    result["saft_bytes"] = (out / "saft.xml").stat().st_size
    for f in out.iterdir():
        f.unlink()
    pg.execute(f"DROP DATABASE {name}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,300000,1000000")
    parser.add_argument("--clubs", type=int, default=150)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    pg = PrivatePostgres().start()
    results = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            os.chmod(tmp, 0o755)
            for n, size in enumerate(int(s) for s in args.sizes.split(",")):
                r = run(size, args.clubs, pg, Path(tmp), n)
                results.append(r)
                if not args.json:
                    print(json.dumps(r), flush=True)
    finally:
        pg.stop()
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
