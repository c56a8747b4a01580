"""Run in its own process (Qt's scale factor is fixed per process): open the demo kiosk window at a
size and scale, let ten children in a row use it, and print JSON facts about its geometry.

    python -m tests.support.layout_probe WIDTH HEIGHT SCALE
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any


def main(width: int, height: int, scale: float) -> dict[str, object]:
    from pos_app.ui.render import demo_shell, start_qt

    app = start_qt(scale)
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtGui import QFontMetrics

    facts: dict[str, object] = {"problems": [], "sizes": [], "tap_to_session_ms": [], "labels": {}}
    problems: list[str] = facts["problems"]  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as tmp, demo_shell(Path(tmp)) as (shell, checkout, clock):
        win = shell.window
        win.resize(round(width / scale), round(height / scale))
        win.show()
        app.processEvents()
        window_rect = QRect(QPoint(0, 0), win.size())
        facts["window"] = [win.width(), win.height()]

        def inside(widget: object, what: str, code: str) -> None:
            top_left = widget.mapTo(win, QPoint(0, 0))  # type: ignore[attr-defined]
            rect = QRect(top_left, widget.size())  # type: ignore[attr-defined]
            if not widget.isVisible() or not window_rect.contains(rect):  # type: ignore[attr-defined]
                problems.append(f"{code}: {what} {rect.getRect()} not inside the window {window_rect.getRect()}")

        def check_tile(tile: Any, code: str) -> None:
            name_font, _price_font = tile.fonts()
            need = QFontMetrics(name_font).horizontalAdvance(tile.shown_name)
            if need > tile.text_rect_width() or tile.width() < 40:
                problems.append(f"{code}: tile {tile.product_id} text {need}px in {tile.text_rect_width()}px")
            if tile.shown_name != tile.full_name and not tile.shown_name.endswith("…"):
                problems.append(f"{code}: tile {tile.product_id} cut without an ellipsis")
            left = tile.mapTo(win, QPoint(0, 0)).x()  # tiles may scroll down, never out sideways
            if left < 0 or left + tile.width() > win.width():
                problems.append(f"{code}: tile {tile.product_id} at x {left}..{left + tile.width()} outside")

        codes = [f"BARN{i:02d}" for i in (1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12)]
        for n, code in enumerate(codes):
            clock.set(clock.now() + timedelta(seconds=2))
            if n % 2:  # every other child finds the last child's second tab open
                win.session.show_category(win.session._categories[1])
            started = time.perf_counter()
            win.show_outcome(checkout.tap(code))
            app.processEvents()
            facts["tap_to_session_ms"].append((time.perf_counter() - started) * 1000)  # type: ignore[union-attr]
            session = win.session
            if win.screen_name != "session":
                problems.append(f"{code}: no session")
                continue
            if session.category != session._categories[0]:
                problems.append(f"{code}: started on tab {session.category}")
            first = session.first_visible_tile()
            if first:
                win.show_outcome(checkout.add(first, 1))
                app.processEvents()
            for what, widget in (("pay", session.pay), ("basket", session.basket_box), ("stop", session.cancel),
                                 ("hello", session.hello), ("total", session.total)):  # fmt: skip
                inside(widget, what, code)
            for category in session._categories:  # every tab's tiles, as a child would see them
                session.show_category(category)
                app.processEvents()
                for tile in session.tiles.values():
                    if tile.isVisible():
                        check_tile(tile, code)
            session.show_category(session._categories[0])
            labels = {pid: t.label() for pid, t in session.tiles.items() if session._offered(pid)}
            facts["labels"][code] = labels  # type: ignore[index]
            facts["sizes"].append([win.width(), win.height()])  # type: ignore[union-attr]
            checkout.cancel()
            win.show_idle()
            app.processEvents()
    return facts


if __name__ == "__main__":
    w, h, s = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
    sys.stdout.write(json.dumps(main(w, h, s)) + "\n")
    sys.stdout.flush()
