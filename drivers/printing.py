"""Receipt documents and the printers that print them.

One ``Document`` (title, lines, label/amount pairs, a QR code) is rendered to ESC/POS for
thermal printers (python-escpos: network, USB, serial, file), to plain text and to PNG (for
the screen, or a file when no printer is attached). Danish letters go out in code page CP865.
"""

from __future__ import annotations

import io
import logging
import math
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from .protocols import DeviceState, DeviceStatus, DriverError

log = logging.getLogger(__name__)

BlockKind = Literal["title", "text", "pair", "rule", "qr", "feed"]


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    text: str = ""
    right: str = ""
    bold: bool = False


@dataclass(slots=True)
class Document:
    """What to print, independent of the printer. Built with the small helpers below."""

    blocks: list[Block] = field(default_factory=list)
    columns: int = 42

    def title(self, text: str) -> Document:
        self.blocks.append(Block("title", text, bold=True))
        return self

    def text(self, text: str, bold: bool = False) -> Document:
        self.blocks.append(Block("text", text, bold=bold))
        return self

    def pair(self, left: str, right: str, bold: bool = False) -> Document:
        self.blocks.append(Block("pair", left, right, bold))
        return self

    def rule(self) -> Document:
        self.blocks.append(Block("rule"))
        return self

    def qr(self, data: str) -> Document:
        self.blocks.append(Block("qr", data))
        return self

    def to_json(self) -> dict[str, Any]:
        return {"columns": self.columns, "blocks": [[b.kind, b.text, b.right, b.bold] for b in self.blocks]}

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> Document:
        return cls([Block(k, t, r, bool(b)) for k, t, r, b in doc["blocks"]], int(doc.get("columns", 42)))


class PrinterError(DriverError):
    """Printing failed (off, unreachable, out of paper, stalled); the job stays queued."""


def _pair_line(left: str, right: str, columns: int) -> str:
    room = columns - len(right) - 1
    if len(left) > room:
        left = left[: max(room, 0)]
    return f"{left}{' ' * (columns - len(left) - len(right))}{right}"


def render_text(doc: Document) -> str:
    out: list[str] = []
    for b in doc.blocks:
        if b.kind == "title":
            out.append(b.text.center(doc.columns).rstrip())
        elif b.kind == "text":
            out.append(b.text)
        elif b.kind == "pair":
            out.append(_pair_line(b.text, b.right, doc.columns))
        elif b.kind == "rule":
            out.append("-" * doc.columns)
        elif b.kind == "qr":
            out.append(f"[QR {b.text}]")
    return "\n".join(out) + "\n"


def render_escpos(doc: Document, printer: Any, native_qr: bool = True) -> None:
    """Send ``doc`` to a python-escpos printer object (any transport, or ``Dummy``)."""
    printer.charcode("CP865")  # æøå ÆØÅ
    for b in doc.blocks:
        if b.kind == "title":
            printer.set(align="center", bold=True, double_height=True, double_width=True)
            printer.textln(b.text)
            printer.set(normal_textsize=True, bold=False, align="left")
        elif b.kind in ("text", "pair"):
            printer.set(bold=b.bold)
            printer.textln(b.text if b.kind == "text" else _pair_line(b.text, b.right, doc.columns))
            if b.bold:
                printer.set(bold=False)
        elif b.kind == "rule":
            printer.textln("-" * doc.columns)
        elif b.kind == "qr":
            printer.qr(b.text, native=native_qr, size=6, center=not native_qr)
    printer.cut()


