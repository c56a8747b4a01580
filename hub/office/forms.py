"""The back office's forms: they check the shape of what was typed (amounts in Danish kroner to øre,
percentages, dates, tags); the services check it against what is stored. An error is shown beside
its field and nothing is saved."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pos_app.domain.money import AmountError, parse_kroner

TAG_RE = re.compile(r"[a-z0-9_-]{1,32}")

_AMOUNT_ERRORS = {
    "empty": _("Skriv et beløb."),
    "malformed": _("Skriv et beløb i kroner, fx 50 eller 12,50."),
    "ambiguous": _("Beløbet kan læses på to måder: brug komma før ører, fx 12,50 eller 1.000,00."),
    "too_many_decimals": _("Højst to decimaler (ører)."),
    "negative": _("Beløbet kan ikke være negativt her."),
    "too_large": _("Beløbet er for stort."),
}


class KronerField(forms.CharField):
    """Kroner as people type them in Danish (``12,50``, ``1.000``) -> int øre (never a float)."""

    def __init__(self, *, allow_negative: bool = False, **kwargs: Any) -> None:
        self.allow_negative = allow_negative
        kwargs.setdefault("max_length", 20)
        super().__init__(**kwargs)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {**super().widget_attrs(widget), "inputmode": "decimal", "autocomplete": "off"}

    def clean(self, value: Any) -> int | None:  # type: ignore[override]
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_kroner(text, allow_negative=self.allow_negative)
        except AmountError as exc:
            raise forms.ValidationError(_AMOUNT_ERRORS.get(exc.reason, _AMOUNT_ERRORS["malformed"])) from None


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Brugernavn"), max_length=150,
                               widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}))
    password = forms.CharField(label=_("Adgangskode"), max_length=4096, strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


PAYMENT_MODES = [("prepaid", _("Forudbetalt")), ("account", _("Konto (betales bagefter)"))]


class TagsField(forms.MultipleChoiceField):
    """Checkboxes of tags; an empty value (a form sent by hand) is no tag."""

    def to_python(self, value: Any) -> list[str]:
        return [v for v in super().to_python(value) if v]


class ChildForm(forms.Form):
    display_name = forms.CharField(label=_("Navn"), max_length=80)
    payment_mode = forms.ChoiceField(label=_("Betaling"), choices=PAYMENT_MODES)
    credit_limit = KronerField(label=_("Kredit (kr)"), required=False,
                               help_text=_("Hvor langt under 0 kr saldoen må gå. Tom: 0 kr."))
    daily_limit = KronerField(label=_("Dagsgrænse (kr)"), required=False, help_text=_("Tom: ingen grænse."))
    restrictions = TagsField(
        label=_("Begrænsninger"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("Mærker barnet ikke må købe: de mærker, klubbens varer har (sæt mærker på en vare under Varer)."))
    blocked = forms.BooleanField(label=_("Spærret (kan ikke købe)"), required=False)

    def __init__(self, *args: Any, tags: list[str] | None = None, **kwargs: Any) -> None:
        """``tags``: the tags the club's products carry; the child's own stored restrictions stay choices
        too (kept as they are, even if no product carries them any more)."""
        super().__init__(*args, **kwargs)
        stored = list(self.initial.get("restrictions") or [])
        self.fields["restrictions"].choices = [(t, t) for t in sorted({*(tags or []), *stored})]

    def clean_restrictions(self) -> list[str]:
        return sorted(set(self.cleaned_data["restrictions"]))

    def record_fields(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"display_name": d["display_name"].strip(), "payment_mode": d["payment_mode"],
                "credit_limit_ore": d["credit_limit"] or 0, "daily_limit_ore": d["daily_limit"],
                "restrictions": d["restrictions"], "blocked": d["blocked"]}  # fmt: skip

    @staticmethod
    def initial_from(child: Any) -> dict[str, Any]:
        from pos_app.domain.money import format_ore

        def kr(ore: int | None) -> str:
            return "" if ore is None else format_ore(ore).removesuffix(" kr")

        return {"display_name": child.display_name, "payment_mode": child.payment_mode,
                "credit_limit": kr(child.credit_limit_ore), "daily_limit": kr(child.daily_limit_ore),
                "restrictions": list(child.restrictions), "blocked": child.blocked}  # fmt: skip


class NewChildForm(ChildForm):
    child_id = forms.CharField(label=_("Barne-id"), max_length=64,
                               help_text=_("Fx fra skolens system; 1-64 af A-Z, a-z, 0-9, '.', '_' og '-'."))
    friplads_pct = forms.IntegerField(label=_("Friplads (%)"), min_value=0, max_value=100, initial=0)

    field_order = ["child_id", "display_name", "friplads_pct"]


class FripladsForm(forms.Form):
    pct = forms.IntegerField(label=_("Friplads (%)"), min_value=0, max_value=100)
    valid_from = forms.DateField(label=_("Gælder fra"), widget=forms.DateInput(attrs={"type": "date"}),
                                 input_formats=["%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"])

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["valid_from"].initial = timezone.localdate().isoformat()


class TopUpForm(forms.Form):
    amount = KronerField(label=_("Beløb (kr)"))
    method = forms.ChoiceField(label=_("Betalt"), choices=[("cash", _("Kontant")), ("bank", _("Bank"))],
                               widget=forms.RadioSelect, initial="cash")
    note = forms.CharField(label=_("Note"), required=False, max_length=200)


class AdjustForm(forms.Form):
    amount = KronerField(label=_("Beløb (kr, minus trækker fra)"), allow_negative=True)
    reason = forms.CharField(label=_("Begrundelse"), max_length=500)
    # shown (as a checkbox) only after the amount was refused for taking a prepaid child below its limit
    below_limit = forms.BooleanField(label=_("Ja, under grænsen"), required=False, widget=forms.HiddenInput)

    field_order = ["amount", "below_limit", "reason"]

    def ask_below_limit(self) -> None:
        self.fields["below_limit"].widget = forms.CheckboxInput()


class CardForm(forms.Form):
    card_uid = forms.CharField(label=_("Kort-id"), required=False, max_length=64,
                               help_text=_("Som læseren viser det, fx 04:A1:B2:C3:D4:00:01. "
                                           "Tom: lav en ny trykt kortkode."))  # fmt: skip


class CardStatusForm(forms.Form):
    status = forms.ChoiceField(choices=[("active", _("Aktivt")), ("blocked", _("Spærret")), ("lost", _("Tabt"))])


class ReplaceCardForm(forms.Form):
    new_uid = forms.CharField(label=_("Nyt kort-id"), required=False, max_length=64,
                              help_text=_("Tom: lav en ny trykt kortkode."))
    old_status = forms.ChoiceField(label=_("Det gamle kort"), choices=[("lost", _("Tabt")), ("blocked", _("Spærret"))],
                                   widget=forms.RadioSelect, initial="lost")


class CsvUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV-fil"), allow_empty_file=False,
                           help_text=_("UTF-8, ; eller , mellem felterne, en overskrift. Højst 1 MiB og 5.000 rækker."))


class CsvSaveForm(forms.Form):
    """"Gem" on the preview: the SHA-256 of the file that was shown (the file itself stays on the server)."""

    sha256 = forms.CharField(widget=forms.HiddenInput, min_length=64, max_length=64)


# --- products ------------------------------------------------------------------------------------

# The kiosk's own categories (its tabs, in this order); a club may use others (shown as typed).
KIOSK_CATEGORIES = [("food", _("Mad")), ("drink", _("Drikke")), ("snack", _("Snacks")), ("trip", _("Ture"))]
# A category the club already uses, other than the kiosk's own, stays a choice only if it looks like a
# tab's name (letters, digits, space, '-', '_'): never markup like "<script>".
EXTRA_CATEGORY_RE = re.compile(r"[^\W_][\w -]{0,31}")


def category_choices(used: list[str]) -> list[tuple[str, str]]:
    """The category select: the kiosk's tabs by their Danish names, then the club's other categories.
    A category stored under a kiosk tab's Danish name ("Mad") is that tab, not another choice."""
    known = {code for code, _label in KIOSK_CATEGORIES}
    names = {str(label).casefold() for _code, label in KIOSK_CATEGORIES}
    extra = [c for c in used if c not in known and c.casefold() not in names and EXTRA_CATEGORY_RE.fullmatch(c)]
    return [(code, str(label)) for code, label in KIOSK_CATEGORIES] + [(c, c) for c in sorted(set(extra))]


