"""The picture a child chooses a product by (contract 1.1 rule 6), on the office's side.

- **Built-in icons**: the kiosk's own picture files (``assets/products/<name>.svg`` of the installed
  ``assets`` package: the very files the kiosk draws, not copies). The office lists them as a grid to
  pick from and serves them at ``/office/icons/<name>.svg``; a product then carries ``"icon": name``.
- **An uploaded photo** (``prepare_photo``): a JPEG, PNG or WebP of at most ``MAX_UPLOAD_BYTES``, opened
  by Pillow (a file that is not one of those, is cut short or is too large in pixels is refused with a
  message), turned upright by its EXIF orientation, converted to sRGB, cropped to the middle square and
  resized to ``SIDE`` × ``SIDE``, and encoded again without any metadata (no EXIF, no GPS position, no
  camera, no ICC profile): a JPEG, or a PNG when the picture has transparent parts. The result is what
  the kiosks get: at most 512 KiB (the contract's limit), stored by its SHA-256 as a ``ProductImage``.

Why ``SIDE`` = 256: the kiosk's product tile draws its picture 154 device pixels square at 1920×1080
(measured on the real kiosk window: scale 1 and 1.5 alike), 85 at 1280×800 and 171 at 2560×1600, so 256
is sharp on every supported screen with room to spare, and as a PNG with transparency it can never
pass 512 KiB (256 × 256 × 4 bytes = 256 KiB before compression).
"""

from __future__ import annotations

import hashlib
import io
import logging
import warnings
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from pos_app.domain.pictures import ICON_RE, MAX_IMAGE_BYTES, image_type

log = logging.getLogger(__name__)

SIDE = 256  # the stored picture's width and height in pixels (see the module's docstring)
MIN_SIDE = 128  # a smaller photo would be blown up more than twice: blurred on the kiosk
MAX_UPLOAD_BYTES = 10 * 1024 * 1024  # a phone's photo is 2-8 MiB
MAX_PIXELS = 50_000_000  # a 50 megapixel camera; more is refused before it is decoded (memory)
FORMATS = ("JPEG", "PNG", "WEBP")
JPEG_QUALITY = 88


class PhotoRefused(ValueError):
    """An upload that cannot be a product picture; the message says why (shown beside the field)."""


@dataclass(frozen=True)
class Photo:
    data: bytes
    content_type: str  # image/jpeg or image/png
    sha256: str
    width: int
    height: int


def prepare_photo(raw: bytes) -> Photo:
    """An uploaded photo as the kiosks get it (see the module's docstring), or ``PhotoRefused``."""
    if len(raw) > MAX_UPLOAD_BYTES:
        raise PhotoRefused(_("Billedet er over 10 MiB. Vælg et mindre billede."))
    too_many_pixels = _("Billedet har for mange pixels (højst 50 megapixel).")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(raw), formats=FORMATS)
            if img.width * img.height > MAX_PIXELS:
                raise PhotoRefused(too_many_pixels)
            img.seek(0)  # an animated picture: its first frame
            img.load()  # decodes everything now: a broken or cut-short file fails here
            icc = img.info.get("icc_profile")
            has_alpha = img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info)
            img = ImageOps.exif_transpose(img)  # upright, as the camera meant it
            img = _to_srgb(img, icc, "RGBA" if has_alpha else "RGB")
    except PhotoRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoRefused(too_many_pixels) from None
    except UnidentifiedImageError:
        raise PhotoRefused(_("Filen er ikke et billede i JPEG, PNG eller WebP.")) from None
    except Exception as exc:  # noqa: BLE001 - Pillow says "broken" in many ways (OSError, SyntaxError, ...)
        log.info("office: an uploaded picture could not be read (%s)", exc.__class__.__name__)
        raise PhotoRefused(_("Billedet kan ikke læses (filen er beskadiget eller ufuldstændig).")) from None
    if min(img.size) < MIN_SIDE:
        raise PhotoRefused(_("Billedet er for lille: mindst %(side)s × %(side)s pixels.") % {"side": MIN_SIDE})
    square = ImageOps.fit(img, (SIDE, SIDE), method=Image.Resampling.LANCZOS, centering=(0.5, 0.5))
    # a new image of the pixels only: nothing of the original's metadata can ride along
    clean = Image.new(square.mode, square.size)
    clean.paste(square)
    out = io.BytesIO()
    if has_alpha and clean.getextrema()[3][0] < 255:  # some pixel is see-through: PNG keeps it
        clean.save(out, format="PNG", optimize=True)
    else:
        clean.convert("RGB").save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    data = out.getvalue()
    content_type = image_type(data)
    assert content_type is not None and len(data) <= MAX_IMAGE_BYTES, (content_type, len(data))
    return Photo(data, content_type, hashlib.sha256(data).hexdigest(), SIDE, SIDE)


