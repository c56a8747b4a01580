"""Online top-ups under concurrency, on both databases, over HTTP against two real ``club-hub serve``
processes sharing one database: for every paid payment, duplicate callbacks to both servers, forged
ones, and the return page's lookups all race each other; each payment is decided once and the balance
rises exactly once per paid payment (``club-hub check`` finds the ledger whole)."""

from __future__ import annotations

import json
import re
import threading

import pytest
import requests

from tests.support.hub import HubServer, run_hub, sql

PW = "kiosk-forælder-2026"


class Parent:
    def __init__(self, hub: HubServer) -> None:
        self.hub = hub
        self.s = requests.Session()

    def post(self, path: str, data: dict[str, str], page: str | None = None) -> requests.Response:
        html = self.s.get(self.hub.url + (page or path), timeout=30).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        return self.s.post(self.hub.url + path, data={**data, "csrfmiddlewaretoken": token}, allow_redirects=False,
                           headers={"Referer": self.hub.url + (page or path)}, timeout=30)  # fmt: skip


def _signed(body: bytes) -> str:
    import hashlib
    import hmac

    return hmac.new(b"test-provider-demo-secret-not-for-money", body, hashlib.sha256).hexdigest()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_racing_callbacks_and_lookups_pay_each_payment_once(backend, hub_databases, tmp_path, monkeypatch):
    url, _template = hub_databases.fresh(backend)
    monkeypatch.setenv("CLUB_HUB_TESTPAY_CALLBACK", "never")  # the test sends the callbacks itself
    monkeypatch.setenv("CLUB_HUB_PAYMENT_PROVIDER", "test")
    monkeypatch.delenv("CLUB_HUB_TESTPAY_SECRET", raising=False)
    monkeypatch.setenv("CLUB_HUB_SECRET_KEY", "a-shared-secret-key-for-both-serve-processes-0123456789")
    a, b = HubServer(url, tmp_path), HubServer(url, tmp_path)
    try:
        link = run_hub("signup-link", "--card", "BARN03", "--base-url", a.url, database=url).stdout.strip()
        parent = Parent(a)
        form = {"code": link.split("kode=")[1], "name": "Far", "email": "f@example.org", "password": PW}
        res = parent.post("/foraeldre/tilmeld", form, page=link[len(a.url):])
        assert res.status_code == 302, res.text
        body = sql(url, "SELECT body FROM hub_families_outboxmail WHERE kind = 'confirm'")[0][0]
        confirm = re.search(r"(/foraeldre/bekraeft\?t=\S+)", body).group(1)
        assert parent.s.get(b.url + confirm, timeout=30).status_code == 200  # the other server: one database
        child_pk = sql(url, "SELECT c.id FROM hub_clubs_child c WHERE c.child_id = 'c-03'")[0][0]

        def balance() -> int:
            return int(sql(url, "SELECT balance_ore FROM hub_ledger_balance WHERE child_id = %s", child_pk)[0][0])

        before = balance()
        child_page = f"/foraeldre/barn/{child_pk}/"
        ids, amounts = [], []
        for n in range(8):
            amount = 1000 + 100 * n
            res = parent.post(child_page + "optank", {"amount": str(amount // 100)}, page=child_page)
            assert res.status_code == 302, res.text
            pid = res.headers["Location"].rsplit("/", 1)[1]
            choice = "pay" if n % 4 else "decline"  # every 4th is declined at the provider
            assert parent.post(f"/testbetaling/{pid}", {"choice": choice}).status_code == 302
            ids.append((pid, choice))
            if choice == "pay":
                amounts.append(amount)

        answers: list[tuple[str, int]] = []

        def callback(server: HubServer, pid: str, status: str, forged: bool = False) -> None:
            raw = json.dumps({"payment_id": pid, "status": status}).encode()
            res = requests.post(server.url + "/foraeldre/betaling/callback", data=raw, timeout=30,
                          headers={"Content-Type": "application/json",
                                   "X-Testpay-Signature": _signed(raw + (b"!" if forged else b""))})  # fmt: skip
            answers.append(("forged" if forged else "callback", res.status_code))

        def lookup(server: HubServer, pid: str) -> None:
            answers.append(("lookup", parent.s.get(server.url + f"/foraeldre/betaling/{pid}", timeout=30).status_code))

        threads = []
        for pid, choice in ids:
            status = "paid" if choice == "pay" else "failed"
            for server in (a, b, a, b):
                threads.append(threading.Thread(target=callback, args=(server, pid, status)))
            threads.append(threading.Thread(target=callback, args=(a, pid, "paid", True)))  # forged
            threads += [threading.Thread(target=lookup, args=(s, pid)) for s in (a, b)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(set(answers)) == [("callback", 200), ("forged", 400), ("lookup", 200)], answers
        assert balance() == before + sum(amounts)
        rows = sql(url, "SELECT status, entry_id FROM hub_families_payment ORDER BY id")
        assert [r[0] for r in rows] == ["paid" if c == "pay" else "failed" for _p, c in ids]
        assert all((r[1] is not None) == (r[0] == "paid") for r in rows)
        assert sql(url, "SELECT count(*) FROM hub_ledger_entry WHERE method = 'online'")[0][0] == len(amounts)
        check = run_hub("check", database=url)
        assert check.returncode == 0, check.stdout
    finally:
        a.stop()
        b.stop()
