"""The club hub's test stack: a private PostgreSQL (initdb + pg_ctl in a temp folder on its own port,
run as an unprivileged user when the tests run as root), template databases with a demo club, and
real ``club-hub serve`` processes on 127.0.0.1."""

from __future__ import annotations

import glob
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from pos_app.domain.journal import GENESIS_HASH, chain_hash

ROOT = Path(__file__).resolve().parents[2]
CLUB, OTHER_CLUB = "demo-klub", "other-klub"
KIOSKS = ("kiosk-1", "kiosk-2")
PAGE_SIZE = 7  # small, so the demo club (80 records) takes many pages


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run_hub(*args: str, database: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "hub", args[0], "--database", database, *args[1:]],
                          capture_output=True, text=True, cwd=ROOT, timeout=timeout)  # fmt: skip


def hub_ok(*args: str, database: str) -> str:
    res = run_hub(*args, database=database)
    assert res.returncode == 0, res.stderr
    return res.stdout


# --- PostgreSQL -------------------------------------------------------------------------------


def postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


class PrivatePostgres:
    """A PostgreSQL server of its own: trust auth on 127.0.0.1 only, no fsync (test data)."""

    def __init__(self) -> None:
        bindir = postgres_bin()
        if bindir is None:
            pytest.fail("PostgreSQL is required for the hub's tests (scripts/test installs Debian's postgresql)")
        self.bindir = bindir
        self.folder = Path(tempfile.mkdtemp(prefix="club-hub-pg-"))
        self.folder.chmod(0o755)
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_user: list[str] = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            shutil.chown(self.folder, "nobody")
            self.as_user = ["runuser", "-u", "nobody", "--"]

    def _run(self, *cmd: str) -> None:
        subprocess.run([*self.as_user, *cmd], check=True, capture_output=True, timeout=120, cwd=self.folder)

    def start(self) -> PrivatePostgres:
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-U", "hub", "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")  # fmt: skip
        self.start_server()
        return self

    def start_server(self) -> None:
        """Start the server on an existing data folder (after ``stop_server``: crash recovery if needed)."""
        opts = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60")  # fmt: skip
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.folder / "log"), "-o", opts,
                  "-w", "start")  # fmt: skip

    def stop_server(self, mode: str = "fast") -> None:
        """``pg_ctl stop -m fast`` (roll back, disconnect, checkpoint) or ``-m immediate`` (abort: the next
        start recovers from the WAL, as after a power cut of the database server alone)."""
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def stop(self) -> None:
        try:
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def url(self, dbname: str) -> str:
        return f"postgresql://hub@127.0.0.1:{self.port}/{dbname}"

    def execute(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user="hub", dbname="postgres", autocommit=True) as c:
            c.execute(sql)


# --- templates: a demo club, two kiosks, another club, a picture ------------------------------

PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000100ffff03000006000557bfab"
                    "d40000000049454e44ae426082")  # fmt: skip


def demo_file(folder: Path) -> Path:
    """The demo club as a snapshot, with rich balances (as the kiosk sync tests use) and a picture."""
    from tests.support.sync import rich_snapshot

    snap = rich_snapshot()
    path = folder / "demo-snapshot.json"
    path.write_text(json.dumps(snap), encoding="utf-8")
    return path


@dataclass
class Template:
    backend: str
    url: str
    tokens: dict[str, str]
    image_sha256: str
    snapshot_file: Path


def build_template(url: str, backend: str, folder: Path) -> Template:
    hub_ok("migrate", database=url)
    hub_ok("add-club", CLUB, "Demo klub", database=url)
    hub_ok("add-club", OTHER_CLUB, "Anden klub", database=url)
    tokens = {}
    for kiosk, club in (("kiosk-1", CLUB), ("kiosk-2", CLUB), ("kiosk-x", OTHER_CLUB)):
        path = folder / f"{backend}-{kiosk}.token"
        hub_ok("add-kiosk", "--club", club, kiosk, "--token-file", str(path), database=url)
        tokens[kiosk] = path.read_text().strip()
    png = folder / "toast.png"
    png.write_bytes(PNG)
    sha = hub_ok("add-image", "--club", CLUB, str(png), database=url).strip()
    snap = demo_file(folder)
    hub_ok("import-snapshot", "--club", CLUB, str(snap), database=url)
    return Template(backend, url, tokens, sha, snap)


def token_file(template: Template, folder: Path, kiosk_id: str = "kiosk-1") -> Path:
    """The template's token for one kiosk in a file of its own (mode 0600), as a kiosk's config names it."""
    token = folder / f"{kiosk_id}.token"
    token.write_text(template.tokens[kiosk_id] + "\n")
    token.chmod(0o600)
    return token


class Databases:
    """Per backend: a template built once, and a fresh copy of it for each test."""

    def __init__(self, folder: Path, postgres: PrivatePostgres | None) -> None:
        self.folder = folder
        self.postgres = postgres
        self.templates: dict[str, Template] = {}
        self.n = 0

    def template(self, backend: str) -> Template:
        if backend not in self.templates:
            if backend == "sqlite":
                url = f"sqlite:///{self.folder / 'template.sqlite'}"
            else:
                assert self.postgres is not None
                self.postgres.execute("CREATE DATABASE hub_template")
                url = self.postgres.url("hub_template")
            self.templates[backend] = build_template(url, backend, self.folder)
        return self.templates[backend]

    def fresh(self, backend: str) -> tuple[str, Template]:
        template = self.template(backend)
        self.n += 1
        if backend == "sqlite":
            path = self.folder / f"hub-{self.n}.sqlite"
            src = self.folder / "template.sqlite"
            shutil.copy(src, path)
            for suffix in ("-wal", "-shm"):
                if Path(f"{src}{suffix}").exists():
                    shutil.copy(f"{src}{suffix}", f"{path}{suffix}")
            return f"sqlite:///{path}", template
        assert self.postgres is not None
        self.postgres.execute(f"CREATE DATABASE hub_{self.n} TEMPLATE hub_template")
        return self.postgres.url(f"hub_{self.n}"), template


