"""The hub's side of the sync contract (1.1), against a real ``club-hub serve`` process over HTTP on
127.0.0.1, on SQLite and on PostgreSQL (started by the tests)."""

from __future__ import annotations

import json

import pytest

from hub.api.contract import validation_error as schema_error
from hub.api.contract import validators
from tests.support.hub import CARD, CLUB, PNG, Chain, HubServer, hub_ok, sql

BACKENDS = ["sqlite", "postgresql"]
TXNS = "/v1/kiosks/kiosk-1/transactions"


@pytest.fixture(params=BACKENDS)
def hub(request, hub_databases, tmp_path):
    url, template = hub_databases.fresh(request.param)
    server = HubServer(url, tmp_path)
    server.template = template  # type: ignore[attr-defined]
    server.tokens = template.tokens  # type: ignore[attr-defined]
    yield server
    server.stop()


def post(hub, items, kiosk="kiosk-1"):
    return hub.request("POST", f"/v1/kiosks/{kiosk}/transactions", hub.tokens[kiosk], {"transactions": items})


def balance(hub, child: str) -> int:
    rows = sql(hub.database, "SELECT b.balance_ore FROM hub_ledger_balance b JOIN hub_clubs_child c "
                             "ON c.id = b.child_id WHERE c.child_id = %s", child)  # fmt: skip
    return int(rows[0][0])


def full_pull(hub, kiosk="kiosk-1", since=None):
    pages, params = [], {"kiosk_id": kiosk}
    if since:
        params["since"] = since
    while True:
        r = hub.request("GET", f"/v1/clubs/{CLUB}/snapshot", hub.tokens[kiosk], **params)
        assert r.status_code == 200, r.text
        doc = r.json()
        assert schema_error(validators()["snapshot"], doc) is None
        pages.append(doc)
        if not doc["more"]:
            return pages
        params["since"] = doc["cursor"]


def test_hub_uploads_decide_each_seq_once_with_reason_codes(hub):
    start = balance(hub, "c-01")
    chain = Chain()
    items = [
        chain.next(),  # accepted
        chain.next(lines=[("nope", 1, 100)]),
        chain.next(child="c-nobody"),
        chain.next(card="0000000000AB"),
        chain.next(lines=[("toast", 2, 1500)], gross_ore=2999),  # totals do not add up
        chain.next(lines=[("toast", 1, 1500)], pct=50, subsidies=False),  # subsidy 0: eligibility changed
        chain.next(kind="topup_cash", card=None, amount=1025),  # not a multiple of 50 øre
        chain.next(kind="topup_cash", card=None, amount=2000),
        chain.next(kind="adjustment", card=None, amount=-300),
    ]
    r = post(hub, items)
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["kiosk_applied_seq"] == 9
    assert [res["txn_id"] for res in doc["results"]] == [i["txn_id"] for i in items]
    statuses = [(res["status"], res.get("reason", "").split(":")[0]) for res in doc["results"]]
    assert statuses == [("accepted", ""), ("rejected", "unknown_product"), ("rejected", "unknown_child"),
                        ("rejected", "unknown_card"), ("rejected", "pricing"), ("accepted", ""),
                        ("rejected", "pricing"), ("accepted", ""), ("accepted", "")]  # fmt: skip
    assert "0000000000AB" not in r.text  # a card uid is masked in reasons
    assert balance(hub, "c-01") == start - 1500 - 1500 + 2000 - 300
    again = post(hub, items)  # the same batch again: every item answered with its first decision
    assert again.status_code == 200
    dups = again.json()["results"]
    assert all(d["status"] == "duplicate" for d in dups)
    assert [d["decided"] for d in dups] == [s for s, _ in statuses]
    assert [d.get("reason") for d in dups] == [res.get("reason") for res in doc["results"]]
    assert balance(hub, "c-01") == start - 1500 - 1500 + 2000 - 300  # nothing booked twice
    status = hub.request("GET", "/v1/kiosks/kiosk-1/status", hub.tokens["kiosk-1"]).json()
    assert status["expected_seq"] == 10 and status["kiosk_applied_seq"] == 9
    assert hub_ok("check", database=hub.database).strip().endswith("0 problem(s)")


