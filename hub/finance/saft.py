"""``club-hub export saft-cash-register``: a club's kiosks as SAF-T Cash Register (the Norwegian
schema v1.00, ``xsd/``): the company is the club, one ``cashregister`` per kiosk; its Z reports are
events (the day opened, the Z report with its figures, the day closed); every accepted and rejected
transaction of the period is a ``cashtransaction`` with its lines.

Mapping (choices where the schema leaves room; docs/finance.md says the same):
- ``nr``: the kiosk's seq; ``transID``: the txn_id without its hyphens (a UUID is 36 characters, the
  schema allows 35); ``signature``: the transaction's hash from the kiosk's chain, ``keyVersion``
  ``sha256-chain-v1`` (the contract's chain, not a key signature); ``transType`` the contract's kind.
- Amounts are kroner with two decimals; no VAT (the clubs sell without VAT): ``transAmntIn`` =
  ``transAmntEx``. A sale is credit (``C``), a refund or void debit (``D``), with ``voidTransaction``
  true for a void; a line's friplads subsidy is its ``discount`` (``dscTp`` ``friplads``).
- ``transDate``/``transTime`` when the kiosk made it (Europe/Copenhagen); ``bookDate``/``bookTime`` when
  the hub decided it; ``periodNumber`` the month; ``custSupID`` the child id (never a name);
  ``empID`` the staff id for a staff action. A rejected transaction (not booked) carries ``desc``
  ``afvist: <reason>``.
- Events: ``13019`` (other) "Dag åbnet" at the Z's ``opened_at``, ``13009`` the Z report, ``13019``
  "Dag lukket" at ``closed_at``. The kiosks' X reports are not sent to the hub, so none are here.
- ``dateCreated``/``timeCreated``: the newest decision or Z report in the file (so the same data gives
  the same bytes); the period's end at 00:00:00 when there is none.

The file is written to a temporary file as the rows are read, then validated against the XSD while
it is parsed again in a stream (lxml ``iterparse`` with the schema, elements dropped as they pass), and
only a valid file is renamed to OUT. An invalid one is removed: ``SaftInvalid`` names the element.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import IO, Any

from django.db.models import Max

from hub.api.models import DayClosing
from hub.clubs.models import Club, Kiosk, Product
from hub.finance import selectors
from hub.finance.accounts import Accounts
from hub.finance.exports import atomic_output
from hub.finance.selectors import LOCAL, OpenDay
from hub.ledger.models import KioskTransaction

NS = "urn:StandardAuditFile-Taxation-CashRegister:NO"
XSD = Path(__file__).parent / "xsd" / "Norwegian_SAF-T_Cash_Register_Schema_v_1.00.xsd"
SOFTWARE = "Club kiosk hub (club-hub)"
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


class SaftInvalid(ValueError):
    """The file would not be valid against the XSD; ``element`` names the first element that is not."""

    def __init__(self, element: str, message: str) -> None:
        super().__init__(message)
        self.element = element


@cache
def schema() -> Any:
    from lxml import etree

    return etree.XMLSchema(etree.parse(str(XSD)))


def _esc(text: object) -> str:
    s = _BAD_XML.sub("", str(text))
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def amount(ore: int) -> str:
    """Øre as the schema's Amount2decimals: ``1234.50``."""
    return str(Decimal(ore).scaleb(-2).quantize(Decimal("0.01")))


class Out:
    """A tiny indenting XML writer over a text file (escapes every text; no attributes are used)."""

    def __init__(self, f: IO[str]) -> None:
        self.f = f
        self.depth = 0

    def open(self, name: str) -> None:
        self.f.write(f"{'  ' * self.depth}<{name}>\n")
        self.depth += 1

    def close(self, name: str) -> None:
        self.depth -= 1
        self.f.write(f"{'  ' * self.depth}</{name}>\n")

    def leaf(self, name: str, value: object) -> None:
        if value is None:
            return
        self.f.write(f"{'  ' * self.depth}<{name}>{_esc(value)}</{name}>\n")

    def leaves(self, *pairs: tuple[str, object]) -> None:
        for name, value in pairs:
            self.leaf(name, value)


