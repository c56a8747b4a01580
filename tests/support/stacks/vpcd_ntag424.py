"""A virtual NTAG 424 DNA for the vpcd reader driver (same stack as ``vpcd_card.VirtualUidCard``).

It answers what the kiosk uses, as NXP's datasheet (NT4H2421Gx) and AN12196 describe them:

* ``FF CA 00 00 00`` (the reader's get-UID pseudo-APDU, as the other virtual card),
* ISO SELECT of the NTAG 424 DNA application by DF name, and of the NDEF file (E104),
* ISO-wrapped ``AuthenticateEV2First`` (71 then AF), AES-128, with a fresh RndB and TI each time,
* ``ReadData`` (AD) and ``WriteData`` (8D) with the file's communication mode (plain or MAC) and its
  access rights, ``ChangeFileSettings`` (5F, FULL mode), ``ChangeKey`` (C4, FULL mode, CRC checked),
* the SUN mirror: ISO ReadBinary of the NDEF file returns a URL with the encrypted PICC data and the
  SDM MAC, the read counter going up at every read: either as ``personalise`` set it up (ChangeFileSettings
  with SDM: the card's keys 2 and 3, the mirror over the file's placeholders) or, for older tests, a fixed
  URL with the given ``sun_keys``.

Wrong MAC → 91 1E, wrong key → 91 AE, no access → 91 9D, like the real chip. Its factory state is the
real one: every key 16 zero bytes, file 03 in FULL mode with read key 2 and write key 3.
The crypto comes from ``drivers.ntag424`` (pinned by the application notes' vectors in test_ntag424).
"""

from __future__ import annotations

import os
import time

from drivers import ntag424 as nt

from .vpcd_card import ATR_7_BYTE, VirtualUidCard

SW_OK = b"\x90\x00"


def _st(code: int) -> bytes:
    return bytes([0x91, code])


