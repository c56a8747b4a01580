"""The tests' fault-injecting finance double follows the contract where no fault is injected (the sync
tests rely on it), and the contract's copy in sync/contract/ is the shared one."""

from __future__ import annotations

import json

import pytest
import requests

from tests.conftest import ROOT, run_cli
from tests.support.finance_double import FinanceServer, FinanceStore


@pytest.fixture
def server(tmp_path):
    from pos_app.services.demo import demo_snapshot

    store = FinanceStore(tmp_path / "f.sqlite")
    store.seed(demo_snapshot())
    store.add_kiosk("demo-klub", "kiosk-1", "tok")
    srv = FinanceServer(store).start()
    yield srv
    srv.stop()


def post(server, path, body, token="tok"):
    return requests.post(server.url + path, data=json.dumps(body), timeout=5,
                         headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})  # fmt: skip


def test_double_rejects_requests_that_break_the_contract(server):
    bad_items = [{"txn_id": "not-a-uuid", "seq": 0}]
    r = post(server, "/v1/kiosks/kiosk-1/transactions", {"transactions": bad_items})
    assert r.status_code == 400 and r.json()["error"] == "malformed"
    r = post(server, "/v1/kiosks/kiosk-1/transactions", {"transactions": []})  # minItems 1
    assert r.status_code == 400
    r = post(server, "/v1/kiosks/kiosk-1/card-changes", {"changes": [{"change_id": "x"}], "extra": 1})
    assert r.status_code == 400
    assert post(server, "/v1/kiosks/kiosk-1/transactions", {"transactions": []}, token="nope").status_code == 401
    assert post(server, "/v1/kiosks/kiosk-2/transactions", {"transactions": []}).status_code == 403
    assert requests.get(server.url + "/v1/health", timeout=5).json()["status"] == "ok"


def test_double_snapshot_answers_follow_the_contract(server):
    from sync.contract_schema import validation_error
    from sync.contract_schema import validators as _validators

    r = requests.get(server.url + "/v1/clubs/demo-klub/snapshot", params={"kiosk_id": "kiosk-1"},
                     headers={"Authorization": "Bearer tok"}, timeout=5)  # fmt: skip
    doc = r.json()
    assert validation_error(_validators()["snapshot"], doc) is None
    assert len(doc["children"]) == 20 and doc["more"] is False


def test_contract_copy_is_the_shared_contract():
    shared = ROOT.parent / "shared" / "contracts"
    if not shared.exists():
        pytest.skip("no shared/ folder beside this clone")
    for name in ("finance-sync-v1.openapi.yaml", "finance-sync-v1.md"):
        assert (ROOT / "sync" / "contract" / name).read_bytes() == (shared / name).read_bytes(), name


def test_the_kiosk_has_no_finance_server_of_its_own():
    """The club hub is the reference implementation; the kiosk's package carries no server any more."""
    res = run_cli("finance-devserver", "--port", "1", "--db", "x.sqlite")
    assert res.returncode == 2 and "invalid choice" in res.stderr
    assert not (ROOT / "sync" / "devserver.py").exists()
    assert "devserver" not in (ROOT / "pyinstaller.spec").read_text(encoding="utf-8")
