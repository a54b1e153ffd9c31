"""Small hand-made data for the printing tests and benchmark (the demo generator is
written elsewhere). Names include the rare characters 䶮, 喆 and 赟; every member has a
full phone number and ID number, which no public document may show."""

from __future__ import annotations

import datetime as dt
import io
import json
import random

from zxdesk.core.domain.vocab import DEFAULT_INDICATORS, DEFAULT_POINTS
from zxdesk.core.services.attachments import store_bytes
from zxdesk.core.storage.models import (
    AssessmentIndicator, AssessmentResult, BoardSettings, Committee, Commitment, CommitmentDeed, DutyPoints,
    DutyRecord, FollowUp, GroupMember, MediationCase, MediationMediator, Meeting, MeetingAttendee, Member,
    OrgGroup, Resolution, Sector, Station,
)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰海燕玲辉鑫斌宇浩凯健俊帆帅旭宁彬"
RARE_NAMES = ("刘䶮", "张喆", "王赟", "欧阳䶮喆")
SECTORS = ("教育界", "医药卫生界", "经济界", "农业和农村界", "民盟", "九三学社")
ROLES = ("委员",) * 8 + ("常委",) * 2
SUPERVISION_PHONE = "0454-2223344"
RESIDENT_PARTIES = ("贾宝玉", "林黛玉", "薛宝钗", "欧阳锋")
RESIDENTS_AT_MEETING = ("史湘云", "王熙凤")


def photo_bytes(rng: random.Random, fmt: str = "JPEG") -> bytes:
    """A small portrait (120×160) of flat colours: enough to exercise image embedding."""
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (120, 160), (rng.randint(180, 235), rng.randint(190, 235), rng.randint(200, 240)))
    d = ImageDraw.Draw(img)
    tone = (rng.randint(60, 110), rng.randint(50, 90), rng.randint(40, 80))
    d.ellipse((35, 25, 85, 85), fill=(235, 205, 180))
    d.rectangle((20, 100, 100, 160), fill=tone)
    buf = io.BytesIO()
    img.save(buf, fmt, quality=85)
    return buf.getvalue()


def fake_id(rng: random.Random) -> str:
    body = f"{rng.randint(110000, 659000)}{rng.randint(1950, 1995)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(100, 999)}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(a) * b for a, b in zip(body, weights)) % 11]
    return body + check


