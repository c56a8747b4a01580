"""Writes to clubs, kiosks, records, pictures and users. Each public function is one transaction."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from hub.api.contract import validation_error, validators
from hub.clubs.models import (
    Card,
    CardStatusEvent,
    Child,
    Club,
    FripladsPeriod,
    Kiosk,
    Product,
    ProductImage,
    Profile,
    Record,
    StaffMember,
)
from pos_app.domain.model import ID_RE
from pos_app.domain.pictures import MAX_IMAGE_BYTES, image_type
from pos_app.domain.snapshot import SnapshotInvalid, parse_snapshot


class HubInputError(ValueError):
    """Bad input from a person (a command's arguments or file): a clear message, nothing changed."""


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def next_version(club: Club) -> int:
    """The next record version of ``club``. The caller holds the club's row lock (``lock_club``)."""
    club.version += 1
    Club.objects.filter(pk=club.pk).update(version=club.version)
    return club.version


def next_versions(club: Club, n: int) -> range:
    """The next ``n`` record versions of ``club`` in one statement. The caller holds the club's row lock."""
    first = club.version + 1
    club.version += n
    Club.objects.filter(pk=club.pk).update(version=club.version)
    return range(first, club.version + 1)


def lock_club(club_pk: int) -> Club:
    return Club.objects.select_for_update().get(pk=club_pk)


@transaction.atomic
def add_club(club_id: str, name: str) -> Club:
    if not ID_RE.fullmatch(club_id):
        raise HubInputError("a club id is 1-64 of A-Z, a-z, 0-9, '.', '_' and '-'")
    if not name.strip() or len(name) > 200:
        raise HubInputError("a club needs a name (at most 200 characters)")
    if Club.objects.filter(club_id=club_id).exists():
        raise HubInputError(f"club {club_id} exists already")
    return Club.objects.create(club_id=club_id, name=name.strip())


@transaction.atomic
def add_kiosk(club_id: str, kiosk_id: str, rotate: bool = False) -> tuple[Kiosk, str]:
    """A kiosk with a new random token (or a new token for an existing kiosk with ``rotate``).

    Returns the kiosk and the token; only the token's SHA-256 is stored (the token is 256 random bits,
    so a fast hash is enough: nothing to guess)."""
    if not ID_RE.fullmatch(kiosk_id):
        raise HubInputError("a kiosk id is 1-64 of A-Z, a-z, 0-9, '.', '_' and '-'")
    club = Club.objects.filter(club_id=club_id).first()
    if club is None:
        raise HubInputError(f"no club {club_id}")
    token = secrets.token_urlsafe(32)
    existing = Kiosk.objects.select_for_update().filter(kiosk_id=kiosk_id).first()
    if rotate:
        if existing is None:
            raise HubInputError(f"no kiosk {kiosk_id} to rotate")
        if existing.club_id != club.pk:
            raise HubInputError(f"kiosk {kiosk_id} belongs to another club")
        existing.token_sha256 = token_sha256(token)
        existing.token_rotated_at = timezone.now()
        existing.token_revoked_at = None  # a new token also ends a revocation
        existing.save(update_fields=["token_sha256", "token_rotated_at", "token_revoked_at"])
        return existing, token
    if existing is not None:
        raise HubInputError(f"kiosk {kiosk_id} exists already (kiosk ids are unique in the whole hub; "
                            "--rotate gives it a new token)")  # fmt: skip
    return Kiosk.objects.create(kiosk_id=kiosk_id, club=club, token_sha256=token_sha256(token)), token


# A revoked kiosk's stored "hash": no SHA-256 in hex starts with "revoked-", so no token matches it
# (and it stays unique, as the column must).
REVOKED_PREFIX = "revoked-"


@transaction.atomic
def revoke_kiosk(kiosk_id: str) -> tuple[Kiosk, bool]:
    """Revoke a kiosk's token at once: it answers 401 until the kiosk is given a new token (``add-kiosk
    --rotate`` or the back office). The kiosk and everything it sent stay. Returns the kiosk and
    whether it was revoked now (False: it was already revoked; nothing changed)."""
    kiosk = Kiosk.objects.select_for_update().filter(kiosk_id=kiosk_id).first()
    if kiosk is None:
        raise HubInputError(f"no kiosk {kiosk_id}")
    if kiosk.token_revoked_at is not None:
        return kiosk, False
    kiosk.token_sha256 = REVOKED_PREFIX + secrets.token_hex(28)
    kiosk.token_revoked_at = timezone.now()
    kiosk.save(update_fields=["token_sha256", "token_revoked_at"])
    return kiosk, True


@transaction.atomic
def add_image(club_id: str, data: bytes) -> str:
    """Keep a product picture (PNG or JPEG, at most 512 KiB; rule 6); returns its SHA-256."""
    club = Club.objects.filter(club_id=club_id).first()
    if club is None:
        raise HubInputError(f"no club {club_id}")
    if len(data) > MAX_IMAGE_BYTES:
        raise HubInputError("a product picture may be at most 512 KiB")
    content_type = image_type(data)
    if content_type is None:
        raise HubInputError("a product picture must be a PNG or a JPEG")
    sha = hashlib.sha256(data).hexdigest()
    ProductImage.objects.get_or_create(club=club, sha256=sha, defaults={"content_type": content_type, "data": data})
    return sha


@transaction.atomic
def add_user(username: str, password: str, role: str, club_id: str | None) -> None:
    if role not in ("finance", "leader", "staff"):
        raise HubInputError("the role is finance, leader or staff")
    club = None
    if club_id is not None:
        club = Club.objects.filter(club_id=club_id).first()
        if club is None:
            raise HubInputError(f"no club {club_id}")
    elif role != "finance":
        raise HubInputError(f"a {role} belongs to a club: give --club")
    user_model = get_user_model()
    if not username or user_model.objects.filter(username=username).exists():
        raise HubInputError("that user name is taken (or empty)")
    user = user_model(username=username)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise HubInputError("the password is too weak: " + " ".join(exc.messages)) from None
    user.set_password(password)
    user.save()
    Profile.objects.create(user=user, role=role, club=club)


# --- import-snapshot ---------------------------------------------------------------------------

@dataclass
class ImportReport:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)

    def count(self, what: dict[str, int], kind: str) -> None:
        what[kind] = what.get(kind, 0) + 1

    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


