"""The back office's writes. Each public function is one transaction that locks the club's row first
(the hub's lock order: kiosk, club, balances), changes what it must, gives every changed record a new
version (so the next incremental pull carries it to every kiosk of the club) and writes an audit
entry (who, what, before, after) in the same transaction. Bad input raises ``OfficeError`` naming
the form field, and nothing is saved."""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.clubs.models import Card, CardStatusEvent, Child, Club, FripladsPeriod, Product, ProductImage
from hub.clubs.services import lock_club, next_version, refresh_friplads
from hub.ledger.models import Balance
from hub.ledger.services import post_entry
from hub.office.forms import EXTRA_CATEGORY_RE, KIOSK_CATEGORIES
from hub.office.models import AuditEntry, CsvUpload
from hub.office.pictures import icon_names
from pos_app.domain.model import ID_RE, is_card_uid, mask_uid, normalise_card
from pos_app.domain.money import MAX_ABS_ORE, format_ore
from pos_app.domain.pictures import ICON_RE, IMAGE_TYPES, MAX_IMAGE_BYTES, image_type

log = logging.getLogger(__name__)

# A printed card code: a prefix no product barcode has (those are digits) and 8 characters that are
# hard to misread (no 0/O, 1/I/L), within the contract's card_uid pattern [A-Z0-9]{6,32}.
CARD_CODE_PREFIX = "KORT"
CARD_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class OfficeError(ValueError):
    """Bad input for a form: ``field`` is the form field it belongs beside (None: the whole form)."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class BelowCreditLimit(OfficeError):
    """An adjustment would take a prepaid child below its credit limit: allowed only when confirmed."""


def _audit(club: Club, actor: str, action: str, target: str, before: Any, after: Any) -> None:
    AuditEntry.objects.create(club=club, actor=actor, action=action, target=target, before=before, after=after)


def _child_state(child: Child) -> dict[str, Any]:
    return {"child_id": child.child_id, **{f: getattr(child, f) for f in Child.FIELDS}}


def _card_state(card: Card) -> dict[str, Any]:
    return {"card_uid": card.card_uid, "child_id": card.child_id, "status": card.status, "deleted": card.deleted}


def _locked(club_pk: int) -> Club:
    return lock_club(club_pk)


def _child(club: Club, child_id: str) -> Child:
    child = Child.objects.filter(club=club, child_id=child_id, deleted=False).first()
    if child is None:
        raise OfficeError(None, _("Barnet findes ikke."))
    return child


def _bump(club: Club, record: Child | Card | Product) -> None:
    record.version = next_version(club)
    record.save()


# --- children ----------------------------------------------------------------------------------

@transaction.atomic
def create_child(club_pk: int, actor: str, child_id: str, fields: dict[str, Any], friplads_pct: int) -> Child:
    club = _locked(club_pk)
    if not ID_RE.fullmatch(child_id):
        raise OfficeError("child_id", _("Et barne-id er 1-64 tegn af A-Z, a-z, 0-9, '.', '_' og '-'."))
    if Child.objects.filter(club=club, child_id=child_id).exists():
        raise OfficeError("child_id", _("Der er allerede et barn med det id i klubben."))
    child = Child(club=club, child_id=child_id, friplads_pct=friplads_pct, version=next_version(club), **fields)
    child.save()
    Balance.objects.create(child=child)
    FripladsPeriod.objects.create(child=child, pct=friplads_pct, valid_from=timezone.localdate(), applied=True,
                                  created_by=actor)  # fmt: skip
    _audit(club, actor, "child.create", f"child {child_id}", None, _child_state(child))
    log.info("office: created child %s in club %s", child_id, club.club_id)
    return child


@transaction.atomic
def update_child(club_pk: int, actor: str, child_id: str, fields: dict[str, Any]) -> bool:
    """Display name, payment mode, limits, restrictions, blocked. False: nothing changed (no new version)."""
    club = _locked(club_pk)
    child = _child(club, child_id)
    before = _child_state(child)
    if all(getattr(child, k) == v for k, v in fields.items()):
        return False
    for k, v in fields.items():
        setattr(child, k, v)
    _bump(club, child)
    _audit(club, actor, "child.update", f"child {child_id}", before, _child_state(child))
    log.info("office: changed child %s in club %s", child_id, club.club_id)
    return True


@transaction.atomic
def add_friplads(club_pk: int, actor: str, child_id: str, pct: int, valid_from: date) -> FripladsPeriod:
    """A friplads percentage from ``valid_from`` (today or later, Europe/Copenhagen: the kiosks have
    already charged the days before). From today: the child gets it now, with a new version; a later
    date: the first snapshot on that day moves it (``apply_due_friplads``)."""
    today = timezone.localdate()
    if not 0 <= pct <= 100:
        raise OfficeError("pct", _("Friplads er en procent fra 0 til 100."))
    if valid_from < today:
        raise OfficeError("valid_from", _("En friplads kan ikke gælde fra før i dag (kioskerne har allerede "
                                          "taget betaling for de dage)."))  # fmt: skip
    club = _locked(club_pk)
    child = _child(club, child_id)
    before = {"friplads_pct": child.friplads_pct}
    period = FripladsPeriod.objects.create(child=child, pct=pct, valid_from=valid_from, created_by=actor)
    refresh_friplads(club, child, today)
    _audit(club, actor, "child.friplads", f"child {child_id}", before,
           {"friplads_pct": child.friplads_pct, "period": {"pct": pct, "valid_from": valid_from.isoformat()}})
    log.info("office: gave child %s a friplads period from %s", child_id, valid_from.isoformat())
    return period


# --- money -------------------------------------------------------------------------------------

def _post_money(club: Club, child: Child, kind: str, amount_ore: int, actor: str, note: str | None,
                method: str | None) -> int:  # fmt: skip
    balance = Balance.objects.select_for_update().get(child=child)
    if abs(balance.balance_ore + amount_ore) > MAX_ABS_ORE:
        raise OfficeError("amount", _("Saldoen ville komme over grænsen på 10.000.000,00 kr."))
    post_entry(child, kind, amount_ore, created_by=actor, note=note, method=method)
    _bump(club, child)  # the next snapshot carries the new balance to every kiosk of the club
    return balance.balance_ore + amount_ore


@transaction.atomic
def top_up(club_pk: int, actor: str, child_id: str, amount_ore: int, method: str, note: str | None) -> int:
    """Money paid in at the office (cash) or to the club's account (bank). Returns the new balance."""
    if type(amount_ore) is not int or amount_ore <= 0:
        raise OfficeError("amount", _("En optankning er et beløb over 0 kr."))
    if method not in ("cash", "bank"):
        raise OfficeError("method", _("Vælg kontant eller bank."))
    club = _locked(club_pk)
    child = _child(club, child_id)
    before = Balance.objects.get(child=child).balance_ore
    after = _post_money(club, child, "topup", amount_ore, actor, note or None, method)
    _audit(club, actor, "money.topup", f"child {child_id}", {"balance_ore": before},
           {"balance_ore": after, "amount_ore": amount_ore, "method": method, "note": note or None})
    log.info("office: topped up child %s in club %s (%s)", child_id, club.club_id, method)
    return after


