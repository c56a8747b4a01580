"""The ledger export's chart of accounts: which account number each kind of posting goes to.

The default below is documented in docs/finance.md; ``--accounts FILE`` (TOML) overrides any of it:

    [accounts]
    sales = "3000"
    kiosk_cash = "1000"

Every key must be one of ``DEFAULT``'s; a value is the account number as text (1-35 characters, the
SAF-T ``accID`` limit). A key left out keeps its default.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

# key: (account number, description). Numbers follow a common Danish chart (1xxx assets, 2xxx
# liabilities, 3xxx income, 7xxx other costs); the municipality's finance system maps its own.
DEFAULT: dict[str, tuple[str, str]] = {
    "kiosk_cash": ("1000", "Kasse i kiosker"),
    "office_cash": ("1010", "Kasse på kontoret"),
    "bank": ("1020", "Bank"),
    "provider": ("1030", "Betalingsformidler (mellemregning)"),
    "account_receivable": ("1100", "Tilgodehavender hos familier (regning)"),
    "subsidy_receivable": ("1300", "Fripladstilskud til gode hos kommunen"),
    "prepaid_balances": ("2100", "Forudbetalte saldi for familier (gæld)"),
    "opening_balances": ("2900", "Overførte saldi ved start"),
    "sales": ("3000", "Salg i kiosker (brutto)"),
    "returns": ("3050", "Returneringer og annulleringer (brutto)"),
    "adjustments": ("7900", "Reguleringer af saldi"),
    "cash_differences": ("7950", "Kassedifferencer"),
}


class AccountsError(ValueError):
    pass


@dataclass(frozen=True)
class Accounts:
    numbers: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.numbers[key]

    def described(self) -> list[tuple[str, str]]:
        """(number, description) of every account, sorted by number (a number named twice once)."""
        seen: dict[str, str] = {}
        for key, number in self.numbers.items():
            seen.setdefault(number, DEFAULT[key][1])
        return sorted(seen.items())


def default_accounts() -> Accounts:
    return Accounts({key: number for key, (number, _desc) in DEFAULT.items()})


def load_accounts(path: Path | None) -> Accounts:
    """The default, overridden by the file's ``[accounts]`` table. Raises AccountsError naming the problem."""
    numbers = dict(default_accounts().numbers)
    if path is None:
        return Accounts(numbers)
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise AccountsError(f"cannot read {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise AccountsError(f"{path} is not TOML: {exc}") from exc
    extra = set(doc) - {"accounts"}
    if extra:
        raise AccountsError(f"{path}: unknown table or key {sorted(extra)[0]!r} (only [accounts])")
    table = doc.get("accounts", {})
    if not isinstance(table, dict):
        raise AccountsError(f"{path}: accounts must be a table")
    for key, value in table.items():
        if key not in DEFAULT:
            raise AccountsError(f"{path}: unknown account {key!r} (known: {', '.join(sorted(DEFAULT))})")
        if not isinstance(value, str) or not 1 <= len(value) <= 35 or value != value.strip():
            raise AccountsError(f"{path}: account {key} must be a text of 1-35 characters, like \"3000\"")
        numbers[key] = value
    return Accounts(numbers)
