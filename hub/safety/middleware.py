"""Security headers on every answer, not only the back office's pages: a Content-Security-Policy
(the back office's for HTML, ``default-src 'none'`` for everything else: JSON, pictures), no framing,
no MIME sniffing. HSTS comes from Django's SecurityMiddleware when ``CLUB_HUB_HTTPS`` is set."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from hub.office.middleware import CSP as PAGE_CSP

DATA_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        html = response.get("Content-Type", "").startswith("text/html")
        response.setdefault("Content-Security-Policy", PAGE_CSP if html else DATA_CSP)
        response.setdefault("X-Frame-Options", "DENY")
        response.setdefault("X-Content-Type-Options", "nosniff")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        return response
