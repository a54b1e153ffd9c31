"""Duty records (履职记录) other than meeting attendance and mediation.

Per member and year, every assessment indicator gets at least one qualifying record,
except for about a fifth of member-years, which miss one or two: the yearly assessment
then has something to find. The remaining records up to the scale's total are spread
over member-years by how active each member is.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from itertools import accumulate

from ..domain import vocab
from ..storage.models import DutyRecord
from . import phrases as ph
from .context import TWENTIETH_CONGRESS, YEARS, Demo, MemberInfo
from .places import VILLAGE_STEMS

# The six rules of vocab.DEFAULT_INDICATORS, by the duty type that satisfies each.
INDICATORS = ("proposal", "sentiment", "research", "deed", "reading", "duty_report")
MISS_WEIGHTS = (30, 20, 15, 10, 15, 10)
MISS_RATE = 0.19
EXTRA_TYPES = ("contact", "proposal", "sentiment", "research", "inspection", "deed", "reading", "lecture")
EXTRA_CUM = tuple(accumulate((26, 9, 16, 7, 6, 14, 8, 8)))
INDICATOR_OF = {"proposal": "proposal", "sentiment": "sentiment", "research": "research",
                "inspection": "research", "deed": "deed", "reading": "reading"}
POINTS = {k: float(v) for k, v in vocab.DEFAULT_POINTS.items()}
SESSIONS = {2022: "十届二次会议", 2023: "十届三次会议", 2024: "十届四次会议"}


def _member_years(demo: Demo, rng: random.Random) -> list[tuple[int, int, int, int, tuple[str, ...]]]:
    """(member, year, first day, last day, missed indicators) for members active 30+ days."""
    out = []
    for i, m in enumerate(demo.members):
        for year in YEARS:
            lo = max(m.start, dt.date(year, 1, 1).toordinal())
            hi = min(m.end, dt.date(year, 12, 31).toordinal())
            if hi - lo < 30:
                continue
            misses: tuple[str, ...] = ()
            if rng.random() < MISS_RATE:
                k = 1 if rng.random() < 0.75 else 2
                pool, weights = list(INDICATORS), list(MISS_WEIGHTS)
                for _ in range(k):
                    pick = rng.choices(range(len(pool)), weights)[0]
                    misses += (pool.pop(pick),)
                    weights.pop(pick)
            out.append((i, year, lo, hi, misses))
    return out


def build_duties(demo: Demo) -> None:
    rng = demo.rng("duties")
    target = demo.scale.duty_records - demo.counts.get("duty_record", 0)
    years = _member_years(demo, rng)
    base: list[list[str]] = []
    for _, _, _, _, misses in years:
        types = [t for t in INDICATORS if t not in misses]
        if "research" in types and rng.random() < 0.4:
            types[types.index("research")] = "inspection"
        if "proposal" in misses and rng.random() < 0.35:
            types.append("rejected_proposal")  # filed but not accepted: does not count
        base.append(types)
    extra = target - sum(len(t) for t in base)
    while extra < 0:  # only at tiny scales: drop base records from random member-years
        types = base[rng.randrange(len(base))]
        if types:
            types.pop()
            extra += 1
    activity = [rng.gammavariate(2.0, 1.0) + 0.2 for _ in demo.members]
    weights = [activity[i] * (hi - lo + 1) for i, _, lo, hi, _ in years]
    counts = [0] * len(years)
    for j in rng.choices(range(len(years)), weights, k=extra) if years else ():
        counts[j] += 1
    demo.insert_stream(DutyRecord, _records(demo, rng, years, base, counts), expected=target)


def _records(demo, rng, years, base, counts) -> Iterator[dict]:
    members: list[MemberInfo] = demo.members
    deeds = demo.deed_records
    for (i, year, lo, hi, misses), types, n_extra in zip(years, base, counts, strict=True):
        m = members[i]
        station = demo.stations[m.station]
        if n_extra:
            for t in rng.choices(EXTRA_TYPES, cum_weights=EXTRA_CUM, k=n_extra):
                if INDICATOR_OF.get(t) in misses:
                    t = "contact" if rng.random() < 0.7 else "lecture"
                types.append(t)
        for t in types:
            day = _day(rng, t, year, lo, hi)
            uuid = demo.uid(rng)
            title, description, outcome = _text(rng, t, m, station, year, day)
            duty_type = "proposal" if t == "rejected_proposal" else t
            if t in ("deed", "contact"):
                deeds.setdefault(i, []).append((day, uuid))
            yield {
                "uuid": uuid, "member_uuid": m.uuid, "duty_type": duty_type, "occurred_on": demo.date(day),
                "title": title, "description": description, "outcome": outcome, "points": POINTS[duty_type],
                "station_uuid": station.uuid, "source_uuid": None, "deleted": False,
            }


def sector_word(sector: str) -> str:
    """经济界 -> 经济, for phrases that add 界别 themselves."""
    return sector[:-1] if sector.endswith("界") else sector


def _day(rng: random.Random, t: str, year: int, lo: int, hi: int) -> int:
    if t == "duty_report":  # reported to a special committee at the end of the year
        return rng.randint(max(lo, min(hi, dt.date(year, 11, 15).toordinal())), hi)
    if t in ("proposal", "rejected_proposal") and rng.random() < 0.6:  # most during the annual session
        session_end = dt.date(year, 3, 31).toordinal()
        if lo <= session_end:
            return rng.randint(lo, min(hi, session_end))
    return rng.randint(lo, hi)


def _text(rng: random.Random, t: str, m: MemberInfo, station, year: int, day: int) -> tuple[str, str, str]:
    """(title, description, outcome) of a record of type t."""
    if t in ("proposal", "rejected_proposal"):
        x, unit = rng.choice(ph.ISSUES)
        when = f"在县政协{SESSIONS[year]}期间提交" if dt.date.fromordinal(day).month <= 3 else "闭会期间提交"
        if t == "rejected_proposal":
            outcome = "不予立案"
        else:
            outcome = rng.choices(("立案", "采纳", "办结", "不予立案"), (45, 20, 25, 10))[0]
        return (f"关于{rng.choice(ph.PROPOSAL_VERBS)}{x}的提案",
                f"{when}，建议{unit}加大工作力度，明确责任分工，切实解决群众关切。", outcome)
    if t == "sentiment":
        x, _ = rng.choice(ph.ISSUES)
        title = rng.choice((f"关于{x}方面存在问题的建议", f"反映{station.place}{x}有关问题", f"群众对{x}的意见和建议"))
        outcome = "采用" if rng.random() < 0.45 else "未采用"
        return title, "经走访调研，反映群众关心的问题，并提出具体建议。", outcome
    if t in ("research", "inspection"):
        x, _ = rng.choice(ph.ISSUES)
        committee = rng.choice(ph.SPECIAL_COMMITTEES)
        report = rng.random() < 0.7
        if t == "research":
            title = rng.choice((f"{x}专题调研", f"关于{x}情况的调研"))
        else:
            title = rng.choice((f"视察{x}工作", f"{x}情况视察"))
        what = "形成调研报告" if report else "提出意见建议"
        return (title, f"随县政协{committee}赴{station.township}等地开展活动，{what}。",
                "形成报告" if report else "未形成报告")
    if t == "deed":
        v = f"{station.township}{rng.choice(VILLAGE_STEMS)}村"
        title = rng.choice(ph.DEEDS).format(v=v, n=rng.randint(2, 60))
        return (title, "通过协调有关部门和自筹资金，帮助群众解决实际困难。",
                "已办结" if rng.random() < 0.88 else "办理中")
    if t == "reading":
        return f"读{rng.choice(ph.BOOKS)}", "撰写读书笔记一篇，在委员读书群分享学习体会。", ""
    if t == "contact":
        v = f"{station.township}{rng.choice(VILLAGE_STEMS)}村"
        title = rng.choice(ph.CONTACTS).format(s=sector_word(m.sector), v=v)
        return title, f"听取群众意见建议{rng.randint(2, 15)}条，梳理后向有关部门反映。", ""
    if t == "lecture":
        topics = ph.LECTURES + (ph.LECTURES_AFTER_20TH if day > TWENTIETH_CONGRESS.toordinal() else ())
        return (f"微讲堂：{rng.choice(topics)}",
                f"在{station.name}委员微讲堂开讲，参加群众{rng.randint(15, 80)}人。", "")
    if t == "duty_report":
        committee = rng.choice(ph.SPECIAL_COMMITTEES)
        return (f"{year}年度履职情况述职",
                f"向县政协{committee}述职，汇报全年提案、社情民意、调研视察、为民办事等履职情况。", "")
    raise ValueError(t)
