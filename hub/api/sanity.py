"""What the contract's schema allows but the hub's database cannot hold, found by fuzzing (each was a
500): a timestamp whose UTC offset is beyond what exists (PostgreSQL refuses offsets past ±15:59; the
world's are -12:00..+14:00) or that leaves the calendar when moved to UTC, and an integer beyond a
64-bit column (a day closing's ``z_number`` beyond a 32-bit one), and a number written with a decimal
point or exponent (``1500.0``, ``1e10``: JSON Schema counts them as integers, but every number in the
contract is a whole number, money is integer øre, and a float must never reach it). Such a body is
``400 malformed`` with the field named, before anything is stored — a choice where the contract is
silent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

MAX_OFFSET = timedelta(hours=14)
INT64 = 2**63 - 1
INT32_FIELDS = {"z_number": 2**31 - 1}


def _time_problem(text: str) -> str | None:
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None  # not a timestamp: the schema's and the rules' business
    offset = when.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        return "a UTC offset beyond ±14:00"
    try:
        when.astimezone(UTC)
    except (OverflowError, ValueError):
        return "outside the calendar in UTC"
    return None


def problem(doc: Any, where: str = "") -> str | None:
    """The first value the hub cannot store, as ``field: what``; None when all is well."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            name = f"{where}.{key}" if where else str(key)
            if isinstance(value, bool):
                continue
            if isinstance(value, float):
                return f"{name}: a whole number without a decimal point or exponent"
            if isinstance(value, int):
                if abs(value) > INT64 or value > INT32_FIELDS.get(key, INT64):
                    return f"{name}: too large"
            elif isinstance(value, str) and key.endswith("_at"):
                found = _time_problem(value)
                if found:
                    return f"{name}: {found}"
            else:
                found = problem(value, name)
                if found:
                    return found
    elif isinstance(doc, list):
        for n, value in enumerate(doc):
            if isinstance(value, float):
                return f"{where}[{n}]: a whole number without a decimal point or exponent"
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) > INT64:
                return f"{where}[{n}]: too large"
            found = problem(value, f"{where}[{n}]")
            if found:
                return found
    return None
