from __future__ import annotations

from django import template

from pos_app.domain.money import format_ore

register = template.Library()


@register.filter
def kr(ore: int | None) -> str:
    """Integer øre in the kiosk's Danish form: ``1250`` -> ``12,50 kr`` (a no-break space before kr)."""
    if ore is None:
        return "–"
    return format_ore(int(ore)).replace(" kr", "\u00a0kr")


@register.filter
def as_json(value: object) -> str:
    """A before/after record for the audit page (escaped by the template like any text)."""
    import json

    return "–" if value is None else json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True)
