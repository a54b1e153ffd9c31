"""年度履职考核结果公示 and 优秀委员评选公示, with the publicity period (公示期) and
the objection contact."""

from __future__ import annotations

import datetime as dt

from reportlab.platypus import KeepTogether, Spacer

from ..storage.database import Database
from .assessment_data import Indicator, MemberResult, assess, indicators
from .cells import CELL_LIMIT, Writer, grid, split_widths
from .data import board_frame, load_members, redactor_for
from .layout import GREY, Masthead, PageSetup, build_pdf, chinese_date, frame_width, styles_for
from .period import parse_period, require_year
from .result import RenderedDocument
from .scope import member_uuids, resolve_scope

SHORT_LABELS = {"proposal": "提案", "sentiment": "社情民意", "research": "视察调研", "deed": "办实事",
                "reading": "读书", "duty_report": "述职"}


def _load(db: Database, scope: str, period: str, what_zh: str, what_en: str):
    per = require_year(parse_period(period), what_zh, what_en)
    with db.read() as s:
        sc = resolve_scope(s, scope)
        frame = board_frame(s)
        redact = redactor_for(s)
        cards = load_members(db, s, member_uuids(s, sc, per), photos=False)
    rules = indicators(db)
    results = assess(db, cards, per.year)
    return per, sc, frame, redact, rules, results


def _masthead(frame, title, sc, day: dt.date, days: int) -> tuple[Masthead, dt.date]:
    ends = day + dt.timedelta(days=days - 1)
    mh = Masthead(frame.committee_name, title,
                  meta=[("公示范围", sc.label), ("公示期", f"{chinese_date(day)}至{chinese_date(ends)}"),
                        ("监督电话", frame.supervision_phone)],
                  supervision_phone=frame.supervision_phone, footer=frame.footer, date=day,
                  seal_text=frame.seal_text)
    return mh, ends


def _objection(w: Writer, frame, mh: Masthead, day: dt.date, ends: dt.date, days: int):
    """The publicity period, the objection contact and the closing block, kept together."""
    st = w.st
    contact = frame.objection_contact or frame.supervision_phone or "本委员会办公室"
    return KeepTogether([
        Spacer(1, 5 * st.scale),
        w.p(f"公示期为{days}天（{chinese_date(day)}至{chinese_date(ends)}）。公示期内，如对公示结果有异议，"
            f"可通过来电、来信或来访等方式向{contact}反映。反映情况须实事求是，署真实姓名和联系方式，"
            "我们将依规核实、严格保密。", st.body),
        w.p(f"受理异议联系方式：{contact}", st.body),
        w.closing(mh),
    ])


def render_assessment(db: Database, scope: str, period: str, setup: PageSetup, *, day: dt.date | None = None,
                      publicity_days: int = 7) -> RenderedDocument:
    per, sc, frame, _redact, rules, results = _load(db, scope, period, "年度履职考核结果", "assessment board")
    day = day or dt.date.today()
    title = f"{per.year}年度政协委员履职考核结果公示"
    mh, ends = _masthead(frame, title, sc, day, publicity_days)
    st = styles_for(setup.scale)
    w = Writer(st)
    width = frame_width(setup)
    story = w.heading(mh, width)
    passed = sum(1 for r in results if r.passed)
    story.append(w.p(
        f"根据委员履职考核办法，坚持平时考核与年度考评相结合，对{sc.label}{len(results)}名政协委员"
        f"{per.year}年度履职情况进行了考核，其中达到各项履职要求的 {passed} 名。现将考核结果公示如下：", st.body))
    story.append(_assessment_table(w, rules, results, width, setup.scale))
    story.append(w.p("注：“√”表示达到该项要求，“—”表示未达到；积分按委员履职积分标准计算。", st.cell_small))
    story.append(_objection(w, frame, mh, day, ends, publicity_days))
    pdf, pages = build_pdf(setup, mh, story)
    doc = RenderedDocument("assessment", title, pdf, pages, w.missing(), rows=len(results))
    doc.publicity_ends_on = ends
    return doc