def _local(when: datetime) -> tuple[str, str]:
    loc = when.astimezone(LOCAL)
    return loc.date().isoformat(), loc.time().replace(microsecond=0).isoformat()


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _created(club: Club, first: date, last: date) -> tuple[str, str]:
    txn = KioskTransaction.objects.filter(kiosk__club=club, business_date__gte=first, business_date__lte=last)
    zs = DayClosing.objects.filter(kiosk__club=club, business_date__gte=first, business_date__lte=last)
    newest = [t for t in (txn.aggregate(m=Max("decided_at"))["m"], zs.aggregate(m=Max("received_at"))["m"]) if t]
    if not newest:
        return last.isoformat(), "00:00:00"
    return _local(max(newest))


PAYMENT = {"prepaid": "Saldo", "account": "Konto", "cash": "Kontant"}


def _z_report(out: Out, club: Club, kiosk: Kiosk, z: DayClosing, categories: dict[str, str],
              modes: dict[str, str]) -> None:  # fmt: skip
    c = json.loads(z.content)
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # category: qty, net (sales less returns)
    pays: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    returned: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # refund | void: count, net
    discounted = 0  # sale lines with a friplads subsidy (their sum is the Z's sales_subsidy_ore)
    if c["last_seq"]:
        rows = (KioskTransaction.objects.filter(kiosk=kiosk, seq__gte=c["first_seq"], seq__lte=c["last_seq"])
                .order_by("seq").values_list("content", flat=True))  # fmt: skip
        for content in rows.iterator(chunk_size=selectors.CHUNK):
            item = json.loads(content)
            sign = {"sale": 1, "refund": -1, "void": -1}.get(item["kind"])
            if sign is not None:
                if sign < 0:
                    returned[item["kind"]][0] += 1
                    returned[item["kind"]][1] += item["net_ore"]
                if sign > 0:
                    discounted += sum(1 for line in item["lines"] if line["subsidy_ore"])
                for line in item["lines"]:
                    g = groups[categories.get(line["product_id"], "ukendt")]
                    g[0] += sign * line["qty"]
                    g[1] += sign * line["net_ore"]
                p = pays[PAYMENT[modes.get(item["child_id"], "prepaid")]]
                p[0] += 1
                p[1] += sign * item["net_ore"]
            elif item["kind"] == "topup_cash":
                p = pays[PAYMENT["cash"]]
                p[0] += 1
                p[1] += item["net_ore"]
    closed_date, closed_time = _local(_parse(c["closed_at"]))
    out.open("eventReport")
    out.leaves(("reportID", f"Z{z.z_number}"), ("reportType", "Z report"), ("companyIdent", club.club_id),
               ("companyName", club.name), ("reportDate", closed_date), ("reportTime", closed_time),
               ("registerID", kiosk.kiosk_id))  # fmt: skip
    out.open("reportTotalCashSales")
    out.leaf("totalCashSaleAmnt", amount(c["sales_net_ore"] - c["returns_net_ore"]))
    out.close("reportTotalCashSales")
    out.open("reportArtGroups")
    for group, (qty, net) in sorted(groups.items()) or [("ingen", (0, 0))]:
        out.open("reportArtGroup")
        out.leaves(("artGroupID", group), ("artGroupNum", f"{qty}"), ("artGroupAmnt", amount(net)))
        out.close("reportArtGroup")
    out.close("reportArtGroups")
    out.open("reportPayments")
    for ptype, (num, paid) in sorted(pays.items()) or [("Saldo", (0, 0))]:
        out.open("reportPayment")
        out.leaves(("paymentType", ptype), ("paymentNum", num), ("paymentAmnt", amount(paid)))
        out.close("reportPayment")
    out.close("reportPayments")
    out.open("reportCashSalesVat")
    out.open("reportCashSaleVat")
    out.leaves(("vatCode", "0"), ("vatPerc", "0.000"),
               ("cashSaleAmnt", amount(c["sales_net_ore"] - c["returns_net_ore"])), ("vatAmnt", "0.00"))  # fmt: skip
    out.close("reportCashSaleVat")
    out.close("reportCashSalesVat")
    counts = c["counts"]
    out.leaves(("reportOpeningChangeFloat", amount(c["opening_float_ore"])),
               ("reportReceiptNum", sum(counts.values())), ("reportOpenCashBoxNum", counts.get("topup_cash", 0)),
               ("reportReceiptCopyNum", 0), ("reportReceiptCopyAmnt", "0.00"),
               ("reportReceiptProformaNum", 0), ("reportReceiptProformaAmnt", "0.00"),
               ("reportReturnNum", returned["refund"][0]), ("reportReturnAmnt", amount(returned["refund"][1])),
               ("reportDiscountNum", discounted), ("reportDiscountAmnt", amount(c["sales_subsidy_ore"])),
               ("reportVoidTransNum", returned["void"][0]),
               ("reportVoidTransAmnt", amount(returned["void"][1])))  # fmt: skip
    for outer, inner, fields in (
        ("reportCorrLines", "reportCorrLine",
         (("corrLineType", "ingen"), ("corrLineNum", 0), ("corrLineAmnt", "0.00"))),
        ("reportPriceInquiries", "reportPriceInquiry",
         (("priceInquiryGroup", "ingen"), ("priceInquiryNum", 0), ("priceInquiryAmnt", "0.00"))),
        ("reportOtherCorrs", "reportOtherCorr",
         (("otherCorrType", "kassedifference"), ("otherCorrNum", 1 if c["cash_difference_ore"] else 0),
          ("otherCorrAmnt", amount(c["cash_difference_ore"])))),
    ):  # fmt: skip
        out.open(outer)
        out.open(inner)
        out.leaves(*fields)
        out.close(inner)
        out.close(outer)
    out.leaves(("reportReceiptDeliveryNum", 0), ("reportReceiptDeliveryAmnt", "0.00"), ("reportTrainingNum", 0),
               ("reportTrainingAmnt", "0.00"))  # fmt: skip
    out.open("reportPayIns")
    out.open("reportPayIn")
    out.leaves(("payInType", "Kontant optankning"), ("payInNum", counts.get("topup_cash", 0)),
               ("payInAmnt", amount(c["topup_cash_ore"])))  # fmt: skip
    out.close("reportPayIn")
    out.close("reportPayIns")
    out.leaves(("reportGrandTotalSales", amount(c["grand_total_sales_ore"])),
               ("reportGrandTotalReturn", amount(c["grand_total_returns_ore"])),
               ("reportGrandTotalSalesNet",
                amount(c["grand_total_sales_ore"] - c["grand_total_returns_ore"])))  # fmt: skip
    out.close("eventReport")


