"""Page layout shared by every document: paper, styles, the red masthead, running
header and footer with "第 1 页 共 N 页", and the closing date with a seal placeholder.

Sizes scale with the paper: a board printed on A3 or A2 is read from further away, so
its type and photos grow (A3 ×1.3, A2 ×1.7) while more rows also fit on a sheet.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A2, A3, A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from ..errors import ValidationError
from .fonts import BOLD, REGULAR, printable, register_fonts

RED = colors.HexColor("#C41A1F")
INK = colors.HexColor("#1B1B1B")
GREY = colors.HexColor("#5C5C5C")
LIGHT = colors.HexColor("#8A8A8A")

PAPERS = {"A4": A4, "A3": A3, "A2": A2}
SCALES = {"A4": 1.0, "A3": 1.3, "A2": 1.7}


@dataclass(frozen=True)
class PageSetup:
    paper: str = "A4"
    landscape: bool = False

    def __post_init__(self) -> None:
        if self.paper not in PAPERS:
            raise ValidationError(f"纸张“{self.paper}”无效：可选 A4、A3、A2",
                                  f"invalid paper {self.paper!r}: use A4, A3 or A2")

    @property
    def size(self) -> tuple[float, float]:
        size = PAPERS[self.paper]
        return landscape(size) if self.landscape else size

    @property
    def scale(self) -> float:
        return SCALES[self.paper]

    @property
    def margin(self) -> float:
        return 16 * mm * self.scale

    @property
    def label(self) -> str:
        return f"{self.paper}{'横向' if self.landscape else '纵向'}"


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class Masthead:
    """What frames a document: who issues it, its title, and the closing block."""

    committee_name: str
    title: str
    meta: list[tuple[str, str]] = field(default_factory=list)  # ('公示时段', '2023年上半年') ...
    supervision_phone: str = ""
    footer: str = ""
    date: dt.date = field(default_factory=dt.date.today)
    seal_text: str = ""


@dataclass(frozen=True)
class Styles:
    scale: float
    committee: ParagraphStyle
    title: ParagraphStyle
    meta: ParagraphStyle
    body: ParagraphStyle
    heading: ParagraphStyle
    cell: ParagraphStyle
    cell_center: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_small: ParagraphStyle
    head: ParagraphStyle
    note: ParagraphStyle


@lru_cache(maxsize=8)
def styles_for(scale: float) -> Styles:
    register_fonts()

    def style(name: str, size: float, *, font: str = REGULAR, lead: float = 1.45, align=TA_LEFT,
              color=INK, before: float = 0, after: float = 0, indent: float = 0) -> ParagraphStyle:
        s = size * scale
        return ParagraphStyle(name, fontName=font, fontSize=s, leading=s * lead, alignment=align,
                              textColor=color, wordWrap="CJK", spaceBefore=before * scale,
                              spaceAfter=after * scale, firstLineIndent=indent * s)

    return Styles(
        scale=scale,
        committee=style("committee", 24, font=BOLD, lead=1.25, align=TA_CENTER, color=RED),
        title=style("title", 19, font=BOLD, lead=1.35, align=TA_CENTER, before=4, after=4),
        meta=style("meta", 10, align=TA_CENTER, color=GREY),
        body=style("body", 11.5, lead=1.75, indent=2, after=3),
        heading=style("heading", 12.5, font=BOLD, lead=1.6, before=6, after=3),
        cell=style("cell", 9.5, lead=1.4),
        cell_center=style("cell_center", 9.5, lead=1.4, align=TA_CENTER),
        cell_bold=style("cell_bold", 11, font=BOLD, lead=1.35, align=TA_CENTER),
        cell_small=style("cell_small", 8.5, lead=1.4, color=GREY),
        head=style("head", 10, font=BOLD, lead=1.3, align=TA_CENTER),
        note=style("note", 10, lead=1.65, color=INK),
    )


class RedRule(Flowable):
    """The red double rule under the issuing body's name (红头)."""

    def __init__(self, width: float, scale: float):
        super().__init__()
        self.width, self.scale = width, scale
        self.height = 6 * scale

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        c = self.canv
        c.setStrokeColor(RED)
        c.setLineWidth(2.2 * self.scale)
        c.line(0, self.height - 1.5 * self.scale, self.width, self.height - 1.5 * self.scale)
        c.setLineWidth(0.6 * self.scale)
        c.line(0, self.height - 4.5 * self.scale, self.width, self.height - 4.5 * self.scale)


