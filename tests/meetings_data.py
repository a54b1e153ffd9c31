"""Small hand-made data for the meetings area's tests (core and GUI)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zxdesk.core.services.member_lookup import name_pinyin
from zxdesk.core.storage.models import Committee, DutyPoints, Member, Station

NAMES = ("张三", "张三丰", "李四", "王五", "赵䶮", "单田芳")


@dataclass
class Sample:
    committee: str
    stations: dict[str, str]  # name -> uuid
    members: dict[str, str]  # name -> uuid


def make_sample(db, *, points: float | None = None, blank_pinyin: tuple[str, ...] = ()) -> Sample:
    """A committee, two stations, six members (one with an empty pinyin column if asked)."""
    with db.write() as w:
        committee = Committee(code="230100", name="政协测试县委员会")
        w.session.add(committee)
        w.session.flush()
        if points is not None:
            w.session.add(DutyPoints(committee_uuid=committee.uuid, duty_type="consultation", points=points))
            w.session.add(DutyPoints(committee_uuid=committee.uuid, duty_type="mediation", points=points + 1))
        stations = {name: Station(name=name) for name in ("向阳镇委员工作站", "城关镇委员工作站")}
        w.session.add_all(stations.values())
        members = {}
        for name in NAMES:
            full, initials = ("", "") if name in blank_pinyin else name_pinyin(name)
            members[name] = Member(name=name, name_pinyin=full, name_initials=initials, unit=f"{name}的单位")
        w.session.add_all(members.values())
        w.session.flush()
        return Sample(committee.uuid, {k: v.uuid for k, v in stations.items()},
                      {k: v.uuid for k, v in members.items()})


def at(day: str, time: str = "09:30") -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{time}")
