"""The staff screens on every club tablet: each size and Qt scale runs in its own process (Qt's scale
factor is fixed per process). Staff unlock with card and PIN on the pad, visit every tab, open
confirmations and the devices screen; the band, every button of the visible tab and the confirmation's
Yes/No are on the screen without scrolling, no text is cut without an ellipsis, and the window never grows."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import ROOT, artifact

SIZES = [(1024, 600, 1.0), (1024, 600, 1.5), (1280, 800, 1.0), (1280, 800, 1.5), (1920, 1080, 1.0),
         (1920, 1080, 1.5)]  # fmt: skip
SCREENS = ["pin", "child", "confirm-void", "day", "confirm-z", "alerts", "friplads", "settings", "devices"]


def probe(width: int, height: int, scale: float, shots: Path | None = None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    args = [sys.executable, "-m", "tests.support.staff_layout_probe", str(width), str(height), str(scale)]
    proc = subprocess.run(args + ([str(shots)] if shots else []), capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=180)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


@pytest.mark.parametrize(("width", "height", "scale"), SIZES)
def test_staff_layout_fits_every_tablet_and_never_grows(width, height, scale):
    shots = artifact("x").parent if (width, height) in ((1024, 600), (1280, 800)) else None
    facts = probe(width, height, scale, shots)
    assert facts["problems"] == []
    logical = [round(width / scale), round(height / scale)]
    assert facts["window"] == logical
    assert facts["sizes"] == [logical] * (len(SCREENS) + 1)  # every screen visited: not a pixel of growth
    # The probe really looked: the band and the Yes/No of both confirmations, every tab's buttons.
    checked = set(facts["checked"])
    assert {"confirm-void: yes", "confirm-void: no", "confirm-z: yes", "confirm-z: band", "child: staff_band",
            "devices: band"} <= checked  # fmt: skip
    assert {"child: button 'staff-void'", "child: button 'staff-adjust'", "day: button 'staff-z'",
            "alerts: button 'staff-resolve'", "friplads: button 'friplads-calc'", "settings: button 'settings-save'",
            "devices: button 'devices-back'", "pin: button 'pin-OK'"} <= checked  # fmt: skip
    # Touch targets: at 1280×800 (u = 1) rows ≥ 48 px and buttons ≥ 56 px, still 48 px on a 1024×600
    # window; only smaller windows shrink them, no further than 32 and 36 logical px (48 and 54 device px
    # at Qt scale 1.5).
    least_row, least_button = {(1280, 800): (48, 56), (1024, 600): (48, 48)}.get(tuple(logical), (32, 36))
    assert min(facts["rows"].values()) >= least_row
    assert facts["buttons_least"] >= least_button
    if shots is not None:
        suffix = f"{width}x{height}" + ("" if scale == 1 else f"@{scale:g}")
        for screen in SCREENS:
            with Image.open(shots / f"staff-{screen}-{suffix}.png") as img:  # the whole window, in device px
                assert abs(img.size[0] - width) <= 1 and abs(img.size[1] - height) <= 1, (screen, img.size)
