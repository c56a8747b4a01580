"""The back office's pages: thin views. Reads through ``selectors``, writes through ``services`` (each one
transaction with its audit entry). Every form posts with Django's CSRF token; a bad form is shown again
with the error beside its field, and nothing is saved."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from hub.clubs.models import Club
from hub.office import csvimport, login_limit, selectors, services
from hub.office.access import CAN, Office, forbidden, office_view
from hub.office.forms import (
    AdjustForm,
    CardForm,
    CardStatusForm,
    ChildForm,
    CsvSaveForm,
    CsvUploadForm,
    FripladsForm,
    LoginForm,
    NewChildForm,
    ReplaceCardForm,
    TopUpForm,
)
from hub.office.services import OfficeError

log = logging.getLogger(__name__)
BASE_CSS = (Path(__file__).parent / "static" / "base.css").read_text(encoding="utf-8")  # the families' too
CSS = BASE_CSS + (Path(__file__).parent / "static" / "office.css").read_text(encoding="utf-8")


def _office(request: HttpRequest) -> Office:
    return request.office  # type: ignore[attr-defined,no-any-return]


def _club(request: HttpRequest) -> Club:
    club = _office(request).club
    assert club is not None
    return club


_NAV = {"dashboard.html": "dashboard", "audit.html": "audit"}


def _page(request: HttpRequest, template: str, status: int = 200, **context: Any) -> HttpResponse:
    office = _office(request)
    can = {what.replace(".", "_"): office.can(what) for what in CAN}
    return render(request, f"office/{template}", {"office": office, "can": can,
                                                  "nav": _NAV.get(template, "children"), **context},
                  status=status)  # fmt: skip


def _form_error(form: forms.Form, exc: OfficeError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "-")[:45]


# --- style, login, logout, home ----------------------------------------------------------------

@require_GET
def style(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(CSS, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):  # fmt: skip
        next_url = ""
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        username, ip = form.cleaned_data["username"], _ip(request)
        if login_limit.blocked(username, ip):
            log.warning("office: login refused (too many failures) from %s", ip)
            form.add_error(None, _("For mange forkerte forsøg. Prøv igen om 15 minutter."))
            status = 429
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is None or not user.is_active:
                login_limit.failed(username, ip)
                log.info("office: a failed login from %s", ip)
                form.add_error(None, _("Forkert brugernavn eller adgangskode."))
                status = 401
            else:
                login_limit.succeeded(username, ip)
                login(request, user)  # a new session key (no fixation)
                log.info("office: user id %s logged in", user.pk)
                return HttpResponseRedirect(next_url or reverse("office:home"))
    return render(request, "office/login.html", {"form": form, "next": next_url}, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("office:login")


@never_cache
@office_view("view", club_page=False)
def home(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    if office.role != "finance":
        assert office.own_club is not None
        return redirect("office:dashboard", club_id=office.own_club.club_id)
    return redirect("office:clubs")


@never_cache
@office_view("view", club_page=False)
def clubs(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    if office.role != "finance":
        return forbidden(request)
    return _page(request, "clubs.html", clubs=Club.objects.order_by("name", "club_id"))


# --- the dashboard, children -------------------------------------------------------------------

@never_cache
@office_view("view")
def dashboard(request: HttpRequest) -> HttpResponse:
    return _page(request, "dashboard.html", d=selectors.dashboard(_club(request)), low_limit=selectors.LOW_BALANCE_ORE)


@never_cache
@office_view("view")
def children(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:80]
    return _page(request, "children.html", q=q, rows=selectors.children(_club(request), q))


@never_cache
@office_view("child.edit")
@require_http_methods(["GET", "POST"])
def child_new(request: HttpRequest) -> HttpResponse:
    form = NewChildForm(request.POST or None, tags=selectors.product_tags(_club(request)))
    if request.method == "POST" and form.is_valid():
        try:
            child = services.create_child(_club(request).pk, _office(request).username, form.cleaned_data["child_id"],
                                          form.record_fields(), form.cleaned_data["friplads_pct"])  # fmt: skip
        except OfficeError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Barnet er oprettet."))
            return redirect("office:child", club_id=_club(request).club_id, child_id=child.child_id)
    return _page(request, "child_form.html", form=form, child=None, status=400 if form.errors else 200)


# --- many children from a CSV file ---------------------------------------------------------------
# The file stays on the server (``CsvUpload``) between the preview and "Gem"; the session holds only
# its random id per club, and "Gem" must name the SHA-256 of the file the preview showed.

_SESSION_KEY = "csv_import"


def _upload_token(request: HttpRequest) -> str:
    return str(request.session.get(_SESSION_KEY, {}).get(_club(request).club_id, ""))


@never_cache
@office_view("child.import")
@require_http_methods(["GET", "POST"])
def children_import(request: HttpRequest) -> HttpResponse:
    form = CsvUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size > csvimport.MAX_BYTES:  # refused before it is read
                raise csvimport.CsvFileError(_("Filen er over 1 MiB. Del den op i flere filer."))
            data = upload.read()
            csvimport.parse(data)
        except csvimport.CsvFileError as exc:
            log.info("office: a CSV file of children refused in club %s", _club(request).club_id)
            form.add_error("file", str(exc))
        else:
            token = services.keep_upload(_club(request).pk, request.user.pk, data)
            request.session[_SESSION_KEY] = {**request.session.get(_SESSION_KEY, {}), _club(request).club_id: token}
            return redirect("office:children_import_preview", club_id=_club(request).club_id)
    return _page(request, "children_import.html", form=form, columns=csvimport.COLUMNS,
                 status=400 if form.errors else 200)  # fmt: skip


@never_cache
@office_view("child.import")
@require_http_methods(["GET", "POST"])
def children_import_preview(request: HttpRequest) -> HttpResponse:
    club, token = _club(request), _upload_token(request)
    upload = selectors.csv_upload(club, request.user.pk, token)
    if upload is None:
        messages.error(request, _("Der er ingen indlæst fil. Vælg filen igen."))
        return redirect("office:children_import", club_id=club.club_id)
    status = 200
    if request.method == "POST":
        form = CsvSaveForm(request.POST)
        if not form.is_valid() or form.cleaned_data["sha256"] != upload.sha256:
            messages.error(request, _("Filen er skiftet siden forhåndsvisningen. Se den igen, før du gemmer."))
            status = 400
        else:
            try:
                counts = services.import_children(club.pk, _office(request).username, bytes(upload.data))
            except OfficeError as exc:
                messages.error(request, exc.message)
                status = 400
            else:
                services.discard_upload(token)
                messages.success(request, _("Gemt: %(new)s nye, %(changed)s ændrede, %(unchanged)s uændrede børn.")
                                 % counts)  # fmt: skip
                return redirect("office:children", club_id=club.club_id)
    try:
        plans = csvimport.plan(club, csvimport.parse(bytes(upload.data)))
    except csvimport.CsvFileError as exc:  # the rules changed since the upload was kept
        messages.error(request, str(exc))
        return redirect("office:children_import", club_id=club.club_id)
    errors = sum(1 for p in plans if p.errors)
    counts = {a: sum(1 for p in plans if p.action == a and not p.errors) for a in ("new", "changed", "unchanged")}
    return _page(request, "children_import_preview.html", status=status, plans=plans, errors=errors,
                 counts=counts, save_form=CsvSaveForm(initial={"sha256": upload.sha256}))  # fmt: skip


def _child_or_404(request: HttpRequest, child_id: str) -> Any:
    child = selectors.child(_club(request), child_id)
    if child is None:
        raise Http404
    return child


@never_cache
@office_view("view")
def child(request: HttpRequest, child_id: str) -> HttpResponse:
    c = _child_or_404(request, child_id)
    return _page(request, "child.html", child=c, balance=selectors.balance(c), cards=selectors.cards_of(c),
                 periods=selectors.friplads_periods(c), friplads_form=FripladsForm(), card_form=CardForm(),
                 topup_form=TopUpForm(), adjust_form=AdjustForm())  # fmt: skip


@never_cache
@office_view("child.edit")
@require_http_methods(["GET", "POST"])
def child_edit(request: HttpRequest, child_id: str) -> HttpResponse:
    c = _child_or_404(request, child_id)
    form = ChildForm(request.POST or None, initial=ChildForm.initial_from(c),
                     tags=selectors.product_tags(_club(request)))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_child(_club(request).pk, _office(request).username, child_id,
                                            form.record_fields())  # fmt: skip
        except OfficeError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Gemt.") if changed else _("Intet at gemme."))
            return redirect("office:child", club_id=_club(request).club_id, child_id=child_id)
    return _page(request, "child_form.html", form=form, child=c, status=400 if form.errors else 200)


def _child_action(request: HttpRequest, child_id: str, form: forms.Form, template_form: str, done: str | None,
                  act: Any) -> HttpResponse:  # fmt: skip
    """A form on a child's page: on success back to the page, else the page again with the error."""
    c = _child_or_404(request, child_id)
    if form.is_valid():
        try:
            act(form.cleaned_data)
        except OfficeError as exc:
            _form_error(form, exc)
            if isinstance(exc, services.BelowCreditLimit) and isinstance(form, AdjustForm):
                form.ask_below_limit()
        else:
            if done is not None:  # None: ``act`` said it itself (one message, not two)
                messages.success(request, done)
            return redirect("office:child", club_id=_club(request).club_id, child_id=child_id)
    forms_ = {"friplads_form": FripladsForm(), "card_form": CardForm(), "topup_form": TopUpForm(),
              "adjust_form": AdjustForm(), template_form: form}  # fmt: skip
    return _page(request, "child.html", status=400, child=c, balance=selectors.balance(c),
                 cards=selectors.cards_of(c), periods=selectors.friplads_periods(c), **forms_)  # fmt: skip


