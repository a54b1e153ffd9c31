"""The rendering API: one call per document, returning a ``RenderedDocument``."""

from __future__ import annotations

import datetime as dt

from ..errors import ValidationError
from ..storage.database import Database
from .kinds import BOARD_KINDS, MEETING_PAPERS
from .layout import PageSetup
from .result import RenderedDocument, write_atomic



def render_board(db: Database, kind: str, scope: str, period: str, paper: str = "A4", landscape: bool = False, *,
                 day: dt.date | None = None, publicity_days: int = 7) -> RenderedDocument:
    """One of the four boards as a PDF. ``day`` is the date printed on it (today by default)."""
    setup = PageSetup(paper, landscape)
    if kind == "performance":
        from .board_performance import render_performance

        return render_performance(db, scope, period, setup, day=day)
    if kind == "commitments":
        from .board_commitments import render_commitments

        return render_commitments(db, scope, period, setup, day=day)
    if kind in ("assessment", "selection"):
        from . import board_assessment

        if not 1 <= publicity_days <= 60:
            raise ValidationError("公示期应为 1 至 60 天", "the publicity period must be 1 to 60 days")
        fn = board_assessment.render_assessment if kind == "assessment" else board_assessment.render_selection
        return fn(db, scope, period, setup, day=day, publicity_days=publicity_days)
    raise ValidationError(f"公示栏类型“{kind}”无效：可选 {'、'.join(BOARD_KINDS)}",
                          f"invalid board kind {kind!r}: use {', '.join(BOARD_KINDS)}")


def render_meeting_paper(db: Database, what: str, meeting_uuid: str, *, paper: str = "A4",
                         landscape: bool = False, day: dt.date | None = None) -> RenderedDocument:
    from . import meeting_papers

    fn = {"notice": meeting_papers.render_notice, "minutes": meeting_papers.render_minutes,
          "signin": meeting_papers.render_signin}.get(what)
    if fn is None:
        raise ValidationError(f"会议材料类型“{what}”无效", f"invalid meeting paper {what!r}")
    return fn(db, meeting_uuid, PageSetup(paper, landscape), day=day)


def render_badges(db: Database, scope: str, *, style: str = "badge", size: str = "90x55",
                  day: dt.date | None = None) -> RenderedDocument:
    from .badges import render_badges as _render

    return _render(db, scope, style=style, size=size, day=day)




def render_request(db: Database, kind: str, *, scope: str = "all", period: str = "", paper: str = "A4",
                   landscape: bool = False, day: dt.date | None = None, publicity_days: int = 7,
                   meeting_uuid: str = "", size: str = "90x55") -> RenderedDocument:
    """Any document by its kind code, as the 公示栏 tab composes it."""
    if kind in BOARD_KINDS:
        return render_board(db, kind, scope, period, paper, landscape, day=day, publicity_days=publicity_days)
    if kind in MEETING_PAPERS:
        if not meeting_uuid:
            raise ValidationError("请先选择会议", "choose a meeting first")
        return render_meeting_paper(db, kind, meeting_uuid, paper=paper, landscape=landscape, day=day)
    return render_badges(db, scope, style=kind, size=size, day=day)


__all__ = ["BOARD_KINDS", "MEETING_PAPERS", "RenderedDocument", "render_badges", "render_board", "render_request",
           "render_meeting_paper", "write_atomic"]
