"""Importing many children from a CSV file: read the file (``parse``), then decide for every row what
saving it would do against what is stored (``plan``). The preview page shows the plan; the service
``import_children`` plans again under the club's row lock and saves all rows or none.

The file: UTF-8 (with or without a BOM), ``;`` or ``,`` between fields (whichever splits the header
row into more fields), a header row naming the columns in any order:

- ``child_id`` (required): 1-64 of A-Z, a-z, 0-9, '.', '_' and '-'.
- ``display_name`` (required): 1-80 characters.
- ``payment_mode``: ``prepaid`` or ``account``.
- ``friplads_pct``: a whole percentage 0-100 (a trailing ``%`` is allowed).
- ``daily_limit_kr``, ``credit_limit_kr``: kroner the Danish way (``20,00``, ``1.000``), at least 0.
  In a ``,`` separated file an amount with a comma must be quoted (``"20,00"``).
- ``card_uid``: a card for the child, as the reader shows it (``04:A1:B2:...``) or a printed code;
  normalised as the kiosk does (upper case, spaces, ':' and '-' removed).

An optional column that is missing, or an empty cell, leaves that field as it is for an existing child
and gives a new child the default (prepaid, 0 %, no daily limit, 0 kr credit, no card). A file over
1 MiB or with more than 5,000 rows is refused as a whole.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from hub.clubs.models import Card, Child, Club
from pos_app.domain.model import ID_RE, is_card_uid, normalise_card
from pos_app.domain.money import AmountError, parse_kroner

MAX_BYTES = 1024 * 1024
MAX_ROWS = 5000
COLUMNS = ("child_id", "display_name", "payment_mode", "friplads_pct", "daily_limit_kr", "credit_limit_kr",
           "card_uid")  # fmt: skip
REQUIRED = ("child_id", "display_name")
PAYMENT_MODES = ("prepaid", "account")
NAME_MAX = Child._meta.get_field("display_name").max_length
DEFAULTS: dict[str, Any] = {"payment_mode": "prepaid", "friplads_pct": 0, "daily_limit_ore": None,
                            "credit_limit_ore": 0}  # fmt: skip


class CsvFileError(ValueError):
    """The file as a whole cannot be read (too big, not UTF-8, no usable header); nothing is shown."""


@dataclass
class Row:
    line: int  # the line in the file (the header is line 1)
    cells: dict[str, str]


@dataclass
class RowPlan:
    line: int
    child_id: str
    display_name: str
    action: str = "unchanged"  # new | changed | unchanged (only meaningful without errors)
    fields: dict[str, Any] = field(default_factory=dict)  # the child's fields this row sets
    changes: list[str] = field(default_factory=list)  # the names of the fields (and card) that change
    card_uid: str | None = None  # a card to give (None: none, or the child has it already)
    errors: list[str] = field(default_factory=list)


def parse(data: bytes) -> list[Row]:
    if len(data) > MAX_BYTES:
        raise CsvFileError(_("Filen er over 1 MiB. Del den op i flere filer."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvFileError(_("Filen er ikke UTF-8. Gem den som \"CSV UTF-8\" og prøv igen.")) from None
    lines = text.splitlines()
    header_line = next((ln for ln in lines if ln.strip()), "")
    if not header_line:
        raise CsvFileError(_("Filen er tom."))
    delimiter = ";" if header_line.count(";") >= header_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    header: list[str] | None = None
    rows: list[Row] = []
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in record]
                _check_header(header)
                continue
            if len(rows) >= MAX_ROWS:
                raise CsvFileError(_("Filen har over %(n)s rækker. Del den op i flere filer.") % {"n": "5.000"})
            line = reader.line_num
            if len(record) != len(header):
                rows.append(Row(line, {"__width__": str(len(record))}))
                continue
            rows.append(Row(line, {name: cell.strip() for name, cell in zip(header, record, strict=True)}))
    except csv.Error:
        raise CsvFileError(_("Filen kan ikke læses som CSV (linje %(line)s).") % {"line": reader.line_num}) from None
    if header is None:
        raise CsvFileError(_("Filen er tom."))
    if not rows:
        raise CsvFileError(_("Filen har ingen rækker under overskriften."))
    return rows


def _check_header(header: list[str]) -> None:
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise CsvFileError(_("Ukendt kolonne: %(cols)s. Kolonnerne er %(known)s.")
                           % {"cols": ", ".join(unknown), "known": ";".join(COLUMNS)})  # fmt: skip
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise CsvFileError(_("Kolonnen %(cols)s mangler.") % {"cols": ", ".join(missing)})
    if len(set(header)) != len(header):
        raise CsvFileError(_("En kolonne står to gange i overskriften."))


def _amount(text: str, errors: list[str], label: str) -> int | None:
    try:
        return parse_kroner(text)
    except AmountError:
        errors.append(_("%(col)s: \"%(text)s\" er ikke et beløb i kroner (fx 20,00).") % {"col": label, "text": text})
        return None


def _read_row(row: Row) -> RowPlan:
    """The row's own checks (no database)."""
    c = row.cells
    if "__width__" in c:
        return RowPlan(row.line, "", "", errors=[_("Rækken har et andet antal felter end overskriften.")])
    plan = RowPlan(row.line, c.get("child_id", ""), c.get("display_name", ""))
    errors = plan.errors
    if not ID_RE.fullmatch(plan.child_id):
        errors.append(_("Et barne-id er 1-64 tegn af A-Z, a-z, 0-9, '.', '_' og '-'."))
    if not plan.display_name:
        errors.append(_("Navnet mangler."))
    elif len(plan.display_name) > NAME_MAX:
        errors.append(_("Navnet er over %(n)s tegn.") % {"n": NAME_MAX})
    plan.fields["display_name"] = plan.display_name
    if mode := c.get("payment_mode", "").lower():
        if mode in PAYMENT_MODES:
            plan.fields["payment_mode"] = mode
        else:
            errors.append(_("Ukendt betaling \"%(mode)s\" (prepaid eller account).") % {"mode": c["payment_mode"]})
    if pct_text := c.get("friplads_pct", "").removesuffix("%").strip():
        if pct_text.isdigit() and 0 <= int(pct_text) <= 100:
            plan.fields["friplads_pct"] = int(pct_text)
        else:
            errors.append(_("Friplads er en procent fra 0 til 100, ikke \"%(text)s\".") % {"text": c["friplads_pct"]})
    if text := c.get("daily_limit_kr", ""):
        ore = _amount(text, errors, "daily_limit_kr")
        if ore is not None:
            plan.fields["daily_limit_ore"] = ore
    if text := c.get("credit_limit_kr", ""):
        ore = _amount(text, errors, "credit_limit_kr")
        if ore is not None:
            plan.fields["credit_limit_ore"] = ore
    if raw := c.get("card_uid", ""):
        uid = normalise_card(raw)
        if is_card_uid(uid):
            plan.card_uid = uid
        else:
            errors.append(_("Et kort-id er 8, 14 eller 20 hex-tegn (fra læseren) eller 6-32 af A-Z og 0-9."))
    return plan


