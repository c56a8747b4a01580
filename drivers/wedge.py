"""Keyboard-wedge scanners: tell a scanner's burst of keystrokes from a person typing, by timing.

A scanner types a whole code in a few milliseconds per key and ends it with Enter; a person
needs 100 ms or more per key. The decoder is pure: the caller feeds characters with their
times (milliseconds from any monotonic clock).
"""

from __future__ import annotations

MAX_CODE_LENGTH = 64


class WedgeDecoder:
    def __init__(self, max_gap_ms: float = 50.0, min_length: int = 4) -> None:
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self._buffer: list[str] = []
        self._last_ms: float | None = None

    def feed(self, char: str, t_ms: float) -> None:
        """One printable character typed at ``t_ms``."""
        if self._last_ms is None or t_ms - self._last_ms > self.max_gap_ms or len(self._buffer) >= MAX_CODE_LENGTH:
            self._buffer = []  # too slow: a person (or the start of a new burst)
        self._buffer.append(char)
        self._last_ms = t_ms

    def enter(self, t_ms: float) -> str | None:
        """Enter pressed at ``t_ms``: the scanned code, or None when it was not a scanner."""
        code = "".join(self._buffer)
        fast = self._last_ms is not None and t_ms - self._last_ms <= self.max_gap_ms
        self.reset()
        if fast and len(code) >= self.min_length:
            return code
        return None

    def reset(self) -> None:
        self._buffer = []
        self._last_ms = None

    @property
    def pending(self) -> bool:
        return bool(self._buffer)