def _assessment_table(w: Writer, rules: list[Indicator], results: list[MemberResult], width: float, scale: float):
    st = w.st
    pad = 6.4 * scale
    weights = [0.9, 2.0, 2.4] + [1.25] * len(rules) + [1.2, 1.5]
    widths = split_widths(width, weights)
    head = ["序号", "姓名", "界别"] + [SHORT_LABELS.get(r.code, r.label) for r in rules] + ["积分", "考核结果"]
    rows = [[w.p(h, st.head) for h in head]]
    for i, r in enumerate(results, start=1):
        marks = [w.p("√" if r.met.get(rule.code) else "—", st.cell_center) for rule in rules]
        rows.append([w.p(str(i), st.cell_center), w.line(r.card.name, st.cell_center, widths[1] - pad),
                     w.line(r.card.sector, st.cell_center, widths[2] - pad), *marks,
                     w.p(f"{r.points:g}", st.cell_center), w.line(r.result, st.cell_center, widths[-1] - pad)])
    extra = []
    if not results:
        rows.append([w.p("该范围内暂无委员", st.cell_center)] + [""] * (len(head) - 1))
        extra = [("SPAN", (0, 1), (-1, 1))]
    else:
        extra = [("TEXTCOLOR", (3, 1), (-3, -1), GREY)]
    return grid(rows, widths, scale, extra=extra)


def render_selection(db: Database, scope: str, period: str, setup: PageSetup, *, day: dt.date | None = None,
                     publicity_days: int = 7) -> RenderedDocument:
    per, sc, frame, redact, _rules, results = _load(db, scope, period, "优秀委员评选", "selection board")
    day = day or dt.date.today()
    chosen = [r for r in results if r.selected]
    title = f"{per.year}年度优秀政协委员评选结果公示"
    mh, ends = _masthead(frame, title, sc, day, publicity_days)
    st = styles_for(setup.scale)
    w = Writer(st)
    width = frame_width(setup)
    story = w.heading(mh, width)
    if chosen:
        intro = (f"根据年度履职考核结果，经个人申报、组织推荐、综合评议，拟评选以下 {len(chosen)} 名同志为"
                 f"{per.year}年度优秀政协委员，现予以公示。")
    else:
        intro = f"{sc.label}{per.year}年度优秀政协委员评选结果尚未确定，确定后另行公示。"
    story.append(w.p(intro, st.body))
    pad = 6.4 * setup.scale
    widths = split_widths(width, [0.8, 1.6, 0.8, 2.0, 3.0, 5.4, 1.1])
    rows = [[w.p(h, st.head) for h in ("序号", "姓名", "性别", "界别", "工作单位及职务", "主要事迹", "积分")]]
    for i, r in enumerate(chosen, start=1):
        c = r.card
        rows.append([w.p(str(i), st.cell_center), w.line(c.name, st.cell_bold, widths[1] - pad),
                     w.p(c.gender, st.cell_center), w.line(c.sector, st.cell_center, widths[3] - pad),
                     w.p(c.unit_title, st.cell, limit=80), w.p(redact(r.reason) or "—", st.cell, limit=CELL_LIMIT),
                     w.p(f"{r.points:g}", st.cell_center)])
    extra = []
    if not chosen:
        rows.append([w.p("本年度暂无评选结果", st.cell_center)] + [""] * 6)
        extra = [("SPAN", (0, 1), (-1, 1))]
    story.append(grid(rows, widths, setup.scale, extra=extra))
    story.append(_objection(w, frame, mh, day, ends, publicity_days))
    pdf, pages = build_pdf(setup, mh, story)
    doc = RenderedDocument("selection", title, pdf, pages, w.missing(), rows=len(chosen))
    doc.publicity_ends_on = ends
    return doc
