"""`club-kiosk devices` and `devices --read-card` against the real PC/SC stack."""

from __future__ import annotations

import os
import subprocess
import sys
import time

from tests.conftest import ROOT
from tests.support.stacks.vpcd_card import VirtualUidCard


def run(*args: str, env_socket: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PCSCLITE_CSOCK_NAME": env_socket}
    return subprocess.run([sys.executable, "-m", "pos_app", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=timeout)  # fmt: skip


def test_devices_lists_the_pcsc_readers(pcscd, tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[devices.printer]\nkind = "network"\nhost = "127.0.0.1"\nport = 9100\n')
    proc = run("devices", "--config", str(cfg), env_socket=str(pcscd.socket_path))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert "card-reader\tVirtual PCD 00 00" in lines and "card-reader\tVirtual PCD 00 01" in lines
    assert "printer\t127.0.0.1:9100\tconfigured" in lines


def test_devices_read_card_prints_the_uid(pcscd, tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[devices.card_reader]\nname_pattern = "Virtual PCD 00 00"\n')
    proc = subprocess.Popen([sys.executable, "-m", "pos_app", "devices", "--config", str(cfg), "--read-card"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, "PCSCLITE_CSOCK_NAME": str(pcscd.socket_path)})  # fmt: skip
    time.sleep(1.5)
    with VirtualUidCard("04c0ffee123456".upper(), pcscd.port):
        out, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err
    assert out.strip() == "04C0FFEE123456"


def test_devices_read_card_times_out_cleanly(pcscd, tmp_path):
    proc = run("devices", "--read-card", "--timeout", "1.5", env_socket=str(pcscd.socket_path))
    assert proc.returncode == 1
    assert "no card within 1.5 s" in proc.stderr and "Traceback" not in proc.stderr
