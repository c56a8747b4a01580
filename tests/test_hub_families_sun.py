"""A parent's phone taps a club card (SUN, docs/families.md): the card personalised with SUN by
``club-kiosk cards personalise`` through the real pcscd + vpcd stack and the virtual NTAG 424 DNA, the
club's SUN key handed to the hub with ``club-kiosk cards sun-key`` + ``club-hub set-card-keys``, the
NDEF URL read from the card as a phone reads it (SELECT, ReadBinary through pcscd), then opened in
Debian's chromium at a phone's size against a real ``club-hub serve``: a card without parents offers a
sign-up, the signed-up parent's tap opens their child page, another phone gets the read-only card page
for that card only; the same URL again is a replay, a tampered cmac and another club's card are refused,
and refused taps are rate limited. Screenshots: test-artifacts/families-sun-*.png."""

from __future__ import annotations

import json
import re

import pytest
import requests

from drivers import ntag424 as nt
from drivers.pcsc import with_card
from tests.conftest import ARTIFACTS, run_cli
from tests.support.hub import CLUB, HubServer, run_hub, sql
from tests.support.stacks.vpcd_ntag424 import VirtualNtag424
from tests.test_hub_families import PW
from tests.test_hub_office_browser import browser  # noqa: F401 - the fixture

UID = "04A1B2C3D40002"  # Noah P. (c-02) in the demo club
KEY = "0F1E2D3C4B5A69788796A5B4C3D2E1F0"
PHONE = {"width": 390, "height": 844}


def kiosk_config(tmp_path, name: str, club: str, key: str, portal: str):
    key_file = tmp_path / f"{name}.key"
    key_file.write_text(key + "\n")
    key_file.chmod(0o600)
    cfg = tmp_path / f"{name}.toml"
    cfg.write_text(f'[kiosk]\ndb = "{tmp_path / "l.sqlite"}"\n\n'
                   f'[devices.card_reader]\nname_pattern = "Virtual PCD 00 00"\n\n[devices.printer]\nkind = "none"\n\n'
                   f'[cards]\nmode = "secure"\nmaster_key_file = "{key_file.name}"\n'
                   f'club_id = "{club}"\nportal_url = "{portal}"\n')  # fmt: skip
    return cfg


def phone_read(card: VirtualNtag424) -> str:
    """What a phone does when it taps the card: the NDEF URL, through pcscd."""
    with card:
        url = with_card(lambda transmit, _uid: nt.read_ndef_url(transmit), "Virtual PCD 00 00", 5.0)
    assert isinstance(url, str)
    return url


@pytest.fixture
def sun_hub(hub_databases, tmp_path, monkeypatch):
    url, _template = hub_databases.fresh("sqlite")
    monkeypatch.setenv("CLUB_HUB_SECRET_KEY", "sun-test-" + "x" * 40)
    hub = HubServer(url, tmp_path)
    yield url, hub
    hub.stop()