def test_hub_seq_gap_conflicts_and_broken_chains_are_409(hub):
    chain = Chain()
    a, b, c = chain.next(), chain.next(), chain.next()
    r = post(hub, [b, c])
    assert r.status_code == 409 and r.json() == {"error": "seq_gap", "expected_seq": 1}
    assert sql(hub.database, "SELECT COUNT(*) FROM hub_ledger_kiosktransaction")[0][0] == 0
    assert post(hub, [a]).status_code == 200
    changed = {**b, "note": "other"}
    r = post(hub, [a, changed])  # b's seq with other content: a is a duplicate, then the conflict
    assert r.status_code == 409 and r.json() == {"error": "chain_broken", "txn_id": b["txn_id"]}
    other = Chain()
    other.next()
    clash = Chain()
    clash.next(txn_id=a["txn_id"])  # kiosk-2's first seq reuses kiosk-1's txn_id (rule 11)
    r = post(hub, clash.items, kiosk="kiosk-2")
    assert r.status_code == 409 and r.json() == {"error": "txn_conflict", "txn_id": a["txn_id"]}
    assert post(hub, [b, c]).json()["kiosk_applied_seq"] == 3
    twin = dict(b)
    twin["txn_id"] = "00000000-0000-4000-8000-000000000001"  # seq 2 decided under another txn_id
    r = post(hub, [twin])
    assert r.status_code == 409 and r.json() == {"error": "txn_conflict", "txn_id": twin["txn_id"]}
    broken = Chain()
    broken.seq, broken.prev = 3, "f" * 64  # seq 4 chained to a hash that is not seq 3's
    d = broken.next()
    r = post(hub, [d])
    assert r.status_code == 409 and r.json()["error"] == "chain_broken"
    assert sql(hub.database, "SELECT MAX(seq) FROM hub_ledger_kiosktransaction")[0][0] == 3


def test_hub_refunds_voids_and_lost_cards(hub):
    chain = Chain()
    sale = chain.next(lines=[("toast", 1, 1500), ("apple", 2, 300)], pct=50, child="c-02", card="04A1B2C3D40002")
    sale2 = chain.next(child="c-02", card="04A1B2C3D40002")
    refund = chain.next(kind="refund", child="c-02", refers_to=sale["txn_id"], lines=[("apple", 2, 300)], pct=50)
    again = chain.next(kind="refund", child="c-02", refers_to=sale["txn_id"], lines=[("apple", 2, 300)], pct=50)
    void_refunded = chain.next(kind="void", child="c-02", refers_to=sale["txn_id"],
                               lines=[("toast", 1, 1500), ("apple", 2, 300)], pct=50)  # fmt: skip
    wrong_child = chain.next(kind="void", child="c-01", refers_to=sale2["txn_id"])
    void = chain.next(kind="void", child="c-02", refers_to=sale2["txn_id"])
    doc = post(hub, chain.items).json()
    assert [(r["status"], r.get("reason", "").split(":")[0]) for r in doc["results"]] == [
        ("accepted", ""), ("accepted", ""), ("accepted", ""), ("rejected", "refers_to"), ("rejected", "refers_to"),
        ("rejected", "refers_to"), ("accepted", "")]  # fmt: skip
    assert refund and again and void_refunded and wrong_child and void
    # The card is reported lost at 15:00; a sale at 14:59 still counts, one at 15:01 does not (rule 8).
    change = {"change_id": "11111111-1111-4111-8111-111111111111", "card_uid": CARD, "child_id": "c-01",
              "status": "lost", "staff_id": "s-1", "occurred_at": "2026-11-25T15:00:00.000+01:00"}  # fmt: skip
    r = hub.request("POST", "/v1/kiosks/kiosk-1/card-changes", hub.tokens["kiosk-1"], {"changes": [change]})
    assert r.json() == {"results": [{"change_id": change["change_id"], "status": "accepted"}]}
    before = chain.next(occurred_at="2026-11-25T14:59:00.000+01:00")
    after = chain.next(occurred_at="2026-11-25T15:01:00.000+01:00")
    doc = post(hub, [before, after]).json()
    assert [r["status"] for r in doc["results"]] == ["accepted", "rejected"]
    assert doc["results"][1]["reason"].startswith("card_reported_lost: ")


