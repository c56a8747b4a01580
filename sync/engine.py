"""The sync engine: every journal transaction to the finance side exactly once, then the snapshot.

One round, in order: ask the status (upload again from ``expected_seq`` if the finance side is
behind), upload unsent transactions in seq order in batches of at most 500, upload card changes
and day closings (a closing only after its day's transactions are decided), then pull the
snapshot (full the first time and after a bad cursor, else incremental) and apply the whole
pull in one database transaction. Then (never failing the round) fetch the product pictures
the cached products name and the image cache does not hold yet.

Contract 1.1: the kiosk keeps ``heard_seq`` (the highest seq whose decision it has received,
in ``kiosk_state``) and uploads from ``min(expected_seq, heard_seq + 1)``, so a rejection whose
answer was lost is learnt from the duplicate's ``decided``/``reason``; 409 ``chain_broken``
stops sync like ``txn_conflict``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from typing import Any

from sqlalchemy import Engine, insert, select, update

from pos_app.domain.snapshot import Snapshot, SnapshotInvalid, parse_snapshot
from pos_app.storage.images import ImageCache, ImageRefused
from pos_app.storage.ledger import Ledger
from pos_app.storage.models import CardChangeRow, DayClosingRow, SyncRejectionRow, table
from pos_app.threads import direct_call

from . import policy
from .client import FinanceClient
from .contract_checks import (
    check_conflict,
    check_object,
    check_results,
    check_status,
    check_upload_answer,
    malformed,
)
from .errors import SyncError, SyncKind

log = logging.getLogger(__name__)

_rejections = table(SyncRejectionRow)
_changes = table(CardChangeRow)
_closings = table(DayClosingRow)

MAX_BATCH = 500
MAX_PAGES = 10_000
MAX_IMAGES_PER_ROUND = 50  # the rest come in the next rounds
IMAGE_BUDGET_S = 20.0  # pictures never hold a round up for longer than this

EXIT_OK, EXIT_TRANSIENT, EXIT_PERSON = 0, 1, 2


@dataclass
class RoundResult:
    uploaded: int = 0
    accepted: int = 0
    duplicate: int = 0
    rejected: list[tuple[int, str, str]] = field(default_factory=list)  # (seq, txn_id, reason)
    undecided: list[int] = field(default_factory=list)  # seqs a 1.0 server answered duplicate without "decided"
    card_changes: int = 0
    closings: int = 0
    snapshot: str = ""  # "full" or "incremental"
    applied_seq: int = 0
    heard_seq: int = 0  # the highest seq whose decision this kiosk has received, after the round
    images_fetched: int = 0
    images_missing: int = 0  # pictures still not in the cache after the round (fetched again next round)


@dataclass
class SyncOutcome:
    exit_code: int
    result: RoundResult | None
    error: SyncError | None
    attempts: int


class SyncEngine:
    def __init__(self, engine: Engine, client: FinanceClient, *, batch_size: int = MAX_BATCH,
                 db_call: Callable[[Callable[[], Any]], Any] = direct_call,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC),
                 sleep: Callable[[float], None] = time.sleep,
                 images: ImageCache | None = None) -> None:  # fmt: skip
        self._engine = engine
        self.images = images  # None: this engine fetches no product pictures
        self._sleep = sleep
        self.client = client
        self.batch_size = min(batch_size, MAX_BATCH)
        self._db = db_call  # database work goes through the one database worker in the kiosk
        self._now = now
        self._ledger = Ledger()

    def use_db_worker(self, db_call: Callable[[Callable[[], Any]], Any]) -> None:
        """In the kiosk, database work goes through the one database worker thread."""
        self._db = db_call

    # --- one round -------------------------------------------------------------------------------
    def run_round(self) -> RoundResult:
        result = RoundResult()
        state = self._db(self._read_state)
        if state.sync_blocked:
            raise SyncError(SyncKind.CONFLICT, f"sync is stopped until a superuser acts: {state.sync_blocked}")
        if (state.club_id, state.kiosk_id) not in ((None, None), (self.client.club_id, self.client.kiosk_id)):
            raise SyncError(SyncKind.CONFIG, f"this ledger belongs to {state.club_id}/{state.kiosk_id}, "
                            f"not {self.client.club_id}/{self.client.kiosk_id}")  # fmt: skip
        expected, result.applied_seq = check_status(self.client.status())
        result.heard_seq = state.heard_seq
        self._upload_transactions(expected, state.heard_seq, result)
        self._upload_card_changes(result)
        self._upload_closings(result)
        self._pull_snapshot(state.snapshot_cursor, result)
        self._fetch_images(result)
        return result

    def _read_state(self) -> Any:
        with self._engine.connect() as conn:
            return self._ledger.state(conn)

    def _head_seq(self) -> int:
        with self._engine.connect() as conn:
            return self._ledger.head(conn)[0]

    def _block(self, kind: SyncKind, message: str, **extra: Any) -> SyncError:
        def write() -> None:
            with self._engine.begin() as conn:
                self._ledger.update_state(conn, sync_blocked=message[:500])

        self._db(write)
        log.error("sync stopped: %s", message)
        return SyncError(kind, message, **extra)

    def _upload_transactions(self, expected: int, heard: int, result: RoundResult) -> None:
        """Upload from ``min(expected_seq, heard_seq + 1)`` (contract 1.1 rule 2).

        Seqs the finance side decided but whose answer never reached this kiosk (``expected_seq``
        above ``heard_seq + 1``) are sent again: the duplicates tell how each was decided, and a
        rejection among them reaches the superuser's list like any other.
        """
        last = self._db(self._head_seq)
        if expected > last + 1:
            raise self._block(SyncKind.INTEGRITY, f"the finance side expects seq {expected} but this kiosk's "
                              f"journal ends at {last}: transactions were lost here")  # fmt: skip
        heard = min(heard, last)
        next_seq, gaps = min(expected, heard + 1), 0
        if next_seq < expected:
            log.info("resending seqs %d..%d: their decisions never reached this kiosk", next_seq, expected - 1)
        batch_size = self.batch_size
        while next_seq <= last:
            items = self._db(partial(self._journal_batch, next_seq, batch_size))
            if not items or items[0]["seq"] != next_seq:
                raise self._block(SyncKind.INTEGRITY, f"journal row {next_seq} is missing")
            ids = [item["txn_id"] for item in items]
            try:
                answer = self._post_batch(items)
            except SyncError as exc:
                if exc.kind == SyncKind.TOO_LARGE and batch_size > 1:
                    batch_size = max(1, batch_size // 2)
                    log.warning("413: batch halved to %d", batch_size)
                    continue
                if exc.kind == SyncKind.TOO_LARGE:
                    raise self._block(SyncKind.TOO_LARGE, "413 even for a batch of one transaction") from None
                if exc.kind == SyncKind.SEQ_GAP and exc.expected_seq is not None:
                    gaps += 1
                    if exc.expected_seq > last + 1 or gaps > 5:
                        raise self._block(SyncKind.INTEGRITY, f"seq gap: the finance side expects "
                                          f"{exc.expected_seq}, this kiosk has up to {last}") from None  # fmt: skip
                    next_seq = exc.expected_seq
                    continue
                if exc.kind == SyncKind.CONFLICT:
                    check_conflict(exc, ids)  # a conflict naming no item of the batch is a malformed answer
                    raise self._block(SyncKind.CONFLICT, str(exc), txn_id=exc.txn_id, error=exc.error) from None
                raise
            results, applied = check_upload_answer(answer, ids, items[0]["seq"], items[-1]["seq"])
            rejected, undecided = [], []
            for item, res in zip(items, results, strict=True):
                status = res["status"]
                result.uploaded += 1
                if status == "accepted":
                    result.accepted += 1
                elif status == "duplicate":
                    result.duplicate += 1
                    decided = res.get("decided")
                    if decided == "rejected":  # 1.1: learnt now, though the first answer was lost
                        rejected.append((item["seq"], item["txn_id"], res.get("reason") or "rejected"))
                    elif decided is None:
                        undecided.append(item["seq"])
                else:
                    rejected.append((item["seq"], item["txn_id"], res.get("reason") or "rejected"))
            if undecided:
                # A 1.0 finance side's duplicate says "decided before" but not how. Asking again would
                # get the same answer, so the seq counts as heard (no resend loop) and stays *unknown*:
                # nothing is recorded as accepted or rejected, and a warning names the seqs.
                log.warning("the finance side did not say how seqs %s were decided (a 1.0 server?): "
                            "their decisions stay unknown here", _ranges(undecided))  # fmt: skip
                result.undecided += undecided
            result.rejected += rejected
            self._db(partial(self._record_upload, rejected, applied, items[-1]["seq"]))
            result.applied_seq = applied
            result.heard_seq = max(result.heard_seq, items[-1]["seq"])
            next_seq = items[-1]["seq"] + 1

    def _post_batch(self, items: list[dict[str, Any]]) -> Any:
        """POST one batch; a transient failure is retried at once with the same batch (twice), so an
        answer lost after the finance side stored the batch comes back as ``duplicate``."""
        delay = policy.SAME_BATCH.base_s
        for attempt in range(policy.SAME_BATCH_TRIES):
            try:
                return self.client.upload_transactions(items)
            except SyncError as exc:
                if policy.action_for(exc.kind) is not policy.Action.RETRY or attempt == policy.SAME_BATCH_TRIES - 1:
                    raise
                wait = policy.SAME_BATCH.wait_s(delay, exc.retry_after_s)
                if wait > policy.SAME_BATCH_MAX_WAIT_S:
                    raise
                log.info("upload: %s; same batch again in %.1f s", exc, wait)
                self._sleep(wait)
                delay = policy.SAME_BATCH.next_delay(delay)
        raise AssertionError("unreachable")

    def _journal_batch(self, start: int, size: int) -> list[dict[str, Any]]:
        with self._engine.connect() as conn:
            items = []
            for item in self._ledger.journal(conn, start - 1):
                items.append(item)
                if len(items) >= size:
                    break
            return items

    def _record_upload(self, rejected: list[tuple[int, str, str]], applied: int, heard: int) -> None:
        """The batch's decisions and ``heard_seq`` in one database transaction: a crash between the
        answer and this write only means the batch is sent again (and answered as duplicates)."""
        now = self._now().isoformat()
        with self._engine.begin() as conn:
            for seq, txn_id, reason in rejected:
                if conn.execute(select(_rejections.c.seq).where(_rejections.c.seq == seq)).first() is None:
                    conn.execute(insert(_rejections), {"seq": seq, "txn_id": txn_id, "reason": reason[:500],
                                                       "decided_at": now})  # fmt: skip
                    log.warning("seq %d rejected by the finance side: %s", seq, reason)
            state = self._ledger.state(conn)
            self._ledger.update_state(conn, applied_seq=applied, heard_seq=max(state.heard_seq, heard))

    def _upload_card_changes(self, result: RoundResult) -> None:
        while True:
            pending = self._db(self._pending_changes)
            if not pending:
                return
            answer = self.client.upload_card_changes(pending)
            ids = [c["change_id"] for c in pending]
            results = check_results(answer, ids, "change_id")
            self._db(partial(self._record_changes, results))
            result.card_changes += len(pending)

    def _pending_changes(self) -> list[dict[str, Any]]:
        cols = ("change_id", "card_uid", "child_id", "status", "staff_id", "occurred_at")
        with self._engine.connect() as conn:
            rows = conn.execute(select(*(_changes.c[c] for c in cols)).where(_changes.c.sent_status == "pending")
                                .order_by(_changes.c.occurred_at).limit(MAX_BATCH)).all()  # fmt: skip
        return [dict(zip(cols, row, strict=True)) for row in rows]

    def _record_changes(self, results: list[dict[str, Any]]) -> None:
        with self._engine.begin() as conn:
            for res in results:
                conn.execute(update(_changes).where(_changes.c.change_id == res["change_id"])
                             .values(sent_status=res["status"], reason=res.get("reason")))  # fmt: skip

    def _upload_closings(self, result: RoundResult) -> None:
        state = self._db(self._read_state)
        for closing_id, doc in self._db(lambda: self._pending_closings(state.applied_seq)):
            try:
                answer = check_object(self.client.upload_day_closing(doc), "day closing answer")
            except SyncError as exc:
                if exc.kind == SyncKind.CONFLICT:
                    raise self._block(SyncKind.CONFLICT, f"day closing {closing_id}: {exc}") from None
                raise
            if answer.get("status") not in ("accepted", "duplicate"):
                raise malformed("day closing status")
            self._db(partial(self._record_closing, closing_id, answer["status"]))
            result.closings += 1

    def _pending_closings(self, applied_seq: int) -> list[tuple[str, dict[str, Any]]]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(_closings.c.closing_id, _closings.c.document)
                                .where(_closings.c.sent_status == "pending", _closings.c.last_seq <= applied_seq)
                                .order_by(_closings.c.z_number)).all()  # fmt: skip
        return [(row[0], row[1]) for row in rows]

    def _record_closing(self, closing_id: str, status: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(update(_closings).where(_closings.c.closing_id == closing_id).values(sent_status=status))

    def _pull_snapshot(self, cursor: str | None, result: RoundResult) -> None:
        try:
            pages = self._pull(cursor)
        except SyncError as exc:
            if exc.kind != SyncKind.BAD_CURSOR or cursor is None:
                raise
            log.warning("bad cursor: starting a full pull")
            cursor, pages = None, self._pull(None)
        merged = _merge(pages)
        synced_at = self._now()

        def apply() -> None:
            with self._engine.begin() as conn:  # the whole pull at once: a checkout never sees half
                if cursor is None:
                    self._ledger.replace_cache(conn, merged, synced_at)
                else:
                    self._ledger.apply_incremental(conn, merged, synced_at)
                self._ledger.update_state(conn, last_sync_error=None)

        self._db(apply)
        result.snapshot = "full" if cursor is None else "incremental"

    def _fetch_images(self, result: RoundResult) -> None:
        """Fetch the pictures the cached products name and the cache lacks. Never raises: the money
        part of the round is done, a picture that fails is fetched again next round, and until then
        the kiosk shows the product's icon or its category's picture."""
        if self.images is None:
            return
        try:
            wanted = self._db(self._wanted_images)
            missing = self.images.missing(wanted)
        except Exception:  # the boundary: a picture never fails a round
            log.exception("product pictures: cannot see what is missing")
            return
        deadline = time.monotonic() + IMAGE_BUDGET_S
        for sha in missing[:MAX_IMAGES_PER_ROUND]:
            if time.monotonic() > deadline:
                break
            try:
                data, content_type = self.client.image(sha)
                self.images.put(sha, data, content_type)
                result.images_fetched += 1
            except ImageRefused as exc:
                log.warning("image %s… refused (%s): fetched again next round", sha[:12], exc)
            except SyncError as exc:
                log.warning("image %s… not fetched: %s", sha[:12], exc)
                if exc.kind not in (SyncKind.NOT_FOUND, SyncKind.BAD_REQUEST):
                    break  # offline, auth, overloaded: the others would fail the same way
            except Exception:
                log.exception("image %s… not kept", sha[:12])
                break
        result.images_missing = len(missing) - result.images_fetched

    def _wanted_images(self) -> list[str]:
        with self._engine.connect() as conn:
            return self._ledger.image_hashes(conn)

    def _pull(self, since: str | None) -> list[Snapshot]:
        pages: list[Snapshot] = []
        while len(pages) < MAX_PAGES:
            doc = self.client.snapshot(since)
            try:
                page = parse_snapshot(doc)
            except SnapshotInvalid as exc:
                raise malformed(str(exc)) from None
            if (page.club_id, page.kiosk_id) != (self.client.club_id, self.client.kiosk_id):
                raise malformed(f"a snapshot for {page.club_id}/{page.kiosk_id}, not this kiosk")
            pages.append(page)
            if not page.more:
                return pages
            since = page.cursor
        raise malformed("the snapshot never ends")

    # --- retry policies ----------------------------------------------------------------------------
    def run_once(self, budget_s: float = policy.RUN_ONCE_BUDGET_S,
                 sleep: Callable[[float], None] = time.sleep) -> SyncOutcome:  # fmt: skip
        """Rounds until one succeeds; transient failures retried for at most ``budget_s`` in all."""
        deadline = time.monotonic() + budget_s
        backoff, attempts = policy.ROUND.base_s, 0
        while True:
            attempts += 1
            self._db(self._note_attempt)
            try:
                result = self.run_round()
                return SyncOutcome(EXIT_OK, result, None, attempts)
            except SyncError as exc:
                self._db(partial(self._note_error, exc))
                if exc.kind in policy.PERSON_MUST_ACT:
                    return SyncOutcome(EXIT_PERSON, None, exc, attempts)
                wait = policy.ROUND.wait_s(backoff, exc.retry_after_s)
                left = deadline - time.monotonic()
                if left <= 0 or wait > left:
                    return SyncOutcome(EXIT_TRANSIENT, None, exc, attempts)
                log.info("sync: %s; retrying in %.1f s", exc, wait)
                sleep(wait)
                backoff = policy.ROUND.next_delay(backoff)

    def _note_attempt(self) -> None:
        with self._engine.begin() as conn:
            self._ledger.update_state(conn, last_sync_attempt_at=self._now().isoformat())

    def _note_error(self, exc: SyncError) -> None:
        with self._engine.begin() as conn:
            self._ledger.update_state(conn, last_sync_error=f"{exc.kind.value}: {exc}"[:500])


_KINDS = (("children", "child_id"), ("cards", "card_uid"), ("products", "product_id"), ("staff", "staff_id"))


def _ranges(seqs: list[int]) -> str:
    """``[3, 4, 5, 9]`` -> ``"3..5, 9"`` (for log lines)."""
    parts: list[str] = []
    start = prev = seqs[0]
    for seq in seqs[1:] + [0]:
        if seq == prev + 1:
            prev = seq
            continue
        parts.append(str(start) if start == prev else f"{start}..{prev}")
        start = prev = seq
    return ", ".join(parts)


def _merge(pages: list[Snapshot]) -> Snapshot:
    """One pull's pages as one snapshot: a later page's record (or removal) wins over an earlier one."""
    last = pages[-1]
    merged = Snapshot(last.club_id, last.kiosk_id, last.cursor, False, last.kiosk_applied_seq)
    for kind, key in _KINDS:
        latest: dict[str, Any] = {}  # id -> record, or None when removed
        for page in pages:
            for record in getattr(page, kind):
                latest[getattr(record, key)] = record
            for removed in getattr(page, f"deleted_{kind}"):
                latest[removed] = None
        setattr(merged, kind, [v for v in latest.values() if v is not None])
        setattr(merged, f"deleted_{kind}", [k for k, v in latest.items() if v is None])
    return merged
