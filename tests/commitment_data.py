"""Small hand-made data for the commitment tests (core and GUI)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass
class World:
    stations: dict[str, str]  # name -> uuid
    members: dict[str, str]
    groups: dict[str, str]  # activity groups and branches by name
    records: dict[str, str]  # duty record title -> uuid


def make_world(db) -> World:
    """Two stations, four members (one with a rare character), an activity group with
    two members, a sector party branch with one, and a few duty records."""
    from zxdesk.core.storage.models import DutyRecord, GroupMember, Member, OrgGroup, Station

    with db.write() as w:
        s = w.session
        stations = {n: Station(name=n, township=n[:3]) for n in ("向阳镇委员工作站", "红旗街道委员工作室")}
        s.add_all(stations.values())
        s.flush()
        st = [x.uuid for x in stations.values()]
        members = {
            "张三": Member(name="张三", name_pinyin="zhangsan", name_initials="zs", station_uuid=st[0], unit="向阳镇中心校"),
            "李䶮": Member(name="李䶮", name_pinyin="liyan", station_uuid=st[0], unit="县医院"),
            "王喆": Member(name="王喆", name_pinyin="wangzhe", station_uuid=st[1], unit="红旗社区"),
            "赵赟": Member(name="赵赟", name_pinyin="zhaoyun", station_uuid=st[1], unit="农机合作社"),
        }
        s.add_all(members.values())
        s.flush()
        groups = {
            "教育界活动组": OrgGroup(kind="group", name="教育界活动组", station_uuid=st[0]),
            "民盟界别党支部": OrgGroup(kind="branch", name="民盟界别党支部", station_uuid=st[1]),
        }
        s.add_all(groups.values())
        s.flush()
        for g, m in (("教育界活动组", "张三"), ("教育界活动组", "李䶮"), ("民盟界别党支部", "王喆")):
            s.add(GroupMember(group_uuid=groups[g].uuid, member_uuid=members[m].uuid))
        records = {
            "走访留守儿童": DutyRecord(member_uuid=members["张三"].uuid, duty_type="deed",
                                 occurred_on=dt.date(2023, 3, 5), title="走访留守儿童"),
            "关于乡村教师待遇的提案": DutyRecord(member_uuid=members["李䶮"].uuid, duty_type="proposal",
                                      occurred_on=dt.date(2023, 4, 1), title="关于乡村教师待遇的提案"),
            "去年的调研": DutyRecord(member_uuid=members["张三"].uuid, duty_type="research",
                                occurred_on=dt.date(2022, 5, 1), title="去年的调研"),
        }
        s.add_all(records.values())
        s.flush()
        return World({k: v.uuid for k, v in stations.items()}, {k: v.uuid for k, v in members.items()},
                     {k: v.uuid for k, v in groups.items()}, {k: v.uuid for k, v in records.items()})


def add_commitment(db, world: World, owner: str, period: str = "2023H1", status: str = "not_started",
                   deeds=(), category: str = "为民办实事", content: str | None = None, reason: str = "",
                   station: str | None = None) -> str:
    from zxdesk.core.services.commitments import CommitmentInput, DeedInput, create_commitment

    if owner in world.members:
        owner_type, owner_uuid = "member", world.members[owner]
    else:
        owner_type, owner_uuid = ("group" if owner.endswith("活动组") else "branch"), world.groups[owner]
    station_uuid = world.stations[station] if station else next(iter(world.stations.values()))
    return create_commitment(db, CommitmentInput(
        period=period, owner_type=owner_type, owner_uuid=owner_uuid, content=content or f"{owner}的承诺",
        category=category, station_uuid=station_uuid, status=status, reason=reason,
        deeds=[DeedInput(*d) for d in deeds]))
