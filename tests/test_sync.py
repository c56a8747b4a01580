"""The sync engine against a finance side on 127.0.0.1: the club hub (``club-hub serve``) where a correct
one is all a test needs, the fault-injecting double where faults are injected or its books are changed
behind the API."""

from __future__ import annotations

import copy
import os
import random
import signal
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from sqlalchemy import text

from pos_app.storage.ledger import Ledger
from sync.engine import EXIT_OK, EXIT_PERSON, EXIT_TRANSIENT
from tests.conftest import ROOT
from tests.support.sync import (
    CLUB,
    KIOSK,
    TOKEN,
    assert_balances_agree,
    assert_exactly_once,
    engine_for,
)


def test_sync_uploads_pulls_and_balances_agree(kiosk, hub_finance):
    server = hub_finance
    kiosk.sales(7)
    outcome = engine_for(kiosk, server).run_once()
    assert outcome.exit_code == EXIT_OK, outcome.error
    # The imported file's cursor means nothing to this server: bad_cursor, then a full pull.
    assert outcome.result.accepted == 7 and outcome.result.snapshot == "full"
    assert kiosk.state().applied_seq == 7
    assert_exactly_once(kiosk, server)
    assert_balances_agree(kiosk, server)
    again = engine_for(kiosk, server).run_once()
    assert again.exit_code == EXIT_OK and again.result.uploaded == 0  # nothing sent twice
    assert again.result.snapshot == "incremental"


def test_sync_server_down_then_back(kiosk, server):
    kiosk.sales(3)
    port = server.port
    server.stop()
    outcome = engine_for(kiosk, server).run_once(budget_s=1.0)
    assert outcome.exit_code == EXIT_TRANSIENT
    assert "ConnectionError" in str(outcome.error)
    assert kiosk.state().last_sync_error.startswith("transient")
    server.port = port
    server.start()
    assert engine_for(kiosk, server).run_once().exit_code == EXIT_OK
    assert_exactly_once(kiosk, server)


def test_sync_retries_500s(kiosk, server):
    kiosk.sales(4)
    server.faults.fail.append({"path": "/transactions", "status": 500, "times": 2})
    outcome = engine_for(kiosk, server).run_once()
    assert outcome.exit_code == EXIT_OK and outcome.attempts == 1  # the batch itself was retried
    assert sum(r.endswith("/transactions") for r in server.faults.requests) == 3
    server.faults.fail.append({"path": "/status", "status": 502, "times": 2})
    kiosk.sales(1)
    outcome = engine_for(kiosk, server).run_once()
    assert outcome.exit_code == EXIT_OK and outcome.attempts == 3  # whole rounds retried with backoff
    assert_exactly_once(kiosk, server)


def test_sync_honours_retry_after(kiosk, server):
    kiosk.sales(1)
    server.faults.fail.append({"path": "/status", "status": 503, "retry_after": 2, "times": 1})
    waits: list[float] = []
    outcome = engine_for(kiosk, server).run_once(sleep=waits.append)
    assert outcome.exit_code == EXIT_OK
    assert waits == [2.0]


def test_sync_slow_answers_time_out_and_retry(kiosk, server):
    kiosk.sales(2)
    server.faults.delay_s, server.faults.delay_times = 1.5, 1
    outcome = engine_for(kiosk, server, timeout_s=0.5).run_once()
    assert outcome.exit_code == EXIT_OK and outcome.attempts == 2  # the status request timed out
    assert_exactly_once(kiosk, server)


def test_sync_answer_lost_after_store_comes_back_duplicate(kiosk, server):
    kiosk.sales(5)
    server.faults.drop_after_store = 1
    outcome = engine_for(kiosk, server).run_once()
    assert outcome.exit_code == EXIT_OK
    assert outcome.result.duplicate == 5 and outcome.result.accepted == 0  # the retry: all duplicates
    assert_exactly_once(kiosk, server)
    assert_balances_agree(kiosk, server)


def test_sync_finance_restored_from_backup(kiosk, server):
    kiosk.sales(6)
    assert engine_for(kiosk, server).run_once().exit_code == EXIT_OK
    server.store.restore_to(KIOSK, 2)
    outcome = engine_for(kiosk, server).run_once()
    assert outcome.exit_code == EXIT_OK and outcome.result.accepted == 4
    assert_exactly_once(kiosk, server)
    assert_balances_agree(kiosk, server)


def test_sync_seq_gap_uploads_again_from_expected(kiosk, server):
    kiosk.sales(5)
    server.faults.status_offset = 2  # the status claims seq 3 is next; the server then answers seq_gap
    outcome = engine_for(kiosk, server).run_once()
    assert outcome.exit_code == EXIT_OK
    assert_exactly_once(kiosk, server)


