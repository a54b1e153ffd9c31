"""亮身份: member badges (胸牌) in standard sizes on A4 sheets with crop marks, folded
A4 table plates (桌牌) and a station door plate (门牌)."""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ..errors import ValidationError
from ..storage.database import Database
from .data import MemberCard, board_frame, load_members
from .fonts import BOLD, REGULAR, missing_characters, printable, register_fonts
from .layout import GREY, INK, RED, mm
from .result import RenderedDocument
from .scope import member_uuids, resolve_scope

BADGE_SIZES = {"90x55": (90 * mm, 55 * mm), "100x70": (100 * mm, 70 * mm)}
STYLES = ("badge", "table", "door")
SHEET_MARGIN = 10 * mm
MARK = 5 * mm  # crop mark length
MARK_GAP = 1.5 * mm


def title_of(card: MemberCard) -> str:
    level = card.level if card.level in ("国家", "省", "市", "县") else ""
    prefix = "全国" if level == "国家" else level
    return f"{prefix}政协{card.role or '委员'}"


def fit_size(text: str, font: str, size: float, width: float, minimum: float = 4.0) -> float:
    natural = stringWidth(text, font, size)
    return size if natural <= width else max(minimum, size * width / natural)


def _text(c: Canvas, x: float, y: float, text: str, font: str, size: float, width: float,
          align: str = "left", color=INK) -> None:
    text = printable(text)
    size = fit_size(text, font, size, width)
    c.setFont(font, size)
    c.setFillColor(color)
    if align == "center":
        c.drawCentredString(x + width / 2, y, text)
    else:
        c.drawString(x, y, text)


