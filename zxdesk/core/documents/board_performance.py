"""政协委员业绩公示栏 (亮业绩): each member with photo, name, sector and role, the counts
of their duty records in the period, and their main achievements."""

from __future__ import annotations

import datetime as dt

from ..storage.database import Database
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Spacer

from .cells import Photo, Writer, clip, fit_size, grid, split_widths
from .fonts import BOLD, REGULAR
from .data import SHORT_TYPES, add_duty_figures, board_frame, counts_text, load_members, redactor_for
from .layout import Masthead, PageSetup, build_pdf, chinese_date, frame_width, mm, styles_for
from .period import Period, parse_period
from .result import RenderedDocument
from .scope import member_uuids, resolve_scope


def render_performance(db: Database, scope: str, period: str, setup: PageSetup, *,
                       day: dt.date | None = None) -> RenderedDocument:
    per = parse_period(period)
    with db.read() as s:
        sc = resolve_scope(s, scope)
        frame = board_frame(s)
        redact = redactor_for(s)
        cards = load_members(db, s, member_uuids(s, sc, per))
        add_duty_figures(s, cards, per, redact)
    day = day or dt.date.today()
    title = f"政协委员业绩公示栏（{per.label}）"
    mh = Masthead(frame.committee_name, title,
                  meta=[("公示范围", sc.label), ("统计时段", f"{chinese_date(per.start)}至{chinese_date(per.end)}"),
                        ("监督电话", frame.supervision_phone)],
                  supervision_phone=frame.supervision_phone, footer=frame.footer, date=day,
                  seal_text=frame.seal_text)
    st = styles_for(setup.scale)
    w = Writer(st)
    width = frame_width(setup)
    story = w.heading(mh, width)
    s = setup.scale
    story.append(_table(w, cards, per, setup, width))
    story.append(Spacer(1, 4 * s))
    story.append(KeepTogether([w.p(
        f"以上为{sc.label}政协委员{per.label}履职情况，共 {len(cards)} 人。"
        "欢迎社会各界对委员履职进行监督，如有意见建议，请拨打监督电话"
        f"{frame.supervision_phone or '（见页脚）'}。", st.note), w.closing(mh)]))
    pdf, pages = build_pdf(setup, mh, story)
    return RenderedDocument("performance", title, pdf, pages, w.missing(), rows=len(cards))


def _table(w: Writer, cards, per: Period, setup: PageSetup, width: float):
    st = w.st
    s = setup.scale
    photo_w, photo_h = 19 * mm * s, 25.5 * mm * s
    pad = 2 * 3.2 * s
    fixed = [11 * mm * s, photo_w + pad]
    rest = split_widths(width - sum(fixed), [2.2, 2.6, 4.6] if not setup.landscape else [2.0, 2.8, 5.6])
    widths = fixed + rest
    head = [w.p(h, st.head) for h in ("序号", "照片", "委员", "履职情况", "主要业绩")]
    rows = [head]
    who_style = ParagraphStyle("who", parent=st.cell_center, autoLeading="max")
    inner = widths[2] - pad
    small, grey = st.cell_small.fontSize, "#5C5C5C"
    for i, c in enumerate(cards, start=1):
        # One paragraph per cell: a board of 300 members lays out twice as fast as with one per line.
        role = c.role if c.level in ("", "县") else f"{c.level}级{c.role}"
        lines = [f'<font name="{BOLD}" size="{fit_size(c.name, BOLD, st.cell_bold.fontSize, inner)}">'
                 f"{w.esc(c.name)}</font>"]
        lines += [f'<font size="{fit_size(t, REGULAR, st.cell_center.fontSize, inner)}">{w.esc(t)}</font>'
                  for t in (c.sector, role) if t]
        if c.unit_title:
            lines.append(f'<font size="{small}" color="{grey}">{w.esc(clip(c.unit_title, 60))}</font>')
        who = w.markup("<br/>".join(lines), f"{c.name} {c.sector} {role} {c.unit_title}", who_style)
        total = sum(c.counts.values())
        if total:
            figures = w.markup(counts_markup(w, c.counts, widths[3] - pad, st.cell)
                               + f"<br/>合计 <b>{total}</b> 项　积分 <b>{c.points:g}</b>",
                               f"{counts_text(c.counts)} 合计 {total} 项 积分 {c.points:g}", st.cell)
        else:
            figures = w.p("本期暂无履职记录", st.cell_small)
        if c.highlights:
            items = [f"{n}. {clip(h, 90)}" for n, h in enumerate(c.highlights, start=1)]
            highlights = w.markup("<br/>".join(w.esc(x) for x in items), " ".join(items), st.cell)
        else:
            highlights = w.p("—", st.cell_center)
        rows.append([str(i), Photo(c.photo, photo_w, photo_h, s), who, figures, highlights])
    if not cards:
        rows.append([w.p("该范围内暂无委员", st.cell_center), "", "", "", ""])
        extra = [("SPAN", (0, 1), (-1, 1))]
    else:
        extra = [("ALIGN", (0, 1), (1, -1), "CENTER"), ("FONTSIZE", (0, 1), (0, -1), st.cell.fontSize)]
    return grid(rows, widths, s, extra=extra)


def counts_markup(w: Writer, counts: dict[str, int], width: float, style) -> str:
    """'提案 2　调研 1' items laid out a fixed number per line, so that a label is never
    separated from its number."""
    items = [(SHORT_TYPES.get(t, t), n) for t, n in counts.items()]
    texts = [f"{label} {n}" for label, n in items]
    gap = stringWidth("　", style.fontName, style.fontSize)
    widest = max(stringWidth(t, style.fontName, style.fontSize) for t in texts) + gap
    per_line = max(1, int((width + gap) // widest))
    lines = []
    for i in range(0, len(items), per_line):
        lines.append("&#12288;".join(f"{w.esc(label)}&#160;{n}" for label, n in items[i:i + per_line]))
    return "<br/>".join(lines)
