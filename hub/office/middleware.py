"""Security headers for the back office's pages: a Content-Security-Policy that allows only the hub's
own stylesheet (no scripts at all, no inline styles, no frames) and forms posting to the hub itself."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

CSP = ("default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; "
       "base-uri 'none'")  # fmt: skip


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/office"):
            response.setdefault("Content-Security-Policy", CSP)
        return response
