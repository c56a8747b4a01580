"""One log line per request on stdout: method, path, status, time, and the kiosk (never a token)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

log = logging.getLogger("hub.requests")


class RequestLogMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        start = time.perf_counter()
        response = self.get_response(request)
        kiosk = getattr(request, "hub_kiosk_id", "-")
        log.info("%s %s %d %.1fms kiosk=%s", request.method, request.path, response.status_code,
                 (time.perf_counter() - start) * 1000, kiosk)  # fmt: skip
        return response
