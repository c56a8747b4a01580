from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy

register = template.Library()

COLUMN_TITLES = {
    "club_id": gettext_lazy("Klub"), "date": gettext_lazy("Dag"), "business_date": gettext_lazy("Dag"),
    "sales_count": gettext_lazy("Køb"), "sales_net_ore": gettext_lazy("Salg"), "returns_net_ore": gettext_lazy("Retur"),
    "net_ore": gettext_lazy("Netto"), "product_id": gettext_lazy("Vare-id"),
    "product_name": gettext_lazy("Vare"), "qty": gettext_lazy("Antal"),
    "month": gettext_lazy("Måned"), "subsidy_ore": gettext_lazy("Tilskud"), "balance_ore": gettext_lazy("Saldi"),
    "kiosk_id": gettext_lazy("Kiosk"), "z_number": gettext_lazy("Z"), "cash_expected_ore": gettext_lazy("Forventet"),
    "cash_counted_ore": gettext_lazy("Optalt"), "cash_difference_ore": gettext_lazy("Difference"),
    "seq": gettext_lazy("Nr."), "kind": gettext_lazy("Slags"), "child_id": gettext_lazy("Barn"),
    "balance_delta_ore": gettext_lazy("Beløb"), "reason": gettext_lazy("Grund"), "decided_at": gettext_lazy("Modtaget"),
}  # fmt: skip


@register.filter
def column_title(column: str) -> Any:
    return COLUMN_TITLES.get(column, column)


@register.filter
def is_money(column: str) -> bool:
    return column.endswith("_ore")


@register.filter
def is_count(column: str) -> bool:
    return column in ("sales_count", "qty", "seq", "z_number")


@register.filter
def with_columns(row: list[Any], columns: list[str]) -> list[tuple[str, Any]]:
    return list(zip(columns, row, strict=True))