@transaction.atomic
def adjust(club_pk: int, actor: str, child_id: str, amount_ore: int, reason: str, below_limit: bool = False) -> int:
    """A correction either way, with its reason (a new entry; nothing is changed). Returns the new balance.
    A deduction that takes a prepaid child below -credit limit raises ``BelowCreditLimit`` unless
    ``below_limit`` (the leader ticked "Ja, under grænsen"); a typo like -500 for -5 is caught."""
    if type(amount_ore) is not int or amount_ore == 0:
        raise OfficeError("amount", _("En regulering er et beløb forskelligt fra 0 kr."))
    if not reason.strip():
        raise OfficeError("reason", _("Skriv hvorfor."))
    club = _locked(club_pk)
    child = _child(club, child_id)
    before = Balance.objects.get(child=child).balance_ore
    floor = -(child.credit_limit_ore or 0)
    below = child.payment_mode == "prepaid" and amount_ore < 0 and before + amount_ore < floor
    if below and not below_limit:
        raise BelowCreditLimit("amount", _("Saldoen bliver %(after)s, under barnets grænse på %(floor)s. Sæt hak i "
                                           "»Ja, under grænsen«, hvis det er meningen.")
                               % {"after": format_ore(before + amount_ore), "floor": format_ore(floor)})
    after = _post_money(club, child, "adjustment", amount_ore, actor, reason.strip(), None)
    _audit(club, actor, "money.adjust", f"child {child_id}", {"balance_ore": before},
           {"balance_ore": after, "amount_ore": amount_ore, "reason": reason.strip(),
            **({"below_limit": True} if below else {})})
    log.info("office: adjusted child %s in club %s", child_id, club.club_id)
    return after


# --- cards -------------------------------------------------------------------------------------

def new_card_code() -> str:
    return CARD_CODE_PREFIX + "".join(secrets.choice(CARD_CODE_ALPHABET) for _i in range(8))


