from __future__ import annotations

from django import template

from hub.office.pictures import icon_label, icon_names

register = template.Library()


@register.filter
def known_icon(name: str | None) -> bool:
    """Whether ``name`` is one of the kiosk's built-in pictures (an imported product may name another)."""
    return bool(name) and name in icon_names()


@register.filter
def icon_caption(name: str) -> str:
    return icon_label(name)


@register.filter
def category_name(code: str) -> str:
    """The kiosk's own categories by their Danish (or English) tab name; another category as typed."""
    from hub.office.forms import KIOSK_CATEGORIES

    return str(dict(KIOSK_CATEGORIES).get(code, code))
