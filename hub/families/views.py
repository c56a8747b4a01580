"""The families' pages under ``/foraeldre/`` (and the test payment provider's under ``/testbetaling/``):
thin views. Reads through ``selectors``, writes through ``services`` and ``payments``. A parent sees
only their own children: another family's child answers 404, exactly as a child that does not exist.
No mail is sent from here: mails go into the outbox."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date
from functools import cache, wraps
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import url_has_allowed_host_and_scheme, urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

import assets
from hub.families import payments, selectors, services
from hub.families.forms import (
    CodeForm,
    FripladsEstimateForm,
    LimitsForm,
    LoginForm,
    ResetRequestForm,
    SignupForm,
    TopUpForm,
)
from hub.families.models import Parent, ParentChild, Payment, TestProviderPayment
from hub.families.services import FamilyError
from hub.office import login_limit
from hub.office.views import BASE_CSS
from pos_app.domain.friplads import FripladsError, Thresholds, friplads, load_thresholds

log = logging.getLogger(__name__)
HERE = Path(__file__).parent
CSS = BASE_CSS + (HERE / "static" / "families" / "families.css").read_text(encoding="utf-8")
GUIDE_DIR = HERE / "static" / "families" / "guide"
# the municipality's application for friplads (økonomisk fripladstilskud); a club may point elsewhere
FRIPLADS_APPLY_URL = "https://www.borger.dk/familie-og-boern/boernepasning/tilskud-til-boernepasning"


def base_url(request: HttpRequest) -> str:
    """The hub's own address as the parent reached it (the host is checked against ALLOWED_HOSTS)."""
    return f"{request.scheme}://{request.get_host()}"


def _ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "-")[:45]


def _parent(request: HttpRequest) -> Parent:
    return request.parent  # type: ignore[attr-defined,no-any-return]


