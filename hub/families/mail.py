"""The mail outbox: mails are queued in the database (in the transaction of what caused them) and
leave through SMTP in ``send_pending`` (``club-hub send-mail``, and ``serve`` every minute), never
from inside a web request.

The SMTP server: ``CLUB_HUB_SMTP_URL`` = ``smtp://host:port`` (plain, as to a local relay) or
``smtps://user:password@host:port`` (TLS from the first byte, then a login). For the demo only,
``file:///absolute/path`` appends the mails to an mbox file instead (``scripts/kiosk`` uses it). The sender address:
``CLUB_HUB_MAIL_FROM`` (default ``club-hub@localhost``). A mail that fails is tried again after 1,
5, 15, 60 ... minutes, at most ``MAX_ATTEMPTS`` times; then it is marked failed (and logged).
Mails are in Danish, with the English text below (a parent's language is not known at a kiosk's
letter, and one mail serves both)."""

from __future__ import annotations

import logging
import os
import smtplib
import ssl
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from typing import Any
from urllib.parse import unquote, urlsplit

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hub.families.models import OutboxMail

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BACKOFF_MIN = (1, 5, 15, 60, 120, 240, 480)
CLAIM = timedelta(minutes=5)  # a sender's hold on a mail; after it another process may try

TEXTS: dict[str, tuple[str, str]] = {
    "confirm": (
        "Bekræft din e-mail / Confirm your e-mail",
        "Hej {name}\n\nBekræft din e-mail til klubbens kiosk ved at åbne linket:\n{link}\n\n"
        "Linket virker i 3 dage.\n\n---\nConfirm your e-mail for the club's kiosk by opening the link "
        "(valid for 3 days):\n{link}\n",
    ),
    "reset": (
        "Ny adgangskode / New password",
        "Hej {name}\n\nNogen (forhåbentlig dig) har bedt om en ny adgangskode. Vælg den her:\n{link}\n\n"
        "Har du ikke bedt om det, så gør ingenting.\n\n---\nSomeone (you, we hope) asked for a new "
        "password. Choose it here:\n{link}\nIf it was not you, do nothing.\n",
    ),
    "low_balance": (
        "Lav saldo på kiosk-kortet / Low balance on the kiosk card",
        "Hej {name}\n\nSaldoen for {child} er nu {balance}, under de {limit}, I har valgt.\n"
        "Sæt penge ind her: {link}\n\n---\nThe balance for {child} is now {balance}, below the {limit} "
        "you chose. Top up here: {link}\n",
    ),
}


def queue(to: str, kind: str, ctx: dict[str, Any]) -> OutboxMail:
    subject, body = TEXTS[kind]
    return OutboxMail.objects.create(to=to, kind=kind, subject=subject, body=body.format(**ctx))


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    tls: bool
    user: str | None
    password: str | None
    mbox: str | None = None  # file:///path: the demo's mailbox file instead of a server


class SmtpUrlError(ValueError):
    pass


def parse_smtp_url(url: str) -> SmtpServer:
    parts = urlsplit(url)
    if parts.scheme == "file" and parts.path.startswith("/") and not parts.netloc:
        return SmtpServer("", 0, False, None, None, mbox=unquote(parts.path))
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise SmtpUrlError("CLUB_HUB_SMTP_URL is smtp://host:port or smtps://user:password@host:port")
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 25)
    except ValueError:
        raise SmtpUrlError("CLUB_HUB_SMTP_URL has a bad port") from None
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    if parts.scheme == "smtp" and user:
        raise SmtpUrlError("a login (user:password@) only goes over TLS: use smtps://")
    return SmtpServer(parts.hostname, port, parts.scheme == "smtps", user, password)


