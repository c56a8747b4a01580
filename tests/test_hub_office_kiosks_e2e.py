"""The back office's kiosk tokens end to end, over HTTP against a real ``club-hub serve`` with the
kiosk's real ``club-kiosk sync --once``: a token made in the back office (shown once) lets the kiosk
sync and the old one gets 401; ``club-hub revoke-kiosk`` shuts the kiosk out until the back office
gives it a new token; a Z that does not match, sent through the API after a real sync, shows as
different on the day-closings page."""

from __future__ import annotations

import json
import re
import uuid

import pytest
import requests

from tests.conftest import run_cli
from tests.support.hub import CLUB, HubServer, run_hub, sql
from tests.support.office import PASSWORD
from tests.support.sync import Kiosk
from tests.test_hub_kiosks import kiosk_sync
from tests.test_hub_office_e2e import Office


def _sync(kiosk: Kiosk, hub: HubServer, token_file) -> tuple[int, str]:
    res = run_cli("sync", "--once", "--db", str(kiosk.engine.url.database), "--url", hub.url, "--club", CLUB,
                  "--kiosk", "kiosk-1", "--token-file", str(token_file))  # fmt: skip
    return res.returncode, res.stdout + res.stderr


def _token_file(path, token: str):
    path.write_text(token + "\n")
    path.chmod(0o600)
    return path


def _new_token(res: requests.Response) -> str:
    assert res.status_code == 200, res.text
    assert "no-store" in res.headers["Cache-Control"]
    return re.search(r'id="new-token"[^>]*>([^<]+)</textarea>', res.text).group(1)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_token_from_the_back_office_works_and_the_old_one_gets_401(backend, hub_databases, tmp_path):
    url, template = hub_databases.fresh(backend)
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD + "\n")
    assert run_hub("add-user", "--role", "leader", "--club", CLUB, "mette", "--password-file", str(pw),
                   database=url).returncode == 0  # fmt: skip
    hub = HubServer(url, tmp_path)
    try:
        kiosk = Kiosk(tmp_path / "kiosk-1.sqlite")
        old = _token_file(tmp_path / "old.token", template.tokens["kiosk-1"])
        kiosk.sales(2)
        kiosk_sync(kiosk.engine.url.database, hub, "kiosk-1", old)

        office = Office(hub, "mette")
        page = f"/office/c/{CLUB}/kiosks"
        new = _new_token(office.post(f"{page}/kiosk-1/rotate", {}, page=page))
        assert new not in office.s.get(hub.url + page, timeout=30).text  # shown once
        code, out = _sync(kiosk, hub, old)
        assert code != 0 and "bad token" in out, out
        kiosk.sales(1)
        out = kiosk_sync(kiosk.engine.url.database, hub, "kiosk-1", _token_file(tmp_path / "new.token", new))
        assert "accepted 1" in out, out

        # revoked from the command line: 401 at once, until the back office gives it a new token
        res = run_hub("revoke-kiosk", "kiosk-1", database=url)
        assert res.returncode == 0 and "revoked" in res.stdout, res.stderr
        code, out = _sync(kiosk, hub, tmp_path / "new.token")
        assert code != 0 and "bad token" in out, out
        res = run_hub("revoke-kiosk", "kiosk-1", database=url)
        assert res.returncode == 0 and "already revoked" in res.stdout
        res = run_hub("revoke-kiosk", "no-such-kiosk", database=url)
        assert res.returncode == 2 and "no kiosk no-such-kiosk" in res.stderr
        assert "spærret" in office.s.get(hub.url + page, timeout=30).text
        again = _new_token(office.post(f"{page}/kiosk-1/rotate", {}, page=page))
        kiosk.sales(1)
        out = kiosk_sync(kiosk.engine.url.database, hub, "kiosk-1", _token_file(tmp_path / "again.token", again))
        assert "accepted 1" in out, out
        assert sql(url, "SELECT applied_seq FROM hub_clubs_kiosk WHERE kiosk_id = 'kiosk-1'") == [(4,)]

        # a Z for the synced day, through the API, with a sales total 1,00 kr too high
        rows = sql(url, "SELECT seq, hash, content FROM hub_ledger_kiosktransaction t JOIN hub_clubs_kiosk k "
                        "ON k.id = t.kiosk_id WHERE k.kiosk_id = 'kiosk-1' ORDER BY seq")  # fmt: skip
        items = [json.loads(r[2]) for r in rows]
        sales = [i for i in items if i["kind"] == "sale"]
        net = sum(i["net_ore"] for i in sales)
        z = {"closing_id": str(uuid.uuid4()), "business_date": items[0]["business_date"], "z_number": 1,
             "opened_at": items[0]["occurred_at"], "closed_at": items[-1]["occurred_at"], "closed_by": "s-1",
             "first_seq": 1, "last_seq": len(items), "last_hash": rows[-1][1],
             "counts": {"sale": len(sales), "refund": 0, "void": 0, "topup_cash": 0, "adjustment": 0},
             "sales_gross_ore": sum(i["gross_ore"] for i in sales),
             "sales_subsidy_ore": sum(i["subsidy_ore"] for i in sales),
             "sales_net_ore": net + 100, "returns_net_ore": 0, "topup_cash_ore": 0, "adjustments_ore": 0,
             "opening_float_ore": 0, "cash_expected_ore": 0, "cash_counted_ore": 0, "cash_difference_ore": 0,
             "staff_actions": 0, "grand_total_sales_ore": net + 100, "grand_total_returns_ore": 0}  # fmt: skip
        assert len({i["business_date"] for i in items}) == 1
        res = hub.request("POST", "/v1/kiosks/kiosk-1/day-closings", again, z)
        assert res.status_code == 200 and res.json()["status"] == "accepted", res.text
        closings = office.s.get(hub.url + f"/office/c/{CLUB}/closings", timeout=30).text
        assert "badge bad" in closings and 'class="differs"' in closings
        kr = lambda ore: f"{ore // 100},{ore % 100:02d}\xa0kr"  # noqa: E731 - small amounts only
        assert f"men kiosken sendte transaktioner for {kr(net)}" in closings
        assert f"Z&#x27;en siger {kr(net + 100)}" in closings

        log = hub.log.read_text()
        for secret in (new, again, template.tokens["kiosk-1"], PASSWORD):
            assert secret not in log
    finally:
        hub.stop()


