"""Building blocks of documents: paragraphs that remember their text (for the font
check), cells that shrink to one line, grid tables that repeat their header rows, photos."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, LongTable, Paragraph, Spacer, TableStyle

from .fonts import REGULAR, missing_characters, printable
from .layout import GREY, INK, LIGHT, RED, ClosingBlock, Masthead, RedRule, Styles, mm

HEAD_BG = colors.HexColor("#F6E7E5")
ZEBRA = colors.HexColor("#FAF8F6")
GRID = colors.HexColor("#6B6B6B")


CELL_LIMIT = 300  # characters of free text in one table cell (about a third of an A4 page)


def clip(text: str, limit: int = CELL_LIMIT) -> str:
    """Text cut to ``limit`` characters, marked with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "……"


class Para(Paragraph):
    """A Paragraph that remembers its last wrap: a table wraps each cell two or three times
    at the same width (row heights, then drawing), and CJK line breaking is the slowest
    part of laying out a board."""

    _wrapped_at: float | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab API
        if availWidth == self._wrapped_at and "blPara" in self.__dict__:  # split() may drop blPara
            return self.width, self.height
        result = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return result


class Writer:
    """Makes paragraphs from plain text and remembers every text, for the font check."""

    def __init__(self, styles: Styles):
        self.st = styles
        self.texts: list[str] = []
        self._fitted: dict[tuple[str, float], ParagraphStyle] = {}

    def p(self, text: str, style: ParagraphStyle | None = None, limit: int | None = None) -> Paragraph:
        """A paragraph of plain text. ``limit`` clips text for table cells: a table row cannot
        run across pages, so a cell must never grow taller than a sheet."""
        text = "" if text is None else str(text)
        text = clip(text, limit) if limit else text
        self.texts.append(text)
        markup = escape(printable(text)).replace("\n", "<br/>")
        return Para(markup, style or self.st.cell)

    def markup(self, markup: str, plain: str, style: ParagraphStyle | None = None) -> Paragraph:
        """A paragraph from trusted markup; ``plain`` is its text, for the font check."""
        self.texts.append(plain)
        return Para(markup, style or self.st.cell)

    def esc(self, text: str) -> str:
        """Escaped, printable text for use inside ``markup``."""
        return escape(printable(text or ""))

    def line(self, text: str, style: ParagraphStyle, width: float, min_ratio: float = 0.62) -> Paragraph:
        """One line of text that shrinks (down to ``min_ratio`` of its size) to fit ``width``;
        longer still, it wraps."""
        text = (text or "").replace("\n", " ")
        shown = printable(text)
        natural = stringWidth(shown, style.fontName, style.fontSize)
        if natural > width > 0:
            size = round(max(style.fontSize * min_ratio, style.fontSize * width / natural * 0.98), 1)
            key = (style.name, size)
            fitted = self._fitted.get(key)
            if fitted is None:
                fitted = ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size,
                                        leading=style.leading * size / style.fontSize)
                self._fitted[key] = fitted
            style = fitted
        return self.p(text, style)

    def missing(self) -> list[str]:
        return missing_characters("".join(self.texts))

    # -- the frame of a document ---------------------------------------------
    def heading(self, mh: Masthead, width: float) -> list[Flowable]:
        """The red masthead: issuing body, double rule, title and a line of facts."""
        st = self.st
        parts: list[Flowable] = [
            self.p(mh.committee_name, st.committee),
            Spacer(1, 2 * st.scale),
            RedRule(width, st.scale),
            Spacer(1, 4 * st.scale),
            self.line(mh.title, st.title, width, min_ratio=0.8),  # shrink a little before wrapping
        ]
        if mh.meta:
            items = [f"{k}：{v}" for k, v in mh.meta if v]
            self.texts.extend(items)
            markup = "&#160;&#160;&#160;&#160;".join(self.esc(i) for i in items)
            parts.append(Para(markup, st.meta))
        parts.append(Spacer(1, 5 * st.scale))
        return parts

    def closing(self, mh: Masthead, issuer: str | None = None) -> ClosingBlock:
        who = issuer or mh.committee_name
        self.texts.extend([who, mh.seal_text])
        return ClosingBlock(who, mh.date, mh.seal_text, self.st.scale)


def grid(rows: list[list], widths: list[float], scale: float, *, header_rows: int = 1,
         zebra: bool = True, extra: list[tuple] | None = None,
         row_heights: list[float | None] | None = None) -> LongTable:
    """A ruled table whose header rows repeat on every page it runs onto."""
    pad = 3.2 * scale
    commands = [
        ("FONT", (0, 0), (-1, -1), REGULAR, 9.5 * scale),  # empty cells too: no stray Helvetica
        ("GRID", (0, 0), (-1, -1), 0.5 * scale, GRID),
        ("BOX", (0, 0), (-1, -1), 1.1 * scale, INK),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 1.0 * scale, RED),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), HEAD_BG),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        ("TOPPADDING", (0, 0), (-1, -1), pad * 0.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.9),
    ]
    if zebra and len(rows) > header_rows + 1:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, ZEBRA]))
    commands.extend(extra or [])
    table = LongTable(rows, colWidths=widths, rowHeights=row_heights, repeatRows=header_rows, style=TableStyle(commands),
                      hAlign="CENTER")
    return table


def fit_size(text: str, font: str, size: float, width: float, min_ratio: float = 0.62) -> float:
    """The font size (at most ``size``, at least ``min_ratio`` of it) at which ``text`` fits on one line."""
    natural = stringWidth(printable(text), font, size)
    if natural <= width or width <= 0:
        return size
    return round(max(size * min_ratio, size * width / natural * 0.98), 1)


def split_widths(total: float, weights: list[float]) -> list[float]:
    s = sum(weights)
    return [total * w / s for w in weights]


class Photo(Flowable):
    """A member's photo fitted into a box with a hairline frame; a neutral box when absent."""

    def __init__(self, path: Path | None, width: float, height: float, scale: float):
        super().__init__()
        self.path, self.width, self.height, self.scale = path, width, height, scale

    def wrap(self, avail_width, avail_height):
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        if self.path is not None:
            c.drawImage(str(self.path), 0, 0, self.width, self.height, preserveAspectRatio=True, anchor="c")
        else:
            c.setFillColor(colors.HexColor("#EFEDEA"))
            c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
            c.setFillColor(LIGHT)
            c.setFont("ZXSansSC", 7.5 * self.scale)
            c.drawCentredString(self.width / 2, self.height / 2 - 2.5 * self.scale, "暂无照片")
        c.setStrokeColor(GREY)
        c.setLineWidth(0.4 * self.scale)
        c.rect(0, 0, self.width, self.height, stroke=1, fill=0)


__all__ = ["GRID", "HEAD_BG", "Photo", "Writer", "grid", "mm", "split_widths"]