def _free_uid(club: Club, raw: str | None, field: str) -> str:
    if raw is None:  # a printed card code: retry the (unlikely) clash
        for _attempt in range(20):
            uid = new_card_code()
            if not Card.objects.filter(club=club, card_uid=uid).exists():
                return uid
        raise OfficeError(field, _("Kunne ikke finde en ledig kortkode. Prøv igen."))
    uid = normalise_card(raw.strip())
    if not is_card_uid(uid):
        raise OfficeError(field, _("Et kort-id er 8, 14 eller 20 hex-tegn (fra læseren) eller 6-32 af A-Z og 0-9."))
    found = Card.objects.filter(club=club, card_uid=uid).first()
    if found is not None and not found.deleted:
        raise OfficeError(field, _("Det kort er allerede i klubben (spær eller erstat det først)."))
    return uid


def _give(club: Club, actor: str, child: Child, uid: str) -> Card:
    now = timezone.now()
    card = Card.objects.filter(club=club, card_uid=uid).first()  # a removed card may come back
    before = _card_state(card) if card is not None else None
    if card is None:
        card = Card(club=club, card_uid=uid)
    card.child_id, card.status, card.status_since, card.deleted = child.child_id, "active", now, False
    _bump(club, card)
    CardStatusEvent.objects.create(card=card, status="active", child_id=child.child_id, effective_at=now,
                                   source="office")  # fmt: skip
    _audit(club, actor, "card.give", f"card {uid}", before, _card_state(card))
    log.info("office: gave card %s to child %s", mask_uid(uid), child.child_id)
    return card


@transaction.atomic
def give_card(club_pk: int, actor: str, child_id: str, uid: str | None) -> Card:
    """A card for the child: by the UID a reader shows, or (``uid`` None) a new printed card code."""
    club = _locked(club_pk)
    child = _child(club, child_id)
    return _give(club, actor, child, _free_uid(club, uid, "card_uid"))


def _card(club: Club, card_uid: str) -> Card:
    card = Card.objects.filter(club=club, card_uid=card_uid, deleted=False).first()
    if card is None:
        raise OfficeError(None, _("Kortet findes ikke."))
    return card


def _set_status(club: Club, actor: str, card: Card, status: str) -> None:
    now = timezone.now()
    before = _card_state(card)
    card.status, card.status_since = status, now
    _bump(club, card)
    # from when it was saved (contract 1.1 rule 8): a kiosk's tap before it still counts as it was
    CardStatusEvent.objects.create(card=card, status=status, child_id=card.child_id, effective_at=now,
                                   source="office")  # fmt: skip
    _audit(club, actor, "card.status", f"card {card.card_uid}", before, _card_state(card))
    log.info("office: set card %s %s", mask_uid(card.card_uid), status)


@transaction.atomic
def set_card_status(club_pk: int, actor: str, card_uid: str, status: str) -> Card:
    if status not in ("active", "blocked", "lost"):
        raise OfficeError("status", _("Ukendt kortstatus."))
    club = _locked(club_pk)
    card = _card(club, card_uid)
    if card.status == status:
        raise OfficeError("status", _("Kortet har allerede den status."))
    if status == "active" and card.child_id is not None:
        _child(club, card.child_id)
    _set_status(club, actor, card, status)
    return card


@transaction.atomic
def replace_card(club_pk: int, actor: str, card_uid: str, new_uid: str | None, old_status: str) -> Card:
    """The old card lost (or blocked), a new one (a UID, or a new printed code) for the same child."""
    if old_status not in ("blocked", "lost"):
        raise OfficeError("old_status", _("Det gamle kort bliver spærret eller meldt tabt."))
    club = _locked(club_pk)
    old = _card(club, card_uid)
    if old.child_id is None:
        raise OfficeError(None, _("Kortet hører ikke til et barn."))
    child = _child(club, old.child_id)
    uid = _free_uid(club, new_uid, "new_uid")
    if old.status != old_status:
        _set_status(club, actor, old, old_status)
    return _give(club, actor, child, uid)


# --- CSV import ----------------------------------------------------------------------------------

