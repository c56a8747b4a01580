"""The friplads calculator with each year's thresholds from assets/data/friplads_thresholds.json."""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

from pos_app.domain.friplads import FripladsError, FripladsResult, Thresholds, friplads, load_thresholds
from pos_app.errors import UserFacingError


def _data_file() -> Path:
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "assets" / "data" / "friplads_thresholds.json"


@cache
def thresholds() -> dict[int, Thresholds]:
    return load_thresholds(json.loads(_data_file().read_text(encoding="utf-8")))


def calculate(year: int, income_month_kr: int, children: int, single: bool) -> FripladsResult:
    table = thresholds()
    if year not in table:
        known = ", ".join(str(y) for y in sorted(table))
        raise UserFacingError("friplads_no_year", f"no friplads thresholds for {year} (known: {known})")
    try:
        return friplads(table[year], income_month_kr, children, single)
    except FripladsError as exc:
        raise UserFacingError("friplads_input", str(exc)) from exc