_DANISH_CATEGORY_NAMES = {"food": "Mad", "drink": "Drikke", "snack": "Snacks", "trip": "Ture"}


def category_code(value: str) -> str:
    """A kiosk tab sent by its Danish (or shown) name -> its code ("Mad" -> "food"); else as given."""
    text = value.strip()
    for code, label in KIOSK_CATEGORIES:
        if text.casefold() in {code, str(label).casefold(), _DANISH_CATEGORY_NAMES[code].casefold()}:
            return code
    return text


class CategoryField(forms.ChoiceField):
    """A select of ``category_choices``; a tab's name sent instead of its code is mapped to the code."""

    def to_python(self, value: Any) -> str:
        return category_code(super().to_python(value))


def _tags(text: str) -> list[str]:
    tags = sorted({t.strip().lower() for t in text.split(",") if t.strip()})
    if any(not TAG_RE.fullmatch(t) for t in tags):
        raise forms.ValidationError(_("Et mærke er 1-32 af a-z, 0-9, '_' og '-'."))
    return tags


class ProductForm(forms.Form):
    """A product and the picture a child chooses it by: one of the kiosk's icons and/or a photo (a photo
    is shown instead of the icon once the kiosk has it). The photo is checked and re-encoded here
    (``hub.office.pictures.prepare_photo``), before the service's transaction."""

    name = forms.CharField(label=_("Navn"), max_length=80, help_text=_("Kort: det står på kiosken under billedet."))
    price = KronerField(label=_("Pris (kr)"), help_text=_("Fx 12,50. Et barn med friplads betaler mindre, hvis "
                                                          "friplads gælder for varen."))  # fmt: skip
    category = CategoryField(label=_("Kategori"),
                             help_text=_("Fanen på kiosken, hvor varen står."))  # fmt: skip
    barcode = forms.CharField(label=_("Stregkode"), required=False, max_length=48,
                              help_text=_("Valgfri. Scannes den på kiosken, lægges varen i kurven."))  # fmt: skip
    tags = forms.CharField(label=_("Mærker"), required=False, max_length=400,
                           help_text=_("Adskilt af komma, fx sugar. Et barn med en begrænsning på et mærke kan ikke "
                                       "købe varen."))  # fmt: skip
    friplads_eligible = forms.BooleanField(label=_("Friplads gælder for varen"), required=False, initial=True)
    active = forms.BooleanField(label=_("Aktiv (ellers vises den som udsolgt på kiosken)"), required=False,
                                initial=True)  # fmt: skip
    icon = forms.ChoiceField(label=_("Ikon"), required=False, widget=forms.RadioSelect)
    photo = forms.FileField(label=_("Foto"), required=False,
                            widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
                            help_text=_("JPEG, PNG eller WebP, højst 10 MiB. Det skæres til et kvadrat på "
                                        "256 × 256 pixels (midten) og vises i stedet for ikonet."))  # fmt: skip
    remove_photo = forms.BooleanField(label=_("Fjern fotoet"), required=False)

    def __init__(self, *args: Any, has_photo: bool = False, categories: list[str] | None = None,
                 **kwargs: Any) -> None:  # fmt: skip
        from hub.office.pictures import icon_label, icon_names

        super().__init__(*args, **kwargs)
        self.fields["category"].choices = category_choices(categories or [])
        self.fields["icon"].choices = [("", _("Intet ikon")), *((n, icon_label(n)) for n in icon_names())]
        if not has_photo:
            del self.fields["remove_photo"]

    def clean_barcode(self) -> str | None:
        from hub.office.services import BARCODE_RE

        code = self.cleaned_data["barcode"].strip()
        if not code:
            return None
        if not BARCODE_RE.fullmatch(code):
            raise forms.ValidationError(_("En stregkode er 4-48 af 0-9, A-Z, a-z og '-'."))
        return code

    def clean_tags(self) -> list[str]:
        return _tags(self.cleaned_data["tags"])

    def clean_photo(self) -> Any:
        from hub.office.pictures import MAX_UPLOAD_BYTES, PhotoRefused, prepare_photo

        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        if upload.size > MAX_UPLOAD_BYTES:  # refused before it is read
            raise forms.ValidationError(_("Billedet er over 10 MiB. Vælg et mindre billede."))
        try:
            return prepare_photo(upload.read())
        except PhotoRefused as exc:
            raise forms.ValidationError(str(exc)) from None

    def record_fields(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"name": d["name"].strip(), "price_ore": d["price"], "category": d["category"].strip(),
                "barcode": d["barcode"], "tags": d["tags"], "friplads_eligible": d["friplads_eligible"],
                "active": d["active"], "icon": d["icon"] or None}  # fmt: skip

    @staticmethod
    def initial_from(product: Any) -> dict[str, Any]:
        from pos_app.domain.money import format_ore

        return {"name": product.name, "price": format_ore(product.price_ore).removesuffix(" kr"),
                "category": product.category, "barcode": product.barcode or "", "tags": ", ".join(product.tags),
                "friplads_eligible": product.friplads_eligible, "active": product.active,
                "icon": product.icon or ""}  # fmt: skip