def _form_error(form: forms.Form, exc: FamilyError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


View = Callable[..., HttpResponse]


def parent_view(view: View) -> View:
    """Signed in as a parent (a back-office user is not one), else to the families' login page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        parent = Parent.objects.filter(user_id=request.user.pk).first() if request.user.is_authenticated else None
        if parent is None:
            return redirect_to_login(request.get_full_path(), login_url=reverse("families:login"))
        request.parent = parent  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return wrapped


def child_view(view: View) -> View:
    """A parent view of one of their children (``child_pk`` in the URL); anything else: 404."""

    @parent_view
    @wraps(view)
    def wrapped(request: HttpRequest, child_pk: int, *args: Any, **kwargs: Any) -> HttpResponse:
        link = selectors.link_for(_parent(request), child_pk)
        if link is None:
            raise Http404
        return view(request, link, *args, **kwargs)

    return wrapped


def _page(request: HttpRequest, template: str, status: int = 200, **context: Any) -> HttpResponse:
    parent = Parent.objects.filter(user_id=request.user.pk).first() if request.user.is_authenticated else None
    return render(request, f"families/{template}", {"parent": parent, **context}, status=status)


# --- style, pictures ---------------------------------------------------------------------------

@require_GET
def style(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(CSS, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def guide_image(request: HttpRequest, name: str) -> HttpResponse:
    path = GUIDE_DIR / name
    if not name.endswith(".png") or "/" in name or not path.is_file():
        raise Http404
    response = FileResponse(path.open("rb"), content_type="image/png")
    response["Cache-Control"] = "public, max-age=86400"
    return response


# --- home, sign-up, e-mail, login --------------------------------------------------------------

@never_cache
def home(request: HttpRequest) -> HttpResponse:
    parent = Parent.objects.filter(user_id=request.user.pk).first() if request.user.is_authenticated else None
    if parent is None:
        return _page(request, "welcome.html", code_form=CodeForm())
    return _page(request, "home.html", rows=selectors.children_of(parent), code_form=CodeForm())


def _signup_refused(request: HttpRequest, form: forms.Form) -> bool:
    """The sign-up rate limit: codes are guessed nowhere near by chance (12 random characters), but every
    code refused counts against the address, as failed logins do; 5 within 15 minutes and the address's
    codes are not even checked until they age out (429)."""
    if request.method != "POST":
        return False
    if login_limit.blocked(_SIGNUP_KEY, _ip(request)):
        log.warning("families: sign-up refused (too many wrong codes) from %s", _ip(request))
        form.add_error(None, _("For mange forkerte forsøg. Prøv igen om 15 minutter."))
        return True
    return False


def _signup_counted(request: HttpRequest, form: forms.Form) -> None:
    if request.method == "POST" and "code" in form.errors:
        login_limit.failed(_SIGNUP_KEY, _ip(request))


_SIGNUP_KEY = "signup:"  # one counter per address for sign-up and add-a-child codes


@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("kode", "")[:40]
    parent = Parent.objects.filter(user_id=request.user.pk).first() if request.user.is_authenticated else None
    if parent is not None:  # signed in: the code adds a child (a sibling's letter, an invite)
        form: forms.Form = CodeForm(request.POST or None, initial={"code": code})
        if _signup_refused(request, form):
            return _page(request, "add_child.html", form=form, status=429)
        if request.method == "POST" and form.is_valid():
            try:
                child = services.add_child_by_code(parent, form.cleaned_data["code"])
            except FamilyError as exc:
                _form_error(form, exc)
            else:
                messages.success(request, _("%(name)s er nu på jeres konto.") % {"name": child.display_name})
                return redirect("families:child", child_pk=child.pk)
        _signup_counted(request, form)
        return _page(request, "add_child.html", form=form, status=400 if form.errors else 200)
    form = SignupForm(request.POST or None, initial={"code": code})
    if _signup_refused(request, form):
        return _page(request, "signup.html", form=form, code_problem=None, status=429)
    code_problem = None
    if request.method == "GET" and code:
        try:
            services.check_code(code)
        except FamilyError as exc:
            code_problem = exc.message
    if request.method == "POST":
        form.is_valid()
        d = form.cleaned_data
        # every problem at once (a wrong code and a short password: both), each beside its field
        for problem in services.signup_problems(d.get("code", ""), d.get("name", ""), d.get("email", ""),
                                                d.get("password", "")):  # fmt: skip
            if problem.field not in form.errors:
                _form_error(form, problem)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            parent = services.sign_up(d["code"], d["name"], d["email"], d["password"], base_url(request))
        except FamilyError as exc:
            _form_error(form, exc)
        else:
            login(request, parent.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Velkommen! Vi har sendt en mail: åbn linket i den for at bekræfte din "
                                        "e-mail."))  # fmt: skip
            return redirect("families:home")
    _signup_counted(request, form)
    return _page(request, "signup.html", form=form, code_problem=code_problem, status=400 if form.errors else 200)


@never_cache
@require_GET
def confirm(request: HttpRequest) -> HttpResponse:
    try:
        services.confirm_email(request.GET.get("t", "")[:500])
    except FamilyError as exc:
        return _page(request, "message.html", status=400, title=_("E-mail ikke bekræftet"), text=exc.message)
    return _page(request, "message.html", title=_("Tak!"), text=_("Din e-mail er bekræftet."),
                 link=reverse("families:home"))  # fmt: skip


@require_POST
@parent_view
def resend(request: HttpRequest) -> HttpResponse:
    services.resend_confirmation(_parent(request), base_url(request))
    messages.info(request, _("Vi har sendt en ny mail."))
    return redirect("families:home")


def _login_key(email: str) -> str:
    return "parent:" + email.strip().lower()


@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not next_url.startswith("/foraeldre/") or not url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        next_url = ""
    form = LoginForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        email, ip = form.cleaned_data["email"].strip().lower(), _ip(request)
        if login_limit.blocked(_login_key(email), ip):  # the office's limiter: 5 failures / 15 minutes
            log.warning("families: login refused (too many failures) from %s", ip)
            form.add_error(None, _("For mange forkerte forsøg. Prøv igen om 15 minutter."))
            status = 429
        else:
            parent = Parent.objects.select_related("user").filter(email=email).first()
            user = parent.user if parent is not None else None
            if user is None or not user.is_active or not user.check_password(form.cleaned_data["password"]):
                if user is None:
                    get_user_model()().set_password(form.cleaned_data["password"])  # the same time either way
                login_limit.failed(_login_key(email), ip)
                log.info("families: a failed login from %s", ip)
                form.add_error(None, _("Forkert e-mail eller adgangskode."))
                status = 401
            else:
                login_limit.succeeded(_login_key(email), ip)
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")  # a new session key
                log.info("families: parent %s logged in", parent.pk if parent else "-")
                return HttpResponseRedirect(next_url or reverse("families:home"))
    return _page(request, "login.html", form=form, next=next_url, status=status)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("families:login")


@never_cache
@require_http_methods(["GET", "POST"])
def forgot(request: HttpRequest) -> HttpResponse:
    form = ResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ip = _ip(request)
        if login_limit.blocked("reset:" + ip, ip):
            form.add_error(None, _("For mange forsøg. Prøv igen om 15 minutter."))
            return _page(request, "forgot.html", form=form, status=429)
        login_limit.failed("reset:" + ip, ip)  # every request counts: at most 5 reset mails per address
        services.request_password_reset(form.cleaned_data["email"], base_url(request))
        return _page(request, "message.html", title=_("Tjek din mail"),
                     text=_("Hvis der er en konto med den e-mail, har vi sendt et link til en ny adgangskode."))
    return _page(request, "forgot.html", form=form, status=400 if form.errors else 200)


@never_cache
@require_http_methods(["GET", "POST"])
def reset(request: HttpRequest) -> HttpResponse:
    uidb64, token = request.GET.get("u", "")[:100], request.GET.get("t", "")[:200]
    try:
        user = get_user_model().objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
        parent = Parent.objects.get(user=user)
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist, Parent.DoesNotExist):
        user, parent = None, None
    if user is None or parent is None or not default_token_generator.check_token(user, token):
        return _page(request, "message.html", status=400, title=_("Linket virker ikke"),
                     text=_("Linket er brugt eller udløbet. Bed om et nyt."), link=reverse("families:forgot"))
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()  # the token stops working with the new password hash
        services.password_changed(parent)
        messages.success(request, _("Din adgangskode er skiftet. Log ind med den nye."))
        return redirect("families:login")
    return _page(request, "reset.html", form=form, status=400 if form.errors else 200)


# --- a child -----------------------------------------------------------------------------------

def _tags(link: ParentChild) -> list[str]:
    from hub.clubs.models import Product

    tags: set[str] = set(link.child.restrictions)
    for product_tags in Product.objects.filter(club=link.child.club_id, deleted=False).values_list("tags", flat=True):
        tags.update(product_tags)
    return sorted(tags)


def _limits_form(link: ParentChild, data: Any = None) -> LimitsForm:
    from pos_app.domain.money import format_ore

    def kr(ore: int | None) -> str:
        return "" if ore is None else format_ore(ore).replace("\xa0kr", "").replace(" kr", "")

    return LimitsForm(data, tags=_tags(link), initial={"daily_limit": kr(link.child.daily_limit_ore),
                                                       "restrictions": link.child.restrictions,
                                                       "low_balance": kr(link.low_balance_ore)})  # fmt: skip


def error_summary(*sections: tuple[forms.Form, str]) -> list[tuple[str, str]]:
    """The errors of the forms as (``#anchor``, text) for the summary at the top of the page (base.html):
    on a phone the form may be far below the fold, so each error links to its field (a form's own
    errors to the form's section, ``section``)."""
    out = []
    for form, section in sections:
        for name, errors in form.errors.items():
            if name in form.fields:
                bound = form[name]
                anchor, prefix = bound.auto_id or section, f"{bound.label}: "
            else:
                anchor, prefix = section, ""
            out.extend(("#" + anchor, prefix + str(e)) for e in errors)
    return out


def _child_page(request: HttpRequest, link: ParentChild, status: int = 200, **forms_: Any) -> HttpResponse:
    child = link.child
    items = selectors.purchases(child)
    cards = selectors.cards_of(child)
    context = {"link": link, "child": child, "balance": selectors.balance(child), "purchases": items,
               "movements": selectors.movements(child, items),
               "months": selectors.subsidy_by_month(items), "last_sync": selectors.last_sync(child), "cards": cards,
               "any_active": any(c.status == "active" for c in cards),
               "any_blocked": any(c.status == "blocked" for c in cards),
               "payments": selectors.payments(child, _parent(request)),
               "online_topups": bool(payments.provider_name()),
               "statement_months": _statement_months(selectors.first_entry_month(child)),
               "limits_form": forms_.get("limits_form") or _limits_form(link),
               "topup_form": forms_.get("topup_form") or TopUpForm(),
               "invite_code": forms_.get("invite_code"),
               "error_summary": error_summary(*[(f, section) for key, section in (("limits_form", "limits"),
                                                                                  ("topup_form", "topup"))
                                                if (f := forms_.get(key)) is not None])}  # fmt: skip
    return _page(request, "child.html", status=status, **context)


def _statement_months(first: date | None, n: int = 6) -> list[date]:
    """The last ``n`` months, newest first, but none before the child's first ledger entry (``first``):
    a child new this month has one statement, a child with no entries none."""
    month = timezone.localdate().replace(day=1)
    out: list[date] = []
    while first is not None and len(out) < n and month >= first:
        out.append(month)
        month = (month - timezone.timedelta(days=1)).replace(day=1)
    return out


@never_cache
@require_GET
@child_view
def child(request: HttpRequest, link: ParentChild) -> HttpResponse:
    return _child_page(request, link)


@require_POST
@child_view
def limits(request: HttpRequest, link: ParentChild) -> HttpResponse:
    form = _limits_form(link, request.POST)
    if form.is_valid():
        d = form.cleaned_data
        try:
            changed = services.set_limits(_parent(request), link.child, d["daily_limit"], list(d["restrictions"]),
                                          d["low_balance"])  # fmt: skip
        except FamilyError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Gemt. Kiosken får det ved sin næste synkronisering.") if changed
                             else _("Intet at gemme."))  # fmt: skip
            return redirect("families:child", child_pk=link.child_id)
    return _child_page(request, link, status=400, limits_form=form)


def _card_action(request: HttpRequest, link: ParentChild, act: Callable[[], Any], done: str) -> HttpResponse:
    try:
        act()
    except FamilyError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("families:child", child_pk=link.child_id)


@require_POST
@child_view
def pause(request: HttpRequest, link: ParentChild) -> HttpResponse:
    return _card_action(request, link, lambda: services.pause_cards(_parent(request), link.child),
                        _("%(name)s er sat på pause: alle kort er stoppet i kiosken.")
                        % {"name": link.child.display_name})


@require_POST
@child_view
def resume(request: HttpRequest, link: ParentChild) -> HttpResponse:
    return _card_action(request, link, lambda: services.resume_cards(_parent(request), link.child),
                        _("Kortene virker igen (fra kioskens næste synkronisering)."))


@require_POST
@child_view
def lost(request: HttpRequest, link: ParentChild) -> HttpResponse:
    """Two steps: the card's button asks "Er du sikker?" (nothing changes), the page's own button (with
    ``confirm=yes``) marks the card lost. There is no undo for a parent: only the club gives a new card."""
    uid = request.POST.get("card", "")[:32]
    card = next((c for c in selectors.cards_of(link.child) if c.card_uid == uid and c.status != "lost"), None)
    if card is None:
        messages.error(request, _("Kortet findes ikke, eller det er allerede meldt mistet."))
        return redirect("families:child", child_pk=link.child_id)
    if request.POST.get("confirm") != "yes":
        return _page(request, "lost_confirm.html", child=link.child, card=card)
    return _card_action(request, link, lambda: services.report_lost(_parent(request), link.child, uid),
                        _("Kortet er meldt mistet. Klubben kan give barnet et nyt."))


@require_POST
@child_view
def invite(request: HttpRequest, link: ParentChild) -> HttpResponse:
    if _parent(request).email_confirmed_at is None:
        messages.error(request, _("Bekræft din e-mail først."))
        return redirect("families:child", child_pk=link.child_id)
    code = services.invite(_parent(request), link.child)
    return _child_page(request, link, invite_code=code)


@require_POST
@child_view
def topup(request: HttpRequest, link: ParentChild) -> HttpResponse:
    form = TopUpForm(request.POST)
    if not payments.provider_name():
        messages.error(request, _("Betaling på nettet er ikke slået til i denne klub."))
        return redirect("families:child", child_pk=link.child_id)
    if _parent(request).email_confirmed_at is None:
        form.add_error(None, _("Bekræft din e-mail først (se mailen fra os)."))
    elif form.is_valid():
        try:
            url = payments.start_payment(_parent(request), link.child, form.cleaned_data["amount"], base_url(request))
        except FamilyError as exc:
            _form_error(form, exc)
        else:
            return HttpResponseRedirect(url)
    return _child_page(request, link, status=400, topup_form=form)


@never_cache
@require_GET
@child_view
def statement_pdf(request: HttpRequest, link: ParentChild, year: int, month: int) -> HttpResponse:
    from hub.families import pdf

    try:
        first = date(year, month, 1)
    except ValueError:
        raise Http404 from None
    data = pdf.statement(link.child, selectors.statement(link.child, first))
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="kiosk-{year:04d}-{month:02d}.pdf"'
    return response


# --- payments ----------------------------------------------------------------------------------

@never_cache
@require_GET
@parent_view
def payment_return(request: HttpRequest, payment_id: str) -> HttpResponse:
    """Where the provider sends the parent back: the payment is looked up (the callback may be late)."""
    found = Payment.objects.filter(parent=_parent(request), payment_id=payment_id).first()
    if found is None:
        raise Http404
    payment = payments.settle_by_lookup(payment_id) or found
    return _page(request, "payment.html", payment=payment, status=200)


@csrf_exempt  # the provider posts it; its HMAC signature is the check
@require_POST
def payment_callback(request: HttpRequest) -> HttpResponse:
    if not payments.provider_name():
        raise Http404
    prov = payments.provider()
    try:
        result = prov.verify_callback(request.body, {k: v for k, v in request.headers.items()})
    except payments.ForgedCallback as exc:
        log.warning("families: a payment callback refused (%s) from %s", exc, _ip(request))
        return HttpResponse(status=400)
    payment = payments.settle(result.payment_id, result.status, "callback")
    return HttpResponse(status=200 if payment is not None else 404)


# --- the friplads estimate and the guide (no login needed) --------------------------------------

@cache
def _thresholds() -> dict[int, Thresholds]:
    path = Path(assets.__file__).parent / "data" / "friplads_thresholds.json"
    return load_thresholds(json.loads(path.read_text(encoding="utf-8")))


@never_cache
@require_GET
def friplads_estimate(request: HttpRequest) -> HttpResponse:
    """The kiosk's own calculator (``pos_app.domain.friplads``). Nothing entered is stored or logged:
    the form is sent with GET and the request log keeps the path only."""
    form = FripladsEstimateForm(request.GET or None)
    result = None
    table = _thresholds()
    year = timezone.localdate().year
    if year not in table:
        year = max(y for y in table if y <= year) if any(y <= year for y in table) else min(table)
    if request.GET and form.is_valid():
        d = form.cleaned_data
        try:
            result = friplads(table[year], d["income_month"], d["children"], d["single"])
        except FripladsError:
            form.add_error(None, _("Tjek tallene."))
    return _page(request, "friplads.html", form=form, result=result, year=year, apply_url=FRIPLADS_APPLY_URL,
                 older=year < timezone.localdate().year, status=400 if form.errors else 200)  # fmt: skip


# The kiosk's own screens (scripts/families-guide-screens renders them with ``club-kiosk render-screens``).
GUIDE = [("guide-idle.png", "Kiosken venter. Barnet holder sit kort mod læseren (\"Bip dit kort\").",
          "The kiosk waits. The child holds the card to the reader."),
         ("guide-basket.png", "Barnet vælger varer ved at trykke på billederne og ser prisen.",
          "The child taps the pictures to choose, and sees the price."),
         ("guide-done.png", "Barnet trykker Betal. Købet er betalt, og den nye saldo står på skærmen.",
          "The child taps Pay. Paid: the new balance is on the screen."),
         ("guide-declined.png", "Kan kortet ikke bruges (fx sat på pause eller meldt mistet), siger kiosken: "
          "spørg en voksen.", "A card that cannot be used (paused or lost): the kiosk says to ask an adult.")]


@require_GET
def guide(request: HttpRequest) -> HttpResponse:
    shots = [(name, da, en) for name, da, en in GUIDE if (GUIDE_DIR / name).is_file()]
    return _page(request, "guide.html", shots=shots)


# --- the test payment provider's own pages -------------------------------------------------------

@never_cache
@require_http_methods(["GET", "POST"])
def testpay(request: HttpRequest, payment_id: str) -> HttpResponse:
    p = TestProviderPayment.objects.filter(payment_id=payment_id).first()
    if p is None or payments.provider_name() != "test":
        raise Http404
    if request.method == "POST":
        decided = payments.TestProvider.decide(payment_id, request.POST.get("choice") == "pay")
        assert decided is not None
        return HttpResponseRedirect(decided.return_url)
    return render(request, "families/testpay.html", {"p": p})


# --- a phone's tap on a card (SUN) ----------------------------------------------------------------
TAP_SESSION_KEY = "families_card_tap"
TAP_MINUTES = 10  # how long a tap's read-only card page stays open
TAP_PURCHASES = 10


def _tap_refused(request: HttpRequest, status: int, title: str, text: str) -> HttpResponse:
    return _page(request, "message.html", status=status, title=title, text=text)


@never_cache
@require_GET
def card_tap(request: HttpRequest) -> HttpResponse:
    """``/foraeldre/kort?picc=…&cmac=…``: the URL a phone reads from a club card (docs/families.md).
    Refused taps count towards the login limiter (5 per address per 15 minutes); the values are never
    logged (the request log keeps the path only)."""
    from hub.families import sun

    ip = _ip(request)
    if login_limit.blocked("cardtap:" + ip, ip):
        log.warning("families: a card tap refused (too many failures) from %s", ip)
        return _tap_refused(request, 429, _("For mange forsøg"), _("Prøv igen om 15 minutter."))
    tap = sun.check_tap(request.GET.get("picc", "")[:64], request.GET.get("cmac", "")[:32])
    if tap.outcome != "valid":
        login_limit.failed("cardtap:" + ip, ip)
        log.info("families: a card tap refused (%s) from %s", tap.outcome, ip)
        if tap.outcome == "replay":
            return _tap_refused(request, 409, _("Linket er brugt"), _(
                "Dette link fra kortet er allerede brugt. Hold telefonen mod kortet igen for at få et nyt."))
        return _tap_refused(request, 400, _("Kortet kan ikke læses"), _(
            "Linket kommer ikke fra et af klubbens kort, eller det er ændret. Hold telefonen mod kortet igen."))
    card = tap.card
    if card is None or card.child_id is None:
        return _tap_refused(request, 404, _("Kortet kendes ikke"), _(
            "Kortet er ægte, men det hører ikke til et barn endnu. Spørg en voksen i klubben."))
    child = selectors.tap_child(card)
    if child is None:
        return _tap_refused(request, 404, _("Kortet kendes ikke"), _(
            "Kortet er ægte, men det hører ikke til et barn endnu. Spørg en voksen i klubben."))
    parent = Parent.objects.filter(user_id=request.user.pk).first() if request.user.is_authenticated else None
    if parent is not None and selectors.link_for(parent, child.pk) is not None:
        return redirect("families:child", child_pk=child.pk)  # their own child: the normal page
    if card.status != "active":
        return _tap_refused(request, 403, _("Kortet er spærret"), _(
            "Kortet er meldt mistet eller spærret. Spørg en voksen i klubben."))
    if not ParentChild.objects.filter(child=child).exists():  # no parents yet: offer a sign-up
        try:
            code = services.card_signup_code(card, "card tap")
        except FamilyError as exc:
            return _tap_refused(request, 400, _("Kortet kendes ikke"), exc.message)
        return _page(request, "card_signup.html", code=code,
                     link=reverse("families:signup") + "?kode=" + code)  # fmt: skip
    request.session[TAP_SESSION_KEY] = {"card": card.pk,
                                        "until": (timezone.now().timestamp() + TAP_MINUTES * 60)}  # fmt: skip
    return redirect("families:card_page")


@never_cache
@require_GET
def card_page(request: HttpRequest) -> HttpResponse:
    """The read-only card page a tap opened: only that card's child, only for ``TAP_MINUTES``."""
    data = request.session.get(TAP_SESSION_KEY)
    card = None
    if isinstance(data, dict) and float(data.get("until", 0)) > timezone.now().timestamp():
        card = selectors.tap_card(int(data.get("card", 0)))
    child = selectors.tap_child(card) if card is not None else None
    if card is None or child is None:
        request.session.pop(TAP_SESSION_KEY, None)
        return _tap_refused(request, 403, _("Siden er lukket"), _(
            "Siden fra kortet er kun åben et par minutter. Hold telefonen mod kortet igen."))
    return _page(request, "card_tap.html", first_name=child.display_name.split(" ")[0],
                 balance=selectors.balance(child), purchases=selectors.purchases(child)[:TAP_PURCHASES],
                 minutes=TAP_MINUTES)  # fmt: skip
