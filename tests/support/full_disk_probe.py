"""Run as root inside a private mount namespace (``unshare -m``): put a ledger on a tiny tmpfs, fill the
disk, try to sell, free the space, sell again. Prints one JSON line with what happened.

    unshare -m python -m tests.support.full_disk_probe FOLDER
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path


def main(folder: Path) -> dict[str, object]:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "--make-rprivate", "/"], check=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)], check=True)
    from pos_app.domain.clock import SettableClock
    from pos_app.services.checkout import CheckoutService, CheckoutSettings
    from pos_app.services.demo import demo_snapshot
    from pos_app.services.snapshots import import_full_snapshot
    from pos_app.storage.db import open_ledger_db

    engine = open_ledger_db(folder / "ledger.sqlite")
    import_full_snapshot(engine, demo_snapshot(), datetime(2026, 11, 25, 12, 0, tzinfo=UTC))
    clock = SettableClock()
    clock.set(datetime(2026, 11, 25, 13, 0, tzinfo=UTC))
    checkout = CheckoutService(engine, clock, CheckoutSettings(offline_after_s=10**9))
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)  # the disk fills up (another program's logs, say)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    facts: dict[str, object] = {}
    outcomes = []
    for _ in range(3):  # several children try: every sale is refused cleanly, nothing is charged
        clock.set(clock.now().replace(minute=clock.now().minute + 1))
        checkout.tap("BARN01")
        checkout.add("toast")
        outcomes.append(checkout.pay().as_event())
        facts["session_after"] = checkout.child is not None
    facts["full"] = outcomes
    facts["free_bytes_reported"] = checkout.free_bytes()
    from pos_app.services.devices import disk_space

    space = disk_space(folder / "ledger.sqlite")
    facts["disk_low"] = space is not None and space.low
    filler.unlink()  # space returns
    clock.set(clock.now().replace(minute=clock.now().minute + 1))
    checkout.tap("BARN01")
    checkout.add("toast")
    facts["after"] = checkout.pay().as_event()
    with engine.connect() as conn:
        facts["journal_rows"] = conn.exec_driver_sql("SELECT count(*) FROM journal").scalar()
        facts["integrity"] = conn.exec_driver_sql("PRAGMA integrity_check").scalar()
    engine.dispose()
    return facts


if __name__ == "__main__":
    sys.stdout.write(json.dumps(main(Path(sys.argv[1]))) + "\n")