def _grid(size: tuple[float, float]) -> tuple[tuple[float, float], int, int]:
    """The A4 orientation holding most badges, and its columns and rows."""
    best = None
    for page in (A4, landscape(A4)):
        cols = int((page[0] - 2 * SHEET_MARGIN) // size[0])
        rows = int((page[1] - 2 * SHEET_MARGIN) // size[1])
        if best is None or cols * rows > best[1] * best[2]:
            best = (page, cols, rows)
    assert best is not None
    return best


def _crop_marks(c: Canvas, x0: float, y0: float, cols: int, rows: int, w: float, h: float) -> None:
    c.setStrokeColor(colors.black)
    c.setLineWidth(0.25)
    top, right = y0 + rows * h, x0 + cols * w
    for i in range(cols + 1):
        x = x0 + i * w
        c.line(x, top + MARK_GAP, x, top + MARK_GAP + MARK)
        c.line(x, y0 - MARK_GAP, x, y0 - MARK_GAP - MARK)
    for j in range(rows + 1):
        y = y0 + j * h
        c.line(x0 - MARK_GAP, y, x0 - MARK_GAP - MARK, y)
        c.line(right + MARK_GAP, y, right + MARK_GAP + MARK, y)


def _badge(c: Canvas, card: MemberCard, committee: str, x: float, y: float, w: float, h: float) -> None:
    k = h / (55 * mm)  # 1.0 at 90x55
    band = 12 * mm * k
    c.setFillColor(RED)
    c.rect(x, y + h - band, w, band, stroke=0, fill=1)
    _text(c, x + 4 * mm, y + h - band + 4.2 * mm * k, committee, BOLD, 11 * k, w - 8 * mm, "center", colors.white)
    pw, ph = 24 * mm * k, 32 * mm * k
    px, py = x + 5 * mm * k, y + 5.5 * mm * k
    if card.photo is not None:
        c.drawImage(str(card.photo), px, py, pw, ph, preserveAspectRatio=True, anchor="c")
    else:
        c.setFillColor(colors.HexColor("#EFEDEA"))
        c.rect(px, py, pw, ph, stroke=0, fill=1)
        c.setFillColor(GREY)
        c.setFont(REGULAR, 7 * k)
        c.drawCentredString(px + pw / 2, py + ph / 2 - 2.5 * k, "贴照片处")
    c.setStrokeColor(GREY)
    c.setLineWidth(0.4)
    c.rect(px, py, pw, ph, stroke=1, fill=0)
    tx = px + pw + 5 * mm * k
    tw = x + w - tx - 4 * mm * k
    _text(c, tx, py + ph - 11 * mm * k, card.name, BOLD, 22 * k, tw)
    _text(c, tx, py + ph - 18.5 * mm * k, title_of(card), BOLD, 10.5 * k, tw, color=RED)
    if card.sector:
        _text(c, tx, py + ph - 25 * mm * k, f"界别：{card.sector}", REGULAR, 8.5 * k, tw)
    if card.station:
        _text(c, tx, py + ph - 30.5 * mm * k, card.station, REGULAR, 7.5 * k, tw, color=GREY)
    c.setStrokeColor(RED)
    c.setLineWidth(1.2 * k)
    c.line(x + 4 * mm, y + 2.8 * mm * k, x + w - 4 * mm, y + 2.8 * mm * k)


def _draw_badges(c: Canvas, cards, committee: str, size_code: str) -> None:
    w, h = BADGE_SIZES[size_code]
    page, cols, rows = _grid((w, h))
    per_sheet = cols * rows
    x0 = (page[0] - cols * w) / 2
    y0 = (page[1] - rows * h) / 2
    for start in range(0, max(len(cards), 1), per_sheet):
        c.setPageSize(page)
        chunk = cards[start:start + per_sheet]
        for i, card in enumerate(chunk):
            col, row = i % cols, i // cols
            _badge(c, card, committee, x0 + col * w, y0 + (rows - 1 - row) * h, w, h)
        # Faint cut guides between badges, crop marks outside the block.
        c.setStrokeColor(colors.HexColor("#D0D0D0"))
        c.setLineWidth(0.2)
        used_rows = (len(chunk) + cols - 1) // cols
        for i in range(len(chunk)):
            col, row = i % cols, i // cols
            c.rect(x0 + col * w, y0 + (rows - 1 - row) * h, w, h, stroke=1, fill=0)
        _crop_marks(c, x0, y0 + (rows - used_rows) * h, cols, max(used_rows, 1), w, h)
        c.showPage()


def _half_plate(c: Canvas, card: MemberCard, committee: str, width: float, height: float) -> None:
    c.setFillColor(RED)
    c.rect(18 * mm, height - 14 * mm, width - 36 * mm, 1.6 * mm, stroke=0, fill=1)
    _text(c, 20 * mm, height - 24 * mm, committee, REGULAR, 16, width - 40 * mm, "center", RED)
    _text(c, 15 * mm, 30 * mm, card.name, BOLD, 120, width - 30 * mm, "center")
    _text(c, 20 * mm, 14 * mm, title_of(card), REGULAR, 15, width - 40 * mm, "center", GREY)


def _draw_table_plates(c: Canvas, cards, committee: str) -> None:
    page = landscape(A4)
    half = page[1] / 2
    for card in cards:
        c.setPageSize(page)
        _half_plate(c, card, committee, page[0], half)
        c.saveState()
        c.translate(page[0], page[1])
        c.rotate(180)
        _half_plate(c, card, committee, page[0], half)
        c.restoreState()
        c.setStrokeColor(colors.HexColor("#B0B0B0"))
        c.setLineWidth(0.4)
        c.setDash(4, 3)
        c.line(8 * mm, half, page[0] - 8 * mm, half)
        c.setDash()
        c.setFont(REGULAR, 7)
        c.setFillColor(GREY)
        c.drawString(8 * mm, half + 1.5 * mm, "沿虚线对折")
        c.showPage()


def _draw_door_plate(c: Canvas, cards, committee: str, place: str) -> None:
    w, h = landscape(A4)
    c.setPageSize((w, h))
    c.setFillColor(RED)
    c.rect(0, h - 42 * mm, w, 42 * mm, stroke=0, fill=1)
    _text(c, 20 * mm, h - 20 * mm, committee, BOLD, 30, w - 40 * mm, "center", colors.white)
    _text(c, 20 * mm, h - 34 * mm, "政协委员之家 · 亮身份 接受监督", REGULAR, 14, w - 40 * mm, "center", colors.white)
    _text(c, 20 * mm, h - 80 * mm, place, BOLD, 54, w - 40 * mm, "center")
    c.setStrokeColor(RED)
    c.setLineWidth(1.2)
    c.line(40 * mm, h - 92 * mm, w - 40 * mm, h - 92 * mm)
    _text(c, 20 * mm, h - 104 * mm, f"进站委员（{len(cards)}名）", BOLD, 15, w - 40 * mm, "center")
    names = [f"{x.name}" for x in cards]
    per_line = 10
    y = h - 118 * mm
    for i in range(0, len(names), per_line):
        if y < 18 * mm:
            _text(c, 20 * mm, y, f"等 {len(names)} 名委员", REGULAR, 13, w - 40 * mm, "center")
            break
        _text(c, 20 * mm, y, "　".join(names[i:i + per_line]), REGULAR, 15, w - 40 * mm, "center")
        y -= 10 * mm
    c.showPage()


def render_badges(db: Database, scope: str, *, style: str = "badge", size: str = "90x55",
                  day: dt.date | None = None) -> RenderedDocument:
    if style not in STYLES:
        raise ValidationError(f"样式“{style}”无效：可选 badge（胸牌）、table（桌牌）、door（门牌）",
                              f"invalid style {style!r}: use badge, table or door")
    if size not in BADGE_SIZES:
        raise ValidationError(f"胸牌尺寸“{size}”无效：可选 {'、'.join(BADGE_SIZES)}",
                              f"invalid badge size {size!r}: use {', '.join(BADGE_SIZES)}")
    with db.read() as s:
        sc = resolve_scope(s, scope)
        frame = board_frame(s)
        cards = load_members(db, s, member_uuids(s, sc), photos=style == "badge")
    register_fonts()
    title = {"badge": "政协委员胸牌", "table": "政协委员桌牌", "door": "委员工作站门牌"}[style] + f"（{sc.label}）"
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=REGULAR)
    c.setTitle(title)
    c.setAuthor(frame.committee_name)
    c.setCreator("zxdesk")
    if style == "badge":
        _draw_badges(c, cards, frame.committee_name, size)
    elif style == "table":
        _draw_table_plates(c, cards, frame.committee_name)
        if not cards:
            c.showPage()
    else:
        _draw_door_plate(c, cards, frame.committee_name, sc.label)
    pages = c.getPageNumber() - 1
    c.save()
    texts = [frame.committee_name, sc.label] + [x for card in cards for x in (card.name, card.sector, card.station)]
    pdf = buffer.getvalue()
    return RenderedDocument(style if style != "badge" else "badges", title, pdf, pages,
                            missing_characters("".join(texts)), rows=len(cards))

