"""Which picture a product tile shows (contract 1.1 rule 6). No Qt: returns a file path.

Order, first that exists:
1. the finance side's picture (``image_sha256``) from the image cache, verified by its hash;
2. the built-in picture named by ``icon`` (``assets/products/<icon>.svg``);
3. the built-in picture named like the product id (the demo's products, and kiosks before 1.1);
4. the category's picture (``assets/categories/<category>.svg``; Danish and English category
   names both work, e.g. ``mad`` and ``food``);
5. a generic product picture.
Names from the finance side are only used as file names when they match ``[a-z0-9-]{1,40}``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from pos_app.domain.pictures import ICON_RE
from pos_app.storage.images import ImageCache as ImageCache  # the UI names it through this service

# Category names a club is likely to use -> the built-in category picture.
CATEGORY_ALIASES = {
    "mad": "food", "madvarer": "food", "maaltid": "food", "måltid": "food",
    "drikke": "drink", "drinks": "drink", "drikkevarer": "drink",
    "snacks": "snack", "mellemmad": "snack",
    "ture": "trip", "tur": "trip", "trips": "trip", "udflugt": "trip", "udflugter": "trip",
    "slik": "sweets", "sweet": "sweets", "kage": "sweets", "kager": "sweets", "is": "sweets",
    "frugt": "fruit", "fruits": "fruit", "grønt": "fruit",
    "aktivitet": "activity", "aktiviteter": "activity", "activities": "activity", "spil": "activity",
    "kreativ": "craft", "kreativt": "craft", "crafts": "craft", "materialer": "craft", "materials": "craft",
    "sports": "sport", "idræt": "sport",
}  # fmt: skip
GENERIC = "generic"


def assets_root() -> Path:
    """The assets folder, in the source tree or in the PyInstaller bundle."""
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "assets"


def builtin_icons(assets: Path | None = None) -> list[str]:
    """The names of the built-in product pictures."""
    return sorted(p.stem for p in ((assets or assets_root()) / "products").glob("*.svg"))


def _builtin(folder: Path, name: str | None) -> Path | None:
    if not name or not ICON_RE.fullmatch(name):
        return None
    path = folder / f"{name}.svg"
    return path if path.is_file() else None


def resolve_picture(product_id: str, category: str, icon: str | None = None, image_sha256: str | None = None, *,
                    images: ImageCache | None = None, assets: Path | None = None) -> Path:  # fmt: skip
    """The file a product's tile shows (see the module's docstring for the order)."""
    root = assets or assets_root()
    if image_sha256 and images is not None:
        cached = images.path(image_sha256)  # checks the bytes against the hash; a bad file is deleted
        if cached is not None:
            return cached
    products = root / "products"
    for name in (icon, product_id):
        found = _builtin(products, name)
        if found is not None:
            return found
    categories = root / "categories"
    key = (category or "").strip().lower()
    for name in (key, CATEGORY_ALIASES.get(key)):
        found = _builtin(categories, name)
        if found is not None:
            return found
    return categories / f"{GENERIC}.svg"