def test_a_phone_tap_opens_the_portal_for_that_card(pcscd, sun_hub, browser, tmp_path):  # noqa: F811
    url, hub = sun_hub
    cfg = kiosk_config(tmp_path, "kiosk", CLUB, KEY, hub.url + "/")

    # issue the card with SUN, hand the club's SUN key to the hub
    card = VirtualNtag424(UID, pcscd.port)
    with card:
        proc = run_cli("cards", "personalise", "--config", str(cfg), "--timeout", "5", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"uid": UID, "outcome": "personalised", "sun": True}
    key_file = tmp_path / "sun.key"
    proc = run_cli("cards", "sun-key", "--config", str(cfg), "--out", str(key_file))
    assert proc.returncode == 0, proc.stderr
    assert oct(key_file.stat().st_mode & 0o777) == "0o600" and key_file.read_text().strip() not in proc.stdout
    sun_key = key_file.read_text().strip()
    res = run_hub("set-card-keys", "--club", CLUB, "--key-file", str(key_file), database=url)
    assert res.returncode == 0, res.stderr
    stored = sql(url, "SELECT key_encrypted FROM hub_families_clubcardkey")
    assert len(stored) == 1 and sun_key not in stored[0][0] and sun_key.upper() not in stored[0][0]

    ARTIFACTS.mkdir(exist_ok=True)
    ctx = browser.new_context(viewport=PHONE, locale="da-DK", device_scale_factor=1)
    page = ctx.new_page()

    def shot(name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"families-sun-{name}.png"), full_page=True)

    # 1. the first tap: nobody has signed up for Noah yet, so the page offers a sign-up for this card
    tap1 = phone_read(card)
    assert tap1.startswith(hub.url + "/foraeldre/kort?picc=")
    resp = page.goto(tap1)
    assert resp is not None and resp.status == 200
    assert "Kortet har ingen forældre endnu" in page.content()
    shot("signup-offer")
    with page.expect_navigation():
        page.click("#signup")
    page.fill("#id_name", "Mette P.")
    page.fill("#id_email", "mette@example.org")
    page.fill("#id_password", PW)
    with page.expect_navigation():
        page.click("button:has-text('Opret konto')")
    assert page.url == hub.url + "/foraeldre/" and "Noah P." in page.content()

    # 2. the parent's own phone, logged in: their normal child page
    page.goto(phone_read(card))
    assert re.fullmatch(re.escape(hub.url) + r"/foraeldre/barn/\d+/", page.url), page.url
    child_url = page.url

    # 3. another phone, not logged in: the read-only card page of this card only
    other = browser.new_context(viewport=PHONE, locale="da-DK", device_scale_factor=1)
    page2 = other.new_page()
    tap3 = phone_read(card)
    resp = page2.goto(tap3)
    assert resp is not None and resp.status == 200 and page2.url == hub.url + "/foraeldre/kort/vis"
    text = page2.inner_text("main")
    assert "Noah" in text and "Noah P." not in text and "kr" in page2.inner_text("#balance")
    assert "Optank" not in text and "Grænser" not in text  # read-only
    page2.screenshot(path=str(ARTIFACTS / "families-sun-card.png"), full_page=True)
    page2.goto(child_url)  # the tap opened this card's page, not the parent's account
    assert "/foraeldre/log-ind" in page2.url

    # 4. the same URL again: a replay
    resp = page2.goto(tap3)
    assert resp is not None and resp.status == 409 and "Linket er brugt" in page2.content()
    page2.screenshot(path=str(ARTIFACTS / "families-sun-replay.png"), full_page=True)

    # 5. a tampered cmac, another club's card
    tap5 = phone_read(card)
    tampered = tap5[:-1] + ("0" if tap5[-1] != "0" else "1")
    resp = requests.get(tampered, timeout=10, headers={"Accept-Language": "en"})
    assert resp.status_code == 400 and "The card cannot be read" in resp.text  # in English for an English phone
    other_card = VirtualNtag424("04A1B2C3D40003", pcscd.port)
    other_cfg = kiosk_config(tmp_path, "other", "other-klub", "AB" * 16, hub.url)
    with other_card:
        assert run_cli("cards", "personalise", "--config", str(other_cfg), "--timeout", "5").returncode == 0
    resp = requests.get(phone_read(other_card), timeout=10)
    assert resp.status_code == 400 and "Kortet kan ikke læses" in resp.text
    assert requests.get(tap5, timeout=10, allow_redirects=False).status_code == 302  # the untampered one was still good

    # 6. refused taps are rate limited (5 per address per 15 minutes): replay, tampered, other club, +2
    for _ in range(2):
        assert requests.get(hub.url + "/foraeldre/kort?picc=00&cmac=00", timeout=10).status_code == 400
    assert requests.get(phone_read(card), timeout=10).status_code == 429  # even a good one, now

    # audited, counted, and never a picc or cmac in the log
    actions = [a for (a,) in sql(url, "SELECT action FROM hub_office_auditentry WHERE action LIKE 'family.card_tap%%'")]
    assert actions.count("family.card_tap") == 4 and actions.count("family.card_tap_replay") == 1
    last = sql(url, "SELECT last_counter FROM hub_families_cardtapcounter WHERE card_uid = %s", UID)
    assert last == [(card.sdm_counter - 1,)]  # the last read (refused for the rate limit) was not counted
    log_text = hub.log.read_text()
    for tap in (tap1, tap3, tap5):
        picc, mac = nt.sun_params(tap) or ("?", "?")
        assert picc not in log_text and mac not in log_text
    assert UID not in log_text and sun_key not in log_text
    ctx.close()
    other.close()