def test_hub_tokens_sizes_and_malformed_bodies(hub):
    tok = hub.tokens["kiosk-1"]
    item = Chain().next()
    assert hub.request("GET", "/v1/health", None).json()["status"] == "ok"
    assert post(hub, [item], kiosk="kiosk-1").status_code == 200
    assert hub.request("POST", TXNS, "wrong-token", {"transactions": [item]}).status_code == 401
    assert hub.request("POST", TXNS, None, {"transactions": [item]}).status_code == 401
    assert hub.request("GET", "/v1/kiosks/kiosk-2/status", tok).status_code == 403
    assert hub.request("POST", "/v1/kiosks/kiosk-2/transactions", tok, {"transactions": [item]}).status_code == 403
    assert hub.request("GET", "/v1/clubs/other-klub/snapshot", tok, kiosk_id="kiosk-1").status_code == 403
    assert hub.request("GET", f"/v1/clubs/{CLUB}/snapshot", tok, kiosk_id="kiosk-2").status_code == 403
    r = hub.request("GET", "/v1/kiosks/kiosk-x/status", hub.tokens["kiosk-x"])
    assert r.status_code == 200  # another club's kiosk, its own path
    assert hub.request("POST", TXNS, tok, {"transactions": [item] * 501}).status_code == 413
    assert hub.request("POST", TXNS, tok, raw=b"[" + b" " * (16 * 1024 * 1024) + b"]").status_code == 413
    r = hub.request("POST", TXNS, tok, raw=b"{not json")
    assert r.status_code == 400 and r.json()["error"] == "malformed"
    r = hub.request("POST", TXNS, tok, {"transactions": [{**item, "seq": 0}]})
    assert r.status_code == 400 and r.json()["error"] == "malformed"
    assert hub.request("POST", TXNS, tok, {"transactions": []}).status_code == 400
    # A new token for kiosk-1: the old one answers 401 at once.
    new_file = hub.log.parent / "rotated.token"
    hub_ok("add-kiosk", "--club", CLUB, "kiosk-1", "--token-file", str(new_file), "--rotate", database=hub.database)
    assert hub.request("GET", "/v1/kiosks/kiosk-1/status", tok).status_code == 401
    new = new_file.read_text().strip()
    assert hub.request("GET", "/v1/kiosks/kiosk-1/status", new).json()["expected_seq"] == 2
    log = hub.log.read_text()
    assert "POST /v1/kiosks/kiosk-1/transactions 200" in log  # one line per request
    for secret in (tok, new, hub.tokens["kiosk-x"]):
        assert secret not in log


