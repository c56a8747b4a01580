"""Staff PINs: checked against the contract's scrypt hash; never stored in clear."""

from __future__ import annotations

import hashlib
import hmac
import re

PIN_RE = re.compile(r"^[0-9]{4,6}$")


def pin_matches(pin: str, pin_hash: str) -> bool:
    """``scrypt$<n>$<r>$<p>$<salt hex>$<hash hex>``; a malformed hash never matches."""
    if not PIN_RE.fullmatch(pin):
        return False
    parts = pin_hash.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        return False
    try:
        n, r, p = int(parts[1]), int(parts[2]), int(parts[3])
        salt, expected = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
        if n < 2 or n & (n - 1) or n > 2**20 or not 1 <= r <= 32 or not 1 <= p <= 16:
            return False
        digest = hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=len(expected) or 32,
                                maxmem=256 * 1024 * 1024)  # fmt: skip
    except (ValueError, OverflowError, MemoryError):
        return False
    return hmac.compare_digest(digest, expected)
