"""NFC cards through PC/SC (pyscard): the UID by the pseudo-APDU ``FF CA 00 00 00``.

One thread per reader driver waits in ``SCardGetStatusChange`` (never on the UI thread) and
reports one UID per placement: a card left on the reader is not read again. It follows
readers coming and going, survives pcscd restarting (re-establishing its context with
backoff), and reports clear statuses instead of raising.

With a ``card_check`` (secure cards, ``drivers.ntag424.CardCheck``) the UID is only the start: on the
same connection the check authenticates the card; a genuine card goes to ``on_card``, a card that fails
to ``on_refused(uid, why)``, and a card taken away mid-way is only a status ("card removed").
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from typing import Any

from .ntag424 import CardGone, CheckResult, Transmit, Verdict
from .protocols import DeviceState, DeviceStatus, OnStatus

log = logging.getLogger(__name__)

GET_UID = [0xFF, 0xCA, 0x00, 0x00, 0x00]
PNP_READER = "\\\\?PnP?\\Notification"


def _scard() -> Any:
    import smartcard.scard as scard  # imported late: libpcsclite is dlopen()ed at import

    return scard


def list_readers() -> list[str]:
    """The PC/SC readers present now (empty when there is none or pcscd is not running)."""
    s = _scard()
    hr, ctx = s.SCardEstablishContext(s.SCARD_SCOPE_USER)
    if hr != s.SCARD_S_SUCCESS:
        return []
    try:
        hr, readers = s.SCardListReaders(ctx, [])
        return list(readers) if hr == s.SCARD_S_SUCCESS else []
    finally:
        s.SCardReleaseContext(ctx)


def mask(uid: str) -> str:
    return "…" + uid[-4:]


CardCheckFn = Callable[[Transmit, bytes], CheckResult]


class PcscCardReader:
    """A ``CardReader`` over PC/SC. ``name_pattern`` (a regular expression) picks the readers;
    ``card_check`` (optional) must pass before a card is reported (see the module's docstring)."""

    def __init__(self, name_pattern: str | None = None, wait_ms: int = 500, max_backoff_s: float = 3.0,
                 card_check: CardCheckFn | None = None) -> None:  # fmt: skip
        self.name_pattern = re.compile(name_pattern) if name_pattern else None
        self.card_check = card_check
        # Called from the reader's thread with (UID, why) for a card that failed ``card_check``.
        self.on_refused: Callable[[str, str], None] = lambda uid, why: None
        self.wait_ms = wait_ms
        self.max_backoff_s = max_backoff_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._ctx: Any = None
        self._ctx_lock = threading.Lock()
        self._on_card: Callable[[str], None] = lambda uid: None
        self._on_status: OnStatus = lambda status: None
        self._last_status: DeviceStatus | None = None
        self.status = DeviceStatus("PC/SC", DeviceState.DISCONNECTED, "not started")
        self._ready_name = "PC/SC"

    # --- CardReader ------------------------------------------------------------------------
    def start(self, on_card: Callable[[str], None], on_status: OnStatus) -> None:
        self._on_card, self._on_status = on_card, on_status
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="pcsc-reader", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        with self._ctx_lock:
            if self._ctx is not None:
                _scard().SCardCancel(self._ctx)  # wakes the thread out of SCardGetStatusChange
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    # --- internals ---------------------------------------------------------------------------
    def _report(self, device: str, state: DeviceState, detail: str = "") -> None:
        status = DeviceStatus(device, state, detail)
        self.status = status
        if status != self._last_status:
            self._last_status = status
            log.info("card reader %s: %s %s", device, state.value, detail)
            try:
                self._on_status(status)
            except Exception:
                log.exception("status callback failed")

    def _matches(self, name: str) -> bool:
        return self.name_pattern is None or self.name_pattern.search(name) is not None

    def _run(self) -> None:
        try:
            s = _scard()
        except Exception as exc:  # no libpcsclite on this machine: say so, never crash the kiosk
            self._report("PC/SC", DeviceState.ERROR, f"PC/SC library not available ({exc.__class__.__name__})")
            return
        backoff = 0.2
        while not self._stop.is_set():
            hr, ctx = s.SCardEstablishContext(s.SCARD_SCOPE_USER)
            if hr != s.SCARD_S_SUCCESS:
                self._report("PC/SC", DeviceState.ERROR, "PC/SC service not available")
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self.max_backoff_s)
                continue
            with self._ctx_lock:
                self._ctx = ctx
            try:
                if self._watch(s, ctx):
                    backoff = 0.2
            finally:
                with self._ctx_lock:
                    self._ctx = None
                s.SCardReleaseContext(ctx)
            if not self._stop.is_set():
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self.max_backoff_s)
        self._report("PC/SC", DeviceState.DISCONNECTED, "stopped")

    def _watch(self, s: Any, ctx: Any) -> bool:
        """Wait for cards until the service goes away (returns) or stop. True if it got going."""
        present: dict[str, tuple[bool, int]] = {}
        got_going = False
        while not self._stop.is_set():
            hr, all_readers = s.SCardListReaders(ctx, [])
            if hr == s.SCARD_E_NO_READERS_AVAILABLE or (hr == s.SCARD_S_SUCCESS and not all_readers):
                all_readers = []
            elif hr != s.SCARD_S_SUCCESS:
                self._report("PC/SC", DeviceState.ERROR, s.SCardGetErrorMessage(hr))
                return got_going
            readers = [r for r in all_readers if self._matches(r)]
            got_going = True
            if not readers:
                self._report("PC/SC", DeviceState.DISCONNECTED, "no reader")
                present.clear()
            else:
                self._ready_name = ", ".join(readers)
                self._report(self._ready_name, DeviceState.READY)
            states = [(r, s.SCARD_STATE_UNAWARE) for r in readers] + [(PNP_READER, s.SCARD_STATE_UNAWARE)]
            # First call returns at once with the current states; then wait for changes.
            hr, states = s.SCardGetStatusChange(ctx, 0, states)
            if hr not in (s.SCARD_S_SUCCESS, s.SCARD_E_TIMEOUT):
                return self._lost(s, hr)
            while not self._stop.is_set():
                reader_change = False
                for name, event, _atr in states:
                    if name == PNP_READER:
                        continue
                    if event & (s.SCARD_STATE_UNKNOWN | s.SCARD_STATE_UNAVAILABLE):
                        reader_change = True
                        continue
                    now_present = bool(event & s.SCARD_STATE_PRESENT) and not event & s.SCARD_STATE_MUTE
                    # pcsc-lite counts card events in the high 16 bits: a new count while "present"
                    # is a new card that replaced the old one before the removal was seen.
                    placement = (now_present, event >> 16)
                    before = present.get(name)
                    if now_present and (before is None or not before[0] or before[1] != placement[1]):
                        self._read_uid(s, ctx, name)
                    present[name] = placement
                if reader_change:
                    break
                waiting = [(n, e & ~s.SCARD_STATE_CHANGED) for n, e, _atr in states]
                hr, new_states = s.SCardGetStatusChange(ctx, self.wait_ms, waiting)
                if hr == s.SCARD_E_TIMEOUT:
                    continue
                if hr == s.SCARD_E_CANCELLED:
                    return got_going
                if hr != s.SCARD_S_SUCCESS:
                    return self._lost(s, hr)
                pnp = [e for n, e, _atr in new_states if n == PNP_READER]
                states = new_states
                if pnp and pnp[0] & s.SCARD_STATE_CHANGED:
                    break  # a reader came or went: list again
            for gone in set(present) - set(readers):
                present.pop(gone, None)
        return got_going

    def _lost(self, s: Any, hr: int) -> bool:
        if hr in (s.SCARD_E_NO_SERVICE, s.SCARD_E_SERVICE_STOPPED, s.SCARD_E_INVALID_HANDLE):
            self._report("PC/SC", DeviceState.DISCONNECTED, "PC/SC service stopped")
        elif hr in (s.SCARD_E_READER_UNAVAILABLE, s.SCARD_E_UNKNOWN_READER):
            self._report("PC/SC", DeviceState.DISCONNECTED, "reader unplugged")
        else:
            self._report("PC/SC", DeviceState.ERROR, s.SCardGetErrorMessage(hr))
        return True

    def _read_uid(self, s: Any, ctx: Any, reader: str) -> None:
        protocols = s.SCARD_PROTOCOL_T0 | s.SCARD_PROTOCOL_T1
        hr, card, protocol = s.SCardConnect(ctx, reader, s.SCARD_SHARE_SHARED, protocols)
        if hr != s.SCARD_S_SUCCESS:
            if hr == s.SCARD_E_SHARING_VIOLATION:
                self._report(reader, DeviceState.ERROR, "reader busy (another program holds the card)")
            elif hr in (s.SCARD_W_REMOVED_CARD, s.SCARD_E_NO_SMARTCARD):
                self._report(reader, DeviceState.READY, "card removed before it was read")
            else:
                self._report(reader, DeviceState.ERROR, f"cannot connect: {s.SCardGetErrorMessage(hr)}")
            return
        verdict: CheckResult | None = None
        try:
            hr, response = s.SCardTransmit(card, protocol, GET_UID)
            for _retry in range(2):  # a transient failure (the card settling in the field): try again
                if hr == s.SCARD_S_SUCCESS or hr in (s.SCARD_W_REMOVED_CARD, s.SCARD_E_NO_SMARTCARD):
                    break
                self._stop.wait(0.1)
                s.SCardReconnect(card, s.SCARD_SHARE_SHARED, protocols, s.SCARD_LEAVE_CARD)
                hr, response = s.SCardTransmit(card, protocol, GET_UID)
            if self.card_check is not None and hr == s.SCARD_S_SUCCESS and response[-2:] == [0x90, 0x00]:
                verdict, hr = self._check(s, card, protocol, bytes(response[:-2]))
        finally:
            s.SCardDisconnect(card, s.SCARD_LEAVE_CARD)
        if hr != s.SCARD_S_SUCCESS:
            detail = "card removed while reading" if hr in (s.SCARD_W_REMOVED_CARD, s.SCARD_E_NO_SMARTCARD) else (
                f"read failed: {s.SCardGetErrorMessage(hr)}")  # fmt: skip
            self._report(reader, DeviceState.READY, detail)
            return
        if len(response) < 2:  # no status word at all: nobody answered, the card left during the read
            self._report(reader, DeviceState.READY, "card removed while reading")
            return
        if response[-2:] != [0x90, 0x00]:
            sw = "".join(f"{b:02X}" for b in response[-2:])
            self._report(reader, DeviceState.READY, f"card answered {sw}, not 9000")
            log.warning("card on %s answered %s to GET UID", reader, sw)
            return
        uid = "".join(f"{b:02X}" for b in response[:-2])
        if not uid:
            self._report(reader, DeviceState.READY, "card sent an empty UID")
            return
        self._report(self._ready_name, DeviceState.READY)
        if verdict is not None and verdict.verdict is Verdict.NOT_GENUINE:
            log.warning("card %s on %s is not genuine: %s", mask(uid), reader, verdict.why)
            try:
                self.on_refused(uid, verdict.why)
            except Exception:
                log.exception("refused-card callback failed")
            return
        log.info("card %s on %s", mask(uid), reader)
        try:
            self._on_card(uid)
        except Exception:
            log.exception("card callback failed")

    def _check(self, s: Any, card: Any, protocol: Any, uid: bytes) -> tuple[CheckResult | None, int]:
        """Run the card check on the open connection: (its result, the PC/SC result code). A card gone
        mid-way gives (None, the removal code) so that the caller reports it as a status, never a card."""
        assert self.card_check is not None
        last_hr = [s.SCARD_S_SUCCESS]

        def transmit(apdu: bytes) -> bytes:
            if self._stop.is_set():
                raise CardGone("the reader is stopping")
            hr, answer = s.SCardTransmit(card, protocol, list(apdu))
            if hr != s.SCARD_S_SUCCESS:
                last_hr[0] = hr
                raise CardGone(s.SCardGetErrorMessage(hr))
            if len(answer) < 2:  # no status word: nobody answered (vpcd's card left mid-command)
                raise CardGone("no answer from the card")
            return bytes(answer)

        try:
            return self.card_check(transmit, uid), s.SCARD_S_SUCCESS
        except CardGone:
            hr = last_hr[0]
            return None, hr if hr != s.SCARD_S_SUCCESS else s.SCARD_W_REMOVED_CARD
        except Exception:  # a bug in a check must not stop the reader: refuse this card, say why in the log
            log.exception("card check failed")
            return CheckResult(Verdict.NOT_GENUINE, "the card check failed"), s.SCARD_S_SUCCESS


