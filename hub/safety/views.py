"""Error answers without internals (DEBUG is always off): JSON for the API (``/v1/``), a plain page for
the back office. While the database is away (a restart, a failover) the answer is 503 with
``Retry-After`` instead of 500, so a kiosk backs off and tries again (contract: 503 may carry it)."""

from __future__ import annotations

import logging
import sys

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)
RETRY_AFTER_S = 2


def _database_away() -> bool:
    exc = sys.exc_info()[1]  # Django calls handler500 inside its except block
    from django.db import InterfaceError, OperationalError

    return isinstance(exc, (OperationalError, InterfaceError)) or (
        isinstance(exc, DatabaseError) and "connection" in str(exc).lower())  # fmt: skip


def _page(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    try:
        body = render_to_string("safety/error.html", {"title": title, "text": text, "status": status}, request)
    except Exception:  # the page must never fail itself
        body = f"<!doctype html><title>{status}</title><p>{status}</p>"
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/v1/"):
        return JsonResponse({"error": "not_found"}, status=404)
    return _page(request, 404, _("Siden findes ikke"), _("Tjek adressen, eller gå tilbage til forsiden."))


def server_error(request: HttpRequest) -> HttpResponse:
    away = _database_away()
    status = 503 if away else 500
    if request.path.startswith("/v1/"):
        response: HttpResponse = JsonResponse({"error": "unavailable" if away else "server_error"}, status=status)
    elif away:
        response = _page(request, 503, _("Prøv igen om lidt"), _("Hubben kan ikke nå sin database lige nu."))
    else:
        response = _page(request, 500, _("Der skete en fejl"),
                         _("Fejlen er skrevet i hubbens log. Prøv igen, eller kontakt den ansvarlige."))  # fmt: skip
    if away:
        response["Retry-After"] = str(RETRY_AFTER_S)
        log.warning("the database is unavailable: answered 503")
    return response


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/v1/"):
        return JsonResponse({"error": "malformed"}, status=400)
    return _page(request, 400, _("Forkert forespørgsel"), _("Forespørgslen kunne ikke bruges."))


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/v1/"):
        return JsonResponse({"error": "forbidden"}, status=403)
    return _page(request, 403, _("Ingen adgang"), _("Du har ikke adgang til denne side."))
