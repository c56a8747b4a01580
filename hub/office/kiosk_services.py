"""The back office's writes about kiosks: register one, give it a new token, revoke its token, and
resolve a rejected transaction (with an adjustment where money must move). Each function is one
transaction with its audit entry; bad input raises ``OfficeError`` beside its field and saves nothing.

A token is made by the same service as ``club-hub add-kiosk`` (``hub.clubs.services.add_kiosk``: 256
random bits, only its SHA-256 stored). It is returned to the view, shown on the page once, and never
stored, logged or put in the audit log."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from hub.clubs import services as club_services
from hub.clubs.models import Child, Kiosk
from hub.kiosks.models import Resolution
from hub.ledger.models import Balance, Entry, KioskTransaction
from hub.office.services import OfficeError, _audit, _locked, _post_money
from pos_app.domain.model import ID_RE

log = logging.getLogger(__name__)


def _state(kiosk: Kiosk) -> dict[str, object]:
    """What the audit log keeps of a kiosk (never its token or the token's hash)."""
    return {"kiosk_id": kiosk.kiosk_id, "applied_seq": kiosk.applied_seq,
            "token_rotated_at": kiosk.token_rotated_at.isoformat() if kiosk.token_rotated_at else None,
            "token_revoked_at": kiosk.token_revoked_at.isoformat() if kiosk.token_revoked_at else None}  # fmt: skip


def _kiosk(club_pk: int, kiosk_id: str) -> Kiosk:
    kiosk = Kiosk.objects.select_for_update().filter(club_id=club_pk, kiosk_id=kiosk_id).first()
    if kiosk is None:
        raise OfficeError(None, _("Kiosken findes ikke i klubben."))
    return kiosk


@transaction.atomic
def register_kiosk(club_pk: int, actor: str, kiosk_id: str) -> tuple[Kiosk, str]:
    """A new kiosk of the club; returns it and its token (to be shown once)."""
    kiosk_id = kiosk_id.strip()
    if not ID_RE.fullmatch(kiosk_id):
        raise OfficeError("kiosk_id", _("Et kiosk-id er 1-64 tegn af A-Z, a-z, 0-9, '.', '_' og '-'."))
    if Kiosk.objects.filter(kiosk_id=kiosk_id).exists():  # unique in the whole hub (contract 1.1 rule 11)
        raise OfficeError("kiosk_id", _("Der er allerede en kiosk med det id (kiosk-id'er er unikke i hele hubben)."))
    club = _locked(club_pk)
    kiosk, token = club_services.add_kiosk(club.club_id, kiosk_id)
    _audit(club, actor, "kiosk.register", f"kiosk {kiosk_id}", None, _state(kiosk))
    log.info("office: registered kiosk %s in club %s", kiosk_id, club.club_id)
    return kiosk, token


@transaction.atomic
def rotate_token(club_pk: int, actor: str, kiosk_id: str) -> tuple[Kiosk, str]:
    """A new token for the kiosk (also after a revocation); the old one answers 401 from the commit on."""
    old = _kiosk(club_pk, kiosk_id)
    before = _state(old)
    kiosk, token = club_services.add_kiosk(old.club.club_id, kiosk_id, rotate=True)
    _audit(kiosk.club, actor, "kiosk.rotate", f"kiosk {kiosk_id}", before, _state(kiosk))
    log.info("office: gave kiosk %s a new token", kiosk_id)
    return kiosk, token


@transaction.atomic
def revoke_token(club_pk: int, actor: str, kiosk_id: str) -> Kiosk:
    """The kiosk's token answers 401 from the commit on, until it is given a new one (rotate)."""
    before = _state(_kiosk(club_pk, kiosk_id))
    kiosk, now = club_services.revoke_kiosk(kiosk_id)
    if not now:
        raise OfficeError(None, _("Kioskens nøgle er allerede spærret."))
    _audit(kiosk.club, actor, "kiosk.revoke", f"kiosk {kiosk_id}", before, _state(kiosk))
    log.info("office: revoked kiosk %s's token", kiosk_id)
    return kiosk


@transaction.atomic
def resolve_rejection(club_pk: int, actor: str, txn_pk: int, note: str, amount_ore: int | None) -> Resolution:
    """Mark a rejected transaction resolved, with a note; ``amount_ore`` (not None, not 0) also books an
    adjustment of that amount on the transaction's child (a new entry: the next snapshot carries it to
    every kiosk of the club). Once only: a second attempt is refused and moves nothing."""
    note = note.strip()
    if not note:
        raise OfficeError("note", _("Skriv hvad der er gjort."))
    if amount_ore is not None and (type(amount_ore) is not int or amount_ore == 0):
        raise OfficeError("amount", _("En regulering er et beløb forskelligt fra 0 kr (tom: ingen regulering)."))
    club = _locked(club_pk)  # the lock order: club, then balances; two resolvers queue here
    txn = (KioskTransaction.objects.filter(pk=txn_pk, kiosk__club=club, status="rejected")
           .select_related("kiosk").first())  # fmt: skip
    if txn is None:
        raise OfficeError(None, _("Den afviste transaktion findes ikke i klubben."))
    if Resolution.objects.filter(txn=txn).exists():
        raise OfficeError(None, _("Transaktionen er allerede markeret som løst."))
    entry: Entry | None = None
    before: dict[str, object] = {"status": "rejected", "reason": txn.reason}
    after: dict[str, object] = {"status": "resolved", "note": note}
    if amount_ore is not None:
        child = Child.objects.filter(club=club, child_id=txn.child_id, deleted=False).first()
        if child is None:
            raise OfficeError("amount", _("Barnet %(child)s findes ikke i klubben, så der kan ikke reguleres. "
                                          "Løs den uden beløb og regulér det rigtige barn.") % {"child": txn.child_id})
        balance_before = Balance.objects.get(child=child).balance_ore
        reason = _("Afvist transaktion %(kiosk)s nr. %(seq)s: %(note)s") % {
            "kiosk": txn.kiosk.kiosk_id, "seq": txn.seq, "note": note}
        balance_after = _post_money(club, child, "adjustment", amount_ore, actor, reason[:500], None)
        entry = Entry.objects.filter(child=child, kind="adjustment").order_by("-id").first()
        before["balance_ore"] = balance_before
        after.update({"balance_ore": balance_after, "amount_ore": amount_ore, "child_id": child.child_id})
    resolution = Resolution.objects.create(txn=txn, club=club, note=note[:500], entry=entry, resolved_by=actor)
    _audit(club, actor, "rejection.resolve", f"kiosk {txn.kiosk.kiosk_id} seq {txn.seq}", before, after)
    log.info("office: resolved kiosk %s seq %s in club %s%s", txn.kiosk.kiosk_id, txn.seq, club.club_id,
             " with an adjustment" if entry else "")  # fmt: skip
    return resolution