def test_hub_snapshots_full_incremental_paged(hub, tmp_path):
    pages = full_pull(hub)
    assert len(pages) > 5  # page size 7
    records = {k: [r for p in pages for r in p[k]] for k in ("children", "cards", "products", "staff")}
    assert (len(records["children"]), len(records["products"]), len(records["staff"])) == (20, 16, 2)
    assert all(c["balance_applied_seq"] == 0 and c["balance_ore"] == 10_000_000 for c in records["children"])
    cursor = pages[-1]["cursor"]
    assert full_pull(hub, since=cursor)[0]["children"] == []  # nothing changed
    # kiosk-2 sells to c-01: kiosk-1's next incremental pull carries c-01's new balance (rule 5) ...
    k2 = Chain()
    assert post(hub, [k2.next()], kiosk="kiosk-2").status_code == 200
    inc = full_pull(hub, since=cursor)
    assert [(c["child_id"], c["balance_ore"], c["balance_applied_seq"]) for c in inc[0]["children"]] == [
        ("c-01", 10_000_000 - 1500, 0)]
    # ... and a rejection of kiosk-1's own transaction, which changes no balance, is carried too
    cursor = inc[-1]["cursor"]
    k1 = Chain()
    assert post(hub, [k1.next(child="c-03", lines=[("nope", 1, 1)])]).json()["results"][0]["status"] == "rejected"
    inc = full_pull(hub, since=cursor)
    assert [(c["child_id"], c["balance_applied_seq"]) for c in inc[0]["children"]] == [("c-03", 1)]
    # A removal (a re-import with "deleted": true) comes as a removal; a full pull leaves it out.
    snap = json.loads(hub.template.snapshot_file.read_text())
    snap["products"][0] = {"product_id": snap["products"][0]["product_id"], "deleted": True}
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(snap))
    hub_ok("import-snapshot", "--club", CLUB, str(changed), database=hub.database)
    inc = full_pull(hub, since=inc[-1]["cursor"])
    assert inc[0]["products"] == [{"product_id": snap["products"][0]["product_id"], "deleted": True}]
    again = full_pull(hub)
    assert sum(len(p["products"]) for p in again) == 15
    for bad in ("v999999", "nonsense", "v-1"):
        r = hub.request("GET", f"/v1/clubs/{CLUB}/snapshot", hub.tokens["kiosk-1"], kiosk_id="kiosk-1", since=bad)
        assert r.status_code == 400 and r.json() == {"error": "bad_cursor"}


def closing(cid: str, **kw):
    doc = {"closing_id": cid, "business_date": "2026-11-25", "z_number": 1, "opened_at": "2026-11-25T08:00:00+01:00",
           "closed_at": "2026-11-25T18:00:00+01:00", "closed_by": "s-1", "first_seq": 0, "last_seq": 0,
           "last_hash": "0" * 64, "counts": {"sale": 0, "refund": 0, "void": 0, "topup_cash": 0, "adjustment": 0},
           "sales_gross_ore": 0, "sales_subsidy_ore": 0, "sales_net_ore": 0, "returns_net_ore": 0,
           "topup_cash_ore": 0, "adjustments_ore": 0, "opening_float_ore": 0, "cash_expected_ore": 0,
           "cash_counted_ore": 0, "cash_difference_ore": 0, "staff_actions": 0, "grand_total_sales_ore": 0,
           "grand_total_returns_ore": 0}  # fmt: skip
    doc.update(kw)
    return doc


def test_hub_card_changes_and_day_closings(hub):
    tok = hub.tokens["kiosk-1"]
    path = "/v1/kiosks/kiosk-1/card-changes"
    new_card = {"change_id": "22222222-2222-4222-8222-222222222222", "card_uid": "04AABBCCDDEE01",
                "child_id": "c-05", "status": "active", "staff_id": "s-1",
                "occurred_at": "2026-11-25T12:00:00.000+01:00"}  # fmt: skip
    older = {**new_card, "change_id": "33333333-3333-4333-8333-333333333333", "status": "blocked",
             "occurred_at": "2026-11-25T11:00:00.000+01:00"}  # fmt: skip
    unknown = {**new_card, "change_id": "44444444-4444-4444-8444-444444444444", "child_id": "c-nobody"}
    r = hub.request("POST", path, tok, {"changes": [new_card, older, unknown]})
    assert [x["status"] for x in r.json()["results"]] == ["accepted", "accepted", "rejected"]
    assert r.json()["results"][2]["reason"].startswith("unknown_child")
    r = hub.request("POST", path, tok, {"changes": [new_card]})
    assert r.json()["results"] == [{"change_id": new_card["change_id"], "status": "duplicate"}]
    r = hub.request("POST", path, tok, {"changes": [{**new_card, "status": "lost"}]})
    assert r.status_code == 409 and r.json()["error"] == "change_conflict"
    cards = {c["card_uid"]: c for p in full_pull(hub) for c in p["cards"]}
    assert cards["04AABBCCDDEE01"] == {"card_uid": "04AABBCCDDEE01", "child_id": "c-05", "status": "active",
                                       "deleted": False}  # the older "blocked" is history only
    path = "/v1/kiosks/kiosk-1/day-closings"
    empty = closing("55555555-5555-4555-8555-555555555555")
    assert hub.request("POST", path, tok, empty).json() == {"status": "accepted"}
    assert hub.request("POST", path, tok, empty).json() == {"status": "duplicate"}
    r = hub.request("POST", path, tok, {**empty, "cash_counted_ore": 100, "cash_difference_ore": 100})
    assert r.status_code == 409 and r.json() == {"error": "closing_conflict"}
    chain = Chain()
    post(hub, [chain.next(), chain.next()])
    wrong = closing("66666666-6666-4666-8666-666666666666", z_number=2, first_seq=1, last_seq=2,
                    last_hash=chain.prev, counts={**empty["counts"], "sale": 2}, sales_gross_ore=3000,
                    sales_net_ore=2900)  # fmt: skip
    assert hub.request("POST", path, tok, wrong).json() == {"status": "accepted"}  # stored, flagged
    flags = sql(hub.database, "SELECT z_number, flagged, flag_reason FROM hub_api_dayclosing ORDER BY z_number")
    assert flags[0][:2] in ((1, False), (1, 0))
    assert flags[1][1] and "sales_net_ore" in flags[1][2]
    assert hub.request("POST", path, tok, {**empty, "z_number": 0}).status_code == 400


