"""Product pictures (contract 1.1 rule 6): snapshot fields, the image cache, fetching over real HTTP
from the fault-injecting finance double (damaged pictures on purpose), and which picture a tile shows."""

from __future__ import annotations

import hashlib
import io
import json
import logging
from pathlib import Path

import pytest
import requests
from PIL import Image

from pos_app.domain.snapshot import parse_snapshot
from pos_app.services.demo import demo_snapshot
from pos_app.services.pictures import builtin_icons, resolve_picture
from pos_app.storage.images import ImageCache, ImageRefused, image_cache_for
from pos_app.storage.ledger import Ledger
from sync.client import FinanceClient
from sync.engine import EXIT_OK, SyncEngine
from tests.conftest import ROOT
from tests.support.sync import CLUB, KIOSK, TOKEN, assert_exactly_once

ASSETS = ROOT / "assets"


def png(colour: str = "red", size: int = 32) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size, size), colour).save(out, "PNG")
    return out.getvalue()


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), "blue").save(out, "JPEG")
    return out.getvalue()


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sync_engine(kiosk, server) -> SyncEngine:  # noqa: F811
    client = FinanceClient(server.url, TOKEN, CLUB, KIOSK, timeout_s=5.0)
    return SyncEngine(kiosk.engine, client, images=image_cache_for(kiosk.engine.url.database))


def products(kiosk) -> dict:  # noqa: F811
    with kiosk.engine.connect() as conn:
        return {p.product_id: p for p in Ledger().products(conn)}


# --- snapshot fields -------------------------------------------------------------------------------
def test_snapshot_reads_icon_and_image_sha256_and_ignores_bad_ones(caplog):
    doc = demo_snapshot()
    good = sha(b"x")
    p = doc["products"]
    p[0].update(icon="sandwich", image_sha256=good)
    p[1].update(icon="Not An Icon!", image_sha256=good.upper())  # invalid: treated as absent, logged
    p[2].update(icon=None, image_sha256=None)
    del p[3]["icon"], p[3]["image_sha256"]  # a 1.0 finance side: fields absent
    with caplog.at_level(logging.WARNING, logger="pos_app.domain.snapshot"):
        snap = parse_snapshot(doc)
    got = {x.product_id: (x.icon, x.image_sha256) for x in snap.products}
    assert got[p[0]["product_id"]] == ("sandwich", good)
    assert got[p[1]["product_id"]] == (None, None)
    assert got[p[2]["product_id"]] == (None, None)
    assert got[p[3]["product_id"]] == (None, None)
    assert "products[1]: icon is not valid" in caplog.text and "products[1]: image_sha256 is not valid" in caplog.text


def test_snapshot_picture_fields_are_stored_in_the_ledger(kiosk):  # noqa: F811
    cached = products(kiosk)
    assert (cached["salad"].icon, cached["salad"].image_sha256) == ("pasta", None)  # the demo's icons
    assert cached["toast"].icon == "toast"


# --- the image cache -------------------------------------------------------------------------------
def test_image_cache_keeps_only_verified_png_and_jpeg(tmp_path):
    cache = ImageCache(tmp_path / "images")
    data, photo = png(), jpeg()
    assert cache.put(sha(data), data, "image/png").name == f"{sha(data)}.png"
    assert cache.put(sha(photo), photo, "image/jpeg").suffix == ".jpg"
    assert cache.path(sha(data)).read_bytes() == data
    with pytest.raises(ImageRefused, match="hash"):
        cache.put(sha(b"other"), data, "image/png")
    with pytest.raises(ImageRefused, match="not a image/jpeg"):
        cache.put(sha(data), data, "image/jpeg")  # the magic bytes say PNG
    with pytest.raises(ImageRefused, match="content type"):
        cache.put(sha(b"GIF89a"), b"GIF89a", "image/gif")
    big = png(size=1) + b"\0" * (512 * 1024)
    with pytest.raises(ImageRefused, match="512 KiB"):
        cache.put(sha(big), big, "image/png")
    assert sorted(p.name for p in (tmp_path / "images").iterdir()) == sorted(
        [f"{sha(data)}.png", f"{sha(photo)}.jpg"])  # no temp files left behind  # fmt: skip


