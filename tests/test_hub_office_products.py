"""The back office's products with Django's test client on a real SQLite file: who may see and change
them (each role on each page and action, another club's leader, anonymous visitors), the list's
filters, creating and editing (Danish kroner to øre, versions, the audit log), bad input beside the field
with nothing saved, and the picture a child chooses by: the kiosk's own icon files, and uploaded photos
(real JPEG, PNG and WebP files made with Pillow) re-encoded upright, square and without metadata, then
served by their hash to the club's kiosks through the kiosk API."""

from __future__ import annotations

import hashlib
import io
import secrets
from pathlib import Path

import pytest

from tests.support.hub import CLUB, OTHER_CLUB
from tests.support.office import client_for, office_db  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("office_db")

C = f"/office/c/{CLUB}"
ASSETS = Path(__file__).resolve().parents[1] / "assets" / "products"
RED, BLUE = (220, 20, 20), (20, 20, 220)
# the demo's toast: 15,00 kr, food, barcode 5701234567899, icon toast
PRODUCT = {"name": "Toast", "price": "15,00", "category": "food", "barcode": "5701234567899", "tags": "",
           "friplads_eligible": "on", "active": "on", "icon": "toast"}  # fmt: skip
NEW = {"name": "Æblejuice", "price": "12,50", "category": "drink", "barcode": "", "tags": "sugar",
       "friplads_eligible": "", "active": "on", "icon": "juice"}  # fmt: skip


def exif_jpeg(width: int = 400, height: int = 300, orientation: int = 6) -> bytes:
    """A camera-like JPEG: stored sideways (left half red, right half blue) with an EXIF orientation that
    says "turn me 90° clockwise" (6), a camera name and a GPS block, as a phone writes them."""
    from PIL import Image

    img = Image.new("RGB", (width, height), RED)
    img.paste(BLUE, (width // 2, 0, width, height))
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (55.0, 40.0, 0.0)}  # GPSInfo: where the photo was taken
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=92, exif=exif.tobytes())
    return out.getvalue()


