"""NTAG 424 DNA (and DESFire EV2 AES) cards: the protocol, pure and typed, no I/O of its own.

Everything here follows NXP's public application notes:

* AN12196 "NTAG 424 DNA and NTAG 424 DNA TagTamper features and hints": ISO-wrapped
  ``AuthenticateEV2First`` (AES-128), the session keys, secure messaging in MAC and FULL mode
  (ReadData, WriteData, ChangeFileSettings, ChangeKey) and SUN (Secure Unique NFC): the PICC data
  decryption and the SDM MAC. The worked examples of the note are this module's unit tests.
* AN10922 "Symmetric key diversification": AES-128 key diversification with CMAC.

The AES and CMAC come from ``cryptography`` (never hand-written). Both sides are here: the reader's
(``Ev2Auth``, ``CardCheck``, ``personalise``) and what a card computes (``Session``, ``sun_message``),
so the test suite's virtual card uses the same primitives as the kiosk (the application notes'
vectors pin both down).

The kiosk's card layout (``personalise`` writes it, ``CardCheck`` checks it at every tap):

* the NTAG 424 DNA application (ISO DF name D2760000850101),
* key 0 (application master key) and key 1 (the tap key) diversified per card from the club's master
  key (AN10922, input: UID || AID || a system identifier derived from the club id and the key number),
* file 03 (the proprietary file) holds the club record ``CK1 | club id | UID``, readable only after
  authentication with key 1, in MAC mode (an answer altered on the air fails the MAC).
"""

from __future__ import annotations

import binascii
import hashlib
import hmac
import os
import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.cmac import CMAC

# --- constants -----------------------------------------------------------------------------------
NTAG424_DF_NAME = bytes.fromhex("D2760000850101")  # the NTAG 424 DNA application's ISO DF name
KIOSK_AID = bytes.fromhex("000001")  # the application's DESFire AID, part of the diversification input
FACTORY_KEY = bytes(16)  # every key of a new card
KEY_MASTER, KEY_TAP = 0, 1
KEY_SDM_META, KEY_SDM_FILE = 2, 3  # SUN: the SDM meta read key (club-wide) and file read key (per card)
NDEF_FILE = 0x02  # the NDEF file (ISO file id E104) that a phone reads
CLUB_FILE = 0x03  # the 128-byte proprietary standard data file
CLUB_RECORD_LEN = 64
RECORD_MAGIC = b"CK1"

OK = 0x00  # the status byte after SW1 = 0x91
ADDITIONAL_FRAME = 0xAF
AUTHENTICATION_ERROR = 0xAE
PERMISSION_DENIED = 0x9D
INTEGRITY_ERROR = 0x1E
LENGTH_ERROR = 0x7E
NO_SUCH_KEY = 0x40
FILE_NOT_FOUND = 0xF0
PARAMETER_ERROR = 0x9E

COMM_PLAIN, COMM_MAC, COMM_FULL = 0x00, 0x01, 0x03
FREE_ACCESS, NO_ACCESS = 0xE, 0xF


class Ntag424Error(Exception):
    """The card answered something other than success, or its answer does not check out."""


class CardStatusError(Ntag424Error):
    def __init__(self, what: str, sw: bytes) -> None:
        super().__init__(f"{what}: card answered {sw.hex().upper()}")
        self.sw = sw


class AuthenticationFailed(Ntag424Error):
    """The card does not know the key (or is not the card it claims to be)."""


class IntegrityError(Ntag424Error):
    """A MAC did not match: the answer was not made by a card holding the session key."""


# --- primitives (cryptography) --------------------------------------------------------------------
def _cbc(key: bytes, iv: bytes, data: bytes, encrypt: bool) -> bytes:
    cipher = Cipher(algorithms.AES(key), modes.CBC(iv))
    op = cipher.encryptor() if encrypt else cipher.decryptor()
    return op.update(data) + op.finalize()


