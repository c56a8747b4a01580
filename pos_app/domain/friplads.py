"""The Danish economic friplads scale: household income -> subsidy percentage (exact integer arithmetic)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class FripladsError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Thresholds:
    year: int
    lower_kr: int
    upper_kr: int
    single_parent_kr: int
    per_child_kr: int
    confirmed: bool


@dataclass(frozen=True, slots=True)
class FripladsResult:
    subsidy_pct: int
    parent_share_pct: int
    yearly_income_kr: int
    lower_kr: int  # the thresholds raised for this household
    upper_kr: int
    year: int
    confirmed: bool


def load_thresholds(doc: dict[str, Any]) -> dict[int, Thresholds]:
    out: dict[int, Thresholds] = {}
    for key, rec in doc.items():
        if key.startswith("_"):
            continue
        try:
            year = int(key)
            t = Thresholds(year, int(rec["lower_kr"]), int(rec["upper_kr"]), int(rec["single_parent_kr"]),
                           int(rec["per_child_kr"]), bool(rec["confirmed"]))  # fmt: skip
        except (KeyError, TypeError, ValueError) as exc:
            raise FripladsError(f"friplads thresholds for {key!r} are malformed") from exc
        if not 0 < t.lower_kr < t.upper_kr:
            raise FripladsError(f"friplads thresholds for {key}: lower must be below upper")
        out[year] = t
    return out


def friplads(thresholds: Thresholds, income_month_kr: int, children: int, single: bool) -> FripladsResult:
    """``I`` = 12 x monthly income; ``L'``, ``U'`` raised per extra child and for a single parent;
    ``I < L'`` -> 100 %; ``I >= U'`` -> 0 %; else ``95 - floor((I - L') * 95 / (U - L))`` %."""
    if type(income_month_kr) is not int or income_month_kr < 0:
        raise FripladsError("the monthly income must be whole kroner, 0 or more")
    if type(children) is not int or not 1 <= children <= 30:
        raise FripladsError("the number of children under 18 at home must be 1 or more")
    t = thresholds
    raise_kr = t.per_child_kr * (children - 1) + (t.single_parent_kr if single else 0)
    lower, upper = t.lower_kr + raise_kr, t.upper_kr + raise_kr
    income = 12 * income_month_kr
    if income < lower:
        pct = 100
    elif income >= upper:
        pct = 0
    else:
        pct = 95 - (income - lower) * 95 // (t.upper_kr - t.lower_kr)
    return FripladsResult(pct, 100 - pct, income, lower, upper, t.year, t.confirmed)
