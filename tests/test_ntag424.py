"""drivers.ntag424 against NXP's published worked examples first (AN12196, AN10922), then the virtual
NTAG 424 DNA of tests/support/stacks (in-process here; through pcscd + vpcd in test_secure_cards.py)."""

from __future__ import annotations

import pytest

from drivers import ntag424 as nt
from tests.support.stacks.vpcd_ntag424 import VirtualNtag424

h = bytes.fromhex
MASTER = h("00112233445566778899AABBCCDDEEFF")
UID = "04A1B2C3D4E5F6"


# --- the application notes' vectors ------------------------------------------------------------
def test_an10922_aes128_diversification_example():
    # AN10922 §2.2.1: master key, UID 04782E21801D80, AID 3042F5, system identifier "NXP Abu".
    div_input = h("04782E21801D80") + h("3042F5") + b"NXP Abu"
    assert nt.diversify_an10922(MASTER, div_input) == h("A8DD63A3B89D54B37CA802473FDA9175")


def test_an10922_refuses_inputs_a_plain_cmac_would_pad_differently():
    with pytest.raises(ValueError):
        nt.diversify_an10922(MASTER, h("04782E21801D80"))  # 7 bytes: AN10922 pads to 32, CMAC to 16
    with pytest.raises(ValueError):
        nt.diversify_an10922(MASTER[:8], bytes(20))


def test_an12196_authenticate_ev2_first_with_key_0():
    # AN12196 §6.6: key 0 = 16 zero bytes, the note's RndA and the card's answers.
    auth = nt.Ev2Auth(bytes(16), 0, rnd_a=h("13C5DB8A5930439FC3DEF9A4C675360F"))
    assert auth.first() == h("9071000002000000")
    second = auth.second(h("A04C124213C186F22399D33AC2A30215" "91AF"))
    assert auth.rnd_b == h("B9E2FC789B64BF237CCCAA20EC7E6E48")
    assert second == h("90AF00002035C3E05A752E0144BAC0DE51C1F22C56B34408A23D8AEA266CAB947EA8E0118D00")
    session = auth.finish(h("3FA64DB5446D1F34CD6EA311167F5E4985B89690C04A05F17FA7AB2F08120663" "9100"))
    assert session.ti == h("9D00C4DF")
    assert session.enc_key == h("1309C877509E5A215007FF0ED19CA564")
    assert session.mac_key == h("4C6626F5E72EA694202139295C7A7FC7")


def test_an12196_authenticate_ev2_first_second_example():
    # AN12196 §6.10.
    auth = nt.Ev2Auth(bytes(16), 0, rnd_a=h("B98F4C50CF1C2E084FD150E33992B048"))
    second = auth.second(h("B875CEB0E66A6C5CD00898DC371F92D1" "91AF"))
    assert second == h("90AF000020FF0306E47DFBC50087C4D8A78E88E62DE1E8BE457AA477C707E2F0874916A8B100")
    session = auth.finish(h("0CC9A8094A8EEA683ECAAC5C7BF20584206D0608D477110FC6B3D5D3F65C3A6A" "9100"))
    assert (session.ti, session.enc_key, session.mac_key) == (
        h("7614281A"), h("7A93D6571E4B180FCA6AC90C9A7488D4"), h("FC4AF159B62E549B5812394CAB1918CC"))


def test_an12196_a_card_that_does_not_know_the_key_is_refused():
    auth = nt.Ev2Auth(bytes(16), 0, rnd_a=h("13C5DB8A5930439FC3DEF9A4C675360F"))
    auth.second(h("A04C124213C186F22399D33AC2A30215" "91AF"))
    tampered = bytearray(h("3FA64DB5446D1F34CD6EA311167F5E4985B89690C04A05F17FA7AB2F08120663"))
    tampered[5] ^= 0x01
    with pytest.raises(nt.AuthenticationFailed):
        auth.finish(bytes(tampered) + b"\x91\x00")
    with pytest.raises(nt.AuthenticationFailed):
        nt.Ev2Auth(bytes(16), 0).second(h("91AE"))


def test_an12196_command_and_response_in_mac_mode():
    # AN12196 §5.3: GetFileSettings of file 02 in MAC mode, and its MACed answer.
    s = nt.Session(bytes(16), h("8248134A386E86EB7FAF54A52E536CB6"), h("7A21085E"))
    assert s.mac_command(0xF5, b"\x02") == h("90F5000009026597A457C8CD442C00")
    data = s.check_response(h("0040EEEE000100D1FE001F00004400004400002000006A0000" "2A474282E7A47986" "9100"), "x")
    assert data == h("0040EEEE000100D1FE001F00004400004400002000006A0000")
    assert s.cmd_counter == 1


