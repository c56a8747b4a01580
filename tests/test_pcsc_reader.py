"""PcscCardReader against the real stack: pcscd + the vpcd driver + a virtual card."""

from __future__ import annotations

import queue
import time

import pytest

from drivers.pcsc import PcscCardReader, list_readers
from drivers.protocols import DeviceState
from tests.support.stacks.vpcd_card import VirtualUidCard


class Recorder:
    def __init__(self) -> None:
        self.cards: queue.Queue[str] = queue.Queue()
        self.statuses: list = []

    def on_card(self, uid: str) -> None:
        self.cards.put(uid)

    def on_status(self, status) -> None:
        self.statuses.append(status)

    def next_card(self, timeout: float = 3.0) -> str:
        return self.cards.get(timeout=timeout)

    def no_card(self, within: float = 1.2) -> bool:
        try:
            self.cards.get(timeout=within)
        except queue.Empty:
            return True
        return False

    def wait_status(self, pred, timeout: float = 8.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for st in list(self.statuses):
                if pred(st):
                    return st
            time.sleep(0.05)
        raise AssertionError(f"no such status; saw {self.statuses[-5:]}")


@pytest.fixture
def reader(pcscd):
    rec = Recorder()
    r = PcscCardReader(name_pattern=r"Virtual PCD 00 00")
    r.start(rec.on_card, rec.on_status)
    rec.wait_status(lambda s: s.state == DeviceState.READY)
    yield r, rec, pcscd
    r.stop()
    assert r._thread is None  # the thread was joined


def test_pcsc_lists_the_virtual_readers(pcscd):
    assert {"Virtual PCD 00 00", "Virtual PCD 00 01"} <= set(list_readers())


def test_pcsc_place_remove_place_again_one_event_each(reader):
    r, rec, daemon = reader
    with VirtualUidCard("04A1B2C3D4E5F6", daemon.port):
        assert rec.next_card() == "04A1B2C3D4E5F6"
        assert rec.no_card(1.2)  # left on the reader: not read again
    time.sleep(1.0)  # removal is seen by pcscd's 400 ms poll
    with VirtualUidCard("DEADBEEF", daemon.port):
        assert rec.next_card() == "DEADBEEF"
    time.sleep(1.0)
    with VirtualUidCard("DEADBEEF", daemon.port):
        assert rec.next_card() == "DEADBEEF"  # the same card placed again is a new placement


def test_pcsc_reader_pattern_picks_the_reader(reader):
    r, rec, daemon = reader
    with VirtualUidCard("CAFEBABE", daemon.port + 1):  # the other reader, "Virtual PCD 00 01"
        assert rec.no_card(1.5)


def test_pcsc_bad_status_word_is_a_status_not_a_card(reader):
    r, rec, daemon = reader
    with VirtualUidCard("01020304", daemon.port, status_word=b"\x6A\x82"):
        st = rec.wait_status(lambda s: "6A82" in s.detail)
        assert "not 9000" in st.detail
        assert rec.no_card(0.5)


def test_pcsc_no_matching_reader(pcscd):
    rec = Recorder()
    r = PcscCardReader(name_pattern=r"ACR122U")
    r.start(rec.on_card, rec.on_status)
    try:
        st = rec.wait_status(lambda s: s.state == DeviceState.DISCONNECTED and s.detail == "no reader")
        assert st.device == "PC/SC"
    finally:
        r.stop()


def test_pcsc_daemon_restart_and_reader_gone(reader):
    r, rec, daemon = reader
    daemon.stop()  # every reader gone with the daemon
    rec.wait_status(lambda s: s.state in (DeviceState.DISCONNECTED, DeviceState.ERROR) and s.device == "PC/SC")
    rec.statuses.clear()
    daemon.start()
    rec.wait_status(lambda s: s.state == DeviceState.READY, timeout=15)
    with VirtualUidCard("04112233445566", daemon.port):
        assert rec.next_card(5) == "04112233445566"


def test_pcsc_card_removed_mid_read(reader):
    r, rec, daemon = reader
    card = VirtualUidCard("0A0B0C0D", daemon.port, answer_delay_s=1.5).insert()
    time.sleep(0.7)  # the driver is waiting for the answer now
    card.remove()
    st = rec.wait_status(lambda s: "removed" in s.detail or "read failed" in s.detail)
    assert st.state == DeviceState.READY
    assert rec.no_card(0.5)


def test_pcsc_reader_busy(pcscd):
    import smartcard.scard as s

    with VirtualUidCard("11223344", pcscd.port):
        time.sleep(0.8)
        hr, ctx = s.SCardEstablishContext(s.SCARD_SCOPE_USER)
        hr, card, _proto = s.SCardConnect(ctx, "Virtual PCD 00 00", s.SCARD_SHARE_EXCLUSIVE,
                                          s.SCARD_PROTOCOL_T0 | s.SCARD_PROTOCOL_T1)  # fmt: skip
        assert hr == s.SCARD_S_SUCCESS
        rec = Recorder()
        r = PcscCardReader(name_pattern=r"Virtual PCD 00 00")
        r.start(rec.on_card, rec.on_status)
        try:
            st = rec.wait_status(lambda st: "busy" in st.detail)
            assert st.state == DeviceState.ERROR
            assert rec.no_card(0.3)
        finally:
            r.stop()
            s.SCardDisconnect(card, s.SCARD_LEAVE_CARD)
            s.SCardReleaseContext(ctx)
