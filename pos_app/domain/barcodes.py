"""Barcode check digits (EAN-13, EAN-8, UPC-A, GTIN in general)."""

from __future__ import annotations


def gtin_check_ok(code: str) -> bool:
    """True when ``code`` is 8, 12 or 13 digits with a correct GS1 check digit."""
    if len(code) not in (8, 12, 13) or not code.isdigit():
        return False
    digits = [int(c) for c in code]
    body, check = digits[:-1], digits[-1]
    total = sum(d * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def looks_like_gtin(code: str) -> bool:
    return len(code) in (8, 12, 13) and code.isdigit()


def gtin_variants(code: str) -> tuple[str, ...]:
    """A UPC-A code is the EAN-13 with a leading 0: look both up."""
    if len(code) == 12:
        return (code, "0" + code)
    if len(code) == 13 and code.startswith("0"):
        return (code, code[1:])
    return (code,)