def _events(out: Out, club: Club, kiosk: Kiosk, first: date, last: date, categories: dict[str, str],
            modes: dict[str, str]) -> None:  # fmt: skip
    zs = DayClosing.objects.filter(kiosk=kiosk, business_date__gte=first, business_date__lte=last).order_by("z_number")
    for z in zs.iterator(chunk_size=selectors.CHUNK):
        c = json.loads(z.content)
        for suffix, etype, at, text in (("open", "13019", c["opened_at"], "Dag åbnet"),
                                        ("z", "13009", c["closed_at"], None),
                                        ("close", "13019", c["closed_at"], "Dag lukket")):  # fmt: skip
            d, t = _local(_parse(at))
            out.open("event")
            out.leaves(("eventID", f"Z{z.z_number}-{suffix}"), ("eventType", etype), ("empID", c.get("closed_by")),
                       ("eventDate", d), ("eventTime", t), ("eventText", text))  # fmt: skip
            if suffix == "z":
                _z_report(out, club, kiosk, z, categories, modes)
            out.close("event")


def _transactions(out: Out, kiosk: Kiosk, first: date, last: date, categories: dict[str, str],
                  modes: dict[str, str]) -> None:  # fmt: skip
    rows = (KioskTransaction.objects.filter(kiosk=kiosk, business_date__gte=first, business_date__lte=last)
            .order_by("seq")
            .values_list("seq", "txn_id", "content", "status", "reason", "decided_at", "hash"))  # fmt: skip
    for seq, txn_id, content, status, reason, decided_at, chain in rows.iterator(chunk_size=selectors.CHUNK):
        item = json.loads(content)
        kind = item["kind"]
        credit = kind in ("sale", "topup_cash") or (kind == "adjustment" and item["balance_delta_ore"] >= 0)
        total = abs(item["balance_delta_ore"]) if kind == "adjustment" else item["net_ore"]
        tdate, ttime = _local(_parse(item["occurred_at"]))
        bdate, btime = _local(decided_at)
        out.open("cashtransaction")
        out.leaves(("nr", seq), ("transID", txn_id.replace("-", "")), ("transType", kind),
                   ("transAmntIn", amount(total)), ("transAmntEx", amount(total)), ("amntTp", "C" if credit else "D"),
                   ("empID", item["staff_id"]), ("custSupID", item["child_id"]),
                   ("periodNumber", int(item["business_date"][5:7])), ("transDate", tdate), ("transTime", ttime),
                   ("bookDate", bdate), ("bookTime", btime),
                   ("refID", item["refers_to"].replace("-", "") if item["refers_to"] else None),
                   ("desc", f"afvist: {reason}" if status == "rejected" else None))  # fmt: skip
        for n, line in enumerate(item["lines"], start=1):
            out.open("ctLine")
            out.leaves(("nr", n), ("lineID", n), ("lineType", "sale" if kind == "sale" else "return"),
                       ("artGroupID", categories.get(line["product_id"])), ("artID", line["product_id"]),
                       ("qnt", line["qty"]), ("lineAmntIn", amount(line["net_ore"])),
                       ("lineAmntEx", amount(line["net_ore"])), ("amntTp", "C" if kind == "sale" else "D"),
                       ("ppu", amount(line["unit_price_ore"])))  # fmt: skip
            if line["subsidy_ore"]:
                out.open("discount")
                out.leaves(("dscTp", "friplads"), ("dscAmnt", amount(line["subsidy_ore"])))
                out.close("discount")
            out.close("ctLine")
        if kind != "adjustment":
            method = "cash" if kind == "topup_cash" else modes.get(item["child_id"], "prepaid")
            out.open("payment")
            out.leaves(("paymentType", PAYMENT[method]), ("paidAmnt", amount(total)))
            out.close("payment")
        out.leaves(("signature", chain), ("keyVersion", "sha256-chain-v1"))
        if kind == "void":
            out.leaf("voidTransaction", "true")
        out.close("cashtransaction")


