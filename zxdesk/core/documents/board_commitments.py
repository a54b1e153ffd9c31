"""承诺公示 (亮承诺): a period's commitments with their owners; once the period has
ended, the same board shows the 践诺 results (承诺践诺情况公示)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.platypus import KeepTogether, Spacer
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..domain.vocab import COMMITMENT_STATUSES, OWNER_TYPES
from ..storage.database import Database
from ..storage.models import Commitment, CommitmentDeed, Member, OrgGroup, Sector
from .cells import CELL_LIMIT, Writer, clip, grid, split_widths
from .data import board_frame, redactor_for
from .layout import Masthead, PageSetup, build_pdf, chinese_date, frame_width, styles_for
from .masking import Redactor
from .period import Period, parse_period
from .result import RenderedDocument
from .scope import ROLE_ORDER, Scope, member_uuids, resolve_scope

MAX_DEEDS = 6  # planned deeds listed per commitment; a row must fit on one sheet
STATUS_MARK = {"fulfilled": "已兑现", "in_progress": "推进中", "unfulfilled": "未兑现", "not_started": "未开始"}


@dataclass
class CommitmentRow:
    owner: str
    owner_kind: str  # 委员 / 委员活动组 / 界别党支部
    owner_note: str  # sector of a member
    category: str
    content: str
    deeds: list[tuple[str, dt.date | None, dt.date | None]] = field(default_factory=list)
    status: str = "not_started"
    reason: str = ""
    review: str = ""
    sort_key: tuple = ()


def _owners_in_scope(s: Session, sc: Scope, per: Period) -> tuple[set[str], set[str]] | None:
    """(member uuids, group uuids) whose commitments belong on the board; None for all."""
    if sc.kind == "all":
        return None
    members = set(member_uuids(s, sc, per))
    if sc.kind == "group":
        groups = {sc.uuid}
    else:
        col = OrgGroup.station_uuid if sc.kind == "station" else OrgGroup.sector_uuid
        groups = set(s.execute(select(OrgGroup.uuid).where(col == sc.uuid, OrgGroup.deleted.is_(False))).scalars())
    return members, groups


def load_commitments(s: Session, sc: Scope, per: Period, redact: Redactor) -> list[CommitmentRow]:
    query = select(Commitment).where(Commitment.deleted.is_(False), Commitment.period.in_(per.halves()))
    owners = _owners_in_scope(s, sc, per)
    if owners is not None:
        members, groups = owners
        conds = [Commitment.owner_uuid.in_(members | groups)]
        if sc.kind == "station":
            conds.append(Commitment.station_uuid == sc.uuid)
        query = query.where(or_(*conds))
    commitments = s.execute(query).scalars().all()
    if not commitments:
        return []
    owner_ids = {c.owner_uuid for c in commitments}
    sectors = dict(s.execute(select(Sector.uuid, Sector.name)).all())
    people = {r.uuid: r for r in s.execute(
        select(Member.uuid, Member.name, Member.sector_uuid, Member.role, Member.name_pinyin)
        .where(Member.uuid.in_(owner_ids))).all()}
    groups = dict(s.execute(select(OrgGroup.uuid, OrgGroup.name).where(OrgGroup.uuid.in_(owner_ids))).all())
    deeds: dict[str, list] = {}
    for d in s.execute(select(CommitmentDeed).where(
            CommitmentDeed.commitment_uuid.in_([c.uuid for c in commitments]),
            CommitmentDeed.deleted.is_(False)).order_by(CommitmentDeed.target_on)).scalars():
        deeds.setdefault(d.commitment_uuid, []).append((redact(d.text), d.target_on, d.done_on))
    rows = []
    for c in commitments:
        if c.owner_type == "member" and c.owner_uuid in people:
            p = people[c.owner_uuid]
            owner, note = p.name, sectors.get(p.sector_uuid, "")
            key = (1, ROLE_ORDER.get(p.role, 9), p.name_pinyin or p.name, c.period)
        else:
            owner, note = groups.get(c.owner_uuid, "（已删除）"), ""
            key = (0, 0, owner, c.period)
        rows.append(CommitmentRow(owner, OWNER_TYPES.get(c.owner_type, c.owner_type), note, c.category,
                                  redact(c.content), deeds.get(c.uuid, []), c.status, redact(c.reason),
                                  c.review_result, key))
    rows.sort(key=lambda r: r.sort_key)
    return rows


def render_commitments(db: Database, scope: str, period: str, setup: PageSetup, *, day: dt.date | None = None,
                       show_results: bool | None = None) -> RenderedDocument:
    per = parse_period(period)
    day = day or dt.date.today()
    with db.read() as s:
        sc = resolve_scope(s, scope)
        frame = board_frame(s)
        rows = load_commitments(s, sc, per, redactor_for(s))
    results = day > per.end if show_results is None else show_results
    title = f"{per.label}政协委员{'承诺践诺情况公示' if results else '承诺公示'}"
    mh = Masthead(frame.committee_name, title,
                  meta=[("公示范围", sc.label), ("承诺期间", f"{chinese_date(per.start)}至{chinese_date(per.end)}"),
                        ("监督电话", frame.supervision_phone)],
                  supervision_phone=frame.supervision_phone, footer=frame.footer, date=day,
                  seal_text=frame.seal_text)
    st = styles_for(setup.scale)
    w = Writer(st)
    width = frame_width(setup)
    story = w.heading(mh, width)
    story.append(w.p(
        f"为亮明身份、接受监督，现将{sc.label}政协委员{per.label}履职承诺"
        f"{'及兑现情况' if results else ''}公示如下，欢迎社会各界监督。", st.body))
    story.append(_table(w, rows, results, width, setup.scale))
    story.append(Spacer(1, 4 * setup.scale))
    if results:
        done = sum(1 for r in rows if r.status == "fulfilled")
        story.append(w.p(f"本期共公示承诺 {len(rows)} 项，已兑现 {done} 项。未兑现事项已注明原因，"
                         "将结转下期继续推进。", st.note))
    story.append(KeepTogether([w.p(f"监督电话：{frame.supervision_phone}", st.note), w.closing(mh)]))
    pdf, pages = build_pdf(setup, mh, story)
    return RenderedDocument("commitments", title, pdf, pages, w.missing(), rows=len(rows))


def _table(w: Writer, rows: list[CommitmentRow], results: bool, width: float, scale: float):
    st = w.st
    pad = 6.4 * scale
    weights = [0.8, 2.2, 6.2, 2.6] if results else [0.8, 2.2, 6.6, 1.8]
    widths = split_widths(width, weights)
    last = "践诺情况" if results else "完成时限"
    out = [[w.p(h, st.head) for h in ("序号", "承诺主体", "承诺事项", last)]]
    for i, r in enumerate(rows, start=1):
        owner = [w.line(r.owner, st.cell_bold, widths[1] - pad),
                 w.line(" · ".join(x for x in (r.owner_kind, r.owner_note) if x), st.cell_center, widths[1] - pad)]
        what = [w.p(r.content, st.cell, limit=CELL_LIMIT)]
        for n, (text, _target, done) in enumerate(r.deeds[:MAX_DEEDS], start=1):
            mark = "（已完成）" if results and done else ""
            what.append(w.p(f"拟办实事{n}：{clip(text, 80)}{mark}", st.cell_small))
        if len(r.deeds) > MAX_DEEDS:
            what.append(w.p(f"……等 {len(r.deeds)} 件实事", st.cell_small))
        targets = sorted(t for _, t, _ in r.deeds if t)
        if results:
            status = STATUS_MARK.get(r.status, COMMITMENT_STATUSES.get(r.status, r.status))
            last_cell = [w.p(status, st.cell_bold)]
            if r.status == "unfulfilled" and r.reason:
                last_cell.append(w.p(f"原因：{r.reason}", st.cell_small, limit=120))
            if r.review:
                last_cell.append(w.p(f"评议：{r.review}", st.cell_small))
        else:
            last_cell = w.p(chinese_date(targets[-1]) if targets else "本期内", st.cell_center)
        out.append([w.p(str(i), st.cell_center), owner, what, last_cell])
    extra = []
    if not rows:
        out.append([w.p("本期暂无公示的承诺", st.cell_center), "", "", ""])
        extra = [("SPAN", (0, 1), (-1, 1))]
    return grid(out, widths, scale, extra=extra)