def with_card(fn: Callable[[Transmit, bytes], Any], name_pattern: str | None = None, timeout_s: float = 10.0) -> Any:
    """Wait up to ``timeout_s`` for a card on a matching reader, then call ``fn(transmit, uid)`` on one
    connection (for one-off jobs such as personalising a card). Raises ``CardGone`` when no card came or it
    left mid-way; pcscd missing raises ``CardGone`` too, with the reason."""
    import time

    s = _scard()
    pattern = re.compile(name_pattern) if name_pattern else None
    hr, ctx = s.SCardEstablishContext(s.SCARD_SCOPE_USER)
    if hr != s.SCARD_S_SUCCESS:
        raise CardGone("PC/SC service not available")
    try:
        deadline = time.monotonic() + timeout_s
        readers: list[str] = []
        while time.monotonic() <= deadline:
            hr, found = s.SCardListReaders(ctx, [])
            readers = [r for r in (found or []) if pattern is None or pattern.search(r)] if hr == 0 else []
            present: list[str] = []
            if readers:
                hr, states = s.SCardGetStatusChange(ctx, 0, [(r, s.SCARD_STATE_UNAWARE) for r in readers])
                present = [n for n, e, _atr in states if e & s.SCARD_STATE_PRESENT and not e & s.SCARD_STATE_MUTE]
            for name in present:
                hr, card, protocol = s.SCardConnect(ctx, name, s.SCARD_SHARE_EXCLUSIVE,
                                                    s.SCARD_PROTOCOL_T0 | s.SCARD_PROTOCOL_T1)  # fmt: skip
                if hr != s.SCARD_S_SUCCESS:
                    continue  # a card that just left (pcscd has not seen it yet) or a busy reader
                try:

                    def transmit(apdu: bytes, card: Any = card, protocol: Any = protocol) -> bytes:
                        hr, answer = s.SCardTransmit(card, protocol, list(apdu))
                        if hr != s.SCARD_S_SUCCESS:
                            raise CardGone(s.SCardGetErrorMessage(hr))
                        if len(answer) < 2:
                            raise CardGone("no answer from the card")
                        return bytes(answer)

                    try:
                        answer = transmit(bytes(GET_UID))
                    except CardGone:
                        continue  # gone before it said its UID: wait for the next one
                    if answer[-2:] != b"\x90\x00" or len(answer) < 3:
                        raise CardGone(f"the card answered {answer[-2:].hex().upper()} to GET UID")
                    return fn(transmit, answer[:-2])
                finally:
                    s.SCardDisconnect(card, s.SCARD_LEAVE_CARD)
            time.sleep(0.1)
        raise CardGone("no card on the reader" if readers else "no card reader")
    finally:
        s.SCardReleaseContext(ctx)
