"""Money in integer øre. Never a float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

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


def parse_kroner(text: str) -> int:
    """Parse ``12,50``, ``12.50``, ``1.234,00 kr`` or ``12`` into øre. Raises ValueError."""
    cleaned = text.strip().lower().removesuffix("kr").strip().replace(" ", "")
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(f"not an amount: {text!r}") from exc
    ore = value * 100
    if ore != ore.to_integral_value() or not value.is_finite():
        raise ValueError(f"more than two decimals: {text!r}")
    result = int(ore)
    if abs(result) > MAX_ABS_ORE:
        raise ValueError(f"amount out of range: {text!r}")
    return result


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
