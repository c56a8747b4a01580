"""The kiosk's clock: real time, or set from outside (simulator, tests)."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, tzinfo


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """Seconds that only move forward, whatever happens to the wall clock (time sync, a person)."""
        return time.monotonic()


class SettableClock:
    """Real time until set; then the set time (advanced only by setting it again)."""

    def __init__(self) -> None:
        self._fixed: datetime | None = None
        # Once set, monotonic time moves with every later time set and stands still when the clock is
        # set back (a jump: how much really passed is unknown).
        self._mono = 0.0

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("the clock needs a time with an offset")
        when = when.astimezone(UTC)
        if self._fixed is not None:
            self._mono += max(0.0, (when - self._fixed).total_seconds())
        self._fixed = when

    def now(self) -> datetime:
        return self._fixed if self._fixed is not None else datetime.now(UTC)

    def monotonic(self) -> float:
        return self._mono if self._fixed is not None else time.monotonic()


def local_iso_ms(when: datetime, tz: tzinfo) -> str:
    """RFC 3339 local time to the millisecond with offset, as the contract wants."""
    return when.astimezone(tz).isoformat(timespec="milliseconds")


def business_date(when: datetime, tz: tzinfo) -> date:
    return when.astimezone(tz).date()


def business_date_and_stamp(when: datetime, tz: tzinfo) -> tuple[str, str]:
    """``business_date(when, tz)`` as ISO text and ``local_iso_ms(when, tz)``, converting once (a sale)."""
    local = when.astimezone(tz)
    return local.date().isoformat(), local.isoformat(timespec="milliseconds")


def is_offline(last_sync_at: datetime | None, now: datetime, offline_after_s: float) -> bool:
    """The one offline test: no successful sync yet, or the last one longer ago than ``offline_after_s``."""
    return last_sync_at is None or (now - last_sync_at).total_seconds() > offline_after_s
