"""What staff see of the sync: online or offline, what is unsent and since when, what went wrong."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func, select

from pos_app.domain.clock import is_offline
from pos_app.storage.ledger import Ledger
from pos_app.storage.models import JournalRow, SyncRejectionRow, table

_journal = table(JournalRow)
_rejections = table(SyncRejectionRow)


@dataclass(frozen=True, slots=True)
class SyncStatus:
    online: bool
    unsent: int
    oldest_unsent_at: str | None  # occurred_at of the oldest transaction the finance side has not decided
    last_sync_at: datetime | None
    last_error: str | None
    blocked: str | None  # a person must act (conflict, integrity, bad token...)
    rejected_open: int


def sync_status(engine: Engine, now: datetime, offline_after_s: float) -> SyncStatus:
    ledger = Ledger()
    with engine.connect() as conn:
        state = ledger.state(conn)
        head_seq, _ = ledger.head(conn)
        oldest = conn.execute(select(_journal.c.occurred_at).where(_journal.c.seq == state.applied_seq + 1)).scalar()
        rejected = conn.execute(select(func.count()).select_from(_rejections)
                                .where(_rejections.c.resolved_at.is_(None))).scalar_one()  # fmt: skip
    online = not is_offline(state.last_sync_at, now, offline_after_s)
    return SyncStatus(online, max(head_seq - state.applied_seq, 0), oldest, state.last_sync_at,
                      state.last_sync_error, state.sync_blocked, int(rejected))  # fmt: skip
