"""The back office's kiosk pages in a real headless browser (Debian's chromium driven by Playwright)
against a real ``club-hub serve``: the kiosks' sync health, register a kiosk (its token shown once),
resolve a rejection with an adjustment, the day closings with a Z that does not match and one whose
transactions are not all uploaded. Screenshots at desktop (1280×800) and phone (390×844) size go to
test-artifacts/hub-kiosks*.png, hub-rejections*.png and hub-closings*.png."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS
from tests.support.hub import CLUB, Chain, HubServer
from tests.support.office import PASSWORD, add_leader
from tests.test_hub_office_browser import SIZES, browser  # noqa: F401 - the fixture
from tests.test_hub_office_kiosks import z_report


@pytest.mark.parametrize("size", list(SIZES))
def test_office_kiosks_rejections_and_closings_in_a_browser(size, browser, hub_databases, tmp_path):  # noqa: F811
    url, template = hub_databases.fresh("sqlite")
    add_leader(url, tmp_path)
    hub = HubServer(url, tmp_path)
    token = template.tokens["kiosk-1"]
    chain = Chain()
    day1 = [chain.next("sale"), chain.next("sale", lines=[("p-nope", 1, 700)]), chain.next("topup_cash", amount=5000)]
    res = hub.request("POST", "/v1/kiosks/kiosk-1/transactions", token, {"transactions": day1})
    assert [r["status"] for r in res.json()["results"]] == ["accepted", "rejected", "accepted"]
    assert hub.request("POST", "/v1/kiosks/kiosk-1/day-closings", token,
                       z_report(day1, sales_net_ore=2300, cash_counted_ore=4500, cash_difference_ore=-500)).ok
    day2 = [chain.next("sale", occurred_at="2026-11-26T10:00:00.000+01:00")]
    assert hub.request("POST", "/v1/kiosks/kiosk-1/day-closings", token, z_report(day2, 2)).ok  # not uploaded yet
    ARTIFACTS.mkdir(exist_ok=True)
    ctx = browser.new_context(viewport=SIZES[size], locale="da-DK", device_scale_factor=1)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error"
            and not m.text.startswith("Failed to load resource") else None)  # fmt: skip

    def shot(name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"hub-{name}-{size}.png"), full_page=True)

    C = f"{hub.url}/office/c/{CLUB}"
    try:
        page.goto(hub.url + "/office/login")
        page.fill("#id_username", "mette")
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"**/office/c/{CLUB}/")
        assert "Afviste transaktioner: 1" in page.content()

        page.click(f"header a[href='/office/c/{CLUB}/kiosks']")
        text = page.locator("main").inner_text()
        assert "Har aldrig kontaktet hubben." in text  # kiosk-2
        shot("kiosks")
        page.fill("#id_kiosk_id", "kiosk-3")
        page.click("form[action$='/kiosks/new'] button")
        new = page.locator("#new-token").input_value()
        assert len(new) >= 43 and "Nøglen vises kun nu" in page.content()
        shot("kiosks-token")
        assert hub.request("GET", "/v1/kiosks/kiosk-3/status", new).status_code == 200
        page.goto(C + "/kiosks")
        assert new not in page.content()

        page.click(f"header a[href='/office/c/{CLUB}/rejections']")
        assert "unknown_product" in page.content()
        shot("rejections")
        page.click("a.button:has-text('Se og løs')")
        page.fill("#id_note", "Solgt en kage, der ikke var i kataloget")
        page.fill("#id_amount", "7,005")  # bad: beside the field, nothing saved
        page.click("form[action$='/resolve'] button")
        assert page.locator("#id_amount_error").is_visible()
        shot("rejections-resolve-error")
        page.fill("#id_amount", "-7")
        page.click("form[action$='/resolve'] button")
        page.locator("ul.messages").wait_for()
        main = page.locator("main").inner_text().replace("\xa0", " ")
        assert "Markeret som løst" in main and "Reguleret: -7,00 kr" in main
        shot("rejections-resolved")
        page.goto(C + "/children/c-01/ledger")
        assert "kiosk-1 nr. 2" in page.content()
        page.goto(C + "/")
        assert "Afviste transaktioner: 0" in page.content()

        page.click(f"header a[href='/office/c/{CLUB}/closings']")
        main = page.locator("main").inner_text().replace("\xa0", " ")
        assert "forskel" in main and "venter på transaktioner" in main
        assert "Kassen manglede 5,00 kr ved optællingen." in main
        diff = page.locator("td.diff").first
        assert diff.evaluate("e => getComputedStyle(e).color") == "rgb(176, 0, 32)"  # red
        shot("closings")
        page.select_option("#language", "en")
        page.click("footer button")
        assert "Day closings" in page.content()
        shot("closings-en")
        for path in ("/kiosks", "/rejections?show=all", "/closings"):
            page.goto(C + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= SIZES[size]["width"], (path, width)
        assert errors == []
    finally:
        ctx.close()
        hub.stop()