def aes_encrypt(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    return _cbc(key, iv, data, True)


def aes_decrypt(key: bytes, data: bytes, iv: bytes = bytes(16)) -> bytes:
    return _cbc(key, iv, data, False)


def cmac(key: bytes, data: bytes) -> bytes:
    c = CMAC(algorithms.AES(key))
    c.update(data)
    return c.finalize()


def mac_t(key: bytes, data: bytes) -> bytes:
    """The truncated 8-byte MAC of AN12196: the odd-numbered bytes of the 16-byte CMAC."""
    return cmac(key, data)[1::2]


def _rotl(b: bytes) -> bytes:
    return b[1:] + b[:1]


def _rotr(b: bytes) -> bytes:
    return b[-1:] + b[:-1]


def _pad(data: bytes) -> bytes:
    """ISO/IEC 9797-1 method 2: 80 then zeros, always at least one byte."""
    padded = data + b"\x80"
    return padded + bytes(-len(padded) % 16)


def _unpad(data: bytes) -> bytes:
    stripped = data.rstrip(b"\x00")
    if not stripped.endswith(b"\x80"):
        raise IntegrityError("bad padding")
    return stripped[:-1]


def jamcrc32(data: bytes) -> bytes:
    """The CRC32 DESFire uses in ChangeKey (IEEE CRC32 without the final inversion), little-endian."""
    return struct.pack("<I", binascii.crc32(data) ^ 0xFFFFFFFF)


# --- AN10922 key diversification -----------------------------------------------------------------
def diversify_an10922(master_key: bytes, div_input: bytes) -> bytes:
    """AES-128 diversification: CMAC(K, 0x01 || M). AN10922 always pads 0x01 || M to two blocks; a
    standard CMAC does the same when 0x01 || M is 17..32 bytes, so M must be 16..31 bytes here."""
    if len(master_key) != 16:
        raise ValueError("the master key must be 16 bytes (AES-128)")
    if not 16 <= len(div_input) <= 31:
        raise ValueError("the diversification input must be 16..31 bytes")
    return cmac(master_key, b"\x01" + div_input)


def system_identifier(club_id: str, key_no: int) -> bytes:
    """11 bytes naming the club and the key, so that two clubs sharing a master key still get different
    card keys, and every key of a card is different."""
    return hashlib.sha256(b"club-kiosk card key\x00" + club_id.encode("utf-8")).digest()[:10] + bytes([key_no])


def card_key(master_key: bytes, uid: bytes, club_id: str, key_no: int) -> bytes:
    """The card's own key number ``key_no``: AN10922 over UID || AID || system identifier."""
    if len(uid) not in (4, 7, 10):
        raise ValueError("a card UID is 4, 7 or 10 bytes")
    return diversify_an10922(master_key, uid + KIOSK_AID + system_identifier(club_id, key_no))


# --- APDUs ---------------------------------------------------------------------------------------
def select_application_apdu() -> bytes:
    """ISO SELECT by DF name of the NTAG 424 DNA application (answer 90 00)."""
    return bytes([0x00, 0xA4, 0x04, 0x0C, len(NTAG424_DF_NAME)]) + NTAG424_DF_NAME + b"\x00"


def wrap(ins: int, data: bytes = b"") -> bytes:
    """An ISO/IEC 7816-4 wrapped native command: CLA 90, P1 P2 00 00, Lc, data, Le 00."""
    if len(data) > 255:
        raise ValueError("command data longer than 255 bytes")
    return bytes([0x90, ins, 0x00, 0x00]) + (bytes([len(data)]) + data if data else b"") + b"\x00"


def split_response(response: bytes, what: str, expect: int = OK) -> bytes:
    """The data of a wrapped answer whose status is 91 ``expect``; otherwise CardStatusError."""
    if len(response) < 2 or response[-2] != 0x91 or response[-1] != expect:
        if len(response) >= 2 and response[-2:] == bytes([0x91, AUTHENTICATION_ERROR]):
            raise AuthenticationFailed(f"{what}: authentication error (91AE)")
        raise CardStatusError(what, response[-2:])
    return response[:-2]


def auth_first_apdu(key_no: int) -> bytes:
    return wrap(0x71, bytes([key_no, 0x00]))


@dataclass
class Session:
    """An authenticated EV2 session (AN12196 §4-5): both the reader and the card keep one."""

    enc_key: bytes
    mac_key: bytes
    ti: bytes
    cmd_counter: int = 0

    def _ctr(self) -> bytes:
        return struct.pack("<H", self.cmd_counter)

    def command_mac(self, ins: int, data: bytes) -> bytes:
        return mac_t(self.mac_key, bytes([ins]) + self._ctr() + self.ti + data)

    def response_mac(self, status: int, data: bytes) -> bytes:
        return mac_t(self.mac_key, bytes([status]) + self._ctr() + self.ti + data)

    def _iv(self, label: bytes) -> bytes:
        return Cipher(algorithms.AES(self.enc_key), modes.ECB()).encryptor().update(
            label + self.ti + self._ctr() + bytes(8))  # fmt: skip

    def encrypt_command(self, data: bytes) -> bytes:
        return aes_encrypt(self.enc_key, _pad(data), self._iv(b"\xa5\x5a"))

    def decrypt_command(self, data: bytes) -> bytes:
        if not data or len(data) % 16:
            raise IntegrityError("encrypted data is not whole blocks")
        return _unpad(aes_decrypt(self.enc_key, data, self._iv(b"\xa5\x5a")))

    def encrypt_response(self, data: bytes) -> bytes:
        return aes_encrypt(self.enc_key, _pad(data), self._iv(b"\x5a\xa5"))

    def decrypt_response(self, data: bytes) -> bytes:
        if not data or len(data) % 16:
            raise IntegrityError("encrypted data is not whole blocks")
        return _unpad(aes_decrypt(self.enc_key, data, self._iv(b"\x5a\xa5")))

    # --- the reader's side ---------------------------------------------------------------------
    def mac_command(self, ins: int, header: bytes, data: bytes = b"") -> bytes:
        """A command in MAC mode (the counter is the one before the command)."""
        return wrap(ins, header + data + self.command_mac(ins, header + data))

    def full_command(self, ins: int, header: bytes, data: bytes) -> bytes:
        """A command in FULL mode: the data encrypted, then the header and cryptogram MACed."""
        crypto = self.encrypt_command(data)
        return wrap(ins, header + crypto + self.command_mac(ins, header + crypto))

    def check_response(self, response: bytes, what: str) -> bytes:
        """A MACed answer: check its MAC with the incremented counter, return the data."""
        body = split_response(response, what)
        self.cmd_counter += 1
        if len(body) < 8:
            raise IntegrityError(f"{what}: answer without a MAC")
        data, mac = body[:-8], body[-8:]
        if not hmac.compare_digest(mac, self.response_mac(OK, data)):
            raise IntegrityError(f"{what}: the answer's MAC is wrong")
        return data


def session_keys(key: bytes, rnd_a: bytes, rnd_b: bytes) -> tuple[bytes, bytes]:
    """SesAuthENCKey and SesAuthMACKey from the two random numbers (AN12196 §4.4, NT4H2421Gx §9.1.7)."""
    xored = bytes(a ^ b for a, b in zip(rnd_a[2:8], rnd_b[0:6], strict=True))
    context = rnd_a[0:2] + xored + rnd_b[6:16] + rnd_a[8:16]
    return cmac(key, b"\xa5\x5a\x00\x01\x00\x80" + context), cmac(key, b"\x5a\xa5\x00\x01\x00\x80" + context)


class Ev2Auth:
    """The reader's side of AuthenticateEV2First: ``first()``, ``second(answer)``, ``finish(answer)``."""

    def __init__(self, key: bytes, key_no: int, rnd_a: bytes | None = None) -> None:
        self.key, self.key_no = key, key_no
        self.rnd_a = rnd_a if rnd_a is not None else os.urandom(16)
        self.rnd_b = b""

    def first(self) -> bytes:
        return auth_first_apdu(self.key_no)

    def second(self, answer: bytes) -> bytes:
        body = split_response(answer, "AuthenticateEV2First", ADDITIONAL_FRAME)
        if len(body) != 16:
            raise AuthenticationFailed(f"AuthenticateEV2First: {len(body)} bytes instead of 16")
        self.rnd_b = aes_decrypt(self.key, body)
        return wrap(0xAF, aes_encrypt(self.key, self.rnd_a + _rotl(self.rnd_b)))

    def finish(self, answer: bytes) -> Session:
        body = split_response(answer, "AuthenticateEV2First part 2")
        if len(body) != 32:
            raise AuthenticationFailed(f"AuthenticateEV2First part 2: {len(body)} bytes instead of 32")
        plain = aes_decrypt(self.key, body)
        ti, rnd_a_rot = plain[0:4], plain[4:20]
        if not hmac.compare_digest(_rotr(rnd_a_rot), self.rnd_a):
            raise AuthenticationFailed("the card did not prove that it knows the key")
        enc, mac = session_keys(self.key, self.rnd_a, self.rnd_b)
        return Session(enc, mac, ti)


Transmit = Callable[[bytes], bytes]
"""Send one APDU, get the answer with its status word. Raises ``CardGone`` when the card left."""


class CardGone(Exception):  # noqa: N818 - an event, not a programming error
    """The card left the field (or the reader went away) in the middle of a command."""


def authenticate(transmit: Transmit, key: bytes, key_no: int) -> Session:
    auth = Ev2Auth(key, key_no)
    second = auth.second(transmit(auth.first()))
    return auth.finish(transmit(second))


def _u24(n: int) -> bytes:
    return n.to_bytes(3, "little")


def read_data_mac(transmit: Transmit, session: Session, file_no: int, offset: int, length: int) -> bytes:
    """ReadData (AD) in MAC mode."""
    return session.check_response(
        transmit(session.mac_command(0xAD, bytes([file_no]) + _u24(offset) + _u24(length))), "ReadData")


def write_data_mac(transmit: Transmit, session: Session, file_no: int, offset: int, data: bytes) -> None:
    """WriteData (8D) in MAC mode."""
    header = bytes([file_no]) + _u24(offset) + _u24(len(data))
    session.check_response(transmit(session.mac_command(0x8D, header, data)), "WriteData")


def change_file_settings(transmit: Transmit, session: Session, file_no: int, comm_mode: int, read: int,
                         write: int, read_write: int, change: int) -> None:  # fmt: skip
    """ChangeFileSettings (5F) in FULL mode, without SDM."""
    settings = bytes([comm_mode, (read_write << 4) | change, (read << 4) | write])
    session.check_response(transmit(session.full_command(0x5F, bytes([file_no]), settings)), "ChangeFileSettings")


def change_key_data(key_no: int, auth_key_no: int, new_key: bytes, old_key: bytes, version: int) -> bytes:
    """The plain data of ChangeKey (NT4H2421Gx §10.6.1): the authenticated key itself gets the new key
    and its version; another key gets (new XOR old) || version || CRC32(new)."""
    if key_no == auth_key_no:
        return new_key + bytes([version])
    return bytes(a ^ b for a, b in zip(new_key, old_key, strict=True)) + bytes([version]) + jamcrc32(new_key)


def change_key(transmit: Transmit, session: Session, key_no: int, new_key: bytes, old_key: bytes,
               version: int = 1, auth_key_no: int = KEY_MASTER) -> None:  # fmt: skip
    """ChangeKey (C4) in FULL mode. Changing the authenticated key ends the session (no MAC comes back)."""
    data = change_key_data(key_no, auth_key_no, new_key, old_key, version)
    answer = transmit(session.full_command(0xC4, bytes([key_no]), data))
    if key_no == auth_key_no:
        split_response(answer, "ChangeKey")
        session.cmd_counter += 1
    else:
        session.check_response(answer, "ChangeKey")


def write_data_plain(transmit: Transmit, session: Session, file_no: int, offset: int, data: bytes) -> None:
    """WriteData (8D) to a file in plain communication mode (the NDEF file): no MAC, but the command
    counter of the open session goes up (NT4H2421Gx §9.1.2)."""
    header = bytes([file_no]) + _u24(offset) + _u24(len(data))
    split_response(transmit(wrap(0x8D, header + data)), "WriteData")
    session.cmd_counter += 1


def change_file_settings_sdm(transmit: Transmit, session: Session, file_no: int, picc_offset: int,
                             mac_offset: int) -> None:  # fmt: skip
    """ChangeFileSettings (5F, FULL mode) of the NDEF file with SDM (NT4H2421Gx §10.7.1, AN12196 §5.9):
    plain, read free, write/read-write/change key 0; SDMOptions C1 (UID and read counter mirrored, ASCII);
    SDMAccessRights: counter retrieval none (F), meta read key 2, file read key 3; the encrypted PICC data
    at ``picc_offset``, the SDM MAC over an empty input at ``mac_offset``."""
    settings = (bytes([0x40 | COMM_PLAIN, (KEY_MASTER << 4) | KEY_MASTER, (FREE_ACCESS << 4) | KEY_MASTER, 0xC1,
                       0xF0 | NO_ACCESS, (KEY_SDM_META << 4) | KEY_SDM_FILE])
                + _u24(picc_offset) + _u24(mac_offset) + _u24(mac_offset))  # fmt: skip
    session.check_response(transmit(session.full_command(0x5F, bytes([file_no]), settings)), "ChangeFileSettings")


# --- the club record ----------------------------------------------------------------------------
def club_record(club_id: str, uid: bytes) -> bytes:
    club = club_id.encode("utf-8")
    record = RECORD_MAGIC + bytes([len(club)]) + club + bytes([len(uid)]) + uid
    if len(record) > CLUB_RECORD_LEN:
        raise ValueError("club id too long for the card's club record")
    return record + bytes(CLUB_RECORD_LEN - len(record))


def parse_club_record(record: bytes) -> tuple[str, bytes] | None:
    """(club id, UID) or None when the record is not one of ours."""
    if len(record) < 5 or not record.startswith(RECORD_MAGIC):
        return None
    n = record[3]
    club, rest = record[4:4 + n], record[4 + n:]
    if len(club) != n or not rest or len(rest) < 1 + rest[0]:
        return None
    try:
        return club.decode("utf-8"), rest[1:1 + rest[0]]
    except UnicodeDecodeError:
        return None


# --- the kiosk's check at every tap --------------------------------------------------------------
class Verdict(StrEnum):
    GENUINE = "genuine"  # authenticated with the club's key, record checked
    UID_ONLY = "uid_only"  # mixed mode: a card without the NTAG 424 application, taken by its UID
    NOT_GENUINE = "not_genuine"


@dataclass(frozen=True)
class CheckResult:
    verdict: Verdict
    why: str = ""  # for the log: never a key, never a full UID


@dataclass(frozen=True)
class CardCheck:
    """Mutual authentication with the card's diversified tap key, then a MACed read of the club record.

    ``mode`` is ``"secure"`` (every card must authenticate) or ``"mixed"`` (a card without the NTAG 424
    application is taken by its UID, as before; a card that has it must authenticate)."""

    master_key: bytes = field(repr=False)
    club_id: str
    mode: str = "secure"

    def __call__(self, transmit: Transmit, uid: bytes) -> CheckResult:
        """Raises CardGone when the card leaves mid-way (the caller reports a clean status)."""
        sw = transmit(select_application_apdu())[-2:]
        if sw != b"\x90\x00":
            if self.mode == "mixed":
                return CheckResult(Verdict.UID_ONLY, "no NTAG 424 application: a UID card (mixed mode)")
            return CheckResult(Verdict.NOT_GENUINE, f"no NTAG 424 application ({sw.hex().upper()})")
        try:
            key = card_key(self.master_key, uid, self.club_id, KEY_TAP)
            session = authenticate(transmit, key, KEY_TAP)
            record = read_data_mac(transmit, session, CLUB_FILE, 0, CLUB_RECORD_LEN)
        except AuthenticationFailed:
            return CheckResult(Verdict.NOT_GENUINE, "authentication failed (not this club's key)")
        except (IntegrityError, CardStatusError, ValueError) as exc:
            return CheckResult(Verdict.NOT_GENUINE, str(exc))
        parsed = parse_club_record(record)
        if parsed is None:
            return CheckResult(Verdict.NOT_GENUINE, "no club record on the card")
        club, record_uid = parsed
        if club != self.club_id:
            return CheckResult(Verdict.NOT_GENUINE, "the club record names another club")
        if not hmac.compare_digest(record_uid, uid):
            return CheckResult(Verdict.NOT_GENUINE, "the club record names another card")
        return CheckResult(Verdict.GENUINE)


# --- issuing a card ------------------------------------------------------------------------------
class PersonaliseOutcome(StrEnum):
    PERSONALISED = "personalised"
    ALREADY_OURS = "already_ours"  # personalised for this club before: nothing written
    OTHER_CLUB = "other_club"  # neither the factory key nor ours: refused
    NOT_NTAG424 = "not_ntag424"


def _try_auth(transmit: Transmit, key: bytes, key_no: int) -> Session | None:
    try:
        return authenticate(transmit, key, key_no)
    except AuthenticationFailed:
        return None


def personalise(transmit: Transmit, uid: bytes, master_key: bytes, club_id: str,
                sun_base_url: str | None = None) -> PersonaliseOutcome:  # fmt: skip
    """Write the club record and the diversified keys to a blank card; refuse another club's card.

    With ``sun_base_url`` (the hub's public address) the SUN mirror is switched on as well: the NDEF file
    holds ``<base>/foraeldre/kort?picc=<PICC data>&cmac=<SDM MAC>``, keys 2 and 3 become the SDM keys.

    Order matters: the file settings and the record first, then keys 1 (2, 3), then key 0 last (changing
    the key the session was opened with ends the session). Then the tap check (and the SUN read) is run
    as a proof."""
    if transmit(select_application_apdu())[-2:] != b"\x90\x00":
        return PersonaliseOutcome.NOT_NTAG424
    key0, key1 = card_key(master_key, uid, club_id, KEY_MASTER), card_key(master_key, uid, club_id, KEY_TAP)
    session = _try_auth(transmit, FACTORY_KEY, KEY_MASTER)
    if session is None:
        if _try_auth(transmit, key0, KEY_MASTER) is not None:
            return PersonaliseOutcome.ALREADY_OURS
        return PersonaliseOutcome.OTHER_CLUB
    change_file_settings(transmit, session, CLUB_FILE, COMM_MAC, read=KEY_TAP, write=KEY_MASTER,
                         read_write=KEY_MASTER, change=KEY_MASTER)  # fmt: skip
    write_data_mac(transmit, session, CLUB_FILE, 0, club_record(club_id, uid))
    change_key(transmit, session, KEY_TAP, key1, FACTORY_KEY)
    sun = sun_master_key(master_key, club_id)
    if sun_base_url is not None:
        content, picc_offset, mac_offset = sun_ndef_file(sun_base_url)
        write_data_plain(transmit, session, NDEF_FILE, 0, content)
        change_file_settings_sdm(transmit, session, NDEF_FILE, picc_offset, mac_offset)
        change_key(transmit, session, KEY_SDM_META, sun_meta_key(sun, club_id), FACTORY_KEY)
        change_key(transmit, session, KEY_SDM_FILE, sun_file_key(sun, uid, club_id), FACTORY_KEY)
    change_key(transmit, session, KEY_MASTER, key0, FACTORY_KEY)
    proof = CardCheck(master_key, club_id)(transmit, uid)
    if proof.verdict is not Verdict.GENUINE:
        raise Ntag424Error(f"the card does not check out after personalisation: {proof.why}")
    if sun_base_url is not None:
        url = read_ndef_url(transmit)
        checked = verify_sun_url(url or "", sun, club_id)
        if not checked.valid or checked.uid != uid.hex().upper():
            raise Ntag424Error(f"the card's SUN URL does not check out after personalisation: {checked.why}")
    return PersonaliseOutcome.PERSONALISED


# --- SUN: Secure Unique NFC (AN12196 §3) ---------------------------------------------------------
@dataclass(frozen=True)
class SunResult:
    valid: bool
    uid: str | None = None  # upper-case hex
    counter: int | None = None
    why: str = ""


def _hex(value: str, name: str, length: int) -> bytes:
    try:
        raw = bytes.fromhex(value.strip())
    except ValueError as exc:
        raise ValueError(f"{name} is not hexadecimal") from exc
    if len(raw) != length:
        raise ValueError(f"{name} must be {length} bytes ({2 * length} hex digits)")
    return raw


def decrypt_picc_data(meta_key: bytes, picc: bytes) -> tuple[bytes, int] | None:
    """The PICC data (AES, IV zero, one block) → (UID, SDMReadCtr), or None when it is no PICC data."""
    plain = aes_decrypt(meta_key, picc)
    tag = plain[0]
    if not tag & 0x80 or not tag & 0x40 or (tag & 0x0F) != 7:
        return None  # the kiosk's SUN mirrors a 7-byte UID and the read counter
    return plain[1:8], int.from_bytes(plain[8:11], "little")


def sdm_session_mac_key(file_key: bytes, uid: bytes, counter: int) -> bytes:
    """KSesSDMFileReadMAC: CMAC over SV2 = 3CC3 0001 0080 || UID || SDMReadCtr (AN12196 §3.4.4.1)."""
    return cmac(file_key, b"\x3c\xc3\x00\x01\x00\x80" + uid + counter.to_bytes(3, "little"))


def sdm_mac(file_key: bytes, uid: bytes, counter: int, mac_input: bytes = b"") -> bytes:
    """The 8-byte SDMMAC over ``mac_input`` (empty when SDMMACInputOffset = SDMMACOffset)."""
    return mac_t(sdm_session_mac_key(file_key, uid, counter), mac_input)


def verify_sun(meta_key_hex: str, file_key_hex: str, picc_hex: str, cmac_hex: str,
               last_counter: int | None = None) -> SunResult:  # fmt: skip
    """Decrypt the PICC data, check the SDM MAC in constant time; with ``last_counter`` (the highest
    counter accepted before for this card), a counter that does not go up is refused (a replayed URL).
    Bad hex raises ValueError (the caller's usage error); a message that does not check is invalid."""
    meta_key, file_key = _hex(meta_key_hex, "meta key", 16), _hex(file_key_hex, "file key", 16)
    picc, mac = _hex(picc_hex, "picc", 16), _hex(cmac_hex, "cmac", 8)
    decoded = decrypt_picc_data(meta_key, picc)
    if decoded is None:
        return SunResult(False, why="not PICC data for this meta key")
    uid, counter = decoded
    if not hmac.compare_digest(sdm_mac(file_key, uid, counter), mac):
        return SunResult(False, why="the CMAC does not match")
    if last_counter is not None and counter <= last_counter:
        return SunResult(False, why="the read counter did not go up (a replayed URL)")
    return SunResult(True, uid.hex().upper(), counter)


SUN_PATH = "/foraeldre/kort"  # the hub's page for a phone's tap (docs/families.md)


def sun_master_key(master_key: bytes, club_id: str) -> bytes:
    """The club's SUN master key, derived one way from the card master key (AN10922 with a fixed input):
    the hub holds this one only, so a hub can check a phone's tap but cannot compute a card's keys 0 and 1."""
    return diversify_an10922(master_key, b"club-kiosk SUN\x00\x00" + system_identifier(club_id, 0xF0)[:10])


def sun_meta_key(sun_master: bytes, club_id: str) -> bytes:
    """The SDM meta read key (key 2), the same on every card of the club: it decrypts the PICC data, which
    is what tells the UID, so it cannot depend on the UID (AN10922 with the UID replaced by zeros)."""
    return diversify_an10922(sun_master, bytes(7) + KIOSK_AID + system_identifier(club_id, KEY_SDM_META))


def sun_file_key(sun_master: bytes, uid: bytes, club_id: str) -> bytes:
    """The SDM file read key (key 3), the card's own (AN10922 over UID || AID || system identifier)."""
    return card_key(sun_master, uid, club_id, KEY_SDM_FILE)


def sun_ndef_file(base_url: str) -> tuple[bytes, int, int]:
    """The NDEF file of a SUN card: (content, PICC data offset, SDM MAC offset). One URI record (prefix
    code 00: the URL in full), placeholders of ASCII zeros that the card overwrites at every read."""
    base = base_url.rstrip("/")
    if not base.startswith(("https://", "http://")):
        raise ValueError("the portal URL must start with https:// or http://")
    head = f"{base}{SUN_PATH}?picc="
    url = (head + "0" * 32 + "&cmac=" + "0" * 16).encode("ascii", "replace")
    if len(url) > 240:  # the NDEF file is written in one WriteData of at most 255 bytes (7 of them header)
        raise ValueError(f"the portal URL is too long for the card's NDEF file (at most {240 - len(url) + len(base)} "
                         "characters)")  # fmt: skip
    record = b"\xd1\x01" + bytes([len(url) + 1]) + b"U\x00" + url
    content = len(record).to_bytes(2, "big") + record
    picc_offset = 2 + 5 + len(head)
    return content, picc_offset, picc_offset + 32 + len("&cmac=")


def read_ndef_url(transmit: Transmit) -> str | None:
    """What a phone does: SELECT the application and the NDEF file (E104), ReadBinary; the URI record's URL."""
    if transmit(select_application_apdu())[-2:] != b"\x90\x00":
        return None
    if transmit(bytes([0x00, 0xA4, 0x00, 0x0C, 0x02, 0xE1, 0x04]))[-2:] != b"\x90\x00":
        return None
    answer = transmit(bytes([0x00, 0xB0, 0x00, 0x00, 0x00]))
    if answer[-2:] != b"\x90\x00" or len(answer) < 9:
        return None
    content = answer[:-2]
    nlen = int.from_bytes(content[:2], "big")
    record = content[2:2 + nlen]
    if len(record) < 5 or record[0] != 0xD1 or record[3:4] != b"U":
        return None
    prefixes = {0x00: "", 0x03: "http://", 0x04: "https://"}
    return prefixes.get(record[4], "") + record[5:4 + record[2]].decode("ascii", "replace")


def sun_params(url: str) -> tuple[str, str] | None:
    """(picc, cmac) from a SUN URL's query, or None."""
    from urllib.parse import parse_qs, urlsplit

    query = parse_qs(urlsplit(url).query)
    picc, mac = query.get("picc", [""])[0], query.get("cmac", [""])[0]
    return (picc, mac) if picc and mac else None


def verify_sun_club(picc_hex: str, cmac_hex: str, sun_master: bytes, club_id: str,
                    last_counter: int | None = None) -> SunResult:  # fmt: skip
    """A SUN message of a card of this club (keys from the club's SUN master key): ``verify_sun`` with the
    club's meta key, then the card's own file key from the UID that the PICC data gave."""
    meta = sun_meta_key(sun_master, club_id)
    picc, _mac = _hex(picc_hex, "picc", 16), _hex(cmac_hex, "cmac", 8)
    decoded = decrypt_picc_data(meta, picc)
    if decoded is None:
        return SunResult(False, why="not PICC data for this club's meta key")
    file_key = sun_file_key(sun_master, decoded[0], club_id)
    return verify_sun(meta.hex(), file_key.hex(), picc_hex, cmac_hex, last_counter)


def verify_sun_url(url: str, sun_master: bytes, club_id: str) -> SunResult:
    params = sun_params(url)
    if params is None:
        return SunResult(False, why="no picc and cmac in the URL")
    try:
        return verify_sun_club(params[0], params[1], sun_master, club_id)
    except ValueError as exc:
        return SunResult(False, why=str(exc))


def sun_message(meta_key: bytes, file_key: bytes, uid: bytes, counter: int,
                random_part: bytes | None = None) -> tuple[bytes, bytes]:  # fmt: skip
    """What a card mirrors into its URL: (encrypted PICC data, SDM MAC). For the test suite's card."""
    filler = random_part if random_part is not None else os.urandom(5)
    plain = b"\xc7" + uid + counter.to_bytes(3, "little") + filler
    return aes_encrypt(meta_key, plain), sdm_mac(file_key, uid, counter)


__all__ = [
    "AuthenticationFailed", "CardCheck", "CardGone", "CardStatusError", "CheckResult", "Ev2Auth", "IntegrityError",
    "Ntag424Error", "PersonaliseOutcome", "Session", "SunResult", "Transmit", "Verdict", "card_key",
    "diversify_an10922", "personalise", "read_ndef_url", "session_keys", "sun_file_key", "sun_master_key",
    "sun_message", "sun_meta_key", "sun_ndef_file", "verify_sun", "verify_sun_club", "verify_sun_url",
]  # fmt: skip
