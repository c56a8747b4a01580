"""The CSV exports the finance department books: bills, subsidy, ledger. Each is written row by row
as the data is read (memory flat as the period grows) into a temporary file beside OUT, renamed to
OUT only when complete, so a failed export leaves no file and never half a file.

The same data gives the same bytes: rows are ordered by keys, never by time of reading. UTF-8
without a BOM, ``;`` between fields, ``\\r\\n`` after each row, a header row; amounts as øre
integers plus a kroner column (``1234,50``).

When a day of the period has no Z report from a kiosk that worked that day, the file starts with one
line per such day, ``# IKKE LUKKET: ...`` (not closed), before the header, and the command exits 3:
what is booked is still written, but the period is not final.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any

from hub.clubs.models import Club
from hub.finance import selectors
from hub.finance.accounts import Accounts
from hub.finance.selectors import OpenDay

BILLS_COLUMNS = ["club_id", "child_id", "display_name", "month", "net_sales_ore", "returns_ore", "subsidy_ore",
                 "amount_ore", "amount_kr"]  # fmt: skip
SUBSIDY_COLUMNS = ["club_id", "child_id", "display_name", "month", "friplads_pct", "subsidy_ore", "subsidy_kr"]
LEDGER_COLUMNS = ["date", "account", "debit_ore", "credit_ore", "club_id", "text", "source_id", "debit_kr",
                  "credit_kr"]  # fmt: skip
RETURNS = ("refund", "void")


class UnbalancedDay(RuntimeError):
    """The ledger export found a day whose debits and credits differ (a bug: nothing is written)."""


def kr(ore: int) -> str:
    """Øre as kroner for a spreadsheet: ``123450`` → ``1234,50``; ``-5`` → ``-0,05`` (no grouping)."""
    sign = "-" if ore < 0 else ""
    whole, rest = divmod(abs(ore), 100)
    return f"{sign}{whole},{rest:02d}"


@contextmanager
def atomic_output(out: Path, mode: str = "w") -> Iterator[IO[Any]]:
    """A temporary file in OUT's folder, renamed to OUT when the block ends without an error."""
    folder = out.parent if str(out.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
    os.close(fd)
    try:
        kwargs: dict[str, Any] = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
        with open(tmp, mode, **kwargs) as f:  # f.name is the temporary file's path
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _warn_lines(f: IO[str], open_: list[OpenDay]) -> None:
    for o in open_:
        f.write(f"# IKKE LUKKET: klub {o.club_id} kiosk {o.kiosk_id} dag {o.business_date.isoformat()} "
                f"har ingen Z-rapport (not closed: no Z report)\r\n")  # fmt: skip


def _writer(f: IO[str]) -> Any:
    return csv.writer(f, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)


def _month_sums(clubs: list[Club], first: date, last: date) -> dict[tuple[str, str], dict[str, int]]:
    """Per (club, child): net sales, returns (net of refunds and voids), subsidy (of sales less returns)."""
    sums: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: {"net": 0, "returns": 0, "subsidy": 0})
    for t in selectors.booked(clubs, first, last):
        s = sums[(t.club_id, t.child_id)]
        if t.kind == "sale":
            s["net"] += t.net_ore
            s["subsidy"] += t.subsidy_ore
        elif t.kind in RETURNS:
            s["returns"] += t.net_ore
            s["subsidy"] -= t.subsidy_ore
    return sums


def write_bills(out: Path, clubs: list[Club], month: str) -> list[OpenDay]:
    """One row per account-mode child (as the child is now) of the clubs for the month, and one per
    child with sales that month who is in account mode; ``amount_ore`` = net sales less returns."""
    first, last = selectors.month_range(month)
    open_ = selectors.open_days(clubs, first, last)
    sums = _month_sums(clubs, first, last)
    kids = selectors.children(clubs)
    keys = sorted(k for k, (_n, mode, deleted) in kids.items() if mode == "account" and (not deleted or k in sums))
    with atomic_output(out) as f:
        _warn_lines(f, open_)
        w = _writer(f)
        w.writerow(BILLS_COLUMNS)
        for club_id, child_id in keys:
            s = sums.get((club_id, child_id), {"net": 0, "returns": 0, "subsidy": 0})
            amount = s["net"] - s["returns"]
            w.writerow([club_id, child_id, kids[(club_id, child_id)][0], month, s["net"], s["returns"], s["subsidy"],
                        amount, kr(amount)])  # fmt: skip
    return open_


def write_subsidy(out: Path, clubs: list[Club], month: str) -> list[OpenDay]:
    """The friplads subsidy per child, club, month and percentage: sales' subsidy less the subsidy of
    refunds and voids booked that month, at the percentage the sale was made with (a refund copies its
    sale's). Only percentages above 0."""
    first, last = selectors.month_range(month)
    open_ = selectors.open_days(clubs, first, last)
    sums: dict[tuple[str, str, int], int] = defaultdict(int)
    for t in selectors.booked(clubs, first, last):
        if t.pct <= 0:
            continue
        if t.kind == "sale":
            sums[(t.club_id, t.child_id, t.pct)] += t.subsidy_ore
        elif t.kind in RETURNS:
            sums[(t.club_id, t.child_id, t.pct)] -= t.subsidy_ore
    kids = selectors.children(clubs)
    with atomic_output(out) as f:
        _warn_lines(f, open_)
        w = _writer(f)
        w.writerow(SUBSIDY_COLUMNS)
        for (club_id, child_id, pct), sub in sorted(sums.items()):
            name = kids.get((club_id, child_id), ("", "", False))[0]
            w.writerow([club_id, child_id, name, month, pct, sub, kr(sub)])
    return open_