def test_an12196_response_with_a_wrong_mac_is_an_integrity_error():
    s = nt.Session(bytes(16), h("8248134A386E86EB7FAF54A52E536CB6"), h("7A21085E"))
    s.mac_command(0xF5, b"\x02")
    with pytest.raises(nt.IntegrityError):
        s.check_response(h("0040EEEE000100D1FE001F00004400004400002000006A0001" "2A474282E7A47986" "9100"), "x")


def test_an12196_command_in_full_mode():
    # AN12196 §6.12: WriteData of 10 bytes to file 03 in FULL mode.
    s = nt.Session(h("7A93D6571E4B180FCA6AC90C9A7488D4"), h("FC4AF159B62E549B5812394CAB1918CC"), h("7614281A"))
    apdu = s.full_command(0x8D, h("030000000A0000"), h("0102030405060708090A"))
    assert apdu == h("908D00001F030000000A00006B5E6804909962FC4E3FF5522CF0F8436C0C53315B9C73AA00")
    assert s.check_response(h("C26D236E4A7C046D" "9100"), "WriteData") == b""


def test_an12196_response_in_full_mode():
    # AN12196 §7.3: GetCardUID, the answer encrypted then MACed.
    s = nt.Session(h("2B4D963C014DC36F24F69A50A394F875"), h("379D32130CE61705DD5FD8C36B95D764"), h("DF055522"))
    assert s.mac_command(0x51, b"") == h("90510000088E2C155ADDA99BE300")
    crypto = s.check_response(h("70756055688505B52A5E26E59E329CD6" "595F672298EA41B7" "9100"), "GetCardUID")
    assert s.decrypt_response(crypto) == h("04958CAA5C5E80")


def test_an12196_sun_example():
    # AN12196 §3.4.2.2 / §3.4.4.2: PICCData and SDMMAC with both keys 16 zero bytes.
    result = nt.verify_sun("00" * 16, "00" * 16, "EF963FF7828658A599F3041510671E88", "94EED9EE65337086")
    assert result == nt.SunResult(True, "04DE5F1EACC040", 61)


@pytest.mark.parametrize("field, value", [
    ("picc", "EF963FF7828658A599F3041510671E89"),   # one bit of the PICC data
    ("cmac", "94EED9EE65337087"),                   # one bit of the MAC
    ("meta", "01" + "00" * 15),                     # another meta key
    ("file", "00" * 15 + "01"),                     # another file key
])  # fmt: skip
def test_sun_tampered_messages_are_invalid(field, value):
    args = {"meta": "00" * 16, "file": "00" * 16, "picc": "EF963FF7828658A599F3041510671E88",
            "cmac": "94EED9EE65337086"} | {field: value}  # fmt: skip
    assert nt.verify_sun(args["meta"], args["file"], args["picc"], args["cmac"]).valid is False


def test_sun_counter_that_does_not_go_up_is_a_replay():
    args = ("00" * 16, "00" * 16, "EF963FF7828658A599F3041510671E88", "94EED9EE65337086")
    assert nt.verify_sun(*args, last_counter=60).valid
    assert not nt.verify_sun(*args, last_counter=61).valid
    assert "replayed" in nt.verify_sun(*args, last_counter=100).why


def test_sun_message_round_trip_and_bad_hex():
    meta, file = h("11" * 16), h("22" * 16)
    picc, mac = nt.sun_message(meta, file, h(UID), 1234)
    assert nt.verify_sun(meta.hex(), file.hex(), picc.hex(), mac.hex()) == nt.SunResult(True, UID, 1234)
    with pytest.raises(ValueError, match="cmac"):
        nt.verify_sun(meta.hex(), file.hex(), picc.hex(), "zz")


def test_change_key_data_layout():
    new, old = h("F0" * 16), h("0F" * 16)
    assert nt.change_key_data(0, 0, new, old, 1) == new + b"\x01"
    other = nt.change_key_data(1, 0, new, old, 2)
    assert other[:16] == h("FF" * 16) and other[16] == 2 and len(other) == 21
    assert other[17:] == nt.jamcrc32(new) != nt.jamcrc32(old)


# --- the virtual card in-process ----------------------------------------------------------------
def card_transmit(card: VirtualNtag424):
    return card.answer


