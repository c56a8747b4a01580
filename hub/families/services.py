"""The families' writes. Each public function is one transaction; every parent action writes an
audit entry (``hub.office.models.AuditEntry``, actor ``parent <id>``, never a name or e-mail) in the
same transaction, so the club's leaders read parents' changes in the office's log. Changes to a child
or card go through the office's own services (club row lock, a new record version for the next
snapshot, the audit entry). Bad input raises ``FamilyError`` naming the form field; nothing is saved.

Codes (sign-up from a letter, a second parent's invite) are random, shown once, and kept only as
their SHA-256. A code is tied to a card record (or, for an invite, to a child), never carries the
card's UID, is used once, and expires."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hub.clubs.models import Card, Child, Club
from hub.clubs.services import lock_club
from hub.families import mail
from hub.families.models import CardPause, Parent, ParentChild, SignupCode
from hub.office import services as office
from hub.office.models import AuditEntry
from pos_app.domain.model import mask_uid
from pos_app.domain.money import MAX_ABS_ORE

log = logging.getLogger(__name__)

# A code a person types from a letter: 12 characters that are hard to misread (no 0/O, 1/I/L),
# shown in groups of four (ABCD-EFGH-JKMN): 31^12, about 2^59 possibilities.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
CARD_CODE_DAYS = 90  # a welcome letter's code: long enough for a letter to reach home and be used
INVITE_CODE_DAYS = 7  # a second parent's invite
CONFIRM_MAX_AGE_S = 3 * 24 * 3600  # the e-mail confirmation link
_CONFIRM_SALT = "hub.families.confirm-email"


class FamilyError(ValueError):
    """Bad input for a form: ``field`` is the form field it belongs beside (None: the whole form)."""

    def __init__(self, field: str | None, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def actor(parent: Parent) -> str:
    return f"parent {parent.pk}"


def _audit(club: Club, who: str, action: str, target: str, before: Any, after: Any) -> None:
    AuditEntry.objects.create(club=club, actor=who, action=action, target=target, before=before, after=after)


# --- codes ---------------------------------------------------------------------------------------

def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, CODE_LENGTH, 4))


def normalise_code(text: str) -> str:
    """What a person typed (any case, spaces or dashes anywhere) in the printed form ABCD-EFGH-JKMN."""
    raw = "".join(ch for ch in text.upper() if ch.isalnum())
    return "-".join(raw[i:i + 4] for i in range(0, len(raw), 4))


def code_sha256(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode("ascii", "replace")).hexdigest()


def _store_code(club: Club, kind: str, created_by: str, days: int, card: Card | None = None,
                child: Child | None = None) -> str:  # fmt: skip
    for _attempt in range(5):  # a clash of 2^59 codes is all but impossible; the unique column guards it
        code = new_code()
        try:
            with transaction.atomic():
                SignupCode.objects.create(code_sha256=code_sha256(code), kind=kind, club=club, card=card, child=child,
                                          created_by=created_by,
                                          expires_at=timezone.now() + timedelta(days=days))  # fmt: skip
        except IntegrityError:
            continue
        return code
    raise RuntimeError("could not make a unique code")


@transaction.atomic
def card_signup_code(card: Card, created_by: str) -> str:
    """A new sign-up code for the card's child (welcome letters, ``club-hub signup-link``)."""
    if card.deleted or card.child_id is None:
        raise FamilyError(None, _("Kortet hører ikke til et barn."))
    code = _store_code(card.club, "card", created_by, CARD_CODE_DAYS, card=card)
    _audit(card.club, created_by, "family.signup_code", f"card {card.card_uid}", None,
           {"expires_in_days": CARD_CODE_DAYS})
    log.info("families: a sign-up code made for card %s", mask_uid(card.card_uid))
    return code


def _code_child(sc: SignupCode) -> Child | None:
    if sc.kind == "invite":
        return sc.child
    card = sc.card
    assert card is not None
    if card.deleted or card.child_id is None:
        return None
    return Child.objects.filter(club=sc.club_id, child_id=card.child_id, deleted=False).first()


def check_code(code: str) -> SignupCode:
    """The code's record if it can still be used; else ``FamilyError`` saying why (nothing changes)."""
    sc = SignupCode.objects.select_related("card", "child", "club").filter(code_sha256=code_sha256(code)).first()
    if sc is None:
        raise FamilyError("code", _("Koden findes ikke. Tjek at den er skrevet rigtigt."))
    if sc.used_at is not None:
        raise FamilyError("code", _("Koden er allerede brugt. Log ind, eller bed klubben om et nyt brev."))
    if sc.expires_at <= timezone.now():
        raise FamilyError("code", _("Koden er udløbet. Bed klubben (eller den anden forælder) om en ny."))
    if _code_child(sc) is None:
        raise FamilyError("code", _("Kortet hører ikke længere til et barn. Kontakt klubben."))
    return sc


