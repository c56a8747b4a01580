"""The products pages in a real headless browser (Debian's chromium driven by Playwright) against a real
``club-hub serve``: the list and its filters, a product's form with the icon grid, a duplicate barcode
refused beside the field, an icon picked and a photo uploaded, a new product. A screenshot of every page,
desktop (1280×800) and phone (390×844), goes to test-artifacts/hub-products-*.png."""

from __future__ import annotations

import pytest

from tests.conftest import ARTIFACTS
from tests.support.hub import CLUB, HubServer
from tests.support.office import PASSWORD, add_leader
from tests.test_hub_office_browser import SIZES, browser  # noqa: F401 - the fixture
from tests.test_hub_office_products import exif_jpeg


@pytest.mark.parametrize("size", list(SIZES))
def test_office_products_in_a_browser(size, browser, hub_databases, tmp_path):  # noqa: F811 - the fixture
    url, _template = hub_databases.fresh("sqlite")
    add_leader(url, tmp_path)
    hub = HubServer(url, tmp_path)
    ARTIFACTS.mkdir(exist_ok=True)
    ctx = browser.new_context(viewport=SIZES[size], locale="da-DK", device_scale_factor=1)
    page = ctx.new_page()
    errors: list[str] = []
    # a CSP violation or a broken picture shows here; the 400 answers of refused forms (by design) do too,
    # as "Failed to load resource", and are left out (a broken <img> is checked below by its size)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error"
            and not m.text.startswith("Failed to load resource") else None)  # fmt: skip
    products = f"{hub.url}/office/c/{CLUB}/products"

    def shot(name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"hub-products-{size}-{name}.png"), full_page=True)

    def pictures_loaded() -> None:
        broken = page.evaluate("[...document.images].filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)")
        assert broken == []

    try:
        page.goto(hub.url + "/office/login")
        page.fill("#id_username", "mette")
        page.fill("#id_password", PASSWORD)
        page.click("main button[type=submit]")
        page.wait_for_url(f"**/office/c/{CLUB}/")
        page.click(f"header a[href='/office/c/{CLUB}/products']")
        page.wait_for_url(products)
        assert page.locator("tr[id^=product-]").count() == 16
        pictures_loaded()
        shot("list")
        page.select_option("#category", "drink")
        page.click("form.search button")
        assert page.locator("tr[id^=product-]").count() == 4 and "Saft" in page.content()
        page.select_option("#category", "")
        page.select_option("#status", "inactive")
        page.click("form.search button")
        assert [page.locator("tr[id^=product-] td a").inner_text()] == ["Is"]
        shot("list-inactive")

        page.goto(products + "/toast")
        assert page.locator("#id_price").input_value() == "15,00"
        assert page.locator("#icons input[type=radio]").count() == 58  # 57 of the kiosk's pictures and "none"
        shot("edit")
        page.fill("#id_price", "17,50")
        page.fill("#id_barcode", "20123451")  # the apple's: refused beside the field, nothing saved
        assert page.locator("#icon-picker").get_attribute("open") is None  # closed: the toast has an icon
        page.click("#icon-picker summary")
        page.click("#icons label[for=id_icon_0]")  # no icon
        page.click("main .actions button[type=submit]")
        error = page.locator("#id_barcode_error")
        assert error.is_visible() and "Æble" in error.inner_text()
        shot("edit-error")
        page.fill("#id_barcode", "5701234567899")
        page.click("#icons label:has(input[value=sandwich])")
        assert page.locator("#icons input[value=sandwich]").is_checked()
        page.set_input_files("#id_photo", files=[{"name": "toast.jpg", "mimeType": "image/jpeg",
                                                  "buffer": exif_jpeg(1200, 900)}])  # fmt: skip
        page.click("main .actions button[type=submit]")
        page.wait_for_url(products)
        assert "Varen Toast er gemt" in page.content()
        row = page.locator("#product-toast")
        assert "17,50" in row.inner_text()
        assert "/pictures/" in row.locator("img").get_attribute("src")
        pictures_loaded()
        shot("saved")
        page.goto(products + "/toast")
        assert "Nu: foto" in page.content() and page.locator("#id_remove_photo").count() == 1
        shot("edit-photo")

        page.goto(products + "/new")
        pictures_loaded()  # every icon of the grid
        page.fill("#id_name", "Æblejuice")
        page.fill("#id_price", "-2")
        page.click("main .actions button[type=submit]")
        assert page.locator("#id_price_error").is_visible()
        shot("new-error")
        page.fill("#id_price", "12,50")
        page.select_option("#id_category", "drink")  # a select of the kiosk tabs
        page.click("#icons label:has(input[value=juice])")
        page.click("main .actions button[type=submit]")
        page.wait_for_url(products)
        assert "12,50" in page.locator("#product-aeblejuice").inner_text()

        page.select_option("#language", "en")
        page.click("footer button")
        assert "Products" in page.content() and "All categories" in page.content()
        shot("list-en")
        # nothing on any page is wider than the screen
        for path in ("", "/toast", "/new", "?status=inactive"):
            page.goto(products + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= SIZES[size]["width"], (path, width)
        assert errors == []
    finally:
        ctx.close()
        hub.stop()