def test_set_card_keys_refuses_bad_files_and_a_missing_secret(hub_databases, tmp_path, monkeypatch):
    url, _template = hub_databases.fresh("sqlite")
    good = tmp_path / "sun.key"
    good.write_text("11" * 16 + "\n")
    good.chmod(0o600)
    monkeypatch.delenv("CLUB_HUB_SECRET_KEY", raising=False)
    res = run_hub("set-card-keys", "--club", CLUB, "--key-file", str(good), database=url)
    assert res.returncode == 2 and "CLUB_HUB_SECRET_KEY" in res.stderr
    monkeypatch.setenv("CLUB_HUB_SECRET_KEY", "s" * 50)
    loose = tmp_path / "loose.key"
    loose.write_text("11" * 16)
    loose.chmod(0o644)
    res = run_hub("set-card-keys", "--club", CLUB, "--key-file", str(loose), database=url)
    assert res.returncode == 2 and "chmod 600" in res.stderr and "11" * 16 not in res.stderr
    short = tmp_path / "short.key"
    short.write_text("11")
    short.chmod(0o600)
    assert run_hub("set-card-keys", "--club", CLUB, "--key-file", str(short), database=url).returncode == 2
    assert run_hub("set-card-keys", "--club", "no-such", "--key-file", str(good), database=url).returncode == 2
    assert sql(url, "SELECT COUNT(*) FROM hub_families_clubcardkey") == [(0,)]
    res = run_hub("set-card-keys", "--club", CLUB, "--key-file", str(good), database=url)
    assert res.returncode == 0 and "stored" in res.stdout and "11" * 16 not in res.stdout + res.stderr
    res = run_hub("set-card-keys", "--club", CLUB, "--key-file", str(good), database=url)
    assert res.returncode == 0 and "replaced" in res.stdout
    assert sql(url, "SELECT COUNT(*) FROM hub_office_auditentry WHERE action = 'cards.sun_key'") == [(2,)]


def test_a_hub_with_another_secret_key_refuses_taps_cleanly(hub_databases, tmp_path, monkeypatch):
    url, _template = hub_databases.fresh("sqlite")
    key_file = tmp_path / "sun.key"
    sun = nt.sun_master_key(bytes.fromhex(KEY), CLUB)
    key_file.write_text(sun.hex())
    key_file.chmod(0o600)
    monkeypatch.setenv("CLUB_HUB_SECRET_KEY", "a" * 50)
    assert run_hub("set-card-keys", "--club", CLUB, "--key-file", str(key_file), database=url).returncode == 0
    card = VirtualNtag424(UID, port=0)
    nt.personalise(card.answer, bytes.fromhex(UID), bytes.fromhex(KEY), CLUB, sun_base_url="http://h.invalid")
    tap = nt.read_ndef_url(card.answer)
    assert tap is not None
    monkeypatch.setenv("CLUB_HUB_SECRET_KEY", "b" * 50)
    hub = HubServer(url, tmp_path)
    try:
        path = tap.replace("http://h.invalid", hub.url)
        assert requests.get(path, timeout=10).status_code == 400
        assert "cannot be decrypted" in hub.log.read_text()
    finally:
        hub.stop()
