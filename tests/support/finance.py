"""The finance tests' data: real kiosks (``club-kiosk import-snapshot`` + ``simulate``) selling over a
month boundary and syncing with a real ``club-hub serve`` (``club-kiosk sync --once``); and a small fixed
club (fixed txn ids, times and decisions) for the golden files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import run_cli, simulate
from tests.support.hub import CLUB, Chain, HubServer, sql
from tests.support.sim import METTE
from tests.support.sync import rich_snapshot


def kiosk_db(folder: Path, kiosk_id: str) -> Path:
    snap = {**rich_snapshot(), "kiosk_id": kiosk_id}
    path, snap_file = folder / f"{kiosk_id}.sqlite", folder / f"{kiosk_id}-snap.json"
    snap_file.write_text(json.dumps(snap), encoding="utf-8")
    res = run_cli("import-snapshot", "--db", str(path), "--synced-at", "2026-10-31T12:00:00+01:00", str(snap_file))
    assert res.returncode == 0, res.stderr
    return path


def sell(clock: str, card: str, *products: str) -> list[Any]:
    return [{"clock": clock}, {"tap": card}, *({"add": p, "qty": 1} for p in products), {"pay": True}]


def staff(clock: str, *lines: dict[str, Any]) -> list[Any]:
    return [{"clock": clock}, METTE, *lines, {"leave_staff": True}]


def approved(out: list[dict[str, Any]]) -> list[str]:
    return [o["txn_id"] for o in out if o["event"] == "approved"]


def kiosk_sync(db: Path, hub: HubServer, kiosk_id: str, token: str, folder: Path) -> str:
    token_file = folder / f"{kiosk_id}.token"
    token_file.write_text(token + "\n")
    token_file.chmod(0o600)
    res = run_cli("sync", "--once", "--db", str(db), "--url", hub.url, "--club", CLUB, "--kiosk", kiosk_id,
                  "--token-file", str(token_file))  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr
    return res.stdout


def journal(db: Path) -> list[dict[str, Any]]:
    res = run_cli("journal", "--db", str(db), "--verify")
    assert res.returncode == 0 and res.stdout.startswith("journal ok"), res.stdout + res.stderr
    res = run_cli("journal", "--db", str(db))
    assert res.returncode == 0, res.stderr
    return [json.loads(line) for line in res.stdout.splitlines() if line.strip()]


def two_kiosks_over_a_month_boundary(hub: HubServer, tokens: dict[str, str], folder: Path) -> dict[str, Path]:
    """kiosk-1: sales on 31 October (closed, 5 kr short in the till), a refund and a void of those sales on
    1 November (closed), a sale on 2 November (not closed). kiosk-2: sales on 31 October (closed)."""
    k1 = kiosk_db(folder, "kiosk-1")
    day1 = "2026-10-31T14:{:02d}:00+01:00"
    out = simulate(k1, [
        *sell(day1.format(0), "BARN01", "toast", "juice"),          # c-01, 0 %
        *sell(day1.format(1), "BARN02", "toast", "toast", "cocoa"),  # c-02, 50 % (cocoa is not eligible)
        *sell(day1.format(2), "BARN07", "pizza", "milk"),            # c-07, account mode
        *sell(day1.format(3), "BARN03", "milk", "cookie"),           # c-03, 100 %
        *sell(day1.format(4), "BARN07", "bun"),                      # c-07 again
    ])
    sales = approved(out)
    assert len(sales) == 5, out
    out = simulate(k1, staff(day1.format(10), {"topup_cash": 5000, "child_id": "c-01"},
                             {"close_day": {"cash_counted_ore": 4500}}))  # fmt: skip
    assert [o["event"] for o in out][1:4] == ["staff_mode", "topped_up", "z_report"], out
    day2 = "2026-11-01T15:{:02d}:00+01:00"
    out = simulate(k1, [
        *staff(day2.format(0), {"refund": sales[1], "product_ids": ["toast"], "reason": "brændt"},
               {"void": sales[2], "reason": "forkert barn"},
               {"adjustment": 1000, "child_id": "c-05", "note": "fejl i optælling"}),
        *sell(day2.format(5), "BARN09", "salad", "water"),           # c-09, 50 %
        *sell(day2.format(6), "BARN07", "toast"),                    # c-07 in November
        *staff(day2.format(20), {"close_day": {"cash_counted_ore": 0}}),
    ])
    events = [o["event"] for o in out]
    assert events.count("approved") == 2 and "refunded" in events and "voided" in events and "adjusted" in events, out
    assert events[-2] == "z_report", out
    out = simulate(k1, sell("2026-11-02T14:00:00+01:00", "BARN12", "swim"))  # c-12, 100 %: a day left open
    assert len(approved(out)) == 1, out
    k2 = kiosk_db(folder, "kiosk-2")
    day = "2026-10-31T16:{:02d}:00+01:00"
    out = simulate(k2, [
        *sell(day.format(0), "BARN07", "salad"),
        *sell(day.format(1), "BARN12", "cinema", "popcorn"),         # c-12, 100 %
        *sell(day.format(2), "BARN02", "apple"),
        *staff(day.format(10), {"topup_cash": 2000, "child_id": "c-02"}, {"close_day": {"cash_counted_ore": 2000}}),
    ])
    assert len(approved(out)) == 3 and out[-2]["event"] == "z_report", out
    for kiosk_id, db in (("kiosk-1", k1), ("kiosk-2", k2)):
        text = kiosk_sync(db, hub, kiosk_id, tokens[kiosk_id], folder)
        assert "rejected" not in text.replace("rejected 0", ""), text
    flagged = sql(hub.database, "SELECT COUNT(*) FROM hub_api_dayclosing WHERE flagged")
    closings = sql(hub.database, "SELECT COUNT(*) FROM hub_api_dayclosing")
    assert closings == [(3,)] and flagged == [(0,)]
    return {"kiosk-1": k1, "kiosk-2": k2}


# --- a small fixed club for the golden files ---------------------------------------------------

FIXED_DECIDED = "2026-10-15 17:00:00+00"  # 19:00 in Copenhagen, after the last sale
FIXED_OPENING = "2026-10-01 08:00:00+00"


def closing_for(items: list[dict[str, Any]], z: int, counted: int, closing_id: str) -> dict[str, Any]:
    """The contract's day closing for ``items`` (one business day of one kiosk)."""
    kinds = ("sale", "refund", "void", "topup_cash", "adjustment")

    def total(key: str, *ks: str) -> int:
        return sum(i[key] for i in items if i["kind"] in ks)

    topups = total("net_ore", "topup_cash")
    day = items[0]["business_date"]
    return {"closing_id": closing_id, "business_date": day, "z_number": z,
            "opened_at": f"{day}T13:00:00+02:00", "closed_at": f"{day}T18:00:00+02:00", "closed_by": "s-1",
            "first_seq": items[0]["seq"], "last_seq": items[-1]["seq"], "last_hash": items[-1]["hash"],
            "counts": {k: sum(1 for i in items if i["kind"] == k) for k in kinds},
            "sales_gross_ore": total("gross_ore", "sale"), "sales_subsidy_ore": total("subsidy_ore", "sale"),
            "sales_net_ore": total("net_ore", "sale"), "returns_net_ore": total("net_ore", "refund", "void"),
            "topup_cash_ore": topups, "adjustments_ore": total("balance_delta_ore", "adjustment"),
            "opening_float_ore": 0, "cash_expected_ore": topups, "cash_counted_ore": counted,
            "cash_difference_ore": counted - topups, "staff_actions": 2,
            "grand_total_sales_ore": 100000 + total("net_ore", "sale"),
            "grand_total_returns_ore": 500 + total("net_ore", "refund", "void")}  # fmt: skip