@transaction.atomic
def import_children(club_pk: int, actor: str, data: bytes) -> dict[str, int]:
    """Every row of a CSV file of children (``hub.office.csvimport``), all or nothing: the file is
    planned again under the club's row lock (the preview may be old), and any row with an error saves
    nothing. One audit entry per new or changed child (its card included); a friplads that changes
    becomes a period from today; every new or changed child and card gets a new version.
    Returns how many children were new, changed and unchanged."""
    from hub.office import csvimport

    club = _locked(club_pk)
    try:
        plans = csvimport.plan(club, csvimport.parse(data))
    except csvimport.CsvFileError as exc:
        raise OfficeError(None, str(exc)) from None
    if csvimport.has_errors(plans):
        raise OfficeError(None, _("Filen har fejl; intet er gemt. Ret dem og indlæs filen igen."))
    today = timezone.localdate()
    counts = {"new": 0, "changed": 0, "unchanged": 0}
    for p in plans:
        counts[p.action] += 1
        if p.action == "unchanged":
            continue
        fields = dict(p.fields)
        if p.action == "new":
            child = Child(club=club, child_id=p.child_id, version=next_version(club), **fields)
            child.save()
            Balance.objects.create(child=child)
            FripladsPeriod.objects.create(child=child, pct=child.friplads_pct, valid_from=today, applied=True,
                                          created_by=actor)  # fmt: skip
            before = None
        else:
            child = Child.objects.get(club=club, child_id=p.child_id)
            before = _child_state(child)
            pct = fields.pop("friplads_pct", child.friplads_pct)
            for k, v in fields.items():
                setattr(child, k, v)
            _bump(club, child)
            if pct != child.friplads_pct:  # a period from today (the kiosks have charged the days before)
                FripladsPeriod.objects.create(child=child, pct=pct, valid_from=today, created_by=actor)
                refresh_friplads(club, child, today)
        after = _child_state(child)
        if p.card_uid:
            _give_card_quietly(club, child, p.card_uid)
            if before is not None:
                before["card_uid"] = None
            after["card_uid"] = p.card_uid
        _audit(club, actor, "child.import", f"child {p.child_id}", before, after)
    log.info("office: imported children into club %s (%s new, %s changed, %s unchanged)", club.club_id,
             counts["new"], counts["changed"], counts["unchanged"])  # fmt: skip
    return counts


def _give_card_quietly(club: Club, child: Child, uid: str) -> None:
    """A card for an imported child; its audit entry is the child's."""
    now = timezone.now()
    card = Card.objects.filter(club=club, card_uid=uid).first()  # a removed card may come back
    if card is None:
        card = Card(club=club, card_uid=uid)
    card.child_id, card.status, card.status_since, card.deleted = child.child_id, "active", now, False
    _bump(club, card)
    CardStatusEvent.objects.create(card=card, status="active", child_id=child.child_id, effective_at=now,
                                   source="office")  # fmt: skip


UPLOAD_MAX_AGE = timedelta(days=1)


@transaction.atomic
def keep_upload(club_pk: int, user_pk: int, data: bytes) -> str:
    """Keep an uploaded CSV file on the server until it is saved; returns the random id the session
    holds. The user's earlier upload for the club, and every upload older than a day, go."""
    CsvUpload.objects.filter(created_at__lt=timezone.now() - UPLOAD_MAX_AGE).delete()
    CsvUpload.objects.filter(club_id=club_pk, user_id=user_pk).delete()
    token = secrets.token_urlsafe(32)
    CsvUpload.objects.create(token=token, club_id=club_pk, user_id=user_pk, sha256=hashlib.sha256(data).hexdigest(),
                             data=data)  # fmt: skip
    return token


def discard_upload(token: str) -> None:
    CsvUpload.objects.filter(token=token).delete()


# --- products --------------------------------------------------------------------------------------

BARCODE_RE = re.compile(r"[0-9A-Za-z-]{4,48}")  # the contract's barcode pattern
_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})


def _product_state(product: Product) -> dict[str, Any]:
    return {"product_id": product.product_id, **{f: getattr(product, f) for f in Product.FIELDS}}


def _product_id_from(club: Club, name: str) -> str:
    """A product id made from the name (``Æblejuice`` -> ``aeblejuice``), unique in the club: removed
    products keep theirs (a kiosk's old sale still names it), so ``-2``, ``-3`` ... follow."""
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name.translate(_DANISH)).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40] or "vare"
    taken = set(Product.objects.filter(club=club, product_id__startswith=base).values_list("product_id", flat=True))
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _check_product(club: Club, fields: dict[str, Any], product_id: str) -> None:
    """What the form cannot know: the barcode free in the club; the shape the contract needs."""
    price = fields["price_ore"]
    if type(price) is not int or not 0 <= price <= MAX_ABS_ORE:
        raise OfficeError("price", _("En pris er et beløb fra 0 kr."))
    if not fields["name"].strip() or len(fields["name"]) > 80:
        raise OfficeError("name", _("En vare har et navn på 1-80 tegn."))
    if fields["category"] not in dict(KIOSK_CATEGORIES) and not EXTRA_CATEGORY_RE.fullmatch(fields["category"]):
        # the form offers only these; checked again here for any other caller
        raise OfficeError("category", _("Vælg en af kategorierne."))
    if fields["icon"] is not None and (not ICON_RE.fullmatch(fields["icon"]) or fields["icon"] not in icon_names()):
        raise OfficeError("icon", _("Ukendt ikon."))
    barcode = fields["barcode"]
    if barcode is not None:
        if not BARCODE_RE.fullmatch(barcode):
            raise OfficeError("barcode", _("En stregkode er 4-48 af 0-9, A-Z, a-z og '-'."))
        other = (Product.objects.filter(club=club, barcode=barcode, deleted=False).exclude(product_id=product_id)
                 .values_list("name", flat=True).first())  # fmt: skip
        if other is not None:
            raise OfficeError("barcode", _("Stregkoden bruges allerede af varen %(name)s.") % {"name": other})


