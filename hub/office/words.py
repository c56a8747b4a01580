"""Words for the codes the hub stores, so a leader reads a sentence, not a code: a rejection's reason
(the contract's reason codes), a kiosk transaction's kind, an audit entry's action, a child's field.
The code itself stays on the pages in small print (it is what support and the logs use). A code not
listed here is shown as it is."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# finance-sync-v1 rule 3: why the finance side rejects
REASONS: dict[str, Promise] = {
    "unknown_child": _("Barnet findes ikke i hubben (fx slettet eller aldrig oprettet)."),
    "unknown_product": _("Varen findes ikke i hubben."),
    "unknown_card": _("Kortet kendes ikke i hubben."),
    "pricing": _("Prisen passer ikke: linjerne eller totalen følger ikke prisreglen for varens pris og friplads."),
    "refers_to": _("Returen eller annulleringen peger ikke på et godkendt salg fra samme kiosk og barn."),
    "card_reported_lost": _("Kortet var meldt tabt eller spærret, da der blev købt med det."),
    "other": _("Anden grund (se detaljen)."),
}

# the kinds of a kiosk's transaction (contract: sale, refund, void, topup_cash, adjustment)
TXN_KINDS: dict[str, Promise] = {
    "sale": _("Salg"),
    "refund": _("Retur"),
    "void": _("Annullering"),
    "topup_cash": _("Kontant optankning i kiosken"),
    "adjustment": _("Regulering i kiosken"),
}

AUDIT_ACTIONS: dict[str, Promise] = {
    "card.give": _("Kort givet"),
    "card.status": _("Kortets status ændret"),
    "cards.sun_key": _("Kortnøgle sat"),
    "child.create": _("Barn oprettet"),
    "child.update": _("Barn ændret"),
    "child.friplads": _("Friplads ændret"),
    "child.import": _("Børn importeret"),
    "money.topup": _("Optanket"),
    "money.adjust": _("Reguleret"),
    "product.create": _("Vare oprettet"),
    "product.update": _("Vare ændret"),
    "kiosk.register": _("Kiosk oprettet"),
    "kiosk.revoke": _("Kiosk lukket"),
    "kiosk.rotate": _("Kioskens nøgle skiftet"),
    "rejection.resolve": _("Afvist transaktion løst"),
    "family.invite": _("Forælder inviteret"),
    "family.link": _("Forælder knyttet til barn"),
    "family.signup": _("Forælder tilmeldt"),
    "family.signup_code": _("Tilmeldingskode lavet"),
    "family.confirm_email": _("E-mail bekræftet"),
    "family.password_reset": _("Adgangskode nulstillet"),
    "family.payment_start": _("Onlinebetaling startet"),
    "family.payment": _("Betalt online"),
    "family.low_balance": _("Besked om lav saldo"),
    "family.card_tap": _("Kort vist på telefon"),
    "family.card_tap_replay": _("Gammelt korttryk afvist"),
}

# a child's fields as the CSV import preview names what changes
CHILD_FIELDS: dict[str, Promise] = {
    "display_name": _("navn"),
    "payment_mode": _("betaling"),
    "friplads_pct": _("friplads"),
    "daily_limit_ore": _("dagsgrænse"),
    "credit_limit_ore": _("kredit"),
    "card_uid": _("kort"),
    "restrictions": _("begrænsninger"),
    "blocked": _("spærret"),
}


def words(table: dict[str, Promise], code: str | None) -> str:
    """The words for ``code`` in ``table``; the code itself when it has none."""
    if not code:
        return ""
    found = table.get(code)
    return str(found) if found is not None else code
