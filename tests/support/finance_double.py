"""A fault-injecting finance server for the kiosk's sync tests (finance-sync-v1, revision 1.1).

The club hub (``club-hub serve``) is the reference implementation of the contract; the tests that need
a correct server use it (``tests/support/hub.py``). This double is for the tests that need a server
that misbehaves on purpose, and to look into or change its books in ways a real server never allows
(``restore_to`` a backup, a record written behind the API).

A real HTTP server (standard library) that validates every request against the contract's
OpenAPI schema (fastjsonschema) and keeps what it receives in SQLite. It books transactions in seq
order, answers duplicates (with the first decision, 1.1 rule 1), conflicts and broken hash chains
(409 ``chain_broken``, rule 4) as the contract says, serves full and incremental snapshots with
cursors and paging, and product pictures by their SHA-256 (rule 6; ``FinanceStore.add_image``).
Rejection reasons start with the rule-3 codes it checks (``unknown_child``, ``unknown_product``,
``other``); the pricing, refers_to and card checks of a real finance side are not done here.
``faults`` lets tests inject failures (500s, 503 with Retry-After, slow answers, a connection
dropped after storing a batch, a lying status, 1.0-style duplicates, damaged pictures...).

A test double only: no TLS, one process, in-process threads.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from pos_app.domain.journal import GENESIS_HASH, canonical_json, chain_hash
from pos_app.domain.pictures import ICON_RE, MAX_IMAGE_BYTES, SHA256_RE, image_type
from sync.contract_schema import validation_error, validators

log = logging.getLogger(__name__)

MAX_BODY = 16 * 1024 * 1024


@dataclass
class Faults:
    """What the next requests should suffer. Tests change these while the server runs."""

    # {"path": substr, "status": 500, "times": 1, "retry_after": s, "body": {...}}; times, retry_after, body optional
    fail: list[dict[str, Any]] = field(default_factory=list)
    delay_s: float = 0.0
    delay_times: int = 0
    drop_after_store: int = 0  # transactions POSTs stored, then the connection closed without an answer
    status_offset: int = 0  # the status answer claims expected_seq + offset (to provoke a seq gap)
    reject_txn_ids: set[str] = field(default_factory=set)
    legacy_duplicates: bool = False  # answer duplicates as a 1.0 server does: without "decided"/"reason"
    corrupt_images: int = 0  # the next image answers carry other bytes than their hash names
    bad_cursor_next: int = 0
    hostile_next: list[dict[str, Any]] = field(default_factory=list)  # {"path": substr, "body": any}
    requests: list[str] = field(default_factory=list)


class FinanceStore:
    """The finance side's books, in SQLite. One lock: requests are decided one at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.RLock()
        self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript("""
            CREATE TABLE IF NOT EXISTS kiosks (kiosk_id TEXT PRIMARY KEY, club_id TEXT NOT NULL, token TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS records (kind TEXT, id TEXT, club_id TEXT, version INTEGER, deleted INTEGER,
                base_balance_ore INTEGER, body TEXT, PRIMARY KEY (kind, id));
            CREATE INDEX IF NOT EXISTS ix_records_version ON records (club_id, version);
            CREATE TABLE IF NOT EXISTS txns (kiosk_id TEXT, seq INTEGER, txn_id TEXT UNIQUE, content_hash TEXT,
                chain_hash TEXT, status TEXT, reason TEXT, child_id TEXT, delta INTEGER, body TEXT,
                PRIMARY KEY (kiosk_id, seq));
            CREATE INDEX IF NOT EXISTS ix_txns_child ON txns (child_id, status);
            CREATE TABLE IF NOT EXISTS card_changes (change_id TEXT PRIMARY KEY, kiosk_id TEXT, content_hash TEXT,
                status TEXT, reason TEXT);
            CREATE TABLE IF NOT EXISTS day_closings (closing_id TEXT PRIMARY KEY, kiosk_id TEXT, content_hash TEXT,
                body TEXT);
            CREATE TABLE IF NOT EXISTS images (club_id TEXT, sha256 TEXT, content_type TEXT, data BLOB,
                PRIMARY KEY (club_id, sha256));
            CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER);
            INSERT OR IGNORE INTO meta VALUES ('version', 0);
            INSERT OR IGNORE INTO meta VALUES ('min_cursor', 0);
        """)  # fmt: skip

    # --- set-up --------------------------------------------------------------------------------
    def add_kiosk(self, club_id: str, kiosk_id: str, token: str) -> None:
        with self.lock:
            self.db.execute("INSERT OR REPLACE INTO kiosks VALUES (?, ?, ?)", (kiosk_id, club_id, token))

    def seed(self, snapshot: dict[str, Any]) -> None:
        """Load a club from a snapshot document (e.g. the demo club)."""
        club = snapshot["club_id"]
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            for kind, key in (("children", "child_id"), ("cards", "card_uid"), ("products", "product_id"),
                              ("staff", "staff_id")):  # fmt: skip
                for rec in snapshot[kind]:
                    body = {k: v for k, v in rec.items() if k not in ("balance_applied_seq",)}
                    base = rec.get("balance_ore", 0) if kind == "children" else 0
                    self._put(kind, rec[key], club, body, base_balance=base)
            self.db.execute("COMMIT")

    def add_image(self, club_id: str, data: bytes) -> str:
        """Keep a product picture (PNG or JPEG, at most 512 KiB, as rule 6 says); returns its SHA-256."""
        if len(data) > MAX_IMAGE_BYTES:
            raise ValueError("a product picture may be at most 512 KiB")
        content_type = image_type(data)
        if content_type is None:
            raise ValueError("a product picture must be a PNG or a JPEG")
        sha = hashlib.sha256(data).hexdigest()
        with self.lock:
            self.db.execute("INSERT OR REPLACE INTO images VALUES (?, ?, ?, ?)", (club_id, sha, content_type, data))
        return sha

    def image(self, club_id: str, sha256: str) -> tuple[bytes, str] | None:
        with self.lock:
            row = self.db.execute("SELECT data, content_type FROM images WHERE club_id=? AND sha256=?",
                                  (club_id, sha256)).fetchone()  # fmt: skip
        return (bytes(row[0]), str(row[1])) if row else None

    def set_product_picture(self, club_id: str, product_id: str, icon: str | None = None,
                            image_sha256: str | None = None) -> None:  # fmt: skip
        """Give a product a built-in icon name and/or a picture (as the back office would): a new version
        of the record, so the next incremental pull carries it."""
        if icon is not None and not ICON_RE.fullmatch(icon):
            raise ValueError("an icon name is 1-40 of a-z, 0-9 and -")
        if image_sha256 is not None and not SHA256_RE.fullmatch(image_sha256):
            raise ValueError("image_sha256 is 64 lower-case hex digits")
        with self.lock:
            row = self.db.execute("SELECT body FROM records WHERE kind='products' AND id=? AND club_id=?",
                                  (product_id, club_id)).fetchone()  # fmt: skip
            if row is None:
                raise KeyError(product_id)
            body = {**json.loads(row[0]), "icon": icon, "image_sha256": image_sha256}
            self.db.execute("BEGIN IMMEDIATE")
            self._put("products", product_id, club_id, body)
            self.db.execute("COMMIT")

    def _next_version(self) -> int:
        self.db.execute("UPDATE meta SET value = value + 1 WHERE key = 'version'")
        return int(self.db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()[0])

    def _put(self, kind: str, rec_id: str, club: str, body: dict[str, Any], base_balance: int | None = None,
             deleted: bool = False) -> None:  # fmt: skip
        version = self._next_version()
        if base_balance is None:
            row = self.db.execute("SELECT base_balance_ore FROM records WHERE kind=? AND id=?",
                                  (kind, rec_id)).fetchone()  # fmt: skip
            base_balance = row[0] if row else 0
        self.db.execute("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (kind, rec_id, club, version, int(deleted), base_balance, json.dumps(body)))  # fmt: skip

    def touch_child(self, child_id: str) -> None:
        self.db.execute("UPDATE records SET version = ? WHERE kind = 'children' AND id = ?",
                        (self._next_version(), child_id))  # fmt: skip

    def kiosk_for_token(self, token: str) -> tuple[str, str] | None:
        row = self.db.execute("SELECT kiosk_id, club_id FROM kiosks WHERE token = ?", (token,)).fetchone()
        return (row[0], row[1]) if row else None

    def applied_seq(self, kiosk_id: str) -> int:
        row = self.db.execute("SELECT MAX(seq) FROM txns WHERE kiosk_id = ?", (kiosk_id,)).fetchone()
        return int(row[0] or 0)

    def balance(self, child_id: str) -> int:
        base = self.db.execute("SELECT base_balance_ore FROM records WHERE kind='children' AND id=?",
                               (child_id,)).fetchone()  # fmt: skip
        delta = self.db.execute("SELECT COALESCE(SUM(delta), 0) FROM txns WHERE child_id=? AND status='accepted'",
                                (child_id,)).fetchone()  # fmt: skip
        return int((base[0] if base else 0) + delta[0])

    def restore_to(self, kiosk_id: str, seq: int) -> None:
        """As if restored from a backup taken when ``seq`` was the last booked transaction."""
        with self.lock:
            children = [r[0] for r in self.db.execute(
                "SELECT DISTINCT child_id FROM txns WHERE kiosk_id=? AND seq>?", (kiosk_id, seq))]  # fmt: skip
            self.db.execute("DELETE FROM txns WHERE kiosk_id=? AND seq>?", (kiosk_id, seq))
            for child in children:
                self.touch_child(child)

    # --- the contract --------------------------------------------------------------------------
    def book(self, kiosk_id: str, club: str, items: list[dict[str, Any]], reject_ids: set[str],
             legacy: bool = False) -> tuple[int, Any]:  # fmt: skip
        with self.lock:
            expected = self.applied_seq(kiosk_id) + 1
            if items[0]["seq"] > expected:
                return 409, {"error": "seq_gap", "expected_seq": expected}
            self.db.execute("BEGIN IMMEDIATE")
            results = []
            try:
                for item in items:
                    seq, txn_id = item["seq"], item["txn_id"]
                    content = hashlib.sha256(canonical_json(item).encode()).hexdigest()
                    row = self.db.execute("SELECT txn_id, content_hash, status, reason FROM txns "
                                          "WHERE kiosk_id=? AND seq=?", (kiosk_id, seq)).fetchone()  # fmt: skip
                    if row is not None:
                        if row[0] == txn_id and row[1] == content:
                            dup: dict[str, Any] = {"txn_id": txn_id, "status": "duplicate"}
                            if not legacy:  # 1.1 rule 1: how the seq was decided the first time
                                dup["decided"] = row[2]
                                if row[3]:
                                    dup["reason"] = row[3]
                            results.append(dup)
                            continue
                        self.db.execute("COMMIT")
                        return 409, {"error": "txn_conflict", "txn_id": txn_id}
                    if self.db.execute("SELECT 1 FROM txns WHERE txn_id=?", (txn_id,)).fetchone():
                        self.db.execute("COMMIT")
                        return 409, {"error": "txn_conflict", "txn_id": txn_id}
                    if seq != self.applied_seq(kiosk_id) + 1:
                        self.db.execute("COMMIT")
                        return 409, {"error": "seq_gap", "expected_seq": self.applied_seq(kiosk_id) + 1}
                    if not self._chain_ok(kiosk_id, item):  # 1.1 rule 4: T and the rest are not stored
                        self.db.execute("COMMIT")
                        return 409, {"error": "chain_broken", "txn_id": txn_id}
                    reason = self._check(kiosk_id, club, item) or (
                        "other: rejected by test" if txn_id in reject_ids else None)
                    status = "rejected" if reason else "accepted"
                    self.db.execute("INSERT INTO txns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                    (kiosk_id, seq, txn_id, content, item["hash"], status, reason, item["child_id"],
                                     item["balance_delta_ore"], json.dumps(item)))  # fmt: skip
                    self.touch_child(item["child_id"])  # its balance or its applied seq changed
                    res = {"txn_id": txn_id, "status": status}
                    if reason:
                        res["reason"] = reason
                    results.append(res)
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            return 200, {"results": results, "kiosk_applied_seq": self.applied_seq(kiosk_id)}

    def _chain_ok(self, kiosk_id: str, item: dict[str, Any]) -> bool:
        prev = self.db.execute("SELECT chain_hash FROM txns WHERE kiosk_id=? AND seq=?",
                               (kiosk_id, item["seq"] - 1)).fetchone()  # fmt: skip
        expected_prev = prev[0] if prev else GENESIS_HASH
        return bool(item["prev_hash"] == expected_prev and chain_hash(item) == item["hash"])

    def _check(self, kiosk_id: str, club: str, item: dict[str, Any]) -> str | None:
        """The first rule-3 code that applies (of those this server checks), with free text."""
        child = self.db.execute("SELECT deleted FROM records WHERE kind='children' AND id=? AND club_id=?",
                                (item["child_id"], club)).fetchone()  # fmt: skip
        if child is None or child[0]:
            return f"unknown_child: {item['child_id']}"
        for line in item["lines"]:
            product = self.db.execute("SELECT deleted FROM records WHERE kind='products' AND id=? AND club_id=?",
                                      (line["product_id"], club)).fetchone()  # fmt: skip
            if product is None or product[0]:
                return f"unknown_product: {line['product_id']}"
        return None

    def card_changes(self, kiosk_id: str, club: str, changes: list[dict[str, Any]]) -> dict[str, Any]:
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            results = []
            for change in changes:
                content = hashlib.sha256(canonical_json(change).encode()).hexdigest()
                row = self.db.execute("SELECT content_hash, status FROM card_changes WHERE change_id=?",
                                      (change["change_id"],)).fetchone()  # fmt: skip
                if row is not None:
                    results.append({"change_id": change["change_id"], "status": "duplicate"})
                    continue
                body = {"card_uid": change["card_uid"], "child_id": change["child_id"], "status": change["status"],
                        "deleted": False}  # fmt: skip
                self._put("cards", change["card_uid"], club, body)
                self.db.execute("INSERT INTO card_changes VALUES (?, ?, ?, 'accepted', NULL)",
                                (change["change_id"], kiosk_id, content))  # fmt: skip
                results.append({"change_id": change["change_id"], "status": "accepted"})
            self.db.execute("COMMIT")
            return {"results": results}

    def day_closing(self, kiosk_id: str, closing: dict[str, Any]) -> tuple[int, Any]:
        with self.lock:
            content = hashlib.sha256(canonical_json(closing).encode()).hexdigest()
            row = self.db.execute("SELECT content_hash FROM day_closings WHERE closing_id=?",
                                  (closing["closing_id"],)).fetchone()  # fmt: skip
            if row is not None:
                if row[0] == content:
                    return 200, {"status": "duplicate"}
                return 409, {"error": "closing_conflict"}
            self.db.execute("INSERT INTO day_closings VALUES (?, ?, ?, ?)",
                            (closing["closing_id"], kiosk_id, content, json.dumps(closing)))  # fmt: skip
            return 200, {"status": "accepted"}

    def snapshot(self, club: str, kiosk_id: str, since: str | None, page_size: int) -> tuple[int, Any]:
        with self.lock:
            min_cursor = int(self.db.execute("SELECT value FROM meta WHERE key='min_cursor'").fetchone()[0])
            if since is None:
                after, full = 0, True
            else:
                m = re.fullmatch(r"v(\d{1,18})", since)
                if m is None or int(m.group(1)) < min_cursor:
                    return 400, {"error": "bad_cursor"}
                after, full = int(m.group(1)), False
            rows = self.db.execute(
                "SELECT kind, id, version, deleted, body FROM records WHERE club_id=? AND version>? "
                + ("AND deleted=0 " if full else "") + "ORDER BY version LIMIT ?", (club, after, page_size + 1),
            ).fetchall()  # fmt: skip
            more = len(rows) > page_size
            rows = rows[:page_size]
            applied = self.applied_seq(kiosk_id)
            version_now = int(self.db.execute("SELECT value FROM meta WHERE key='version'").fetchone()[0])
            cursor = f"v{rows[-1][2] if more else version_now}"
            doc: dict[str, Any] = {"club_id": club, "kiosk_id": kiosk_id, "cursor": cursor, "more": more,
                                   "kiosk_applied_seq": applied, "children": [], "cards": [], "products": [],
                                   "staff": []}  # fmt: skip
            keys = {"children": "child_id", "cards": "card_uid", "products": "product_id", "staff": "staff_id"}
            for kind, rec_id, _version, deleted, body in rows:
                if deleted:
                    doc[kind].append({keys[kind]: rec_id, "deleted": True})
                    continue
                rec = json.loads(body)
                if kind == "children":
                    rec["balance_ore"] = self.balance(rec_id)
                    rec["balance_applied_seq"] = applied
                doc[kind].append(rec)
            return 200, doc

    def booked(self, kiosk_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT body, status FROM txns WHERE kiosk_id=? ORDER BY seq", (kiosk_id,)).fetchall()
        return [{**json.loads(body), "_status": status} for body, status in rows]


class FinanceServer:
    """The HTTP side. ``start()`` serves on 127.0.0.1:port in a thread; ``stop()`` ends it."""

    def __init__(self, store: FinanceStore, host: str = "127.0.0.1", port: int = 0, page_size: int = 1000) -> None:
        self.store = store
        self.host, self.port = host, port
        self.page_size = page_size
        self.faults = Faults()
        self.validators = validators()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def start(self) -> FinanceServer:
        server = self

        class Handler(_Handler):
            finance = server

        httpd = ThreadingHTTPServer((self.host, self.port), Handler)
        httpd.daemon_threads = True
        self._httpd = httpd
        self.port = httpd.server_address[1]
        self._thread = threading.Thread(target=httpd.serve_forever, name="finance-double", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None


class _Handler(BaseHTTPRequestHandler):
    finance: FinanceServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        log.debug("%s " + format, self.address_string(), *args)

    def do_GET(self) -> None:  # noqa: N802
        self._handle("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._handle("POST")

    def _send(self, status: int, doc: Any, headers: dict[str, str] | None = None) -> None:
        body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _send_bytes(self, status: int, data: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _handle(self, method: str) -> None:
        f = self.finance.faults
        url = urlsplit(self.path)
        path = url.path
        f.requests.append(f"{method} {path}")
        if f.delay_times > 0:
            f.delay_times -= 1
            time.sleep(f.delay_s)
        for fault in list(f.fail):
            if fault["path"] in path and fault.get("times", 1) > 0:
                fault["times"] = fault.get("times", 1) - 1
                if fault["times"] <= 0:
                    f.fail.remove(fault)
                headers = {"Retry-After": str(fault["retry_after"])} if "retry_after" in fault else None
                self._drain()
                self._send(fault["status"], fault.get("body", {"error": "injected"}), headers)
                return
        for hostile in list(f.hostile_next):
            if hostile["path"] in path:
                f.hostile_next.remove(hostile)
                self._drain()
                self._send(200, hostile["body"])
                return
        if path == "/v1/health" and method == "GET":
            self._send(200, {"status": "ok", "server_time": datetime.now(UTC).isoformat()})
            return
        auth = self.headers.get("Authorization", "")
        who = self.finance.store.kiosk_for_token(auth.removeprefix("Bearer ")) if auth.startswith("Bearer ") else None
        body = self._read_body() if method == "POST" else None
        if who is None:
            self._send(401, {"error": "unauthorized"})
            return
        kiosk_id, club = who
        m = re.fullmatch(r"/v1/kiosks/([^/]+)/(status|transactions|card-changes|day-closings)", path)
        if m:
            if m.group(1) != kiosk_id:
                self._send(403, {"error": "forbidden"})
                return
            self._kiosk(method, m.group(2), kiosk_id, club, body)
            return
        m = re.fullmatch(r"/v1/clubs/([^/]+)/images/([^/]+)", path)
        if m and method == "GET":
            if m.group(1) != club:
                self._send(403, {"error": "forbidden"})
                return
            found = self.finance.store.image(club, m.group(2))
            if found is None:
                self._send(404, {"error": "not_found"})
                return
            data, content_type = found
            if f.corrupt_images > 0:
                f.corrupt_images -= 1
                data = data[: len(data) // 2]  # cut short on the way: the bytes no longer hash to the name
            self._send_bytes(200, data, content_type)
            return
        m = re.fullmatch(r"/v1/clubs/([^/]+)/snapshot", path)
        if m and method == "GET":
            query = parse_qs(url.query)
            if m.group(1) != club or query.get("kiosk_id", [None])[0] != kiosk_id:
                self._send(403, {"error": "forbidden"})
                return
            since = query.get("since", [None])[0]
            if since is not None and f.bad_cursor_next > 0:
                f.bad_cursor_next -= 1
                self._send(400, {"error": "bad_cursor"})
                return
            status, doc = self.finance.store.snapshot(club, kiosk_id, since, self.finance.page_size)
            self._send(status, doc)
            return
        self._send(404, {"error": "not_found"})

    def _drain(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        if 0 < length <= MAX_BODY:
            self.rfile.read(length)

    def _read_body(self) -> Any:
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            return _TOO_LARGE
        try:
            return json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            return _MALFORMED

    def _kiosk(self, method: str, what: str, kiosk_id: str, club: str, body: Any) -> None:
        f = self.finance.faults
        store = self.finance.store
        if what == "status" and method == "GET":
            expected = store.applied_seq(kiosk_id) + 1 + f.status_offset
            self._send(200, {"expected_seq": expected, "kiosk_applied_seq": expected - 1,
                             "server_time": datetime.now(UTC).isoformat()})  # fmt: skip
            return
        if method != "POST":
            self._send(405, {"error": "method_not_allowed"})
            return
        if body is _TOO_LARGE:
            self._send(413, {"error": "too_large"})
            return
        items = body.get("transactions" if what == "transactions" else "changes") if isinstance(body, dict) else None
        if what != "day-closings" and isinstance(items, list) and len(items) > 500:
            self._send(413, {"error": "too_large"})  # 1.1 rule 7: limits before the schema
            return
        error = "not JSON" if body is _MALFORMED else validation_error(self.finance.validators[what], body)
        if error:
            self._send(400, {"error": "malformed", "detail": error})
            return
        if what == "transactions":
            status, doc = store.book(kiosk_id, club, body["transactions"], f.reject_txn_ids, f.legacy_duplicates)
            if f.drop_after_store > 0 and status == 200:
                f.drop_after_store -= 1
                self.close_connection = True
                self.connection.shutdown(2)  # stored, but the answer is lost on the way
                return
            self._send(status, doc)
        elif what == "card-changes":
            self._send(200, store.card_changes(kiosk_id, club, body["changes"]))
        else:
            status, doc = store.day_closing(kiosk_id, body)
            self._send(status, doc)


_TOO_LARGE = object()
_MALFORMED = object()
