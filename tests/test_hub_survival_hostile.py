"""Hostile input against a real ``club-hub serve`` on PostgreSQL: property-based fuzzing of every
operation of the contract's OpenAPI file (schemathesis), oversized bodies, slow clients trickling a
request byte by byte, bad cursors; and the security headers of every answer (HSTS behind TLS).

``HUB_FUZZ_EXAMPLES`` sets the examples per operation and mode (default 40); the count of requests
sent is written to ``test-artifacts/hub-survival-fuzz.json``."""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

import pytest
import requests

from tests.support.hub import CLUB, HubServer, hub_ok, sql

ROOT = Path(__file__).resolve().parents[1]
OPENAPI = ROOT / "sync" / "contract" / "finance-sync-v1.openapi.yaml"
EXAMPLES = int(os.environ.get("HUB_FUZZ_EXAMPLES", "40"))
MIB = 1024 * 1024


def _money(url: str) -> tuple[list[tuple], list[tuple]]:
    balances = sql(url, "SELECT child_id, balance_ore, entries FROM hub_ledger_balance ORDER BY child_id")
    entries = sql(url, "SELECT COUNT(*), COALESCE(SUM(amount_ore), 0) FROM hub_ledger_entry")
    return balances, entries


@pytest.fixture
def pg_hub(hub_databases, tmp_path):
    url, template = hub_databases.fresh("postgresql")
    hub = HubServer(url, tmp_path, args=("--threads", "2", "--channel-timeout", "2"))
    yield hub, template
    hub.stop()


def test_hub_fuzzed_from_the_contracts_openapi_file(pg_hub):
    import schemathesis
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from schemathesis import GenerationMode

    hub, template = pg_hub
    before = _money(hub.database)
    token = template.tokens["kiosk-1"]
    schema = schemathesis.openapi.from_path(OPENAPI)
    session = requests.Session()
    sent: dict[str, int] = {}
    server_errors: list[str] = []

    def fuzzer(operation, mode, label):
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(case=operation.as_strategy(generation_mode=mode), own=st.sampled_from(["own", "own", "random"]))
        def fuzz(case, own) -> None:
            headers = dict(case.headers or {})
            if own == "own":  # most requests get past authentication, so the fuzz reaches the logic
                params = dict(case.path_parameters or {})
                params.update({k: v for k, v in (("kiosk_id", "kiosk-1"), ("club_id", CLUB)) if k in params})
                case.path_parameters = params
                headers["Authorization"] = f"Bearer {token}"
                if "kiosk_id" in (case.query or {}):
                    case.query = {**case.query, "kiosk_id": "kiosk-1"}
            try:
                response = case.call(base_url=hub.url, session=session, headers=headers, timeout=30)
            except (requests.exceptions.InvalidHeader, ValueError, UnicodeError):
                return  # the client refused to send it (e.g. a newline in a header): nothing reached the hub
            sent[label] = sent.get(label, 0) + 1
            if response.status_code >= 500:
                server_errors.append(f"{label}: {response.status_code} {response.text[:200]}")

        return fuzz

    only = os.environ.get("HUB_FUZZ_ONLY", "")  # e.g. "day-closings": one operation, to look into a finding
    for result in schema.get_all_operations():
        operation = result.ok()
        if only not in operation.path:
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzzer(operation, mode, f"{operation.method.upper()} {operation.path} {mode.value}")()
    total = sum(sent.values())
    assert not server_errors, (server_errors[:10], hub.log.read_text()[-6000:])
    assert len(sent) >= (1 if only else 12) and total >= len(sent) * min(EXAMPLES, 10), sent
    assert _money(hub.database) == before  # no balance, no entry changed by any of it
    assert hub_ok("check", database=hub.database).strip().endswith("0 problem(s)")
    assert hub.request("GET", "/v1/health", None).status_code == 200
    artifacts = ROOT / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / "hub-survival-fuzz.json").write_text(json.dumps({"requests": total, "by_operation": sent},
                                                                  indent=2) + "\n")  # fmt: skip
    print(f"fuzzed requests sent: {total}")