@office_view("child.edit")
@require_POST
def child_friplads(request: HttpRequest, child_id: str) -> HttpResponse:
    club, who = _club(request), _office(request).username
    return _child_action(request, child_id, FripladsForm(request.POST), "friplads_form", _("Friplads gemt."),
                         lambda d: services.add_friplads(club.pk, who, child_id, d["pct"], d["valid_from"]))


@never_cache
@office_view("view")
def ledger(request: HttpRequest, child_id: str) -> HttpResponse:
    c = _child_or_404(request, child_id)
    return _page(request, "ledger.html", child=c, balance=selectors.balance(c), rows=selectors.ledger(c))


# --- money -------------------------------------------------------------------------------------

@office_view("money.topup")
@require_POST
def topup(request: HttpRequest, child_id: str) -> HttpResponse:
    club, who = _club(request), _office(request).username
    return _child_action(request, child_id, TopUpForm(request.POST), "topup_form", _("Optanket."),
                         lambda d: services.top_up(club.pk, who, child_id, d["amount"], d["method"], d["note"]))


@office_view("money.adjust")
@require_POST
def adjust(request: HttpRequest, child_id: str) -> HttpResponse:
    club, who = _club(request), _office(request).username
    return _child_action(request, child_id, AdjustForm(request.POST), "adjust_form", _("Reguleret."),
                         lambda d: services.adjust(club.pk, who, child_id, d["amount"], d["reason"],
                                                   d["below_limit"]))