def plan(club: Club, rows: list[Row]) -> list[RowPlan]:
    """What saving ``rows`` would do, row by row, with each row's errors. Reads the club's children and
    cards (the service calls it again under the club's row lock)."""
    plans = [_read_row(r) for r in rows]
    first_line: dict[str, int] = {}
    first_card: dict[str, int] = {}
    for p in plans:
        if p.child_id:
            if p.child_id in first_line:
                p.errors.append(_("Barne-id'et står også i linje %(line)s.") % {"line": first_line[p.child_id]})
            else:
                first_line[p.child_id] = p.line
        if p.card_uid:
            if p.card_uid in first_card:
                p.errors.append(_("Kortet står også i linje %(line)s.") % {"line": first_card[p.card_uid]})
            else:
                first_card[p.card_uid] = p.line
    ids = [p.child_id for p in plans if p.child_id]
    children = {c.child_id: c for c in Child.objects.filter(club=club, child_id__in=ids)}
    cards = {c.card_uid: c for c in Card.objects.filter(club=club, card_uid__in=list(first_card), deleted=False)}
    for p in plans:
        if not p.child_id:
            continue
        child = children.get(p.child_id)
        if child is not None and child.deleted:
            p.errors.append(_("Barne-id'et tilhørte et slettet barn og kan ikke bruges igen."))
            continue
        if p.card_uid and (card := cards.get(p.card_uid)) is not None:
            if card.child_id != p.child_id:
                p.errors.append(_("Kortet hører til et andet barn (eller intet barn) i klubben."))
            else:
                p.card_uid = None  # the child has it already
        if child is None:
            p.action = "new"
            p.fields = {**DEFAULTS, **p.fields}
            p.changes = []
        else:
            p.changes = [k for k, v in p.fields.items() if getattr(child, k) != v]
            p.action = "changed" if p.changes else "unchanged"
        if p.card_uid and child is not None:
            p.changes.append("card_uid")
            p.action = "changed"
    return plans


def has_errors(plans: list[RowPlan]) -> bool:
    return any(p.errors for p in plans)