def test_two_people_resolving_one_rejection_at_once_move_the_money_once(hub_databases, tmp_path):
    """Two ``serve`` processes on one PostgreSQL, two leaders pressing *Markér som løst* at the same time."""
    import threading

    from tests.support.hub import Chain

    url, template = hub_databases.fresh("postgresql")
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD + "\n")
    for name in ("mette", "jonas"):
        assert run_hub("add-user", "--role", "leader", "--club", CLUB, name, "--password-file", str(pw),
                       database=url).returncode == 0  # fmt: skip
    hubs = [HubServer(url, tmp_path), HubServer(url, tmp_path)]
    try:
        chain = Chain()
        res = hubs[0].request("POST", "/v1/kiosks/kiosk-1/transactions", template.tokens["kiosk-1"],
                              {"transactions": [chain.next("sale", lines=[("p-nope", 1, 700)])]})  # fmt: skip
        assert res.json()["results"][0]["status"] == "rejected"
        (txn,) = sql(url, "SELECT t.id FROM hub_ledger_kiosktransaction t JOIN hub_clubs_kiosk k ON k.id = t.kiosk_id "
                          "WHERE k.kiosk_id = 'kiosk-1' AND t.seq = 1")[0]  # fmt: skip
        balance = "SELECT b.balance_ore FROM hub_ledger_balance b JOIN hub_clubs_child c ON c.id = b.child_id " \
                  "WHERE c.child_id = 'c-01'"
        (before,) = sql(url, balance)[0]
        people = [Office(hubs[0], "mette"), Office(hubs[1], "jonas")]
        page = f"/office/c/{CLUB}/rejections/{txn}"
        tokens = [p.token(page) for p in people]
        start = threading.Barrier(2)
        answers: list[int] = []

        def press(n: int) -> None:
            start.wait()
            data = {"note": f"løst af {n}", "amount": "-7", "csrfmiddlewaretoken": tokens[n]}
            r = people[n].s.post(hubs[n].url + page + "/resolve", data=data, headers={"Referer": hubs[n].url + page},
                                 allow_redirects=False, timeout=60)  # fmt: skip
            answers.append(r.status_code)

        threads = [threading.Thread(target=press, args=(n,)) for n in (0, 1)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert sorted(answers) == [302, 400]
        assert sql(url, "SELECT COUNT(*) FROM hub_kiosks_resolution") == [(1,)]
        assert sql(url, balance) == [(before - 700,)]
        assert sql(url, "SELECT COUNT(*) FROM hub_office_auditentry WHERE action = 'rejection.resolve'") == [(1,)]
    finally:
        for hub in hubs:
            hub.stop()
