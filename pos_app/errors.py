"""One exception root for the application."""

from __future__ import annotations


class KioskError(Exception):
    """Root of every error the application raises on purpose."""


class UserFacingError(KioskError):
    """Safe to show: carries a message key the UI translates, plus a plain explanation."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


class ConfigError(UserFacingError):
    def __init__(self, message: str) -> None:
        super().__init__("config_error", message)


class SnapshotError(UserFacingError):
    def __init__(self, message: str) -> None:
        super().__init__("snapshot_error", message)


class JournalError(KioskError):
    """The journal is inconsistent (a broken chain, a gap)."""