def render_png(doc: Document) -> bytes:
    """The receipt as a picture (for the screen or a file), QR code included."""
    import qrcode
    from PIL import Image, ImageDraw, ImageFont

    def font(size: int) -> Any:
        for path in ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf", "DejaVuSansMono.ttf"):
            try:
                return ImageFont.truetype(path, size)
            except OSError:
                continue
        return ImageFont.load_default(size)

    regular, big = font(18), font(30)
    rows: list[tuple[str, Any, Any]] = []
    for b in doc.blocks:
        if b.kind == "qr":
            qr = qrcode.QRCode(border=2, box_size=6)
            qr.add_data(b.text)
            rows.append(("img", qr.make_image(fill_color="black", back_color="white").get_image().convert("L"), None))
        elif b.kind == "title":
            rows.append(("title", b.text, big))
        elif b.kind != "feed":
            line = render_text(Document([b], doc.columns)).rstrip("\n")
            rows.append(("text", line, regular))
    # As wide as the widest line as drawn (rounded up), never narrower than the paper's columns.
    widths = [math.ceil(regular.getlength("M") * doc.columns)]
    widths += [math.ceil(f.getlength(v)) for kind, v, f in rows if kind != "img"]
    widths += [v.width for kind, v, _f in rows if kind == "img"]
    width = max(widths) + 40
    height = 20 + sum(r[1].height + 10 if r[0] == "img" else (42 if r[0] == "title" else 26) for r in rows)
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    y = 10
    for kind, value, f in rows:
        if kind == "img":
            image.paste(value, ((width - value.width) // 2, y))
            y += value.height + 10
        elif kind == "title":
            draw.text((width // 2, y), value, font=f, fill=0, anchor="ma")
            y += 42
        else:
            draw.text((20, y), value, font=f, fill=0)
            y += 26
    buf = io.BytesIO()
    image.save(buf, "PNG")
    return buf.getvalue()


def _escpos_cache() -> None:
    """python-escpos caches its capability data; keep it in our cache folder, not a new temp dir each start."""
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" not in os.environ:
        folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "club-kiosk" / "escpos"
        folder.mkdir(parents=True, exist_ok=True)
        os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)


class EscposReceiptPrinter:
    """A ``ReceiptPrinter`` on python-escpos. ``connect`` makes an opened printer object per job."""

    def __init__(self, name: str, connect: Callable[[], Any], native_qr: bool = True) -> None:
        self.name = name
        self._connect = connect
        self.native_qr = native_qr
        self.status = DeviceStatus(name, DeviceState.DISCONNECTED, "not used yet")

    @classmethod
    def network(cls, host: str, port: int = 9100, timeout_s: float = 10.0) -> EscposReceiptPrinter:
        def connect() -> Any:
            _escpos_cache()
            from escpos.printer import Network

            p = Network(host, port=port, timeout=timeout_s)
            p.open()
            return p

        return cls(f"{host}:{port}", connect)

    @classmethod
    def usb(cls, vendor_id: int, product_id: int) -> EscposReceiptPrinter:
        def connect() -> Any:
            _escpos_cache()
            from escpos.printer import Usb

            p = Usb(vendor_id, product_id)
            p.open()
            return p

        return cls(f"USB {vendor_id:04x}:{product_id:04x}", connect)

    @classmethod
    def serial(cls, device: str, baudrate: int = 9600) -> EscposReceiptPrinter:
        def connect() -> Any:
            _escpos_cache()
            from escpos.printer import Serial

            p = Serial(devfile=device, baudrate=baudrate)
            p.open()
            return p

        return cls(device, connect)

    def print_document(self, doc: Document) -> None:
        try:
            printer = self._connect()
        except Exception as exc:  # escpos raises its own DeviceNotFoundError, OSError, usb errors...
            self.status = DeviceStatus(self.name, DeviceState.ERROR, f"cannot connect: {exc.__class__.__name__}")
            raise PrinterError(f"{self.name}: cannot connect ({exc.__class__.__name__})") from exc
        try:
            render_escpos(doc, printer, self.native_qr)
        except Exception as exc:
            self.status = DeviceStatus(self.name, DeviceState.ERROR, f"print failed: {exc.__class__.__name__}")
            raise PrinterError(f"{self.name}: print failed ({exc.__class__.__name__})") from exc
        finally:
            try:
                printer.close()
            except Exception:
                pass
        self.status = DeviceStatus(self.name, DeviceState.READY)


class FileReceiptPrinter:
    """No printer attached: each document is saved as text and PNG (and can be shown on screen)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.name = f"file:{folder}"
        self.status = DeviceStatus(self.name, DeviceState.READY)
        self._n = 0

    def print_document(self, doc: Document) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._n += 1
            stem = self.folder / f"receipt-{os.getpid()}-{self._n:06d}"
            stem.with_suffix(".txt").write_text(render_text(doc), encoding="utf-8")
            stem.with_suffix(".png").write_bytes(render_png(doc))
        except OSError as exc:
            self.status = DeviceStatus(self.name, DeviceState.ERROR, str(exc))
            raise PrinterError(f"cannot save the receipt: {exc}") from exc
