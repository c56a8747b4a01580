"""Decode the ESC/POS subset python-escpos emits back to text, so tests can read a receipt.

Returns text lines (honouring ESC t code pages), bold lines, native QR payloads, raster image
count and cut count. Unknown commands are listed in ``unknown``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CODEPAGES = {0: "cp437", 2: "cp850", 3: "cp860", 4: "cp863", 5: "cp865", 16: "cp1252", 17: "cp866", 19: "cp858"}


@dataclass
class Decoded:
    lines: list[str] = field(default_factory=list)
    bold_lines: list[str] = field(default_factory=list)
    qr: list[str] = field(default_factory=list)
    images: int = 0
    cuts: int = 0
    codepages: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def decode(data: bytes) -> Decoded:
    out = Decoded()
    codec = "cp437"
    bold = False
    line = bytearray()
    line_bold = False
    i = 0

    def flush() -> None:
        nonlocal line, line_bold
        text = line.decode(codec, errors="replace")
        out.lines.append(text)
        if line_bold:
            out.bold_lines.append(text)
        line = bytearray()
        line_bold = bold

    n = len(data)
    while i < n:
        b = data[i]
        if b == 0x0A:
            flush()
            i += 1
        elif b == 0x1B and i + 1 < n:  # ESC
            cmd = data[i + 1]
            if cmd == 0x40:  # ESC @ init
                i += 2
            elif cmd == 0x74:  # ESC t n: code page
                codec = CODEPAGES.get(data[i + 2], "cp437")
                out.codepages.append(codec)
                i += 3
            elif cmd == 0x45:  # ESC E n: bold
                bold = bool(data[i + 2])
                line_bold = line_bold or bold
                i += 3
            elif cmd in (0x21, 0x61, 0x4D, 0x2D, 0x64, 0x4A, 0x47, 0x56, 0x7B, 0x32, 0x33):
                # ESC ! n, ESC a n, ESC M n, ESC - n, ESC d n, ESC J n, ESC G n, ESC V, ESC {, ESC 2/3
                i += 2 if cmd == 0x32 else 3
            else:
                out.unknown.append(f"ESC {cmd:02X}")
                i += 2
        elif b == 0x1D and i + 1 < n:  # GS
            cmd = data[i + 1]
            if cmd == 0x28 and i + 4 < n and data[i + 2] == 0x6B:  # GS ( k pL pH cn fn ...
                plen = data[i + 3] | (data[i + 4] << 8)
                body = data[i + 5 : i + 5 + plen]
                if len(body) >= 3 and body[0] == 0x31 and body[1] == 0x50:  # store QR data
                    out.qr.append(body[3:].decode("utf-8", errors="replace"))
                i += 5 + plen
            elif cmd == 0x56:  # GS V m [n]: cut
                out.cuts += 1
                i += 3 if data[i + 2] in (0, 1, 48, 49) else 4
            elif cmd == 0x21:  # GS ! n: size
                i += 3
            elif cmd == 0x76 and i + 7 < n and data[i + 2] == 0x30:  # GS v 0 m xL xH yL yH: raster
                width = data[i + 4] | (data[i + 5] << 8)
                height = data[i + 6] | (data[i + 7] << 8)
                out.images += 1
                i += 8 + width * height
            else:
                out.unknown.append(f"GS {cmd:02X}")
                i += 2
        else:
            line.extend([b])
            line_bold = line_bold or bold
            i += 1
    if line:
        flush()
    return out
