"""A TCP 'printer' on 127.0.0.1 that captures the bytes of each connection (one job per connection),
in the order the connections were accepted.

Modes: ``ok`` (accepts and reads), ``stall`` (accepts and never reads: the sender's buffers fill
and it times out). A refusing printer is simply a port nobody listens on.
"""

from __future__ import annotations

import socket
import threading
import time


class TcpPrinter:
    def __init__(self, mode: str = "ok", port: int = 0) -> None:
        self.mode = mode
        self._slots: list[bytes | None] = []  # one per accepted connection, filled when it closes
        self._server = socket.socket()
        self._server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if mode == "stall":  # a tiny receive window, inherited by accepted sockets: the sender blocks soon
            self._server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
        self._server.bind(("127.0.0.1", port))
        self._server.listen(8)
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, name="tcp-printer", daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        self._server.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except OSError:
                continue
            if self.mode == "stall":
                self._held.append(conn)
                continue
            self._slots.append(None)
            threading.Thread(target=self._read, args=(conn, len(self._slots) - 1), daemon=True).start()

    @property
    def jobs(self) -> list[bytes]:
        """The jobs received so far, in the order their connections came (up to the first still open):
        each connection is read on its own thread, and they do not always finish in that order."""
        done = []
        for job in list(self._slots):
            if job is None:
                break
            done.append(job)
        return done

    def _read(self, conn: socket.socket, slot: int) -> None:
        chunks = []
        conn.settimeout(10)
        with conn:
            while True:
                try:
                    data = conn.recv(65536)
                except OSError:
                    break
                if not data:
                    break
                chunks.append(data)
        self._slots[slot] = b"".join(chunks)

    def wait_jobs(self, count: int, timeout: float = 10.0) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while len(self.jobs) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self.jobs)} print jobs arrived, wanted {count}")
            time.sleep(0.02)
        return self.jobs

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self._server.close()
        for conn in self._held:
            conn.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
