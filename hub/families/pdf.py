"""PDFs with reportlab: a child's monthly statement, and welcome letters (one A4 page per child: the
kiosk's welcome-letter text and a QR code, made with ``qrcode``, to the hub's sign-up address)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

import qrcode
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from hub.clubs.models import Child
from hub.families.selectors import Statement
from pos_app.domain.money import format_ore

MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober",
          "november", "december"]  # fmt: skip
FONT, BOLD = "Helvetica", "Helvetica-Bold"  # the standard fonts carry æ, ø, å (WinAnsi)


def kr(ore: int) -> str:
    return format_ore(ore).replace("\xa0", " ")


def _clip(c: Canvas, text: str, font: str, size: float, width: float) -> str:
    if c.stringWidth(text, font, size) <= width:
        return text
    while text and c.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text + "…"


def statement(child: Child, st: Statement) -> bytes:
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, pageCompression=1)
    month_name = f"{MONTHS[st.month.month - 1]} {st.month.year}"
    c.setTitle(f"Opgørelse {month_name}")
    w, h = A4
    left, right = 18 * mm, w - 18 * mm

    def head() -> float:
        c.setFont(BOLD, 16)
        c.drawString(left, h - 22 * mm, f"{child.club.name}: opgørelse for {month_name}")
        c.setFont(FONT, 11)
        c.drawString(left, h - 29 * mm, f"Barn: {child.display_name}")
        return h - 40 * mm

    y = head()
    c.setFont(FONT, 11)
    # the summary adds up: start + paid in - spent + adjusted = end (friplads is information, not a movement)
    summary = (("Saldo ved månedens start", st.opening_ore), ("Indbetalt", st.paid_in_ore),
               ("Brugt i kiosken", -st.spent_ore), ("Reguleret af klubben", st.adjusted_ore))  # fmt: skip
    for label, value in summary:
        c.drawString(left, y, label)
        c.drawRightString(right, y, kr(value))
        y -= 6 * mm
    c.setStrokeColor(colors.grey)
    c.line(right - 40 * mm, y + 4 * mm, right, y + 4 * mm)
    c.setFont(BOLD, 11)
    c.drawString(left, y, "Saldo ved månedens slutning")
    c.drawRightString(right, y, kr(st.closing_ore))
    c.setFont(FONT, 11)
    y -= 6 * mm
    if st.subsidy_ore:
        c.drawString(left, y, "Friplads sparede jer (allerede trukket fra købene)")
        c.drawRightString(right, y, kr(st.subsidy_ore))
        y -= 6 * mm
    y -= 4 * mm
    # right edges of the three money columns, each wide enough for "-1.234,50 kr" and more at 9 pt
    money_w = max(c.stringWidth(kr(v), FONT, 9) for v in (-123_456_00, st.opening_ore, st.closing_ore))
    col_w = max(26 * mm, money_w + 4 * mm)
    saldo_r, amount_r, subsidy_r = right, right - col_w, right - 2 * col_w
    date_x, text_x = left, left + 25 * mm
    text_w = subsidy_r - col_w - text_x

    def header_row(y: float) -> float:
        c.setFont(BOLD, 9)
        c.drawString(date_x, y, "Dato")
        c.drawString(text_x, y, "Hvad")
        c.drawRightString(subsidy_r, y, "Friplads")
        c.drawRightString(amount_r, y, "Beløb")
        c.drawRightString(saldo_r, y, "Saldo")
        c.setStrokeColor(colors.grey)
        c.line(left, y - 2 * mm, right, y - 2 * mm)
        return y - 7 * mm

    y = header_row(y)
    c.setFont(FONT, 9)
    if not st.rows:
        c.drawString(left, y, "Ingen bevægelser i måneden.")
    for row in st.rows:
        if y < 20 * mm:
            c.showPage()
            y = header_row(head())
            c.setFont(FONT, 9)
        c.drawString(date_x, y, row.at.strftime("%d.%m. %H:%M"))
        c.drawString(text_x, y, _clip(c, row.text, FONT, 9, text_w))
        if row.subsidy_ore:
            c.drawRightString(subsidy_r, y, kr(row.subsidy_ore))
        c.drawRightString(amount_r, y, kr(row.amount_ore))
        c.drawRightString(saldo_r, y, kr(row.balance_ore))
        y -= 5.5 * mm
    c.showPage()
    c.save()
    return buf.getvalue()


@dataclass(frozen=True)
class Letter:
    club_name: str
    display_name: str
    code: str  # the one-time sign-up code (never the card's UID)
    url: str  # the hub's sign-up address with the code


def _qr(c: Canvas, data: str, x: float, y: float, size: float) -> None:
    """A QR code drawn as squares (vector, sharp in print), with its quiet zone inside ``size``."""
    qr = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    qr.add_data(data)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    cell = size / n
    c.setFillColor(colors.black)
    for r, row in enumerate(matrix):
        col = 0
        while col < n:  # each run of dark modules in a row as one rectangle
            if not row[col]:
                col += 1
                continue
            end = col
            while end < n and row[end]:
                end += 1
            c.rect(x + col * cell, y + size - (r + 1) * cell, (end - col) * cell, cell, stroke=0, fill=1)
            col = end


def welcome_letters(letters: Sequence[Letter], compress: bool = True) -> bytes:
    """One A4 page per child: the kiosk's welcome letter (``pos_app.services.printing.Receipts.welcome``
    words), the sign-up code and a QR code to the address."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4, pageCompression=1 if compress else 0)
    c.setTitle("Velkomstbreve")
    w, h = A4
    left = 25 * mm
    for letter in letters:
        c.setFont(BOLD, 22)
        c.drawString(left, h - 35 * mm, letter.club_name)
        c.setFont(BOLD, 18)
        c.drawString(left, h - 50 * mm, "Velkommen!")
        c.setFont(FONT, 13)
        y = h - 62 * mm
        for line in (f"Til forældre til {letter.display_name}", "",
                     "Dit barn betaler i klubbens kiosk med sit kort.",
                     "Tilmeld jer og sæt penge ind her:", "",
                     "Scan QR-koden med telefonens kamera, eller gå til",
                     letter.url.split("?")[0], "og skriv koden:"):  # fmt: skip
            c.drawString(left, y, line)
            y -= 7 * mm
        c.setFont(BOLD, 20)
        c.drawString(left, y - 4 * mm, letter.code)
        _qr(c, letter.url, left, y - 95 * mm, 80 * mm)
        c.setFont(FONT, 10)
        c.setFillColor(colors.grey)
        c.drawString(left, 34 * mm, "Koden kan bruges én gang og udløber efter 90 dage. Den anden forælder")
        c.drawString(left, 29 * mm, "inviteres bagefter fra jeres side.")
        c.setFont("Helvetica-Oblique", 10)  # the English text apart, so the Danish lines stay Danish
        c.drawString(left, 22 * mm, "In English: scan the QR code to sign up and top up. The code works once,")
        c.drawString(left, 17 * mm, "for 90 days; invite the other parent from your page afterwards.")
        c.setFillColor(colors.black)
        c.showPage()
    if not letters:
        c.showPage()
    c.save()
    return buf.getvalue()