# --- cards -------------------------------------------------------------------------------------

@office_view("card.give")
@require_POST
def card_give(request: HttpRequest, child_id: str) -> HttpResponse:
    club, who = _club(request), _office(request).username

    def act(d: dict[str, Any]) -> None:
        card = services.give_card(club.pk, who, child_id, d["card_uid"].strip() or None)
        messages.success(request, _("Kortet %(uid)s er givet til barnet.") % {"uid": card.card_uid})

    return _child_action(request, child_id, CardForm(request.POST), "card_form", None, act)


def _card_or_404(request: HttpRequest, card_uid: str) -> Any:
    card = selectors.card(_club(request), card_uid)
    if card is None:
        raise Http404
    return card


@never_cache
@office_view("view")
def card(request: HttpRequest, card_uid: str) -> HttpResponse:
    c = _card_or_404(request, card_uid)
    return _page(request, "card.html", card=c, child=selectors.child(_club(request), c.child_id or ""),
                 status_form=CardStatusForm(), replace_form=ReplaceCardForm())  # fmt: skip


@office_view("card.block")
@require_POST
def card_status(request: HttpRequest, card_uid: str) -> HttpResponse:
    c = _card_or_404(request, card_uid)
    form = CardStatusForm(request.POST)
    office = _office(request)
    if form.is_valid():
        if form.cleaned_data["status"] != "blocked" and not office.can("card.manage"):
            return forbidden(request)
        try:
            services.set_card_status(_club(request).pk, office.username, card_uid, form.cleaned_data["status"])
        except OfficeError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Kortets status er ændret."))
            return redirect("office:card", club_id=_club(request).club_id, card_uid=card_uid)
    return _page(request, "card.html", status=400, card=c, child=selectors.child(_club(request), c.child_id or ""),
                 status_form=form, replace_form=ReplaceCardForm())  # fmt: skip


@office_view("card.manage")
@require_POST
def card_replace(request: HttpRequest, card_uid: str) -> HttpResponse:
    c = _card_or_404(request, card_uid)
    form = ReplaceCardForm(request.POST)
    if form.is_valid():
        try:
            new = services.replace_card(_club(request).pk, _office(request).username, card_uid,
                                        form.cleaned_data["new_uid"].strip() or None,
                                        form.cleaned_data["old_status"])  # fmt: skip
        except OfficeError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Kortet er erstattet af %(uid)s.") % {"uid": new.card_uid})
            return redirect("office:card", club_id=_club(request).club_id, card_uid=new.card_uid)
    return _page(request, "card.html", status=400, card=c, child=selectors.child(_club(request), c.child_id or ""),
                 status_form=CardStatusForm(), replace_form=form)  # fmt: skip


# --- the audit log -----------------------------------------------------------------------------

@never_cache
@office_view("audit")
def audit(request: HttpRequest) -> HttpResponse:
    return _page(request, "audit.html", entries=selectors.audit(_club(request)))

