"""Qt test helpers: screenshots into test-artifacts/ and waiting for a screen."""

from __future__ import annotations

from tests.conftest import artifact


def shot(win, name: str) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    assert win.grab().save(str(artifact(f"ui-{name}.png")))


def wait_screen(qtbot, win, name: str) -> None:
    qtbot.waitUntil(lambda: win.screen_name == name and not win.runner.busy, timeout=3000)