def fixed_club(hub: HubServer, token: str) -> None:
    """kiosk-1 of the demo club: two days of October 2026 with fixed ids, closed by Z reports; every
    decision dated 15 October 2026 19:00 and the opening balances 1 October 10:00 (Copenhagen), so the
    files never change."""
    chain = Chain()
    n = iter(range(1, 100))

    def tid() -> str:
        return f"00000000-0000-4000-8000-{next(n):012d}"

    d1 = "2026-10-14T15:{:02d}:00.000+02:00"
    day1 = [
        chain.next(child="c-01", lines=[("toast", 1, 1500), ("juice", 2, 500)], occurred_at=d1.format(1), txn_id=tid()),
        chain.next(child="c-02", card="04A1B2C3D40002", lines=[("toast", 2, 1500)], pct=50, occurred_at=d1.format(2),
                   txn_id=tid()),
        chain.next(child="c-07", card="04A1B2C3D40007", lines=[("pizza", 1, 2000)], occurred_at=d1.format(3),
                   txn_id=tid()),
        chain.next(child="c-03", card="04A1B2C3D40003", lines=[("milk", 1, 600)], pct=100, occurred_at=d1.format(4),
                   txn_id=tid()),
        chain.next("topup_cash", child="c-01", amount=5000, occurred_at=d1.format(20), txn_id=tid()),
    ]  # fmt: skip
    d2 = "2026-10-15T15:{:02d}:00.000+02:00"
    day2 = [
        chain.next("refund", child="c-02", lines=[("toast", 2, 1500)], pct=50, refers_to=day1[1]["txn_id"],
                   occurred_at=d2.format(1), txn_id=tid()),
        chain.next("void", child="c-07", lines=[("pizza", 1, 2000)], refers_to=day1[2]["txn_id"],
                   occurred_at=d2.format(2), txn_id=tid()),
        chain.next(child="c-07", card="04A1B2C3D40007", lines=[("bun", 2, 800)], occurred_at=d2.format(3),
                   txn_id=tid()),
        chain.next("adjustment", child="c-05", amount=-300, occurred_at=d2.format(4), txn_id=tid()),
    ]  # fmt: skip
    r = hub.request("POST", "/v1/kiosks/kiosk-1/transactions", token, {"transactions": day1 + day2})
    assert r.status_code == 200, r.text
    assert all(x["status"] == "accepted" for x in r.json()["results"]), r.json()
    for z, (items, counted) in enumerate(((day1, 4500), (day2, 0)), start=1):
        body = closing_for(items, z, counted, f"00000000-0000-4000-9000-{z:012d}")
        r = hub.request("POST", "/v1/kiosks/kiosk-1/day-closings", token, body)
        assert r.status_code == 200 and r.json()["status"] == "accepted", r.text
    # fixed decision times (the rows are otherwise as the hub stored them)
    _execute(hub.database, f"UPDATE hub_ledger_kiosktransaction SET decided_at = '{FIXED_DECIDED}'")
    _execute(hub.database, f"UPDATE hub_api_dayclosing SET received_at = '{FIXED_DECIDED}'")
    _execute(hub.database, f"UPDATE hub_ledger_entry SET created_at = '{FIXED_OPENING}' WHERE kind = 'opening'")
    _execute(hub.database, f"UPDATE hub_clubs_product SET updated_at = '{FIXED_OPENING}'")


def _execute(url: str, statement: str) -> None:
    if url.startswith("sqlite:"):
        import sqlite3

        with sqlite3.connect(url[len("sqlite:///"):]) as conn:
            conn.execute(statement.replace("+00'", "'"))  # Django keeps UTC without an offset on SQLite
        return
    import psycopg

    with psycopg.connect(url) as conn:
        conn.execute(statement)  # type: ignore[arg-type]
