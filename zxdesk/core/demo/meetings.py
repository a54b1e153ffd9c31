"""Meetings (协商议事 and the other four kinds), their resolutions and follow-ups.

Attending a 协商议事 meeting is a duty record of type ``consultation``: one per attendee,
dated on the meeting day, with ``source_uuid`` pointing at the meeting.
"""

from __future__ import annotations

import datetime as dt
import random

from ..domain import vocab
from ..storage.models import DutyRecord, FollowUp, Meeting, MeetingAttendee, Resolution
from . import phrases as ph
from .context import AS_OF, START, TWENTIETH_CONGRESS, YEARS, Demo, StationInfo
from .names import NameMaker
from .places import VILLAGE_STEMS

KIND_WEIGHTS = {"协商议事": 35, "学习交流": 15, "调研视察": 18, "宣传宣讲": 17, "咨询服务": 15}
ATTENDEES = {"协商议事": (4, 9), "学习交流": (5, 12), "调研视察": (3, 8), "宣传宣讲": (2, 5), "咨询服务": (2, 6)}
RESIDENTS = {"协商议事": (6, 30), "学习交流": (0, 0), "调研视察": (0, 8), "宣传宣讲": (20, 120), "咨询服务": (30, 180)}
CONSULTATION_POINTS = float(vocab.DEFAULT_POINTS["consultation"])


def weekday(day: int, first: int, last: int) -> int:
    """The working day nearest to day (an ordinal) between first and last."""
    for candidate in (day, day - 1, day + 1, day - 2, day + 2):
        if first <= candidate <= last and dt.date.fromordinal(candidate).weekday() < 5:
            return candidate
    return day


def _plan(demo: Demo, rng: random.Random) -> list[tuple[int, int, str]]:
    """(day, station, kind) for every meeting: each station consults once a quarter, then the rest."""
    n, n_st = demo.scale.meetings, len(demo.stations)
    plan: list[tuple[int, int, str]] = []
    as_of = AS_OF.toordinal()
    for st in range(n_st):
        for year in YEARS:
            for q in range(4):
                first = dt.date(year, 3 * q + 1, 1).toordinal()
                last = (dt.date(year + 1, 1, 1) if q == 3 else dt.date(year, 3 * q + 4, 1)).toordinal() - 1
                plan.append((weekday(rng.randint(first, last), first, min(last, as_of)), st, "协商议事"))
    if len(plan) > n:
        plan = rng.sample(plan, n)
    busy = [rng.uniform(0.5, 1.5) for _ in range(n_st)]
    kinds, kind_w = list(KIND_WEIGHTS), list(KIND_WEIGHTS.values())
    first, last = START.toordinal(), as_of
    for _ in range(n - len(plan)):
        day = weekday(rng.randint(first, last), first, last)
        plan.append((day, rng.choices(range(n_st), busy)[0], rng.choices(kinds, kind_w)[0]))
    plan.sort()
    return plan


def _attendees(demo: Demo, rng: random.Random, station: StationInfo, day: int, kind: str) -> list[int]:
    members = demo.members
    pool = [i for i in station.members if members[i].active(day)]
    lo, hi = ATTENDEES[kind]
    want = rng.randint(lo, hi)
    chosen = rng.sample(pool, min(want, len(pool)))
    # Members of the higher committees join now and then; thin stations borrow members.
    tries = 0
    while (len(chosen) < 2 or rng.random() < 0.2) and tries < 20:
        tries += 1
        other = rng.randrange(len(members))
        if other not in chosen and members[other].active(day):
            chosen.append(other)
            if len(chosen) >= 2:
                break
    return chosen


def _topic(rng: random.Random, kind: str, day: int, x: str, village: str) -> str:
    if kind == "协商议事":
        return rng.choice((f"关于{x}的协商议事会", f"“小板凳”协商议事会：{x}", f"同心圆协商议事：{village}{x}"))
    if kind == "学习交流":
        topics = ph.STUDY_TOPICS + (ph.STUDY_AFTER_20TH if day > TWENTIETH_CONGRESS.toordinal() else ())
        return rng.choice(topics)
    if kind == "调研视察":
        return rng.choice((f"{x}专题调研", f"视察{x}工作"))
    if kind == "宣传宣讲":
        return f"{rng.choice(ph.PUBLICITY)}宣讲{rng.choice(ph.PUBLICITY_PLACES)}"
    return f"{rng.choice(ph.SERVICES)}活动"


