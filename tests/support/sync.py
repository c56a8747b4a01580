"""The sync tests' kiosk and their finance sides: the club hub (``club-hub serve``, the contract's
reference implementation) for tests that need a correct one, and the fault-injecting double
(``tests/support/finance_double.py``) for tests that need one misbehaving on purpose."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pos_app.domain.clock import SettableClock
from pos_app.domain.journal import verify_chain
from pos_app.services.checkout import CheckoutService, CheckoutSettings
from pos_app.services.demo import demo_snapshot
from pos_app.services.snapshots import import_full_snapshot
from pos_app.storage.db import open_ledger_db
from pos_app.storage.ledger import Ledger
from sync.client import FinanceClient
from sync.engine import SyncEngine
from tests.support.finance_double import FinanceServer, FinanceStore

CLUB, KIOSK, TOKEN = "demo-klub", "kiosk-1", "secret-token-1"


def rich_snapshot() -> dict:
    snap = demo_snapshot()
    for c in snap["children"]:
        c["balance_ore"] = 10_000_000
        c["daily_limit_ore"] = None
    return snap


def finance_server(folder: Path) -> FinanceServer:
    """The fault-injecting finance double on 127.0.0.1 with the rich demo data and this kiosk's token (started)."""
    store = FinanceStore(folder / "finance.sqlite")
    store.seed(rich_snapshot())
    store.add_kiosk(CLUB, KIOSK, TOKEN)
    return FinanceServer(store).start()


class Kiosk:
    def __init__(self, path: Path) -> None:
        self.engine = open_ledger_db(path)
        import_full_snapshot(self.engine, rich_snapshot(), datetime(2026, 11, 25, 12, tzinfo=UTC))
        self.clock = SettableClock()
        self.t = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)
        self.checkout = CheckoutService(self.engine, self.clock, CheckoutSettings(offline_after_s=10**9))
        self.cards = [f"BARN{i:02d}" for i in (1, 2, 3, 5, 6, 7, 9, 10)]

    def sales(self, n: int, product: str = "toast") -> list[str]:
        ids = []
        for i in range(n):
            self.t += timedelta(seconds=2)
            self.clock.set(self.t)
            assert self.checkout.tap(self.cards[i % len(self.cards)]).event == "identified"
            assert self.checkout.add(product).event == "added"
            result = self.checkout.pay()
            assert result.event == "approved", result
            ids.append(result.txn_id)
        return ids

    def journal(self) -> list[dict]:
        with self.engine.connect() as conn:
            return list(Ledger().journal(conn))

    def state(self):
        with self.engine.connect() as conn:
            return Ledger().state(conn)

    def balances(self) -> dict[str, int]:
        ledger = Ledger()
        with self.engine.connect() as conn:
            return {c.child_id: ledger.balance(conn, c) for c in ledger.children(conn)}


class HubBooks:
    """What a ``club-hub serve`` booked, read from its database (the double's ``store`` does the same)."""

    def __init__(self, url: str) -> None:
        self.url = url

    def booked(self, kiosk_id: str) -> list[dict]:
        import json

        from tests.support.hub import sql

        rows = sql(self.url, "SELECT t.content, t.status FROM hub_ledger_kiosktransaction t JOIN hub_clubs_kiosk k "
                             "ON k.id = t.kiosk_id WHERE k.kiosk_id = %s ORDER BY t.seq", kiosk_id)  # fmt: skip
        return [{**json.loads(content), "_status": status} for content, status in rows]

    def balance(self, child_id: str) -> int:
        from tests.support.hub import sql

        rows = sql(self.url, "SELECT b.balance_ore FROM hub_ledger_balance b JOIN hub_clubs_child c "
                             "ON c.id = b.child_id WHERE c.child_id = %s", child_id)  # fmt: skip
        return int(rows[0][0])


class HubFinance:
    """A real ``club-hub serve`` on SQLite with the rich demo club (the kiosk's data) and its tokens."""

    def __init__(self, hub_databases, folder: Path) -> None:
        from tests.support.hub import HubServer

        url, template = hub_databases.fresh("sqlite")
        self.tokens = template.tokens
        self.token = template.tokens[KIOSK]
        self.hub = HubServer(url, folder, page_size=1000)
        self.url = self.hub.url
        self.store = HubBooks(url)

    def stop(self) -> None:
        self.hub.stop()


def engine_for(kiosk: Kiosk, server: FinanceServer | HubFinance, token: str | None = None, **kw) -> SyncEngine:
    timeout = kw.pop("timeout_s", 5.0)
    token = token or getattr(server, "token", TOKEN)
    return SyncEngine(kiosk.engine, FinanceClient(server.url, token, CLUB, KIOSK, timeout_s=timeout), **kw)


def assert_exactly_once(kiosk: Kiosk, server: FinanceServer | HubFinance) -> None:
    local = kiosk.journal()
    booked = server.store.booked(KIOSK)
    assert [b["seq"] for b in booked] == list(range(1, len(local) + 1))
    assert [b["txn_id"] for b in booked] == [t["txn_id"] for t in local]
    assert [{k: v for k, v in b.items() if k != "_status"} for b in booked] == local
    assert verify_chain(local, len(local), local[-1]["hash"] if local else "0" * 64) is None


def assert_balances_agree(kiosk: Kiosk, server: FinanceServer | HubFinance) -> None:
    for child_id, balance in kiosk.balances().items():
        assert balance == server.store.balance(child_id), child_id




@pytest.fixture
def server(tmp_path):
    """The fault-injecting finance double on 127.0.0.1 (import this fixture into a test module to use it)."""
    srv = finance_server(tmp_path)
    yield srv
    srv.stop()


@pytest.fixture
def hub_finance(hub_databases, tmp_path):
    """The club hub as the finance side (import this fixture, and ``hub_databases``, to use it)."""
    finance = HubFinance(hub_databases, tmp_path)
    yield finance
    finance.stop()


@pytest.fixture
def kiosk(tmp_path) -> Kiosk:
    return Kiosk(tmp_path / "kiosk.sqlite")
