"""The back office's kiosk pages: sync health, register a kiosk, a new token (shown once), revoke a
token; rejected transactions and their resolution; day closings reconciled. Thin views: reads through
``kiosk_selectors``, writes through ``kiosk_services``.

A new token is rendered into the answer of the POST that made it (``Cache-Control: no-store``) and
nowhere else: not in a redirect, the session, a message, a log line or the audit log."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from hub.clubs.models import Kiosk
from hub.office import kiosk_selectors as sel
from hub.office import kiosk_services as svc
from hub.office.access import office_view
from hub.office.forms import KioskForm, ResolveForm
from hub.office.services import OfficeError
from hub.office.views import _club, _form_error, _office, _page

log = logging.getLogger(__name__)


def _kiosks_page(request: HttpRequest, form: KioskForm | None = None, status: int = 200,
                 new_token: tuple[Kiosk, str] | None = None) -> HttpResponse:  # fmt: skip
    response = _page(request, "kiosks.html", status=status, nav="kiosks", rows=sel.kiosks(_club(request)),
                     form=form or KioskForm(), new_token=new_token)  # fmt: skip
    if new_token is not None:
        response["Cache-Control"] = "no-store"  # the token is in this answer only
    return response


@never_cache
@office_view("kiosk.view")
def kiosks(request: HttpRequest) -> HttpResponse:
    return _kiosks_page(request)


@never_cache
@office_view("kiosk.manage")
@require_POST
def kiosk_register(request: HttpRequest) -> HttpResponse:
    form = KioskForm(request.POST)
    if form.is_valid():
        try:
            made = svc.register_kiosk(_club(request).pk, _office(request).username, form.cleaned_data["kiosk_id"])
        except OfficeError as exc:
            _form_error(form, exc)
        else:
            return _kiosks_page(request, new_token=made)
    return _kiosks_page(request, form=form, status=400)


def _kiosk_or_404(request: HttpRequest, kiosk_id: str) -> Kiosk:
    kiosk = sel.kiosk(_club(request), kiosk_id)
    if kiosk is None:
        raise Http404
    return kiosk


@never_cache
@office_view("kiosk.manage")
@require_POST
def kiosk_rotate(request: HttpRequest, kiosk_id: str) -> HttpResponse:
    _kiosk_or_404(request, kiosk_id)
    made = svc.rotate_token(_club(request).pk, _office(request).username, kiosk_id)
    return _kiosks_page(request, new_token=made)


@never_cache
@office_view("kiosk.manage")
@require_POST
def kiosk_revoke(request: HttpRequest, kiosk_id: str) -> HttpResponse:
    _kiosk_or_404(request, kiosk_id)
    try:
        svc.revoke_token(_club(request).pk, _office(request).username, kiosk_id)
    except OfficeError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Kiosken %(kiosk)s's nøgle er spærret. Den får 401, til den får en ny nøgle.")
                         % {"kiosk": kiosk_id})  # fmt: skip
    return redirect("office:kiosks", club_id=_club(request).club_id)


# --- rejected transactions ---------------------------------------------------------------------

SHOW = ("open", "resolved", "all")


@never_cache
@office_view("kiosk.view")
def rejections(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "open")
    show = show if show in SHOW else "open"
    return _page(request, "rejections.html", nav="rejections", show=show,
                 rows=sel.rejections(_club(request), show), waiting=sel.waiting_count(_club(request)))  # fmt: skip


def _rejection_or_404(request: HttpRequest, txn_id: int) -> sel.Rejection:
    found = sel.rejection(_club(request), txn_id)
    if found is None:
        raise Http404
    return found


@never_cache
@office_view("kiosk.view")
def rejection(request: HttpRequest, txn_id: int) -> HttpResponse:
    return _page(request, "rejection.html", nav="rejections", r=_rejection_or_404(request, txn_id),
                 form=ResolveForm())  # fmt: skip


@office_view("rejection.resolve")
@require_POST
def rejection_resolve(request: HttpRequest, txn_id: int) -> HttpResponse:
    r = _rejection_or_404(request, txn_id)
    form = ResolveForm(request.POST)
    if form.is_valid():
        try:
            svc.resolve_rejection(_club(request).pk, _office(request).username, txn_id, form.cleaned_data["note"],
                                  form.cleaned_data["amount"])  # fmt: skip
        except OfficeError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Markeret som løst."))
            return redirect("office:rejection", club_id=_club(request).club_id, txn_id=txn_id)
    return _page(request, "rejection.html", status=400, nav="rejections", r=sel.rejection(_club(request), txn_id) or r,
                 form=form)  # fmt: skip


# --- day closings ------------------------------------------------------------------------------

@never_cache
@office_view("kiosk.view")
def closings(request: HttpRequest) -> HttpResponse:
    club = _club(request)
    kiosk_id = request.GET.get("kiosk", "")[:64]
    return _page(request, "closings.html", nav="closings", rows=sel.closings(club, kiosk_id), kiosk_id=kiosk_id,
                 kiosks=[k.kiosk.kiosk_id for k in sel.kiosks(club)], shown=sel.CLOSINGS_SHOWN)  # fmt: skip
