"""A private pcscd with the vpcd virtual reader, for tests and benchmarks.

pcscd has its socket path compiled in (/run/pcscd/pcscd.comm), so a private instance runs in
its own mount namespace with /run/pcscd bound to a folder of ours, and with its own reader
config on a free TCP port pair. Clients find it through PCSCLITE_CSOCK_NAME, which must be set
before the first PC/SC call of the process. Needs root and util-linux's unshare.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"


def available() -> str | None:
    """None when a private pcscd can run here, else why not."""
    if shutil.which("pcscd") is None:
        return "pcscd is not installed"
    if not Path(VPCD_DRIVER).exists():
        return "vsmartcard-vpcd is not installed"
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return "a private pcscd needs root and unshare"
    return None


def _free_port_pair() -> int:
    for _ in range(200):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port >= 65535:
            continue
        try:
            with socket.socket() as s2:
                s2.bind(("127.0.0.1", port + 1))
            return port
        except OSError:
            continue
    raise RuntimeError("no free port pair")


class PrivatePcscd:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.run_dir = folder / "run"
        self.conf_dir = folder / "reader.conf.d"
        self.port = _free_port_pair()  # readers "Virtual PCD 00 00" on port, "00 01" on port + 1
        self.socket_path = self.run_dir / "pcscd.comm"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> PrivatePcscd:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        self.conf_dir.mkdir(parents=True, exist_ok=True)
        (self.conf_dir / "vpcd").write_text(
            f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME /dev/null:0x{self.port:04X}\n'
            f"LIBPATH {VPCD_DRIVER}\nCHANNELID 0x{self.port:04X}\n"
        )
        for stale in self.run_dir.iterdir():
            stale.unlink()
        log = open(self.folder / "pcscd.log", "ab")  # noqa: SIM115 - owned by the process
        self.proc = subprocess.Popen(
            ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c",
             f"mount --bind '{self.run_dir}' /run/pcscd 2>/dev/null || "
             f"(mkdir -p /run/pcscd && mount --bind '{self.run_dir}' /run/pcscd); "
             f"exec pcscd -f -c '{self.conf_dir}'"],
            stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while not self.socket_path.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"pcscd did not start: {(self.folder / 'pcscd.log').read_text()[-500:]}")
            time.sleep(0.02)
        self._wait_listening(self.port)
        return self

    def _wait_listening(self, port: int) -> None:
        """Wait until vpcd listens, by reading the kernel's socket table (connecting would be a card)."""
        want = f":{port:04X} "
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            for table in ("/proc/net/tcp", "/proc/net/tcp6"):
                try:
                    lines = Path(table).read_text().splitlines()[1:]
                except OSError:
                    continue
                if any(want in line.split()[1] + " " and line.split()[3] == "0A" for line in lines):
                    return
            time.sleep(0.05)
        raise RuntimeError("vpcd did not listen")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None
        deadline = time.monotonic() + 5
        while self.socket_path.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        self.socket_path.unlink(missing_ok=True)

    def restart(self) -> None:
        self.stop()
        self.start()
