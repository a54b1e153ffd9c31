"""The bundled CJK font for PDFs: registered once with reportlab, and a coverage check.

reportlab silently drops a character its font lacks (no box, no warning). Every
document therefore passes its text through ``printable`` (which puts the traditional
typesetter's placeholder 〓 in place of such a character) and reports the characters
from ``missing_characters`` so that the user is warned, by name, before printing.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import lru_cache

from ..resources import font_file

REGULAR = "ZXSansSC"
BOLD = "ZXSansSC-Bold"
PLACEHOLDER = "〓"  # U+3013 GETA MARK: the Chinese typesetter's mark for a missing glyph

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the Regular and Bold faces (and their family) with reportlab, once."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from reportlab import rl_config
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont(REGULAR, str(font_file("Regular"))))
        pdfmetrics.registerFont(TTFont(BOLD, str(font_file("Bold"))))
        for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
            addMapping(REGULAR, bold, italic, name)
        # Binary streams: ASCII85 only makes photos a quarter bigger and slower to write.
        rl_config.useA85 = 0
        _registered = True


@lru_cache(maxsize=1)
def covered_codepoints() -> frozenset[int]:
    """Codepoints both bundled faces can draw."""
    register_fonts()
    from reportlab.pdfbase import pdfmetrics

    regular = pdfmetrics.getFont(REGULAR).face.charToGlyph
    bold = pdfmetrics.getFont(BOLD).face.charToGlyph
    return frozenset(cp for cp, glyph in regular.items() if glyph and bold.get(cp))


def _ignorable(ch: str) -> bool:
    """Characters that draw nothing on purpose: controls, format marks, variation selectors."""
    if ch.isspace():
        return True
    cp = ord(ch)
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return True
    return unicodedata.category(ch) in ("Cc", "Cf")


def missing_characters(text: str) -> list[str]:
    """The characters of ``text`` the bundled font cannot draw, each once, in order of appearance.

    Whitespace, control and format characters (zero-width joiner, variation selectors)
    are not reported: they are not meant to be drawn.
    """
    if not text:
        return []
    covered = covered_codepoints()
    out: list[str] = []
    seen: set[str] = set()
    for ch in text:
        if ch in seen or ord(ch) in covered or _ignorable(ch):
            continue
        seen.add(ch)
        out.append(ch)
    return out


def describe(chars: list[str]) -> str:
    """'𠮷 (U+20BB7)、😀 (U+1F600)': the characters named for a warning."""
    return "、".join(f"{ch} (U+{ord(ch):04X})" for ch in chars)


def printable(text: str) -> str:
    """``text`` with each character the font lacks replaced by 〓 and ignorable ones dropped.

    Newlines and ordinary spaces are kept.
    """
    if not text:
        return ""
    covered = covered_codepoints()
    if all(ord(ch) in covered or ch in " \n" for ch in text):
        return text
    out = []
    for ch in text:
        if ord(ch) in covered or ch in " \n":
            out.append(ch)
        elif _ignorable(ch):
            if ch.isspace():
                out.append(" ")
        else:
            out.append(PLACEHOLDER)
    return "".join(out)