def _use_code(code: str, parent: Parent) -> Child:
    """Marks the code used (under its row lock: two uses at once cannot both win) and links its child."""
    sc = check_code(code)
    sc = SignupCode.objects.select_for_update().get(pk=sc.pk)
    if sc.used_at is not None:
        raise FamilyError("code", _("Koden er allerede brugt. Log ind, eller bed klubben om et nyt brev."))
    child = _code_child(sc)
    assert child is not None
    now = timezone.now()
    sc.used_at, sc.used_by = now, parent
    sc.save(update_fields=["used_at", "used_by"])
    if sc.kind == "card":  # the child's other unused letter codes go too: a further parent joins by invite
        SignupCode.objects.filter(kind="card", card__club=sc.club, card__child_id=child.child_id,
                                  used_at__isnull=True).update(expires_at=now)  # fmt: skip
    link, created = ParentChild.objects.get_or_create(parent=parent, child=child)
    _audit(child.club, actor(parent), "family.link", f"child {child.child_id}", None,
           {"by": sc.kind, "new_link": created})
    log.info("families: parent %s linked to child %s (%s code)", parent.pk, child.child_id, sc.kind)
    return child


# --- parents -------------------------------------------------------------------------------------

def _clean_email(email: str) -> str:
    return email.strip().lower()


def confirm_token(parent: Parent) -> str:
    return signing.dumps({"p": parent.pk, "e": parent.email}, salt=_CONFIRM_SALT)


def _queue_confirmation(parent: Parent, base_url: str) -> None:
    link = f"{base_url}/foraeldre/bekraeft?t={confirm_token(parent)}"
    mail.queue(parent.email, "confirm", {"name": parent.name, "link": link})


def signup_problems(code: str, name: str, email: str, password: str) -> list[FamilyError]:
    """Everything wrong with a sign-up at once (a wrong code and a short password: both), so the form
    shows every error beside its field the first time; nothing is read but the code and the address."""
    problems: list[FamilyError] = []
    try:
        check_code(code)
    except FamilyError as exc:
        problems.append(exc)
    if not name.strip() or len(name.strip()) > 100:
        problems.append(FamilyError("name", _("Skriv dit navn (højst 100 tegn).")))
    if Parent.objects.filter(email=_clean_email(email)).exists():
        problems.append(FamilyError("email", _("Der er allerede en konto med den e-mail. Log ind og brug koden der.")))
    try:
        validate_password(password, get_user_model()(email=_clean_email(email)))
    except ValidationError as exc:
        problems.append(FamilyError("password", " ".join(exc.messages)))
    return problems


@transaction.atomic
def sign_up(code: str, name: str, email: str, password: str, base_url: str) -> Parent:
    """A new parent from a code: the child linked at once; a confirmation mail queued."""
    problems = signup_problems(code, name, email, password)  # before anything is created
    if problems:
        raise problems[0]
    name, email = name.strip(), _clean_email(email)
    user_model = get_user_model()
    user = user_model(username=f"parent-{secrets.token_hex(12)}", email=email)
    user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
            parent = Parent.objects.create(user=user, name=name, email=email)
    except IntegrityError:  # the same address signing up twice at once: the second one is told
        raise FamilyError("email", _("Der er allerede en konto med den e-mail. Log ind og brug koden der.")) from None
    child = _use_code(code, parent)
    _audit(child.club, actor(parent), "family.signup", f"parent {parent.pk}", None, {"email_confirmed": False})
    _queue_confirmation(parent, base_url)
    log.info("families: parent %s signed up", parent.pk)
    return parent


@transaction.atomic
def add_child_by_code(parent: Parent, code: str) -> Child:
    """A parent already signed in uses a letter's code (a sibling) or an invite."""
    return _use_code(code, parent)


@transaction.atomic
def confirm_email(token: str) -> Parent:
    try:
        data = signing.loads(token, salt=_CONFIRM_SALT, max_age=CONFIRM_MAX_AGE_S)
    except signing.SignatureExpired:
        raise FamilyError(None, _("Linket er udløbet. Log ind og bed om et nyt.")) from None
    except signing.BadSignature:
        raise FamilyError(None, _("Linket er ikke gyldigt.")) from None
    parent = Parent.objects.select_for_update().filter(pk=data.get("p"), email=data.get("e")).first()
    if parent is None:
        raise FamilyError(None, _("Linket er ikke gyldigt."))
    if parent.email_confirmed_at is None:
        parent.email_confirmed_at = timezone.now()
        parent.save(update_fields=["email_confirmed_at"])
        for link in parent.links.select_related("child__club"):
            _audit(link.child.club, actor(parent), "family.confirm_email", f"parent {parent.pk}", None,
                   {"email_confirmed": True})
        log.info("families: parent %s confirmed the e-mail address", parent.pk)
    return parent


@transaction.atomic
def resend_confirmation(parent: Parent, base_url: str) -> None:
    if parent.email_confirmed_at is None:
        _queue_confirmation(parent, base_url)


