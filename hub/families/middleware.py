"""Security headers for the families' pages and the test provider's: the office's policy (only the
hub's own stylesheet and pictures; no scripts, no inline styles, no frames)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from hub.office.middleware import CSP


class FamiliesHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(("/foraeldre", "/testbetaling")):
            response.setdefault("Content-Security-Policy", CSP)
        return response
