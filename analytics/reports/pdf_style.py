"""What the printed documents share: the page, the embedded fonts (DejaVu from data/fonts/, every Polish
letter; the licence is beside the font files) and the colours. The PDF summary and the certificates
both use it."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from fpdf import FPDF

from analytics import config

FONT_DIR = config.DATA_DIR / "fonts"
SANS = "DejaVuSans"
SERIF = "DejaVuSerif"
FONT_FILES = {
    (SANS, ""): "DejaVuSans.ttf", (SANS, "B"): "DejaVuSans-Bold.ttf",
    (SERIF, ""): "DejaVuSerif.ttf", (SERIF, "B"): "DejaVuSerif-Bold.ttf",
    (SERIF, "I"): "DejaVuSerif-Italic.ttf",
}
PAGE_W, PAGE_H = 210.0, 297.0       # A4, mm
ACCENT = (0, 114, 178)            # Okabe–Ito blue, as on the dashboard
INK = (38, 39, 48)
MUTED = (90, 90, 90)


def add_fonts(pdf: FPDF, faces: Sequence[tuple[str, str]] = tuple(FONT_FILES)) -> None:
    """Embed the repository's DejaVu fonts (subset to the letters used); only the faces a document
    uses, as reading each font file takes a noticeable moment."""
    for family, style in faces:
        pdf.add_font(family, style, str(Path(FONT_DIR) / FONT_FILES[(family, style)]))
