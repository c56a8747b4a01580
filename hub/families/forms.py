"""The families' forms: the shape of what was typed (the services check it against what is stored).
An error is shown beside its field and nothing is saved."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from hub.office.forms import KronerField


class CodeField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Kode fra brevet"))
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "autocomplete": "off", "autocapitalize": "characters",
                "spellcheck": "false"}  # fmt: skip


class SignupForm(forms.Form):
    code = CodeField()
    name = forms.CharField(label=_("Dit navn"), max_length=100,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("Din e-mail"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(label=_("Vælg en adgangskode"), max_length=4096, strip=False,
                               help_text=_("Mindst 10 tegn."),
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))


class CodeForm(forms.Form):
    code = CodeField()


class LoginForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "username", "autofocus": True}))
    password = forms.CharField(label=_("Adgangskode"), max_length=4096, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class ResetRequestForm(forms.Form):
    email = forms.EmailField(label=_("Din e-mail"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))


class LimitsForm(forms.Form):
    daily_limit = KronerField(label=_("Højst pr. dag (kr)"), required=False,
                              help_text=_("Tom: ingen grænse."))
    restrictions = forms.MultipleChoiceField(label=_("Må ikke købe"), required=False,
                                             widget=forms.CheckboxSelectMultiple)
    low_balance = KronerField(label=_("Mail mig når saldoen kommer under (kr)"), required=False,
                              help_text=_("Tom: ingen mail."))

    def __init__(self, *args: Any, tags: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["restrictions"].choices = [(t, t) for t in tags]


class TopUpForm(forms.Form):
    amount = KronerField(label=_("Beløb (kr)"))


class FripladsEstimateForm(forms.Form):
    income_month = forms.IntegerField(label=_("Husstandens indkomst pr. måned før skat (kr)"), min_value=0,
                                      max_value=10_000_000)
    children = forms.IntegerField(label=_("Børn under 18 i husstanden"), min_value=1, max_value=30, initial=1)
    single = forms.BooleanField(label=_("Jeg er enlig forsørger"), required=False)