class ClosingBlock(Flowable):
    """落款: the issuing body and the date, right-aligned, under a round seal placeholder."""

    def __init__(self, issuer: str, day: dt.date, seal_text: str, scale: float):
        super().__init__()
        self.issuer, self.day, self.seal_text, self.scale = printable(issuer), day, printable(seal_text), scale
        self.size = 11.5 * scale
        self.radius = 21 * mm  # an official seal is 42 mm across on any paper
        self.height = max(2 * self.radius + 4 * scale, 3.2 * self.size)
        self.width = 0.0

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        c = self.canv
        size = self.size
        date_text = chinese_date(self.day)
        text_w = max(c.stringWidth(self.issuer, REGULAR, size), c.stringWidth(date_text, REGULAR, size))
        right = self.width - 6 * mm * self.scale
        center_x = right - text_w / 2
        base = self.height / 2
        if self.seal_text:
            c.saveState()
            c.setStrokeColor(RED)
            c.setFillColor(RED)
            c.setDash(3 * self.scale, 2 * self.scale)
            c.setLineWidth(0.9 * self.scale)
            c.circle(center_x, base + 0.2 * size, self.radius, stroke=1, fill=0)
            c.setFont(REGULAR, 8 * self.scale)
            c.drawCentredString(center_x, base - self.radius + 5 * self.scale, self.seal_text)
            c.restoreState()
        c.setFillColor(INK)
        c.setFont(REGULAR, size)
        c.drawCentredString(center_x, base + 0.6 * size, self.issuer)
        c.drawCentredString(center_x, base - 1.0 * size, date_text)


class _Doc(BaseDocTemplate):
    def __init__(self, buffer, setup: PageSetup, masthead: Masthead):
        m = setup.margin
        super().__init__(buffer, pagesize=setup.size, leftMargin=m, rightMargin=m, topMargin=m,
                         bottomMargin=m + 8 * mm * setup.scale, title=masthead.title,
                         author=masthead.committee_name, creator="zxdesk", subject=masthead.title)
        self.setup, self.masthead = setup, masthead
        w, h = setup.size
        header = 11 * mm * setup.scale
        first = Frame(m, self.bottomMargin, w - 2 * m, h - m - self.bottomMargin, id="first",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        later = Frame(m, self.bottomMargin, w - 2 * m, h - m - header - self.bottomMargin, id="later",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("first", [first]), PageTemplate("later", [later])])

    @property
    def frame_width(self) -> float:
        return self.setup.size[0] - 2 * self.setup.margin


def _page_furniture(canvas: Canvas, doc: _Doc, page: int, total: int) -> None:
    """Running header (from page 2), footer rule, footer text and the page number."""
    setup, mh = doc.setup, doc.masthead
    s = setup.scale
    w, h = setup.size
    m = setup.margin
    canvas.saveState()
    if page > 1:
        canvas.setFont(REGULAR, 8.5 * s)
        canvas.setFillColor(GREY)
        y = h - m - 5 * mm * s
        canvas.drawString(m, y, printable(mh.committee_name))
        canvas.drawRightString(w - m, y, printable(f"{mh.title}（续）"))
        canvas.setStrokeColor(RED)
        canvas.setLineWidth(0.8 * s)
        canvas.line(m, y - 2.5 * mm * s, w - m, y - 2.5 * mm * s)
    y = m + 3 * mm * s
    canvas.setStrokeColor(LIGHT)
    canvas.setLineWidth(0.5 * s)
    canvas.line(m, y + 4 * mm * s, w - m, y + 4 * mm * s)
    canvas.setFont(REGULAR, 8.5 * s)
    canvas.setFillColor(GREY)
    left = "　".join(x for x in (mh.footer, f"监督电话：{mh.supervision_phone}" if mh.supervision_phone else "") if x)
    canvas.drawString(m, y, printable(left))
    canvas.drawRightString(w - m, y, f"第 {page} 页 共 {total} 页")
    canvas.restoreState()


def _canvas_maker(doc: _Doc):
    class NumberedCanvas(Canvas):
        """Keeps each page until the end, then draws the furniture knowing the total."""

        def __init__(self, *args, **kwargs):
            kwargs["initialFontName"] = REGULAR  # no stray Helvetica reference in the PDF
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab API
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            doc.page_count = total
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                _page_furniture(self, doc, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def build_pdf(setup: PageSetup, masthead: Masthead, story: list[Flowable]) -> tuple[bytes, int]:
    """Lay out the story under the masthead; return the PDF bytes and the page count."""
    register_fonts()
    buffer = io.BytesIO()
    doc = _Doc(buffer, setup, masthead)
    doc.page_count = 0
    try:
        doc.build([NextPageTemplate("later"), *story], canvasmaker=_canvas_maker(doc))
    except LayoutError as exc:  # a safety net: cells are clipped so that rows fit a sheet
        raise ValidationError(
            f"《{masthead.title}》有一行内容过多，一页纸排不下，请精简该记录的文字或改用更大的纸张",
            f"a row of '{masthead.title}' is too long for one sheet: shorten it or use larger paper",
        ) from exc
    return buffer.getvalue(), doc.page_count


def frame_width(setup: PageSetup) -> float:
    return setup.size[0] - 2 * setup.margin


def frame_height(setup: PageSetup) -> float:
    return setup.size[1] - 2 * setup.margin - 8 * mm * setup.scale


__all__ = [
    "BOLD", "REGULAR", "RED", "INK", "GREY", "LIGHT", "TA_CENTER", "TA_LEFT", "TA_RIGHT", "ClosingBlock",
    "Masthead", "PageSetup", "RedRule", "Styles", "build_pdf", "chinese_date", "frame_height", "frame_width",
    "mm", "styles_for",
]
