"""Mediation cases (警调联动), the monthly duty rota and station check-ins."""

from __future__ import annotations

import datetime as dt

from ..domain import vocab
from ..storage.models import DutyRecord, MediationCase, MediationMediator, RotaEntry, StationCheckin
from . import phrases as ph
from .context import AS_OF, START, YEARS, Demo
from .meetings import weekday
from .names import NameMaker

OUTCOME_TEXT = {
    "success": "双方达成调解协议并当场履行",
    "failed": "双方分歧较大，未能达成协议，已告知通过诉讼途径解决",
    "transferred": "已转交有关部门依法处理",
    "": "调解正在进行中",
}
DUTY_OUTCOME = {"success": "调解成功", "failed": "未成功", "transferred": "转办", "": ""}
MEDIATION_POINTS = float(vocab.DEFAULT_POINTS["mediation"])


def build_mediation(demo: Demo) -> None:
    """Cases at police stations, justice offices and stations; mediators log a duty record."""
    rng = demo.rng("mediation")
    names = NameMaker(demo.rng("mediation-names"))
    members = demo.members
    kinds = [d[0] for d in ph.DISPUTES]
    kind_w = [d[1] for d in ph.DISPUTES]
    causes = {d[0]: d[2] for d in ph.DISPUTES}
    first, last = START.toordinal(), AS_OF.toordinal()
    cases, mediators, records = [], [], []
    for _ in range(demo.scale.mediations):
        station = demo.stations[rng.randrange(len(demo.stations))]
        opened = weekday(rng.randint(first, last), first, last)
        dispute = rng.choices(kinds, kind_w)[0]
        outcome = rng.choices(("success", "failed", "transferred"), (78, 10, 12))[0]
        closed = opened + rng.randint(0, 30)
        if closed > last:
            closed, outcome = None, ""
        place_roll = rng.random()
        if place_roll < 0.6:
            place = f"{station.township}派出所警调联动调解室"
        elif place_roll < 0.85:
            place = f"{station.township}司法所"
        else:
            place = station.name
        pool = [i for i in station.members if members[i].active(opened)]
        if not pool:
            pool = [i for i, m in enumerate(members) if m.active(opened)][:50]
        chosen = rng.sample(pool, min(len(pool), rng.choices((1, 2), (60, 40))[0]))
        who = "、".join(members[i].name for i in chosen)
        summary = f"双方当事人{causes[dispute]}，{who}委员到场调解，{OUTCOME_TEXT[outcome]}。"
        uuid = demo.uid(rng)
        cases.append({
            "uuid": uuid, "station_uuid": station.uuid, "parties": f"{names.resident()}\n{names.resident()}",
            "dispute_type": dispute, "place": place, "summary": summary, "outcome": outcome,
            "opened_on": demo.date(opened), "closed_on": None if closed is None else demo.date(closed),
            "deleted": False,
        })
        for i in chosen:
            mediators.append({"uuid": demo.uid(rng), "case_uuid": uuid, "member_uuid": members[i].uuid, "deleted": False})
            records.append({
                "uuid": demo.uid(rng), "member_uuid": members[i].uuid, "duty_type": "mediation",
                "occurred_on": demo.date(opened if closed is None else closed), "title": f"参与调解{dispute}",
                "description": summary, "outcome": DUTY_OUTCOME[outcome], "points": MEDIATION_POINTS,
                "station_uuid": station.uuid, "source_uuid": uuid, "deleted": False,
            })
    demo.insert(MediationCase, cases)
    demo.insert(MediationMediator, mediators)
    demo.insert(DutyRecord, records)


def build_rota(demo: Demo) -> None:
    """一月一轮值: a few duty days a month at each station, some at the police station."""
    rng = demo.rng("rota")
    members = demo.members
    rows = []
    for st, station in enumerate(demo.stations):
        for year in YEARS:
            for month in range(1, 13):
                first = dt.date(year, month, 1).toordinal()
                last = (dt.date(year + month // 12, month % 12 + 1, 1)).toordinal() - 1
                days = sorted({weekday(rng.randint(first, last), first, last) for _ in range(rng.randint(2, 4))})
                for day in days:
                    pool = [i for i in station.members if members[i].active(day)]
                    if not pool:
                        continue
                    police = rng.random() < 0.15
                    rows.append({
                        "uuid": demo.uid(rng), "duty_on": demo.date(day), "member_uuid": members[rng.choice(pool)].uuid,
                        "station_uuid": None if police else station.uuid,
                        "place": f"{station.township}派出所警调联动调解室" if police else station.name,
                        "deleted": False,
                    })
        if st % 20 == 0:
            demo.within(st / len(demo.stations) * 0.5)
    demo.insert(RotaEntry, rows)
    build_checkins(demo)


def build_checkins(demo: Demo) -> None:
    """进站报到: members of all four levels report at their station, then once a year."""
    rng = demo.rng("checkins")
    rows = []
    as_of = AS_OF.toordinal()
    for m in demo.members:
        station = demo.stations[m.station]
        day = m.start + rng.randint(0, 45)
        if day <= m.end:
            note = "新任委员进站报到" if m.start > START.toordinal() else "进站报到"
            rows.append(_checkin(demo, rng, station.uuid, m.uuid, day, note))
        for year in YEARS[1:]:
            day = weekday(dt.date(year, rng.randint(1, 3), rng.randint(1, 28)).toordinal(), 0, as_of)
            if m.active(day) and day > m.start + 45:
                rows.append(_checkin(demo, rng, station.uuid, m.uuid, day, "年度进站报到"))
        if m.level != "县" and rng.random() < 0.5:
            other = demo.stations[rng.randrange(len(demo.stations))]
            day = rng.randint(m.start, m.end)
            rows.append(_checkin(demo, rng, other.uuid, m.uuid, day, f"{'全国' if m.level == '国家' else m.level}政协委员到站报到并开展活动"))
    demo.insert(StationCheckin, rows)


def _checkin(demo: Demo, rng, station: str, member: str, day: int, note: str) -> dict:
    return {"uuid": demo.uid(rng), "station_uuid": station, "member_uuid": member,
            "checked_in_on": demo.date(day), "note": note, "deleted": False}
