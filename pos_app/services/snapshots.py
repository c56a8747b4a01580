"""Import a full snapshot into the cache (the contract's format), in one database transaction."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from pos_app.domain.snapshot import SnapshotInvalid, parse_snapshot
from pos_app.errors import SnapshotError
from pos_app.storage.ledger import Ledger

log = logging.getLogger(__name__)


def import_full_snapshot(engine: Engine, doc: Any, synced_at: datetime, ledger: Ledger | None = None) -> dict[str, int]:
    """Replace the cache with ``doc``; counts as a successful sync at ``synced_at``.

    Nothing changes when the snapshot is invalid or belongs to another kiosk.
    """
    ledger = ledger or Ledger()
    try:
        snap = parse_snapshot(doc)
    except SnapshotInvalid as exc:
        log.warning("snapshot refused: %s", exc)
        raise SnapshotError(str(exc)) from exc
    if snap.more:
        raise SnapshotError("snapshot: a file import must be a whole pull ('more' is true)")
    if snap.deleted_children or snap.deleted_cards or snap.deleted_products or snap.deleted_staff:
        raise SnapshotError("snapshot: a full snapshot carries no deleted records")
    for kind, ids in (
        ("child_id", [c.child_id for c in snap.children]),
        ("card_uid", [c.card_uid for c in snap.cards]),
        ("product_id", [p.product_id for p in snap.products]),
        ("staff_id", [s.staff_id for s in snap.staff]),
    ):
        if len(ids) != len(set(ids)):
            raise SnapshotError(f"snapshot: a {kind} appears twice")
    with engine.begin() as conn:
        state = ledger.state(conn)
        head_seq, _ = ledger.head(conn)
        if head_seq and (state.club_id, state.kiosk_id) != (snap.club_id, snap.kiosk_id):
            raise SnapshotError(
                f"snapshot is for {snap.club_id}/{snap.kiosk_id} but this ledger belongs to "
                f"{state.club_id}/{state.kiosk_id}"
            )
        ledger.replace_cache(conn, snap, synced_at)
    counts = {"children": len(snap.children), "cards": len(snap.cards), "products": len(snap.products),
              "staff": len(snap.staff)}  # fmt: skip
    log.info("snapshot imported: %s", counts)
    return counts
