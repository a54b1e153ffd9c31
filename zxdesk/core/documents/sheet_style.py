"""Font and paragraph styles shared by the meetings area's sheets (rota, mediation ledger)."""

from __future__ import annotations

import threading
from functools import lru_cache

from ..resources import font_file

FONT = "ZXSans"
FONT_BOLD = "ZXSans-Bold"
_lock = threading.Lock()


def register_fonts() -> None:
    """Register the bundled TrueType font with reportlab (once per process)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with _lock:
        registered = pdfmetrics.getRegisteredFontNames()
        if FONT not in registered:
            pdfmetrics.registerFont(TTFont(FONT, str(font_file("Regular"))))
        if FONT_BOLD not in registered:
            pdfmetrics.registerFont(TTFont(FONT_BOLD, str(font_file("Bold"))))


@lru_cache(maxsize=1)
def styles() -> dict:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle

    register_fonts()
    base = ParagraphStyle("zx-body", fontName=FONT, fontSize=9, leading=12, wordWrap="CJK")
    return {
        "title": ParagraphStyle("zx-title", parent=base, fontName=FONT_BOLD, fontSize=18, leading=24,
                                alignment=TA_CENTER, spaceAfter=4),
        "subtitle": ParagraphStyle("zx-subtitle", parent=base, fontSize=10.5, leading=14, alignment=TA_CENTER,
                                   textColor=colors.HexColor("#444444"), spaceAfter=8),
        "head": ParagraphStyle("zx-head", parent=base, fontName=FONT_BOLD, fontSize=10, alignment=TA_CENTER),
        "body": base,
        "small": ParagraphStyle("zx-small", parent=base, fontSize=8, leading=10),
        "day": ParagraphStyle("zx-day", parent=base, fontName=FONT_BOLD, fontSize=11, leading=14),
        "muted": ParagraphStyle("zx-muted", parent=base, fontSize=8, leading=10, textColor=colors.grey),
        "footer": ParagraphStyle("zx-footer", parent=base, fontSize=8, textColor=colors.grey),
    }


def escape(text: str) -> str:
    """Text for a Paragraph: markup characters escaped, newlines as line breaks."""
    from xml.sax.saxutils import escape as xml_escape

    return xml_escape(text).replace("\n", "<br/>")
