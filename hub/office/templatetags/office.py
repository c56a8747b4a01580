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


@register.filter
def reason_words(code: str | None) -> str:
    """A rejection's reason code as a sentence (``hub.office.words.REASONS``)."""
    from hub.office.words import REASONS, words

    return words(REASONS, code)


@register.filter
def reason_code(reason: str | None) -> str:
    """The code at the start of a stored rejection reason (``pricing: line 2`` -> ``pricing``)."""
    return (reason or "").partition(": ")[0]


@register.filter
def txn_kind(kind: str | None) -> str:
    from hub.office.words import TXN_KINDS, words

    return words(TXN_KINDS, kind)


@register.filter
def audit_action(action: str | None) -> str:
    from hub.office.words import AUDIT_ACTIONS, words

    return words(AUDIT_ACTIONS, action)


@register.filter
def field_words(names: list[str]) -> str:
    """The CSV preview's changed fields in words: ``["display_name"]`` -> ``navn``."""
    from hub.office.words import CHILD_FIELDS, words

    return ", ".join(words(CHILD_FIELDS, n) for n in names)
