"""A virtual contactless card for the vpcd reader driver (standard library only).

vpcd (vsmartcard-vpcd, loaded by pcscd) listens on TCP; a card is any program connected to it:
connect = card placed, close = card removed. Both ways every message is a 2-byte big-endian
length and a payload. A 1-byte payload from vpcd is a control code (0 power off, 1 power on,
2 reset, 4 "send your ATR"); anything longer is an APDU to answer.

The card answers the PC/SC pseudo-APDU ``FF CA 00 00 00`` (get UID) as a real reader would.
"""

from __future__ import annotations

import socket
import struct
import threading
import time

ATR_4_BYTE = bytes.fromhex("3B8F8001804F0CA000000306030001000000006A")  # MIFARE Classic 1K
ATR_7_BYTE = bytes.fromhex("3B8F8001804F0CA0000003060300030000000068")  # MIFARE Ultralight


class VirtualUidCard:
    def __init__(self, uid: str, port: int, host: str = "127.0.0.1", status_word: bytes = b"\x90\x00",
                 answer_delay_s: float = 0.0) -> None:  # fmt: skip
        self.uid = bytes.fromhex(uid)
        self.port, self.host = port, host
        self.status_word = status_word
        self.answer_delay_s = answer_delay_s
        self.atr = ATR_4_BYTE if len(self.uid) == 4 else ATR_7_BYTE
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.apdus = 0

    def insert(self, timeout_s: float = 5.0) -> VirtualUidCard:
        deadline = time.monotonic() + timeout_s
        while True:
            try:
                sock = socket.create_connection((self.host, self.port), timeout=1.0)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(None)
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, name="virtual-card", daemon=True)
        self._thread.start()
        return self

    def remove(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> VirtualUidCard:
        return self.insert()

    def __exit__(self, *exc: object) -> None:
        self.remove()

    def answer(self, apdu: bytes) -> bytes:
        if len(apdu) < 4:
            return b"\x67\x00"
        cla, ins, p1, p2 = apdu[:4]
        if cla != 0xFF:
            return b"\x6E\x00"
        if ins != 0xCA:
            return b"\x6D\x00"
        if p1 != 0x00 or p2 != 0x00:
            return b"\x6A\x81"
        le = apdu[4] if len(apdu) > 4 else 0
        if le and le > len(self.uid):
            return bytes([0x6C, len(self.uid)])
        if self.answer_delay_s:
            time.sleep(self.answer_delay_s)
        return (self.uid[:le] if le else self.uid) + self.status_word

    def _recv_exact(self, sock: socket.socket, n: int) -> bytes | None:
        data = b""
        while len(data) < n:
            try:
                chunk = sock.recv(n - len(data))
            except OSError:
                return None
            if not chunk:
                return None
            data += chunk
            try:  # vpcd sends length and payload separately: ACK at once, no 40 ms delayed-ACK stall
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            except (OSError, AttributeError):
                pass
        return data

    def _serve(self) -> None:
        sock = self._sock
        assert sock is not None
        while True:
            header = self._recv_exact(sock, 2)
            if header is None:
                return
            (length,) = struct.unpack(">H", header)
            payload = self._recv_exact(sock, length)
            if payload is None:
                return
            if length == 1:
                if payload[0] == 4:
                    reply = self.atr
                else:
                    continue  # power on/off/reset: no answer
            else:
                self.apdus += 1
                reply = self.answer(payload)
            try:
                sock.sendall(struct.pack(">H", len(reply)) + reply)
            except OSError:
                return
