"""The back office on a phone (390×844) in a real headless Chromium against a real ``club-hub serve``:
a 60-character name without spaces (and as long a kiosk id) must not stretch a page wider than the
screen (it stretched the dashboard to 996 px); the audit log must not be cut off inside its card.
Screenshots go to test-artifacts/hub-phone-wide-*.png."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS
from tests.support.hub import CLUB, HubServer
from tests.support.office import PASSWORD, add_leader
from tests.test_hub_office_browser import SIZES, browser  # noqa: F401 - the fixture

LONG_NAME = "Maximiliansebastianalexanderchristophersenvonhohenzollernjr"[:59] + "X"
LONG_KIOSK = "kiosk-" + "gymnastiksalen" * 3 + "-nordfloej"


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_office_pages_fit_the_screen_with_long_names(size, browser, hub_databases, tmp_path):  # noqa: F811
    assert len(LONG_NAME) == 60 and " " not in LONG_NAME and len(LONG_KIOSK) <= 64
    url, _template = hub_databases.fresh("sqlite")
    add_leader(url, tmp_path)
    hub = HubServer(url, tmp_path)
    ARTIFACTS.mkdir(exist_ok=True)
    ctx = browser.new_context(viewport=SIZES[size], locale="da-DK", device_scale_factor=1)
    page = ctx.new_page()
    width = SIZES[size]["width"]
    C = f"{hub.url}/office/c/{CLUB}"
    try:
        page.goto(hub.url + "/office/login")
        page.fill("#id_username", "mette")
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"**/office/c/{CLUB}/")
        # a child with the long name (prepaid, 0 kr: on the dashboard's low-balance list) and a long kiosk id
        page.goto(C + "/children/new")
        page.fill("#id_child_id", "c-lang")
        page.fill("#id_display_name", LONG_NAME)
        page.click("main button[type=submit]")
        page.wait_for_url("**/children/c-lang")
        page.goto(C + "/kiosks")
        page.fill("#id_kiosk_id", LONG_KIOSK)
        page.click("form[action$='/kiosks/new'] button")
        assert "Nøglen vises kun nu" in page.content()

        for name, path in [("dashboard", "/"), ("children", "/children"), ("child", "/children/c-lang"),
                           ("audit", "/audit"), ("kiosks", "/kiosks")]:  # fmt: skip
            page.goto(C + path)
            assert LONG_NAME in page.content() or LONG_KIOSK in page.content(), name
            page.screenshot(path=str(ARTIFACTS / f"hub-{size}-wide-{name}.png"), full_page=True)
            scroll = page.evaluate("document.documentElement.scrollWidth")
            assert scroll <= width, (name, scroll)
        # the audit log: nothing of an entry is cut off inside its card (no cell wider than the card)
        page.goto(C + "/audit")
        cut = page.evaluate("""() => {
            const card = document.querySelector('main .card').getBoundingClientRect();
            return [...document.querySelectorAll('main .card td')].filter(td => {
                const r = td.getBoundingClientRect();
                return td.scrollWidth > td.clientWidth + 1 || r.right > card.right + 1;
            }).length; }""")
        assert cut == 0
    finally:
        ctx.close()
        hub.stop()
