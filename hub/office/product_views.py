"""The back office's product pages: the list (search, category, active or not), a product (its form for
a leader, read-only for the others), a new product; the pictures the pages show (the kiosk's built-in
icons, and the club's uploaded photos for signed-in users of the club). Thin views, like ``views``:
reads through ``selectors``, writes through ``services``."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from hub.office import pictures, selectors, services
from hub.office.access import forbidden, office_view
from hub.office.forms import NewProductForm, ProductForm
from hub.office.services import OfficeError
from hub.office.views import _club, _form_error, _office, _page
from pos_app.domain.pictures import SHA256_RE

log = logging.getLogger(__name__)


@never_cache
@office_view("view")
def products(request: HttpRequest) -> HttpResponse:
    club = _club(request)
    q = request.GET.get("q", "")[:80]
    category = request.GET.get("category", "")[:32]
    status = request.GET.get("status", "all")
    if status not in selectors.PRODUCT_STATUSES:
        status = "all"
    return _page(request, "products.html", q=q, category=category, status_filter=status,
                 rows=selectors.products(club, q, category, status), categories=selectors.product_categories(club),
                 nav="products")  # fmt: skip


def _photo(form: ProductForm) -> tuple[bytes, str] | None:
    photo = form.cleaned_data.get("photo")
    return (photo.data, photo.content_type) if photo is not None else None


def _form_page(request: HttpRequest, form: ProductForm, product: Any, status: int) -> HttpResponse:
    # a file chosen in a form that had an error elsewhere is not kept: the browser must send it again
    photo_again = bool(request.FILES.get("photo")) and bool(form.errors) and "photo" not in form.errors
    return _page(request, "product_form.html", status=status, form=form, product=product, photo_again=photo_again,
                 nav="products")  # fmt: skip


@never_cache
@office_view("product.edit")
@require_http_methods(["GET", "POST"])
def product_new(request: HttpRequest) -> HttpResponse:
    form = NewProductForm(request.POST or None, request.FILES or None,
                          categories=selectors.product_categories(_club(request)))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            product = services.create_product(_club(request).pk, _office(request).username,
                                              form.cleaned_data["product_id"], form.record_fields(),
                                              _photo(form))  # fmt: skip
        except OfficeError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, _("Varen %(name)s er oprettet.") % {"name": product.name})
            return redirect("office:products", club_id=_club(request).club_id)
    return _form_page(request, form, None, 400 if form.errors else 200)


@never_cache
@office_view("view")
@require_http_methods(["GET", "POST"])
def product(request: HttpRequest, product_id: str) -> HttpResponse:
    """A leader gets the product's form (and saves it here); finance and staff see it read-only."""
    club, office = _club(request), _office(request)
    found = selectors.product(club, product_id)
    if found is None:
        raise Http404
    if not office.can("product.edit"):
        if request.method == "POST":
            return forbidden(request)
        return _page(request, "product.html", product=found, nav="products")
    has_photo = found.image_sha256 is not None
    form = ProductForm(request.POST or None, request.FILES or None, initial=ProductForm.initial_from(found),
                       has_photo=has_photo, categories=selectors.product_categories(club))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_product(club.pk, office.username, product_id, form.record_fields(),
                                              _photo(form), bool(form.cleaned_data.get("remove_photo")))  # fmt: skip
        except OfficeError as exc:
            _form_error(form, exc)
        else:
            messages.success(request, (_("Varen %(name)s er gemt.") if changed else _("Intet at gemme."))
                             % {"name": form.cleaned_data["name"].strip()})  # fmt: skip
            return redirect("office:products", club_id=club.club_id)
    return _form_page(request, form, found, 400 if form.errors else 200)


@office_view("view")
@require_GET
def product_picture(request: HttpRequest, sha256: str) -> HttpResponse:
    """An uploaded picture of the club, for the office's pages (the kiosks fetch theirs from the API with
    their token). Immutable: named by the hash of its bytes."""
    if not SHA256_RE.fullmatch(sha256):
        raise Http404
    image = selectors.product_image(_club(request), sha256)
    if image is None:
        raise Http404
    response = HttpResponse(bytes(image.data), content_type=image.content_type)
    response["Cache-Control"] = "private, max-age=31536000, immutable"
    return response


@require_GET
def icon(request: HttpRequest, name: str) -> HttpResponse:
    """One of the kiosk's built-in product pictures: the kiosk's own file from the installed ``assets``
    package (public, like the stylesheet: it is the project's artwork, nothing of a club)."""
    data = pictures.icon_svg(name)
    if data is None:
        raise Http404
    response = HttpResponse(data, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response
