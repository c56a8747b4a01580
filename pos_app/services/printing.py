"""Receipts and reports as documents, a durable print queue, and the printer worker thread.

A sale's receipt is queued in the same database transaction as the sale; the worker prints
queued documents in order on its own thread. A printer that is off, out of paper or stalled
never blocks a sale and never loses a receipt: the job stays queued and is retried with
backoff, and staff see the printer's status.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, Engine, insert, select, update

from drivers.printing import Document, PrinterError
from drivers.protocols import DeviceState, DeviceStatus, ReceiptPrinter
from pos_app.domain.money import format_ore
from pos_app.storage.models import PrintJobRow, table
from pos_app.threads import WakeableWorker, direct_call

log = logging.getLogger(__name__)

_jobs = table(PrintJobRow)
_I_JOB = insert(_jobs)

CATEGORY_NAMES = {"food": "Mad", "drink": "Drikke", "snack": "Snacks", "trip": "Ture"}


@dataclass(frozen=True, slots=True)
class ReceiptSettings:
    club_name: str = "Klubben"
    kiosk_id: str = "kiosk"
    tz: ZoneInfo = ZoneInfo("Europe/Copenhagen")
    columns: int = 42
    receipt_qr: str = "{txn_id}"  # what the receipt's QR code carries; may be a URL with {txn_id}
    signup_url: str = "https://example.invalid/tilmeld?kort={card_code}"


class Receipts:
    """Builds every printed document from one model (Document)."""

    def __init__(self, settings: ReceiptSettings, product_names: Callable[[], Mapping[str, str]]) -> None:
        self.s = settings
        self._product_names = product_names

    def _head(self, title: str, when_iso: str) -> Document:
        doc = Document(columns=self.s.columns).title(self.s.club_name).text(title, bold=True)
        when = datetime.fromisoformat(when_iso).astimezone(self.s.tz)
        doc.pair(when.strftime("%d.%m.%Y %H:%M"), f"Kiosk {self.s.kiosk_id}")
        return doc

    def sale(self, txn: Mapping[str, Any], display_name: str, balance_ore: int) -> Document:
        """The child's receipt: what was bought at the price paid. No friplads details."""
        names = self._product_names()
        doc = self._head("Kvittering", txn["occurred_at"]).text(f"Barn: {display_name}").rule()
        for line in txn["lines"]:
            name = names.get(line["product_id"], line["product_id"])
            doc.pair(f"{line['qty']} x {name}", format_ore(line["net_ore"]))
        doc.rule().pair("I alt", format_ore(txn["net_ore"]), bold=True)
        doc.pair("Ny saldo", format_ore(balance_ore))
        return self._tail(doc, txn)

    def topup(self, txn: Mapping[str, Any], display_name: str, balance_ore: int, staff_name: str) -> Document:
        doc = self._head("Kontant indbetaling", txn["occurred_at"]).text(f"Barn: {display_name}").rule()
        doc.pair("Indbetalt", format_ore(txn["net_ore"]), bold=True).pair("Ny saldo", format_ore(balance_ore))
        doc.text(f"Modtaget af: {staff_name}")
        return self._tail(doc, txn)

    def _tail(self, doc: Document, txn: Mapping[str, Any]) -> Document:
        doc.text(f"Nr. {txn['seq']}").text(f"{txn['txn_id']}")
        doc.qr(self.s.receipt_qr.format(txn_id=txn["txn_id"]))
        return doc

    def welcome(self, display_name: str, card_code: str) -> Document:
        doc = Document(columns=self.s.columns).title(self.s.club_name).text("Velkommen!", bold=True)
        doc.text(f"Til forældre til {display_name}").rule()
        doc.text("Dit barn betaler i klubbens kiosk med sit kort.")
        doc.text("Tilmeld jer og sæt penge ind her:")
        doc.pair("Kortkode", card_code, bold=True)
        doc.qr(self.s.signup_url.format(card_code=card_code))
        return doc

    def day_report(self, kind: str, report: Mapping[str, Any], by_product: Mapping[str, Any] | None = None,
                   by_category: Mapping[str, Any] | None = None) -> Document:  # fmt: skip
        """An X report (the day so far) or a Z report (the day closed), from the contract's figures."""
        title = f"Z-rapport nr. {report['z_number']}" if kind == "z" else "X-rapport"
        doc = Document(columns=self.s.columns).title(self.s.club_name).text(title, bold=True)
        doc.pair("Dag", str(report["business_date"])).pair("Kiosk", self.s.kiosk_id).rule()
        counts = report["counts"]
        for label, key in (("Salg", "sale"), ("Refusioner", "refund"), ("Annulleringer", "void"),
                           ("Kontant ind", "topup_cash"), ("Reguleringer", "adjustment")):  # fmt: skip
            doc.pair(label, str(counts.get(key, 0)))
        doc.rule()
        for label, key in (("Salg brutto", "sales_gross_ore"), ("Heraf friplads", "sales_subsidy_ore"),
                           ("Salg netto", "sales_net_ore"), ("Retur netto", "returns_net_ore"),
                           ("Kontant ind", "topup_cash_ore"), ("Reguleringer", "adjustments_ore"),
                           ("Byttepenge", "opening_float_ore"),
                           ("Kontant forventet", "cash_expected_ore")):  # fmt: skip
            doc.pair(label, format_ore(int(report[key])))
        if kind == "z":
            doc.pair("Kontant optalt", format_ore(report["cash_counted_ore"]))
            doc.pair("Difference", format_ore(report["cash_difference_ore"]), bold=True)
            doc.rule().pair("Grand total salg", format_ore(report["grand_total_sales_ore"]))
            doc.pair("Grand total retur", format_ore(report["grand_total_returns_ore"]))
            doc.text(f"Seq {report['first_seq']}-{report['last_seq']}").text(f"Hash {report['last_hash'][:32]}")
            doc.text(f"     {report['last_hash'][32:]}")
        if by_category:
            doc.rule().text("Pr. kategori", bold=True)
            for cat, fig in by_category.items():
                doc.pair(CATEGORY_NAMES.get(cat, cat), format_ore(int(fig["net_ore"])))
        if by_product:
            names = self._product_names()
            doc.rule().text("Pr. vare", bold=True)
            for pid, fig in by_product.items():
                doc.pair(f"{fig['qty']} x {names.get(pid, pid)}", format_ore(int(fig["net_ore"])))
        return doc

    def test_page(self) -> Document:
        doc = Document(columns=self.s.columns).title(self.s.club_name).text("Testudskrift", bold=True)
        doc.text("Æble, Øl, Åben: æ ø å Æ Ø Å").pair("12,50 kr", "1.234,00 kr").qr("club-kiosk test")
        return doc


