"""What runs outside web requests: ``run_once`` (low-balance mails queued, payments without an answer
looked up, the outbox sent) for ``club-hub send-mail``, and a thread that ``serve`` runs every minute."""

from __future__ import annotations

import logging
import os
import threading

from django.db import close_old_connections, transaction

from hub.families import mail, payments
from hub.families.models import ParentChild
from hub.ledger.models import Balance
from pos_app.domain.money import format_ore

log = logging.getLogger(__name__)


def low_balance_pass(public_url: str | None = None) -> int:
    """One mail per dip: a parent's child below the parent's amount, not yet told -> a mail queued and
    remembered; back at or above it -> forgotten, so the next dip mails again. Returns mails queued."""
    base = (public_url or os.environ.get("CLUB_HUB_PUBLIC_URL", "")).rstrip("/")
    queued = 0
    links = ParentChild.objects.filter(low_balance_ore__isnull=False, child__deleted=False).values_list(
        "pk", "child_id", "low_balance_ore", "low_balance_notified")
    balances = dict(Balance.objects.filter(child_id__in={c for _p, c, _l, _n in links}).values_list("child_id",
                                                                                                  "balance_ore"))
    for pk, child_pk, limit, notified in links:
        below = balances.get(child_pk, 0) < limit
        if below == notified:
            continue
        with transaction.atomic():
            link = ParentChild.objects.select_for_update().select_related("parent", "child").get(pk=pk)
            balance = Balance.objects.get(child_id=link.child_id).balance_ore
            below = link.low_balance_ore is not None and balance < link.low_balance_ore
            if below and not link.low_balance_notified and link.parent.email_confirmed_at is not None:
                mail.queue(link.parent.email, "low_balance", {
                    "name": link.parent.name, "child": link.child.display_name, "balance": format_ore(balance),
                    "limit": format_ore(link.low_balance_ore or 0),
                    "link": f"{base}/foraeldre/barn/{link.child_id}/" if base else "/foraeldre/"})  # fmt: skip
                link.low_balance_notified = True
                queued += 1
            elif not below and link.low_balance_notified:
                link.low_balance_notified = False
            else:
                continue
            link.save(update_fields=["low_balance_notified"])
    return queued


def run_once(smtp_url: str | None = None) -> mail.SendReport:
    low_balance_pass()
    payments.settle_stale()
    if not (smtp_url or os.environ.get("CLUB_HUB_SMTP_URL")):
        return mail.SendReport()
    return mail.send_pending(smtp_url)


def start_background(stop: threading.Event, interval_s: float = 60.0) -> threading.Thread:
    """``serve``'s minute job on its own thread (stopped by ``stop``); a failure is logged, never fatal."""

    def loop() -> None:
        while not stop.wait(interval_s):
            try:
                report = run_once()
                if report.sent or report.retry or report.failed:
                    log.info("families: mail sent %s, to retry %s, given up %s", report.sent, report.retry,
                             report.failed)  # fmt: skip
            except Exception:  # noqa: BLE001 - the job must keep running; the next minute tries again
                log.exception("families: the minute job failed")
            finally:
                close_old_connections()

    thread = threading.Thread(target=loop, name="families-minute-job", daemon=True)
    thread.start()
    return thread