def _keep_image(club: Club, data: bytes, content_type: str) -> str:
    """A product picture, stored by its SHA-256 like ``club-hub add-image`` does (the same bytes twice
    are one picture). Returns the hash."""
    if len(data) > MAX_IMAGE_BYTES or content_type not in IMAGE_TYPES or image_type(data) != content_type:
        raise OfficeError("photo", _("Billedet kunne ikke gemmes."))
    sha = hashlib.sha256(data).hexdigest()
    ProductImage.objects.get_or_create(club=club, sha256=sha, defaults={"content_type": content_type, "data": data})
    return sha


def _apply_photo(club: Club, values: dict[str, Any], photo: tuple[bytes, str] | None, remove_photo: bool) -> None:
    if photo is not None:
        values["image_sha256"] = _keep_image(club, *photo)
    elif remove_photo:
        values["image_sha256"] = None


@transaction.atomic
def create_product(club_pk: int, actor: str, product_id: str | None, fields: dict[str, Any],
                   photo: tuple[bytes, str] | None = None) -> Product:  # fmt: skip
    """A new product. ``product_id`` None: made from the name. ``fields``: name, price_ore, category,
    barcode, friplads_eligible, tags, active, icon. ``photo`` (bytes, content type), already re-encoded
    (``hub.office.pictures.prepare_photo``), becomes its ``image_sha256``. A new version (the next
    incremental pull of every kiosk of the club carries it) and an audit entry."""
    club = _locked(club_pk)
    if product_id is None:
        product_id = _product_id_from(club, fields["name"])
    elif not ID_RE.fullmatch(product_id):
        raise OfficeError("product_id", _("Et vare-id er 1-64 tegn af A-Z, a-z, 0-9, '.', '_' og '-'."))
    found = Product.objects.filter(club=club, product_id=product_id).first()
    if found is not None:
        raise OfficeError("product_id", _("Der har været en vare med det id (nu fjernet). Vælg et andet id.")
                          if found.deleted else _("Der er allerede en vare med det id i klubben."))  # fmt: skip
    _check_product(club, fields, product_id)
    values: dict[str, Any] = {"image_sha256": None, **fields}
    _apply_photo(club, values, photo, False)
    product = Product(club=club, product_id=product_id, version=next_version(club), **values)
    product.save()
    _audit(club, actor, "product.create", f"product {product_id}", None, _product_state(product))
    log.info("office: created product %s in club %s", product_id, club.club_id)
    return product


@transaction.atomic
def update_product(club_pk: int, actor: str, product_id: str, fields: dict[str, Any],
                   photo: tuple[bytes, str] | None = None, remove_photo: bool = False) -> bool:  # fmt: skip
    """Change a product: ``fields`` as for ``create_product``; a new ``photo`` replaces the old one
    (pictures are immutable: a new picture is a new hash), ``remove_photo`` takes it away (the icon, or
    the category's picture, shows). A change gives the product a new version and an audit entry (before,
    after). False: nothing changed (nothing written)."""
    club = _locked(club_pk)
    product = Product.objects.filter(club=club, product_id=product_id, deleted=False).first()
    if product is None:
        raise OfficeError(None, _("Varen findes ikke."))
    _check_product(club, fields, product_id)
    values = dict(fields)
    _apply_photo(club, values, photo, remove_photo)
    before = _product_state(product)
    if all(getattr(product, k) == v for k, v in values.items()):
        return False
    for k, v in values.items():
        setattr(product, k, v)
    _bump(club, product)
    _audit(club, actor, "product.update", f"product {product_id}", before, _product_state(product))
    log.info("office: changed product %s in club %s", product_id, club.club_id)
    return True