@dataclass(frozen=True, slots=True)
class PrintJob:
    id: int
    kind: str
    ref: str | None
    document: Document
    attempts: int


class PrintQueue:
    """The durable queue (table print_jobs). Each method is one unit of work, or takes the caller's."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    @staticmethod
    def add(conn: Connection, kind: str, doc: Document, ref: str | None = None) -> None:
        conn.execute(_I_JOB, {"created_at": datetime.now(UTC).isoformat(), "kind": kind, "ref": ref,
                              "document": doc.to_json(), "status": "pending", "attempts": 0})  # fmt: skip

    def enqueue(self, kind: str, doc: Document, ref: str | None = None) -> None:
        with self._engine.begin() as conn:
            self.add(conn, kind, doc, ref)

    def next_pending(self) -> PrintJob | None:
        with self._engine.begin() as conn:
            row = conn.execute(
                select(_jobs.c.id, _jobs.c.kind, _jobs.c.ref, _jobs.c.document, _jobs.c.attempts)
                .where(_jobs.c.status == "pending").order_by(_jobs.c.id).limit(1)
            ).first()  # fmt: skip
        if row is None:
            return None
        return PrintJob(row.id, row.kind, row.ref, Document.from_json(row.document), row.attempts)

    def mark_printed(self, job_id: int) -> None:
        with self._engine.begin() as conn:
            conn.execute(update(_jobs).where(_jobs.c.id == job_id).values(
                status="printed", printed_at=datetime.now(UTC).isoformat(), attempts=_jobs.c.attempts + 1))  # fmt: skip

    def mark_failed(self, job_id: int, error: str) -> None:
        with self._engine.begin() as conn:
            conn.execute(update(_jobs).where(_jobs.c.id == job_id).values(
                last_error=error[:300], attempts=_jobs.c.attempts + 1))  # fmt: skip

    def pending_count(self) -> int:
        with self._engine.connect() as conn:
            return len(conn.execute(select(_jobs.c.id).where(_jobs.c.status == "pending")).all())

    def reprint(self, ref: str) -> bool:
        """Queue a copy of the newest document printed for ``ref`` (e.g. a txn_id). False if none."""
        with self._engine.begin() as conn:
            row = conn.execute(
                select(_jobs.c.document).where(_jobs.c.ref == ref, _jobs.c.kind != "copy")
                .order_by(_jobs.c.id.desc()).limit(1)
            ).first()  # fmt: skip
            if row is None:
                return False
            doc = Document.from_json(row.document)
            doc.blocks.insert(1, doc.blocks[0].__class__("text", "KOPI", bold=True))
            self.add(conn, "copy", doc, ref)
        return True


class PrinterWorker(WakeableWorker):
    """Prints queued jobs in order on its own thread; retries with backoff; reports status."""

    thread_name = "printer"

    def __init__(self, queue: PrintQueue, printer: ReceiptPrinter, on_status: Callable[[DeviceStatus], None],
                 db_call: Callable[[Callable[[], Any]], Any] = direct_call, max_backoff_s: float = 30.0,
                 idle_wait_s: float = 2.0) -> None:  # fmt: skip
        self.queue = queue
        self.printer = printer
        self._on_status = on_status
        self._db_call = db_call  # runs a database operation on the one database worker
        self.max_backoff_s = max_backoff_s
        self.idle_wait_s = idle_wait_s
        self.printed = 0
        super().__init__()

    def _status(self, status: DeviceStatus) -> None:
        try:
            self._on_status(status)
        except Exception:
            log.exception("printer status callback failed")

    def _run(self) -> None:
        backoff = 1.0
        while not self._stop.is_set():
            try:
                job = self._db_call(self.queue.next_pending)
            except Exception:
                log.exception("print queue unreadable")
                self._stop.wait(backoff)
                continue
            if job is None:
                self._wake.wait(self.idle_wait_s)
                self._wake.clear()
                continue
            try:
                self.printer.print_document(job.document)
            except PrinterError as exc:
                log.warning("print job %d (%s) failed: %s; retry in %.0f s", job.id, job.kind, exc, backoff)
                error = str(exc)
                self._db_call(partial(self.queue.mark_failed, job.id, error))
                self._status(DeviceStatus(self.printer.name, DeviceState.ERROR, str(exc)))
                self._stop.wait(backoff)
                backoff = min(backoff * 2, self.max_backoff_s)
                continue
            backoff = 1.0
            self._db_call(partial(self.queue.mark_printed, job.id))
            self.printed += 1
            self._status(DeviceStatus(self.printer.name, DeviceState.READY))
