"""A product's price and picture changed in the back office reach a kiosk: over HTTP against a real
``club-hub serve`` (SQLite and PostgreSQL), a leader logs in, gives the toast a new price typed the
Danish way, another built-in icon and a photo taken on a phone (a JPEG with an EXIF rotation); then the
kiosk's real ``club-kiosk sync --once`` brings the new price (the next sale charges it) and fetches the
photo's bytes, which hash to the name the product carries, upright and 256 × 256 without EXIF."""

from __future__ import annotations

import hashlib
import io

import pytest
from sqlalchemy import text

from tests.support.hub import CLUB, HubServer, hub_ok, sql, token_file
from tests.support.office import PASSWORD, add_leader
from tests.support.sync import Kiosk
from tests.test_hub_kiosks import kiosk_sync
from tests.test_hub_office_e2e import Office
from tests.test_hub_office_products import BLUE, RED, exif_jpeg


def _kiosk_product(kiosk: Kiosk, product_id: str) -> tuple[int, str | None, str | None]:
    with kiosk.engine.connect() as conn:
        row = conn.execute(text("SELECT price_ore, icon, image_sha256 FROM products WHERE product_id = :p"),
                           {"p": product_id}).one()  # fmt: skip
    return int(row[0]), row[1], row[2]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_office_product_price_and_photo_reach_the_kiosk(backend, hub_databases, tmp_path):
    from PIL import Image

    from pos_app.services.pictures import resolve_picture
    from pos_app.storage.images import image_cache_for

    url, template = hub_databases.fresh(backend)
    add_leader(url, tmp_path)
    hub = HubServer(url, tmp_path)
    try:
        kiosk = Kiosk(tmp_path / "kiosk-1.sqlite")
        token = token_file(template, tmp_path, "kiosk-1")
        db = kiosk.engine.url.database
        kiosk_sync(db, hub, "kiosk-1", token)
        assert _kiosk_product(kiosk, "toast")[:1] == (1500,)

        office = Office(hub, "mette")
        page = f"/office/c/{CLUB}/products/toast"
        form = office.s.get(hub.url + page, timeout=30).text
        assert 'value="15,00"' in form
        data = {"name": "Toast", "price": "17,50", "category": "food", "barcode": "5701234567899",
                "friplads_eligible": "on", "active": "on", "icon": "sandwich", "tags": "",
                "csrfmiddlewaretoken": office.token(page)}  # fmt: skip
        res = office.s.post(hub.url + page, data=data, files={"photo": ("IMG_0042.JPG", exif_jpeg(), "image/jpeg")},
                            headers={"Referer": hub.url + page}, allow_redirects=False, timeout=60)  # fmt: skip
        assert res.status_code == 302, res.text[:3000]
        listing = office.s.get(hub.url + res.headers["Location"], timeout=30).text
        assert "Varen Toast er gemt" in listing and "17,50\xa0kr" in listing
        [(sha,)] = sql(url, "SELECT image_sha256 FROM hub_clubs_product p JOIN hub_clubs_club c ON c.id = p.club_id "
                            "WHERE c.club_id = %s AND product_id = 'toast'", CLUB)  # fmt: skip
        assert sha and len(sha) == 64

        out = kiosk_sync(db, hub, "kiosk-1", token)
        assert _kiosk_product(kiosk, "toast") == (1750, "sandwich", sha), out
        images = image_cache_for(db)
        cached = images.path(sha)  # verified against the hash on every read
        assert cached is not None and cached.suffix == ".jpg"
        data_on_kiosk = cached.read_bytes()
        assert hashlib.sha256(data_on_kiosk).hexdigest() == sha
        img = Image.open(io.BytesIO(data_on_kiosk))
        assert img.size == (256, 256) and dict(img.getexif()) == {} and b"PhoneMaker" not in data_on_kiosk
        top, bottom = img.convert("RGB").getpixel((128, 8)), img.convert("RGB").getpixel((128, 248))
        assert abs(top[0] - RED[0]) < 40 and abs(bottom[2] - BLUE[2]) < 40, (top, bottom)
        # the tile shows the photo, not the icon
        assert resolve_picture("toast", "food", "sandwich", sha, images=images) == cached
        # and the next sale charges the new price
        kiosk.t = kiosk.t.replace(hour=15)
        kiosk.sales(1, product="toast")
        line = kiosk.journal()[-1]["lines"][0]
        assert (line["product_id"], line["unit_price_ore"], line["gross_ore"]) == ("toast", 1750, 1750)
        assert hub_ok("check", database=url).strip().endswith("0 problem(s)")
        audit = sql(url, "SELECT action FROM hub_office_auditentry")
        assert audit == [("product.update",)]
        log = hub.log.read_text()
        assert PASSWORD not in log and "csrfmiddlewaretoken" not in log
    finally:
        hub.stop()
