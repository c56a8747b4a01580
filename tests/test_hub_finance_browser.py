"""The finance reports in a real headless browser (Debian's chromium, Playwright) against a real
``club-hub serve``: the finance user sees both clubs side by side, a leader their own club; the charts
are drawn by the vendored Chart.js (no CSP violation, no console error), the CSV downloads. Screenshots
at 1280×800 and 390×844 go to test-artifacts/finance-*.png."""

from __future__ import annotations

import json

import pytest

from tests.conftest import ARTIFACTS
from tests.support.finance import fixed_club
from tests.support.hub import CLUB, OTHER_CLUB, Chain, HubServer, hub_ok
from tests.support.office import PASSWORD
from tests.test_hub_office_browser import SIZES, browser  # noqa: F401 - the fixture

PERIOD = "?start=2026-10-01&end=2026-10-31"


def _other_club(hub: HubServer, url: str, token: str, folder) -> None:
    """The other club: three children, two products, a fortnight of sales at kiosk-x and one rejection."""
    snap = {"club_id": OTHER_CLUB, "kiosk_id": "kiosk-x", "cursor": "v1", "more": False, "kiosk_applied_seq": 0,
            "children": [{"child_id": f"x-{i}", "display_name": f"Barn {i}", "friplads_pct": 50 * (i == 2),
                          "payment_mode": "prepaid", "balance_ore": 20000, "balance_applied_seq": 0,
                          "daily_limit_ore": None, "credit_limit_ore": 0, "restrictions": [], "blocked": False,
                          "deleted": False} for i in (1, 2, 3)],
            "cards": [], "staff": [],
            "products": [{"product_id": pid, "name": name, "price_ore": price, "friplads_eligible": True,
                          "category": "food", "barcode": None, "tags": [], "active": True, "icon": None,
                          "image_sha256": None, "deleted": False}
                         for pid, name, price in (("toast", "Toast", 1500), ("apple", "Æble", 300))]}  # fmt: skip
    path = folder / "other.json"
    path.write_text(json.dumps(snap), encoding="utf-8")
    hub_ok("import-snapshot", "--club", OTHER_CLUB, str(path), database=url)
    chain = Chain()
    items = []
    for day in range(1, 15):
        for n in range(1 + day % 4):
            child = f"x-{1 + (day + n) % 3}"
            items.append(chain.next(child=child, card=None, lines=[("toast", 1, 1500), ("apple", n + 1, 300)],
                                    pct=50 if child == "x-2" else 0,
                                    occurred_at=f"2026-10-{day:02d}T15:{n:02d}:00.000+02:00"))  # fmt: skip
    items.append(chain.next(child="x-9", card=None, occurred_at="2026-10-15T15:00:00.000+02:00"))  # unknown child
    r = hub.request("POST", "/v1/kiosks/kiosk-x/transactions", token, {"transactions": items})
    assert r.status_code == 200 and r.json()["results"][-1]["status"] == "rejected", r.text


@pytest.fixture(scope="module")
def finance_hub(hub_databases, tmp_path_factory):
    folder = tmp_path_factory.mktemp("finance-browser")
    url, template = hub_databases.fresh("sqlite")
    pw = folder / "pw"
    pw.write_text(PASSWORD + "\n")
    hub_ok("add-user", "--role", "finance", "karin", "--password-file", str(pw), database=url)
    hub_ok("add-user", "--role", "leader", "--club", CLUB, "mette", "--password-file", str(pw), database=url)
    hub_ok("add-user", "--role", "staff", "--club", CLUB, "jonas", "--password-file", str(pw), database=url)
    hub = HubServer(url, folder)
    try:
        fixed_club(hub, template.tokens["kiosk-1"])
        _other_club(hub, url, template.tokens["kiosk-x"], folder)
        yield hub
    finally:
        hub.stop()


def _login(page, hub: HubServer, user: str) -> None:
    page.goto(hub.url + "/office/login")
    page.fill("#id_username", user)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.parametrize("size", list(SIZES))
def test_finance_reports_in_a_browser(size, browser, finance_hub, tmp_path):  # noqa: F811 - the fixture
    hub = finance_hub
    ARTIFACTS.mkdir(exist_ok=True)
    for user, role in (("karin", "finance"), ("mette", "leader"), ("jonas", "staff")):
        ctx = browser.new_context(viewport=SIZES[size], locale="da-DK", device_scale_factor=1, accept_downloads=True)
        page = ctx.new_page()
        errors: list[str] = []
        # a CSP violation or a script error shows here; the browser's own favicon request answers 404 (the
        # hub has no favicon), so failed loads are checked by their responses below instead
        page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error"
                and not m.text.startswith("Failed to load resource") else None)  # fmt: skip
        page.on("response", lambda r, errors=errors: errors.append(f"{r.status} {r.url}") if r.status == 404
                and not r.url.endswith("/favicon.ico") else None)  # fmt: skip
        page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
        try:
            _login(page, hub, user)
            res = page.goto(hub.url + "/office/finance/" + PERIOD)
            if role == "staff":
                assert res is not None and res.status == 403
                assert page.locator("a[href='/office/finance/']").count() == 0  # no menu link either
                continue
            page.wait_for_function("() => window.Chart && Object.keys(Chart.instances).length > 0")
            drawn = page.evaluate("() => Object.values(Chart.instances).map(c => c.data.datasets.length)")
            text = page.content()
            if role == "finance":
                assert drawn[:4] == [2, 2, 2, 2], drawn  # both clubs side by side in each chart
                assert "Anden klub" in text and "Demo klub" in text
            else:
                assert drawn[:4] == [1, 1, 1, 1], drawn
                assert "Anden klub" not in text
            assert page.locator("canvas[data-chart]").count() == len(drawn)
            page.screenshot(path=str(ARTIFACTS / f"finance-{size}-{role}-reports.png"), full_page=True)
            with page.expect_download() as download:
                page.click("#sales_per_day a.download")
            saved = tmp_path / f"{user}.csv"
            download.value.save_as(saved)
            lines = saved.read_text(encoding="utf-8").splitlines()
            assert lines[0] == "club_id;date;sales_count;sales_net_ore;returns_net_ore;net_ore" and len(lines) > 2
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= SIZES[size]["width"], width
            page.goto(hub.url + "/office/finance/?start=2026-10-31&end=2026-10-01")
            assert "Til-datoen ligger før fra-datoen." in page.content()
            if role == "finance":
                page.screenshot(path=str(ARTIFACTS / f"finance-{size}-bad-period.png"), full_page=False)
            assert errors == [], errors
        finally:
            ctx.close()
