"""The kiosk's clock: real time, or set from outside (simulator, tests)."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class SettableClock:
    """Real time until set; then the set time (advanced only by setting it again)."""

    def __init__(self) -> None:
        self._fixed: datetime | None = None

    def set(self, when: datetime) -> None:
        if when.tzinfo is None:
            raise ValueError("the clock needs a time with an offset")
        self._fixed = when.astimezone(UTC)

    def now(self) -> datetime:
        return self._fixed if self._fixed is not None else datetime.now(UTC)


def local_iso_ms(when: datetime, tz: tzinfo) -> str:
    """RFC 3339 local time to the millisecond with offset, as the contract wants."""
    return when.astimezone(tz).isoformat(timespec="milliseconds")


def business_date(when: datetime, tz: tzinfo) -> date:
    return when.astimezone(tz).date()


def is_offline(last_sync_at: datetime | None, now: datetime, offline_after_s: float) -> bool:
    """The one offline test: no successful sync yet, or the last one longer ago than ``offline_after_s``."""
    return last_sync_at is None or (now - last_sync_at).total_seconds() > offline_after_s
