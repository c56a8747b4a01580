"""Staff mode through the simulator (the real command on a real SQLite file)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run_cli, simulate
from tests.support.sim import JONAS, METTE, T0


@pytest.fixture
def db(sim_db: Path) -> Path:
    return sim_db


def journal(db: Path) -> list[dict]:
    return [json.loads(line) for line in run_cli("journal", "--db", str(db)).stdout.splitlines()]


def test_staff_pin_lockout_after_five_wrong(db):
    wrong = {"staff": "04AABBCCDD0002", "pin": "0000"}
    out = simulate(db, [T0, wrong, wrong, wrong, wrong, wrong, JONAS, {"staff": "NOPE0000", "pin": "1234"}])
    assert [o.get("reason") for o in out[1:6]] == ["wrong_pin"] * 5
    assert out[6] == {"event": "staff_denied", "reason": "locked"}  # even the right PIN
    assert out[7] == {"event": "staff_denied", "reason": "unknown_card"}
    # The lock is in the database: a new run at 14:04 is still locked, at 14:05:01 it is over.
    out = simulate(db, [{"clock": "2026-11-25T14:04:00+01:00"}, JONAS, {"clock": "2026-11-25T14:05:01+01:00"}, JONAS])
    assert out[1]["reason"] == "locked"
    assert out[3] == {"event": "staff_mode", "staff_id": "s-2", "role": "staff"}


def test_staff_mode_ends_by_leaving_idle_or_a_child_card(db):
    out = simulate(db, [
        T0, JONAS, {"leave_staff": True}, {"topup_cash": 1000, "child_id": "c-01"},
        JONAS, {"clock": "2026-11-25T14:01:01+01:00"}, {"topup_cash": 1000, "child_id": "c-01"},
        {"clock": "2026-11-25T14:02:00+01:00"}, JONAS, {"tap": "BARN01"}, {"topup_cash": 1000, "child_id": "c-01"},
    ])  # fmt: skip
    assert out[2] == {"event": "child_mode"}
    assert out[3] == {"event": "declined", "reason": "not_allowed"}
    assert out[6] == {"event": "declined", "reason": "not_allowed"}  # more than 60 s without a staff line
    assert out[9]["event"] == "identified"  # the child's card ends staff mode and starts the session
    assert out[10] == {"event": "declined", "reason": "not_allowed"}


def test_staff_roles(db):
    out = simulate(db, [T0, JONAS, {"open_day": True, "opening_float_ore": 0}, {"x_report": True},
                        {"close_day": {"cash_counted_ore": 0}}, {"adjustment": 100, "child_id": "c-01", "note": "x"},
                        {"topup_cash": 500, "child_id": "c-01"}])  # fmt: skip
    assert [o["reason"] for o in out[2:6]] == ["not_allowed"] * 4
    assert out[6]["event"] == "topped_up" and out[6]["balance_ore"] == 5500


def test_staff_void_and_refund_rules(db):
    out = simulate(db, [T0, {"tap": "BARN02"}, {"add": "toast", "qty": 2}, {"add": "juice"}, {"pay": True},
                        {"clock": "2026-11-25T14:00:05+01:00"}, {"tap": "BARN02"}, {"add": "milk"},
                        {"pay": True}])  # fmt: skip
    sale1, sale2 = out[4]["txn_id"], out[8]["txn_id"]
    assert out[8]["balance_ore"] == 4000 - 2000 - 300
    out = simulate(db, [
        {"clock": "2026-11-25T14:10:00+01:00"}, JONAS,
        {"refund": sale1, "product_ids": ["juice"], "reason": "spilt"},
        {"refund": sale1, "product_ids": ["juice"], "reason": "again"},
        {"refund": sale1, "product_ids": ["pizza"], "reason": "no"},
        {"void": sale1, "reason": "already refunded a line"},
        {"void": sale2, "reason": "wrong child"},
        {"void": sale2, "reason": "twice"},
        {"refund": sale2, "product_ids": ["milk"], "reason": "after void"},
        {"void": "00000000-0000-4000-8000-000000000000", "reason": "?"},
    ])  # fmt: skip
    assert out[2]["event"] == "refunded" and out[2]["refers_to"] == sale1 and out[2]["net_ore"] == 500
    assert out[3] == {"event": "declined", "reason": "already_refunded"}
    assert out[4] == {"event": "declined", "reason": "line_not_in_sale"}
    assert out[5] == {"event": "declined", "reason": "already_refunded"}
    assert out[6]["event"] == "voided" and out[6]["refers_to"] == sale2
    assert out[7] == {"event": "declined", "reason": "already_voided"}
    assert out[8] == {"event": "declined", "reason": "already_voided"}
    assert out[9] == {"event": "declined", "reason": "unknown_txn"}
    items = journal(db)
    refund, void = items[2], items[3]
    assert refund["kind"] == "refund" and refund["lines"] == [items[0]["lines"][1]]  # the line exactly as sold
    assert refund["balance_delta_ore"] == 500 and refund["friplads_pct"] == 50 and refund["staff_id"] == "s-2"
    assert void["lines"] == items[1]["lines"] and void["balance_delta_ore"] == items[1]["net_ore"]
    out = simulate(db, [{"clock": "2026-11-25T14:20:00+01:00"}, {"tap": "BARN02"}])
    assert out[1]["balance_ore"] == 4000 - 2000 + 500  # sale 1 minus the refunded juice; sale 2 voided
    assert run_cli("journal", "--db", str(db), "--verify").returncode == 0


def test_staff_cash_topup_rules_and_receipt(db):
    out = simulate(db, [T0, JONAS, {"topup_cash": 2075, "child_id": "c-01"}, {"topup_cash": 0, "child_id": "c-01"},
                        {"topup_cash": -500, "child_id": "c-01"}, {"topup_cash": 12.5, "child_id": "c-01"},
                        {"topup_cash": 500, "child_id": "c-99"}, {"topup_cash": 2050, "child_id": "c-01"}])  # fmt: skip
    assert [o.get("reason") for o in out[2:7]] == ["invalid_amount"] * 4 + ["unknown_child"]
    assert out[7]["event"] == "topped_up" and out[7]["balance_ore"] == 7050
    topup = journal(db)[0]
    assert (topup["kind"], topup["gross_ore"], topup["net_ore"], topup["subsidy_ore"], topup["lines"]) == (
        "topup_cash", 2050, 2050, 0, [])
    assert topup["balance_delta_ore"] == 2050 and topup["card_uid"] is None


def test_staff_cards_lost_replacement_and_sell_without_card(db):
    out = simulate(db, [
        T0, {"tap": "NEWCARD1"}, JONAS, {"card_status": "BARN01", "status": "lost"},
        {"assign_card": "newcard1", "child_id": "c-01"}, {"new_card_code": "c-01"},
        {"sell_for": "c-02"}, {"add": "bun"}, {"pay": True},
        {"clock": "2026-11-25T14:00:10+01:00"}, {"tap": "BARN01"}, {"tap": "NEWCARD1"},
    ])  # fmt: skip
    assert out[1] == {"event": "declined", "reason": "unknown_card"}
    assert out[3] == {"event": "card_changed", "card_uid": "BARN01", "status": "lost"}
    assert out[4] == {"event": "card_assigned", "card_uid": "NEWCARD1", "child_id": "c-01"}
    assert out[5]["event"] == "card_assigned" and out[5]["card_uid"].startswith("K")
    assert out[6]["event"] == "identified" and out[6]["child_id"] == "c-02"
    assert out[8]["event"] == "approved"
    assert out[10] == {"event": "declined", "reason": "card_lost"}
    assert out[11]["child_id"] == "c-01" and out[11]["balance_ore"] == 5000  # same child, same balance
    sale = journal(db)[0]
    assert sale["card_uid"] is None and sale["staff_id"] == "s-2"
    con = sqlite3.connect(db)
    changes = con.execute("SELECT card_uid, child_id, status, staff_id, sent_status FROM card_changes").fetchall()
    assert ("BARN01", "c-01", "lost", "s-2", "pending") in changes and ("NEWCARD1", "c-01", "active", "s-2",
                                                                       "pending") in changes  # fmt: skip
    assert len(changes) == 3


def test_staff_z_report_matches_an_independent_sum_over_the_journal(db):
    lines = [T0]
    t = 0
    for card, product, qty in [("BARN01", "toast", 1), ("BARN02", "toast", 2), ("BARN03", "juice", 1),
                               ("BARN07", "cinema", 1), ("BARN09", "milk", 3), ("BARN10", "apple", 2)]:  # fmt: skip
        t += 5
        lines += [{"clock": f"2026-11-25T14:00:{t:02d}+01:00"}, {"tap": card}, {"add": product, "qty": qty},
                  {"pay": True}]  # fmt: skip
    out = simulate(db, lines)
    sales = [o["txn_id"] for o in out if o["event"] == "approved"]
    out = simulate(db, [
        {"clock": "2026-11-25T16:00:00+01:00"}, METTE, {"void": sales[1], "reason": "wrong"},
        {"refund": sales[4], "product_ids": ["milk"], "reason": "sour"},
        {"topup_cash": 10000, "child_id": "c-04"}, {"topup_cash": 5050, "child_id": "c-05"},
        {"adjustment": -300, "child_id": "c-06", "note": "correction"},
        {"x_report": True}, {"close_day": {"cash_counted_ore": 15000}},
    ])  # fmt: skip
    x, z = out[7], out[8]
    assert z["event"] == "z_report" and set(z) == {"event", "report", "by_product", "by_category"}
    report = z["report"]
    items = journal(db)
    day = [i for i in items if i["business_date"] == "2026-11-25"]
    independent = {
        "counts": {k: sum(i["kind"] == k for i in day) for k in ("sale", "refund", "void", "topup_cash", "adjustment")},
        "sales_gross_ore": sum(i["gross_ore"] for i in day if i["kind"] == "sale"),
        "sales_subsidy_ore": sum(i["subsidy_ore"] for i in day if i["kind"] == "sale"),
        "sales_net_ore": sum(i["net_ore"] for i in day if i["kind"] == "sale"),
        "returns_net_ore": sum(i["net_ore"] for i in day if i["kind"] in ("refund", "void")),
        "topup_cash_ore": sum(i["net_ore"] for i in day if i["kind"] == "topup_cash"),
        "adjustments_ore": sum(i["balance_delta_ore"] for i in day if i["kind"] == "adjustment"),
        "first_seq": day[0]["seq"], "last_seq": day[-1]["seq"], "last_hash": day[-1]["hash"],
        "grand_total_sales_ore": sum(i["net_ore"] for i in items if i["kind"] == "sale"),
        "grand_total_returns_ore": sum(i["net_ore"] for i in items if i["kind"] in ("refund", "void")),
    }  # fmt: skip
    for key, value in independent.items():
        assert report[key] == value, key
    assert report["cash_expected_ore"] == 0 + 15050 and report["cash_difference_ore"] == 15000 - 15050
    assert report["z_number"] == 1 and report["closed_by"] == "s-1" and report["staff_actions"] >= 7
    assert {k: v for k, v in x["report"].items() if k not in ("closing_id", "z_number", "closed_at",
            "cash_counted_ore", "cash_difference_ore", "staff_actions")} == {
        k: v for k, v in report.items() if k not in ("closing_id", "z_number", "closed_at", "cash_counted_ore",
                                                     "cash_difference_ore", "staff_actions")}  # fmt: skip
    assert z["by_product"]["toast"] == {"qty": 1, "net_ore": 1500}  # 1 + 2 sold, 2 voided
    assert z["by_product"]["milk"] == {"qty": 0, "net_ore": 0}
    assert sum(c["net_ore"] for c in z["by_category"].values()) == report["sales_net_ore"] - report["returns_net_ore"]
    # The contract's schema accepts it as a day closing.
    from sync.contract_schema import validation_error
    from sync.contract_schema import validators as _validators

    assert validation_error(_validators()["day-closings"], report) is None


def test_staff_day_left_open_past_midnight_is_closed_by_the_next_sale(db):
    out = simulate(db, [T0, METTE, {"open_day": True, "opening_float_ore": 20000}, {"open_day": True},
                        {"leave_staff": True}, {"tap": "BARN01"}, {"add": "toast"}, {"pay": True},
                        {"clock": "2026-11-26T08:00:00+01:00"}, {"tap": "BARN01"}, {"add": "bun"}, {"pay": True},
                        METTE, {"close_day": {"cash_counted_ore": 0}}])  # fmt: skip
    assert out[2] == {"event": "day_opened", "business_date": "2026-11-25"}
    assert out[3] == {"event": "declined", "reason": "day_already_open"}
    assert out[11]["event"] == "approved"
    assert out[13]["report"]["z_number"] == 2 and out[13]["report"]["business_date"] == "2026-11-26"
    con = sqlite3.connect(db)
    closings = con.execute("SELECT z_number, business_date, document FROM day_closings ORDER BY z_number").fetchall()
    first = json.loads(closings[0][2])
    assert (closings[0][0], closings[0][1]) == (1, "2026-11-25")
    assert first["closed_by"] == "auto" and first["cash_counted_ore"] == first["cash_expected_ore"] == 20000
    assert first["last_seq"] == 1 and json.loads(closings[1][2])["first_seq"] == 2
    assert [i["business_date"] for i in journal(db)] == ["2026-11-25", "2026-11-26"]


def test_staff_audit_log_records_who_what_before_after(db):
    simulate(db, [T0, JONAS, {"topup_cash": 1000, "child_id": "c-01"}, {"card_status": "BARN03", "status": "blocked"}])
    rows = sqlite3.connect(db).execute("SELECT staff_id, action, before, after FROM audit_log ORDER BY id").fetchall()
    assert [r[1] for r in rows] == ["staff_mode", "topup_cash", "card_change"]
    assert json.loads(rows[1][2]) == {"balance_ore": 5000} and json.loads(rows[1][3])["balance_ore"] == 6000
    assert json.loads(rows[2][2]) == {"child_id": "c-03", "status": "active"}
    assert all(r[0] == "s-2" for r in rows)


def test_staff_kiosk_settings_survive_a_restart(db):
    from dataclasses import replace
    from datetime import UTC, datetime

    from pos_app.bootstrap import build_kiosk
    from pos_app.config import Config
    from pos_app.domain.clock import SettableClock

    clock = SettableClock()
    clock.set(datetime(2026, 11, 25, 13, tzinfo=UTC))
    cfg = replace(Config(), db_path=db, offline_cap_ore=None)
    kiosk = build_kiosk(cfg, clock=clock, with_devices=False)
    assert kiosk.staff.change_settings({"offline_cap_ore": 1000}).event == "declined"  # not in staff mode
    assert kiosk.staff.login("04AABBCCDD0002", "4321").event == "staff_mode"
    assert kiosk.staff.change_settings({"offline_cap_ore": 1000}).as_event()["reason"] == "not_allowed"  # staff
    assert kiosk.staff.login("04AABBCCDD0001", "1234").event == "staff_mode"
    assert kiosk.staff.change_settings({"offline_cap_ore": 1000, "club_name": "Fritten"}).event == "settings_changed"
    assert kiosk.staff.change_settings({"printer": "none"}).as_event()["reason"] == "invalid_setting"
    kiosk.engine.dispose()
    again = build_kiosk(cfg, clock=clock, with_devices=False)
    assert again.config.club_name == "Fritten" and again.checkout.settings.offline_cap_ore == 1000
    rows = sqlite3.connect(db).execute("SELECT action, after FROM audit_log WHERE action = 'settings'").fetchall()
    assert json.loads(rows[0][1]) == {"offline_cap_ore": 1000, "club_name": "Fritten"}
    again.engine.dispose()


def test_staff_another_childs_card_is_moved_only_when_that_child_is_named(db):
    out = simulate(db, [
        T0, JONAS, {"assign_card": "BARN01", "child_id": "c-02"},
        {"assign_card": "BARN01", "child_id": "c-02", "from_child_id": "c-03"},
        {"assign_card": "04AABBCCDD0001", "child_id": "c-02"},
        {"clock": "2026-11-25T14:00:10+01:00"}, {"tap": "BARN01"}, JONAS,
        {"assign_card": "BARN01", "child_id": "c-02", "from_child_id": "c-01"},
        {"clock": "2026-11-25T14:00:20+01:00"}, {"tap": "BARN01"},
    ])  # fmt: skip
    assert out[2] == {"event": "declined", "reason": "card_of_another_child"}  # not silently
    assert out[3] == {"event": "declined", "reason": "card_of_another_child"}  # naming the wrong child
    assert out[4] == {"event": "declined", "reason": "staff_card"}
    assert out[6]["child_id"] == "c-01"  # still Alma's card
    assert out[8] == {"event": "card_assigned", "card_uid": "BARN01", "child_id": "c-02"}
    assert out[10]["child_id"] == "c-02"  # now Noah's
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM card_changes").fetchone()[0] == 1  # only the confirmed move