def _write(f: IO[str], club: Club, first: date, last: date, acc: Accounts, open_: list[OpenDay]) -> None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        software_version = version("club-kiosk")
    except PackageNotFoundError:
        software_version = "0"
    out = Out(f)
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    for o in open_:
        f.write(f"<!-- IKKE LUKKET: {_esc(o.text()).replace('--', '- -')} -->\n")
    f.write(f'<auditfile xmlns="{NS}">\n')
    out.depth = 1
    created_d, created_t = _created(club, first, last)
    out.open("header")
    out.leaves(("fiscalYear", f"{first.year}" if first.year == last.year else f"{first.year}-{last.year}"),
               ("startDate", first.isoformat()), ("endDate", last.isoformat()), ("curCode", "DKK"),
               ("dateCreated", created_d), ("timeCreated", created_t), ("softwareDesc", SOFTWARE),
               ("softwareVersion", software_version), ("softwareCompanyName", "Club kiosk (open source)"),
               ("auditfileVersion", "1.00"),
               ("headerComment", "; ".join(o.text() for o in open_)[:999] if open_ else None))  # fmt: skip
    out.close("header")
    out.open("company")
    out.leaves(("companyIdent", club.club_id), ("companyName", club.name), ("taxRegistrationCountry", "DK"))
    out.open("generalLedger")
    for number, desc in acc.described():
        out.open("ledgerAccount")
        out.leaves(("accID", number), ("accDesc", desc))
        out.close("ledgerAccount")
    out.close("generalLedger")
    products = list(Product.objects.filter(club=club).order_by("product_id").values_list(
        "product_id", "name", "category", "updated_at"))  # fmt: skip
    categories = {pid: cat for pid, _n, cat, _u in products}
    modes = {k: m for (_c, k), m in selectors.payment_modes([club]).items()}
    if products:
        out.open("articles")
        for pid, name, cat, updated in products:
            out.open("article")
            out.leaves(("artID", pid), ("dateOfEntry", _local(updated)[0]), ("artGroupID", cat), ("artDesc", name))
            out.close("article")
        out.close("articles")
        out.open("basics")
        for cat in sorted(set(categories.values())):
            out.open("basic")
            out.leaves(("basicType", "04"), ("basicID", cat), ("basicDesc", cat))
            out.close("basic")
        out.close("basics")
    out.open("location")
    out.leaf("name", club.name)
    for kiosk in Kiosk.objects.filter(club=club).order_by("kiosk_id"):
        out.open("cashregister")
        out.leaves(("registerID", kiosk.kiosk_id), ("regDesc", f"Kiosk {kiosk.kiosk_id}"))
        _events(out, club, kiosk, first, last, categories, modes)
        _transactions(out, kiosk, first, last, categories, modes)
        out.close("cashregister")
    out.close("location")
    out.close("company")
    f.write("</auditfile>\n")


