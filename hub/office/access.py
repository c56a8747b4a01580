"""Who may do what in the back office. One table, checked by every view (``office_view``).

- ``finance``: every club; reads everything, makes adjustments, reads the audit log.
- ``leader``: their own club; everything: children (one by one or from a CSV file), friplads, top-ups,
  adjustments, cards, products and their pictures, audit log.
- ``finance`` and ``leader`` also see the finance reports (``hub.finance``): finance every club side by
  side, a leader their own club.
- ``staff``: their own club; looks up children, their cards and sales (the ledger); blocks a card.
- products: every role reads its clubs' products; only a ``leader`` creates and changes them.
- kiosks (register, a new token, revoke), rejected transactions (resolve) and day closings: leaders
  of their club and finance in every club; staff none of these pages.
A user without a profile, or a leader/staff member on another club's pages, gets 403; an anonymous
visitor is sent to the login page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hub.clubs.models import Club, Profile

CAN: dict[str, frozenset[str]] = {
    "view": frozenset({"finance", "leader", "staff"}),  # dashboard, children, a child, its ledger and cards
    "child.edit": frozenset({"leader"}),  # create, edit, friplads
    "child.import": frozenset({"leader"}),  # many children from a CSV file
    "money.topup": frozenset({"leader"}),
    "money.adjust": frozenset({"leader", "finance"}),
    "card.give": frozenset({"leader"}),
    "card.block": frozenset({"leader", "staff"}),
    "card.manage": frozenset({"leader"}),  # lost, active again, replace
    "audit": frozenset({"leader", "finance"}),
    # products: everyone of the club reads them (``view``: list, a product, its picture); a leader creates
    # and changes them (the picture too). Finance reads prices across clubs; staff answer questions at the
    # kiosk but do not set prices.
    "product.edit": frozenset({"leader"}),
    # kiosks, rejected transactions, day closings: staff have none of these pages (the dashboard shows
    # them each kiosk's last contact); finance reads and acts in every club, a leader in their own
    "kiosk.view": frozenset({"leader", "finance"}),
    "kiosk.manage": frozenset({"leader", "finance"}),  # register, a new token, revoke a token
    "rejection.resolve": frozenset({"leader", "finance"}),
    "reports": frozenset({"leader", "finance"}),  # the finance reports (hub.finance): finance every club, a leader own
}


@dataclass(frozen=True)
class Office:
    """The signed-in user's role, and the club the page is about (None on pages of no club)."""

    username: str
    role: str
    own_club: Club | None
    club: Club | None

    def can(self, what: str) -> bool:
        return self.role in CAN[what]


def profile_of(request: HttpRequest) -> Profile | None:
    return Profile.objects.select_related("club").filter(user_id=request.user.pk).first()


def forbidden(request: HttpRequest) -> HttpResponse:
    return render(request, "office/403.html", status=403)


View = Callable[..., HttpResponse]


def office_view(what: str, club_page: bool = True) -> Callable[[View], View]:
    """Log in first; a profile; the club of the URL (``club_id``) visible to the user; ``what`` allowed."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            profile = profile_of(request)
            if profile is None:
                return forbidden(request)
            club = None
            if club_page:
                club = Club.objects.filter(club_id=kwargs.pop("club_id")).first()
                if club is None or (profile.role != "finance" and club.pk != profile.club_id):
                    return forbidden(request)  # another club's pages look the same as no club's
            office = Office(request.user.get_username(), profile.role, profile.club, club)
            if not office.can(what):
                return forbidden(request)
            request.office = office  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
