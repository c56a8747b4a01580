"""Web security of the back office, a test per item: CSRF on every form (each POST route refuses a
request without the token), SQL and HTML injection in every text field (saved as the exact text,
shown escaped), sessions ended by a password change, no stack trace to a visitor (500 and 404)."""

from __future__ import annotations

import re

import pytest

from tests.support.hub import CLUB
from tests.support.office import PASSWORD, client_for, office_db  # noqa: F401 - the fixture

pytestmark = pytest.mark.usefixtures("office_db")

C = f"/office/c/{CLUB}"
EVIL = "<script>alert(\"x\")</script>' OR '1'='1'; DROP TABLE hub_clubs_child;--"
ESCAPED = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#x27; OR &#x27;1&#x27;=&#x27;1&#x27;; DROP TABLE"


def _post_routes() -> list[str]:
    """Every route of the back office (and the language switch), with real ids filled in."""
    from django.urls import get_resolver

    fill = {"club_id": CLUB, "child_id": "c-01", "card_uid": "04A1B2C3D40001"}
    paths = []
    for pattern in get_resolver("hub.urls").url_patterns:
        prefix = str(pattern.pattern)
        for sub in getattr(pattern, "url_patterns", [pattern]):
            route = prefix + str(sub.pattern) if sub is not pattern else prefix
            if not route.startswith(("office", "office/language")):
                continue
            # every parameter gets a real id where the demo club has one, else any value its converter takes:
            # the CSRF check refuses a POST before the view looks the id up
            paths.append("/" + re.sub(r"<(?:(\w+):)?(\w+)>",
                                      lambda m: "1" if m.group(1) == "int" else fill.get(m.group(2), "x"), route))
    return paths


def test_csrf_on_every_form():
    from django.test import Client

    routes = _post_routes()
    assert len(routes) >= 15 and "/office/login" in routes and "/office/language" in routes
    leader = client_for("leader", enforce_csrf_checks=True)
    anonymous = Client(enforce_csrf_checks=True)
    refused = 0
    for path in routes:
        for client in (leader, anonymous):
            res = client.post(path, {"display_name": "x", "amount": "10", "username": "leader", "password": PASSWORD})
            # 403 from the CSRF check; 405 where the route takes no POST at all
            assert res.status_code in (403, 405), (path, res.status_code)
            refused += res.status_code == 403
            assert b"Traceback" not in res.content
    assert refused >= 2 * 12  # the forms (not only the routes without a POST)


def test_injection_in_every_text_field_is_saved_as_text_and_shown_escaped():
    from hub.clubs.models import Child
    from hub.ledger.models import Entry
    from hub.office.models import AuditEntry

    leader = client_for("leader")
    fields = {"display_name": EVIL[:80], "payment_mode": "prepaid", "credit_limit": "0", "daily_limit": "",
              "restrictions": "", "blocked": ""}  # fmt: skip
    assert leader.post(f"{C}/children/new", {**fields, "child_id": "c-evil", "friplads_pct": "0"}).status_code == 302
    assert Child.objects.get(child_id="c-evil").display_name == EVIL[:80]  # the exact text, nothing executed
    topup = {"amount": "10", "method": "cash", "note": EVIL}
    assert leader.post(f"{C}/children/c-evil/topup", topup).status_code == 302
    assert leader.post(f"{C}/children/c-evil/adjust", {"amount": "-1", "reason": EVIL}).status_code == 302
    assert Entry.objects.filter(child__child_id="c-evil", note=EVIL).count() == 2
    assert AuditEntry.objects.filter(target__contains="c-evil").count() >= 3
    pages = [f"{C}/children/c-evil", f"{C}/children/c-evil/ledger", f"{C}/children?q=script", f"{C}/audit",
             f"{C}/children?q=" + EVIL[:80], f"{C}/children/c-evil/edit", f"{C}/"]  # fmt: skip
    for path in pages:
        page = leader.get(path).content.decode()
        assert "<script>" not in page and "alert(\"x\")" not in page, path
    for path in pages[:3]:
        assert ESCAPED in leader.get(path).content.decode(), path
    assert "&lt;script&gt;alert(" in leader.get(f"{C}/audit").content.decode()  # inside the JSON of the record
    # fields that refuse such text say so beside the field, and show what was typed escaped
    children = Child.objects.count()
    for path, data in ((f"{C}/children/new", {**fields, "child_id": EVIL[:64], "friplads_pct": "0"}),
                       (f"{C}/children/c-evil/edit", {**fields, "restrictions": EVIL}),
                       (f"{C}/children/c-evil/cards", {"card_uid": EVIL[:64]}),
                       (f"{C}/children/c-evil/topup", {"amount": EVIL[:60], "method": "cash"})):  # fmt: skip
        res = leader.post(path, data)
        assert res.status_code in (200, 400), path  # the form again, with its error
        page = res.content.decode()
        assert "<script>" not in page and 'class="errorlist"' in page, path
    assert Child.objects.count() == children  # nothing half-saved
    # the login form: a user name like that is not found, and not echoed raw
    from django.test import Client

    res = Client().post("/office/login", {"username": EVIL, "password": "whatever at all"})
    assert res.status_code == 401 and "<script>" not in res.content.decode()


