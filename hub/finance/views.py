"""The finance reports in the back office (``/office/finance/``): thin views over ``reports``. finance
sees every club side by side (or the clubs picked), a leader their own club, staff nothing (403).

The page draws its charts with Chart.js (vendored, ``static/chart.umd.js``) from ``static/reports.js``;
the data comes through ``json_script``. No inline script or style: the page's Content-Security-Policy
allows scripts from the hub itself only."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from hub.clubs.models import Club
from hub.finance import reports as rep
from hub.office.access import CAN, Office, office_view
from hub.office.middleware import CSP

STATIC = Path(__file__).parent / "static" / "finance"
FILES = {"chart.umd.js": "text/javascript", "reports.js": "text/javascript", "finance.css": "text/css"}
PAGE_CSP = CSP.replace("default-src 'none';", "default-src 'none'; script-src 'self';")

TITLES = {
    "sales_per_day": gettext_lazy("Salg pr. dag"),
    "sales_per_product": gettext_lazy("Salg pr. vare"),
    "subsidy_per_month": gettext_lazy("Fripladstilskud pr. måned"),
    "balances_held": gettext_lazy("Forudbetalte saldi pr. klub"),
    "cash_differences": gettext_lazy("Kassedifferencer pr. Z-rapport"),
    "rejected_open": gettext_lazy("Afviste transaktioner (åbne)"),
}


class PeriodForm(forms.Form):
    start = forms.DateField(label=gettext_lazy("Fra"), input_formats=["%Y-%m-%d"],
                            widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    end = forms.DateField(label=gettext_lazy("Til"), input_formats=["%Y-%m-%d"],
                          widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip
    club = forms.MultipleChoiceField(label=gettext_lazy("Klubber"), required=False,
                                     widget=forms.CheckboxSelectMultiple)  # fmt: skip

    def __init__(self, *args: Any, clubs: list[Club], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["club"].choices = [(c.club_id, c.name) for c in clubs]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if start > end:
                self.add_error("end", _("Til-datoen ligger før fra-datoen."))
            elif (end - start).days >= rep.MAX_DAYS:
                self.add_error("end", _("Højst et år ad gangen."))
        return data


def _office(request: HttpRequest) -> Office:
    return request.office  # type: ignore[attr-defined,no-any-return]


def _visible(office: Office) -> list[Club]:
    if office.role == "finance":
        return list(Club.objects.order_by("club_id"))
    assert office.own_club is not None
    return [office.own_club]


def _period(request: HttpRequest, visible: list[Club]) -> tuple[PeriodForm, list[Club], date, date]:
    today = timezone.localdate()
    default = {"start": (today - timedelta(days=29)).isoformat(), "end": today.isoformat()}
    data = {**default, **{k: v for k, v in request.GET.items() if k in ("start", "end")}}
    form = PeriodForm({**data, "club": request.GET.getlist("club")}, clubs=visible)
    if form.is_valid():
        picked = set(form.cleaned_data["club"])
        clubs = [c for c in visible if c.club_id in picked] or visible
        return form, clubs, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, visible, date.fromisoformat(default["start"]), date.fromisoformat(default["end"])


@never_cache
@require_GET
@office_view("reports", club_page=False)
def reports(request: HttpRequest) -> HttpResponse:
    office = _office(request)
    visible = _visible(office)
    form, clubs, first, last = _period(request, visible)
    data = rep.all_reports(clubs, first, last) if form.is_valid() else {}
    sections = [{"key": k, "title": TITLES[k], "report": r, "rows": r.rows[:200], "more": max(0, len(r.rows) - 200)}
                for k, r in data.items()]  # fmt: skip
    charts = {k: r.chart for k, r in data.items() if r.chart is not None}
    query = request.GET.urlencode()
    can = {what.replace(".", "_"): office.can(what) for what in CAN}
    response = render(request, "finance/reports.html", {
        # a leader's menu keeps their club's pages; finance has no club here (every club is on the page)
        "office": Office(office.username, office.role, office.own_club, None if office.role == "finance"
                         else office.own_club),
        "can": can, "nav": "reports",
        "form": form, "sections": sections, "charts": charts, "query": query, "first": first, "last": last,
        "clubs": clubs, "side_by_side": office.role == "finance"})  # fmt: skip
    response["Content-Security-Policy"] = PAGE_CSP
    return response


@never_cache
@require_GET
@office_view("reports", club_page=False)
def report_csv(request: HttpRequest, key: str) -> HttpResponse:
    if key not in TITLES:
        raise Http404
    visible = _visible(_office(request))
    form, clubs, first, last = _period(request, visible)
    if not form.is_valid():
        return HttpResponse(" ".join(str(e) for errs in form.errors.values() for e in errs), status=400,
                            content_type="text/plain; charset=utf-8")  # fmt: skip
    report = rep.one_report(key, clubs, first, last)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(report.columns)
    w.writerows(report.rows)
    response = HttpResponse(buf.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{key}-{first.isoformat()}-{last.isoformat()}.csv"'
    return response


@require_GET
def static(request: HttpRequest, name: str) -> HttpResponse:
    """The page's own script, style and the vendored Chart.js (no Django staticfiles app in the hub)."""
    if name not in FILES:
        raise Http404
    response = HttpResponse((STATIC / name).read_bytes(), content_type=f"{FILES[name]}; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response


