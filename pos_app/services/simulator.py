"""The headless simulator: JSON lines in, exactly one JSON line out per input line.

It drives the same CheckoutService as the Qt kiosk. The protocol is in the README.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from pos_app.domain.clock import SettableClock

from .checkout import CheckoutService

log = logging.getLogger(__name__)


def _error(message: str) -> dict[str, Any]:
    return {"event": "error", "message": message}


class Simulator:
    def __init__(self, checkout: CheckoutService, clock: SettableClock) -> None:
        self._checkout = checkout
        self._clock = clock

    def run(self, lines: Iterable[str]) -> Iterator[dict[str, Any]]:
        for raw in lines:
            if not raw.strip():
                continue
            try:
                yield self.handle_line(raw)
            except Exception as exc:  # the boundary: one bad line never stops the run
                log.exception("simulator line failed")
                yield _error(f"internal error: {type(exc).__name__}")

    def handle_line(self, raw: str) -> dict[str, Any]:
        try:
            msg = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
            return _error("not JSON")
        if not isinstance(msg, dict):
            return _error("not a JSON object")
        if "clock" in msg:
            return self._set_clock(msg["clock"])
        self._checkout.expire_if_idle()
        co = self._checkout
        if "tap" in msg:
            if not isinstance(msg["tap"], str):
                return _error("tap takes a string")
            return co.tap(msg["tap"]).as_event()
        if "scan" in msg:
            if not isinstance(msg["scan"], str):
                return _error("scan takes a string")
            return co.scan(msg["scan"]).as_event()
        if "add" in msg:
            qty = msg.get("qty", 1)
            if not isinstance(msg["add"], str):
                return _error("add takes a product_id string")
            if type(qty) is not int:
                return _error("qty must be a whole number")
            return co.add(msg["add"], qty).as_event()
        if "remove" in msg:
            if not isinstance(msg["remove"], str):
                return _error("remove takes a product_id string")
            return co.remove(msg["remove"]).as_event()
        if msg.get("pay") is True:
            return co.pay().as_event()
        if msg.get("cancel") is True:
            return co.cancel().as_event()
        return _error("unknown command")

    def _set_clock(self, value: Any) -> dict[str, Any]:
        if not isinstance(value, str):
            return _error("clock takes an RFC 3339 string")
        try:
            when = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
        except ValueError:
            return _error("clock: not an RFC 3339 time")
        if when.tzinfo is None:
            return _error("clock: the time needs an offset")
        self._clock.set(when)
        return {"event": "clock"}
