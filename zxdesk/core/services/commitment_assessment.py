"""What the commitment reviews give the member's yearly assessment (年度考核).

``year_reviews`` gives, for members and a year, the period-end review results of the
commitments the member made (owner_type 'member') in that year's two periods, and a
summary: the lowest result of the year (one 不合格 commitment makes the year
不合格), or '' when none was reviewed. ``store_year_reviews`` writes that summary code
into ``AssessmentResult.review_result`` of the year's existing results; it creates no
assessment rows (the ledger's assessment owns them).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from ..domain.commitment_terms import REVIEW_RANK, review_label
from ..domain.periods import periods_of_year
from ..storage.database import Database
from ..storage.models import AssessmentResult, Commitment


@dataclass(frozen=True)
class ReviewedCommitment:
    uuid: str
    period: str
    status: str
    review_result: str  # '' when not reviewed
    content: str


@dataclass
class YearReview:
    member_uuid: str
    year: int
    first_half: list[ReviewedCommitment] = field(default_factory=list)  # H1
    second_half: list[ReviewedCommitment] = field(default_factory=list)  # H2

    @property
    def results(self) -> list[str]:
        return [c.review_result for c in (*self.first_half, *self.second_half) if c.review_result]

    @property
    def summary(self) -> str:
        """The lowest review result of the year (a REVIEW_RESULTS code), '' if none."""
        ranked = [r for r in self.results if r in REVIEW_RANK]
        return min(ranked, key=REVIEW_RANK.__getitem__) if ranked else ""

    @property
    def unreviewed(self) -> int:
        return sum(1 for c in (*self.first_half, *self.second_half) if not c.review_result)

    def as_json(self) -> dict:
        def items(cs: list[ReviewedCommitment]) -> list[dict]:
            return [{"uuid": c.uuid, "status": c.status, "review_result": c.review_result,
                     "review_label": review_label(c.review_result)} for c in cs]

        h1, h2 = periods_of_year(self.year)
        return {"member_uuid": self.member_uuid, "year": self.year,
                "periods": {h1.code: items(self.first_half), h2.code: items(self.second_half)},
                "summary": self.summary, "summary_label": review_label(self.summary),
                "unreviewed": self.unreviewed}


def year_reviews(db: Database, year: int, member_uuids: list[str] | None = None) -> dict[str, YearReview]:
    """Per member (every member with commitments that year, or the ones asked for)."""
    h1, h2 = periods_of_year(year)
    c = Commitment
    stmt = (select(c.owner_uuid, c.uuid, c.period, c.status, c.review_result, c.content)
            .where(c.owner_type == "member", c.deleted.is_(False), c.period.in_([h1.code, h2.code]))
            .order_by(c.period, c.created_at, c.uuid))
    if member_uuids is not None:
        stmt = stmt.where(c.owner_uuid.in_(member_uuids))
    out: dict[str, YearReview] = {m: YearReview(m, year) for m in member_uuids or []}
    with db.read() as s:
        for owner, uuid, period, status, result, content in s.execute(stmt):
            review = out.setdefault(owner, YearReview(owner, year))
            item = ReviewedCommitment(uuid, period, status, result, content)
            (review.first_half if period == h1.code else review.second_half).append(item)
    return out


def member_year_review(db: Database, member_uuid: str, year: int) -> YearReview:
    return year_reviews(db, year, [member_uuid])[member_uuid]


def store_year_reviews(db: Database, year: int) -> int:
    """Write each member's summary into the year's existing AssessmentResult rows;
    returns how many rows changed."""
    reviews = year_reviews(db, year)
    changed = 0
    with db.write() as w:
        rows = w.session.execute(select(AssessmentResult).where(
            AssessmentResult.year == year, AssessmentResult.deleted.is_(False))).scalars().all()
        for row in rows:
            review = reviews.get(row.member_uuid)
            summary = review.summary if review else ""
            if summary and row.review_result != summary:
                row.review_result = summary
                changed += 1
    return changed
