"""The ledger's migration 0004 fills ``business_date`` of the kiosk transactions stored before it
(from each item's JSON), on a real SQLite file, run in a fresh process as ``club-hub migrate`` would."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = r"""
import json, os, sys
os.environ["CLUB_HUB_DATABASE_URL"] = "sqlite:///" + sys.argv[1]
os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings"
import django
django.setup()
from django.core.management import call_command
from django.db import connection
call_command("migrate", "hub_ledger", "0002", verbosity=0)
with connection.cursor() as c:
    c.execute("INSERT INTO hub_clubs_club (club_id, name, version, created_at) VALUES ('k', 'K', 0, '2026-10-01')")
    c.execute("INSERT INTO hub_clubs_kiosk (kiosk_id, club_id, token_sha256, applied_seq, last_hash, created_at) "
              "VALUES ('kiosk-1', 1, 'x', 2, 'h', '2026-10-01')")
    for seq, day in ((1, "2026-10-31"), (2, "2026-11-01")):
        content = json.dumps({"business_date": day, "seq": seq})
        c.execute("INSERT INTO hub_ledger_kiosktransaction (kiosk_id, seq, txn_id, kind, child_id, refers_to, "
                  "balance_delta_ore, prev_hash, hash, content, status, reason, decided_at) "
                  "VALUES (1, %s, %s, 'sale', 'c-1', NULL, -100, 'p', 'h', %s, 'accepted', NULL, '2026-11-02')",
                  [seq, f"t-{seq}", content])
call_command("migrate", verbosity=0)
with connection.cursor() as c:
    c.execute("SELECT seq, business_date FROM hub_ledger_kiosktransaction ORDER BY seq")
    print(json.dumps([[s, str(d)] for s, d in c.fetchall()]))
"""


def test_finance_migration_fills_business_date_of_earlier_rows(tmp_path):
    res = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "hub.sqlite")], capture_output=True, text=True,
                         cwd=ROOT, timeout=120)  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert res.stdout.strip().splitlines()[-1] == '[[1, "2026-10-31"], [2, "2026-11-01"]]'