_KINDS: tuple[tuple[str, str, type[Record]], ...] = (
    ("children", "child_id", Child), ("cards", "card_uid", Card), ("products", "product_id", Product),
    ("staff", "staff_id", StaffMember))  # fmt: skip


def check_snapshot_file(doc: Any, club_id: str) -> None:
    """The contract's schema, the kiosk's own snapshot rules (``pos_app.domain.snapshot``) and the
    hub's: ids unique within the file, cards naming a child of the file or the club."""
    error = validation_error(validators()["snapshot"], doc)
    if error:
        raise HubInputError(f"the file breaks the contract's snapshot schema: {error}")
    try:
        parse_snapshot(doc)
    except SnapshotInvalid as exc:
        raise HubInputError(f"the file breaks the snapshot rules: {exc}") from None
    if doc["club_id"] != club_id:
        raise HubInputError(f"the file is for club {doc['club_id']}, not {club_id}")
    for kind, key, _model in _KINDS:
        seen: set[str] = set()
        for i, rec in enumerate(doc[kind]):
            if rec[key] in seen:
                raise HubInputError(f"{kind}[{i}]: {key} {rec[key]} appears twice in the file")
            seen.add(rec[key])


def _record_fields(model: type[Record], rec: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name in model.FIELDS:  # type: ignore[attr-defined]
        value = rec.get(name)
        if name in ("restrictions", "tags"):
            value = sorted(value or [])
        fields[name] = value
    return fields


def _card_event(card: Card, status: str, child_id: str | None, effective_at: datetime | None, source: str) -> None:
    CardStatusEvent.objects.create(card=card, status=status, child_id=child_id, effective_at=effective_at,
                                   source=source)  # fmt: skip


@transaction.atomic
def import_snapshot(club_id: str, doc: Any, who: str = "import") -> ImportReport:
    """Children, cards, products and staff from a snapshot document, all or nothing.

    A child's ``balance_ore`` is its opening balance at the child's first import only (an opening-
    balance entry); later imports leave the ledger alone and say so. ``deleted`` records are marked
    deleted (kept in history). Importing the same file again changes nothing."""
    from hub.ledger.services import post_entry  # the ledger app builds on clubs

    check_snapshot_file(doc, club_id)
    found = Club.objects.filter(club_id=club_id).first()
    if found is None:
        raise HubInputError(f"no club {club_id}")
    club = lock_club(found.pk)
    report = ImportReport()
    known_children = set(Child.objects.filter(club=club).values_list("child_id", flat=True))
    known_children |= {r["child_id"] for r in doc["children"]}
    for i, rec in enumerate(doc["cards"]):
        if not rec.get("deleted") and rec.get("child_id") is not None and rec["child_id"] not in known_children:
            raise HubInputError(f"cards[{i}]: card names child {rec['child_id']}, who is neither in the file "
                                "nor in the club")  # fmt: skip
    now = timezone.now()
    for kind, key, model in _KINDS:
        existing = {getattr(r, key): r for r in model.objects.filter(club=club)}  # type: ignore[misc]
        for rec in doc[kind]:
            row = existing.get(rec[key])
            if rec.get("deleted"):
                if row is not None and not row.deleted:
                    row.deleted = True
                    row.version = next_version(club)
                    row.save()
                    report.count(report.deleted, kind)
                else:
                    report.unchanged += 1
                continue
            fields = _record_fields(model, rec)
            if row is None:
                row = model(club=club, **{key: rec[key]}, **fields, version=next_version(club))
                if isinstance(row, Card):
                    row.status_since = None
                row.save()
                report.count(report.created, kind)
                if isinstance(row, Child):
                    post_entry(row, "opening", rec["balance_ore"], created_by=who, note="opening balance (import)",
                               new_child=True)  # fmt: skip
                if isinstance(row, Card):
                    _card_event(row, row.status, row.child_id, None, "import")
                continue
            if isinstance(row, Child):
                from hub.ledger.models import Balance

                balance = Balance.objects.get(child=row).balance_ore
                if balance != rec["balance_ore"]:
                    report.notes.append(f"child {row.child_id}: the file's balance_ore {rec['balance_ore']} is not "
                                        f"the hub's {balance}; the ledger is left alone (only a first import "
                                        "opens a balance; use an adjustment)")  # fmt: skip
            current = {name: getattr(row, name) for name in fields}
            if current == fields and not row.deleted:
                report.unchanged += 1
                continue
            if isinstance(row, Card) and (row.status, row.child_id) != (fields["status"], fields["child_id"]):
                _card_event(row, fields["status"], fields["child_id"], now, "office")
                row.status_since = now
            if isinstance(row, Child) and row.friplads_pct != fields["friplads_pct"]:
                # the file's percentage holds from today: a period, so the office's history agrees
                FripladsPeriod.objects.create(child=row, pct=fields["friplads_pct"], valid_from=timezone.localdate(),
                                              applied=True, created_by=who)  # fmt: skip
            for name, value in fields.items():
                setattr(row, name, value)
            row.deleted = False
            row.version = next_version(club)
            row.save()
            report.count(report.updated, kind)
    return report




# --- friplads periods --------------------------------------------------------------------------

def effective_friplads(child: Child, today: date) -> int | None:
    """The percentage of ``child``'s period valid on ``today``: the latest ``valid_from`` on or before
    it, the latest saved of equal dates. None: no period has begun (the imported percentage holds)."""
    period = (FripladsPeriod.objects.filter(child=child, valid_from__lte=today)
              .order_by("-valid_from", "-id").first())  # fmt: skip
    return period.pct if period is not None else None


def refresh_friplads(club: Club, child: Child, today: date) -> bool:
    """Make ``child.friplads_pct`` the percentage valid today, with a new version when it changes (so the
    next incremental pull carries it). The caller holds the club's row lock. True if it changed."""
    FripladsPeriod.objects.filter(child=child, valid_from__lte=today, applied=False).update(applied=True)
    pct = effective_friplads(child, today)
    if pct is None or pct == child.friplads_pct:
        return False
    child.friplads_pct = pct
    child.version = next_version(club)
    child.save(update_fields=["friplads_pct", "version", "updated_at"])
    return True


def apply_due_friplads(club_pk: int, today: date | None = None) -> int:
    """Periods whose date has come (today in Europe/Copenhagen) move their child's ``friplads_pct``,
    with a new version. Called before every snapshot page is read, so a period saved for a later
    date reaches the kiosks on its first day. Cheap when nothing is due (one indexed query).
    Returns how many children changed."""
    day = today or timezone.localdate()
    due = FripladsPeriod.objects.filter(child__club_id=club_pk, applied=False, valid_from__lte=day)
    if not due.exists():
        return 0
    changed = 0
    with transaction.atomic():
        club = lock_club(club_pk)
        for child in Child.objects.filter(pk__in=due.values("child_id")):
            changed += refresh_friplads(club, child, day)
    return changed
