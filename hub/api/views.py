"""The contract's endpoints: thin JSON views. Order of checks on a POST: 413 by size (rule 7, before
anything else), 401/403, 400 for a body that is not JSON, 413 above 500 items, 400 against the schema;
then one service call."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from hub.api import sanity, selectors, services
from hub.api.contract import MAX_BODY, MAX_ITEMS, validation_error, validators
from hub.clubs.models import Kiosk

log = logging.getLogger(__name__)


def _json(status: int, doc: dict[str, Any]) -> JsonResponse:
    return JsonResponse(doc, status=status, json_dumps_params={"ensure_ascii": False})


def _now() -> str:
    return datetime.now(UTC).isoformat()


def _kiosk(request: HttpRequest) -> Kiosk | None:
    auth = request.headers.get("Authorization", "")
    if not auth.startswith("Bearer "):
        return None
    kiosk = selectors.kiosk_for_token(auth.removeprefix("Bearer ").strip())
    if kiosk is not None:
        request.hub_kiosk_id = kiosk.kiosk_id  # type: ignore[attr-defined] # for the request log line
    return kiosk


def health(request: HttpRequest) -> HttpResponse:
    if request.method != "GET":
        return _json(405, {"error": "method_not_allowed"})
    return _json(200, {"status": "ok", "server_time": _now()})


def kiosk_status(request: HttpRequest, kiosk_id: str) -> HttpResponse:
    kiosk = _kiosk(request)
    if kiosk is None:
        return _json(401, {"error": "unauthorized"})
    if kiosk.kiosk_id != kiosk_id:
        return _json(403, {"error": "forbidden"})
    if request.method != "GET":
        return _json(405, {"error": "method_not_allowed"})
    applied = selectors.applied_seq(kiosk.pk)
    return _json(200, {"expected_seq": applied + 1, "kiosk_applied_seq": applied, "server_time": _now()})


def _post(request: HttpRequest, kiosk_id: str, what: str, items_key: str | None,
          service: Callable[[int, Any], tuple[int, dict[str, Any]]]) -> HttpResponse:  # fmt: skip
    try:
        length = int(request.headers.get("Content-Length") or 0)
    except ValueError:
        length = 0
    if length > MAX_BODY:
        return _json(413, {"error": "too_large", "detail": "a body is at most 16 MiB"})
    kiosk = _kiosk(request)
    if kiosk is None:
        return _json(401, {"error": "unauthorized"})
    if kiosk.kiosk_id != kiosk_id:
        return _json(403, {"error": "forbidden"})
    if request.method != "POST":
        return _json(405, {"error": "method_not_allowed"})
    raw = request.body
    if len(raw) > MAX_BODY:
        return _json(413, {"error": "too_large", "detail": "a body is at most 16 MiB"})
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        return _json(400, {"error": "malformed", "detail": "not JSON"})
    items = body.get(items_key) if items_key and isinstance(body, dict) else None
    if isinstance(items, list) and len(items) > MAX_ITEMS:
        return _json(413, {"error": "too_large", "detail": f"at most {MAX_ITEMS} items"})
    error = validation_error(validators()[what], body) or sanity.problem(body)
    if error:
        return _json(400, {"error": "malformed", "detail": error})
    status, doc = service(kiosk.pk, body[items_key] if items_key else body)
    if status != 200:
        log.warning("kiosk %s %s: %s", kiosk.kiosk_id, what, doc.get("error"))
    return _json(status, doc)


@csrf_exempt
def transactions(request: HttpRequest, kiosk_id: str) -> HttpResponse:
    return _post(request, kiosk_id, "transactions", "transactions", services.book_transactions)


@csrf_exempt
def card_changes(request: HttpRequest, kiosk_id: str) -> HttpResponse:
    return _post(request, kiosk_id, "card-changes", "changes", services.record_card_changes)


@csrf_exempt
def day_closings(request: HttpRequest, kiosk_id: str) -> HttpResponse:
    return _post(request, kiosk_id, "day-closings", None, services.record_day_closing)


def snapshot(request: HttpRequest, club_id: str) -> HttpResponse:
    kiosk = _kiosk(request)
    if kiosk is None:
        return _json(401, {"error": "unauthorized"})
    if kiosk.club.club_id != club_id or request.GET.get("kiosk_id") != kiosk.kiosk_id:
        return _json(403, {"error": "forbidden"})
    since = request.GET.get("since")
    if since is not None and len(since) > 512:
        return _json(400, {"error": "bad_cursor"})
    status, doc = selectors.snapshot(kiosk, since, int(settings.HUB_PAGE_SIZE))
    return _json(status, doc)


def image(request: HttpRequest, club_id: str, sha256: str) -> HttpResponse:
    kiosk = _kiosk(request)
    if kiosk is None:
        return _json(401, {"error": "unauthorized"})
    if kiosk.club.club_id != club_id:
        return _json(403, {"error": "forbidden"})
    found = selectors.image(kiosk.club, sha256)
    if found is None:
        return _json(404, {"error": "not_found"})
    data, content_type = found
    response = HttpResponse(data, content_type=content_type)
    response["Cache-Control"] = "public, max-age=31536000, immutable"  # a new picture is a new hash
    return response
