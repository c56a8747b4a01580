"""The keyboard-wedge timing decoder, and the config file loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from drivers.wedge import WedgeDecoder
from pos_app.config import load_config
from pos_app.errors import ConfigError


def feed(decoder: WedgeDecoder, text: str, start: float, gap: float) -> float:
    t = start
    for ch in text:
        decoder.feed(ch, t)
        t += gap
    return t


def test_wedge_fast_burst_is_a_scan():
    d = WedgeDecoder(max_gap_ms=50, min_length=4)
    t = feed(d, "5701234567899", 1000, 8)
    assert d.enter(t) == "5701234567899"
    assert not d.pending


def test_wedge_person_typing_is_ignored():
    d = WedgeDecoder(max_gap_ms=50, min_length=4)
    t = feed(d, "BARN01", 1000, 180)
    assert d.enter(t) is None


def test_wedge_slow_start_then_burst_keeps_only_the_burst():
    d = WedgeDecoder(max_gap_ms=50, min_length=4)
    t = feed(d, "xy", 0, 300)
    t = feed(d, "BARN01", t + 500, 5)
    assert d.enter(t) == "BARN01"


def test_wedge_too_short_or_late_enter_is_not_a_scan():
    d = WedgeDecoder(max_gap_ms=50, min_length=4)
    t = feed(d, "abc", 0, 5)
    assert d.enter(t) is None
    t = feed(d, "abcdef", 1000, 5)
    assert d.enter(t + 400) is None  # Enter pressed by a person afterwards


def test_wedge_enter_alone_is_nothing():
    assert WedgeDecoder().enter(5.0) is None


def test_config_defaults_when_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    cfg = load_config()
    assert cfg.timezone == "Europe/Copenhagen" and cfg.language == "da" and cfg.offline_cap_ore is None


def test_config_reads_values(tmp_path):
    p = tmp_path / "c.toml"
    p.write_text('[kiosk]\nclub_name = "Fritten"\ndb = "~/x.sqlite"\n[checkout]\noffline_cap_ore = 5000\n'
                 'walkaway_s = 20\n[devices.scanner]\nport = "/dev/ttyUSB0"\n[finance]\nurl = "x"\n')  # fmt: skip
    cfg = load_config(p)
    assert cfg.club_name == "Fritten" and cfg.offline_cap_ore == 5000 and cfg.walkaway_s == 20
    assert cfg.db_path == Path("~/x.sqlite").expanduser()
    assert cfg.devices.scanner_port == "/dev/ttyUSB0" and cfg.devices.printer == "file"


@pytest.mark.parametrize(
    "content",
    ["[kiosk\n", "[kiosk]\nclub_name = 3\n", "[kiosk]\ntimezone = \"Mars/Olympus\"\n", "[kiosk]\nlanguage = \"fr\"\n",
     "[checkout]\noffline_cap_ore = -1\n", "[checkout]\nofline_cap = 1\n", "kiosk = 1\n",
     "[checkout]\nwalkaway_s = true\n", b"\xff\xfe\x00garbage", "[devices.printer]\nkind = \"laser\"\n",
     "[devices.printer]\nkind = \"network\"\n", "[devices.card_reader]\nname_pattern = \"(\"\n",
     "[devices.toaster]\nx = 1\n", "[devices.scanner]\nbaud = 9600\n", "[devices.printer]\ncolumns = 500\n"],
)
def test_config_corrupt_gives_a_clear_error(tmp_path, content):
    p = tmp_path / "c.toml"
    p.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(ConfigError) as info:
        load_config(p)
    assert str(info.value)


def test_config_error_from_the_command_line_is_clean(tmp_path):
    from tests.conftest import run_cli

    p = tmp_path / "c.toml"
    p.write_text("[kiosk]\ntimezone = 7\n")
    proc = run_cli("--config", str(p), "journal", "--db", str(tmp_path / "x.sqlite"))
    assert proc.returncode == 2
    assert "kiosk.timezone" in proc.stderr and "Traceback" not in proc.stderr


def test_config_the_documented_sample_is_valid(tmp_path):
    from tests.conftest import ROOT

    readme = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    block = readme.split("```toml\n", 1)[1].split("```", 1)[0]
    sample = tmp_path / "sample.toml"
    sample.write_text("\n".join(line.removeprefix("   ") for line in block.splitlines()), encoding="utf-8")
    cfg = load_config(sample)
    assert cfg.devices.printer == "network" and cfg.devices.printer_host == "192.168.1.50"
    assert cfg.offline_cap_ore == 5000 and cfg.kiosk_id == "kiosk-1"