def sql(url: str, query: str, *params: Any) -> list[tuple[Any, ...]]:
    """Read the hub's tables directly (to check what was stored)."""
    if url.startswith("sqlite:"):
        with sqlite3.connect(url[len("sqlite:///"):]) as conn:
            return list(conn.execute(query.replace("%s", "?"), params).fetchall())
    import psycopg

    with psycopg.connect(url) as conn:
        return list(conn.execute(query, params).fetchall())  # type: ignore[arg-type]


class HubServer:
    """``club-hub serve`` in its own process on 127.0.0.1; its log lines go to a file."""

    def __init__(self, url: str, folder: Path, page_size: int = PAGE_SIZE, threads: int | None = None,
                 port: int | None = None, env: dict[str, str] | None = None,
                 args: tuple[str, ...] = ()) -> None:  # fmt: skip
        self.database = url
        self.port = port or free_port()
        self.log = folder / f"serve-{self.port}.log"
        self._out = self.log.open("a")
        more = ["--threads", str(threads)] if threads is not None else []
        self.proc = subprocess.Popen([sys.executable, "-m", "hub", "serve", "--database", url, "--port",
                                      str(self.port), "--page-size", str(page_size), *more, *args], cwd=ROOT,
                                     stdout=self._out, stderr=subprocess.STDOUT,
                                     env={**os.environ, **env} if env else None)  # fmt: skip
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(self.url + "/v1/health", timeout=2).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):  # not listening yet, or busy with kiosks
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.proc.kill()
                raise RuntimeError("club-hub serve did not start: " + self.log.read_text()[-3000:])
            time.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs (as a power cut or the OOM killer would)."""
        self.proc.kill()
        self.proc.wait(10)
        self._out.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self._out.close()

    def request(self, method: str, path: str, token: str | None, body: Any = None, raw: bytes | None = None,
                **params: str) -> requests.Response:  # fmt: skip
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        return requests.request(method, self.url + path, data=data, headers=headers, params=params or None,
                                timeout=30)  # fmt: skip


@pytest.fixture(scope="session")
def hub_databases(tmp_path_factory):
    """Template databases for the hub tests; PostgreSQL is started on first use and stopped at the end."""
    folder = tmp_path_factory.mktemp("hub")
    holder: dict[str, Any] = {}

    class Lazy(Databases):
        def template(self, backend: str) -> Template:
            if backend == "postgresql" and self.postgres is None:
                self.postgres = holder["pg"] = PrivatePostgres().start()
            return super().template(backend)

    dbs = Lazy(folder, None)
    yield dbs
    if "pg" in holder:
        holder["pg"].stop()


# --- transactions as a kiosk makes them ---------------------------------------------------------

CARD = "04A1B2C3D40001"  # c-01's card


class Chain:
    """A kiosk's journal in the contract's form: consecutive seqs and the hash chain."""

    def __init__(self) -> None:
        self.seq = 0
        self.prev = GENESIS_HASH
        self.items: list[dict[str, Any]] = []

    def next(self, kind: str = "sale", child: str = "c-01", card: str | None = CARD,
             lines: list[tuple[str, int, int]] | None = None, pct: int = 0, refers_to: str | None = None,
             amount: int = 0, occurred_at: str = "2026-11-25T14:03:11.123+01:00", txn_id: str | None = None,
             subsidies: bool = True, **override: Any) -> dict[str, Any]:  # fmt: skip
        import uuid

        if lines is None:
            lines = [("toast", 1, 1500)] if kind in ("sale", "refund", "void") else []
        ls = []
        for pid, qty, unit in lines:
            gross = unit * qty
            sub = (gross * pct + 50) // 100 if subsidies else 0
            ls.append({"product_id": pid, "qty": qty, "unit_price_ore": unit, "gross_ore": gross,
                       "subsidy_ore": sub, "net_ore": gross - sub})  # fmt: skip
        gross, sub, net = (sum(line[k] for line in ls) for k in ("gross_ore", "subsidy_ore", "net_ore"))
        if kind == "topup_cash":
            gross = net = amount
        delta = {"sale": -net, "refund": net, "void": net, "topup_cash": net, "adjustment": amount}[kind]
        self.seq += 1
        item = {"txn_id": txn_id or str(uuid.uuid4()), "seq": self.seq, "kind": kind, "child_id": child,
                "card_uid": card if kind == "sale" else None, "staff_id": None if kind == "sale" else "s-1",
                "occurred_at": occurred_at, "business_date": occurred_at[:10], "lines": ls, "gross_ore": gross,
                "subsidy_ore": sub, "net_ore": net, "balance_delta_ore": delta, "friplads_pct": pct,
                "refers_to": refers_to, "note": "fix" if kind == "adjustment" else None, "offline": False,
                "prev_hash": self.prev}  # fmt: skip
        item.update(override)
        item["hash"] = chain_hash(item)
        self.prev = item["hash"]
        self.items.append(item)
        return item
