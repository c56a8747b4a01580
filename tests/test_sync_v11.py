"""Contract 1.1 on the kiosk's side, against the fault-injecting finance double on 127.0.0.1: heard_seq,
resending what the kiosk has not heard about, each duplicate's decided/reason, chain_broken."""

from __future__ import annotations

from sqlalchemy import text

from pos_app.storage.db import open_ledger_db
from pos_app.storage.ledger import Ledger
from sync.client import FinanceClient
from sync.engine import EXIT_OK, EXIT_PERSON, EXIT_TRANSIENT, SyncEngine
from tests.support.sync import CLUB, KIOSK, TOKEN, assert_exactly_once, engine_for


def rejections(engine) -> list[tuple]:
    with engine.connect() as conn:
        return conn.execute(text("SELECT seq, txn_id, reason FROM sync_rejections ORDER BY seq")).all()


def heard(engine) -> int:
    with engine.connect() as conn:
        return Ledger().state(conn).heard_seq


def test_sync_lost_answer_over_a_rejection_is_learnt_from_the_duplicate_after_a_restart(kiosk, server):  # noqa: F811
    ids = kiosk.sales(5)
    server.faults.reject_txn_ids.add(ids[2])
    server.faults.drop_after_store = 3  # the batch is booked (seq 3 rejected); every answer is lost
    outcome = engine_for(kiosk, server).run_once(budget_s=0)
    assert outcome.exit_code == EXIT_TRANSIENT
    assert [b["_status"] for b in server.store.booked(KIOSK)] == ["accepted"] * 2 + ["rejected"] + ["accepted"] * 2
    assert rejections(kiosk.engine) == [] and heard(kiosk.engine) == 0  # nothing was heard
    # The kiosk restarts (a new engine on the same file); the status now says expected_seq 6.
    path = kiosk.engine.url.database
    kiosk.engine.dispose()
    restarted = open_ledger_db(path)
    engine = SyncEngine(restarted, FinanceClient(server.url, TOKEN, CLUB, KIOSK, timeout_s=5.0))
    outcome = engine.run_once()
    assert outcome.exit_code == EXIT_OK, outcome.error
    assert outcome.result.duplicate == 5 and outcome.result.accepted == 0
    assert outcome.result.rejected == [(3, ids[2], "other: rejected by test")]
    assert rejections(restarted) == [(3, ids[2], "other: rejected by test")]  # the superuser's list
    assert heard(restarted) == 5 and outcome.result.heard_seq == 5
    again = engine.run_once()
    assert again.exit_code == EXIT_OK and again.result.uploaded == 0  # heard: not sent again
    assert rejections(restarted) == [(3, ids[2], "other: rejected by test")]  # recorded once


def test_sync_heard_seq_is_kept_in_the_ledger_across_restarts(kiosk, server):  # noqa: F811
    kiosk.sales(4)
    assert engine_for(kiosk, server).run_once().exit_code == EXIT_OK
    path = kiosk.engine.url.database
    kiosk.engine.dispose()
    reopened = open_ledger_db(path)
    assert heard(reopened) == 4
    engine = SyncEngine(reopened, FinanceClient(server.url, TOKEN, CLUB, KIOSK, timeout_s=5.0))
    before = len(server.faults.requests)
    outcome = engine.run_once()
    assert outcome.exit_code == EXIT_OK and outcome.result.uploaded == 0
    assert not any(r.endswith("/transactions") for r in server.faults.requests[before:])


def test_sync_restored_finance_side_uploads_from_expected_below_heard(kiosk, server):  # noqa: F811
    kiosk.sales(6)
    assert engine_for(kiosk, server).run_once().exit_code == EXIT_OK
    server.store.restore_to(KIOSK, 2)  # expected_seq 3 < heard_seq + 1 = 7: min() wins
    outcome = engine_for(kiosk, server).run_once()
    assert outcome.exit_code == EXIT_OK and outcome.result.accepted == 4 and outcome.result.duplicate == 0
    assert heard(kiosk.engine) == 6
    assert_exactly_once(kiosk, server)


def test_sync_chain_broken_stops_sync_and_alerts(kiosk, server):  # noqa: F811
    ids = kiosk.sales(3)
    with kiosk.engine.begin() as conn:  # seq 2 changed on disk after it was chained
        conn.execute(text("UPDATE journal SET note = 'changed' WHERE seq = 2"))
    outcome = engine_for(kiosk, server).run_once()
    assert outcome.exit_code == EXIT_PERSON
    assert outcome.error.error == "chain_broken" and outcome.error.txn_id == ids[1]
    assert "hash chain broken" in kiosk.state().sync_blocked
    assert [b["seq"] for b in server.store.booked(KIOSK)] == [1]  # items before T decided, T and after not
    before = len(server.faults.requests)
    assert engine_for(kiosk, server).run_once().exit_code == EXIT_PERSON  # never retried by itself
    assert len(server.faults.requests) == before


def test_sync_legacy_duplicates_without_decided_stay_unknown_and_do_not_loop(kiosk, server):  # noqa: F811
    ids = kiosk.sales(4)
    server.faults.reject_txn_ids.add(ids[1])
    server.faults.legacy_duplicates = True  # a 1.0 finance side
    server.faults.drop_after_store = 3
    assert engine_for(kiosk, server).run_once(budget_s=0).exit_code == EXIT_TRANSIENT
    outcome = engine_for(kiosk, server).run_once()
    assert outcome.exit_code == EXIT_OK
    assert outcome.result.undecided == [1, 2, 3, 4] and outcome.result.rejected == []
    assert rejections(kiosk.engine) == []  # never assumed: not recorded as rejected (nor as accepted)
    assert heard(kiosk.engine) == 4
    assert engine_for(kiosk, server).run_once().result.uploaded == 0  # no resend loop


def test_sync_conflict_answers_that_name_no_batch_item_are_malformed(kiosk, server):  # noqa: F811
    kiosk.sales(2)
    other = "00000000-0000-4000-8000-0000000000aa"
    server.faults.fail.append({"path": "/transactions", "status": 409, "times": 1,
                               "body": {"error": "chain_broken", "txn_id": other}})  # fmt: skip
    outcome = engine_for(kiosk, server).run_once(budget_s=0)
    assert outcome.exit_code == EXIT_TRANSIENT and "malformed answer" in str(outcome.error)
    assert kiosk.state().sync_blocked is None  # not stopped on a senseless answer
    assert engine_for(kiosk, server).run_once().exit_code == EXIT_OK
    assert_exactly_once(kiosk, server)


def test_sync_duplicate_with_a_bad_decided_is_refused(kiosk, server):  # noqa: F811
    ids = kiosk.sales(1)
    server.faults.hostile_next.append({"path": "/transactions", "body": {
        "results": [{"txn_id": ids[0], "status": "duplicate", "decided": "maybe"}], "kiosk_applied_seq": 1}})
    outcome = engine_for(kiosk, server).run_once(budget_s=0)
    assert outcome.exit_code == EXIT_TRANSIENT and "decided" in str(outcome.error)
    assert heard(kiosk.engine) == 0