def build_meetings(demo: Demo) -> None:
    rng = demo.rng("meetings")
    names = NameMaker(demo.rng("meeting-names"))
    uid = demo.uid
    members = demo.members
    plan = _plan(demo, rng)
    meetings, attendees, resolutions, follow_ups, records = [], [], [], [], []
    as_of = AS_OF.toordinal()
    for n, (day, st, kind) in enumerate(plan):
        station = demo.stations[st]
        x, unit = rng.choice(ph.ISSUES)
        village = f"{station.township}{rng.choice(VILLAGE_STEMS)}村"
        topic = _topic(rng, kind, day, x, village)
        chosen = _attendees(demo, rng, station, day, kind)
        host = chosen[0] if chosen else None
        lo, hi = RESIDENTS[kind]
        residents = rng.randint(lo, hi)
        resident_names = []  # named in the minutes at some small consultations
        if kind == "协商议事" and residents <= 12 and rng.random() < 0.5:
            resident_names = [names.resident() for _ in range(residents)]
        said = [members[i].name for i in chosen[1:4]] or [members[host].name if host is not None else "与会"]
        fill = {"u": unit, "t": f"{station.township}人民政府", "x": x, "n": rng.randint(3, 25),
                "r": resident_names[0] if resident_names else names.resident(), "k": kind, "v": village}
        points = rng.sample(ph.CONSENSUS, rng.randint(1, 3))
        agenda, briefing, opinions, consensus = _minutes(rng, kind, said, points, residents, fill)
        uuid = uid(rng)
        starts = dt.datetime.combine(demo.date(day), dt.time(rng.choice((9, 9, 10, 14, 14, 15)), rng.choice((0, 0, 30))))
        if rng.random() < 0.7:
            place = station.name + rng.choice(ph.MEETING_PLACES)
        else:
            place = f"{village}村民委员会会议室"
        meetings.append({
            "uuid": uuid, "kind": kind, "topic": topic, "starts_at": starts, "station_uuid": station.uuid,
            "place": place,
            "host": members[host].name if host is not None else "", "residents_count": residents,
            "residents_names": "、".join(resident_names),
            "agenda": agenda, "minutes_briefing": briefing, "minutes_opinions": opinions,
            "minutes_consensus": consensus, "deleted": False,
        })
        for i in chosen:
            attendees.append({"uuid": uid(rng), "meeting_uuid": uuid, "member_uuid": members[i].uuid, "deleted": False})
            if kind == "协商议事":
                records.append({
                    "uuid": uid(rng), "member_uuid": members[i].uuid, "duty_type": "consultation",
                    "occurred_on": demo.date(day), "title": topic,
                    "description": f"参加{station.name}组织的协商议事活动，围绕{x}发表意见建议。",
                    "outcome": "", "points": CONSULTATION_POINTS, "station_uuid": station.uuid,
                    "source_uuid": uuid, "deleted": False,
                })
        res_uuids = []
        for k, p in enumerate(points):
            res_uuids.append(uid(rng))
            resolutions.append({"uuid": res_uuids[-1], "meeting_uuid": uuid, "seq": k + 1,
                                "text": p.format(**fill) + "。", "deleted": False})
        for _ in range(rng.choices((1, 2, 3), (45, 35, 20))[0]):
            follow_ups.append(_follow_up(demo, rng, uuid, rng.choice(res_uuids), day, fill, chosen, as_of))
        if n % 500 == 0:
            demo.within(n / len(plan) * 0.8)
    demo.insert(Meeting, meetings)
    demo.insert(MeetingAttendee, attendees)
    demo.insert(Resolution, resolutions)
    demo.insert(FollowUp, follow_ups)
    demo.insert(DutyRecord, records)