def picture(fmt: str, size: tuple[int, int] = (300, 300), transparent: bool = False) -> bytes:
    from PIL import Image

    img = Image.new("RGBA" if transparent else "RGB", size, (0, 0, 0, 0) if transparent else RED)
    img.paste((*BLUE, 255) if transparent else BLUE, (size[0] // 4, size[1] // 4, size[0] * 3 // 4, size[1] * 3 // 4))
    out = io.BytesIO()
    img.save(out, format=fmt)
    return out.getvalue()


def _many_pixels() -> bytes:
    """A small file of 60 megapixels (one bit each): refused before it is decoded."""
    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (10_000, 6_000)).save(out, format="PNG")
    assert len(out.getvalue()) < 1024 * 1024
    return out.getvalue()


def upload(data: bytes, name: str = "photo.jpg"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


def _state():
    from hub.clubs.models import Club, Product, ProductImage
    from hub.office.models import AuditEntry

    return (Club.objects.get(club_id=CLUB).version, AuditEntry.objects.count(), ProductImage.objects.count(),
            list(Product.objects.order_by("id").values_list("product_id", "price_ore", "barcode", "icon",
                                                            "image_sha256", "version")))  # fmt: skip


# --- who may do what -------------------------------------------------------------------------------

ACTIONS = [
    ("products", "GET", f"{C}/products?q=to&category=food&status=active", None, {"finance", "leader", "staff"}),
    ("product", "GET", f"{C}/products/toast", None, {"finance", "leader", "staff"}),
    ("picture", "GET", f"{C}/pictures/IMAGE", None, {"finance", "leader", "staff"}),
    ("product_new_page", "GET", f"{C}/products/new", None, {"leader"}),
    ("product_new", "POST", f"{C}/products/new", NEW, {"leader"}),
    ("product_edit", "POST", f"{C}/products/toast", {**PRODUCT, "price": "17,50"}, {"leader"}),
    ("product_photo", "POST", f"{C}/products/toast", {**PRODUCT, "photo": "JPEG"}, {"leader"}),
]
USERS = {"anonymous": None, "finance": "fin", "leader": "leader", "staff": "staff", "other_leader": "other-leader"}


@pytest.mark.parametrize("who", list(USERS))
@pytest.mark.parametrize("name,method,path,data,allowed", ACTIONS, ids=[a[0] for a in ACTIONS])
def test_products_authorisation_matrix(who, name, method, path, data, allowed):
    from django.db import transaction

    from hub.clubs.services import add_image

    with transaction.atomic():  # each cell starts from the same data
        sha = add_image(CLUB, picture("PNG"))
        client = client_for(USERS[who])
        before = _state()
        path = path.replace("IMAGE", sha)
        if method == "GET":
            res = client.get(path)
        else:
            res = client.post(path, {k: (upload(exif_jpeg()) if v == "JPEG" else v) for k, v in data.items()})
        if who == "anonymous":
            assert res.status_code == 302 and res["Location"].startswith("/office/login?next=")
        elif who in allowed:  # the leader of another club is never in ``allowed``
            expected = 200 if method == "GET" else 302
            assert res.status_code == expected, res.content.decode(errors="replace")[:3000]
            if method == "POST":
                after = _state()
                assert after[0] > before[0] and after[1] > before[1]  # a new version and an audit entry
        else:
            assert res.status_code == 403
            assert _state() == before
        transaction.set_rollback(True)


def test_products_pages_show_what_each_role_may_do():
    leader = client_for("leader").get(f"{C}/products").content.decode()
    staff = client_for("staff").get(f"{C}/products").content.decode()
    assert f'href="{C}/products/new"' in leader and f'href="{C}/products/new"' not in staff
    assert f'href="{C}/products"' in staff  # the menu
    form = client_for("leader").get(f"{C}/products/toast").content.decode()
    view = client_for("fin").get(f"{C}/products/toast").content.decode()
    assert 'name="price"' in form and 'value="15,00"' in form
    assert 'name="price"' not in view and "15,00\xa0kr" in view and "<form method=\"post\" enctype" not in view
    assert client_for("other-leader").get(f"/office/c/{OTHER_CLUB}/products").status_code == 200
    assert client_for("leader").get(f"{C}/products/no-such-product").status_code == 404


# --- the list ------------------------------------------------------------------------------------

def _listed(query: str) -> list[str]:
    import re

    page = client_for("staff").get(f"{C}/products{query}").content.decode()
    return re.findall(r'<tr id="product-([^"]+)"', page)


def test_products_list_searches_and_filters():
    from hub.clubs.models import Product

    everything = _listed("")
    assert len(everything) == Product.objects.filter(club__club_id=CLUB, deleted=False).count() > 10
    assert _listed("?q=toa") == ["toast"]
    assert _listed("?q=5701234000020") == ["juice"]  # by barcode
    drinks = _listed("?category=drink")
    assert set(drinks) == set(Product.objects.filter(club__club_id=CLUB, category="drink").values_list(
        "product_id", flat=True)) and "toast" not in drinks  # fmt: skip
    assert _listed("?status=inactive") == ["icelolly"]  # the demo's one inactive product
    assert "icelolly" not in _listed("?status=active") and "icelolly" in everything
    assert _listed("?q=is&category=snack&status=inactive") == ["icelolly"]
    assert _listed("?status=nonsense") == everything  # an unknown filter shows everything
    page = client_for("staff").get(f"{C}/products?category=drink").content.decode()
    assert '<option value="drink" selected>Drikke</option>' in page
    assert 'src="/office/icons/juice.svg"' in page  # each row shows the kiosk's picture


# --- create and edit ---------------------------------------------------------------------------------

def test_products_create_in_kroner_with_an_id_from_the_name_a_version_and_an_audit_entry():
    from hub.clubs.models import Club, Product
    from hub.office.models import AuditEntry

    leader = client_for("leader")
    version = Club.objects.get(club_id=CLUB).version
    res = leader.post(f"{C}/products/new", NEW)
    assert res.status_code == 302 and res["Location"] == f"{C}/products"
    p = Product.objects.get(club__club_id=CLUB, product_id="aeblejuice")
    assert (p.name, p.price_ore, p.category, p.barcode, p.tags, p.friplads_eligible, p.active, p.icon,
            p.image_sha256) == ("Æblejuice", 1250, "drink", None, ["sugar"], False, True, "juice", None)  # fmt: skip
    assert p.version == Club.objects.get(club_id=CLUB).version == version + 1
    entry = AuditEntry.objects.filter(action="product.create").get()
    assert entry.actor == "leader" and entry.before is None and entry.after["price_ore"] == 1250
    # the same name again gets the next free id; a typed id is kept
    assert leader.post(f"{C}/products/new", NEW).status_code == 302
    assert leader.post(f"{C}/products/new", {**NEW, "product_id": "p-42", "name": "Kaffe"}).status_code == 302
    ids = set(Product.objects.filter(club__club_id=CLUB).values_list("product_id", flat=True))
    assert {"aeblejuice", "aeblejuice-2", "p-42"} <= ids
    assert "Varen Æblejuice er oprettet" in leader.get(f"{C}/products").content.decode()


def test_products_edit_bumps_the_version_and_writes_before_and_after():
    from hub.api.selectors import snapshot
    from hub.clubs.models import Club, Kiosk, Product
    from hub.clubs.services import add_kiosk
    from hub.office.models import AuditEntry

    leader = client_for("leader")
    kiosk, _token = add_kiosk(CLUB, "kiosk-p")
    _status, doc = snapshot(Kiosk.objects.get(pk=kiosk.pk), None, 1000)
    cursor = doc["cursor"]
    res = leader.post(f"{C}/products/toast", {**PRODUCT, "price": "1.017,50", "icon": "sandwich", "tags": "Hot, hot",
                                              "barcode": "", "friplads_eligible": ""})  # fmt: skip
    assert res.status_code == 302
    p = Product.objects.get(club__club_id=CLUB, product_id="toast")
    assert (p.price_ore, p.icon, p.tags, p.barcode, p.friplads_eligible) == (101_750, "sandwich", ["hot"], None, False)
    entry = AuditEntry.objects.filter(action="product.update", target="product toast").get()
    assert entry.before["price_ore"] == 1500 and entry.before["icon"] == "toast"
    assert entry.after["price_ore"] == 101_750 and entry.after["icon"] == "sandwich"
    # the next incremental pull carries the product, and only it
    _status, doc = snapshot(Kiosk.objects.get(pk=kiosk.pk), cursor, 1000)
    assert [(r["product_id"], r["price_ore"], r["icon"]) for r in doc["products"]] == [("toast", 101_750, "sandwich")]
    # the same form again changes nothing: no version, no audit entry
    version, audits = Club.objects.get(club_id=CLUB).version, AuditEntry.objects.count()
    res = leader.post(f"{C}/products/toast", {**PRODUCT, "price": "1017,5", "icon": "sandwich", "tags": "hot",
                                              "barcode": "", "friplads_eligible": ""}, follow=True)  # fmt: skip
    assert "Intet at gemme" in res.content.decode()
    assert (Club.objects.get(club_id=CLUB).version, AuditEntry.objects.count()) == (version, audits)
    # no icon at all: the kiosk shows the category's picture
    assert leader.post(f"{C}/products/toast", {**PRODUCT, "icon": ""}).status_code == 302
    assert Product.objects.get(club__club_id=CLUB, product_id="toast").icon is None
    assert "intet billede" in leader.get(f"{C}/products?q=toast").content.decode()


def test_products_bad_input_is_shown_beside_the_field_and_saves_nothing():
    from django.utils.translation import override

    from hub.office.pictures import MAX_UPLOAD_BYTES

    leader = client_for("leader")
    before = _state()
    jpeg = exif_jpeg()
    cases = [
        ("toast", {**PRODUCT, "price": "-5"}, "id_price_error", "negativt"),
        ("toast", {**PRODUCT, "price": "1.5"}, "id_price_error", "to måder"),
        ("toast", {**PRODUCT, "price": ""}, "id_price_error", ""),
        ("toast", {**PRODUCT, "price": "tolv"}, "id_price_error", "skriv et beløb i kroner"),
        ("toast", {**PRODUCT, "price": "99999999"}, "id_price_error", "for stort"),
        ("toast", {**PRODUCT, "name": ""}, "id_name_error", ""),
        ("toast", {**PRODUCT, "category": ""}, "id_category_error", ""),
        ("bun", {**PRODUCT, "name": "Bolle", "icon": "bun", "barcode": "5701234567899"}, "id_barcode_error",
         "bruges allerede af varen toast"),
        ("new", {**NEW, "barcode": "20123451"}, "id_barcode_error", "bruges allerede af varen æble"),
        ("toast", {**PRODUCT, "barcode": "12 34"}, "id_barcode_error", "stregkode"),
        ("toast", {**PRODUCT, "tags": "ok, <b>"}, "id_tags_error", "mærke"),
        ("toast", {**PRODUCT, "icon": "../../etc/passwd"}, "id_icon_error", ""),
        ("toast", {**PRODUCT, "icon": "no-such-icon"}, "id_icon_error", ""),
        ("new", {**NEW, "product_id": "toast"}, "id_product_id_error", "allerede"),
        ("new", {**NEW, "product_id": "bad id!"}, "id_product_id_error", "vare-id"),
        # pictures: not a picture, a picture cut short, too small, too big, a GIF
        ("toast", {**PRODUCT, "photo": upload(b"%PDF-1.4 not a picture", "menu.jpg")}, "id_photo_error",
         "ikke et billede"),
        ("toast", {**PRODUCT, "photo": upload(jpeg[: len(jpeg) // 2])}, "id_photo_error", "kan ikke læses"),
        ("toast", {**PRODUCT, "photo": upload(picture("PNG", (100, 300)), "small.png")}, "id_photo_error",
         "for lille"),
        ("toast", {**PRODUCT, "photo": upload(b"\xff\xd8\xff" + b"\0" * MAX_UPLOAD_BYTES, "huge.jpg")},
         "id_photo_error", "over 10 mib"),
        ("toast", {**PRODUCT, "photo": upload(picture("GIF"), "anim.gif")}, "id_photo_error", "ikke et billede"),
        ("toast", {**PRODUCT, "photo": upload(_many_pixels(), "bomb.png")}, "id_photo_error", "for mange pixels"),
    ]
    with override("da"):
        for product_id, data, error_id, words in cases:
            path = f"{C}/products/new" if product_id == "new" else f"{C}/products/{product_id}"
            res = leader.post(path, data)
            page = res.content.decode()
            assert res.status_code == 400, (product_id, data, page[:2000])
            assert f'id="{error_id}"' in page, (product_id, error_id, page[:4000])
            assert words.lower() in page.lower(), (product_id, words)
    assert _state() == before
    # a good photo in a form with an error elsewhere: nothing saved, and the page says to choose it again
    res = leader.post(f"{C}/products/toast", {**PRODUCT, "price": "-1", "photo": upload(jpeg)})
    assert res.status_code == 400 and 'id="photo_again"' in res.content.decode()
    assert _state() == before


# --- pictures ------------------------------------------------------------------------------------

def _kiosk_fetch(sha: str):
    """The image as a kiosk of the club gets it: the contract's GET /v1/clubs/{club}/images/{sha256}."""
    from django.test import Client

    from hub.clubs.services import add_kiosk

    _kiosk, token = add_kiosk(CLUB, f"kiosk-{secrets.token_hex(4)}")
    return Client().get(f"/v1/clubs/{CLUB}/images/{sha}", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_products_photo_with_exif_rotation_is_served_upright_square_and_without_exif():
    from PIL import Image

    from hub.clubs.models import Product, ProductImage
    from hub.office.models import AuditEntry
    from hub.office.pictures import SIDE

    raw = exif_jpeg(1600, 1200)  # a photo taken with the phone held upright
    assert b"PhoneMaker" in raw and Image.open(io.BytesIO(raw)).getexif()[0x0112] == 6
    leader = client_for("leader")
    res = leader.post(f"{C}/products/toast", {**PRODUCT, "photo": upload(raw, "IMG_0042.JPG")})
    assert res.status_code == 302, res.content.decode()[:3000]
    p = Product.objects.get(club__club_id=CLUB, product_id="toast")
    sha = p.image_sha256
    assert sha and p.icon == "toast"  # the icon stays: the kiosk shows it until it has the photo
    stored = ProductImage.objects.get(club__club_id=CLUB, sha256=sha)
    assert AuditEntry.objects.filter(action="product.update").get().after["image_sha256"] == sha

    res = _kiosk_fetch(sha)
    assert res.status_code == 200 and res["Content-Type"] == "image/jpeg"
    data = res.content
    assert hashlib.sha256(data).hexdigest() == sha and data == bytes(stored.data)
    img = Image.open(io.BytesIO(data))
    assert img.format == "JPEG" and img.size == (SIDE, SIDE) == (256, 256)
    assert dict(img.getexif()) == {} and b"Exif" not in data and b"PhoneMaker" not in data
    assert "icc_profile" not in img.info
    # upright: the camera stored red left and blue right, turned 90° clockwise that is red above, blue below
    rgb = img.convert("RGB")
    top, bottom = rgb.getpixel((SIDE // 2, 10)), rgb.getpixel((SIDE // 2, SIDE - 10))
    assert top[0] > 180 and top[2] < 80 and bottom[2] > 180 and bottom[0] < 80, (top, bottom)
    # the office's own address for it, for the club's users only
    assert client_for("staff").get(f"{C}/pictures/{sha}").content == data
    assert client_for("other-leader").get(f"{C}/pictures/{sha}").status_code == 403
    assert client_for("leader").get(f"{C}/pictures/{'0' * 64}").status_code == 404
    # the same photo again is the same picture (one row), and changes nothing
    assert leader.post(f"{C}/products/toast", {**PRODUCT, "photo": upload(raw)}).status_code == 302
    assert ProductImage.objects.filter(club__club_id=CLUB).count() == 1
    # the photo taken away: the kiosks show the icon again
    res = leader.post(f"{C}/products/toast", {**PRODUCT, "remove_photo": "on"})
    assert res.status_code == 302 and Product.objects.get(club__club_id=CLUB, product_id="toast").image_sha256 is None
    assert _kiosk_fetch(sha).status_code == 200  # pictures are immutable: a kiosk that has not synced still gets it


@pytest.mark.parametrize("fmt,transparent,served", [("PNG", True, "image/png"), ("PNG", False, "image/jpeg"),
                                                    ("WEBP", False, "image/jpeg"), ("WEBP", True, "image/png")])
def test_products_png_and_webp_uploads_become_png_or_jpeg(fmt, transparent, served):
    from PIL import Image

    from hub.clubs.models import Product

    raw = picture(fmt, (640, 480), transparent)
    res = client_for("leader").post(f"{C}/products/new", {**NEW, "photo": upload(raw, f"x.{fmt.lower()}")})
    assert res.status_code == 302, res.content.decode()[:3000]
    sha = Product.objects.get(club__club_id=CLUB, product_id="aeblejuice").image_sha256
    res = _kiosk_fetch(sha)
    assert res.status_code == 200 and res["Content-Type"] == served
    img = Image.open(io.BytesIO(res.content))
    assert img.size == (256, 256) and len(res.content) <= 512 * 1024
    if transparent:  # the see-through corners stay see-through
        assert img.mode == "RGBA" and img.getpixel((2, 2))[3] == 0 and img.getpixel((128, 128))[3] == 255


def test_products_icons_are_the_kiosks_own_files():
    from django.test import Client

    names = sorted(p.stem for p in ASSETS.glob("*.svg"))
    assert len(names) >= 50
    anonymous = Client()
    for name in names:
        res = anonymous.get(f"/office/icons/{name}.svg")
        assert res.status_code == 200 and res["Content-Type"] == "image/svg+xml"
        assert res.content == (ASSETS / f"{name}.svg").read_bytes()
        assert "default-src 'none'" in res["Content-Security-Policy"]
    for bad in ("no-such-icon", "..%2Fcategories%2Ffood", "Apple"):
        assert anonymous.get(f"/office/icons/{bad}.svg").status_code == 404
    # the form offers every one of them, as pictures to pick from
    page = client_for("leader").get(f"{C}/products/new").content.decode()
    for name in names:
        assert f'src="/office/icons/{name}.svg"' in page and f'value="{name}"' in page
    assert 'enctype="multipart/form-data"' in page


def test_products_escape_what_people_type_and_speak_english():
    leader = client_for("leader")
    assert leader.post(f"{C}/products/new", {**NEW, "name": "<script>x</script>", "category": "snack"}
                       ).status_code == 302  # fmt: skip
    page = leader.get(f"{C}/products").content.decode()
    assert "<script>x" not in page and "&lt;script&gt;x&lt;/script&gt;" in page
    page = client_for("leader", HTTP_ACCEPT_LANGUAGE="en").get(f"{C}/products/toast").content.decode()
    assert "Picture on the kiosk" in page and "Price (kr)" in page and "apple" in page
    page = client_for("leader", HTTP_ACCEPT_LANGUAGE="en").get(f"{C}/products?category=drink").content.decode()
    assert ">Drinks</option>" in page and "Only inactive" in page


def test_products_category_is_a_choice_of_the_kiosks_tabs_by_their_danish_names():
    """A leader typed "Mad" and the kiosk got a second "Mad" tab; "<script>" became a tab. The category
    is a select of the kiosk's tabs (by their Danish names) and the club's other categories; "Mad" sent
    by hand is the food tab; markup and unknown categories are refused beside the field, nothing saved."""
    from django.utils.translation import override

    from hub.clubs.models import Product

    leader = client_for("leader")
    page = leader.get(f"{C}/products/new").content.decode()
    assert '<select name="category"' in page and 'list="categories"' not in page
    for code, name in [("food", "Mad"), ("drink", "Drikke"), ("snack", "Snacks"), ("trip", "Ture")]:
        assert f'<option value="{code}">{name}</option>' in page
    before = _state()
    with override("da"):
        for category in ["<script>", "<script>alert(1)</script>", "Ukendt", ""]:
            res = leader.post(f"{C}/products/new", {**NEW, "category": category})
            assert res.status_code == 400 and 'id="id_category_error"' in res.content.decode(), category
    assert _state() == before
    # "Mad" typed by hand (a POST without the select) is the food tab, not a new category
    assert leader.post(f"{C}/products/new", {**NEW, "name": "Suppe", "category": "Mad"}).status_code == 302
    assert Product.objects.get(club__club_id=CLUB, name="Suppe").category == "food"
    # a category the club already uses (stored by the CLI, say) stays a choice; stored markup does not
    club_product = Product.objects.get(club__club_id=CLUB, name="Suppe")
    Product.objects.filter(pk=club_product.pk).update(category="Frugt")
    Product.objects.filter(club__club_id=CLUB, product_id="toast").update(category="<script>")
    page = leader.get(f"{C}/products/new").content.decode()
    assert '<option value="Frugt">Frugt</option>' in page and "&lt;script&gt;</option>" not in page
    assert leader.post(f"{C}/products/new", {**NEW, "name": "Pære", "category": "Frugt"}).status_code == 302
    assert leader.post(f"{C}/products/new", {**NEW, "name": "Kage", "category": "<script>"}).status_code == 400
