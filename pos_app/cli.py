"""The ``club-kiosk`` command line. Without a sub-command it starts the kiosk."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pos_app.errors import KioskError, UserFacingError

log = logging.getLogger("pos_app.cli")

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _config(args: argparse.Namespace) -> Any:
    from pos_app.config import load_config

    cfg = load_config(Path(args.config) if getattr(args, "config", None) else None)
    if getattr(args, "db", None):
        cfg = replace(cfg, db_path=Path(args.db))
    return cfg


def _engine(args: argparse.Namespace) -> Any:
    from pos_app.storage.db import open_ledger_db

    return open_ledger_db(_config(args).db_path)


def cmd_run(args: argparse.Namespace) -> int:
    cfg = _config(args)
    if getattr(args, "self_check", False):
        from pos_app.selfcheck import run_self_check

        return run_self_check(cfg.db_path)
    if args.lang:
        cfg = replace(cfg, language=args.lang)
    if args.windowed:
        cfg = replace(cfg, fullscreen=False)
    from pos_app.ui.app import run_kiosk

    return run_kiosk(cfg, demo=args.demo or cfg.demo is True)


def cmd_simulate(args: argparse.Namespace) -> int:
    from pos_app.bootstrap import checkout_settings
    from pos_app.domain.clock import SettableClock
    from pos_app.services.checkout import CheckoutService
    from pos_app.services.simulator import Simulator

    cfg = _config(args)
    settings = checkout_settings(cfg)
    if args.offline_cap_ore is not None:
        settings = replace(settings, offline_cap_ore=args.offline_cap_ore)
    if args.offline_after_s is not None:
        settings = replace(settings, offline_after_s=args.offline_after_s)
    if args.walkaway_s is not None:
        settings = replace(settings, walkaway_s=args.walkaway_s)
    from pos_app.services.staff import StaffService
    from pos_app.storage.checkpoint import WalCheckpointer

    engine = _engine(args)
    clock = SettableClock()
    staff = StaffService(engine, clock, settings)
    sim = Simulator(CheckoutService(engine, clock, settings), clock, staff)
    source = sys.stdin if args.script == "-" else open(args.script, encoding="utf-8", errors="replace")  # noqa: SIM115
    checkpointer = WalCheckpointer(_config(args).db_path)  # as the kiosk runs: WAL checkpoints off the sales
    checkpointer.start()
    try:
        with source:
            for event in sim.run(source):
                _print_json(event)
                sys.stdout.flush()
    finally:
        checkpointer.stop()
    return EXIT_OK


def cmd_import_snapshot(args: argparse.Namespace) -> int:
    from pos_app.services.snapshots import import_full_snapshot

    synced_at = datetime.now(UTC)
    if args.synced_at:
        try:
            synced_at = datetime.fromisoformat(args.synced_at.replace("Z", "+00:00"))
        except ValueError:
            raise UserFacingError("bad_time", f"--synced-at is not an RFC 3339 time: {args.synced_at}") from None
        if synced_at.tzinfo is None:
            raise UserFacingError("bad_time", "--synced-at needs an offset (e.g. +01:00 or Z)")
    try:
        doc = json.loads(Path(args.file).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserFacingError("snapshot_error", f"cannot read snapshot {args.file}: {exc}") from exc
    counts = import_full_snapshot(_engine(args), doc, synced_at)
    print(f"imported {counts['children']} children, {counts['cards']} cards, "
          f"{counts['products']} products, {counts['staff']} staff")  # fmt: skip
    return EXIT_OK


def _existing_ledger(args: argparse.Namespace) -> Any:
    """An existing kiosk ledger (migrated to head like the kiosk does); anything else is bad input."""
    from contextlib import closing

    from pos_app.storage.db import open_ledger_db

    path = _config(args).db_path
    if not path.is_file():
        raise UserFacingError("not_a_ledger", f"no kiosk ledger at {path}")
    import sqlite3

    try:  # read-only, as it is: nothing about the file may change before it is known to be a ledger
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as probe:
            revision = probe.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        raise UserFacingError("not_a_ledger", f"{path} is not a kiosk ledger ({exc}); nothing was changed") from exc
    if revision is None:
        raise UserFacingError("not_a_ledger", f"{path} is not a kiosk ledger (no schema revision); nothing was changed")
    return open_ledger_db(path)


def cmd_journal(args: argparse.Namespace) -> int:
    from pos_app.services.journal import export_journal, verify_journal

    engine = _existing_ledger(args)
    if args.verify:
        result = verify_journal(engine)
        if result.problem:
            print(f"journal broken at seq {result.problem.seq}: {result.problem.problem}")
            return EXIT_FAIL
        if result.figures_problem:
            print(result.figures_problem)
            return EXIT_FAIL
        print(f"journal ok: {result.count} transactions, head seq {result.head_seq} hash {result.head_hash}")
        return EXIT_OK
    for item in export_journal(engine):
        _print_json(item)
    return EXIT_OK


def cmd_db(args: argparse.Namespace) -> int:
    from pos_app.storage.db import current_revision, make_engine, upgrade

    cfg = _config(args)
    cfg.db_path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(cfg.db_path)
    before = current_revision(engine)
    upgrade(engine, args.revision)
    print(f"database {cfg.db_path}: {before or 'empty'} -> {current_revision(engine)}")
    return EXIT_OK


def cmd_devices(args: argparse.Namespace) -> int:
    from pos_app.bootstrap import make_card_reader, make_printer
    from pos_app.services.devices import RefusedCard, find_devices, read_one_card

    cfg = _config(args)
    if args.read_card:
        from drivers.pcsc import PcscCardReader

        reader = make_card_reader(cfg.devices, cfg.cards) or PcscCardReader(cfg.devices.card_reader_pattern or None)
        uid, status = read_one_card(reader, args.timeout)
        if isinstance(uid, RefusedCard):
            print(f"card {uid.uid} refused: not genuine ({uid.why})", file=sys.stderr)
            return EXIT_FAIL
        if uid is None:
            why = f" ({status.device}: {status.state.value} {status.detail})" if status else ""
            print(f"no card within {args.timeout:g} s{why}", file=sys.stderr)
            return EXIT_FAIL
        print(uid)
        return EXIT_OK
    printer = make_printer(cfg.devices)
    for device in find_devices(printer.name if printer else None):
        print(device.line())
    return EXIT_OK


def cmd_cards_verify_sun(args: argparse.Namespace) -> int:
    """A SUN message (the URL parameters of an NTAG 424 DNA tapped by a phone): valid → 0, else 1."""
    from drivers.ntag424 import verify_sun

    try:
        result = verify_sun(args.meta_key, args.file_key, args.picc, args.cmac)
    except ValueError as exc:
        print(f"club-kiosk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        _print_json({"valid": True, "uid": result.uid, "counter": result.counter} if result.valid else {"valid": False})
    elif result.valid:
        print(f"valid: card {result.uid}, read counter {result.counter}")
    else:
        print(f"not valid: {result.why}")
    return EXIT_OK if result.valid else EXIT_FAIL


def cmd_cards_personalise(args: argparse.Namespace) -> int:
    """Write the club record and the diversified keys to the blank NTAG 424 DNA on the reader."""
    from drivers.ntag424 import CardGone, Ntag424Error, PersonaliseOutcome, personalise
    from drivers.pcsc import mask, with_card
    from pos_app.config import read_master_key

    cfg = _config(args)
    cards = cfg.cards
    if cards.master_key_file is None or not cards.club_id:
        print("club-kiosk: cards personalise needs cards.master_key_file and cards.club_id (or finance.club) "
              "in the config", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    key = read_master_key(cards.master_key_file)  # ConfigError (exit 2) for a key file others can read
    if cards.portal_url:
        from drivers.ntag424 import sun_ndef_file

        try:
            sun_ndef_file(cards.portal_url)  # before a card is touched: the URL must fit the NDEF file
        except ValueError as exc:
            print(f"club-kiosk: cards.portal_url: {exc}", file=sys.stderr)
            return EXIT_USAGE
    uid_seen: list[str] = []

    def job(transmit: Any, uid: bytes) -> PersonaliseOutcome:
        uid_seen.append(uid.hex().upper())
        return personalise(transmit, uid, key, cards.club_id, sun_base_url=cards.portal_url or None)

    try:
        outcome = with_card(job, args.reader or cfg.devices.card_reader_pattern or None, args.timeout)
    except CardGone as exc:
        print(f"club-kiosk: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except Ntag424Error as exc:
        print(f"club-kiosk: the card refused personalisation: {exc}", file=sys.stderr)
        return EXIT_FAIL
    uid = uid_seen[-1] if uid_seen else ""
    log.info("cards personalise %s: %s", mask(uid), outcome.value)
    messages = {
        PersonaliseOutcome.PERSONALISED: f"card {uid} personalised for club {cards.club_id}"
        + (f"; a phone's tap opens {cards.portal_url}/foraeldre/kort" if cards.portal_url
           else "; no SUN (set cards.portal_url to switch it on)"),
        PersonaliseOutcome.ALREADY_OURS: f"card {uid} is already personalised for club {cards.club_id}: nothing written",  # noqa: E501,
        PersonaliseOutcome.OTHER_CLUB: f"card {uid} is personalised for another club (or another master key): refused",
        PersonaliseOutcome.NOT_NTAG424: f"card {uid} is not an NTAG 424 DNA: it cannot be a secure card",
    }  # fmt: skip
    ok = outcome in (PersonaliseOutcome.PERSONALISED, PersonaliseOutcome.ALREADY_OURS)
    if args.json:
        _print_json({"uid": uid, "outcome": outcome.value,
                     "sun": bool(cards.portal_url) and outcome is PersonaliseOutcome.PERSONALISED})
    else:
        print(messages[outcome], file=sys.stdout if ok else sys.stderr)
    return EXIT_OK if ok else EXIT_FAIL


def cmd_cards_sun_key(args: argparse.Namespace) -> int:
    """Write the club's SUN master key (derived one way from the card master key) to a new file, mode
    0600, for ``club-hub set-card-keys``: the hub can then check a phone's tap, never compute a card's
    tap key. The key is never printed."""
    from drivers.ntag424 import sun_master_key
    from pos_app.config import read_master_key

    cfg = _config(args)
    cards = cfg.cards
    if cards.master_key_file is None or not cards.club_id:
        print("club-kiosk: cards sun-key needs cards.master_key_file and cards.club_id (or finance.club) "
              "in the config", file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    key = read_master_key(cards.master_key_file)
    out = Path(args.out)
    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        print(f"club-kiosk: {out} exists: give a new file", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        print(f"club-kiosk: {out}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(sun_master_key(key, cards.club_id).hex() + "\n")
    print(f"the SUN key of club {cards.club_id} is in {out} (mode 0600): "
          f"club-hub set-card-keys --club {cards.club_id} --key-file {out}")
    return EXIT_OK


def cmd_sync(args: argparse.Namespace) -> int:
    import threading

    from pos_app.config import config_dir
    from pos_app.storage.db import open_ledger_db
    from sync.client import FinanceClient
    from sync.engine import EXIT_PERSON, SyncEngine
    from sync.errors import SyncError
    from sync.settings import read_finance_section, read_token, resolve

    config_path = Path(args.config) if getattr(args, "config", None) else config_dir() / "config.toml"
    try:
        settings = resolve({"url": args.url, "club": args.club, "kiosk": args.kiosk, "token_file": args.token_file,
                            "ca_bundle": args.ca_bundle}, read_finance_section(config_path))  # fmt: skip
        client = FinanceClient(settings.url, read_token(settings.token_file), settings.club_id, settings.kiosk_id,
                               timeout_s=settings.timeout_s, ca_bundle=settings.ca_bundle)  # fmt: skip
    except SyncError as exc:
        print(f"club-kiosk sync: {exc}", file=sys.stderr)
        return EXIT_PERSON
    from pos_app.storage.images import image_cache_for

    db_path = Path(args.db) if getattr(args, "db", None) else _config(args).db_path
    engine = SyncEngine(open_ledger_db(db_path), client, images=image_cache_for(db_path))
    if args.watch:
        import signal

        from sync.service import SyncService

        done = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: done.set())
        service = SyncService(engine, settings.interval_s, on_outcome=_print_outcome)
        service.start()
        try:
            while not done.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
        service.stop()
        return EXIT_OK
    outcome = engine.run_once(budget_s=args.budget_s)
    _print_outcome(outcome)
    return outcome.exit_code


def _print_outcome(outcome: Any) -> None:
    r = outcome.result
    if r is not None:
        print(f"sync ok: uploaded {r.uploaded} (accepted {r.accepted}, duplicate {r.duplicate}, "
              f"rejected {len(r.rejected)}), card changes {r.card_changes}, day closings {r.closings}, "
              f"snapshot {r.snapshot}, finance side has applied seq {r.applied_seq}", flush=True)  # fmt: skip
        for seq, txn_id, reason in r.rejected:
            print(f"warning: seq {seq} ({txn_id}) rejected by the finance side: {reason}", file=sys.stderr)
    else:
        what = "a person must act" if outcome.exit_code == 2 else "try again later"
        print(f"sync failed ({what}): {outcome.error}", file=sys.stderr, flush=True)


def cmd_friplads(args: argparse.Namespace) -> int:
    from pos_app.services.fripladscalc import calculate

    result = calculate(args.year, args.income_month, args.children, args.single)
    doc = {"subsidy_pct": result.subsidy_pct, "parent_share_pct": result.parent_share_pct, "year": result.year,
           "confirmed": result.confirmed, "yearly_income_kr": result.yearly_income_kr,
           "lower_threshold_kr": result.lower_kr, "upper_threshold_kr": result.upper_kr}  # fmt: skip
    if args.json:
        _print_json(doc)
    else:
        note = "" if result.confirmed else " (figures for this year are not confirmed)"
        print(f"friplads {result.subsidy_pct} %, the parents pay {result.parent_share_pct} %{note}")
    return EXIT_OK


def cmd_demo_snapshot(args: argparse.Namespace) -> int:
    from pos_app.services.demo import demo_snapshot

    _print_json(demo_snapshot())
    return EXIT_OK


def cmd_render_screens(args: argparse.Namespace) -> int:
    import re

    m = re.fullmatch(r"(\d{3,5})x(\d{3,5})", args.size)
    if not m or not 0.5 <= args.scale <= 4:
        print("club-kiosk: --size must be WxH (e.g. 1280x800) and --scale 0.5..4", file=sys.stderr)
        return EXIT_USAGE
    from pos_app.ui.render import render_screens

    for path in render_screens(int(m[1]), int(m[2]), args.scale, args.lang, Path(args.outdir)):
        print(path)
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="club-kiosk", description="Club kiosk: cashless payments for clubs")
    parser.add_argument("--config", help="config file (default: the platform's config folder)")
    parser.add_argument("--demo", action="store_true", help="start on a fresh demo database")
    parser.add_argument("--windowed", action="store_true", help="a normal window instead of full screen")
    parser.add_argument("--lang", choices=["da", "en"], help="user interface language (default da)")
    parser.add_argument("--db", help="ledger database file (default from the config)")
    parser.add_argument("--self-check", action="store_true",
                        help="check the database, every asset and every screen (offscreen), then exit")  # fmt: skip
    parser.set_defaults(func=cmd_run)
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("run", help="start the kiosk (the default)")
    p.add_argument("--config", default=argparse.SUPPRESS)
    p.add_argument("--demo", action="store_true", default=argparse.SUPPRESS)
    p.add_argument("--windowed", action="store_true", default=argparse.SUPPRESS)
    p.add_argument("--lang", choices=["da", "en"], default=argparse.SUPPRESS)
    p.add_argument("--db", default=argparse.SUPPRESS)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("simulate", help="drive the checkout headless from JSON lines")
    p.add_argument("--db", required=True)
    p.add_argument("--config", default=argparse.SUPPRESS)
    p.add_argument("--offline-cap-ore", type=int, help="per-child offline spending cap per business day")
    p.add_argument("--offline-after-s", type=float, help="offline when the last sync is older (default 900)")
    p.add_argument("--walkaway-s", type=float, help="walk-away timeout in seconds (default 30)")
    p.add_argument("script", help="file of JSON lines, or - for standard input")
    p.set_defaults(func=cmd_simulate)

    p = sub.add_parser("import-snapshot", help="replace the cache with a full snapshot file")
    p.add_argument("--db", required=True)
    p.add_argument("--config", default=argparse.SUPPRESS)
    p.add_argument("--synced-at", help="RFC 3339 time of this sync (default: now)")
    p.add_argument("file")
    p.set_defaults(func=cmd_import_snapshot)

    p = sub.add_parser("journal", help="print the journal as JSON lines")
    p.add_argument("--db", required=True)
    p.add_argument("--config", default=argparse.SUPPRESS)
    p.add_argument("--verify", action="store_true", help="check seq, the hash chain and the running figures")
    p.set_defaults(func=cmd_journal)

    p = sub.add_parser("db", help="database maintenance")
    dbsub = p.add_subparsers(dest="db_command", required=True)
    up = dbsub.add_parser("upgrade", help="migrate the database to the newest schema")
    up.add_argument("--db", default=argparse.SUPPRESS)
    up.add_argument("--config", default=argparse.SUPPRESS)
    up.add_argument("--revision", default="head")
    up.set_defaults(func=cmd_db)

    p = sub.add_parser("devices", help="list card readers, serial ports and printers")
    p.add_argument("--config", default=argparse.SUPPRESS)
    p.add_argument("--read-card", action="store_true", help="wait for a card and print its UID")
    p.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for --read-card (default 10)")
    p.set_defaults(func=cmd_devices)

    p = sub.add_parser("cards", help="secure cards (NTAG 424 DNA): verify SUN messages, personalise cards")
    cardsub = p.add_subparsers(dest="cards_command", required=True)
    sp = cardsub.add_parser("verify-sun", help="check a SUN message (AN12196): exit 0 valid, 1 not")
    sp.add_argument("--meta-key", required=True, help="SDMMetaReadKey, 32 hex digits")
    sp.add_argument("--file-key", required=True, help="SDMFileReadKey, 32 hex digits")
    sp.add_argument("--picc", required=True, help="the encrypted PICC data, 32 hex digits")
    sp.add_argument("--cmac", required=True, help="the SDM MAC, 16 hex digits")
    sp.add_argument("--json", action="store_true", help='print {"valid": ..., "uid": ..., "counter": ...}')
    sp.set_defaults(func=cmd_cards_verify_sun)
    sp = cardsub.add_parser("personalise", help="write the club's keys and record to the blank card on the reader")
    sp.add_argument("--config", default=argparse.SUPPRESS)
    sp.add_argument("--reader", help="regular expression on the PC/SC reader name (default from the config)")
    sp.add_argument("--timeout", type=float, default=10.0, help="seconds to wait for a card (default 10)")
    sp.add_argument("--json", action="store_true", help='print {"uid": ..., "outcome": ...}')
    sp.set_defaults(func=cmd_cards_personalise)
    sp = cardsub.add_parser("sun-key", help="write the club's SUN key (for club-hub set-card-keys) to a new 0600 file")
    sp.add_argument("--config", default=argparse.SUPPRESS)
    sp.add_argument("--out", required=True, help="a new file (refused if it exists)")
    sp.set_defaults(func=cmd_cards_sun_key)

    p = sub.add_parser("sync", help="sync with the finance side (finance-sync-v1)")
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--once", action="store_true", help="one round; transient failures retried for 30 s")
    mode.add_argument("--watch", action="store_true", help="keep syncing")
    p.add_argument("--db", default=argparse.SUPPRESS)
    p.add_argument("--config", default=argparse.SUPPRESS)
    p.add_argument("--url")
    p.add_argument("--club")
    p.add_argument("--kiosk")
    p.add_argument("--token-file")
    p.add_argument("--ca-bundle", help="CA certificates to trust (TLS is always verified)")
    p.add_argument("--budget-s", type=float, default=30.0, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("friplads", help="the Danish friplads scale: income -> subsidy percentage")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--income-month", type=int, required=True, help="household income per month, whole kroner")
    p.add_argument("--children", type=int, required=True, help="children under 18 living at home")
    p.add_argument("--single", action="store_true", help="a single parent")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_friplads)

    p = sub.add_parser("demo-snapshot", help="print the demo club as a snapshot")
    p.set_defaults(func=cmd_demo_snapshot)

    p = sub.add_parser("render-screens", help="render the demo's child screens offscreen into PNG files")
    p.add_argument("--size", required=True, help="WxH in device pixels, e.g. 1280x800")
    p.add_argument("--scale", type=float, default=1.0, help="Qt's scale factor (default 1)")
    p.add_argument("--lang", choices=("da", "en"), default="da")
    p.add_argument("outdir")
    p.set_defaults(func=cmd_render_screens)
    return parser


def main(argv: list[str] | None = None) -> int:
    from pos_app.logging_setup import log_to_stderr

    args = build_parser().parse_args(argv)
    if args.func is not cmd_run:
        log_to_stderr()
    try:
        return int(args.func(args))
    except BrokenPipeError:
        # The reader went away (``club-kiosk journal | head -1``): that is the normal end, not an error.
        # Point stdout at /dev/null so the interpreter's final flush does not fail again (Python's docs).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except UserFacingError as exc:
        print(f"club-kiosk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KioskError as exc:
        print(f"club-kiosk: {exc}", file=sys.stderr)
        return EXIT_FAIL
    except Exception as exc:  # specific handlers first: this one only turns a finance settings error into words
        from sync.errors import SyncError

        if not isinstance(exc, SyncError):
            raise
        print(f"club-kiosk: finance settings: {exc}", file=sys.stderr)
        return EXIT_USAGE

if __name__ == "__main__":
    sys.exit(main())