def build(db, *, members: int = 24, seed: int = 7, photos: bool = True, year: int = 2023,
          station_name: str = "新华镇委员工作站") -> dict:
    """Fill ``db``; returns uuids and the private values the privacy tests look for."""
    rng = random.Random(seed)
    out: dict = {"phones": [], "ids": [], "parties": list(RESIDENT_PARTIES), "residents": list(RESIDENTS_AT_MEETING)}
    photo_shas = [store_bytes(db, photo_bytes(rng, "JPEG" if i % 3 else "PNG")) for i in range(members)] if photos else []
    with db.write() as w:
        s = w.session
        committee = Committee(code="230300", name="政协鸡西市鸡冠区委员会", supervision_phone=SUPERVISION_PHONE)
        s.add(committee)
        s.flush()
        s.add(BoardSettings(committee_uuid=committee.uuid, committee_name=committee.name,
                            supervision_phone=SUPERVISION_PHONE, seal_text="政协鸡冠区委员会（章）",
                            footer="政协鸡冠区委员会办公室制", objection_contact="区政协委员工作室 0454-2223355"))
        sectors = [Sector(name=n, sort_order=i) for i, n in enumerate(SECTORS)]
        stations = [Station(name=station_name, township="新华镇"), Station(name="红星乡委员工作室", township="红星乡")]
        s.add_all(sectors + stations)
        s.flush()
        for ind in DEFAULT_INDICATORS:
            s.add(AssessmentIndicator(committee_uuid=committee.uuid, code=ind["code"], label=ind["label"],
                                      duty_types=json.dumps(ind["duty_types"]), outcomes=json.dumps(ind["outcomes"]),
                                      min_count=ind["min_count"], kind=ind["kind"]))
        for t, p in DEFAULT_POINTS.items():
            s.add(DutyPoints(committee_uuid=committee.uuid, duty_type=t, points=p))
        member_rows = []
        for i in range(members):
            name = RARE_NAMES[i] if i < len(RARE_NAMES) else rng.choice(SURNAMES) + "".join(
                rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
            phone = f"13{rng.randint(0, 9)}{rng.randint(10000000, 99999999)}"
            idn = fake_id(rng)
            out["phones"].append(phone)
            out["ids"].append(idn)
            member_rows.append(Member(
                name=name, name_pinyin=f"m{i:04d}", gender=rng.choice("男女"), sector_uuid=sectors[i % len(sectors)].uuid,
                station_uuid=stations[0].uuid if i % 4 else stations[1].uuid, unit=f"鸡冠区第{i % 9 + 1}中学",
                title=rng.choice(("校长", "教师", "主任医师", "总经理", "")), phone=phone, id_number=idn,
                role=ROLES[i % len(ROLES)], photo_sha256=photo_shas[i] if photos else ""))
        s.add_all(member_rows)
        s.flush()
        out["members"] = [m.uuid for m in member_rows]
        out["names"] = [m.name for m in member_rows]
        group = OrgGroup(kind="group", name="教育界委员活动组", sector_uuid=sectors[0].uuid, station_uuid=stations[0].uuid)
        s.add(group)
        s.flush()
        for m in member_rows[::3]:
            s.add(GroupMember(group_uuid=group.uuid, member_uuid=m.uuid))
        titles = {
            "proposal": ("关于加强农村义务教育阶段学校建设的提案", "立案"),
            "sentiment": ("关于老旧小区加装电梯的社情民意信息", "采用"),
            "research": ("全区养老服务设施建设情况调研", "形成报告"),
            "inspection": ("视察城区背街小巷改造工程", "形成报告"),
            "deed": ("为新华村争取路灯20盏", "已办结"),
            "reading": ("读《乡土中国》", ""),
            "consultation": ("参加“停车难”协商议事会", ""),
            "mediation": (f"调解{RESIDENT_PARTIES[0]}与{RESIDENT_PARTIES[1]}宅基地纠纷（电话13800001111）", "调解成功"),
            "duty_report": ("向教科卫体委员会述职", ""),
        }
        records = []
        for i, m in enumerate(member_rows):
            for t, (title, outcome) in titles.items():
                if (i + len(t)) % 3 == 0 and i % 7 != 6:
                    continue
                for k in range(1 + (i + len(t)) % 2):
                    day = dt.date(year, 1 + (i + k * 5) % 12, 1 + (i * 3) % 27)
                    records.append(DutyRecord(member_uuid=m.uuid, duty_type=t, occurred_on=day, title=title,
                                              outcome=outcome, points=DEFAULT_POINTS.get(t, 1),
                                              station_uuid=m.station_uuid))
        s.add_all(records)
        for i, m in enumerate(member_rows[: max(3, members // 3)]):
            s.add(AssessmentResult(year=year, member_uuid=m.uuid, met="{}", points=0, passed=True,
                                   review_result="优秀" if i < 3 else "合格", selected=i < 3,
                                   selection_reason="积极履职，提交提案3件，为群众办实事5件，群众评价好。" if i < 3 else ""))
        meeting = Meeting(topic="新华镇老旧小区停车难问题协商议事会", starts_at=dt.datetime(year, 5, 18, 9, 0),
                          station_uuid=stations[0].uuid, place="新华镇委员工作站同心圆协商议事厅",
                          host=member_rows[1].name, residents_count=12,
                          residents_names="、".join(RESIDENTS_AT_MEETING),
                          agenda="一、通报小区停车现状\n二、委员和居民代表发言\n三、形成协商意见",
                          minutes_briefing=f"镇政府通报了辖区停车位缺口约300个。居民{RESIDENTS_AT_MEETING[0]}反映夜间停车困难。",
                          minutes_opinions="委员建议利用闲置空地建设临时停车场，错时开放机关单位停车场。",
                          minutes_consensus="由镇政府牵头，三个月内完成临时停车场选址。")
        s.add(meeting)
        s.flush()
        out["meeting"] = meeting.uuid
        for m in member_rows[:8]:
            s.add(MeetingAttendee(meeting_uuid=meeting.uuid, member_uuid=m.uuid))
        res = Resolution(meeting_uuid=meeting.uuid, seq=1, text="建设临时停车场一处，新增车位80个")
        s.add(res)
        s.flush()
        s.add(FollowUp(meeting_uuid=meeting.uuid, resolution_uuid=res.uuid, title="临时停车场选址建设",
                       responsible_unit="新华镇人民政府", due_on=dt.date(year, 8, 31), status="done",
                       result="已建成，新增车位86个", closed_on=dt.date(year, 8, 20)))
        s.add(FollowUp(meeting_uuid=meeting.uuid, title="机关单位停车场错时开放", responsible_unit="区机关事务中心",
                       due_on=dt.date(year, 9, 30), status="doing"))
        case = MediationCase(station_uuid=stations[0].uuid, parties="\n".join(RESIDENT_PARTIES[:2]),
                             dispute_type="宅基地纠纷", summary="邻里宅基地边界纠纷", outcome="success",
                             opened_on=dt.date(year, 3, 2), closed_on=dt.date(year, 3, 20))
        case2 = MediationCase(station_uuid=stations[1].uuid, parties="、".join(RESIDENT_PARTIES[2:]),
                              dispute_type="合同纠纷", outcome="success", opened_on=dt.date(year, 4, 2))
        s.add_all([case, case2])
        s.flush()
        s.add(MediationMediator(case_uuid=case.uuid, member_uuid=member_rows[0].uuid))
        for half in ("H1", "H2"):
            for i, m in enumerate(member_rows[:10]):
                c = Commitment(period=f"{year}{half}", owner_type="member", owner_uuid=m.uuid,
                               station_uuid=m.station_uuid, category="为民办实事",
                               content=f"为辖区群众办实事{i + 1}件，重点解决{rng.choice(('出行难', '就医难', '停车难', '上学难'))}问题",
                               published_on=dt.date(year, 1 if half == "H1" else 7, 10),
                               status=("fulfilled", "in_progress", "unfulfilled", "not_started")[i % 4],
                               reason="资金未落实" if i % 4 == 2 else "", review_result="合格" if i % 4 == 0 else "")
                s.add(c)
                s.flush()
                s.add(CommitmentDeed(commitment_uuid=c.uuid, text="走访困难群众10户",
                                     target_on=dt.date(year, 6 if half == "H1" else 12, 30),
                                     done_on=dt.date(year, 5, 1) if i % 4 == 0 else None))
            gc = Commitment(period=f"{year}{half}", owner_type="group", owner_uuid=group.uuid,
                            station_uuid=stations[0].uuid, content="开展送医下乡活动4次", status="in_progress")
            s.add(gc)
    out["station"] = station_name
    return out