def _raw(hub: HubServer, data: bytes, read: bool = True, timeout: float = 10) -> bytes:
    with socket.create_connection(("127.0.0.1", hub.port), timeout=timeout) as s:
        s.sendall(data)
        if not read:
            return b""
        chunks = []
        while True:
            try:
                chunk = s.recv(65536)
            except (TimeoutError, ConnectionResetError):  # a reset after the answer: the hub stopped reading
                break
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def test_hub_refuses_oversized_bodies_without_reading_them(pg_hub):
    hub, template = pg_hub
    before = _money(hub.database)
    token = template.tokens["kiosk-1"]
    path = "/v1/kiosks/kiosk-1/transactions"
    # a Content-Length far above the limit: refused from the headers alone, the body never sent
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {200 * MIB}\r\nConnection: close\r\n\r\n").encode()
    start = time.monotonic()
    answer = _raw(hub, head)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert time.monotonic() - start < 5
    # just above the contract's 16 MiB, sent in full: the contract's own 413
    body = b'{"transactions": [' + b" " * (16 * MIB) + b"]}"
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    res = requests.post(hub.url + path, data=body, headers=headers, timeout=60)
    assert res.status_code == 413 and res.json()["error"] == "too_large"
    # a body shorter than its Content-Length: the connection times out, nothing is decided
    start = time.monotonic()
    answer = _raw(hub, head.replace(str(200 * MIB).encode(), b"100") + b'{"transactions": [', timeout=8)
    assert answer == b"" and time.monotonic() - start < 6  # closed after the channel timeout, no answer
    # headers without end: refused above waitress's header limit
    answer = _raw(hub, b"GET /v1/health HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * (80 * 1024) + b"\r\n\r\n")
    assert answer.split(b" ")[1] in (b"431", b"400"), answer[:100]
    assert _money(hub.database) == before
    assert hub.request("GET", "/v1/health", None).status_code == 200


def test_hub_slow_clients_hold_no_worker_and_are_cut_off(pg_hub):
    """Six clients trickle a request byte by byte into a hub with 2 worker threads and a 2 s channel
    timeout: a kiosk's request is still answered at once (waitress buffers a request before a worker
    sees it), and a client that stops sending is disconnected after the timeout."""
    hub, template = pg_hub
    token = template.tokens["kiosk-1"]
    body = json.dumps({"transactions": []}).encode()
    request = (f"POST /v1/kiosks/kiosk-1/transactions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
               f"Authorization: Bearer {token}\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(body)}\r\n\r\n").encode() + body  # fmt: skip
    slow = [socket.create_connection(("127.0.0.1", hub.port), timeout=10) for _ in range(6)]
    try:
        answered = []
        for i in range(40):  # 40 bytes each, one every 0.1 s: 4 s of trickling, longer than the timeout
            for s in slow:
                s.sendall(request[i:i + 1])
            if i % 8 == 0:
                start = time.monotonic()
                res = requests.get(hub.url + "/v1/kiosks/kiosk-1/status",
                                   headers={"Authorization": f"Bearer {token}"}, timeout=10)  # fmt: skip
                answered.append(time.monotonic() - start)
                assert res.status_code == 200
            time.sleep(0.1)
        assert max(answered) < 1.5, answered  # the trickling clients held no worker
        # now they stop sending: each is disconnected after the channel timeout (2 s, checked every 1 s)
        start = time.monotonic()
        for s in slow:
            s.settimeout(10)
            try:
                assert s.recv(1024) == b""  # closed by the hub without an answer
            except ConnectionResetError:
                pass
        assert time.monotonic() - start < 6
    finally:
        for s in slow:
            s.close()
    assert hub.request("GET", "/v1/health", None).status_code == 200


BAD_CURSORS = ["x", "v", "v-1", "v1.5", "f", "f-3", "v99999999999999999999", "v" + "9" * 600, "v1' OR '1'='1",
               "v1;DROP TABLE hub_clubs_child", "\u00e6\u00f8\u00e5", "%00", "\x00", "v0x10", " v1", "V1", "v１"]


def test_hub_bad_cursors_and_values_the_database_cannot_hold(pg_hub):
    from hub.api.sanity import problem
    from tests.support.hub import Chain

    hub, template = pg_hub
    before = _money(hub.database)
    # found by the fuzzer (each was a 500): an offset PostgreSQL refuses, a year that leaves the calendar in UTC
    for when in ("2026-11-25T14:03:11+21:38", "0001-01-01T00:30:00+14:00"):
        item = Chain().next(occurred_at=when)
        res = hub.request("POST", "/v1/kiosks/kiosk-1/transactions", template.tokens["kiosk-1"],
                          {"transactions": [item]})  # fmt: skip
        assert res.status_code == 400 and res.json()["error"] == "malformed", (when, res.text)
        assert "occurred_at" in res.json()["detail"]
    assert _money(hub.database) == before
    assert problem({"z_number": 2**31}) == "z_number: too large" and problem({"z_number": 2**31 - 1}) is None
    assert problem({"a": [{"seq": 2**63}]}) == "a[0].seq: too large"
    assert problem({"closed_at": "2026-11-25T14:03:11-12:00", "n": True}) is None
    assert problem({"z_number": 1e10}) == "z_number: a whole number without a decimal point or exponent"
    assert problem({"x": [{"net_ore": 1500.0}]}) == "x[0].net_ore: a whole number without a decimal point or exponent"
    item = Chain().next()
    item["net_ore"] = float(item["net_ore"])  # the schema takes 1500.0 as an integer; money never is a float
    res = hub.request("POST", "/v1/kiosks/kiosk-1/transactions", template.tokens["kiosk-1"], {"transactions": [item]})
    assert res.status_code == 400 and "transactions[0].net_ore" in res.json()["detail"], res.text
    assert _money(hub.database) == before
    for cursor in BAD_CURSORS:
        res = hub.request("GET", f"/v1/clubs/{CLUB}/snapshot", template.tokens["kiosk-1"], kiosk_id="kiosk-1",
                          since=cursor)  # fmt: skip
        assert res.status_code == 400, (cursor, res.status_code, res.text[:200])
        assert res.json()["error"] == "bad_cursor"


def test_hub_security_headers_on_every_answer_and_hsts_behind_tls(hub_databases, tmp_path):
    url, template = hub_databases.fresh("sqlite")
    plain = HubServer(url, tmp_path)
    tls = HubServer(url, tmp_path, env={"CLUB_HUB_HTTPS": "1"})  # the proxy on this machine (127.0.0.1)
    elsewhere = HubServer(url, tmp_path, env={"CLUB_HUB_HTTPS": "1", "CLUB_HUB_TRUSTED_PROXY": "10.9.9.9"})
    try:
        token = template.tokens["kiosk-1"]
        answers = {
            "health": plain.request("GET", "/v1/health", None),
            "status": plain.request("GET", "/v1/kiosks/kiosk-1/status", token),
            "401": plain.request("GET", "/v1/kiosks/kiosk-1/status", "nope"),
            "api 404": plain.request("GET", "/v1/nothing", None),
            "login": requests.get(plain.url + "/office/login", timeout=30),
            "page 404": requests.get(plain.url + "/office/c/nope/nothing/here", timeout=30),
            "root 404": requests.get(plain.url + "/", timeout=30),
        }
        for what, res in answers.items():
            csp = res.headers.get("Content-Security-Policy", "")
            assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp and "script-src" not in csp, what
            assert res.headers.get("X-Frame-Options") == "DENY", what
            assert res.headers.get("X-Content-Type-Options") == "nosniff", what
            assert "Strict-Transport-Security" not in res.headers, what  # plain HTTP: no HSTS
            assert "Traceback" not in res.text and "django" not in res.text.lower(), what
        assert answers["api 404"].status_code == 404 and answers["api 404"].json() == {"error": "not_found"}
        assert answers["page 404"].status_code == 404 and "<h1>" in answers["page 404"].text
        assert answers["health"].headers["Content-Security-Policy"].startswith("default-src 'none'")
        assert "style-src 'self'" in answers["login"].headers["Content-Security-Policy"]
        # behind the TLS proxy (it sets X-Forwarded-Proto itself): HSTS, and Secure cookies
        res = requests.get(tls.url + "/office/login", headers={"X-Forwarded-Proto": "https"}, timeout=30)
        assert res.status_code == 200
        assert res.headers["Strict-Transport-Security"] == "max-age=31536000"
        assert all(c.secure for c in res.cookies), res.cookies
        assert "Strict-Transport-Security" not in requests.get(tls.url + "/office/login", timeout=30).headers
        # a client that is not the proxy cannot claim HTTPS: waitress drops its X-Forwarded-Proto
        res = requests.get(elsewhere.url + "/office/login", headers={"X-Forwarded-Proto": "https"}, timeout=30)
        assert res.status_code == 200 and "Strict-Transport-Security" not in res.headers
    finally:
        plain.stop()
        tls.stop()
        elsewhere.stop()


def test_hub_answers_503_while_its_database_is_away(tmp_path):
    from tests.support.hub import PrivatePostgres, build_template

    pg = PrivatePostgres().start()
    hub = None
    try:
        pg.execute("CREATE DATABASE hub_away")
        url = pg.url("hub_away")
        template = build_template(url, "postgresql", tmp_path)
        hub = HubServer(url, tmp_path)
        token = template.tokens["kiosk-1"]
        assert hub.request("GET", "/v1/kiosks/kiosk-1/status", token).status_code == 200
        pg.stop_server("immediate")
        res = hub.request("GET", "/v1/kiosks/kiosk-1/status", token)
        assert res.status_code == 503 and res.json() == {"error": "unavailable"}
        assert res.headers["Retry-After"] == "2"
        page = requests.get(hub.url + "/office/login", timeout=30)
        assert page.status_code in (200, 503)  # the login page needs no database until it is posted
        assert "Traceback" not in page.text and "OperationalError" not in page.text
        pg.start_server()
        assert hub.request("GET", "/v1/kiosks/kiosk-1/status", token).status_code == 200
    finally:
        if hub is not None:
            hub.stop()
        pg.stop()