def _claim(now: Any) -> list[int]:
    """The mails due now that no other sender holds, each claimed by a conditional update (so two
    ``serve`` processes, or ``send-mail`` beside ``serve``, never send one mail twice)."""
    due = OutboxMail.objects.filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now), sent_at__isnull=True,
                                    failed_at__isnull=True, next_attempt_at__lte=now)  # fmt: skip
    mine = []
    for pk, claimed in due.order_by("pk").values_list("pk", "claimed_until")[:200]:
        if OutboxMail.objects.filter(pk=pk, claimed_until=claimed, sent_at__isnull=True).update(
                claimed_until=now + CLAIM):
            mine.append(pk)
    return mine


@dataclass
class SendReport:
    sent: int = 0
    retry: int = 0
    failed: int = 0


def send_pending(smtp_url: str | None = None, sender: str | None = None) -> SendReport:
    """One pass over the mails that are due: each sent once, or its attempt counted for a retry."""
    server = parse_smtp_url(smtp_url or os.environ.get("CLUB_HUB_SMTP_URL", ""))
    sender = sender or os.environ.get("CLUB_HUB_MAIL_FROM", "club-hub@localhost")
    report = SendReport()
    ids = _claim(timezone.now())
    if not ids:
        return report
    conn: smtplib.SMTP | None = None
    try:
        for pk in ids:
            m = OutboxMail.objects.get(pk=pk)
            try:
                if conn is None:
                    conn = _connect(server)
                msg = EmailMessage()
                msg["From"], msg["To"], msg["Subject"] = sender, m.to, m.subject
                msg.set_content(m.body)
                conn.send_message(msg)
            except (OSError, smtplib.SMTPException) as exc:
                _failed(m, exc, report)
                if isinstance(exc, OSError | smtplib.SMTPServerDisconnected):
                    conn = None  # connect again for the next one
                continue
            OutboxMail.objects.filter(pk=pk).update(sent_at=timezone.now(), attempts=m.attempts + 1,
                                                    claimed_until=None, last_error="")  # fmt: skip
            report.sent += 1
            log.info("families: mail %s (%s) sent", pk, m.kind)
    finally:
        if conn is not None:
            try:
                conn.quit()
            except (OSError, smtplib.SMTPException):
                pass
    return report


class _Mbox:
    """The demo's "server": every mail appended to an mbox file (``file:///path``)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def send_message(self, msg: EmailMessage) -> None:
        import mailbox

        box = mailbox.mbox(self.path)
        try:
            box.lock()
            box.add(msg)
            box.flush()
        finally:
            box.unlock()
            box.close()

    def quit(self) -> None:
        pass


def _connect(server: SmtpServer) -> smtplib.SMTP:
    if server.mbox is not None:
        return _Mbox(server.mbox)  # type: ignore[return-value]
    if server.tls:
        conn: smtplib.SMTP = smtplib.SMTP_SSL(server.host, server.port, timeout=30,
                                              context=ssl.create_default_context())  # fmt: skip
        if server.user:
            conn.login(server.user, server.password or "")
        return conn
    return smtplib.SMTP(server.host, server.port, timeout=30)


@transaction.atomic
def _failed(m: OutboxMail, exc: BaseException, report: SendReport) -> None:
    attempts = m.attempts + 1
    error = f"{type(exc).__name__}: {exc}"[:500]
    if attempts >= MAX_ATTEMPTS:
        OutboxMail.objects.filter(pk=m.pk).update(attempts=attempts, failed_at=timezone.now(), claimed_until=None,
                                                  last_error=error)  # fmt: skip
        report.failed += 1
        log.error("families: mail %s (%s) given up after %s attempts: %s", m.pk, m.kind, attempts, error)
        return
    wait = timedelta(minutes=BACKOFF_MIN[min(attempts - 1, len(BACKOFF_MIN) - 1)])
    OutboxMail.objects.filter(pk=m.pk).update(attempts=attempts, next_attempt_at=timezone.now() + wait,
                                              claimed_until=None, last_error=error)  # fmt: skip
    report.retry += 1
    log.warning("families: mail %s (%s) not sent (attempt %s), tried again in %s: %s", m.pk, m.kind, attempts, wait,
                error)  # fmt: skip
