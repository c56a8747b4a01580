"""The serial scanner: the line parser (pure, with hypothesis) and the driver on a real socat pty pair."""

from __future__ import annotations

import queue
import shutil
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drivers.protocols import DeviceState
from drivers.serial_scanner import LineAssembler, SerialBarcodeScanner
from pos_app.domain.barcodes import gtin_check_ok, gtin_variants
from tests.support.stacks.socat import Socat


@pytest.mark.parametrize("terminator", [b"\r", b"\n", b"\r\n"])
def test_lines_each_terminator(terminator):
    a = LineAssembler()
    assert a.feed(b"5701234567899" + terminator + b"BARN01" + terminator) == ["5701234567899", "BARN01"]
    assert a.rejected == []


def test_lines_split_across_reads_and_crlf_split():
    a = LineAssembler()
    assert a.feed(b"57012") == []
    assert a.feed(b"34567899\r") == ["5701234567899"]
    assert a.feed(b"\nBARN") == []  # the LF of the CRLF is not an empty line
    assert a.feed(b"01\n") == ["BARN01"]


def test_lines_garbage_and_overlong_rejected():
    a = LineAssembler(max_line=16)
    assert a.feed(b"\xff\xfe\x00abc\r\n" + b"A" * 40 + b"\nBARN01\n") == ["BARN01"]
    assert len(a.rejected) == 2


@given(st.lists(st.binary(max_size=30), max_size=20))
def test_lines_never_crash_and_only_yield_clean_codes(chunks):
    a = LineAssembler()
    for chunk in chunks:
        for code in a.feed(chunk):
            assert 0 < len(code) <= 64 and code.isascii() and code.isprintable() and " " not in code


@given(st.lists(st.text(alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=30), max_size=10),
       st.integers(min_value=1, max_value=7))  # fmt: skip
def test_lines_any_split_gives_the_same_codes(codes, step):
    data = b"".join(c.encode() + b"\r\n" for c in codes)
    a = LineAssembler()
    out: list[str] = []
    for i in range(0, len(data), step):
        out += a.feed(data[i : i + step])
    assert out == codes


def test_gtin_check_digits():
    assert gtin_check_ok("5701234567899") and gtin_check_ok("20123451") and gtin_check_ok("036000291452")
    assert not gtin_check_ok("5701234567893") and not gtin_check_ok("20123452") and not gtin_check_ok("abc")
    assert gtin_variants("036000291452") == ("036000291452", "0036000291452")


# --- the real driver on a pty pair made by socat ------------------------------------------------


@pytest.fixture
def pty_scanner(tmp_path):
    if shutil.which("socat") is None:
        pytest.fail("socat is required for the serial scanner tests (scripts/test installs it)")
    socat = Socat(tmp_path)
    socat.start()
    codes: queue.Queue[str] = queue.Queue()
    statuses: list = []
    scanner = SerialBarcodeScanner(str(socat.app_end), 9600, max_backoff_s=0.5)
    scanner.start(codes.put, statuses.append)
    deadline = time.monotonic() + 5
    while scanner.status.state != DeviceState.READY:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    yield socat, scanner, codes, statuses
    scanner.stop()
    socat.stop()


@pytest.mark.parametrize("terminator", [b"\r", b"\n", b"\r\n"])
def test_serial_scanner_terminators(pty_scanner, terminator):
    socat, _scanner, codes, _ = pty_scanner
    socat.write(b"5701234567899" + terminator)
    assert codes.get(timeout=3) == "5701234567899"


def test_serial_scanner_split_writes_and_garbage(pty_scanner, caplog):
    socat, _scanner, codes, _ = pty_scanner
    socat.write(b"BAR")
    time.sleep(0.3)
    socat.write(b"N01\r\n")
    assert codes.get(timeout=3) == "BARN01"
    with caplog.at_level("WARNING"):
        socat.write(b"\x00\x01\xff\r\n" + b"9" * 200 + b"\r\n20123451\r\n")
        assert codes.get(timeout=3) == "20123451"
    assert codes.empty()
    assert sum("rejected" in r.message for r in caplog.records) == 2


def test_serial_scanner_port_vanishes_and_comes_back(pty_scanner):
    socat, scanner, codes, statuses = pty_scanner
    socat.stop()
    deadline = time.monotonic() + 5
    while scanner.status.state == DeviceState.READY:
        assert time.monotonic() < deadline, "the lost port was not noticed"
        time.sleep(0.05)
    socat.start()
    deadline = time.monotonic() + 8
    while scanner.status.state != DeviceState.READY:
        assert time.monotonic() < deadline, "no reconnect"
        time.sleep(0.05)
    socat.write(b"BARN02\r")
    assert codes.get(timeout=3) == "BARN02"
    assert any(s.state == DeviceState.DISCONNECTED for s in statuses)
