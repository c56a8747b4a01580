"""`club-kiosk --self-check` from source (CI also runs it inside the PyInstaller bundle)."""

from __future__ import annotations

import json

from tests.conftest import run_cli


def test_self_check_passes_and_reports_each_part(tmp_path):
    proc = run_cli("--self-check", "--db", str(tmp_path / "check.sqlite"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    names = ["database", "disk", "assets", "printing", "contract", "screens"]
    assert [line.split(":")[0] for line in lines[:6]] == [f"ok    {name}" for name in names]
    assert json.loads(lines[-1])["ok"] is True
    assert "free of" in lines[1]  # the free space where the ledger lives
    assert "staff" in lines[5] and "session" in lines[5]


def test_self_check_fails_on_a_broken_database(tmp_path):
    db = tmp_path / "broken.sqlite"
    db.write_bytes(b"this is not a database" * 100)
    proc = run_cli("--self-check", "--db", str(db))
    assert proc.returncode == 1
    assert proc.stdout.startswith("FAIL  database")
