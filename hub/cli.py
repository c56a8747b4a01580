"""``club-hub``: the hub's command line. Exit codes: 0 done, 1 ``check`` found problems, 2 bad input
(nothing changed), 3 an export of a period with a day not closed yet (written, but not final)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT, EXIT_NOT_CLOSED = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="club-hub", description="The club hub: the server side of the kiosks' sync")
    sub = parser.add_subparsers(dest="command", required=True)

    def cmd(name: str, help_: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_)
        p.add_argument("--database", default=os.environ.get("CLUB_HUB_DATABASE_URL"),
                       help="sqlite:////abs/path.sqlite or postgresql://user@host:port/dbname "
                            "(default: $CLUB_HUB_DATABASE_URL)")  # fmt: skip
        return p

    cmd("migrate", "create or upgrade the schema")
    p = cmd("add-club", "add a club")
    p.add_argument("club_id")
    p.add_argument("name")
    p = cmd("add-kiosk", "add a kiosk (or give one a new token) and write its token to a new file, mode 0600")
    p.add_argument("--club", required=True)
    p.add_argument("kiosk_id")
    p.add_argument("--token-file", required=True, type=Path)
    p.add_argument("--rotate", action="store_true", help="replace an existing kiosk's token")
    p = cmd("revoke-kiosk", "revoke a kiosk's token at once (401 until add-kiosk --rotate gives it a new one)")
    p.add_argument("kiosk_id")
    p = cmd("import-snapshot", "children, cards, products and staff from a snapshot file")
    p.add_argument("--club", required=True)
    p.add_argument("file", type=Path)
    p = cmd("import-children", "children (and their cards) from a CSV file, as the back office's import: "
                               "all rows or none")  # fmt: skip
    p.add_argument("--club", required=True)
    p.add_argument("file", type=Path)
    p = cmd("add-user", "add a back-office user")
    p.add_argument("--role", required=True, choices=("finance", "leader", "staff"))
    p.add_argument("--club")
    p.add_argument("username")
    p.add_argument("--password-file", required=True, type=Path)
    p = cmd("add-image", "keep a product picture (PNG or JPEG, at most 512 KiB); prints its SHA-256")
    p.add_argument("--club", required=True)
    p.add_argument("file", type=Path)
    p = cmd("check", "verify every kiosk's hash chain and every balance, and what a restore lost (the trail)")
    p.add_argument("--trail", action="append", type=Path,
                   help="a trail file (repeat for several hosts; default: $CLUB_HUB_TRAIL)")  # fmt: skip
    p = cmd("signup-link", "print the families' sign-up address for one card (a new one-time code)")
    p.add_argument("--card", required=True, help="the card's UID or printed code")
    p.add_argument("--club", help="the card's club (needed only when several clubs have that card)")
    p.add_argument("--base-url", required=True, help="the hub's public address, e.g. https://hub.example.dk")
    p = cmd("set-card-keys", "store a club's SUN key (from club-kiosk cards sun-key), encrypted, for phone taps "
                             "on the parents' portal")  # fmt: skip
    p.add_argument("--club", required=True)
    p.add_argument("--key-file", required=True, type=Path, help="32 hex digits, mode 0600")
    cmd("send-mail", "one pass over the mail outbox (SMTP from $CLUB_HUB_SMTP_URL), with retries")
    p = sub.add_parser("export", help="files for the finance department and auditors (docs/finance.md)")
    exports = p.add_subparsers(dest="export", required=True)

    def export(name: str, help_: str, period: str) -> argparse.ArgumentParser:
        e = exports.add_parser(name, help=help_)
        e.add_argument("--database", default=os.environ.get("CLUB_HUB_DATABASE_URL"),
                       help="as for the other commands (default: $CLUB_HUB_DATABASE_URL)")  # fmt: skip
        e.add_argument("--club", action="append", help="a club id; repeat for several; leave out for every club")
        if period == "days":
            e.add_argument("--from", dest="first", required=True, metavar="YYYY-MM-DD")
            e.add_argument("--to", dest="last", required=True, metavar="YYYY-MM-DD")
        else:
            e.add_argument("--month", required=True, metavar="YYYY-MM")
        e.add_argument("out", type=Path, metavar="OUT")
        return e

    e = export("saft-cash-register", "SAF-T Cash Register XML (validated against its XSD before it is written)",
               "days")  # fmt: skip
    e.add_argument("--accounts", type=Path, help="account numbers (TOML); default in docs/finance.md")
    export("bills", "CSV: what each account-mode child's family owes for the month", "month")
    export("subsidy", "CSV: the friplads subsidy per child, club, month and percentage", "month")
    e = export("ledger", "CSV: a double-entry journal, every day balanced", "days")
    e.add_argument("--accounts", type=Path, help="account numbers (TOML); default in docs/finance.md")
    p = cmd("serve", "serve the API (waitress)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--page-size", type=int, default=1000, help="snapshot records per page")
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--trusted-proxy", default=os.environ.get("CLUB_HUB_TRUSTED_PROXY"),
                   help="the TLS proxy's address, whose X-Forwarded-Proto is believed (with CLUB_HUB_HTTPS=1; "
                        "default $CLUB_HUB_TRUSTED_PROXY, else 127.0.0.1)")  # fmt: skip
    p.add_argument("--channel-timeout", type=int, default=30,
                   help="close a connection idle (nothing sent or received) for this many seconds")  # fmt: skip
    return parser


def _setup(url: str, extra_host: str | None = None) -> None:
    from hub.dburl import database_from_url

    database_from_url(url)  # raises DatabaseUrlError before Django starts
    os.environ["CLUB_HUB_DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings"
    if extra_host:
        hosts = os.environ.get("CLUB_HUB_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
        os.environ["CLUB_HUB_ALLOWED_HOSTS"] = f"{hosts},{extra_host}"
    import django

    django.setup()


def _fail(message: str) -> int:
    print(f"club-hub: {message}", file=sys.stderr)
    return EXIT_INPUT


def _write_token(path: Path, token: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # never overwrites a file
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(token + "\n")
        f.flush()
        os.fsync(f.fileno())


def _read_secret(path: Path) -> str:
    return path.read_text(encoding="utf-8").rstrip("\r\n")


def run(args: argparse.Namespace) -> int:
    from django.core.management import call_command
    from django.db import transaction

    from hub.clubs import services
    from hub.clubs.services import HubInputError

    try:
        if args.command == "migrate":
            call_command("migrate", interactive=False, verbosity=1)
            return EXIT_OK
        if args.command == "add-club":
            services.add_club(args.club_id, args.name)
            print(f"club {args.club_id} added")
            return EXIT_OK
        if args.command == "add-kiosk":
            if args.token_file.exists() or args.token_file.is_symlink():
                return _fail(f"{args.token_file} exists: a token file is never overwritten")
            if not args.token_file.parent.is_dir():
                return _fail(f"no folder {args.token_file.parent}")
            with transaction.atomic():  # the token file is written before the kiosk is committed
                kiosk, token = services.add_kiosk(args.club, args.kiosk_id, rotate=args.rotate)
                _write_token(args.token_file, token)
            print(f"kiosk {kiosk.kiosk_id} {'has a new token' if args.rotate else 'added'}; "
                  f"its token is in {args.token_file}")  # fmt: skip
            return EXIT_OK
        if args.command == "revoke-kiosk":
            kiosk, now = services.revoke_kiosk(args.kiosk_id)
            if now:
                print(f"kiosk {kiosk.kiosk_id} revoked: its token answers 401 until add-kiosk --rotate")
            else:  # revoking twice is safe (exit 0), and says so
                print(f"kiosk {kiosk.kiosk_id} was already revoked; nothing changed")
            return EXIT_OK
        if args.command == "import-snapshot":
            try:
                doc: Any = json.loads(args.file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                return _fail(f"cannot read {args.file} as JSON: {exc}")
            report = services.import_snapshot(args.club, doc)
            for note in report.notes:
                print(note)
            print("created " + (json.dumps(report.created) if report.created else "nothing")
                  + "; updated " + (json.dumps(report.updated) if report.updated else "nothing")
                  + "; deleted " + (json.dumps(report.deleted) if report.deleted else "nothing")
                  + f"; unchanged {report.unchanged}")  # fmt: skip
            return EXIT_OK
        if args.command == "import-children":
            return _import_children(args.club, args.file)
        if args.command == "add-user":
            services.add_user(args.username, _read_secret(args.password_file), args.role, args.club)
            print(f"user {args.username} added ({args.role})")
            return EXIT_OK
        if args.command == "add-image":
            print(services.add_image(args.club, args.file.read_bytes()))
            return EXIT_OK
        if args.command == "check":
            from hub.ledger.selectors import problems
            from hub.safety import trail

            trails = args.trail or ([trail.trail_file()] if trail.trail_file() else [])
            missing = [str(t) for t in trails if t is not None and not t.is_file()]
            if missing:
                return _fail(f"no trail file {', '.join(missing)}")
            if not trails:
                print("club-hub: note: no trail (CLUB_HUB_TRAIL or --trail), so what a restore of the database lost "
                      "is not checked", file=sys.stderr)  # fmt: skip
            found = 0
            for problem in problems():
                print(problem)
                found += 1
            for problem in trail.problems(t for t in trails if t is not None):
                print(problem)
                found += 1
            print(f"{found} problem(s)")
            return EXIT_PROBLEMS if found else EXIT_OK
        if args.command == "signup-link":
            return _signup_link(args)
        if args.command == "set-card-keys":
            return _set_card_keys(args)
        if args.command == "send-mail":
            return _send_mail()
        if args.command == "serve":
            return serve(args)
        if args.command == "export":
            return export(args)
    except HubInputError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}: {getattr(exc, 'filename', '')}")
    raise AssertionError(args.command)


def _import_children(club_id: str, path: Path) -> int:
    """The back office's CSV import of children (``hub.office.csvimport``, the same columns and rules)
    from the command line: every row's errors on stderr and nothing saved (exit 2), or all rows saved
    in one transaction, one audit entry per new or changed child under the actor ``club-hub``."""
    from django.utils import translation

    from hub.clubs.models import Club
    from hub.office import csvimport
    from hub.office.services import OfficeError, import_children

    translation.activate("en")  # the office's messages, in English on the command line
    club = Club.objects.filter(club_id=club_id).first()
    if club is None:
        return _fail(f"no club {club_id}")
    data = path.read_bytes()
    try:
        plans = csvimport.plan(club, csvimport.parse(data))
    except csvimport.CsvFileError as exc:
        return _fail(f"{path}: {exc}")
    bad = [p for p in plans if p.errors]
    for p in bad:
        print(f"club-hub: {path}, line {p.line}: {' '.join(p.errors)}", file=sys.stderr)
    if bad:
        return _fail(f"{len(bad)} row(s) with errors: nothing imported")
    try:
        counts = import_children(club.pk, "club-hub", data)
    except OfficeError as exc:
        return _fail(exc.message)
    print(f"children: {counts['new']} new, {counts['changed']} changed, {counts['unchanged']} unchanged")
    return EXIT_OK


def _signup_link(args: argparse.Namespace) -> int:
    from urllib.parse import urlsplit

    from hub.clubs.models import Card
    from hub.families.services import FamilyError, card_signup_code
    from pos_app.domain.model import normalise_card

    base = args.base_url.rstrip("/")
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        return _fail("--base-url is the hub's address, http(s)://host[:port][/path]")
    cards = Card.objects.filter(card_uid=normalise_card(args.card.strip()), deleted=False).select_related("club")
    if args.club:
        cards = cards.filter(club__club_id=args.club)
    found = list(cards[:2])
    if not found:
        return _fail("no such card" + (f" in club {args.club}" if args.club else ""))
    if len(found) > 1:
        return _fail("several clubs have that card: give --club")
    try:
        code = card_signup_code(found[0], "cli")
    except FamilyError as exc:
        return _fail(exc.message)
    print(f"{base}/foraeldre/tilmeld?kode={code}")
    return EXIT_OK


def _set_card_keys(args: argparse.Namespace) -> int:
    """The club's SUN key into the database, encrypted under CLUB_HUB_SECRET_KEY (which must be set: a
    random one would make the stored key unreadable at the next start). The key is never printed."""
    from hub.clubs.models import Club
    from hub.families.sun import CardKeyError, read_key_file, set_club_key

    if not os.environ.get("CLUB_HUB_SECRET_KEY"):
        return _fail("set CLUB_HUB_SECRET_KEY (the same as for club-hub serve): the key is stored encrypted under it")
    club = Club.objects.filter(club_id=args.club).first()
    if club is None:
        return _fail(f"no club {args.club}")
    try:
        key = read_key_file(args.key_file)
    except CardKeyError as exc:
        return _fail(str(exc))
    replaced = set_club_key(club, key, "club-hub")
    print(f"the SUN key of club {club.club_id} {'replaced' if replaced else 'stored'} (encrypted)")
    return EXIT_OK


def _send_mail() -> int:
    from hub.families import jobs
    from hub.families.mail import SmtpUrlError

    if not os.environ.get("CLUB_HUB_SMTP_URL"):
        return _fail("set CLUB_HUB_SMTP_URL (smtp://host:port or smtps://user:password@host:port)")
    try:
        report = jobs.run_once()
    except SmtpUrlError as exc:
        return _fail(str(exc))
    print(f"sent {report.sent}; to retry {report.retry}; given up {report.failed}")
    return EXIT_OK if not report.retry and not report.failed else EXIT_PROBLEMS


def export(args: argparse.Namespace) -> int:
    """The finance exports: 0 written; 2 bad input, an invalid SAF-T file or an unbalanced day (no file);
    3 written, but a day of the period has no Z report yet (the file says so in its first lines)."""
    from datetime import date

    from hub.finance import exports, selectors
    from hub.finance.accounts import AccountsError, load_accounts
    from hub.finance.saft import SaftInvalid, write_saft

    if not args.out.parent.is_dir():
        return _fail(f"no folder {args.out.parent}")
    try:
        clubs = selectors.clubs_for(args.club)
        if hasattr(args, "first"):
            try:
                first, last = date.fromisoformat(args.first), date.fromisoformat(args.last)
            except ValueError:
                return _fail(f"--from and --to must be dates YYYY-MM-DD, not {args.first!r} and {args.last!r}")
            if first > last:
                return _fail("--from is after --to")
        accounts = load_accounts(getattr(args, "accounts", None))
        written = [args.out]
        if args.export == "saft-cash-register":
            if not clubs:
                return _fail("no clubs to export")
            written, open_ = write_saft(args.out, clubs, first, last, accounts)
        elif args.export == "ledger":
            open_ = exports.write_ledger(args.out, clubs, first, last, accounts)
        elif args.export == "bills":
            open_ = exports.write_bills(args.out, clubs, args.month)
        else:
            open_ = exports.write_subsidy(args.out, clubs, args.month)
    except (selectors.ExportInputError, AccountsError) as exc:
        return _fail(str(exc))
    except SaftInvalid as exc:
        return _fail(f"the SAF-T file would not be valid at element {exc.element}; nothing written: {exc}")
    except exports.UnbalancedDay as exc:
        return _fail(f"the ledger does not balance, nothing written: {exc}")
    for o in open_:
        print(f"club-hub: not closed: {o.text()}", file=sys.stderr)
    for path in written:
        print(f"wrote {path}")
    if open_:
        print(f"club-hub: {len(open_)} kiosk day(s) of the period have no Z report yet: the export is not final",
              file=sys.stderr)  # fmt: skip
        return EXIT_NOT_CLOSED
    return EXIT_OK


def serve(args: argparse.Namespace) -> int:
    import waitress
    from django.conf import settings
    from django.core.wsgi import get_wsgi_application

    from hub.api.contract import MAX_BODY, validators

    if args.page_size < 1:
        return _fail("--page-size must be at least 1")
    if not 1 <= args.channel_timeout <= 3600:
        return _fail("--channel-timeout must be 1..3600 seconds")
    settings.HUB_PAGE_SIZE = args.page_size
    validators()  # compiled once, before the first request
    application = get_wsgi_application()
    print(f"club-hub serving on http://{args.host}:{args.port}", flush=True)
    import threading

    from hub.families import jobs

    os.environ.setdefault("CLUB_HUB_PUBLIC_URL", f"http://{args.host}:{args.port}")
    stop = threading.Event()  # the families' minute job: low-balance mails, payment lookups, the outbox
    jobs.start_background(stop, float(os.environ.get("CLUB_HUB_JOB_INTERVAL_S", "60")))
    # waitress refuses bodies far above the contract's limit itself; the views answer 413 above 16 MiB.
    # Slow clients: waitress reads a whole request (headers and body, buffered) in its event loop before a
    # worker thread sees it, so a client trickling bytes holds no worker; a connection idle for
    # --channel-timeout seconds is closed (checked every cleanup_interval seconds).
    # Behind the TLS proxy (CLUB_HUB_HTTPS=1) only that proxy's X-Forwarded-Proto is believed; waitress drops
    # the header from anyone else, so a client cannot claim HTTPS (or dodge HSTS and Secure cookies) itself.
    proxy: dict[str, object] = {}
    if settings.HTTPS:
        proxy = {"trusted_proxy": args.trusted_proxy or "127.0.0.1", "trusted_proxy_count": 1,
                 "trusted_proxy_headers": {"x-forwarded-proto"}}  # fmt: skip
    waitress.serve(application, host=args.host, port=args.port, threads=args.threads, ident="club-hub",
                   max_request_body_size=MAX_BODY + 1024 * 1024, clear_untrusted_proxy_headers=True,
                   channel_timeout=args.channel_timeout, cleanup_interval=max(1, min(30, args.channel_timeout // 2)),
                   max_request_header_size=64 * 1024, **proxy)  # fmt: skip
    stop.set()
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not args.database:
        return _fail("give --database URL (or set CLUB_HUB_DATABASE_URL)")
    from hub.dburl import DatabaseUrlError

    try:
        _setup(args.database, args.host if args.command == "serve" else None)
    except DatabaseUrlError as exc:
        return _fail(str(exc))
    except ImportError as exc:  # the kiosk's install has no Django
        return _fail(f"{exc}: install the hub's extra (pip install -e '.[hub]')")
    return run(args)
