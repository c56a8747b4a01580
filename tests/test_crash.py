"""Crash safety: the kiosk killed with SIGKILL at hundreds of random moments during checkouts and sync,
restarted each time; and a copy of the database taken in the middle of writing."""

from __future__ import annotations

import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from pos_app.domain.journal import verify_chain
from pos_app.services.journal import verify_journal
from pos_app.storage.db import make_engine
from tests.conftest import ROOT
from tests.support.sync import CLUB, KIOSK, TOKEN, Kiosk, assert_balances_agree, assert_exactly_once

KILLS = 200


def test_crash_kill_during_checkouts_and_sync(tmp_path, server):  # noqa: F811 (the fixture)
    kiosk = Kiosk(tmp_path / "kiosk.sqlite")  # migrated, with the club's data, big balances
    db = kiosk.engine.url.database
    kiosk.engine.dispose()
    token = tmp_path / "token"
    token.write_text(TOKEN)
    token.chmod(0o600)
    sync_cmd = [sys.executable, "-m", "pos_app", "sync", "--watch", "--db", db, "--url", server.url, "--club", CLUB,
                "--kiosk", KIOSK, "--token-file", str(token)]  # fmt: skip
    rng = random.Random(2026)
    committed: list[str] = []
    sync_proc: subprocess.Popen[bytes] | None = None
    sync_kills = 0
    for run in range(KILLS):
        if sync_proc is None or sync_proc.poll() is not None:
            sync_proc = subprocess.Popen(sync_cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        worker = subprocess.Popen([sys.executable, "-m", "tests.support.stacks.crash_worker", db, str(run)], cwd=ROOT,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)  # fmt: skip
        time.sleep(rng.uniform(0.0, 0.6))  # start-up, migration check, mid-purchase, mid-commit: anywhere
        os.kill(worker.pid, signal.SIGKILL)
        out, _ = worker.communicate(timeout=10)
        committed += out.decode().split()  # each printed only after its commit
        if rng.random() < 0.2:
            os.kill(sync_proc.pid, signal.SIGKILL)
            sync_proc.wait(10)
            sync_kills += 1
    assert sync_proc is not None
    sync_proc.terminate()
    sync_proc.wait(10)
    assert len(committed) > 50 and sync_kills > 10
    engine = make_engine(db)
    result = verify_journal(engine)
    assert result.problem is None  # seq gapless, every hash and link, the head
    assert result.figures_problem is None  # running figures equal the journal's sums after every kill
    with engine.connect() as conn:
        ids = [row[0] for row in conn.exec_driver_sql("SELECT txn_id FROM journal ORDER BY seq")]
    assert len(ids) == len(set(ids)) == result.count
    assert set(committed) <= set(ids)  # no approved sale lost
    assert len(ids) - len(committed) <= KILLS  # at most one committed-but-unreported sale per kill
    engine.dispose()
    final = subprocess.run(sync_cmd[:4] + ["--once"] + sync_cmd[5:], cwd=ROOT, capture_output=True, text=True,
                           timeout=120)  # fmt: skip
    assert final.returncode == 0, final.stderr
    kiosk = Kiosk.__new__(Kiosk)
    kiosk.engine = make_engine(db)
    assert_exactly_once(kiosk, server)  # every transaction at the finance side once, in order
    assert_balances_agree(kiosk, server)


def test_crash_copy_taken_in_the_middle_of_writing(tmp_path):
    kiosk = Kiosk(tmp_path / "live.sqlite")
    db = Path(kiosk.engine.url.database)
    kiosk.engine.dispose()
    # Its output is not needed here; a pipe nobody reads would stop it once ~64 KiB of txn_ids are written.
    worker = subprocess.Popen([sys.executable, "-m", "tests.support.stacks.crash_worker", str(db), "0"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    counts = []
    try:
        time.sleep(1.0)
        for n in range(8):
            copy = tmp_path / f"copy{n}.sqlite"
            for suffix in ("", "-wal", "-shm"):  # a backup tool copying the files while the kiosk writes
                src = Path(f"{db}{suffix}")
                if src.exists():
                    shutil.copyfile(src, f"{copy}{suffix}")
            con = sqlite3.connect(copy)
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            con.close()
            engine = make_engine(copy)
            result = verify_journal(engine)
            engine.dispose()
            assert result.problem is None, result.problem  # a consistent prefix of the journal
            assert result.figures_problem is None, result.figures_problem  # and its figures with it
            counts.append(result.count)
            time.sleep(0.15)
    finally:
        worker.kill()
        worker.wait(10)
    assert counts[-1] > counts[0] > 0
    assert verify_chain([], 0, "0" * 64) is None
