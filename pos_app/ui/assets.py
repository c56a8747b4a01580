"""Finding assets (product pictures, icons, translations), from source or from the bundle."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication


def assets_dir() -> Path:
    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "assets"


def product_icon(product_id: str, category: str) -> QIcon:
    folder = assets_dir() / "products"
    for name in (product_id, category):
        path = folder / f"{name}.svg"
        if path.exists():
            return QIcon(str(path))
    return QIcon(str(assets_dir() / "icons" / "card.svg"))


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