AGENDAS = {
    "协商议事": "一、{u}通报{x}有关情况；\n二、委员、群众代表发表意见建议；\n三、围绕{x}协商讨论，形成协商意见；\n四、主持人总结。",
    "调研视察": "一、实地察看{v}{x}情况；\n二、听取{u}情况汇报；\n三、委员座谈交流，提出意见建议。",
    "学习交流": "一、集体学习；\n二、委员结合履职交流学习体会；\n三、主持人总结并部署下一阶段学习任务。",
    "宣传宣讲": "一、委员宣讲有关政策；\n二、现场解答群众提问；\n三、发放宣传资料，收集群众诉求。",
    "咨询服务": "一、委员现场提供咨询服务；\n二、登记群众诉求；\n三、跟踪反馈办理结果。",
}
CONSENSUS_OPENING = {
    "协商议事": "经充分协商，形成以下共识：", "调研视察": "调研组提出以下建议：", "学习交流": "会议明确：",
    "宣传宣讲": "活动结束后明确：", "咨询服务": "活动结束后明确：",
}
NUMERALS = "一二三"


def _minutes(rng, kind, said, points, residents, fill) -> tuple[str, str, str, str]:
    """(agenda, 情况通报, 意见建议, 协商共识) of a meeting."""
    if kind in ("协商议事", "调研视察"):
        briefing = rng.choice(ph.BRIEFINGS).format(**fill)
        templates = rng.sample(ph.OPINIONS[:5], len(said))
        opinions = "".join(t.format(m=m, **fill) for m, t in zip(said, templates, strict=True))
        if kind == "协商议事":
            opinions += rng.choice(ph.OPINIONS[5:]).format(**fill)
    elif kind == "学习交流":
        briefing = f"会议组织委员集体学习，并结合{fill['x']}等履职实践交流体会。"
        opinions = "".join(f"{m}委员结合本职工作谈了学习体会。" for m in said)
    else:
        briefing = f"委员现场接待群众{residents}人次，解答咨询{fill['n']}个，发放宣传资料{residents * 2}份。"
        opinions = f"群众代表{fill['r']}反映了{fill['v']}{fill['x']}方面的问题，委员现场作了解答。"
    consensus = CONSENSUS_OPENING[kind] + "；".join(
        f"{NUMERALS[k]}是{p.format(**fill)}" for k, p in enumerate(points)) + "。"
    return AGENDAS[kind].format(**fill), briefing, opinions, consensus


def _follow_up(demo, rng, meeting, resolution, day, fill, chosen, as_of) -> dict:
    conflict = rng.random() < 0.35
    if conflict:
        title = fill["v"] + rng.choice(ph.CONFLICTS)
        unit = rng.choice(ph.CONFLICT_UNITS).format(t=fill["t"].removesuffix("人民政府"))
    else:
        problem, unit = rng.choice(ph.PROBLEMS)
        title = fill["v"] + problem
        if rng.random() < 0.5:
            unit = fill["t"]
    due = day + rng.randint(15, 90)
    r = rng.random()
    if due <= as_of:  # due already: mostly closed, some overdue
        status = "done" if r < 0.78 else "failed" if r < 0.84 else "doing" if r < 0.93 else "todo"
    else:
        status = "done" if r < 0.25 else "doing" if r < 0.7 else "todo"
    closed = None
    result = reason = ""
    if status == "done":
        closed = demo.date(min(as_of, day + rng.randint(5, due - day + 20)))
        result = rng.choice(ph.CONFLICT_RESULTS if conflict else ph.PROBLEM_RESULTS).format(u=unit)
    elif status == "failed":
        reason = rng.choice(ph.FAILED_REASONS)
    member = demo.members[rng.choice(chosen)].uuid if chosen and rng.random() < 0.7 else None
    return {
        "uuid": demo.uid(rng), "meeting_uuid": meeting, "resolution_uuid": resolution, "title": title,
        "category": "conflict" if conflict else "problem", "responsible_unit": unit,
        "responsible_member_uuid": member, "due_on": demo.date(due), "status": status,
        "reason": reason, "result": result, "closed_on": closed, "deleted": False,
    }
