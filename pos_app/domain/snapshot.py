"""Parse and validate a snapshot in the contract's format. Bad input -> SnapshotInvalid, nothing else."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .model import CARD_UID_RE, ID_RE, Card, CardUid, Child, ChildId, Product, ProductId, StaffId
from .money import MAX_ABS_ORE
from .pictures import ICON_RE, SHA256_RE

log = logging.getLogger(__name__)

_BARCODE_CHARS = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-")


class SnapshotInvalid(ValueError):
    """The snapshot does not follow the contract; the message says where."""


@dataclass(frozen=True, slots=True)
class StaffRecord:
    staff_id: StaffId
    display_name: str
    role: str
    card_uid: str | None
    pin_hash: str


@dataclass(slots=True)
class Snapshot:
    club_id: str
    kiosk_id: str
    cursor: str
    more: bool
    kiosk_applied_seq: int
    children: list[Child] = field(default_factory=list)
    cards: list[Card] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    staff: list[StaffRecord] = field(default_factory=list)
    deleted_children: list[str] = field(default_factory=list)
    deleted_cards: list[str] = field(default_factory=list)
    deleted_products: list[str] = field(default_factory=list)
    deleted_staff: list[str] = field(default_factory=list)


def _get(rec: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in rec:
        raise SnapshotInvalid(f"{where}: missing field {key!r}")
    return rec[key]


def _int(rec: Mapping[str, Any], key: str, where: str, lo: int, hi: int, nullable: bool = False) -> Any:
    value = _get(rec, key, where)
    if value is None and nullable:
        return None
    if type(value) is not int or not lo <= value <= hi:
        raise SnapshotInvalid(f"{where}: {key} must be an integer in {lo}..{hi}, got {value!r}")
    return value


def _str(rec: Mapping[str, Any], key: str, where: str, max_len: int, nullable: bool = False) -> Any:
    value = _get(rec, key, where)
    if value is None and nullable:
        return None
    if not isinstance(value, str) or len(value) > max_len:
        raise SnapshotInvalid(f"{where}: {key} must be a string of at most {max_len} characters")
    return value


def _bool(rec: Mapping[str, Any], key: str, where: str) -> bool:
    value = _get(rec, key, where)
    if type(value) is not bool:
        raise SnapshotInvalid(f"{where}: {key} must be true or false")
    return value


def _id(rec: Mapping[str, Any], key: str, where: str, nullable: bool = False) -> Any:
    value = _get(rec, key, where)
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not ID_RE.fullmatch(value):
        raise SnapshotInvalid(f"{where}: {key} is not a valid id: {value!r}")
    return value


def _card_uid(rec: Mapping[str, Any], key: str, where: str, nullable: bool = False) -> Any:
    value = _get(rec, key, where)
    if value is None and nullable:
        return None
    if not isinstance(value, str) or not CARD_UID_RE.fullmatch(value):
        raise SnapshotInvalid(f"{where}: {key} is not a valid card uid")
    return value


def _tags(rec: Mapping[str, Any], key: str, where: str) -> frozenset[str]:
    value = _get(rec, key, where)
    if not isinstance(value, list) or not all(isinstance(t, str) and len(t) <= 32 for t in value):
        raise SnapshotInvalid(f"{where}: {key} must be a list of short strings")
    return frozenset(value)


def _picture_field(rec: Mapping[str, Any], key: str, where: str, pattern: Any) -> str | None:
    """An optional picture field (contract 1.1 rule 6). Absent, null or invalid -> None.

    A bad picture field does not refuse the snapshot (it would hold back balances and blocked
    cards for something cosmetic): the product is shown with its next picture, and a log line
    says which field was ignored (product ids only, nothing personal).
    """
    value = rec.get(key)
    if value is None:
        return None
    if isinstance(value, str) and pattern.fullmatch(value):
        return value
    log.warning("%s: %s is not valid; the product is shown without it", where, key)
    return None


def _records(doc: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = _get(doc, key, "snapshot")
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        raise SnapshotInvalid(f"snapshot: {key} must be a list of objects")
    return value


def parse_snapshot(doc: Any) -> Snapshot:
    if not isinstance(doc, dict):
        raise SnapshotInvalid("snapshot: not a JSON object")
    snap = Snapshot(
        club_id=_id(doc, "club_id", "snapshot"),
        kiosk_id=_id(doc, "kiosk_id", "snapshot"),
        cursor=_str(doc, "cursor", "snapshot", 512),
        more=_bool(doc, "more", "snapshot"),
        kiosk_applied_seq=_int(doc, "kiosk_applied_seq", "snapshot", 0, 2**62),
    )
    for i, rec in enumerate(_records(doc, "children")):
        where = f"children[{i}]"
        cid = _id(rec, "child_id", where)
        if _bool(rec, "deleted", where):
            snap.deleted_children.append(cid)
            continue
        mode = _get(rec, "payment_mode", where)
        if mode not in ("prepaid", "account"):
            raise SnapshotInvalid(f"{where}: payment_mode must be prepaid or account")
        snap.children.append(
            Child(
                child_id=ChildId(cid),
                display_name=_str(rec, "display_name", where, 80),
                friplads_pct=_int(rec, "friplads_pct", where, 0, 100),
                payment_mode=mode,
                balance_ore=_int(rec, "balance_ore", where, -MAX_ABS_ORE, MAX_ABS_ORE),
                balance_applied_seq=_int(rec, "balance_applied_seq", where, 0, 2**62),
                daily_limit_ore=_int(rec, "daily_limit_ore", where, 0, MAX_ABS_ORE, nullable=True),
                credit_limit_ore=_int(rec, "credit_limit_ore", where, 0, MAX_ABS_ORE),
                restrictions=_tags(rec, "restrictions", where),
                blocked=_bool(rec, "blocked", where),
            )
        )
    for i, rec in enumerate(_records(doc, "cards")):
        where = f"cards[{i}]"
        uid = _card_uid(rec, "card_uid", where)
        if rec.get("deleted", False) is True:
            snap.deleted_cards.append(uid)
            continue
        status = _get(rec, "status", where)
        if status not in ("active", "blocked", "lost"):
            raise SnapshotInvalid(f"{where}: status must be active, blocked or lost")
        snap.cards.append(Card(CardUid(uid), _id(rec, "child_id", where, nullable=True), status))
    for i, rec in enumerate(_records(doc, "products")):
        where = f"products[{i}]"
        pid = _id(rec, "product_id", where)
        if _bool(rec, "deleted", where):
            snap.deleted_products.append(pid)
            continue
        barcode = _str(rec, "barcode", where, 48, nullable=True)
        if barcode is not None and (len(barcode) < 4 or not set(barcode) <= _BARCODE_CHARS):
            raise SnapshotInvalid(f"{where}: barcode is not valid")
        snap.products.append(
            Product(
                product_id=ProductId(pid),
                name=_str(rec, "name", where, 80),
                price_ore=_int(rec, "price_ore", where, 0, MAX_ABS_ORE),
                friplads_eligible=_bool(rec, "friplads_eligible", where),
                category=_str(rec, "category", where, 32),
                barcode=barcode,
                tags=_tags(rec, "tags", where),
                active=_bool(rec, "active", where),
                icon=_picture_field(rec, "icon", where, ICON_RE),
                image_sha256=_picture_field(rec, "image_sha256", where, SHA256_RE),
            )
        )
    for i, rec in enumerate(_records(doc, "staff")):
        where = f"staff[{i}]"
        sid = _id(rec, "staff_id", where)
        if _bool(rec, "deleted", where):
            snap.deleted_staff.append(sid)
            continue
        role = _get(rec, "role", where)
        if role not in ("staff", "superuser"):
            raise SnapshotInvalid(f"{where}: role must be staff or superuser")
        snap.staff.append(
            StaffRecord(
                staff_id=StaffId(sid),
                display_name=_str(rec, "display_name", where, 80),
                role=role,
                card_uid=_card_uid(rec, "card_uid", where, nullable=True),
                pin_hash=_str(rec, "pin_hash", where, 300),
            )
        )
    return snap
