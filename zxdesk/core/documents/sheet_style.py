"""Font and paragraph styles shared by the meetings area's sheets (rota, mediation ledger)."""

from __future__ import annotations

from functools import lru_cache

from .fonts import BOLD as FONT_BOLD
from .fonts import REGULAR as FONT
from .fonts import printable, register_fonts


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
    """Text for a Paragraph: glyphs the font lacks shown as 〓 (reportlab would drop them
    silently), markup characters escaped, newlines as line breaks."""
    from xml.sax.saxutils import escape as xml_escape

    return xml_escape(printable(text)).replace("\n", "<br/>")


def footer_painter(footer: str, page_width: float):
    """An onPage callback: the footer text at the left, "第 N 页" at the right, in grey."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    text = printable(footer)

    def on_page(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.setFillColor(colors.grey)
        canvas.drawString(document.leftMargin, 7 * mm, text)
        canvas.drawRightString(page_width - document.rightMargin, 7 * mm, f"第 {document.page} 页")
        canvas.restoreState()

    return on_page