# --- the ledger --------------------------------------------------------------------------------

Posting = tuple[str, int, int, str]  # account, debit, credit, text


def _family(acc: Accounts, mode: str) -> str:
    """Prepaid money is held for the family (a liability); account-mode spending is owed by it."""
    return acc["account_receivable"] if mode == "account" else acc["prepaid_balances"]


def _signed(debit_account: str, credit_account: str, amount: int, text: str) -> list[Posting]:
    """``amount`` from credit_account to debit_account; a negative amount the other way round."""
    if amount == 0:
        return []
    if amount > 0:
        return [(debit_account, amount, 0, text), (credit_account, 0, amount, text)]
    return [(credit_account, -amount, 0, text), (debit_account, 0, -amount, text)]


def kiosk_postings(acc: Accounts, t: selectors.Booked, mode: str) -> list[Posting]:
    fam = _family(acc, mode)
    where = f"{t.kiosk_id} nr. {t.seq}"
    if t.kind == "sale":
        text = f"Salg {where}"
        rows = [(fam, t.net_ore, 0, text), (acc["subsidy_receivable"], t.subsidy_ore, 0, text + " (friplads)"),
                (acc["sales"], 0, t.gross_ore, text)]  # fmt: skip
    elif t.kind in RETURNS:
        text = f"{'Refusion' if t.kind == 'refund' else 'Annullering'} {where}"
        rows = [(acc["returns"], t.gross_ore, 0, text), (fam, 0, t.net_ore, text),
                (acc["subsidy_receivable"], 0, t.subsidy_ore, text + " (friplads)")]  # fmt: skip
    elif t.kind == "topup_cash":
        return _signed(acc["kiosk_cash"], fam, t.net_ore, f"Kontant optankning {where}")
    elif t.kind == "adjustment":
        return _signed(acc["adjustments"], fam, int(t.item["balance_delta_ore"]), f"Regulering {where}")
    else:
        raise AssertionError(t.kind)
    return [r for r in rows if r[1] or r[2]]


def office_postings(acc: Accounts, e: selectors.OfficeEntry) -> list[Posting]:
    fam = _family(acc, e.payment_mode)
    if e.kind == "topup":
        # cash and bank are the office's; any other method (a payment provider's) goes to the provider's
        # clearing account
        account = {"cash": acc["office_cash"], "bank": acc["bank"]}.get(e.method or "", acc["provider"])
        return _signed(account, fam, e.amount_ore, f"Optankning på kontoret ({e.method})")
    if e.kind == "adjustment":
        return _signed(acc["adjustments"], fam, e.amount_ore, "Regulering på kontoret")
    if e.kind == "opening":
        return _signed(acc["opening_balances"], fam, e.amount_ore, "Overført saldo ved start")
    raise AssertionError(e.kind)


def closing_postings(acc: Accounts, kiosk_id: str, z_number: int, difference_ore: int) -> list[Posting]:
    """A Z report's cash difference: counted less than expected is a cost, more is an income."""
    text = f"Kassedifference {kiosk_id} Z {z_number}"
    return _signed(acc["kiosk_cash"], acc["cash_differences"], difference_ore, text)


def ledger_days(clubs: list[Club], first: date, last: date, acc: Accounts,
                day_done: Callable[[date, int, int], None] | None = None) -> Iterator[list[Any]]:  # fmt: skip
    """The ledger's rows, day by day (kiosk transactions, office entries, Z reports' cash differences).
    Raises UnbalancedDay if a day's debits and credits differ."""
    import json

    modes = selectors.payment_modes(clubs)
    for day in selectors.days(first, last):
        debit = credit = 0
        day_text = day.isoformat()
        sources: list[Iterator[tuple[str, str, list[Posting]]]] = [
            ((t.club_id, f"txn:{t.txn_id}", kiosk_postings(acc, t, modes.get((t.club_id, t.child_id), "prepaid")))
             for t in selectors.booked(clubs, day, day)),
            ((e.club_id, f"entry:{e.entry_id}", office_postings(acc, e)) for e in selectors.office_entries(clubs, day)),
            ((club_id, f"z:{z.closing_id}",
              closing_postings(acc, kiosk_id, z.z_number, int(json.loads(z.content)["cash_difference_ore"])))
             for club_id, kiosk_id, z in selectors.closings(clubs, day, day)),
        ]  # fmt: skip
        for source in sources:
            for club_id, source_id, postings in source:
                for account, d, c, text in postings:
                    debit += d
                    credit += c
                    yield [day_text, account, d, c, club_id, text, source_id, kr(d), kr(c)]
        if debit != credit:
            raise UnbalancedDay(f"{day_text}: debits {debit} øre, credits {credit} øre")
        if day_done is not None:
            day_done(day, debit, credit)


def write_ledger(out: Path, clubs: list[Club], first: date, last: date, acc: Accounts) -> list[OpenDay]:
    open_ = selectors.open_days(clubs, first, last)
    with atomic_output(out) as f:
        _warn_lines(f, open_)
        w = _writer(f)
        w.writerow(LEDGER_COLUMNS)
        for row in ledger_days(clubs, first, last, acc):
            w.writerow(row)
    return open_
