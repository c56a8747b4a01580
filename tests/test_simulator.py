"""The headless simulator's protocol, run as the real command on a real SQLite file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli, simulate

T0 = {"clock": "2026-11-25T14:00:00+01:00"}


@pytest.fixture
def db(sim_db: Path) -> Path:
    return sim_db


def test_sim_purchase_with_friplads(db):
    out = simulate(db, [T0, {"tap": "BARN02"}, {"add": "toast", "qty": 2}, {"add": "juice"}, {"pay": True}])
    assert out[0] == {"event": "clock"}
    assert out[1] == {"event": "identified", "child_id": "c-02", "display_name": "Noah P.", "balance_ore": 4000}
    assert out[2] == {"event": "added", "product_id": "toast", "qty": 2, "net_ore": 1500}
    assert out[3] == {"event": "added", "product_id": "juice", "qty": 1, "net_ore": 500}  # not eligible
    approved = out[4]
    assert approved["event"] == "approved" and approved["seq"] == 1
    assert (approved["gross_ore"], approved["subsidy_ore"], approved["net_ore"]) == (3500, 1500, 2000)
    assert approved["balance_ore"] == 2000
    assert set(approved) == {"event", "txn_id", "seq", "gross_ore", "subsidy_ore", "net_ore", "balance_ore"}


def test_sim_one_output_line_per_input_and_errors_do_not_stop(db):
    lines = [T0, "this is not json", "[1,2]", {"dance": True}, {"pay": True}, {"remove": "toast"},
             {"add": "toast"}, {"tap": 42}, {"tap": "BARN01"}, {"add": "nope"}, {"add": "toast", "qty": 0},
             {"add": "toast", "qty": "2"}, {"remove": "toast"}, {"cancel": True}]  # fmt: skip
    out = simulate(db, lines)
    assert len(out) == len(lines)
    assert [o["event"] for o in out] == ["clock", "error", "error", "error", "error", "error", "error", "error",
                                         "identified", "error", "error", "error", "error", "cancelled"]  # fmt: skip
    assert all("message" in o for o in out if o["event"] == "error")


@pytest.mark.parametrize(
    ("card", "reason"),
    [("NOPE0000", "unknown_card"), ("BARN99", "card_lost"), ("BARN98", "card_blocked"),
     ("BARN08", "child_blocked"), ("x", "unknown_card")],
)
def test_sim_tap_declines(db, card, reason):
    out = simulate(db, [T0, {"tap": card}, {"add": "toast"}])
    assert out[1] == {"event": "declined", "reason": reason}
    assert out[2]["event"] == "error"  # no child session started


def test_sim_tap_normalised_and_repeat_ignored_within_1_5_s(db):
    out = simulate(db, [
        T0, {"tap": "04:a1:b2:c3:d4:00:01"}, {"tap": "04A1B2C3D40001"},
        {"clock": "2026-11-25T14:00:01.400+01:00"}, {"tap": "04a1b2c3d40001"},
        {"clock": "2026-11-25T14:00:01.600+01:00"}, {"tap": "04 A1 B2 C3 D4 00 01"},
    ])  # fmt: skip
    assert out[1]["child_id"] == "c-01"
    assert out[2] == {"event": "ignored"} and out[4] == {"event": "ignored"}
    assert out[6]["event"] == "identified"


def test_sim_new_child_drops_old_basket(db):
    out = simulate(db, [T0, {"tap": "BARN01"}, {"add": "toast"}, {"tap": "BARN10"}, {"add": "water"}, {"pay": True}])
    assert out[3]["child_id"] == "c-10"
    assert out[5]["net_ore"] == 200  # only the new child's water


def test_sim_add_declines_and_remove(db):
    out = simulate(db, [T0, {"tap": "BARN06"}, {"add": "juice"}, {"add": "icelolly"}, {"add": "milk"},
                        {"remove": "milk"}, {"pay": True}])  # fmt: skip
    assert out[2] == {"event": "declined", "reason": "restricted_product"}
    assert out[3] == {"event": "declined", "reason": "inactive_product"}
    assert out[5] == {"event": "removed"}
    assert out[6] == {"event": "declined", "reason": "empty_basket"}


def test_sim_scan_routes_cards_and_products(db):
    scans = ["5701234567899", "GARBAGE!", "barn01", "5701234567899", "20123451", "999999"]
    out = simulate(db, [T0, *({"scan": s} for s in scans), {"pay": True}])
    assert out[1]["event"] == "error"  # a product with no child
    assert out[2] == {"event": "declined", "reason": "unknown_card"}
    assert out[3]["event"] == "identified" and out[3]["child_id"] == "c-01"
    assert out[4] == {"event": "added", "product_id": "toast", "qty": 1, "net_ore": 1500}
    assert out[5]["product_id"] == "apple"
    assert out[6]["event"] == "error"  # unknown code with a child
    assert out[7]["net_ore"] == 1800


def test_sim_scan_misread_ean_is_unknown(db):
    out = simulate(db, [T0, {"tap": "BARN01"}, {"scan": "5701234567898"}, {"scan": " 5701234567899 "}])
    assert out[2]["event"] == "error"  # wrong check digit: a misread, never a product
    assert out[3]["product_id"] == "toast"


def test_sim_insufficient_funds_keeps_basket_then_pays(db):
    out = simulate(db, [T0, {"tap": "BARN04"}, {"add": "apple"}, {"add": "toast"}, {"pay": True},
                        {"remove": "toast"}, {"pay": True}])  # fmt: skip
    assert out[4] == {"event": "declined", "reason": "insufficient_funds"}
    assert out[6]["event"] == "approved" and out[6]["balance_ore"] == 0  # down to exactly zero


def test_sim_account_mode_to_credit_limit(db):
    out = simulate(db, [T0, {"tap": "BARN07"}, {"add": "cinema"}, {"pay": True},  # 0 -> -75
                        {"clock": "2026-11-25T14:01:00+01:00"}, {"tap": "BARN07"}, {"add": "toast"}, {"pay": True},
                        {"clock": "2026-11-25T14:02:00+01:00"}, {"tap": "BARN07"}, {"add": "pizza"}, {"pay": True},
                        {"remove": "pizza"}, {"add": "carrot"}, {"pay": True}])  # fmt: skip
    assert out[3]["balance_ore"] == -7500
    assert out[7]["balance_ore"] == -9000  # below zero is fine on account
    assert out[11] == {"event": "declined", "reason": "insufficient_funds"}  # -11000 is past the 100 kr credit
    assert out[14]["balance_ore"] == -9200


def test_sim_daily_limit_counts_the_day_only(db):
    out = simulate(db, [
        T0, {"tap": "BARN05"}, {"add": "toast"}, {"pay": True},  # 15 of 20 kr
        {"clock": "2026-11-25T14:00:10+01:00"}, {"tap": "BARN05"}, {"add": "bun"}, {"pay": True},  # 23 > 20
        {"remove": "bun"}, {"add": "juice"}, {"pay": True},  # exactly 20: fine
        {"clock": "2026-11-26T09:00:00+01:00"}, {"tap": "BARN05"}, {"add": "toast"}, {"pay": True},  # a new day
    ], "--offline-after-s", "1000000")  # fmt: skip
    assert out[3]["event"] == "approved"
    assert out[7] == {"event": "declined", "reason": "daily_limit"}
    assert out[10]["event"] == "approved"
    assert out[14]["event"] == "approved"


def test_sim_offline_cap(db):
    # Synced at 13:55; offline after 600 s, i.e. from 14:05.
    base = ["--offline-cap-ore", "2000", "--offline-after-s", "600"]
    out = simulate(db, [
        T0, {"tap": "BARN10"}, {"add": "salad"}, {"pay": True},  # online: no cap
        {"clock": "2026-11-25T14:10:00+01:00"}, {"tap": "BARN10"}, {"add": "toast"}, {"pay": True},  # offline 15
        {"clock": "2026-11-25T14:10:05+01:00"}, {"tap": "BARN10"}, {"add": "bun"}, {"pay": True},  # 23 > 20
        {"remove": "bun"}, {"add": "apple"}, {"pay": True},  # 18: fine
    ], *base)  # fmt: skip
    assert out[3]["event"] == "approved"
    assert out[7]["event"] == "approved"
    assert out[11] == {"event": "declined", "reason": "offline_limit"}
    assert out[14]["event"] == "approved"
    journal = [json.loads(x) for x in run_cli("journal", "--db", str(db)).stdout.splitlines()]
    assert [t["offline"] for t in journal] == [False, True, True]


def test_sim_never_synced_counts_as_offline(tmp_path):
    db = tmp_path / "never.sqlite"
    snap = tmp_path / "snap.json"
    snap.write_text(run_cli("demo-snapshot").stdout)
    # A ledger whose last sync was long ago behaves like one that never synced.
    assert run_cli("import-snapshot", "--db", str(db), "--synced-at", "2020-01-01T00:00:00Z", str(snap)).returncode == 0
    out = simulate(db, [T0, {"tap": "BARN10"}, {"add": "toast"}, {"pay": True}], "--offline-cap-ore", "1000")
    assert out[3] == {"event": "declined", "reason": "offline_limit"}


def test_sim_walk_away_ends_session(db):
    out = simulate(db, [T0, {"tap": "BARN01"}, {"add": "toast"},
                        {"clock": "2026-11-25T14:00:29+01:00"}, {"add": "toast"},
                        {"clock": "2026-11-25T14:00:59+01:00"}, {"pay": True}])  # fmt: skip
    assert out[4]["event"] == "added"  # 29 s: still there (and the timer restarts)
    assert out[6]["event"] == "error"  # 30 s without input: walked away, no session


def test_sim_cancel_returns_to_idle(db):
    out = simulate(db, [T0, {"tap": "BARN01"}, {"add": "toast"}, {"cancel": True}, {"pay": True}])
    assert out[3] == {"event": "cancelled"} and out[4]["event"] == "error"
