"""The families' pages as a parent uses them: Debian's chromium (Playwright) at a phone's size (390×844)
and a desktop's (1280×800) against a real ``club-hub serve`` (SQLite), a real SMTP server on 127.0.0.1
(aiosmtpd) receiving the mails that ``serve``'s minute job sends, and real kiosks (``club-kiosk
simulate`` + ``club-kiosk sync --once``). Sign up from a letter's code, confirm the e-mail, see a
purchase made at the kiosk, set a daily limit and "no sugar" and see the kiosk refuse above it and a
sugary product after a sync, top up
through the test provider (two tabs at once), report the card lost: the kiosk refuses it after its
sync, and a sale made on a kiosk that had not heard of it is rejected with ``card_reported_lost``.
Screenshots of every page go to test-artifacts/families-<size>-*.png."""

from __future__ import annotations

import re
import threading
import time
from email import message_from_string
from email.policy import default

import pytest
import requests

from tests.conftest import ARTIFACTS, simulate
from tests.support import sync as sync_support
from tests.support.hub import HubServer, run_hub, sql, token_file
from tests.support.sync import Kiosk
from tests.test_hub_families import PW, Smtp
from tests.test_hub_kiosks import kiosk_sync
from tests.test_hub_office_browser import SIZES, browser  # noqa: F401 - the fixture

CARD, CODE_CARD = "BARN02", "04A1B2C3D40002"  # Noah P. (c-02), 50 % friplads


def _wait(predicate, what: str, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"waited {timeout} s for {what}")


def _kiosk(tmp_path, kiosk_id: str, template, monkeypatch):
    own = {**sync_support.rich_snapshot(), "kiosk_id": kiosk_id}
    monkeypatch.setattr(sync_support, "rich_snapshot", lambda own=own: own)
    k = Kiosk(tmp_path / f"{kiosk_id}.sqlite")
    k.engine.dispose()
    token = token_file(template, tmp_path, kiosk_id)
    return tmp_path / f"{kiosk_id}.sqlite", token


def _buy(db, card: str = CARD, product: str = "toast") -> dict:
    out = simulate(db, [{"tap": card}, {"add": product}, {"pay": True}])
    return out[-1] if out[0]["event"] == "identified" else out[0]


