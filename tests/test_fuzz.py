"""Fuzzing with hypothesis: bad input gets a clear error and changes nothing; nothing crashes."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_app.config import load_config
from pos_app.domain.model import is_card_uid, normalise_card
from pos_app.domain.snapshot import SnapshotInvalid, parse_snapshot
from pos_app.errors import ConfigError
from sync.contract_checks import check_status, check_upload_answer
from sync.errors import SyncError

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=20,
)


@given(st.text(max_size=80))
def test_fuzz_card_uid_handling(raw):
    uid = normalise_card(raw)
    assert uid == uid.upper() and not any(c in uid for c in " :-")
    if is_card_uid(uid):
        assert 6 <= len(uid) <= 32 and uid.isalnum() and uid.isascii()


def _snapshot_like():
    keys = ["club_id", "kiosk_id", "cursor", "more", "kiosk_applied_seq", "children", "cards", "products", "staff"]
    return st.fixed_dictionaries({}, optional={k: json_values for k in keys})


@given(json_values | _snapshot_like())
def test_fuzz_snapshot_parsing_only_refuses_clearly(doc):
    try:
        parse_snapshot(doc)
    except SnapshotInvalid as exc:
        assert str(exc)


@given(st.data())
def test_fuzz_snapshot_records_mutated(data):
    from pos_app.services.demo import demo_snapshot

    doc = demo_snapshot()
    kind = data.draw(st.sampled_from(["children", "cards", "products", "staff"]))
    rec = doc[kind][data.draw(st.integers(0, len(doc[kind]) - 1))]
    key = data.draw(st.sampled_from(sorted(rec)))
    rec[key] = data.draw(json_values)
    try:
        snap = parse_snapshot(doc)
    except SnapshotInvalid as exc:
        assert kind in str(exc)
    else:
        assert len(snap.children) + len(snap.deleted_children) == 20


@given(json_values)
def test_fuzz_status_and_upload_answers(doc):
    for check in (lambda: check_status(doc), lambda: check_upload_answer(doc, ["a", "b"], 1, 2)):
        try:
            check()
        except SyncError as exc:
            assert "malformed answer" in str(exc)


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_fuzz_config_loading(tmp_path, content):
    p = tmp_path / "fuzz.toml"
    p.write_bytes(content)
    try:
        load_config(p)
    except ConfigError as exc:
        assert str(exc)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(max_size=60) | json_values.map(json.dumps) | st.sampled_from([
    '{"pay": true}', '{"add": "toast", "qty": 1e9}', '{"tap": null}', '{"void": 1}', '{"staff": "x", "pin": 1}',
    '{"clock": "not a time"}', '{"close_day": {"cash_counted_ore": "lots"}}', '{"refund": "x", "product_ids": "y"}',
    '{"topup_cash": true, "child_id": "c-01"}', '{"scan": "\\u0000\\u0001"}',
]), max_size=12))  # fmt: skip
def test_fuzz_simulator_input_changes_nothing(tmp_path, lines):
    from sqlalchemy import text

    from pos_app.domain.clock import SettableClock
    from pos_app.services.checkout import CheckoutService, CheckoutSettings
    from pos_app.services.demo import demo_snapshot
    from pos_app.services.simulator import Simulator
    from pos_app.services.snapshots import import_full_snapshot
    from pos_app.services.staff import StaffService
    from pos_app.storage.db import open_ledger_db

    db = Path(tmp_path) / "fuzz.sqlite"
    if not db.exists():
        import_full_snapshot(open_ledger_db(db), demo_snapshot(), datetime(2026, 11, 25, tzinfo=UTC))
    engine = open_ledger_db(db)
    clock = SettableClock()
    settings_ = CheckoutSettings()
    sim = Simulator(CheckoutService(engine, clock, settings_), clock, StaffService(engine, clock, settings_))
    with engine.connect() as conn:
        before = conn.execute(text("SELECT count(*) FROM journal")).scalar()
    events = list(sim.run(lines))
    assert len(events) == len([line for line in lines if line.strip()])
    # No line here identifies a child with a basket and pays, or unlocks staff: nothing may be written.
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM journal")).scalar() == before
    assert all(e["event"] != "error" or e["message"] for e in events)
    assert not any(e["event"] == "error" and e["message"].startswith("internal error") for e in events)
    engine.dispose()