@transaction.atomic
def request_password_reset(email: str, base_url: str) -> None:
    """A reset link by mail if there is such a parent; the page says the same either way."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    parent = Parent.objects.select_related("user").filter(email=_clean_email(email)).first()
    if parent is None:
        log.info("families: a password reset asked for an unknown address")
        return
    uid = urlsafe_base64_encode(force_bytes(parent.user.pk))
    link = f"{base_url}/foraeldre/nulstil?u={uid}&t={default_token_generator.make_token(parent.user)}"
    mail.queue(parent.email, "reset", {"name": parent.name, "link": link})
    log.info("families: a password reset mail queued for parent %s", parent.pk)


@transaction.atomic
def password_changed(parent: Parent) -> None:
    for link in parent.links.select_related("child__club"):
        _audit(link.child.club, actor(parent), "family.password_reset", f"parent {parent.pk}", None, None)


# --- the child: limits, pause, lost, invite --------------------------------------------------------

def _office_call(fn: Any, *args: Any) -> Any:
    try:
        return fn(*args)
    except office.OfficeError as exc:
        raise FamilyError(exc.field, exc.message) from None


@transaction.atomic
def set_limits(parent: Parent, child: Child, daily_limit_ore: int | None, restrictions: list[str],
               low_balance_ore: int | None) -> bool:  # fmt: skip
    """The daily limit and restricted tags (reach the kiosks with the next snapshot) and the parent's
    own low-balance mail amount. True: something changed."""
    for value, field in ((daily_limit_ore, "daily_limit"), (low_balance_ore, "low_balance")):
        if value is not None and not 0 <= value <= MAX_ABS_ORE:
            raise FamilyError(field, _("Skriv et beløb fra 0 kr."))
    link = ParentChild.objects.select_for_update().get(parent=parent, child=child)
    changed = _office_call(office.update_child, child.club_id, actor(parent), child.child_id,
                           {"daily_limit_ore": daily_limit_ore, "restrictions": sorted(set(restrictions))})
    if link.low_balance_ore != low_balance_ore:
        _audit(child.club, actor(parent), "family.low_balance", f"child {child.child_id}",
               {"low_balance_ore": link.low_balance_ore}, {"low_balance_ore": low_balance_ore})
        link.low_balance_ore, link.low_balance_notified = low_balance_ore, False
        link.save(update_fields=["low_balance_ore", "low_balance_notified"])
        changed = True
    return bool(changed)


def _cards(child: Child) -> list[Card]:
    return list(Card.objects.filter(club=child.club_id, child_id=child.child_id, deleted=False).order_by("card_uid"))


@transaction.atomic
def pause_cards(parent: Parent, child: Child) -> int:
    """Every active card of the child blocked (from now; the kiosks refuse them after their next sync)."""
    lock_club(child.club_id)
    n = 0
    for card in _cards(child):
        if card.status == "active":
            done = _office_call(office.set_card_status, child.club_id, actor(parent), card.card_uid, "blocked")
            CardPause.objects.create(card=card, parent=parent, paused_at=done.status_since)
            n += 1
    if n == 0:
        raise FamilyError(None, _("Der er intet aktivt kort at sætte på pause."))
    return n


@transaction.atomic
def resume_cards(parent: Parent, child: Child) -> int:
    """The cards a parent of the child paused, and that nobody has changed since, active again. A card
    the club blocked, or one reported lost, stays as it is."""
    lock_club(child.club_id)
    n = 0
    parents = ParentChild.objects.filter(child=child).values_list("parent_id", flat=True)
    for pause in CardPause.objects.filter(card__club=child.club_id, card__child_id=child.child_id,
                                          parent__in=parents, resumed_at__isnull=True).select_related("card"):
        card = Card.objects.get(pk=pause.card_id)
        pause.resumed_at = timezone.now()
        pause.save(update_fields=["resumed_at"])
        if card.status == "blocked" and not card.deleted and card.status_since == pause.paused_at:
            _office_call(office.set_card_status, child.club_id, actor(parent), card.card_uid, "active")
            n += 1
    if n == 0:
        raise FamilyError(None, _("Der er intet kort, I har sat på pause. Et kort spærret af klubben åbnes af "
                                  "klubben."))  # fmt: skip
    return n


@transaction.atomic
def report_lost(parent: Parent, child: Child, card_uid: str) -> None:
    """The card lost from this moment for every kiosk of the club (their next snapshot); a sale on it
    after this moment is rejected by the hub with ``card_reported_lost``. Only the club makes it active
    again (or gives a new card)."""
    card = next((c for c in _cards(child) if c.card_uid == card_uid), None)
    if card is None:
        raise FamilyError(None, _("Kortet findes ikke."))
    if card.status == "lost":
        raise FamilyError(None, _("Kortet er allerede meldt mistet."))
    _office_call(office.set_card_status, child.club_id, actor(parent), card.card_uid, "lost")


@transaction.atomic
def invite(parent: Parent, child: Child) -> str:
    """A one-time code (7 days) for a second parent to join this child."""
    ParentChild.objects.get(parent=parent, child=child)
    code = _store_code(child.club, "invite", actor(parent), INVITE_CODE_DAYS, child=child)
    _audit(child.club, actor(parent), "family.invite", f"child {child.child_id}", None,
           {"expires_in_days": INVITE_CODE_DAYS})
    return code