def test_sync_conflict_stops_and_alerts(kiosk, server):
    ids = kiosk.sales(3)
    # The finance side already has another transaction at seq 1.
    other = copy.deepcopy(kiosk.journal()[0])
    other["txn_id"] = "00000000-0000-4000-8000-000000000001"
    server.store.db.execute("INSERT INTO txns VALUES (?, 1, ?, 'x', ?, 'accepted', NULL, ?, 0, '{}')",
                            (KIOSK, other["txn_id"], other["hash"], other["child_id"]))  # fmt: skip
    server.faults.status_offset = -1  # as if restored: the kiosk sends from seq 1, which is taken
    outcome = engine_for(kiosk, server).run_once()
    assert outcome.exit_code == EXIT_PERSON
    assert ids[0] in str(outcome.error)
    assert kiosk.state().sync_blocked is not None
    before = len(server.faults.requests)
    assert engine_for(kiosk, server).run_once().exit_code == EXIT_PERSON  # never retried by itself
    assert len(server.faults.requests) == before


def test_sync_rejected_items_never_block_and_balance_follows_finance(kiosk, server):
    ids = kiosk.sales(4)
    server.faults.reject_txn_ids.add(ids[1])
    outcome = engine_for(kiosk, server).run_once()
    assert outcome.exit_code == EXIT_OK
    assert [r[1] for r in outcome.result.rejected] == [ids[1]]
    assert outcome.result.accepted == 3
    with kiosk.engine.connect() as conn:
        rows = conn.execute(text("SELECT seq, txn_id, resolved_at FROM sync_rejections")).all()
    assert rows == [(2, ids[1], None)]
    assert_balances_agree(kiosk, server)  # the rejected sale's money is back in the kiosk's balance too


def test_sync_bad_cursor_starts_a_full_pull(kiosk, server):
    assert engine_for(kiosk, server).run_once().result.snapshot == "full"
    assert engine_for(kiosk, server).run_once().result.snapshot == "incremental"
    server.faults.bad_cursor_next = 1
    outcome = engine_for(kiosk, server).run_once()
    assert outcome.exit_code == EXIT_OK and outcome.result.snapshot == "full"


def test_sync_snapshot_pages_and_central_block(kiosk, server):
    server.page_size = 7
    with kiosk.engine.begin() as conn:
        conn.execute(text("UPDATE kiosk_state SET snapshot_cursor = NULL"))
    assert engine_for(kiosk, server).run_once().result.snapshot == "full"
    assert len(kiosk.balances()) == 20
    # The finance side blocks Alma's card while the kiosk is offline; the next pull blocks it here.
    server.store.db.execute("BEGIN")
    server.store._put("cards", "BARN01", CLUB, {"card_uid": "BARN01", "child_id": "c-01", "status": "blocked",
                                                "deleted": False})  # fmt: skip
    server.store._put("products", "pizza", CLUB, {}, deleted=True)
    server.store.db.execute("COMMIT")
    assert engine_for(kiosk, server).run_once().result.snapshot == "incremental"
    kiosk.t += timedelta(seconds=5)
    kiosk.clock.set(kiosk.t)
    assert kiosk.checkout.tap("BARN01").reason.value == "card_blocked"
    assert kiosk.checkout.tap("BARN02").event == "identified"
    assert kiosk.checkout.add("pizza").event == "error"  # removed from the catalogue


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/status", {"expected_seq": -1, "kiosk_applied_seq": -2, "server_time": "x"}),
        ("/status", {"expected_seq": "1", "kiosk_applied_seq": 0, "server_time": "x"}),
        ("/transactions", {"results": [], "kiosk_applied_seq": 3}),
        ("/transactions", {"results": [{"txn_id": "00000000-0000-4000-8000-000000000009", "status": "accepted"}] * 3,
                           "kiosk_applied_seq": 3}),
        ("/snapshot", {"club_id": "other-club", "kiosk_id": KIOSK, "cursor": "v1", "more": False,
                       "kiosk_applied_seq": 0, "children": [], "cards": [], "products": [], "staff": []}),
        ("/snapshot", {"club_id": CLUB, "kiosk_id": KIOSK, "cursor": "v1", "more": False, "kiosk_applied_seq": 0,
                       "children": [{"child_id": "c-01", "deleted": False, "display_name": "X", "friplads_pct": 500,
                                     "payment_mode": "prepaid", "balance_ore": 1, "balance_applied_seq": 0,
                                     "daily_limit_ore": None, "credit_limit_ore": 0, "restrictions": [],
                                     "blocked": False}], "cards": [], "products": [], "staff": []}),
        ("/snapshot", [1, 2, 3]),
    ],
)
def test_sync_hostile_answers_are_refused_and_change_nothing(kiosk, server, path, body):
    kiosk.sales(3)
    before_balances, before_state = kiosk.balances(), kiosk.state()
    server.faults.hostile_next.append({"path": path, "body": body})
    outcome = engine_for(kiosk, server).run_once(budget_s=0)
    assert outcome.exit_code == EXIT_TRANSIENT
    assert "malformed answer" in str(outcome.error)
    after = kiosk.state()
    assert kiosk.balances() == before_balances
    assert (after.snapshot_cursor, after.last_sync_at) == (before_state.snapshot_cursor, before_state.last_sync_at)
    if path != "/snapshot":
        assert after.applied_seq == before_state.applied_seq


