"""Yearly assessment figures for the boards: the ledger's assessment, as printed.

The figures come from ``services.assessment.assess_year`` (one definition of "indicator
met" and of points for the ledger view, ``zxdesk assess`` and the boards). Stored
``AssessmentResult`` rows win where present: they hold the committee's year-end
decision (review result, selection).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select

from ..services.assessment import assess_year
from ..services.assessment_rules import load_rules
from ..storage.database import Database
from ..storage.models import AssessmentResult
from .data import MemberCard


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    duty_types: frozenset[str]
    outcomes: frozenset[str]
    min_count: int
    kind: str

    def counts(self, duty_type: str, outcome: str) -> bool:
        return duty_type in self.duty_types and (not self.outcomes or outcome in self.outcomes)


@dataclass
class MemberResult:
    card: MemberCard
    met: dict[str, bool] = field(default_factory=dict)
    points: float = 0.0
    passed: bool = False
    result: str = ""  # what the board prints: 优秀 / 合格 / 基本合格 / 不合格 / 未达标
    selected: bool = False
    reason: str = ""


def indicators(db: Database) -> list[Indicator]:
    return [Indicator(r.code, r.label, frozenset(r.duty_types), frozenset(r.outcomes), int(r.min_count or 1), r.kind)
            for r in load_rules(db).indicators]


def assess(db: Database, cards: list[MemberCard], year: int) -> list[MemberResult]:
    """Results for the members on the board who were serving in the year, in board order."""
    computed = {row.uuid: row for row in assess_year(db, year).rows}
    with db.read() as s:
        stored = {r.member_uuid: r for r in s.execute(
            select(AssessmentResult).where(AssessmentResult.year == year, AssessmentResult.deleted.is_(False))
        ).scalars()}
    out = []
    for card in cards:
        row = computed.get(card.uuid)
        if row is None:
            continue
        res = MemberResult(card, dict(row.met), row.points, row.passed, selected=row.selected, reason=row.reason)
        saved = stored.get(card.uuid)
        if saved is not None:
            snapshot = json.loads(saved.met or "{}")
            res.met.update({k: bool(v) for k, v in snapshot.items() if k in res.met})
            if saved.points:
                res.points = saved.points
            res.passed = bool(saved.passed) if snapshot else res.passed
            res.result = saved.review_result
        if not res.result:
            res.result = "合格" if res.passed else "未达标"
        out.append(res)
    return out
