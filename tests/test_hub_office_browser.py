"""The back office in a real headless browser (Debian's chromium driven by Playwright) against a real
``club-hub serve``: log in, create a child with friplads, give a card, top up, see a real kiosk's sale
(``club-kiosk simulate`` selling to the new card, ``club-kiosk sync --once``) on the child's ledger and
the dashboard, import a CSV file with a bad row. A
screenshot of every page, desktop (1280×800) and phone (390×844), goes to test-artifacts/hub-*.png."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.conftest import ARTIFACTS, simulate
from tests.support.hub import CLUB, HubServer
from tests.support.office import PASSWORD, add_leader
from tests.support.sync import Kiosk
from tests.test_hub_kiosks import kiosk_sync

CHROMIUM = "/usr/bin/chromium"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="the test extra installs playwright")
    if not shutil.which(CHROMIUM):
        pytest.fail("Debian's chromium is required (scripts/test installs it)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"] if os.geteuid() == 0 else [])
        yield b
        b.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_office_main_flow_in_a_browser(size, browser, hub_databases, tmp_path):
    url, template = hub_databases.fresh("sqlite")
    add_leader(url, tmp_path)
    hub = HubServer(url, tmp_path)
    ARTIFACTS.mkdir(exist_ok=True)
    ctx = browser.new_context(viewport=SIZES[size], locale="da-DK", device_scale_factor=1)
    page = ctx.new_page()
    errors: list[str] = []
    # a CSP violation or a broken page shows here; the 400/401 answers of refused forms (by design) and the
    # browser's own favicon request do too, as "Failed to load resource", and are left out
    page.on("console", lambda m: errors.append(m.text) if m.type == "error"
            and not m.text.startswith("Failed to load resource") else None)  # fmt: skip

    def shot(name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"hub-{size}-{name}.png"), full_page=True)

    def todays_sales() -> tuple[str, str]:
        """The dashboard's "today's sales" figure as shown: (amount, label with the number of purchases)."""
        figure = page.locator(".figure", has_text="salg i dag (")
        return (figure.locator(".value").inner_text().replace("\xa0", " "),
                figure.locator(".label").inner_text())  # fmt: skip

    try:
        page.goto(hub.url + "/office/")
        assert page.url.startswith(hub.url + "/office/login")
        page.fill("#id_username", "mette")
        page.fill("#id_password", "not the password")
        page.click("button[type=submit]")
        assert "Forkert brugernavn eller adgangskode" in page.content()
        shot("login-failed")
        page.fill("#id_username", "mette")
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"**/office/c/{CLUB}/")
        assert "Overblik for" in page.content() and "Ikke hørt fra i over et døgn" in page.content()
        assert todays_sales() == ("0,00 kr", "salg i dag (0 køb)")
        shot("dashboard")

        page.click(f"a[href='/office/c/{CLUB}/children']")
        page.fill("#q", "Alma")
        page.click("form.search button")
        assert "Alma H." in page.content()
        shot("children")
        page.goto(hub.url + f"/office/c/{CLUB}/children/new")
        page.fill("#id_child_id", "c-ny")
        page.fill("#id_display_name", "Noah N.")
        page.fill("#id_friplads_pct", "50")
        page.fill("#id_credit_limit", "12,505")  # bad: shown beside the field, nothing saved
        page.click("main button[type=submit]")
        assert page.locator("#id_credit_limit_error").is_visible()
        shot("child-new-error")
        page.fill("#id_credit_limit", "")
        page.fill("#id_daily_limit", "40")
        page.click("main button[type=submit]")
        page.wait_for_url(f"**/office/c/{CLUB}/children/c-ny")
        assert "Barnet er oprettet" in page.content() and "50 %" in page.content()

        page.fill("#id_card_uid", "04:C0:FF:EE:00:00:01")
        page.click("form[action$='/cards'] button")
        page.wait_for_url("**/children/c-ny")
        assert "04C0FFEE000001" in page.content()
        page.fill("#id_amount", "75")
        page.check("#id_method_1")  # bank
        page.click("form[action$='/topup'] button")
        page.wait_for_url("**/children/c-ny")
        assert page.locator("#balance").inner_text().replace("\xa0", " ") == "75,00 kr"
        shot("child")

        # a real kiosk: its sync brings the new child (50 % friplads) and card, it sells a toast (15,00 kr, friplads
        # eligible) to the card, and its next sync books the sale in the hub
        kiosk_db, token = tmp_path / "kiosk-1.sqlite", tmp_path / "kiosk-1.token"
        Kiosk(kiosk_db).engine.dispose()
        token.write_text(template.tokens["kiosk-1"] + "\n")
        token.chmod(0o600)
        kiosk_sync(kiosk_db, hub, "kiosk-1", token)
        out = simulate(kiosk_db, [{"tap": "04C0FFEE000001"}, {"add": "toast"}, {"pay": True}])
        sale = out[-1]
        shown = (sale["event"], sale["gross_ore"], sale["subsidy_ore"], sale["net_ore"], sale["balance_ore"])
        assert shown == ("approved", 1500, 750, 750, 6750), out
        assert "accepted 1" in kiosk_sync(kiosk_db, hub, "kiosk-1", token)

        page.reload()  # the child's page, as the office sees it after the kiosk's sync
        assert page.locator("#balance").inner_text().replace("\xa0", " ") == "67,50 kr"
        page.click(f"a[href='/office/c/{CLUB}/children/c-ny/ledger']")
        assert "Optankning" in page.content() and "bank" in page.content()
        assert page.locator("#balance").inner_text().replace("\xa0", " ") == "67,50 kr"
        row = page.locator("table tbody tr", has_text="kiosk-1 #1")
        assert row.count() == 1
        cells = [c.replace("\xa0", " ") for c in row.locator("td").all_inner_texts()]
        assert cells[1:] == ["Kiosk: Salg", "kiosk-1 #1", "-7,50 kr", "67,50 kr"], cells
        shot("ledger-after-sale")
        page.goto(hub.url + f"/office/c/{CLUB}/")
        assert todays_sales() == ("7,50 kr", "salg i dag (1 køb)")
        kiosk_row = page.locator("tr", has=page.locator("td[data-label='Kiosk']", has_text="kiosk-1"))
        assert kiosk_row.locator("td.num").inner_text() == "1"  # its last decided seq
        shot("dashboard-after-sale")
        page.goto(hub.url + f"/office/c/{CLUB}/cards/04C0FFEE000001")
        shot("card")
        page.click("button[value=blocked]")
        assert "Kortets status er ændret" in page.content()
        # a CSV import with one bad row: the row's error in the preview, no "Gem"
        page.goto(hub.url + f"/office/c/{CLUB}/children")
        page.click(f"a[href='/office/c/{CLUB}/children/import']")
        csv_text = ("child_id;display_name;payment_mode;friplads_pct;daily_limit_kr;credit_limit_kr;card_uid\n"
                    "imp-1;Ida I.;prepaid;25;20,00;;04:C0:FF:EE:00:00:02\nimp-2;Otto O.;kontant;0;;;\n")
        page.set_input_files("#id_file", files=[{"name": "born.csv", "mimeType": "text/csv",
                                                 "buffer": csv_text.encode()}])  # fmt: skip
        page.click("main button[type=submit]")
        page.wait_for_url("**/children/import/preview")
        assert "Ukendt betaling" in page.locator("#line-3").inner_text() and "nyt barn" in page.content()
        assert page.locator("input[name=sha256]").count() == 0
        shot("csv-import-error")
        page.goto(hub.url + f"/office/c/{CLUB}/audit")
        assert "money.topup" in page.content() and "card.status" in page.content()
        shot("audit")
        page.select_option("#language", "en")
        page.click("footer button")
        assert "Audit log" in page.content()
        shot("audit-en")
        # nothing on any page is wider than the screen
        for path in ("/", "/children", "/children/c-ny", "/children/c-ny/ledger", "/audit",
                     "/children/import", "/children/import/preview"):
            page.goto(hub.url + f"/office/c/{CLUB}{path}")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= SIZES[size]["width"], (path, width)
        assert errors == []
    finally:
        ctx.close()
        hub.stop()
