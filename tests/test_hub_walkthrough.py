"""docs/hub.md's walkthrough, run as written: from an empty folder to a club hub on SQLite, a kiosk
token, products, a CSV of children with cards, the kiosk's config and its first sync, then a sale made
with the real ``club-kiosk simulate`` that the next ``club-kiosk sync`` books in the hub. Also the
``club-hub import-children`` command's refusals."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.support.hub import CLUB, ROOT, free_port, run_hub, sql

HEADING = "## From nothing to a kiosk selling to its own children"


def walkthrough() -> str:
    """The first ``sh`` block under the walkthrough's heading in docs/hub.md."""
    text = (ROOT / "docs" / "hub.md").read_text(encoding="utf-8")
    assert HEADING in text, "docs/hub.md has no walkthrough"
    block = re.search(r"```sh\n(.*?)```", text[text.index(HEADING):], re.S)
    assert block is not None
    return block.group(1)


def test_the_walkthrough_in_docs_hub_md_sells_to_a_child_of_the_new_club(tmp_path: Path) -> None:
    script = walkthrough()
    assert script.count("\nPORT=8000\n") == 1
    port = free_port()
    script = script.replace("\nPORT=8000\n", f"\nPORT={port}\n")
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLUB_HUB_")}
    env |= {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
            "XDG_CACHE_HOME": str(home / "cache"), "PATH": f"{Path(sys.executable).parent}:{env['PATH']}",
            "QT_QPA_PLATFORM": "offscreen"}  # fmt: skip
    # Exactly the block, stopped at the first failing command; the background serve ends with the script.
    wrapped = "set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true; wait' EXIT\n" + script
    res = subprocess.run(["bash", "-c", wrapped], cwd=tmp_path, env=env, capture_output=True, text=True,
                         timeout=600)  # fmt: skip
    folder = tmp_path / "club"
    log = (folder / "hub.log").read_text(encoding="utf-8") if (folder / "hub.log").exists() else ""
    assert res.returncode == 0, res.stdout + res.stderr + log
    out = res.stdout
    assert "children: 3 new, 0 changed, 0 unchanged" in out
    assert out.count("sync ok:") == 2 and "0 problem(s)" in out
    assert '"event": "approved"' in out and '"net_ore": 750' in out
    url = f"sqlite:///{folder / 'hub.sqlite'}"
    # The sale is booked in the hub for the child of the CSV, at her friplads price, and her balance moved.
    assert sql(url, "SELECT t.child_id, t.kind, t.balance_delta_ore, t.status, k.kiosk_id "
                    "FROM hub_ledger_kiosktransaction t JOIN hub_clubs_kiosk k ON k.id = t.kiosk_id") == [
        ("sol-001", "sale", -750, "accepted", "kiosk-1")]  # fmt: skip
    assert sql(url, "SELECT b.balance_ore FROM hub_ledger_balance b JOIN hub_clubs_child c ON c.id = b.child_id "
                    "WHERE c.child_id = 'sol-001'") == [(-750,)]  # fmt: skip
    # The kiosk has the club's children, cards and products from its first sync.
    ledger = folder / "ledger.sqlite"
    import sqlite3

    with sqlite3.connect(ledger) as conn:
        assert conn.execute("SELECT COUNT(*) FROM children").fetchone() == (3,)
        assert conn.execute("SELECT COUNT(*) FROM cards").fetchone() == (2,)
        assert conn.execute("SELECT COUNT(*) FROM products").fetchone() == (2,)
    token = (folder / "kiosk-1.token").read_text().strip()
    assert (folder / "kiosk-1.token").stat().st_mode & 0o777 == 0o600
    assert token not in log and "a-long-secret-for-mette" not in log and "Asta" not in log
    assert "POST /v1/kiosks/kiosk-1/transactions 200" in log


def test_import_children_refuses_a_file_with_a_bad_row_and_saves_nothing(hub_databases, tmp_path: Path) -> None:
    url, _template = hub_databases.fresh("sqlite")
    before = sql(url, "SELECT COUNT(*) FROM hub_clubs_child")
    bad = tmp_path / "children.csv"
    bad.write_text("child_id;display_name;friplads_pct\nn-1;Ny A.;50\nn-2;;120\n", encoding="utf-8")
    res = run_hub("import-children", "--club", CLUB, str(bad), database=url)
    assert res.returncode == 2
    assert "line 3:" in res.stderr and "line 2:" not in res.stderr and "nothing imported" in res.stderr
    assert sql(url, "SELECT COUNT(*) FROM hub_clubs_child") == before
    res = run_hub("import-children", "--club", "no-such-club", str(bad), database=url)
    assert res.returncode == 2 and "no club no-such-club" in res.stderr
    good = tmp_path / "good.csv"
    good.write_text("child_id;display_name;card_uid\nn-1;Ny A.;04AABBCC\n", encoding="utf-8")
    res = run_hub("import-children", "--club", CLUB, str(good), database=url)
    assert res.returncode == 0, res.stderr
    assert "children: 1 new, 0 changed, 0 unchanged" in res.stdout
    res = run_hub("import-children", "--club", CLUB, str(good), database=url)
    assert "children: 0 new, 0 changed, 1 unchanged" in res.stdout  # the same file twice changes nothing
    assert sql(url, "SELECT actor, action FROM hub_office_auditentry WHERE target = 'child n-1'") == [
        ("club-hub", "child.import")]  # fmt: skip