def test_image_cache_detects_a_truncated_file_when_read(tmp_path):
    cache = ImageCache(tmp_path / "images")
    data = png()
    path = cache.put(sha(data), data, "image/png")
    path.write_bytes(data[: len(data) // 2])  # cut short on disk (a power cut, a bad card)
    assert cache.path(sha(data)) is None
    assert not path.exists()  # deleted: the sync fetches it again
    assert cache.missing([sha(data)]) == [sha(data)]


# --- over HTTP from the fault-injecting finance double ------------------------------------------------
def test_sync_fetches_pictures_and_refetches_damaged_ones(kiosk, server):  # noqa: F811
    data = png("green")
    image = server.store.add_image(CLUB, data)
    assert image == sha(data)
    server.store.set_product_picture(CLUB, "toast", icon="sandwich", image_sha256=image)
    kiosk.sales(2)
    server.faults.corrupt_images = 1  # the first answer's bytes do not hash to the name
    engine = sync_engine(kiosk, server)
    first = engine.run_once()
    assert first.exit_code == EXIT_OK and first.result.accepted == 2  # the money part is done regardless
    assert (first.result.images_fetched, first.result.images_missing) == (0, 1)
    assert products(kiosk)["toast"].image_sha256 == image
    cache = engine.images
    assert cache.path(image) is None and not any(cache.folder.glob("*.png"))  # discarded, nothing kept
    toast = products(kiosk)["toast"]
    shown = resolve_picture(toast.product_id, toast.category, toast.icon, toast.image_sha256, images=cache)
    assert shown == ASSETS / "products" / "sandwich.svg"  # the icon until the picture is here
    second = engine.run_once()
    assert (second.result.images_fetched, second.result.images_missing) == (1, 0)
    assert cache.path(image).read_bytes() == data
    shown = resolve_picture(toast.product_id, toast.category, toast.icon, toast.image_sha256, images=cache)
    assert shown == cache.folder / f"{image}.png"
    images_requests = [r for r in server.faults.requests if "/images/" in r]
    assert images_requests == [f"GET /v1/clubs/{CLUB}/images/{image}"] * 2
    third = engine.run_once()
    assert third.result.images_fetched == 0  # kept: not fetched again
    assert len([r for r in server.faults.requests if "/images/" in r]) == 2
    assert_exactly_once(kiosk, server)


def test_sync_unknown_or_failing_pictures_never_fail_the_round(kiosk, server, caplog):  # noqa: F811
    unknown = sha(b"never uploaded")
    server.store.set_product_picture(CLUB, "pizza", image_sha256=unknown)
    server.store.set_product_picture(CLUB, "milk", image_sha256=server.store.add_image(CLUB, jpeg()))
    kiosk.sales(1)
    server.faults.fail.append({"path": "/images/", "status": 503, "times": 1})
    engine = sync_engine(kiosk, server)
    with caplog.at_level(logging.WARNING, logger="sync.engine"):
        outcome = engine.run_once()
    assert outcome.exit_code == EXIT_OK and outcome.result.accepted == 1
    assert outcome.result.images_missing == 2  # the 503 stopped this round's fetching
    assert "503" in caplog.text
    outcome = engine.run_once()
    assert outcome.exit_code == EXIT_OK
    assert (outcome.result.images_fetched, outcome.result.images_missing) == (1, 1)  # the 404 stays missing
    assert "404" in caplog.text
    pizza = products(kiosk)["pizza"]
    assert resolve_picture("pizza", pizza.category, pizza.icon, pizza.image_sha256, images=engine.images) == (
        ASSETS / "products" / "pizza.svg")  # fmt: skip


def test_double_image_endpoint_follows_the_contract(server):  # noqa: F811
    data = jpeg()
    image = server.store.add_image(CLUB, data)
    auth = {"Authorization": f"Bearer {TOKEN}"}
    r = requests.get(f"{server.url}/v1/clubs/{CLUB}/images/{image}", headers=auth, timeout=5)
    assert r.status_code == 200 and r.content == data and r.headers["Content-Type"] == "image/jpeg"
    r = requests.get(f"{server.url}/v1/clubs/{CLUB}/images/{sha(b'x')}", headers=auth, timeout=5)
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    assert requests.get(f"{server.url}/v1/clubs/other/images/{image}", headers=auth, timeout=5).status_code == 403
    assert requests.get(f"{server.url}/v1/clubs/{CLUB}/images/{image}", timeout=5).status_code == 401
    with pytest.raises(ValueError, match="PNG or a JPEG"):
        server.store.add_image(CLUB, b"GIF89a....")
    client = FinanceClient(server.url, TOKEN, CLUB, KIOSK)
    assert client.image(image) == (data, "image/jpeg")


def test_double_answers_413_before_the_schema(server):  # noqa: F811
    body = {"transactions": [{"txn_id": "x"}] * 501}
    r = requests.post(f"{server.url}/v1/kiosks/{KIOSK}/transactions", data=json.dumps(body), timeout=5,
                      headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"})  # fmt: skip
    assert r.status_code == 413


# --- which picture a tile shows --------------------------------------------------------------------------
def test_resolve_picture_order(tmp_path):
    cache = ImageCache(tmp_path / "images")
    data = png()
    cache.put(sha(data), data, "image/png")
    products_dir, categories = ASSETS / "products", ASSETS / "categories"
    assert resolve_picture("salad", "food", "pasta", sha(data), images=cache) == cache.folder / f"{sha(data)}.png"
    assert resolve_picture("salad", "food", "pasta", sha(b"not here"), images=cache) == products_dir / "pasta.svg"
    assert resolve_picture("salad", "food", "pasta", sha(data), images=None) == products_dir / "pasta.svg"
    assert resolve_picture("apple", "food", "no-such-icon") == products_dir / "apple.svg"  # the id's picture
    assert resolve_picture("p-17", "Mad") == categories / "food.svg"  # a Danish category name
    assert resolve_picture("p-17", "drink") == categories / "drink.svg"
    assert resolve_picture("p-17", "ture") == categories / "trip.svg"
    assert resolve_picture("p-17", "Ukendt", "../../icons/card") == categories / "generic.svg"  # no path tricks
    assert resolve_picture("p-17", "../products/apple") == categories / "generic.svg"


def test_builtin_icons_cover_a_clubs_range():
    names = builtin_icons()
    assert len(names) >= 40
    for name in ("apple", "sandwich", "juice", "chips", "candy", "icecream", "bus", "football", "paint", "paper"):
        assert name in names
    for category in ("food", "drink", "snack", "trip", "generic"):
        assert (ASSETS / "categories" / f"{category}.svg").is_file()
    for product in demo_snapshot()["products"]:
        assert product["icon"] in names, product["product_id"]


def test_ui_product_icon_uses_the_resolution_and_keeps_the_old_call(qapp, tmp_path):
    from PySide6.QtCore import QSize

    from pos_app.ui.assets import product_icon

    assert not product_icon("toast", "food").pixmap(QSize(64, 64)).isNull()  # the old two-argument call
    assert not product_icon("p-9", "mad", "sandwich").pixmap(QSize(64, 64)).isNull()
    cache = ImageCache(tmp_path / "images")
    data = png("yellow", 64)
    cache.put(sha(data), data, "image/png")
    image = product_icon("p-9", "mad", "sandwich", sha(data), cache).pixmap(QSize(64, 64)).toImage()
    assert image.pixelColor(32, 32).name() == "#ffff00"  # the cached picture, not the icon


def test_every_builtin_picture_is_a_valid_scalable_svg():
    for path in [*(ASSETS / "products").glob("*.svg"), *(ASSETS / "categories").glob("*.svg")]:
        text = path.read_text(encoding="utf-8")
        assert 'viewBox="0 0 128 128"' in text, path.name
        assert Path(path).stem.replace("-", "").isalnum() and path.stem == path.stem.lower(), path.name
