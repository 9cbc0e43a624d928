"""Tiny real images made in the test (no image library): a PNG of any size, an 8×8 JPEG."""

from __future__ import annotations

import struct
import zlib


def png(width: int = 2, height: int = 2, rgb: tuple[int, int, int] = (11, 74, 139)) -> bytes:
    """A valid truecolour PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))  # filter 0 per row
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def jpeg() -> bytes:
    """A valid baseline JPEG: one grey 8×8 block (DC 0, then end-of-block)."""

    def segment(marker: int, data: bytes) -> bytes:
        return struct.pack(">BBH", 0xFF, marker, len(data) + 2) + data

    jfif = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    quantisation = b"\x00" + b"\x01" * 64  # table 0, 8-bit, all ones
    frame = b"\x08\x00\x08\x00\x08\x01" + b"\x01\x11\x00"  # 8-bit, 8×8, one component
    one_code = b"\x01" + b"\x00" * 15 + b"\x00"  # a single 1-bit code for symbol 0
    huffman = b"\x00" + one_code + b"\x10" + one_code  # DC table 0: category 0; AC table 0: EOB
    scan = b"\x01\x01\x00\x00\x3f\x00"
    data = b"\x3f"  # bits 0 (DC difference 0) and 0 (EOB), padded with ones
    return (
        b"\xff\xd8"
        + segment(0xE0, jfif)
        + segment(0xDB, quantisation)
        + segment(0xC0, frame)
        + segment(0xC4, huffman)
        + segment(0xDA, scan)
        + data
        + b"\xff\xd9"
    )
