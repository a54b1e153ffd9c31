"""The yearly assessment rules of the committee: indicators, requirements, points per type.

Rules are data (``assessment_indicator`` and ``duty_points`` rows of the committee).
A committee with none stored uses Jixi's defaults: five "at least one" indicators and
the duty report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from sqlalchemy import select

from ..domain.vocab import DEFAULT_INDICATORS, DEFAULT_POINTS, DUTY_OUTCOMES, DUTY_TYPES
from ..errors import ValidationError
from ..storage.database import Database
from ..storage.models import AssessmentIndicator, Committee, DutyPoints

KINDS = {"indicator": "考核指标", "requirement": "述职要求"}


@dataclass
class IndicatorRule:
    code: str
    label: str
    duty_types: list[str]
    outcomes: list[str] = field(default_factory=list)  # empty: any outcome counts
    min_count: int = 1
    kind: str = "indicator"  # indicator | requirement

    def describe(self) -> str:
        types = "或".join(DUTY_TYPES.get(t, t) for t in self.duty_types)
        outcome = f"（{'/'.join(self.outcomes)}）" if self.outcomes else ""
        return f"{types}{outcome}至少{self.min_count}次"


@dataclass
class Rules:
    indicators: list[IndicatorRule]
    points: dict[str, float]
    stored: bool = False  # False: the defaults, nothing saved yet


def default_rules() -> Rules:
    return Rules([IndicatorRule(d["code"], d["label"], list(d["duty_types"]), list(d["outcomes"]), d["min_count"],
                                d["kind"]) for d in DEFAULT_INDICATORS], dict(DEFAULT_POINTS))


def committee_uuid(session, *, create: bool = False) -> str | None:
    """The committee this database belongs to (the first one); made on demand when saving."""
    uuid = session.execute(select(Committee.uuid).where(Committee.deleted.is_(False))
                           .order_by(Committee.created_at, Committee.uuid).limit(1)).scalar_one_or_none()
    if uuid is None and create:
        committee = Committee(code="", name="本委员会")
        session.add(committee)
        session.flush()
        uuid = committee.uuid
    return uuid


def load_rules(db: Database) -> Rules:
    rules = default_rules()
    with db.read() as s:
        cid = committee_uuid(s)
        if cid is None:
            return rules
        rows = s.execute(select(AssessmentIndicator).where(AssessmentIndicator.committee_uuid == cid,
                                                           AssessmentIndicator.deleted.is_(False))
                         .order_by(AssessmentIndicator.sort_order, AssessmentIndicator.code)).scalars().all()
        points = s.execute(select(DutyPoints.duty_type, DutyPoints.points).where(
            DutyPoints.committee_uuid == cid, DutyPoints.deleted.is_(False))).all()
    if rows:
        rules.indicators = [IndicatorRule(r.code, r.label, json.loads(r.duty_types or "[]"),
                                          json.loads(r.outcomes or "[]"), r.min_count, r.kind) for r in rows]
        rules.stored = True
    for duty_type, value in points:
        rules.points[duty_type] = float(value)
        rules.stored = True
    return rules


def validate_rules(rules: Rules) -> None:
    codes: set[str] = set()
    if not rules.indicators:
        raise ValidationError("至少需要一项考核指标", "at least one indicator is needed")
    for rule in rules.indicators:
        where = f"指标“{rule.label or rule.code}”"
        if not rule.code or not rule.label.strip():
            raise ValidationError(f"{where}缺少代码或名称", "indicator needs a code and a label")
        if rule.code in codes:
            raise ValidationError(f"{where}的代码重复", f"duplicate indicator code {rule.code}")
        codes.add(rule.code)
        if not rule.duty_types:
            raise ValidationError(f"{where}至少要选一种履职类型", "indicator needs a duty type")
        unknown = [t for t in rule.duty_types if t not in DUTY_TYPES]
        if unknown:
            raise ValidationError(f"{where}含未知的履职类型：{unknown[0]}", f"unknown duty type {unknown[0]}")
        allowed = {o for t in rule.duty_types for o in DUTY_OUTCOMES.get(t, ())}
        bad = [o for o in rule.outcomes if o not in allowed]
        if bad:
            raise ValidationError(f"{where}的成果“{bad[0]}”不属于所选类型", f"outcome {bad[0]} not allowed")
        if not 1 <= int(rule.min_count) <= 100:
            raise ValidationError(f"{where}的最少次数应在 1 到 100 之间", "min_count out of range")
        if rule.kind not in KINDS:
            raise ValidationError(f"{where}的类别无效", f"unknown kind {rule.kind}")
    for duty_type, value in rules.points.items():
        if duty_type not in DUTY_TYPES:
            raise ValidationError(f"未知的履职类型：{duty_type}", f"unknown duty type {duty_type}")
        if not 0 <= float(value) <= 1000:
            raise ValidationError(f"“{DUTY_TYPES[duty_type]}”的分值应在 0 到 1000 之间", "points out of range")


def save_rules(db: Database, rules: Rules) -> None:
    """Store the committee's rules (one transaction); indicators left out are tombstoned."""
    validate_rules(rules)
    with db.write() as w:
        s = w.session
        cid = committee_uuid(s, create=True)
        existing = {r.code: r for r in s.execute(select(AssessmentIndicator).where(
            AssessmentIndicator.committee_uuid == cid)).scalars()}
        for order, rule in enumerate(rules.indicators):
            row = existing.pop(rule.code, None)
            if row is None:
                row = AssessmentIndicator(committee_uuid=cid, code=rule.code)
                s.add(row)
            values = {"label": rule.label.strip(), "duty_types": json.dumps(rule.duty_types),
                      "outcomes": json.dumps(rule.outcomes, ensure_ascii=False), "min_count": int(rule.min_count),
                      "kind": rule.kind, "sort_order": order, "deleted": False}
            for key, value in values.items():
                if getattr(row, key) != value:
                    setattr(row, key, value)
        for row in existing.values():
            if not row.deleted:
                row.deleted = True
        points = {r.duty_type: r for r in s.execute(select(DutyPoints).where(DutyPoints.committee_uuid == cid)).scalars()}
        for duty_type, value in rules.points.items():
            row = points.get(duty_type)
            if row is None:
                s.add(DutyPoints(committee_uuid=cid, duty_type=duty_type, points=float(value)))
            elif row.points != float(value) or row.deleted:
                row.points, row.deleted = float(value), False
