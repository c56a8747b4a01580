"""Money in integer øre. Never a float."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_ABS_ORE = 1_000_000_000  # the contract's bound on any money field


def round_half_up_pct(amount_ore: int, pct: int) -> int:
    """``amount * pct / 100`` rounded half up to whole øre (the contract's rule).

    Only defined for non-negative amounts and 0 <= pct <= 100, as the contract uses it.
    """
    if type(amount_ore) is not int or type(pct) is not int:
        raise TypeError("round_half_up_pct takes int øre and an int percentage")
    if amount_ore < 0 or not 0 <= pct <= 100:
        raise ValueError("amount must be >= 0 and pct in 0..100")
    return (amount_ore * pct + 50) // 100


def format_ore(ore: int) -> str:
    """Danish display: ``1250`` -> ``12,50 kr``; ``123400`` -> ``1.234,00 kr``; ``-50`` -> ``-0,50 kr``."""
    if type(ore) is not int:
        raise TypeError(f"money must be int øre, not {type(ore).__name__}")
    sign = "-" if ore < 0 else ""
    kroner, rest = divmod(abs(ore), 100)
    groups = f"{kroner:,}".replace(",", ".")
    return f"{sign}{groups},{rest:02d} kr"


class AmountError(ValueError):
    """Text that is not an amount of kroner. ``reason`` is a short key the UI turns into words."""

    def __init__(self, reason: str, text: str) -> None:
        super().__init__(f"{reason}: {text!r}")
        self.reason = reason  # empty, malformed, ambiguous, too_many_decimals, negative, too_large


# Danish: "." groups thousands (always three digits after it), "," starts the øre (one or two digits).
_PLAIN = re.compile(r"\d+(?:,\d{1,2})?")
_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d{1,2})?")
_AMBIGUOUS = re.compile(r"\d+(?:[.,]\d+)*")  # digits with separators, but not in one of the forms above


def parse_kroner(text: str, *, allow_negative: bool = False) -> int:
    """Danish kroner as people type them -> øre: ``1.000,50`` -> 100050, ``1.000`` -> 100000 (a thousand
    kroner), ``12,5`` -> 1250, ``12`` -> 1200; an optional ``kr`` and a leading ``-`` (only when
    ``allow_negative``). Anything that could mean two things is refused rather than guessed: ``1.5``,
    ``1.00``, ``12,505``, ``1,000.50``. Raises AmountError (a ValueError) with the reason."""
    if not isinstance(text, str):
        raise AmountError("malformed", repr(text))
    cleaned = text.strip().lower().removesuffix("kr").strip().replace("\u00a0", "")
    if not cleaned:
        raise AmountError("empty", text)
    negative = cleaned.startswith("-")
    if negative:
        cleaned = cleaned[1:].strip()
    if _PLAIN.fullmatch(cleaned) is None and _GROUPED.fullmatch(cleaned) is None:
        if _AMBIGUOUS.fullmatch(cleaned) is None:
            raise AmountError("malformed", text)
        last = cleaned.rsplit(",", 1)[-1] if "," in cleaned and "." not in cleaned.rsplit(",", 1)[-1] else ""
        raise AmountError("too_many_decimals" if last and cleaned.count(",") == 1 and len(last) > 3
                          else "ambiguous", text)  # fmt: skip
    kroner, _, ore_text = cleaned.replace(".", "").partition(",")
    ore = int(kroner) * 100 + int(ore_text.ljust(2, "0") if ore_text else "0")
    if negative and ore:
        if not allow_negative:
            raise AmountError("negative", text)
        ore = -ore
    if abs(ore) > MAX_ABS_ORE:
        raise AmountError("too_large", text)
    return ore


@dataclass(frozen=True, slots=True, order=True)
class Money:
    """An amount of integer øre; refuses anything that is not an int (bool included)."""

    ore: int

    def __post_init__(self) -> None:
        if type(self.ore) is not int:
            raise TypeError(f"Money takes int øre, not {type(self.ore).__name__}")

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.ore + other.ore)

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.ore - other.ore)

    def __neg__(self) -> Money:
        return Money(-self.ore)

    def __mul__(self, qty: int) -> Money:
        if type(qty) is not int:
            return NotImplemented
        return Money(self.ore * qty)

    def pct(self, pct: int) -> Money:
        return Money(round_half_up_pct(self.ore, pct))

    def __str__(self) -> str:
        return format_ore(self.ore)
