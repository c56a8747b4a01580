"""Finding assets (product pictures, icons, translations), from source or from the bundle."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from pos_app.services.pictures import ImageCache, resolve_picture


def assets_dir() -> Path:
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "assets"


def product_icon(product_id: str, category: str, icon: str | None = None, image_sha256: str | None = None,
                 images: ImageCache | None = None) -> QIcon:  # fmt: skip
    """A product's picture: the finance side's (cached, verified), its icon, its id's, its category's,
    a generic one (``pos_app.services.pictures.resolve_picture``). The old two-argument call still works."""
    return QIcon(str(resolve_picture(product_id, category, icon, image_sha256, images=images, assets=assets_dir())))


def icon(name: str) -> QIcon:
    return QIcon(str(assets_dir() / "icons" / f"{name}.svg"))


def install_translation(app: QApplication, language: str) -> QTranslator | None:
    """Danish is the source language; any other language loads its .qm file."""
    if language == "da":
        QLocale.setDefault(QLocale(QLocale.Language.Danish, QLocale.Country.Denmark))
        return None
    translator = QTranslator(app)
    if not translator.load(str(assets_dir() / "translations" / f"club_kiosk_{language}.qm")):
        raise FileNotFoundError(f"no translation for {language!r}")
    app.installTranslator(translator)
    return translator