@pytest.mark.parametrize("size", list(SIZES))
def test_families_from_letter_to_lost_card(size, browser, hub_databases, tmp_path, monkeypatch):  # noqa: F811
    url, template = hub_databases.fresh("sqlite")
    smtp = Smtp()
    monkeypatch.setenv("CLUB_HUB_SMTP_URL", smtp.url)
    monkeypatch.setenv("CLUB_HUB_JOB_INTERVAL_S", "1")
    monkeypatch.setenv("CLUB_HUB_TESTPAY_CALLBACK", "twice")  # every callback arrives twice
    monkeypatch.setenv("CLUB_HUB_PAYMENT_PROVIDER", "test")
    hub = HubServer(url, tmp_path)
    ARTIFACTS.mkdir(exist_ok=True)
    ctx = browser.new_context(viewport=SIZES[size], locale="da-DK", device_scale_factor=1)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error"
            and not m.text.startswith("Failed to load resource") else None)  # fmt: skip

    def shot(name: str) -> None:
        page.screenshot(path=str(ARTIFACTS / f"families-{size}-{name}.png"), full_page=True)

    def balance() -> int:
        return int(sql(url, "SELECT b.balance_ore FROM hub_ledger_balance b JOIN hub_clubs_child c "
                            "ON c.id = b.child_id WHERE c.child_id = 'c-02'")[0][0])  # fmt: skip

    try:
        k1, token1 = _kiosk(tmp_path, "kiosk-1", template, monkeypatch)
        k2, token2 = _kiosk(tmp_path, "kiosk-2", template, monkeypatch)
        kiosk_sync(k1, hub, "kiosk-1", token1)
        kiosk_sync(k2, hub, "kiosk-2", token2)

        # the letter's address, as support prints it
        res = run_hub("signup-link", "--card", CODE_CARD, "--base-url", hub.url, database=url)
        assert res.returncode == 0, res.stderr
        link = res.stdout.strip()
        assert re.fullmatch(re.escape(hub.url) + r"/foraeldre/tilmeld\?kode=[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", link)
        assert CODE_CARD not in link and CARD not in link
        page.goto(link)
        shot("signup")
        page.fill("#id_name", "Mette P.")
        page.fill("#id_email", "mette@example.org")
        page.fill("#id_password", PW)
        with page.expect_navigation():  # the page has loaded before it is read
            page.click("button:has-text('Opret konto')")
        assert page.url == hub.url + "/foraeldre/", page.content()[:3000]
        assert "Noah P." in page.content() and "Bekræft din e-mail" in page.content()
        shot("home-unconfirmed")

        # the confirmation mail, through the real SMTP server
        msgs = _wait(lambda: [m for m in smtp.messages if "mette@example.org" in m[1]], "the confirmation mail")
        body = message_from_string(msgs[0][2], policy=default).get_content()
        confirm = re.search(r"(http://\S+/foraeldre/bekraeft\?t=\S+)", body).group(1)
        page.goto(confirm)
        assert "Din e-mail er bekræftet" in page.content()
        shot("confirmed")

        # a purchase at the real kiosk shows on the child's page, with what friplads saved
        sale = _buy(k1)
        assert sale["event"] == "approved" and sale["subsidy_ore"] == 750, sale
        kiosk_sync(k1, hub, "kiosk-1", token1)
        page.goto(hub.url + "/foraeldre/")
        with page.expect_navigation():  # the page has loaded before it is read
            page.click("text=Noah P.")
        child_url = page.url
        content = page.content()
        assert "Toast" in content and "kiosk-1" in content and "Friplads sparede jer 7,50" in content
        assert "Kiosken hentede sidst nyt" in content
        shot("child")

        # an invalid daily limit: the error is in the first viewport (a summary at the top, linking to the field)
        page.fill("#id_daily_limit", "ti kroner")
        with page.expect_navigation():  # the page has loaded before it is read
            page.click("form[action$='/graenser'] button[type=submit]")
        summary = page.locator(".error-summary[role=alert]")
        assert summary.count() == 1 and "Højst pr. dag" in summary.inner_text(), page.content()[:3000]
        box = summary.bounding_box()
        assert page.evaluate("window.scrollY") == 0 and box is not None
        assert box["y"] >= 0 and box["y"] + box["height"] <= SIZES[size]["height"], (box, SIZES[size])
        assert summary.locator("a").first.get_attribute("href") == "#id_daily_limit"
        shot("limit-error")
        summary.locator("a").first.click()  # the link takes the parent to the field
        field = page.locator("#id_daily_limit").bounding_box()
        assert field is not None and 0 <= field["y"] <= SIZES[size]["height"], field
        assert page.locator("#id_daily_limit_error").inner_text().strip()

        # a daily limit: the kiosk refuses above it after its sync
        page.fill("#id_daily_limit", "10")
        page.check("input[name=restrictions][value=sugar]")  # no sugar either
        with page.expect_navigation():  # the page has loaded before it is read
            page.click("form[action$='/graenser'] button[type=submit]")
        assert "Gemt" in page.content()
        shot("limit-saved")
        assert _buy(k1)["event"] == "approved"  # before its sync the kiosk knows nothing of it
        kiosk_sync(k1, hub, "kiosk-1", token1)
        sugar = simulate(k1, [{"tap": CARD}, {"add": "juice"}])[1]
        assert sugar == {"event": "declined", "reason": "restricted_product"} \
            or sugar.get("reason") == "restricted_product", sugar  # fmt: skip
        refused = _buy(k1)
        assert refused == {"event": "declined", "reason": "daily_limit"} or refused.get("reason") == "daily_limit", \
            refused  # fmt: skip

        # top up through the test provider; its callback arrives twice: the balance rises once
        before = balance()
        page.goto(child_url)
        page.fill("#id_amount", "100")
        with page.expect_navigation():  # the page has loaded before it is read
            page.click("form[action$='/optank'] button[type=submit]")
        assert "/testbetaling/" in page.url and "100,00" in page.content()
        shot("provider")
        with page.expect_navigation():  # the page has loaded before it is read
            page.click("button:has-text('Betal')")
        assert "Betalingen er gennemført" in page.content()
        shot("paid")
        time.sleep(1.5)  # both callbacks have come
        assert balance() == before + 10_000
        assert sql(url, "SELECT count(*) FROM hub_families_payment WHERE status = 'paid'")[0][0] == 1
        if size == "desktop":  # two tabs paying at once
            tabs = [ctx.new_page(), ctx.new_page()]
            for tab, amount in zip(tabs, ("20", "30"), strict=True):
                tab.goto(child_url)
                tab.fill("#id_amount", amount)
                with tab.expect_navigation():  # the page has loaded before it is read
                    tab.click("form[action$='/optank'] button[type=submit]")
            # Playwright's pages belong to this thread: the two provider pages' forms are posted at once
            forms = [(t.url, t.content()) for t in tabs]
            session = requests.Session()
            for cookie in ctx.cookies():
                session.cookies.set(cookie["name"], cookie["value"])
            posts = []
            for tab_url, html in forms:
                token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
                posts.append(threading.Thread(target=session.post, args=(tab_url,), kwargs={
                    "data": {"csrfmiddlewaretoken": token, "choice": "pay"}, "headers": {"Referer": tab_url},
                    "timeout": 30}))  # fmt: skip
            for t in posts:
                t.start()
            for t in posts:
                t.join()
            _wait(lambda: balance() == before + 15_000, "both tabs' payments")
            time.sleep(1.5)
            assert balance() == before + 15_000
            assert sql(url, "SELECT count(*) FROM hub_ledger_entry WHERE method = 'online'")[0][0] == 3
            for tab in tabs:
                tab.close()

        # the card lost: the kiosk refuses it after its sync; kiosk-2 (not synced) sells on it: rejected
        page.goto(child_url)
        # "Til betaling" does not touch the next heading ("Seneste betalinger")
        button = page.locator("form[action$='/optank'] button[type=submit]").bounding_box()
        heading = page.locator("#topup h2", has_text="Seneste betalinger").bounding_box()
        assert button and heading and heading["y"] - (button["y"] + button["height"]) >= 12, (button, heading)
        with page.expect_navigation():  # the page has loaded before it is read
            page.click(f"form:has(input[value='{CARD}']) button:has-text('Meld kortet mistet')")
        assert "Er du sikker?" in page.content() and "klubben giver et nyt" in page.content()
        assert sql(url, "SELECT status FROM hub_clubs_card WHERE card_uid = %s", CARD)[0][0] == "active"
        shot("lost-confirm")
        with page.expect_navigation():  # the page has loaded before it is read
            page.click("button:has-text('Ja, meld kortet mistet')")
        assert "Kortet er meldt mistet" in page.content()
        shot("lost")
        time.sleep(0.05)
        late = _buy(k2)
        assert late["event"] == "approved", late  # kiosk-2 has not heard of it yet
        out = kiosk_sync(k2, hub, "kiosk-2", token2)
        reason = sql(url, "SELECT t.status, t.reason FROM hub_ledger_kiosktransaction t JOIN hub_clubs_kiosk k "
                          "ON k.id = t.kiosk_id WHERE k.kiosk_id = 'kiosk-2' ORDER BY t.seq DESC")[0]  # fmt: skip
        assert reason[0] == "rejected" and reason[1].startswith("card_reported_lost"), (reason, out)
        kiosk_sync(k1, hub, "kiosk-1", token1)
        refused = simulate(k1, [{"tap": CARD}])[0]
        assert refused == {"event": "declined", "reason": "card_lost"}, refused

        # pages anyone may open; and the statement
        # the server's log has no code, token, name or e-mail address
        logged = hub.log.read_text()
        for secret in (link.split("kode=")[1], confirm.split("t=")[1], "mette@example.org", "Mette P.", "Noah"):
            assert secret not in logged, secret
        assert "GET /foraeldre/bekraeft 200" in logged

        page.goto(hub.url + "/foraeldre/guide")
        assert page.locator(".guide img").count() == 4
        assert all(page.evaluate("Array.from(document.images).map(i => i.naturalWidth > 0)"))
        shot("guide")
        page.goto(hub.url + "/foraeldre/friplads?income_month=30000&children=2")
        assert "Skøn:" in page.content()
        shot("friplads")
        pdf = ctx.request.get(child_url + "opgoerelse/" + time.strftime("%Y-%m") + ".pdf")
        assert pdf.status == 200 and pdf.body()[:4] == b"%PDF"
        with page.expect_navigation():  # the page has loaded before it is read
            page.click("button:has-text('Log ud')")
        shot("logged-out")
        page.goto(child_url)
        assert "/foraeldre/log-ind" in page.url
        assert errors == [], errors
    finally:
        ctx.close()
        hub.stop()
        smtp.stop()


