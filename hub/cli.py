"""``club-hub``: the hub's command line. Exit codes: 0 done, 1 ``check`` found problems, 2 bad input
(nothing changed)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_PROBLEMS, EXIT_INPUT = 0, 1, 2


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
    p = cmd("import-snapshot", "children, cards, products and staff from a snapshot file")
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
        if args.command == "serve":
            return serve(args)
    except HubInputError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{exc.strerror or exc}: {getattr(exc, 'filename', '')}")
    raise AssertionError(args.command)


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