def test_hub_product_pictures(hub):
    sha = hub.template.image_sha256
    tok = hub.tokens["kiosk-1"]
    r = hub.request("GET", f"/v1/clubs/{CLUB}/images/{sha}", tok)
    assert r.status_code == 200 and r.content == PNG and r.headers["Content-Type"] == "image/png"
    assert hub.request("GET", f"/v1/clubs/{CLUB}/images/{'0' * 64}", tok).status_code == 404
    assert hub.request("GET", f"/v1/clubs/other-klub/images/{sha}", tok).status_code == 403
    assert hub.request("GET", f"/v1/clubs/{CLUB}/images/{sha}", "nope").status_code == 401


def test_hub_batch_decided_in_memory_sees_its_own_items(hub):
    """A batch is decided item by item in memory and stored at its end: a txn_id used twice in one batch
    is a conflict at the second (the first stays decided), a retry of a batch that had decided part of
    it answers duplicates for that part and decides the rest, and each child's balance moves by the sum
    of its own accepted items exactly once."""
    start = {c: balance(hub, c) for c in ("c-01", "c-02")}
    chain = Chain()
    a = chain.next(child="c-01")
    b = chain.next(child="c-02", card="04A1B2C3D40002")
    twin = chain.next(txn_id=a["txn_id"])  # seq 3 under seq 1's txn_id
    r = post(hub, [a, b, twin])
    assert r.status_code == 409 and r.json() == {"error": "txn_conflict", "txn_id": a["txn_id"]}
    assert sql(hub.database, "SELECT applied_seq FROM hub_clubs_kiosk WHERE kiosk_id = 'kiosk-1'") == [(2,)]
    retry = Chain()
    items = [retry.next(child="c-01", txn_id=a["txn_id"]), retry.next(child="c-02", card="04A1B2C3D40002",
                                                                      txn_id=b["txn_id"])]  # fmt: skip
    assert items[0]["hash"] == a["hash"] and items[1]["hash"] == b["hash"]  # the same items again
    c = retry.next(child="c-01")
    d = retry.next(child="c-01", lines=[("toast", 2, 1500)])
    doc = post(hub, [*items, c, d]).json()
    assert [(x["status"], x.get("decided")) for x in doc["results"]] == [
        ("duplicate", "accepted"), ("duplicate", "accepted"), ("accepted", None), ("accepted", None)]  # fmt: skip
    assert doc["kiosk_applied_seq"] == 4
    assert balance(hub, "c-01") == start["c-01"] - 1500 - 1500 - 3000
    assert balance(hub, "c-02") == start["c-02"] - 1500
    assert sql(hub.database, "SELECT COUNT(*) FROM hub_ledger_entry WHERE kind = 'kiosk'") == [(4,)]
    assert hub_ok("check", database=hub.database).strip().endswith("0 problem(s)")