@pytest.mark.parametrize("size", list(SIZES))
def test_office_welcome_letters_in_a_browser(size, browser, hub_databases, tmp_path):  # noqa: F811
    from tests.support.hub import hub_ok
    from tests.support.office import PASSWORD

    url, _template = hub_databases.fresh("sqlite")
    pw = tmp_path / "pw"
    pw.write_text(PASSWORD + "\n")
    hub_ok("add-user", "--role", "leader", "--club", "demo-klub", "mette", "--password-file", str(pw), database=url)
    hub = HubServer(url, tmp_path)
    ctx = browser.new_context(viewport=SIZES[size], locale="da-DK", device_scale_factor=1, accept_downloads=True)
    page = ctx.new_page()
    try:
        page.goto(hub.url + "/office/login")
        page.fill("#id_username", "mette")
        page.fill("#id_password", PASSWORD)
        with page.expect_navigation():  # the page has loaded before it is read
            page.click("button[type=submit]")
        page.goto(hub.url + "/office/c/demo-klub/children")
        with page.expect_navigation():  # the page has loaded before it is read
            page.click("text=Velkomstbreve (PDF)")
        assert page.locator("input[name=child]").count() == 20
        page.check("input[value=c-01]")
        page.check("input[value=c-02]")
        page.screenshot(path=str(ARTIFACTS / f"families-{size}-office-letters.png"), full_page=True)
        with page.expect_download() as info:
            page.click("button[value=selected]")
        data = open(info.value.path(), "rb").read()
        assert data[:4] == b"%PDF" and info.value.suggested_filename == "velkomstbreve-demo-klub.pdf"
        assert sql(url, "SELECT count(*) FROM hub_families_signupcode WHERE kind = 'card'")[0][0] == 2
        audit = sql(url, "SELECT count(*) FROM hub_office_auditentry WHERE action = 'family.signup_code'")[0][0]
        assert audit == 2
    finally:
        ctx.close()
        hub.stop()
