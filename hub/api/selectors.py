"""The contract's reads: the kiosk behind a token, its status, snapshots (full and incremental,
paged by the club's record versions), pictures."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from hub.clubs.models import Card, Child, Club, Kiosk, Product, ProductImage, StaffMember
from hub.clubs.services import apply_due_friplads, token_sha256
from hub.ledger.models import Balance

# "v<version>": everything after that version; "f<version>": the next page of a full pull (removals
# are left out, as on its first page).
CURSOR_RE = re.compile(r"([vf])([0-9]{1,18})")  # ASCII digits only (\d would take "v１", a full-width one)
_KINDS: tuple[tuple[str, str, Any], ...] = (
    ("children", "child_id", Child), ("cards", "card_uid", Card), ("products", "product_id", Product),
    ("staff", "staff_id", StaffMember))  # fmt: skip


def kiosk_for_token(token: str) -> Kiosk | None:
    if not token:
        return None
    kiosk = Kiosk.objects.select_related("club").filter(token_sha256=token_sha256(token)).first()
    if kiosk is not None:
        _seen(kiosk)
    return kiosk


def _seen(kiosk: Kiosk) -> None:
    """Note the kiosk's contact for the back office's dashboard: at most one small write a minute."""
    now = timezone.now()
    if kiosk.last_seen_at is None or now - kiosk.last_seen_at >= timedelta(minutes=1):
        Kiosk.objects.filter(pk=kiosk.pk).update(last_seen_at=now)
        kiosk.last_seen_at = now


def applied_seq(kiosk_pk: int) -> int:
    return int(Kiosk.objects.values_list("applied_seq", flat=True).get(pk=kiosk_pk))


def image(club: Club, sha256: str) -> tuple[bytes, str] | None:
    found = ProductImage.objects.filter(club=club, sha256=sha256).first()
    return (bytes(found.data), found.content_type) if found else None


def _consistent_read() -> None:
    """Everything a snapshot page says is read from one snapshot of the database, so each child's
    balance_ore and balance_applied_seq agree. (SQLite: the transaction holds the write lock.)"""
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def snapshot(kiosk: Kiosk, since: str | None, page_size: int) -> tuple[int, dict[str, Any]]:
    # A friplads period whose day has come (Europe/Copenhagen) moves its child's friplads_pct with a
    # new version first (its own short transaction), so this page carries the percentage valid today.
    apply_due_friplads(kiosk.club_id)
    with transaction.atomic():
        _consistent_read()
        club = Club.objects.get(pk=kiosk.club_id)
        now = club.version
        if since is None:
            after, full = 0, True
        else:
            m = CURSOR_RE.fullmatch(since)
            if m is None or int(m.group(2)) > now:
                return 400, {"error": "bad_cursor"}
            after, full = int(m.group(2)), m.group(1) == "f"
        rows: list[tuple[int, str, Any]] = []
        for kind, _key, model in _KINDS:
            qs = model.objects.filter(club=club, version__gt=after, version__lte=now)
            if full:
                qs = qs.filter(deleted=False)
            rows += [(r.version, kind, r) for r in qs.order_by("version")[: page_size + 1]]
        rows.sort(key=lambda r: r[0])
        more = len(rows) > page_size
        rows = rows[:page_size]
        applied = int(Kiosk.objects.values_list("applied_seq", flat=True).get(pk=kiosk.pk))
        child_pks = [r.pk for _v, kind, r in rows if kind == "children" and not r.deleted]
        balances = dict(Balance.objects.filter(child_id__in=child_pks).values_list("child_id", "balance_ore"))
        doc: dict[str, Any] = {"club_id": club.club_id, "kiosk_id": kiosk.kiosk_id,
                               "cursor": f"{'f' if full else 'v'}{rows[-1][0]}" if more else f"v{now}", "more": more,
                               "kiosk_applied_seq": applied, "children": [], "cards": [], "products": [],
                               "staff": []}  # fmt: skip
        keys = {kind: key for kind, key, _m in _KINDS}
        for _version, kind, rec in rows:
            if rec.deleted:
                doc[kind].append({keys[kind]: getattr(rec, keys[kind]), "deleted": True})
                continue
            body = rec.contract()
            if kind == "children":
                body["balance_ore"] = int(balances.get(rec.pk, 0))
                body["balance_applied_seq"] = applied
            doc[kind].append(body)
        return 200, doc