def test_personalise_then_the_tap_check_passes():
    card = VirtualNtag424(UID, port=0)
    assert nt.personalise(card.answer, h(UID), MASTER, "klub-a") is nt.PersonaliseOutcome.PERSONALISED
    assert card.keys[0] == nt.card_key(MASTER, h(UID), "klub-a", 0) != nt.FACTORY_KEY
    assert card.keys[1] == nt.card_key(MASTER, h(UID), "klub-a", 1) != card.keys[0]
    assert card.settings[3][:2] == (nt.COMM_MAC, nt.KEY_TAP)
    assert nt.CardCheck(MASTER, "klub-a")(card.answer, h(UID)) == nt.CheckResult(nt.Verdict.GENUINE)


def test_personalise_twice_and_another_clubs_card():
    card = VirtualNtag424(UID, port=0)
    nt.personalise(card.answer, h(UID), MASTER, "klub-a")
    assert nt.personalise(card.answer, h(UID), MASTER, "klub-a") is nt.PersonaliseOutcome.ALREADY_OURS
    assert nt.personalise(card.answer, h(UID), MASTER, "klub-b") is nt.PersonaliseOutcome.OTHER_CLUB
    assert nt.personalise(card.answer, h(UID), h("AB" * 16), "klub-a") is nt.PersonaliseOutcome.OTHER_CLUB
    assert card.keys[0] == nt.card_key(MASTER, h(UID), "klub-a", 0)  # nothing was changed


def test_check_refuses_clones_and_other_clubs():
    genuine = VirtualNtag424(UID, port=0)
    nt.personalise(genuine.answer, h(UID), MASTER, "klub-a")
    blank_with_same_uid = VirtualNtag424(UID, port=0)
    no_application = VirtualNtag424(UID, port=0, has_application=False)
    check = nt.CardCheck(MASTER, "klub-a")
    assert check(blank_with_same_uid.answer, h(UID)).verdict is nt.Verdict.NOT_GENUINE
    assert check(no_application.answer, h(UID)).verdict is nt.Verdict.NOT_GENUINE
    assert nt.CardCheck(MASTER, "klub-a", "mixed")(no_application.answer, h(UID)).verdict is nt.Verdict.UID_ONLY
    assert nt.CardCheck(MASTER, "klub-b")(genuine.answer, h(UID)).verdict is nt.Verdict.NOT_GENUINE
    # a genuine card's keys under another UID (a clone that copied the keys to a card with another UID)
    assert check(genuine.answer, h("04000000000001")).verdict is nt.Verdict.NOT_GENUINE


def test_check_refuses_a_card_whose_record_names_another_card():
    card = VirtualNtag424(UID, port=0)
    nt.personalise(card.answer, h(UID), MASTER, "klub-a")
    card.files[3][:nt.CLUB_RECORD_LEN] = nt.club_record("klub-a", h("04999999999999"))
    result = nt.CardCheck(MASTER, "klub-a")(card.answer, h(UID))
    assert result.verdict is nt.Verdict.NOT_GENUINE and "another card" in result.why


def test_a_man_in_the_middle_altering_the_record_breaks_the_mac():
    card = VirtualNtag424(UID, port=0)
    nt.personalise(card.answer, h(UID), MASTER, "klub-a")

    def altering(apdu: bytes) -> bytes:
        answer = card.answer(apdu)
        if apdu[1] == 0xAD:
            answer = bytes([answer[0] ^ 0x01]) + answer[1:]
        return answer

    result = nt.CardCheck(MASTER, "klub-a")(altering, h(UID))
    assert result.verdict is nt.Verdict.NOT_GENUINE and "MAC" in result.why


def test_virtual_card_refuses_a_command_with_a_wrong_mac_and_without_access():
    card = VirtualNtag424(UID, port=0)
    assert card.answer(nt.select_application_apdu()) == b"\x90\x00"
    session = nt.authenticate(card.answer, nt.FACTORY_KEY, 0)
    apdu = bytearray(session.mac_command(0xAD, h("03000000100000")))
    apdu[-2] ^= 0xFF
    assert card.answer(bytes(apdu)) == b"\x91\x1e"
    session = nt.authenticate(card.answer, nt.FACTORY_KEY, 0)  # key 0 may not read file 03 (read key 2)
    assert card.answer(session.mac_command(0xAD, h("03000000100000"))) == b"\x91\x9d"


def test_virtual_card_sun_mirror_counts_up():
    meta, file = h("11" * 16), h("22" * 16)
    card = VirtualNtag424(UID, port=0, sun_keys=(meta, file))
    card.answer(nt.select_application_apdu())
    assert card.answer(h("00A4000C02E104")) == b"\x90\x00"
    counters = []
    for _ in range(2):
        ndef = card.answer(h("00B0000000"))[:-2]
        url = ndef[7:].decode()
        query = dict(part.split("=") for part in url.split("?", 1)[1].split("&"))
        result = nt.verify_sun(meta.hex(), file.hex(), query["picc_data"], query["cmac"])
        assert result.valid and result.uid == UID
        counters.append(result.counter)
    assert counters == [1, 2]


