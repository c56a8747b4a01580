"""The back office end to end, over HTTP against a real ``club-hub serve``, with the kiosk's real
``club-kiosk sync --once``: a top-up in the office reaches the kiosk's balance; a card blocked in the
office is refused at the kiosk after its next sync; a friplads from today reaches the kiosk."""

from __future__ import annotations

import re

import pytest
import requests

from tests.support.hub import CLUB, HubServer, hub_ok, sql, token_file
from tests.support.office import PASSWORD, add_leader
from tests.support.sync import Kiosk
from tests.test_hub_kiosks import kiosk_sync


class Office:
    """A person in the back office: a browser session (cookies, the forms' CSRF tokens)."""

    def __init__(self, hub: HubServer, username: str) -> None:
        self.hub = hub
        self.s = requests.Session()
        res = self.post("/office/login", {"username": username, "password": PASSWORD})
        assert res.status_code == 302, res.text

    def token(self, path: str) -> str:
        page = self.s.get(self.hub.url + path, timeout=30)
        assert page.status_code == 200, page.text
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)

    def post(self, path: str, data: dict[str, str], page: str | None = None) -> requests.Response:
        token = self.token(page or path)
        return self.s.post(self.hub.url + path, data={**data, "csrfmiddlewaretoken": token}, allow_redirects=False,
                           headers={"Referer": self.hub.url + (page or path)}, timeout=30)  # fmt: skip


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_office_topup_block_and_friplads_reach_the_kiosk(backend, hub_databases, tmp_path):
    url, template = hub_databases.fresh(backend)
    add_leader(url, tmp_path)
    hub = HubServer(url, tmp_path)
    try:
        kiosk = Kiosk(tmp_path / "kiosk-1.sqlite")
        token = token_file(template, tmp_path, "kiosk-1")
        db = kiosk.engine.url.database
        kiosk_sync(db, hub, "kiosk-1", token)
        assert kiosk.balances()["c-01"] == 10_000_000

        office = Office(hub, "mette")
        child = f"/office/c/{CLUB}/children/c-01"
        res = office.post(child + "/topup", {"amount": "125,50", "method": "cash"}, page=child)
        assert res.status_code == 302, res.text
        res = office.post(f"/office/c/{CLUB}/cards/BARN02/status", {"status": "blocked"},
                          page=f"/office/c/{CLUB}/cards/BARN02")  # fmt: skip
        assert res.status_code == 302, res.text
        res = office.post(f"/office/c/{CLUB}/children/c-03/friplads", {"pct": "100", "valid_from": _today(url)},
                          page=f"/office/c/{CLUB}/children/c-03")  # fmt: skip
        assert res.status_code == 302, res.text

        kiosk.t = kiosk.t.replace(hour=15)
        kiosk.clock.set(kiosk.t)
        assert kiosk.checkout.tap("BARN02").event == "identified"  # before its sync the kiosk knows nothing
        kiosk_sync(db, hub, "kiosk-1", token)
        assert kiosk.balances()["c-01"] == 10_000_000 + 12_550
        kiosk.t = kiosk.t.replace(hour=16)
        kiosk.clock.set(kiosk.t)
        refused = kiosk.checkout.tap("BARN02")
        assert refused.event == "declined" and refused.reason == "card_blocked", refused
        from sqlalchemy import text

        with kiosk.engine.connect() as conn:
            pct = conn.execute(text("SELECT friplads_pct FROM children WHERE child_id = 'c-03'")).scalar_one()
        assert pct == 100
        page = office.s.get(hub.url + child + "/ledger", timeout=30).text
        assert "125,50\xa0kr" in page and "100.125,50\xa0kr" in page
        assert hub_ok("check", database=url).strip().endswith("0 problem(s)")
        assert sql(url, "SELECT COUNT(*) FROM hub_office_auditentry") == [(3,)]
        log = hub.log.read_text()
        assert PASSWORD not in log and "csrfmiddlewaretoken" not in log
    finally:
        hub.stop()


def _today(url: str) -> str:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Europe/Copenhagen")).date().isoformat()