def test_sync_bad_token_and_wrong_kiosk_need_a_person(kiosk, hub_finance):
    assert engine_for(kiosk, hub_finance, token="wrong").run_once().exit_code == EXIT_PERSON
    outcome = engine_for(kiosk, hub_finance, token=hub_finance.tokens["kiosk-2"]).run_once()  # another kiosk's
    assert outcome.exit_code == EXIT_PERSON and "403" in str(outcome.error)


def test_sync_413_halves_the_batch(kiosk, server):
    kiosk.sales(6)
    server.faults.fail.append({"path": "/transactions", "status": 413, "times": 2})
    outcome = engine_for(kiosk, server, batch_size=4).run_once()
    assert outcome.exit_code == EXIT_OK
    assert_exactly_once(kiosk, server)
    server.faults.fail.append({"path": "/transactions", "status": 413, "times": 50})
    kiosk.sales(2)
    assert engine_for(kiosk, server, batch_size=2).run_once().exit_code == EXIT_PERSON


def test_sync_ten_thousand_offline_transactions(kiosk, server):
    """A long offline stretch: 10,000 sales made offline, then one sync uploads all in 20 batches."""
    ledger = Ledger()
    with kiosk.engine.begin() as conn:
        for i in range(10_000):
            child = f"c-{(i % 7) + 1:02d}"
            ledger.append(conn, {
                "txn_id": f"{i:08x}-0000-4000-8000-{i:012x}", "kind": "sale", "child_id": child, "card_uid": None,
                "staff_id": None, "occurred_at": "2026-11-25T14:00:00.000+01:00", "business_date": "2026-11-25",
                "lines": [{"product_id": "water", "qty": 1, "unit_price_ore": 200, "gross_ore": 200,
                           "subsidy_ore": 0, "net_ore": 200}],
                "gross_ore": 200, "subsidy_ore": 0, "net_ore": 200, "balance_delta_ore": -200, "friplads_pct": 0,
                "refers_to": None, "note": None, "offline": True,
            })  # fmt: skip
    outcome = engine_for(kiosk, server).run_once()
    assert outcome.exit_code == EXIT_OK and outcome.result.accepted == 10_000
    assert sum(1 for r in server.faults.requests if r.endswith("/transactions")) == 20
    assert_exactly_once(kiosk, server)
    assert_balances_agree(kiosk, server)


def test_sync_killed_at_random_moments_then_finished(kiosk, server, tmp_path):
    kiosk.sales(60)
    db = kiosk.engine.url.database
    token = tmp_path / "token"
    token.write_text(TOKEN)
    token.chmod(0o600)
    server.faults.delay_s, server.faults.delay_times = 0.05, 10_000  # slow enough to be killed mid-round
    cmd = [sys.executable, "-m", "pos_app", "sync", "--once", "--db", db, "--url", server.url, "--club", CLUB,
           "--kiosk", KIOSK, "--token-file", str(token)]  # fmt: skip
    rng = random.Random(7)
    kills = 0
    for _ in range(12):
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.5))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(10)
        kiosk.sales(rng.randint(0, 40))  # the kiosk keeps selling in between
    server.faults.delay_times = 0
    final = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert final.returncode == 0, final.stderr
    assert kills >= 3
    assert_exactly_once(kiosk, server)
    assert_balances_agree(kiosk, server)


def test_sync_cli_refuses_a_readable_token_file(kiosk, server, tmp_path):
    token = tmp_path / "token"
    token.write_text(TOKEN)
    token.chmod(0o644)
    proc = subprocess.run([sys.executable, "-m", "pos_app", "sync", "--once", "--db", kiosk.engine.url.database,
                           "--url", server.url, "--club", CLUB, "--kiosk", KIOSK, "--token-file", str(token)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)  # fmt: skip
    assert proc.returncode == 2
    assert "chmod 600" in proc.stderr and TOKEN not in proc.stderr + proc.stdout


def test_sync_sends_card_changes_and_day_closings_after_their_transactions(kiosk, hub_finance):
    from tests.support.hub import sql

    server = hub_finance
    from pos_app.services.staff import StaffService

    kiosk.sales(3)
    staff = StaffService(kiosk.engine, kiosk.clock, kiosk.checkout.settings)
    assert staff.login("04AABBCCDD0001", "1234").event == "staff_mode"
    assert staff.set_card_status("BARN05", "lost").event == "card_changed"
    z = staff.close_day(0)
    assert z.event == "z_report" and z.report["last_seq"] == 3
    outcome = engine_for(kiosk, server).run_once()
    assert outcome.exit_code == EXIT_OK
    assert outcome.result.card_changes == 1 and outcome.result.closings == 1
    stored = sql(server.store.url, "SELECT content, flagged FROM hub_api_dayclosing")
    assert [(json_loads(row[0])["z_number"], bool(row[1])) for row in stored] == [(1, False)]  # and it agrees
    # the finance side's view of the card came back in the snapshot
    kiosk.t += timedelta(seconds=5)
    kiosk.clock.set(kiosk.t)
    assert kiosk.checkout.tap("BARN05").reason.value == "card_lost"
    again = engine_for(kiosk, server).run_once()
    assert again.result.card_changes == 0 and again.result.closings == 0  # each sent once


def json_loads(text_: str) -> dict:
    import json

    return json.loads(text_)
