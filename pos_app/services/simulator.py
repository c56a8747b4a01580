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
from .staff import StaffService

log = logging.getLogger(__name__)


def _error(message: str) -> dict[str, Any]:
    return {"event": "error", "message": message}


STAFF_LINES = ("leave_staff", "void", "refund", "topup_cash", "open_day", "x_report", "close_day", "adjustment",
               "assign_card", "card_status", "new_card_code", "sell_for")  # fmt: skip


class Simulator:
    def __init__(self, checkout: CheckoutService, clock: SettableClock, staff: StaffService | None = None) -> None:
        self._checkout = checkout
        self._clock = clock
        self._staff = staff

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
        if self._staff is not None:
            self._staff.expire_if_idle()
            if "staff" in msg:
                return self._staff_login(msg)
            for key in STAFF_LINES:
                if key in msg:
                    return self._staff_line(key, msg)
        if "tap" in msg:
            if not isinstance(msg["tap"], str):
                return _error("tap takes a string")
            if self._staff is not None and self._staff.session is not None:
                self._staff.session = None  # a child's card ends staff mode and starts the child's session
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

    def _staff_login(self, msg: dict[str, Any]) -> dict[str, Any]:
        assert self._staff is not None
        card, pin = msg.get("staff"), msg.get("pin")
        if not isinstance(card, str) or not isinstance(pin, str):
            return _error("staff takes a card string and a pin string")
        self._checkout.cancel()  # staff mode drops any child's session
        return self._staff.login(card, pin).as_event()

    def _staff_line(self, key: str, msg: dict[str, Any]) -> dict[str, Any]:
        st = self._staff
        assert st is not None
        if st.session is None:
            return {"event": "declined", "reason": "not_allowed"}
        value = msg[key]
        if key == "leave_staff":
            return st.leave().as_event() if value is True else _error("leave_staff takes true")
        if key == "void":
            return st.void(value, str(msg.get("reason", ""))).as_event() if isinstance(value, str) else _error("void")
        if key == "refund":
            pids = msg.get("product_ids")
            if not isinstance(value, str) or not isinstance(pids, list) or not all(isinstance(p, str) for p in pids):
                return _error("refund takes a txn_id and a list of product_ids")
            return st.refund(value, pids, str(msg.get("reason", ""))).as_event()
        if key == "topup_cash":
            child_id = msg.get("child_id")
            if not isinstance(child_id, str):
                return _error("topup_cash needs a child_id")
            return st.topup_cash(child_id, value).as_event()
        if key == "open_day":
            return st.open_day(msg.get("opening_float_ore", 0)).as_event() if value is True else _error("open_day")
        if key == "x_report":
            return st.x_report().as_event() if value is True else _error("x_report takes true")
        if key == "close_day":
            if not isinstance(value, dict):
                return _error("close_day takes {\"cash_counted_ore\": N}")
            return st.close_day(value.get("cash_counted_ore")).as_event()
        if key == "adjustment":
            child_id = msg.get("child_id")
            if not isinstance(child_id, str):
                return _error("adjustment needs a child_id")
            return st.adjust(child_id, value, msg.get("note", "")).as_event()
        if key == "assign_card":
            child_id = msg.get("child_id")
            if not isinstance(value, str) or not isinstance(child_id, str):
                return _error("assign_card takes a card and a child_id")
            from_child = msg.get("from_child_id")
            if from_child is not None and not isinstance(from_child, str):
                return _error("from_child_id is a child_id")
            return st.assign_card(value, child_id, from_child).as_event()
        if key == "card_status":
            if not isinstance(value, str) or not isinstance(msg.get("status"), str):
                return _error("card_status takes a card and a status")
            return st.set_card_status(value, msg["status"]).as_event()
        if key == "new_card_code":
            return st.new_card_code(value).as_event() if isinstance(value, str) else _error("new_card_code")
        # sell_for: staff sell for a child who has no card with them; then add/pay as usual
        if not isinstance(value, str):
            return _error("sell_for takes a child_id")
        assert st.session is not None
        staff_id = st.session.staff_id
        st.session = None  # back to the child's screen, with the child's session
        return self._checkout.start_for_child(value, staff_id).as_event()

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
