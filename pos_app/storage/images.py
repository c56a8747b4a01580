"""The product picture cache (contract 1.1 rule 6): files on disk, named by the SHA-256 of their bytes.

A folder beside the database (``<db dir>/images/``) holds ``<sha256>.png`` or ``<sha256>.jpg``.
A picture is kept only when its bytes hash to its name, it is at most 512 KiB, and it is a PNG or
JPEG by its content type *and* its magic bytes; it is written atomically (temp file, fsync,
rename, fsync of the folder). Every read checks the hash again: a file that no longer matches
(cut short, changed on disk) is deleted, so the sync fetches it again and the kiosk shows the
next picture in the meantime. No Qt here: the UI gets a path.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from pathlib import Path

from pos_app.domain.pictures import IMAGE_TYPES, MAX_IMAGE_BYTES, SHA256_RE, image_type

log = logging.getLogger(__name__)


class ImageRefused(ValueError):
    """Bytes that may not be kept under that name; the message says why."""


def image_cache_for(db_path: str | Path) -> ImageCache:
    """The image cache of the ledger at ``db_path``: the ``images`` folder beside it."""
    return ImageCache(Path(db_path).resolve().parent / "images")


class ImageCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _candidates(self, sha256: str) -> list[Path]:
        return [self.folder / f"{sha256}{suffix}" for suffix in IMAGE_TYPES.values()]

    def path(self, sha256: str) -> Path | None:
        """The verified file for ``sha256``, or None (not here, or here but damaged: then deleted)."""
        if not SHA256_RE.fullmatch(sha256):
            return None
        for path in self._candidates(sha256):
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                continue
            except OSError as exc:
                log.warning("image %s… cannot be read: %s", sha256[:12], exc.__class__.__name__)
                continue
            expected_type = "image/png" if path.suffix == ".png" else "image/jpeg"
            if (len(data) <= MAX_IMAGE_BYTES and hashlib.sha256(data).hexdigest() == sha256
                    and image_type(data) == expected_type):  # fmt: skip
                return path
            log.warning("image %s… on disk does not match its hash (%d bytes): deleted, to be fetched again",
                        sha256[:12], len(data))  # fmt: skip
            path.unlink(missing_ok=True)
        return None

    def has(self, sha256: str) -> bool:
        return self.path(sha256) is not None

    def missing(self, wanted: list[str]) -> list[str]:
        return [sha for sha in wanted if not self.has(sha)]

    def put(self, sha256: str, data: bytes, content_type: str) -> Path:
        """Keep ``data`` as the picture ``sha256`` after checking it; ImageRefused when it may not be kept."""
        if not SHA256_RE.fullmatch(sha256):
            raise ImageRefused("the name is not a SHA-256")
        if len(data) > MAX_IMAGE_BYTES:
            raise ImageRefused(f"{len(data)} bytes: more than 512 KiB")
        if content_type not in IMAGE_TYPES:
            raise ImageRefused(f"content type {content_type!r} is not PNG or JPEG")
        if image_type(data) != content_type:
            raise ImageRefused(f"the bytes are not a {content_type} file")
        if hashlib.sha256(data).hexdigest() != sha256:
            raise ImageRefused("the bytes do not hash to the name")
        self.folder.mkdir(parents=True, exist_ok=True)
        final = self.folder / f"{sha256}{IMAGE_TYPES[content_type]}"
        fd, tmp = tempfile.mkstemp(prefix=".incoming-", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, final)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(self.folder)
        return final


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
