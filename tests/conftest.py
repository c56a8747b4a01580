from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pos_app.domain.clock import SettableClock  # noqa: E402
from pos_app.services.checkout import CheckoutService, CheckoutSettings  # noqa: E402
from pos_app.services.demo import demo_snapshot  # noqa: E402
from pos_app.services.snapshots import import_full_snapshot  # noqa: E402
from pos_app.storage.db import open_ledger_db  # noqa: E402
from tests.support.hub import hub_databases  # noqa: E402, F401 - the hub tests. template databases (session)
from tests.support.sync import hub_finance, kiosk, server  # noqa: E402, F401 - the sync tests' fixtures, for every module

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts"
SYNCED = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ledger.sqlite"


@pytest.fixture
def demo_engine(db_path: Path) -> Iterator[object]:
    engine = open_ledger_db(db_path)
    import_full_snapshot(engine, demo_snapshot(), SYNCED)
    yield engine
    engine.dispose()


@pytest.fixture
def sim_db(tmp_path: Path) -> Path:
    """A ledger with the demo club imported by the real command, synced at 13:55 the day of ``T0``."""
    path = tmp_path / "sim.sqlite"
    snap = tmp_path / "snap.json"
    snap.write_text(run_cli("demo-snapshot").stdout)
    proc = run_cli("import-snapshot", "--db", str(path), "--synced-at", "2026-11-25T13:55:00+01:00", str(snap))
    assert proc.returncode == 0, proc.stderr
    return path


@pytest.fixture
def clock() -> SettableClock:
    c = SettableClock()
    c.set(datetime(2026, 11, 25, 13, 0, tzinfo=UTC))  # 14:00 in Copenhagen, an hour after the sync
    return c


@pytest.fixture
def checkout(demo_engine: object, clock: SettableClock) -> CheckoutService:
    return CheckoutService(demo_engine, clock, CheckoutSettings())  # type: ignore[arg-type]


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pos_app", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def simulate(db: Path, lines: list[dict | str], *extra: str) -> list[dict]:
    script = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    proc = run_cli("simulate", "--db", str(db), *extra, "-", stdin=script)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


@pytest.fixture(scope="session")
def pcscd(tmp_path_factory):
    """A private pcscd with the vpcd virtual readers, shared by every PC/SC test of the session."""
    from tests.support.stacks.pcscd import PrivatePcscd, available

    why = available()
    if why:
        pytest.fail(f"the PC/SC stack is required for these tests: {why} (scripts/test installs it)")
    daemon = PrivatePcscd(tmp_path_factory.mktemp("pcscd"))
    os.environ["PCSCLITE_CSOCK_NAME"] = str(daemon.socket_path)  # before this process's first PC/SC call
    daemon.start()
    yield daemon
    daemon.stop()
