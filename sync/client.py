"""The finance side's HTTP API (finance-sync-v1), with requests: timeouts, TLS verified, answers size-limited."""

from __future__ import annotations

import json
import logging
import re
from typing import Any, NoReturn
from urllib.parse import quote

import requests

from pos_app.domain.pictures import IMAGE_TYPES, MAX_IMAGE_BYTES

from .errors import SyncError, SyncKind
from .policy import retry_after_s

log = logging.getLogger(__name__)

_HEX64 = re.compile(r"^[0-9a-f]{64}$")

MAX_ANSWER_BYTES = 16 * 1024 * 1024


class FinanceClient:
    def __init__(self, base_url: str, token: str, club_id: str, kiosk_id: str, *, timeout_s: float = 10.0,
                 connect_timeout_s: float = 5.0, ca_bundle: str | None = None) -> None:  # fmt: skip
        if not base_url.startswith(("https://", "http://")):
            raise SyncError(SyncKind.CONFIG, "the finance URL must start with https:// (or http:// for a test server)")
        self.base_url = base_url.rstrip("/")
        self.club_id, self.kiosk_id = club_id, kiosk_id
        self.timeout = (connect_timeout_s, timeout_s)
        self._session = requests.Session()
        self._session.headers["Authorization"] = f"Bearer {token}"  # never logged
        self._session.headers["Accept"] = "application/json"
        self._session.verify = ca_bundle or True
        self._session.trust_env = False  # no proxies or netrc from the environment

    def close(self) -> None:
        self._session.close()

    def __repr__(self) -> str:  # the token never shows up in a log or traceback
        return f"FinanceClient({self.base_url!r}, club={self.club_id!r}, kiosk={self.kiosk_id!r})"

    # --- endpoints ---------------------------------------------------------------------------
    def health(self) -> Any:
        return self._call("GET", "/v1/health", auth=False)

    def status(self) -> Any:
        return self._call("GET", f"/v1/kiosks/{quote(self.kiosk_id)}/status")

    def upload_transactions(self, items: list[dict[str, Any]]) -> Any:
        return self._call("POST", f"/v1/kiosks/{quote(self.kiosk_id)}/transactions", {"transactions": items})

    def upload_card_changes(self, changes: list[dict[str, Any]]) -> Any:
        return self._call("POST", f"/v1/kiosks/{quote(self.kiosk_id)}/card-changes", {"changes": changes})

    def upload_day_closing(self, closing: dict[str, Any]) -> Any:
        return self._call("POST", f"/v1/kiosks/{quote(self.kiosk_id)}/day-closings", closing)

    def snapshot(self, since: str | None) -> Any:
        params = {"kiosk_id": self.kiosk_id}
        if since is not None:
            params["since"] = since
        return self._call("GET", f"/v1/clubs/{quote(self.club_id)}/snapshot", params=params)

    def image(self, sha256: str) -> tuple[bytes, str]:
        """A product picture (contract 1.1): its bytes and content type (``image/png`` or ``image/jpeg``).

        404 is ``SyncError(NOT_FOUND)``; more than 512 KiB or another content type is a malformed
        answer. The bytes are *not* checked against the hash here: the image cache does that.
        """
        if not _HEX64.fullmatch(sha256):
            raise SyncError(SyncKind.BAD_REQUEST, "an image name must be 64 lower-case hex digits")
        path = f"/v1/clubs/{quote(self.club_id)}/images/{sha256}"
        status, raw, headers = self._request("GET", path, None, None, True, MAX_IMAGE_BYTES, "image/png, image/jpeg")
        if status == 404:
            raise SyncError(SyncKind.NOT_FOUND, f"GET image {sha256[:12]}…: 404 (unknown to the finance side)")
        if not 200 <= status < 300:
            self._raise_for(status, raw, headers, "GET", path)
        content_type = (headers.get("Content-Type") or "").split(";")[0].strip().lower()
        if content_type not in IMAGE_TYPES:
            raise SyncError(SyncKind.TRANSIENT, f"malformed answer: an image of type {content_type or 'none'!r}")
        return raw, content_type

    # --- transport ---------------------------------------------------------------------------
    def _call(self, method: str, path: str, body: Any = None, *, params: dict[str, str] | None = None,
              auth: bool = True) -> Any:  # fmt: skip
        status, raw, headers = self._request(method, path, body, params, auth, MAX_ANSWER_BYTES, "application/json")
        doc = _json(raw) if raw else None
        if 200 <= status < 300:
            if doc is None:
                raise SyncError(SyncKind.TRANSIENT, f"malformed answer: {method} {path}: not JSON")
            return doc
        self._raise_for(status, raw, headers, method, path)

    def _request(self, method: str, path: str, body: Any, params: dict[str, str] | None, auth: bool, limit: int,
                 accept: str) -> tuple[int, bytes, dict[str, str]]:  # fmt: skip
        url = self.base_url + path
        headers = {"Accept": accept} if auth else {"Authorization": "", "Accept": accept}
        data = None
        if body is not None:
            data = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            headers["Content-Type"] = "application/json"
        try:
            with self._session.request(method, url, data=data, params=params, headers=headers,
                                       timeout=self.timeout, stream=True) as resp:  # fmt: skip
                raw = self._read_limited(resp, limit)
                status = resp.status_code
                answer_headers = {k: v for k, v in resp.headers.items() if k.lower() in ("retry-after", "content-type")}
        except requests.exceptions.SSLError as exc:
            raise SyncError(SyncKind.TRANSIENT, f"TLS failed: {exc.__class__.__name__}") from None
        except requests.exceptions.Timeout:
            raise SyncError(SyncKind.TRANSIENT, f"{method} {path}: timed out") from None
        except requests.exceptions.RequestException as exc:  # connection refused/reset, DNS
            raise SyncError(SyncKind.TRANSIENT, f"{method} {path}: {exc.__class__.__name__}") from None
        return status, raw, {k.title(): v for k, v in answer_headers.items()}

    @staticmethod
    def _raise_for(status: int, raw: bytes, headers: dict[str, str], method: str, path: str) -> NoReturn:
        """An answer that is not 2xx as the SyncError whose kind decides what happens next."""
        doc = _json(raw) if raw else None
        retry_after = _retry_after(headers.get("Retry-After"))
        error = doc.get("error") if isinstance(doc, dict) else None
        if status in (401, 403):
            what = "bad token" if status == 401 else "forbidden"
            raise SyncError(SyncKind.AUTH, f"{method} {path}: {status} ({what})")
        if status == 413:
            raise SyncError(SyncKind.TOO_LARGE, f"{method} {path}: 413 batch too large")
        if status == 409 and error == "seq_gap" and isinstance(doc, dict):
            expected = doc.get("expected_seq")
            if type(expected) is not int or expected < 1:
                raise SyncError(SyncKind.TRANSIENT, "malformed answer: seq_gap without a valid expected_seq")
            raise SyncError(SyncKind.SEQ_GAP, f"seq gap: the finance side expects {expected}", expected_seq=expected)
        if status == 409 and error in ("txn_conflict", "chain_broken") and isinstance(doc, dict):
            # 1.1 rule 4: a broken hash chain is handled like a conflict (stop, alert a superuser).
            txn_id = doc.get("txn_id")
            what = "transaction conflict" if error == "txn_conflict" else "hash chain broken"
            raise SyncError(SyncKind.CONFLICT, f"{what} at {txn_id}", error=error,
                            txn_id=txn_id if isinstance(txn_id, str) else None)  # fmt: skip
        if status == 409:
            raise SyncError(SyncKind.CONFLICT, f"{method} {path}: 409 {error or ''}".strip())
        if status == 400 and error == "bad_cursor":
            raise SyncError(SyncKind.BAD_CURSOR, "the snapshot cursor is unknown or too old")
        if status in (429, 503) or status >= 500:
            raise SyncError(SyncKind.TRANSIENT, f"{method} {path}: {status}", retry_after_s=retry_after)
        if 400 <= status < 500:
            raise SyncError(SyncKind.BAD_REQUEST, f"{method} {path}: {status} {error or ''}".strip())
        raise SyncError(SyncKind.TRANSIENT, f"{method} {path}: unexpected {status}")

    @staticmethod
    def _read_limited(resp: requests.Response, limit: int = MAX_ANSWER_BYTES) -> bytes:
        chunks, size = [], 0
        for chunk in resp.iter_content(65536):
            size += len(chunk)
            if size > limit:
                raise SyncError(SyncKind.TRANSIENT, f"malformed answer: larger than {limit // 1024} KiB")
            chunks.append(chunk)
        return b"".join(chunks)


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, RecursionError):
        return None


def _retry_after(value: str | None) -> float | None:
    return retry_after_s(value)  # the policy's reading of the header (sync/policy.py)