def _to_srgb(img: Image.Image, icc: bytes | None, mode: str) -> Image.Image:
    """The pixels in ``mode`` (RGB or RGBA) and in sRGB, which the kiosk assumes: a photo with a colour
    profile (a phone's Display P3, a printer's CMYK) is converted by it; a profile that cannot be read,
    or none, leaves the colours as they are."""
    if icc:
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(img, source, ImageCms.createProfile("sRGB"), outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            converted = None
        if converted is not None:
            return converted
    return img.convert(mode)


# --- the kiosk's built-in icons ------------------------------------------------------------------

def _icon_folder() -> Traversable:
    return resources.files("assets") / "products"


@lru_cache(maxsize=1)
def icon_names() -> tuple[str, ...]:
    """The names of the kiosk's built-in product pictures, sorted (read once per process)."""
    return tuple(sorted(p.name.removesuffix(".svg") for p in _icon_folder().iterdir()
                        if p.name.endswith(".svg") and ICON_RE.fullmatch(p.name.removesuffix(".svg"))))  # fmt: skip


def icon_svg(name: str) -> bytes | None:
    """The SVG file of a built-in icon, or None for a name that is not one."""
    if not ICON_RE.fullmatch(name) or name not in icon_names():
        return None
    return (_icon_folder() / f"{name}.svg").read_bytes()


# What each built-in picture shows, for people (the grid's captions and the pictures' alt text).
# A picture added to the kiosk without a label here is captioned with its file name.
ICON_LABELS = {
    "apple": gettext_lazy("æble"),
    "balloon": gettext_lazy("ballon"),
    "banana": gettext_lazy("banan"),
    "beads": gettext_lazy("perler"),
    "bike": gettext_lazy("cykel"),
    "book": gettext_lazy("bog"),
    "bun": gettext_lazy("bolle"),
    "bus": gettext_lazy("bus"),
    "cake": gettext_lazy("kage"),
    "candy": gettext_lazy("slik"),
    "carrot": gettext_lazy("gulerod"),
    "cheese": gettext_lazy("ost"),
    "chips": gettext_lazy("chips"),
    "chocolate": gettext_lazy("chokolade"),
    "cinema": gettext_lazy("biograf"),
    "cocoa": gettext_lazy("kakao"),
    "cookie": gettext_lazy("småkage"),
    "donut": gettext_lazy("donut"),
    "egg": gettext_lazy("æg"),
    "football": gettext_lazy("fodbold"),
    "game": gettext_lazy("spil"),
    "grapes": gettext_lazy("vindruer"),
    "hotdog": gettext_lazy("hotdog"),
    "icecream": gettext_lazy("is"),
    "icelolly": gettext_lazy("ispind"),
    "juice": gettext_lazy("saft"),
    "lollipop": gettext_lazy("slikkepind"),
    "melon": gettext_lazy("melon"),
    "milk": gettext_lazy("mælk"),
    "muffin": gettext_lazy("muffin"),
    "music": gettext_lazy("musik"),
    "orange": gettext_lazy("appelsin"),
    "paint": gettext_lazy("maling"),
    "pancake": gettext_lazy("pandekage"),
    "paper": gettext_lazy("papir"),
    "pasta": gettext_lazy("pasta"),
    "pear": gettext_lazy("pære"),
    "pencil": gettext_lazy("blyant"),
    "pizza": gettext_lazy("pizza"),
    "popcorn": gettext_lazy("popcorn"),
    "pretzel": gettext_lazy("kringle"),
    "raisins": gettext_lazy("rosiner"),
    "salad": gettext_lazy("salat"),
    "sandwich": gettext_lazy("sandwich"),
    "scissors": gettext_lazy("saks"),
    "smoothie": gettext_lazy("smoothie"),
    "soda": gettext_lazy("sodavand"),
    "soup": gettext_lazy("suppe"),
    "strawberry": gettext_lazy("jordbær"),
    "swim": gettext_lazy("svømning"),
    "tea": gettext_lazy("te"),
    "tent": gettext_lazy("telt"),
    "ticket": gettext_lazy("billet"),
    "toast": gettext_lazy("toast"),
    "water": gettext_lazy("vand"),
    "yoghurt": gettext_lazy("yoghurt"),
    "zoo": gettext_lazy("zoo"),
}


def icon_label(name: str) -> str:
    return str(ICON_LABELS.get(name, name))
