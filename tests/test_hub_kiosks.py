"""The kiosk's real ``club-kiosk sync --once`` against ``club-hub serve``: two kiosks of one club share
one balance per child; and two ``serve`` processes on one PostgreSQL decide each seq exactly once."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import requests

from tests.conftest import run_cli
from tests.support import sync as sync_support
from tests.support.hub import CLUB, Chain, HubServer, hub_ok, sql, token_file
from tests.support.sync import Kiosk, rich_snapshot

rich = rich_snapshot


def kiosk_sync(kiosk_db, hub, kiosk_id: str, token_file) -> str:
    res = run_cli("sync", "--once", "--db", str(kiosk_db), "--url", hub.url, "--club", CLUB, "--kiosk", kiosk_id,
                  "--token-file", str(token_file))  # fmt: skip
    assert res.returncode == 0, res.stdout + res.stderr
    return res.stdout


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_hub_two_kiosks_sync_and_agree_on_balances(backend, hub_databases, tmp_path, monkeypatch):
    url, template = hub_databases.fresh(backend)
    hub = HubServer(url, tmp_path)
    try:
        kiosks = {}
        for n, kiosk_id in enumerate(("kiosk-1", "kiosk-2")):
            # each kiosk's ledger is its own (the imported snapshot names the kiosk)
            own = {**rich(), "kiosk_id": kiosk_id}
            monkeypatch.setattr(sync_support, "rich_snapshot", lambda own=own: own)
            k = Kiosk(tmp_path / f"{kiosk_id}.sqlite")
            k.t += timedelta(minutes=n)
            k.sales(4 + n, product="toast" if n == 0 else "apple")
            k.engine.dispose()
            token = token_file(template, tmp_path, kiosk_id)
            kiosks[kiosk_id] = (k, token)
        for kiosk_id, (k, token) in kiosks.items():
            out = kiosk_sync(k.engine.url.database, hub, kiosk_id, token)
            assert f"accepted {4 + (kiosk_id == 'kiosk-2')}" in out, out
        for kiosk_id, (k, token) in kiosks.items():  # a second round: kiosk-1 learns of kiosk-2's sales
            assert "uploaded 0" in kiosk_sync(k.engine.url.database, hub, kiosk_id, token)
        hub_balances = dict(sql(url, "SELECT c.child_id, b.balance_ore FROM hub_ledger_balance b "
                                     "JOIN hub_clubs_child c ON c.id = b.child_id"))  # fmt: skip
        one, two = (kiosks[k][0].balances() for k in ("kiosk-1", "kiosk-2"))
        assert one == two == {c: int(v) for c, v in hub_balances.items()}
        assert one["c-01"] == 10_000_000 - 1500 - 300  # toast at kiosk-1, an apple at kiosk-2
        spent = sum(-t["balance_delta_ore"] for k, _tok in kiosks.values() for t in k.journal())
        assert spent > 0 and sum(10_000_000 - v for v in one.values()) == spent
        assert hub_ok("check", database=url).strip().endswith("0 problem(s)")
    finally:
        hub.stop()


def test_hub_two_serve_processes_on_one_postgresql_decide_each_seq_once(hub_databases, tmp_path):
    url, template = hub_databases.fresh("postgresql")
    hubs = [HubServer(url, tmp_path), HubServer(url, tmp_path)]
    try:
        chain = Chain()
        token = template.tokens["kiosk-1"]
        for _round in range(5):
            batch = [chain.next(child=f"c-{i % 9 + 1:02d}", card=None) for i in range(40)]
            answers: list[dict] = [{}, {}]

            def send(i: int, batch=batch, answers=answers) -> None:
                r = requests.post(hubs[i].url + "/v1/kiosks/kiosk-1/transactions", json={"transactions": batch},
                                  headers={"Authorization": f"Bearer {token}"}, timeout=60)  # fmt: skip
                assert r.status_code == 200, r.text
                answers[i] = r.json()

            threads = [threading.Thread(target=send, args=(i,)) for i in (0, 1)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(60)
            for n in range(len(batch)):
                statuses = sorted(a["results"][n]["status"] for a in answers)
                assert statuses == ["accepted", "duplicate"], statuses  # decided once, the other heard of it
            assert answers[0]["kiosk_applied_seq"] == answers[1]["kiosk_applied_seq"] == chain.seq
        rows = sql(url, "SELECT seq FROM hub_ledger_kiosktransaction ORDER BY seq")
        assert [r[0] for r in rows] == list(range(1, 201))
        entries = sql(url, "SELECT COUNT(*), SUM(amount_ore) FROM hub_ledger_entry WHERE kind = 'kiosk'")
        assert entries[0][0] == 200 and entries[0][1] == -200 * 1500
        assert hub_ok("check", database=url).strip().endswith("0 problem(s)")
    finally:
        for hub in hubs:
            hub.stop()
