"""The back office's welcome letters (issue 9's cards): for the selected children of a club, or all of
them, one A4 PDF with a page per child: the kiosk's welcome-letter text and a QR code to the hub's
own sign-up address with a new one-time code for the child's card. A leader's action (``card.give``),
audited per code; the codes are shown only in the PDF (the hub keeps their hashes)."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from hub.clubs.models import Card, Child, Club
from hub.families import pdf, services
from hub.families.views import base_url
from hub.office.access import CAN, Office, office_view

log = logging.getLogger(__name__)


def _letter_card(cards: list[Card]) -> Card | None:
    """The card the letter's code is tied to: an active printed card code first (the one a family
    receives on paper), else any active card."""
    active = [c for c in cards if c.status == "active"]
    printed = [c for c in active if not all(ch in "0123456789ABCDEF" for ch in c.card_uid)]
    return (printed or active or [None])[0]


def _rows(club: Club) -> list[tuple[Child, Card | None]]:
    by_child: dict[str, list[Card]] = {}
    for card in Card.objects.filter(club=club, deleted=False, child_id__isnull=False).order_by("card_uid"):
        by_child.setdefault(str(card.child_id), []).append(card)
    children = Child.objects.filter(club=club, deleted=False).order_by("display_name", "child_id")
    return [(c, _letter_card(by_child.get(c.child_id, []))) for c in children]


@never_cache
@office_view("card.give")
@require_http_methods(["GET", "POST"])
def welcome_letters(request: HttpRequest) -> HttpResponse:
    office: Office = request.office  # type: ignore[attr-defined]
    club = office.club
    assert club is not None
    rows = _rows(club)
    error = None
    if request.method == "POST":
        wanted = set(request.POST.getlist("child")) if request.POST.get("which") != "all" else None
        chosen = [(c, card) for c, card in rows if card is not None and (wanted is None or c.child_id in wanted)]
        if not chosen:
            error = _("Vælg mindst ét barn med et aktivt kort.")
        else:
            base = base_url(request)
            with transaction.atomic():
                letters = []
                for child, card in chosen:
                    assert card is not None
                    code = services.card_signup_code(card, office.username)
                    letters.append(pdf.Letter(club.name, child.display_name, code,
                                              f"{base}/foraeldre/tilmeld?kode={code}"))  # fmt: skip
            log.info("office: %s welcome letters made in club %s", len(letters), club.club_id)
            response = HttpResponse(pdf.welcome_letters(letters), content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="velkomstbreve-{club.club_id}.pdf"'
            return response
    context: dict[str, Any] = {"office": office, "can": {w.replace(".", "_"): office.can(w) for w in CAN},
                               "nav": "children", "rows": rows, "error": error}  # fmt: skip
    return render(request, "families/office_letters.html", context, status=400 if error else 200)