def validate(path: Path) -> None:
    """Stream-validate ``path`` against the XSD (memory flat); raise SaftInvalid naming the element."""
    from lxml import etree

    try:
        for _event, elem in etree.iterparse(str(path), events=("end",), schema=schema(), huge_tree=True):
            elem.clear(keep_tail=True)
            parent = elem.getparent()
            if parent is not None:
                while elem.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        message = str(exc).replace("{" + NS + "}", "")
        found = re.search(r"Element '([^']+)'", message)
        raise SaftInvalid(found.group(1) if found else "?", message) from exc


def write_saft(out: Path, clubs: list[Club], first: date, last: date,
               acc: Accounts) -> tuple[list[Path], list[OpenDay]]:  # fmt: skip
    """One file per club: OUT itself for one club; ``<OUT stem>-<club id><suffix>`` beside it for several
    (a SAF-T file has exactly one company). Every file is validated before any is renamed into place."""
    open_all = selectors.open_days(clubs, first, last)
    targets = [out] if len(clubs) == 1 else [out.with_name(f"{out.stem}-{c.club_id}{out.suffix}") for c in clubs]
    staged: list[Iterator[None]] = []
    try:
        for club, target in zip(clubs, targets, strict=True):
            gen = _staged(target, club, first, last, acc, [o for o in open_all if o.club_id == club.club_id])
            next(gen)  # written and validated in the temporary file
            staged.append(gen)
    except BaseException:
        for gen in staged:
            gen.close()  # removes the temporary files
        raise
    for gen in staged:
        next(gen, None)  # renamed into place
    return targets, open_all


def _staged(target: Path, club: Club, first: date, last: date, acc: Accounts, open_: list[OpenDay]) -> Iterator[None]:
    with atomic_output(target) as f:
        _write(f, club, first, last, acc, open_)
        f.flush()
        validate(Path(f.name))
        yield