def test_a_password_change_ends_the_users_other_sessions():
    from django.contrib.auth import get_user_model
    from django.test import Client

    phone, desktop = Client(), Client()
    for client in (phone, desktop):
        assert client.post("/office/login", {"username": "leader", "password": PASSWORD}).status_code == 302
        assert client.get(f"{C}/").status_code == 200
    user = get_user_model().objects.get(username="leader")
    user.set_password("another long pass phrase")  # a new password (e.g. after a stolen laptop)
    user.save()
    for client in (phone, desktop):
        res = client.get(f"{C}/")
        assert res.status_code == 302 and res["Location"].startswith("/office/login")
    fresh = Client()
    new_login = {"username": "leader", "password": "another long pass phrase"}
    assert fresh.post("/office/login", new_login).status_code == 302
    assert fresh.get(f"{C}/").status_code == 200


def test_no_stack_trace_to_a_visitor(monkeypatch):
    from django.test import Client

    from hub.office import selectors

    def broken(*args, **kwargs):
        raise RuntimeError("internal detail SELECT secret FROM somewhere")

    monkeypatch.setattr(selectors, "dashboard", broken)
    client = client_for("leader", raise_request_exception=False)
    res = client.get(f"{C}/")
    body = res.content.decode()
    assert res.status_code == 500
    assert "internal detail" not in body and "Traceback" not in body and "RuntimeError" not in body
    assert "<h1>" in body and "Content-Security-Policy" in res.headers
    for path in ("/office/nope", f"{C}/children/nobody", "/v1/nope", "/nope"):
        res = Client().get(path)
        assert res.status_code in (302, 404), path  # office pages send anonymous visitors to the login first
        assert "Traceback" not in res.content.decode() and "urlpatterns" not in res.content.decode(), path
    res = client.get(f"{C}/children/nobody")
    assert res.status_code == 404 and "Traceback" not in res.content.decode()
    assert Client().get("/v1/nope").json() == {"error": "not_found"}


def test_templates_have_no_inline_script_style_or_handlers():
    """The CSP has no 'unsafe-inline': a template with an inline script, a style attribute or an
    event handler attribute would break in the browser, so none may have one (scripts and styles go
    in static files; data for a script through json_script)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "hub"
    templates = sorted(root.glob("*/templates/**/*.html"))
    assert len(templates) >= 10
    bad = []
    for path in templates:
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"<script\b[^>]*>", text, re.I):
            if "src=" not in m.group(0) and 'type="application/json"' not in m.group(0):
                bad.append(f"{path.name}: {m.group(0)}")
        bad += [f"{path.name}: {m.group(0)}" for m in re.finditer(r"\s(style|on[a-z]+)\s*=", text, re.I)]
        bad += [f"{path.name}: <style>" for _ in re.finditer(r"<style\b", text, re.I)]
    assert not bad, bad