# --- SUN switched on by personalise -------------------------------------------------------------
def test_personalise_with_sun_then_a_phone_read_verifies_and_counts_up():
    card = VirtualNtag424(UID, port=0)
    outcome = nt.personalise(card.answer, h(UID), MASTER, "klub-a", sun_base_url="https://hub.example.dk/")
    assert outcome is nt.PersonaliseOutcome.PERSONALISED
    sun = nt.sun_master_key(MASTER, "klub-a")
    assert card.keys[2] == nt.sun_meta_key(sun, "klub-a") and card.keys[3] == nt.sun_file_key(sun, h(UID), "klub-a")
    assert card.keys[2] != card.keys[3] and sun not in card.keys and MASTER not in card.keys
    # the meta key is the club's (the same for another card), the file key the card's own
    assert nt.sun_file_key(sun, h("04" + "11" * 6), "klub-a") != card.keys[3]
    counters = []
    for _ in range(2):
        url = nt.read_ndef_url(card.answer)
        assert url is not None and url.startswith("https://hub.example.dk/foraeldre/kort?picc=")
        result = nt.verify_sun_url(url, sun, "klub-a")
        assert result.valid and result.uid == UID
        counters.append(result.counter)
    assert counters[1] == counters[0] + 1  # personalise's own proof read was counter 1
    assert counters[0] == 2
    # another club's keys (or another master key) do not check it
    assert not nt.verify_sun_url(url, nt.sun_master_key(MASTER, "klub-b"), "klub-b").valid
    assert not nt.verify_sun_url(url, nt.sun_master_key(h("AB" * 16), "klub-a"), "klub-a").valid
    picc, mac = nt.sun_params(url) or ("", "")
    assert not nt.verify_sun_club(picc, mac, sun, "klub-a", last_counter=counters[1]).valid  # replayed
    tampered = mac[:-1] + ("0" if mac[-1] != "0" else "1")
    assert not nt.verify_sun_club(picc, tampered, sun, "klub-a").valid
    # the tap check still works, and the NDEF file can no longer be written without key 0
    assert nt.CardCheck(MASTER, "klub-a")(card.answer, h(UID)).verdict is nt.Verdict.GENUINE
    assert card.answer(nt.wrap(0x8D, bytes([2, 0, 0, 0, 1, 0, 0]) + b"x"))[-2:] == bytes([0x91, nt.PERMISSION_DENIED])


def test_personalise_without_sun_leaves_the_ndef_file_alone():
    card = VirtualNtag424(UID, port=0)
    nt.personalise(card.answer, h(UID), MASTER, "klub-a")
    assert card.sdm is None and card.keys[2] == nt.FACTORY_KEY and card.keys[3] == nt.FACTORY_KEY


def test_sun_ndef_file_refuses_a_url_that_is_not_http():
    with pytest.raises(ValueError):
        nt.sun_ndef_file("ftp://hub.example.dk")
    content, picc_at, mac_at = nt.sun_ndef_file("https://h.dk")
    assert content[picc_at:picc_at + 32] == b"0" * 32 and content[mac_at - 6:mac_at] == b"&cmac="


def test_verify_sun_club_on_an12196s_example(monkeypatch):
    # AN12196 §3.4's message was made with all-zero SDM keys; the hub's path (verify_sun_club: the club's meta
    # key, then the card's file key from the decrypted UID) must accept it with those keys, and refuse a replay.
    monkeypatch.setattr(nt, "sun_meta_key", lambda _sun, _club: bytes(16))
    seen = []
    monkeypatch.setattr(nt, "sun_file_key", lambda _sun, uid, _club: seen.append(uid) or bytes(16))
    picc, mac = "EF963FF7828658A599F3041510671E88", "94EED9EE65337086"
    assert nt.verify_sun_club(picc, mac, bytes(16), "klub-a") == nt.SunResult(True, "04DE5F1EACC040", 61)
    assert seen == [h("04DE5F1EACC040")]  # the file key is looked up by the UID from the PICC data
    assert not nt.verify_sun_club(picc, mac, bytes(16), "klub-a", last_counter=61).valid
    assert not nt.verify_sun_club(picc, "94EED9EE65337087", bytes(16), "klub-a").valid
