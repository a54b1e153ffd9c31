"""Meeting papers of a consultation meeting: 会议通知, 会议纪要 and a blank 签到表 with the
expected attendees. Residents are never named in full; members are."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from reportlab.platypus import KeepTogether, Spacer
from sqlalchemy import select

from ..domain.vocab import FOLLOW_UP_STATUSES
from ..errors import NotFoundError
from ..storage.database import Database
from ..storage.models import FollowUp, Meeting, MeetingAttendee, Member, Resolution, Sector, Station
from .cells import Writer, grid, split_widths
from .data import board_frame, redactor_for
from .layout import Masthead, PageSetup, build_pdf, chinese_date, frame_height, frame_width, mm, styles_for
from .masking import mask_name, split_names

WEEKDAYS = "一二三四五六日"
NUMERALS = "一二三四五六七八九十"


@dataclass
class MeetingPaperData:
    topic: str
    kind: str
    starts_at: dt.datetime
    place: str
    host: str
    station: str
    residents_count: int
    residents: list[str]  # masked
    agenda: list[str]
    briefing: str
    opinions: str
    consensus: str
    attendees: list[tuple[str, str, str]] = field(default_factory=list)  # name, sector, unit/title
    resolutions: list[str] = field(default_factory=list)
    follow_ups: list[tuple[str, str, dt.date | None, str, str]] = field(default_factory=list)


def load_meeting(db: Database, meeting_uuid: str):
    with db.read() as s:
        m = s.get(Meeting, meeting_uuid)
        if m is None or m.deleted:
            raise NotFoundError(f"找不到会议：{meeting_uuid}", f"no meeting with uuid {meeting_uuid}")
        frame = board_frame(s)
        redact = redactor_for(s)
        station = s.get(Station, m.station_uuid).name if m.station_uuid and s.get(Station, m.station_uuid) else ""
        sectors = dict(s.execute(select(Sector.uuid, Sector.name)).all())
        people = s.execute(
            select(Member.name, Member.sector_uuid, Member.unit, Member.title, Member.role, Member.name_pinyin)
            .join(MeetingAttendee, MeetingAttendee.member_uuid == Member.uuid)
            .where(MeetingAttendee.meeting_uuid == m.uuid, MeetingAttendee.deleted.is_(False))
        ).all()
        people = sorted(people, key=lambda p: ({"主席": 0, "副主席": 1, "常委": 2}.get(p.role, 3), p.name_pinyin or p.name))
        resolutions = s.execute(select(Resolution.text).where(Resolution.meeting_uuid == m.uuid,
                                                              Resolution.deleted.is_(False))
                                .order_by(Resolution.seq)).scalars().all()
        follow = s.execute(select(FollowUp).where(FollowUp.meeting_uuid == m.uuid, FollowUp.deleted.is_(False))
                           .order_by(FollowUp.due_on)).scalars().all()
        data = MeetingPaperData(
            topic=redact(m.topic), kind=m.kind, starts_at=m.starts_at, place=redact(m.place), host=m.host,
            station=station, residents_count=m.residents_count,
            residents=[mask_name(n) for n in split_names(m.residents_names)],
            agenda=[redact(x).strip() for x in (m.agenda or "").splitlines() if x.strip()],
            briefing=redact(m.minutes_briefing), opinions=redact(m.minutes_opinions),
            consensus=redact(m.minutes_consensus),
            attendees=[(p.name, sectors.get(p.sector_uuid, ""), f"{p.unit}{p.title}") for p in people],
            resolutions=[redact(t) for t in resolutions],
            follow_ups=[(redact(f.title), redact(f.responsible_unit), f.due_on,
                         FOLLOW_UP_STATUSES.get(f.status, f.status), redact(f.result or f.reason)) for f in follow],
        )
    return data, frame


_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|\d+[、.．)）]|[（(][一二三四五六七八九十\d]+[）)])\s*")


def _unnumbered(line: str) -> str:
    """An agenda line without its own numbering ('一、', '1.', '（一）'): the notice numbers it."""
    return _NUMBERING.sub("", line, count=1)


def when(t: dt.datetime) -> str:
    noon = "上午" if t.hour < 12 else "下午"
    hour = t.hour if t.hour <= 12 else t.hour - 12
    return f"{chinese_date(t.date())}（星期{WEEKDAYS[t.weekday()]}）{noon}{hour}:{t.minute:02d}"


def _issuer(data: MeetingPaperData, frame) -> str:
    return data.station or frame.committee_name


def _masthead(frame, data, title, day, meta=()) -> Masthead:
    # A station issues its own papers under its own seal, not the committee's.
    seal = "（盖章）" if data.station else frame.seal_text
    return Masthead(frame.committee_name, title, meta=list(meta), supervision_phone=frame.supervision_phone,
                    footer=frame.footer, date=day, seal_text=seal)


def notice_title(topic: str, kind: str = "协商议事") -> str:
    if topic.endswith(("会", "会议")):
        return f"关于召开{topic}的通知"
    if kind == "协商议事":
        return f"关于召开“{topic}”协商议事会的通知"
    return f"关于开展“{topic}”活动的通知"


def render_notice(db: Database, meeting_uuid: str, setup: PageSetup | None = None, *,
                  day: dt.date | None = None):
    from .result import RenderedDocument

    setup = setup or PageSetup()
    data, frame = load_meeting(db, meeting_uuid)
    day = day or min(dt.date.today(), data.starts_at.date())
    title = notice_title(data.topic, data.kind)
    mh = _masthead(frame, data, title, day)
    st = styles_for(setup.scale)
    w = Writer(st)
    story = w.heading(mh, frame_width(setup))
    story.append(w.p("各位政协委员、居民代表：", st.body.clone("salute", firstLineIndent=0)))
    what = "召开协商议事会议，围绕“{}”开展协商" if data.kind == "协商议事" else f"开展{data.kind}活动，主题为“{{}}”"
    story.append(w.p(f"经研究，定于{when(data.starts_at)}在{data.place or data.station}"
                     f"{what.format(data.topic)}。现将有关事项通知如下：", st.body))
    x = "会议" if data.kind == "协商议事" else "活动"
    items = [(f"{x}时间", when(data.starts_at)), (f"{x}地点", data.place or data.station),
             ("会议议题" if x == "会议" else "活动主题", data.topic)]
    if data.host:
        items.append(("主持人", data.host))
    for n, (k, v) in enumerate(items):
        story.append(w.markup(f"<b>{NUMERALS[n]}、{k}</b>：{w.esc(v)}", f"{k}：{v}", st.body))
    n = len(items)
    if data.agenda:
        story.append(w.markup(f"<b>{NUMERALS[n]}、{x}议程</b>", f"{x}议程", st.body))
        story.extend(w.p(f"（{NUMERALS[i] if i < 10 else i + 1}）{_unnumbered(line)}", st.body)
                     for i, line in enumerate(data.agenda))
        n += 1
    names = "、".join(a[0] for a in data.attendees) or "本站政协委员"
    residents = f"及居民代表{data.residents_count}名" if data.residents_count else "及居民代表"
    story.append(w.markup(f"<b>{NUMERALS[n]}、参加人员</b>：{w.esc(names)}等政协委员{w.esc(residents)}。",
                          f"参加人员：{names}{residents}", st.body))
    story.append(w.markup(f"<b>{NUMERALS[n + 1]}、有关要求</b>：请参加人员提前10分钟到场签到，事先围绕主题深入了解情况、"
                          "准备意见建议；因故不能参加的，请提前向工作站请假。",
                          "有关要求：请参加人员提前10分钟到场签到", st.body))
    if frame.supervision_phone:
        story.append(w.p(f"联系电话：{frame.supervision_phone}", st.body))
    story.append(Spacer(1, 8 * setup.scale))
    story.append(KeepTogether([w.closing(mh, _issuer(data, frame))]))
    pdf, pages = build_pdf(setup, mh, story)
    return RenderedDocument("notice", title, pdf, pages, w.missing(), rows=len(data.attendees))


def render_minutes(db: Database, meeting_uuid: str, setup: PageSetup | None = None, *,
                   day: dt.date | None = None):
    from .result import RenderedDocument

    setup = setup or PageSetup()
    data, frame = load_meeting(db, meeting_uuid)
    day = day or data.starts_at.date()
    title = f"{data.topic}会议纪要" if not data.topic.endswith("纪要") else data.topic
    mh = _masthead(frame, data, title, day)
    st = styles_for(setup.scale)
    w = Writer(st)
    width = frame_width(setup)
    pad = 6.4 * setup.scale
    story = w.heading(mh, width)
    widths = split_widths(width, [1.4, 3.6, 1.4, 3.6])
    residents = f"{data.residents_count}人" + (f"（{'、'.join(data.residents)}等）" if data.residents else "")
    info = [
        [w.p("会议时间", st.head), w.p(when(data.starts_at), st.cell), w.p("会议地点", st.head),
         w.p(data.place or data.station, st.cell)],
        [w.p("主 持 人", st.head), w.line(data.host or "—", st.cell, widths[1] - pad), w.p("会议类型", st.head),
         w.p(data.kind, st.cell)],
        [w.p("参会委员", st.head), w.p("、".join(a[0] for a in data.attendees) or "—", st.cell, limit=600), "", ""],
        [w.p("参会群众", st.head), w.p(residents, st.cell, limit=300), "", ""],
    ]
    story.append(grid(info, widths, setup.scale, header_rows=1, zebra=False,
                      extra=[("SPAN", (1, 2), (3, 2)), ("SPAN", (1, 3), (3, 3)),
                             ("BACKGROUND", (0, 0), (-1, -1), "#FFFFFF"),
                             ("BACKGROUND", (0, 0), (0, -1), "#F6E7E5"), ("BACKGROUND", (2, 0), (2, 1), "#F6E7E5"),
                             ("LINEBELOW", (0, 0), (-1, 0), 0.5 * setup.scale, "#6B6B6B")]))
    sections = [("情况通报", data.briefing), ("意见建议", data.opinions), ("协商共识", data.consensus)]
    n = 0
    for head, text in sections:
        if not text.strip():
            continue
        story.append(w.p(f"{NUMERALS[n]}、{head}", st.heading))
        story.extend(w.p(par.strip(), st.body) for par in text.splitlines() if par.strip())
        n += 1
    if data.resolutions:
        story.append(w.p(f"{NUMERALS[n]}、协商成果", st.heading))
        story.extend(w.p(f"{i}. {t}", st.body) for i, t in enumerate(data.resolutions, start=1))
        n += 1
    if data.follow_ups:
        story.append(w.p(f"{NUMERALS[n]}、跟踪落实", st.heading))
        fw = split_widths(width, [0.7, 3.2, 2.3, 2.0, 1.2, 2.8])
        rows = [[w.p(h, st.head) for h in ("序号", "事项", "责任单位", "完成时限", "状态", "办理结果")]]
        for i, (t, unit, due, status, result) in enumerate(data.follow_ups, start=1):
            rows.append([w.p(str(i), st.cell_center), w.p(t, st.cell, limit=150), w.p(unit, st.cell, limit=60),
                         w.line(chinese_date(due) if due else "—", st.cell_center, fw[3] - pad),
                         w.p(status, st.cell_center),
                         w.p(result or "—", st.cell, limit=200)])
        story.append(grid(rows, fw, setup.scale))
    story.append(Spacer(1, 6 * setup.scale))
    story.append(KeepTogether([w.p(f"记录整理：{_issuer(data, frame)}", st.note), w.closing(mh, _issuer(data, frame))]))
    pdf, pages = build_pdf(setup, mh, story)
    return RenderedDocument("minutes", title, pdf, pages, w.missing(), rows=len(data.attendees))


def render_signin(db: Database, meeting_uuid: str, setup: PageSetup | None = None, *,
                  day: dt.date | None = None, blank_rows: int | None = None):
    from .result import RenderedDocument

    setup = setup or PageSetup()
    data, frame = load_meeting(db, meeting_uuid)
    title = f"{data.topic}签到表"
    mh = _masthead(frame, data, title, day or data.starts_at.date(),
                   meta=[("时间", when(data.starts_at)), ("地点", data.place or data.station)])
    mh.seal_text = ""
    st = styles_for(setup.scale)
    w = Writer(st)
    width = frame_width(setup)
    pad = 6.4 * setup.scale
    story = w.heading(mh, width)
    widths = split_widths(width, [0.8, 1.7, 2.0, 3.4, 2.6, 1.5])
    rows = [[w.p(h, st.head) for h in ("序号", "姓名", "界别/身份", "工作单位及职务", "签名", "备注")]]
    for i, (name, sector, unit) in enumerate(data.attendees, start=1):
        rows.append([w.p(str(i), st.cell_center), w.line(name, st.cell_center, widths[1] - pad),
                     w.line(sector or "政协委员", st.cell_center, widths[2] - pad), w.p(unit, st.cell_small, limit=60),
                     "", ""])
    row_h = 11 * mm * setup.scale
    if blank_rows is None:
        blank_rows = _blank_rows_to_fill(story, setup, width, row_h, len(data.attendees),
                                         max(data.residents_count, 6))
    blanks = blank_rows
    for i in range(len(data.attendees) + 1, len(data.attendees) + blanks + 1):
        rows.append([w.p(str(i), st.cell_center), "", w.p("居民代表", st.cell_small.clone("c", alignment=1)), "", "", ""])
    heights = [None] + [row_h] * (len(rows) - 1)
    story.append(grid(rows, widths, setup.scale, zebra=False, row_heights=heights))  # room to sign
    story.append(Spacer(1, 4 * setup.scale))
    story.append(w.p(f"应到政协委员 {len(data.attendees)} 人，实到 ____ 人；居民代表 ____ 人。", st.note))
    pdf, pages = build_pdf(setup, mh, story)
    return RenderedDocument("signin", title, pdf, pages, w.missing(), rows=len(data.attendees))


def _blank_rows_to_fill(heading, setup: PageSetup, width: float, row_h: float, filled: int, minimum: int) -> int:
    """Blank rows (at least ``minimum``) that fill the sign-in sheet's last page."""
    s = setup.scale
    used = sum(f.wrap(width, 10_000)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in heading)
    head_row, note, running_header = 9 * mm * s, 12 * mm * s, 11 * mm * s
    first = int((frame_height(setup) - used - head_row - note) // row_h)
    later = int((frame_height(setup) - running_header - head_row - note) // row_h)
    need = filled + minimum
    if need <= first:
        return first - filled
    pages = -(-(need - first) // max(later, 1))
    return first + pages * later - filled
