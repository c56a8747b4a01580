"""Product pictures (contract 1.1 rule 6): the names and formats the kiosk accepts. Pure, stdlib only."""

from __future__ import annotations

import re

ICON_RE = re.compile(r"^[a-z0-9-]{1,40}$")  # a built-in picture's name
SHA256_RE = re.compile(r"^[0-9a-f]{64}$")  # a finance-side picture's name: the SHA-256 of its bytes
MAX_IMAGE_BYTES = 512 * 1024
IMAGE_TYPES = {"image/png": ".png", "image/jpeg": ".jpg"}


def image_type(data: bytes) -> str | None:
    """``image/png`` or ``image/jpeg`` from the bytes' magic numbers, else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None