class VirtualNtag424(VirtualUidCard):
    def __init__(self, uid: str, port: int, *, keys: list[bytes] | None = None,
                 sun_keys: tuple[bytes, bytes] | None = None, sun_url: str = "https://example.invalid/sun",
                 has_application: bool = True, auth_delay_s: float = 0.0) -> None:  # fmt: skip
        super().__init__(uid, port)
        if len(self.uid) != 7:
            raise ValueError("an NTAG 424 DNA has a 7-byte UID")
        self.atr = ATR_7_BYTE
        self.keys = list(keys) if keys else [nt.FACTORY_KEY] * 5
        self.key_versions = [0] * 5
        self.files: dict[int, bytearray] = {1: bytearray(32), 2: bytearray(256), 3: bytearray(128)}
        # file -> (comm mode, read, write, read-write, change)
        self.settings: dict[int, tuple[int, int, int, int, int]] = {
            1: (nt.COMM_PLAIN, nt.FREE_ACCESS, 0, 0, 0),
            2: (nt.COMM_PLAIN, nt.FREE_ACCESS, nt.FREE_ACCESS, nt.FREE_ACCESS, 0),
            3: (nt.COMM_FULL, 2, 3, 3, 0),
        }
        self.has_application = has_application
        self.sun_keys, self.sun_url = sun_keys, sun_url
        self.sdm_counter = 0
        # SDM of the NDEF file after ChangeFileSettings: (meta key no, file key no, PICC offset, MAC offset)
        self.sdm: tuple[int, int, int, int] | None = None
        self._mirrored: bytes | None = None  # the NDEF file as mirrored at the first read since the SELECT
        self.auth_delay_s = auth_delay_s  # slows the second authentication step (a card taken away then)
        self._selected_app = False
        self._selected_file: int | None = None
        self._auth: tuple[int, bytes] | None = None  # (key number, RndB) between the two steps
        self.session: nt.Session | None = None
        self.session_key_no: int | None = None
        self.commands: list[int] = []  # INS of every native command, for the tests

    # --- dispatch -------------------------------------------------------------------------------
    def answer(self, apdu: bytes) -> bytes:
        if len(apdu) < 4:
            return b"\x67\x00"
        cla, ins = apdu[0], apdu[1]
        if cla == 0xFF:
            return super().answer(apdu)
        if cla == 0x00 and ins == 0xA4:
            return self._select(apdu)
        if cla == 0x00 and ins == 0xB0:
            return self._read_binary(apdu)
        if cla != 0x90:
            return b"\x6E\x00"
        if not self._selected_app:
            return b"\x6A\x82"
        data = apdu[5:5 + apdu[4]] if len(apdu) > 5 else b""
        self.commands.append(ins)
        try:
            match ins:
                case 0x71:
                    return self._auth_first(data)
                case 0xAF:
                    return self._auth_second(data)
                case 0xAD:
                    return self._read_data(data)
                case 0x8D:
                    return self._write_data(data)
                case 0x5F:
                    return self._change_file_settings(data)
                case 0xC4:
                    return self._change_key(data)
        except nt.IntegrityError:
            self._drop_session()
            return _st(nt.INTEGRITY_ERROR)
        self._drop_session()
        return _st(0x1C)  # illegal command code

    def _drop_session(self) -> None:
        self.session, self.session_key_no, self._auth = None, None, None

    # --- ISO ------------------------------------------------------------------------------------
    def _select(self, apdu: bytes) -> bytes:
        p1, lc = apdu[2], apdu[4] if len(apdu) > 4 else 0
        name = apdu[5:5 + lc]
        self._drop_session()
        self._mirrored = None
        if p1 == 0x04 and name == nt.NTAG424_DF_NAME and self.has_application:
            self._selected_app, self._selected_file = True, None
            return SW_OK
        if p1 == 0x00 and name == b"\xe1\x04" and self._selected_app:
            self._selected_file = 2
            return SW_OK
        self._selected_app = False
        return b"\x6A\x82"

    def _ndef(self) -> bytes:
        if self.sdm is not None:  # as personalised: the file's own bytes, the mirror written over them
            if self._mirrored is None:  # the counter goes up once per read after a SELECT
                self.sdm_counter += 1
                meta_no, file_no, picc_at, mac_at = self.sdm
                picc, mac = nt.sun_message(self.keys[meta_no], self.keys[file_no], self.uid, self.sdm_counter)
                content = bytearray(self.files[2])
                content[picc_at:picc_at + 32] = picc.hex().upper().encode()
                content[mac_at:mac_at + 16] = mac.hex().upper().encode()
                self._mirrored = bytes(content)
            return self._mirrored
        if self.sun_keys is None:
            return bytes(self.files[2])
        self.sdm_counter += 1
        picc, mac = nt.sun_message(self.sun_keys[0], self.sun_keys[1], self.uid, self.sdm_counter)
        url = f"{self.sun_url}?picc_data={picc.hex().upper()}&cmac={mac.hex().upper()}".encode()
        record = b"\xd1\x01" + bytes([len(url) + 1]) + b"U\x00" + url
        return len(record).to_bytes(2, "big") + record

    def _read_binary(self, apdu: bytes) -> bytes:
        if self._selected_file != 2:
            return b"\x69\x86"
        offset, le = (apdu[2] << 8) | apdu[3], apdu[4] if len(apdu) > 4 else 0
        content = self._ndef() if offset == 0 or self.sdm is not None else bytes(self.files[2])
        return content[offset:offset + (le or 256)] + SW_OK

    # --- authentication -------------------------------------------------------------------------
    def _auth_first(self, data: bytes) -> bytes:
        self._drop_session()
        if len(data) < 2:
            return _st(nt.LENGTH_ERROR)
        key_no = data[0]
        if key_no >= len(self.keys):
            return _st(nt.NO_SUCH_KEY)
        rnd_b = os.urandom(16)
        self._auth = (key_no, rnd_b)
        return nt.aes_encrypt(self.keys[key_no], rnd_b) + _st(nt.ADDITIONAL_FRAME)

    def _auth_second(self, data: bytes) -> bytes:
        if self._auth is None or len(data) != 32:
            self._drop_session()
            return _st(nt.AUTHENTICATION_ERROR if self._auth is None else nt.LENGTH_ERROR)
        if self.auth_delay_s:
            time.sleep(self.auth_delay_s)
        key_no, rnd_b = self._auth
        key = self.keys[key_no]
        plain = nt.aes_decrypt(key, data)
        rnd_a, rnd_b_rot = plain[:16], plain[16:]
        if rnd_b_rot != rnd_b[1:] + rnd_b[:1]:
            self._drop_session()
            return _st(nt.AUTHENTICATION_ERROR)
        ti = os.urandom(4)
        enc, mac = nt.session_keys(key, rnd_a, rnd_b)
        self.session, self.session_key_no, self._auth = nt.Session(enc, mac, ti), key_no, None
        return nt.aes_encrypt(key, ti + rnd_a[1:] + rnd_a[:1] + bytes(12)) + _st(nt.OK)

    # --- secure messaging -----------------------------------------------------------------------
    def _verify(self, ins: int, body: bytes) -> bytes:
        """Check a MAC-mode command's MAC; return the command's data without it."""
        s = self.session
        if s is None or len(body) < 8:
            raise nt.IntegrityError("no session or no MAC")
        if s.command_mac(ins, body[:-8]) != body[-8:]:
            raise nt.IntegrityError("command MAC")
        return body[:-8]

    def _reply(self, data: bytes = b"") -> bytes:
        s = self.session
        assert s is not None
        s.cmd_counter += 1
        return data + s.response_mac(nt.OK, data) + _st(nt.OK)

    def _allowed(self, key: int) -> bool:
        return key == nt.FREE_ACCESS or (self.session is not None and self.session_key_no == key)

    def _read_data(self, data: bytes) -> bytes:
        comm, read, _write, rw, _change = self.settings.get(data[0], (0, 0xF, 0xF, 0xF, 0xF)) if data else (0,) * 5
        if comm == nt.COMM_PLAIN and self._allowed(read):
            file_no, offset, length = data[0], int.from_bytes(data[1:4], "little"), int.from_bytes(data[4:7], "little")
            return bytes(self.files[file_no][offset:offset + (length or 256)]) + _st(nt.OK)
        body = self._verify(0xAD, data)
        file_no, offset, length = body[0], int.from_bytes(body[1:4], "little"), int.from_bytes(body[4:7], "little")
        if file_no not in self.files:
            return _st(nt.FILE_NOT_FOUND)
        if not (self._allowed(read) or self._allowed(rw)):
            self._drop_session()
            return _st(nt.PERMISSION_DENIED)
        content = bytes(self.files[file_no][offset:offset + (length or len(self.files[file_no]))])
        if comm == nt.COMM_FULL:
            assert self.session is not None
            self.session.cmd_counter += 1
            crypto = self.session.encrypt_response(content)
            self.session.cmd_counter -= 1
            return self._reply(crypto)
        return self._reply(content)

    def _write_data(self, data: bytes) -> bytes:
        if data and self.settings.get(data[0], (None,))[0] == nt.COMM_PLAIN:
            return self._write_plain(data)
        body = self._verify(0x8D, data)
        file_no, offset = body[0], int.from_bytes(body[1:4], "little")
        length = int.from_bytes(body[4:7], "little")
        comm, _read, write, rw, _change = self.settings[file_no]
        if not (self._allowed(write) or self._allowed(rw)):
            self._drop_session()
            return _st(nt.PERMISSION_DENIED)
        payload = body[7:]
        if comm == nt.COMM_FULL:
            assert self.session is not None
            payload = self.session.decrypt_command(payload)
        if len(payload) != length or offset + length > len(self.files[file_no]):
            return _st(nt.LENGTH_ERROR)
        self.files[file_no][offset:offset + length] = payload
        return self._reply()

    def _write_plain(self, data: bytes) -> bytes:
        """WriteData to a plain file: no MAC; an open session's counter goes up."""
        file_no, offset, length = data[0], int.from_bytes(data[1:4], "little"), int.from_bytes(data[4:7], "little")
        _comm, _read, write, rw, _change = self.settings[file_no]
        if not (self._allowed(write) or self._allowed(rw)):
            self._drop_session()
            return _st(nt.PERMISSION_DENIED)
        payload = data[7:]
        if len(payload) != length or offset + length > len(self.files[file_no]):
            return _st(nt.LENGTH_ERROR)
        self.files[file_no][offset:offset + length] = payload
        if self.session is not None:
            self.session.cmd_counter += 1
        return _st(nt.OK)

    def _change_file_settings(self, data: bytes) -> bytes:
        body = self._verify(0x5F, data)
        file_no = body[0]
        if file_no not in self.settings:
            return _st(nt.FILE_NOT_FOUND)
        if not self._allowed(self.settings[file_no][4]):
            self._drop_session()
            return _st(nt.PERMISSION_DENIED)
        assert self.session is not None
        plain = self.session.decrypt_command(body[1:])
        comm, ar1, ar2 = plain[0] & 0x03, plain[1], plain[2]
        if plain[0] & 0x40:  # SDM: only what the kiosk writes (C1, a meta key, MAC over an empty input)
            options, meta_file = plain[3], plain[5]
            picc_at, mac_in, mac_at = (int.from_bytes(plain[i:i + 3], "little") for i in (6, 9, 12))
            if file_no != 2 or options != 0xC1 or meta_file >> 4 > 4 or meta_file & 0xF > 4 or mac_in != mac_at:
                return _st(nt.PARAMETER_ERROR)
            self.sdm = (meta_file >> 4, meta_file & 0xF, picc_at, mac_at)
        self.settings[file_no] = (comm, ar2 >> 4, ar2 & 0xF, ar1 >> 4, ar1 & 0xF)
        return self._reply()

    def _change_key(self, data: bytes) -> bytes:
        body = self._verify(0xC4, data)
        key_no = body[0]
        s = self.session
        assert s is not None
        if self.session_key_no != 0:
            self._drop_session()
            return _st(nt.PERMISSION_DENIED)  # the application master key changes keys
        if key_no >= len(self.keys):
            return _st(nt.NO_SUCH_KEY)
        plain = s.decrypt_command(body[1:])
        if key_no == self.session_key_no:
            self.keys[key_no], self.key_versions[key_no] = plain[:16], plain[16]
            self._drop_session()  # the session key itself changed: the session ends, no MAC
            return _st(nt.OK)
        new = bytes(a ^ b for a, b in zip(plain[:16], self.keys[key_no], strict=True))
        if nt.jamcrc32(new) != plain[17:21]:
            return _st(nt.INTEGRITY_ERROR)
        self.keys[key_no], self.key_versions[key_no] = new, plain[16]
        return self._reply()
