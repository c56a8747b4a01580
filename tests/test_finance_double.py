"""The reference finance server: it validates requests against the contract and runs from the CLI."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from sync.devserver import FinanceServer, FinanceStore
from tests.conftest import ROOT, run_cli, simulate


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


def test_devserver_rejects_requests_that_break_the_contract(server):
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


def test_devserver_snapshot_answers_follow_the_contract(server):
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


def test_devserver_from_the_command_line_end_to_end(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "pos_app", "finance-devserver", "--port", str(port), "--db",
                             str(tmp_path / "f.sqlite"), "--seed", "demo"], cwd=ROOT, stdout=subprocess.PIPE,
                            text=True)  # fmt: skip
    try:
        assert "finance devserver on" in proc.stdout.readline()
        db = tmp_path / "k.sqlite"
        snap = tmp_path / "s.json"
        snap.write_text(run_cli("demo-snapshot").stdout)
        assert run_cli("import-snapshot", "--db", str(db), str(snap)).returncode == 0
        out = simulate(db, [{"tap": "BARN01"}, {"add": "toast"}, {"pay": True}])
        assert out[2]["event"] == "approved"
        token = tmp_path / "token"
        token.write_text("demo-token\n")
        token.chmod(0o600)
        args = ["sync", "--once", "--db", str(db), "--url", f"http://127.0.0.1:{port}", "--club", "demo-klub",
                "--kiosk", "kiosk-1", "--token-file", str(token)]  # fmt: skip
        deadline = time.monotonic() + 10
        while True:
            res = run_cli(*args)
            if res.returncode == 0 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert res.returncode == 0, res.stderr
        assert "accepted 1" in res.stdout
        assert run_cli(*args).stdout.count("uploaded 0") == 1
    finally:
        proc.terminate()
        proc.wait(10)
    assert Path(tmp_path / "f.sqlite").exists()