class NewProductForm(ProductForm):
    product_id = forms.CharField(label=_("Vare-id"), required=False, max_length=64,
                                 help_text=_("Valgfrit; tom: laves af navnet. 1-64 af A-Z, a-z, 0-9, '.', '_' og '-'. "
                                             "Kan ikke ændres bagefter."))  # fmt: skip

    field_order = ["name", "price", "category", "barcode", "tags", "friplads_eligible", "active", "product_id"]

    def clean_product_id(self) -> str | None:
        from pos_app.domain.model import ID_RE

        value = self.cleaned_data["product_id"].strip()
        if value and not ID_RE.fullmatch(value):
            raise forms.ValidationError(_("Et vare-id er 1-64 tegn af A-Z, a-z, 0-9, '.', '_' og '-'."))
        return value or None
class KioskForm(forms.Form):
    kiosk_id = forms.CharField(label=_("Kiosk-id"), max_length=64,
                               help_text=_("Fx kiosk-3. Unikt i hele hubben; kan ikke ændres bagefter."))


class ResolveForm(forms.Form):
    note = forms.CharField(label=_("Hvad er gjort"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    amount = KronerField(label=_("Regulering (kr, minus trækker fra)"), allow_negative=True, required=False,
                         help_text=_("Kun hvis penge skal flyttes på barnets saldo. Tom: ingen regulering."))
