"""The child's screens on every club tablet: each size and Qt scale runs in its own process (Qt's
scale factor is fixed per process), with ten children in a row, and `render-screens` as a person runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PIL import Image

from tests.conftest import ROOT, artifact, run_cli

SIZES = [(1024, 600, 1.0), (1024, 600, 1.5), (1280, 800, 1.0), (1280, 800, 1.5), (1920, 1080, 1.0),
         (1920, 1080, 1.5)]  # fmt: skip


def probe(width: int, height: int, scale: float) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-m", "tests.support.layout_probe", str(width), str(height), str(scale)],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])


@pytest.mark.parametrize(("width", "height", "scale"), SIZES)
def test_layout_fits_every_tablet_and_never_grows(width, height, scale):
    facts = probe(width, height, scale)
    # Basket, "Betal", "Stop", the greeting inside the window; tile text within its tile (font metrics).
    assert facts["problems"] == []
    logical = [round(width / scale), round(height / scale)]
    assert facts["window"] == logical
    assert facts["sizes"] == [logical] * len(facts["sizes"])  # ten children later: not a pixel of growth
    assert len(facts["sizes"]) == 11


def test_layout_same_tile_prices_for_every_child():
    labels = probe(1280, 800, 1.0)["labels"]
    alma, noah, freja = labels["BARN01"], labels["BARN02"], labels["BARN03"]  # friplads 0 %, 50 %, 100 %
    assert alma == noah == freja
    assert alma["toast"] == "Toast\n15,00 kr"
    assert "juice" not in labels["BARN06"] and "juice" in alma  # William's restriction: simply not offered


@pytest.mark.parametrize(("width", "height", "scale"), SIZES)
def test_render_screens_writes_every_screen_at_exactly_the_size(tmp_path, width, height, scale):
    proc = run_cli("render-screens", "--size", f"{width}x{height}", "--scale", str(scale), str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "idle.png" in names and "done.png" in names
    assert "session-BARN01.png" in names and "session-BARN20.png" in names
    assert {"declined-BARN08.png", "declined-BARN98.png", "declined-BARN99.png"} <= set(names)
    assert "session-BARN08.png" not in names  # Karl is blocked: refused, no session
    for name in names:
        with Image.open(tmp_path / name) as img:
            assert img.size == (width, height), name
    for name in ("session-BARN04.png", "declined-BARN08.png"):
        (tmp_path / name).replace(artifact(f"render-{width}x{height}@{scale:g}-{name}"))


def test_render_screens_refuses_a_bad_size(tmp_path):
    proc = run_cli("render-screens", "--size", "big", str(tmp_path))
    assert proc.returncode == 2
    assert "--size" in proc.stderr
