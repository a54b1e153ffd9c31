"""The yearly assessment: every serving member against every indicator of the rules.

One grouped query counts a year's records per member, type and outcome; the rules turn
the counts into ✓/✗ per indicator. Points are the sum of the records' points (a record
takes its type's points when entered; one with no points counts its type's points). Members are ranked by points for the
excellent-member selection, which is recorded in ``assessment_result``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from sqlalchemy import case, func, select

from ..errors import NotFoundError, ValidationError
from ..storage.database import Database
from ..storage.models import AssessmentResult, DutyRecord, Member, Sector
from .assessment_rules import IndicatorRule, Rules, load_rules
from .duty_records import DutyRow, fetch_duty_rows
from .members import serving_in_year


@dataclass
class AssessmentRow:
    uuid: str
    name: str
    sector: str
    met: dict[str, bool]
    counts: dict[str, int]
    points: float
    passed: bool
    missing: list[str]  # labels of the rules not met
    selected: bool = False
    reason: str = ""
    rank: int = 0

    def as_json(self) -> dict:
        return {"uuid": self.uuid, "name": self.name, "indicators": dict(self.met), "points": self.points,
                "passed": self.passed, "selected": self.selected}


@dataclass
class Assessment:
    year: int
    rules: list[IndicatorRule]
    rows: list[AssessmentRow] = field(default_factory=list)  # ranked by points

    @property
    def short(self) -> list[AssessmentRow]:
        """Members who fall short of at least one rule."""
        return [r for r in self.rows if not r.passed]

    @property
    def selected(self) -> list[AssessmentRow]:
        return [r for r in self.rows if r.selected]


def _year_range(year: int) -> tuple[dt.date, dt.date]:
    if not 1950 <= year <= 2100:
        raise ValidationError("年度应在 1950 到 2100 之间", f"year {year} out of range")
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _counts_for(rule: IndicatorRule, tally: dict[tuple[str, str], int]) -> int:
    return sum(n for (t, o), n in tally.items() if t in rule.duty_types and (not rule.outcomes or o in rule.outcomes))


def assess_year(db: Database, year: int, rules: Rules | None = None) -> Assessment:
    first, last = _year_range(year)
    rules = rules or load_rules(db)
    with db.read() as s:
        members = s.execute(
            select(Member.uuid, Member.name, Sector.name)
            .outerjoin(Sector, Sector.uuid == Member.sector_uuid)
            .where(Member.deleted.is_(False), serving_in_year(year))
            .order_by(Member.name_pinyin, Member.uuid)
        ).all()
        tallies: dict[str, dict[tuple[str, str], int]] = {}
        points: dict[str, float] = {}
        grouped = s.execute(
            select(DutyRecord.member_uuid, DutyRecord.duty_type, DutyRecord.outcome, func.count(),
                   func.coalesce(func.sum(DutyRecord.points), 0.0),
                   func.sum(case((DutyRecord.points > 0, 0), else_=1)))
            .where(DutyRecord.deleted.is_(False), DutyRecord.occurred_on.between(first, last))
            .group_by(DutyRecord.member_uuid, DutyRecord.duty_type, DutyRecord.outcome)
        )
        for member, duty_type, outcome, n, pts, unscored in grouped:
            tallies.setdefault(member, {})[(duty_type, outcome or "")] = int(n)
            pts = float(pts) + int(unscored or 0) * rules.points.get(duty_type, 0.0)
            points[member] = points.get(member, 0.0) + pts
        results = {r.member_uuid: r for r in s.execute(select(AssessmentResult).where(
            AssessmentResult.year == year, AssessmentResult.deleted.is_(False))).scalars()}
    out = Assessment(year, rules.indicators)
    for uuid, name, sector in members:
        tally = tallies.get(uuid, {})
        counts = {r.code: _counts_for(r, tally) for r in rules.indicators}
        met = {r.code: counts[r.code] >= r.min_count for r in rules.indicators}
        missing = [r.label for r in rules.indicators if not met[r.code]]
        saved = results.get(uuid)
        out.rows.append(AssessmentRow(uuid, name, sector or "", met, counts, round(points.get(uuid, 0.0), 2),
                                      not missing, missing, bool(saved and saved.selected),
                                      saved.selection_reason if saved else ""))
    out.rows.sort(key=lambda r: -r.points)  # stable: ties stay in pinyin order
    rank, last_points = 0, None
    for i, row in enumerate(out.rows, 1):
        if row.points != last_points:
            rank, last_points = i, row.points
        row.rank = rank
    return out


def indicator_records(db: Database, year: int, member_uuid: str, code: str) -> list[DutyRow]:
    """The member's records of the year that count towards one indicator (the ✓'s evidence)."""
    first, last = _year_range(year)
    rule = next((r for r in load_rules(db).indicators if r.code == code), None)
    if rule is None:
        raise NotFoundError(f"没有代码为 {code} 的考核指标", f"no indicator {code}")
    stmt = select(DutyRecord.uuid).where(
        DutyRecord.deleted.is_(False), DutyRecord.member_uuid == member_uuid,
        DutyRecord.occurred_on.between(first, last), DutyRecord.duty_type.in_(rule.duty_types),
    ).order_by(DutyRecord.occurred_on)
    if rule.outcomes:
        stmt = stmt.where(DutyRecord.outcome.in_(rule.outcomes))
    with db.read() as s:
        ids = list(s.execute(stmt).scalars())
    rows = fetch_duty_rows(db, ids)
    return [rows[u] for u in ids]


def _snapshot(row: AssessmentRow) -> dict:
    return {"met": json.dumps(row.met, sort_keys=True), "points": row.points, "passed": row.passed}


def set_selection(db: Database, year: int, member_uuid: str, selected: bool, reason: str = "") -> None:
    """Record (or withdraw) a member's selection as an excellent member, with the reason."""
    reason = reason.strip()
    if selected and not reason:
        raise ValidationError("请填写评选理由", "a reason is required")
    found = next((r for r in assess_year(db, year).rows if r.uuid == member_uuid), None)
    if found is None:
        raise NotFoundError("该委员不在本年度考核名单中", "member not assessed in that year")
    with db.write() as w:
        _upsert(w.session, year, found, {"selected": selected, "selection_reason": reason if selected else ""})


def save_results(db: Database, year: int) -> int:
    """Store every member's result of the year (the year-end record); returns the count."""
    assessment = assess_year(db, year)
    with db.write() as w:
        for row in assessment.rows:
            _upsert(w.session, year, row, {})
    return len(assessment.rows)


def _upsert(session, year: int, row: AssessmentRow, extra: dict) -> None:
    result = session.execute(select(AssessmentResult).where(
        AssessmentResult.year == year, AssessmentResult.member_uuid == row.uuid)).scalars().first()
    if result is None:
        result = AssessmentResult(year=year, member_uuid=row.uuid)
        session.add(result)
    for key, value in {**_snapshot(row), "deleted": False, **extra}.items():
        if getattr(result, key) != value:
            setattr(result, key, value)
