"""Yearly assessment figures for the boards, computed from the committee's rules.

NOTE: this is a compact, read-only computation written for printing so that it does not
depend on the ledger's assessment service, which was written in parallel. It should be
unified with that service (one definition of "indicator met") once both are on main.
Stored ``AssessmentResult`` rows win where present: they hold the committee's decision
(review result, selection); the computed figures fill in for members without one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..domain.vocab import DEFAULT_INDICATORS
from ..storage.models import AssessmentIndicator, AssessmentResult, DutyRecord
from .data import MemberCard, points_table


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


def indicators(s: Session, committee_uuid: str | None) -> list[Indicator]:
    query = select(AssessmentIndicator).where(AssessmentIndicator.deleted.is_(False))
    if committee_uuid:
        query = query.where(AssessmentIndicator.committee_uuid == committee_uuid)
    default_order = {d["code"]: i for i, d in enumerate(DEFAULT_INDICATORS)}
    rows = sorted(s.execute(query).scalars().all(),
                  key=lambda r: (r.sort_order, default_order.get(r.code, 99), r.code))
    source = [
        {"code": r.code, "label": r.label, "duty_types": json.loads(r.duty_types or "[]"),
         "outcomes": json.loads(r.outcomes or "[]"), "min_count": r.min_count, "kind": r.kind}
        for r in rows
    ] or list(DEFAULT_INDICATORS)
    return [Indicator(d["code"], d["label"], frozenset(d["duty_types"]), frozenset(d["outcomes"]),
                      int(d["min_count"] or 1), d["kind"]) for d in source]


def assess(s: Session, cards: list[MemberCard], year: int, rules: list[Indicator]) -> list[MemberResult]:
    by_uuid = {c.uuid: c for c in cards}
    points = points_table(s)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    totals: dict[str, float] = defaultdict(float)
    query = select(DutyRecord.member_uuid, DutyRecord.duty_type, DutyRecord.outcome).where(
        DutyRecord.deleted.is_(False), DutyRecord.occurred_on >= dt.date(year, 1, 1),
        DutyRecord.occurred_on <= dt.date(year, 12, 31))
    for member, duty_type, outcome in s.execute(query):
        if member not in by_uuid:
            continue
        totals[member] += points.get(duty_type, 0.0)
        for rule in rules:
            if rule.counts(duty_type, outcome or ""):
                counts[member][rule.code] += 1
    stored = {r.member_uuid: r for r in s.execute(
        select(AssessmentResult).where(AssessmentResult.year == year, AssessmentResult.deleted.is_(False))).scalars()
        if r.member_uuid in by_uuid}
    out = []
    for card in cards:
        met = {r.code: counts[card.uuid][r.code] >= r.min_count for r in rules}
        res = MemberResult(card, met, totals[card.uuid])
        res.passed = all(met.values())
        row = stored.get(card.uuid)
        if row is not None:
            saved = json.loads(row.met or "{}")
            if saved:
                res.met.update({k: bool(v) for k, v in saved.items() if k in res.met})
            if row.points:
                res.points = row.points
            res.passed = bool(row.passed)
            res.result = row.review_result
            res.selected = bool(row.selected)
            res.reason = row.selection_reason
        if not res.result:
            res.result = "合格" if res.passed else "未达标"
        out.append(res)
    return out
