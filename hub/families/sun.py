"""SUN (Secure Unique NFC) on the parents' portal: a phone that taps a club's NTAG 424 DNA card opens
``/foraeldre/kort?picc=…&cmac=…``. The message is checked with the kiosk's own code
(``drivers.ntag424``, the one import of the kiosk's drivers the hub may make), against each club's SUN
key; the highest read counter accepted per card is kept, and a counter that does not go up is a
replayed URL. The picc and cmac values are never logged nor audited.

The club keys are stored encrypted with Fernet (``cryptography``) under a key derived with HKDF from
CLUB_HUB_SECRET_KEY; a hub started with another secret key cannot read them (it logs so, and taps are
refused until ``club-hub set-card-keys`` is run again)."""

from __future__ import annotations

import base64
import logging
import stat
from dataclasses import dataclass
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from drivers import ntag424 as nt
from hub.clubs.models import Card, Club
from hub.families.models import CardTapCounter, ClubCardKey
from hub.office.models import AuditEntry
from pos_app.domain.model import mask_uid, normalise_card

log = logging.getLogger(__name__)


class CardKeyError(Exception):
    """A key file that cannot be used (the message names the file, never its content)."""


def _fernet() -> Fernet:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                   info=b"club-hub card keys v1").derive(settings.SECRET_KEY.encode("utf-8"))  # fmt: skip
    return Fernet(base64.urlsafe_b64encode(derived))


def read_key_file(path: Path) -> bytes:
    """32 hex digits in a file that only its owner may read (as the kiosk's master key file)."""
    try:
        st = path.stat()
        text = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise CardKeyError(f"{path} cannot be read ({exc.__class__.__name__})") from exc
    if st.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise CardKeyError(f"{path} is readable by others (mode {st.st_mode & 0o777:o}): run chmod 600 on it")
    try:
        key = bytes.fromhex(text)
    except ValueError:
        key = b""
    if len(key) != 16:
        raise CardKeyError(f"{path} must hold 32 hexadecimal digits (club-kiosk cards sun-key writes it)")
    return key


@transaction.atomic
def set_club_key(club: Club, key: bytes, who: str) -> bool:
    """Store (or replace) the club's SUN key, encrypted; True when it replaced one. Audited, without the key."""
    token = _fernet().encrypt(key).decode("ascii")
    _row, created = ClubCardKey.objects.update_or_create(club=club, defaults={"key_encrypted": token})
    AuditEntry.objects.create(club=club, actor=who, action="cards.sun_key", target=f"club {club.club_id}",
                              before=None if created else {"key": "(replaced)"}, after={"key": "(set)"})  # fmt: skip
    log.info("families: the SUN key of club %s %s", club.club_id, "set" if created else "replaced")
    return not created


def club_keys() -> list[tuple[Club, bytes]]:
    fernet, out = _fernet(), []
    for row in ClubCardKey.objects.select_related("club").order_by("club__club_id"):
        try:
            out.append((row.club, fernet.decrypt(row.key_encrypted.encode("ascii"))))
        except InvalidToken:
            log.warning("families: the SUN key of club %s cannot be decrypted (was CLUB_HUB_SECRET_KEY changed?): "
                        "run club-hub set-card-keys again", row.club.club_id)  # fmt: skip
    return out


@dataclass(frozen=True)
class Tap:
    outcome: str  # valid | replay | invalid
    club: Club | None = None
    card: Card | None = None  # None: a genuine card of the club that the hub has no record of
    uid: str = ""


def check_tap(picc: str, cmac: str) -> Tap:
    """Check a phone's tap; on success the card's counter moves up (in one transaction with the audit)."""
    found: tuple[Club, bytes, nt.SunResult] | None = None
    for club, key in club_keys():
        try:
            result = nt.verify_sun_club(picc, cmac, key, club.club_id)
        except ValueError:
            return Tap("invalid")  # not hex, wrong length: the same answer for everyone
        if result.valid:
            found = (club, key, result)
            break
    if found is None:
        return Tap("invalid")
    club, key, result = found
    uid = normalise_card(result.uid or "")
    with transaction.atomic():
        counter, _new = CardTapCounter.objects.select_for_update().get_or_create(club=club, card_uid=uid)
        again = nt.verify_sun_club(picc, cmac, key, club.club_id, last_counter=counter.last_counter)
        card = Card.objects.filter(club=club, card_uid=uid, deleted=False).first()
        if not again.valid:
            AuditEntry.objects.create(club=club, actor="card tap", action="family.card_tap_replay",
                                      target=f"card {uid}", before={"counter": counter.last_counter},
                                      after={"counter": result.counter})  # fmt: skip
            log.warning("families: a replayed card URL for card %s (counter %s, last %s)", mask_uid(uid),
                        result.counter, counter.last_counter)  # fmt: skip
            return Tap("replay", club, card, uid)
        counter.last_counter, counter.last_tap_at = int(result.counter or 0), timezone.now()
        counter.save(update_fields=["last_counter", "last_tap_at"])
        AuditEntry.objects.create(club=club, actor="card tap", action="family.card_tap", target=f"card {uid}",
                                  before=None, after={"counter": result.counter})  # fmt: skip
    log.info("families: a card tap of card %s", mask_uid(uid))
    return Tap("valid", club, card, uid)
