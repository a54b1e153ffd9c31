"""Saving meetings: validation, attendees, resolutions, and attendance duty records in step."""

import pytest
from sqlalchemy import func, select

from tests.meetings_data import at, make_sample
from zxdesk.core.errors import NotFoundError, ValidationError
from zxdesk.core.services import meetings
from zxdesk.core.services.meetings import MeetingInput, ResolutionInput
from zxdesk.core.storage.models import ChangeLog, DutyRecord, Meeting, MeetingAttendee, Resolution


def duty_rows(db, meeting_uuid):
    with db.read() as s:
        return s.execute(select(DutyRecord).where(DutyRecord.source_uuid == meeting_uuid)
                         .order_by(DutyRecord.member_uuid)).scalars().all()


def live(rows):
    return {r.member_uuid: r for r in rows if not r.deleted}


def new_meeting(sample, **kw):
    data = dict(topic="老旧小区停车难问题协商", starts_at=at("2024-03-05"), kind="协商议事",
                station_uuid=sample.stations["向阳镇委员工作站"], place="向阳镇同心圆协商议事厅", host="王主任",
                attendee_uuids=[sample.members["张三"], sample.members["李四"]], residents_count=3,
                residents_names="刘大妈\n陈师傅", agenda="一、通报情况\n二、协商", minutes_briefing="车位缺口 120 个",
                minutes_opinions="建议错时停车", minutes_consensus="同意划线",
                resolutions=[ResolutionInput("在小区东侧划定临时停车位"), ResolutionInput("与机关大院错时共享车位")])
    data.update(kw)
    return MeetingInput(**data)


def test_save_and_open_round_trip(db):
    sample = make_sample(db)
    uuid = meetings.save_meeting(db, new_meeting(sample))
    m = meetings.get_meeting(db, uuid)
    assert (m.topic, m.kind, m.starts_at, m.place, m.host) == (
        "老旧小区停车难问题协商", "协商议事", at("2024-03-05"), "向阳镇同心圆协商议事厅", "王主任")
    assert m.station_name == "向阳镇委员工作站"
    assert sorted(a.name for a in m.attendees) == ["张三", "李四"]
    assert (m.residents_count, m.residents_names) == (3, "刘大妈\n陈师傅")
    assert (m.minutes_briefing, m.minutes_opinions, m.minutes_consensus) == ("车位缺口 120 个", "建议错时停车", "同意划线")
    assert [(r.seq, r.text) for r in m.resolutions] == [(1, "在小区东侧划定临时停车位"), (2, "与机关大院错时共享车位")]
    assert m.as_input().attendee_uuids == [a.uuid for a in m.attendees]


@pytest.mark.parametrize("change, message", [
    ({"topic": "  "}, "议题"),
    ({"kind": ""}, "会议类型"),
    ({"topic": "议" * 201}, "议题过长"),
    ({"residents_count": -1}, "负数"),
    ({"residents_count": 1}, "多于参会群众人数"),
    ({"station_uuid": "no-such-station"}, "工作站"),
    ({"attendee_uuids": ["no-such-member"]}, "参会委员"),
])
def test_bad_input_is_refused_and_changes_nothing(db, change, message):
    sample = make_sample(db)
    with db.read() as s:
        before = s.execute(select(func.count()).select_from(ChangeLog)).scalar_one()
    with pytest.raises(ValidationError) as err:
        meetings.save_meeting(db, new_meeting(sample, **change))
    assert message in err.value.zh
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(ChangeLog)).scalar_one() == before
        assert s.execute(select(func.count()).select_from(Meeting)).scalar_one() == 0


def test_attendance_writes_duty_records_with_committee_points(db):
    sample = make_sample(db, points=2.5)
    uuid = meetings.save_meeting(db, new_meeting(sample))
    rows = live(duty_rows(db, uuid))
    assert set(rows) == {sample.members["张三"], sample.members["李四"]}
    for r in rows.values():
        assert r.duty_type == "consultation"
        assert str(r.occurred_on) == "2024-03-05"
        assert r.points == 2.5
        assert "老旧小区停车难问题协商" in r.title
        assert r.station_uuid == sample.stations["向阳镇委员工作站"]


def test_default_points_without_committee_rules(db):
    sample = make_sample(db)
    uuid = meetings.save_meeting(db, new_meeting(sample))
    assert {r.points for r in duty_rows(db, uuid)} == {2.0}  # vocab.DEFAULT_POINTS["consultation"]


def test_records_follow_attendee_changes_without_duplicates(db):
    sample = make_sample(db)
    zs, ls, ww = sample.members["张三"], sample.members["李四"], sample.members["王五"]
    uuid = meetings.save_meeting(db, new_meeting(sample))
    first = {r.member_uuid: r.uuid for r in duty_rows(db, uuid)}

    data = meetings.get_meeting(db, uuid).as_input()
    data.attendee_uuids = [zs, ww]  # 李四 leaves, 王五 joins
    meetings.save_meeting(db, data)
    rows = duty_rows(db, uuid)
    assert set(live(rows)) == {zs, ww}
    assert [r.deleted for r in rows if r.member_uuid == ls] == [True]

    data.attendee_uuids = [zs, ww, ls]  # 李四 comes back: restored, not duplicated
    meetings.save_meeting(db, data)
    rows = duty_rows(db, uuid)
    assert len(rows) == 3 and set(live(rows)) == {zs, ww, ls}
    assert {r.member_uuid: r.uuid for r in rows if r.member_uuid in (zs, ls)} == first
    with db.read() as s:
        attendees = s.execute(select(MeetingAttendee).where(MeetingAttendee.meeting_uuid == uuid)).scalars().all()
    assert len(attendees) == 3 and not any(a.deleted for a in attendees)


def test_records_follow_the_meeting_date_and_topic(db):
    sample = make_sample(db)
    uuid = meetings.save_meeting(db, new_meeting(sample))
    data = meetings.get_meeting(db, uuid).as_input()
    data.starts_at = at("2024-04-10", "14:00")
    data.topic = "停车难二次协商"
    data.station_uuid = None
    meetings.save_meeting(db, data)
    for r in live(duty_rows(db, uuid)).values():
        assert str(r.occurred_on) == "2024-04-10"
        assert "停车难二次协商" in r.title
        assert r.station_uuid is None


def test_resaving_unchanged_meeting_logs_nothing(db):
    sample = make_sample(db)
    uuid = meetings.save_meeting(db, new_meeting(sample))
    with db.read() as s:
        before = s.execute(select(func.count()).select_from(ChangeLog)).scalar_one()
    meetings.save_meeting(db, meetings.get_meeting(db, uuid).as_input())
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(ChangeLog)).scalar_one() == before


def test_resolutions_are_edited_reordered_and_tombstoned(db):
    sample = make_sample(db)
    uuid = meetings.save_meeting(db, new_meeting(sample))
    data = meetings.get_meeting(db, uuid).as_input()
    first, second = data.resolutions
    data.resolutions = [ResolutionInput("错时共享车位（修订）", second.uuid), ResolutionInput("新增：设立议事监督员")]
    meetings.save_meeting(db, data)
    m = meetings.get_meeting(db, uuid)
    assert [(r.seq, r.text) for r in m.resolutions] == [(1, "错时共享车位（修订）"), (2, "新增：设立议事监督员")]
    assert m.resolutions[0].uuid == second.uuid
    with db.read() as s:
        assert s.get(Resolution, first.uuid).deleted is True


def test_delete_and_restore_meeting_takes_records_along(db):
    sample = make_sample(db)
    uuid = meetings.save_meeting(db, new_meeting(sample))
    meetings.delete_meetings(db, [uuid])
    assert live(duty_rows(db, uuid)) == {}
    with pytest.raises(NotFoundError):
        meetings.get_meeting(db, uuid)
    meetings.restore_meetings(db, [uuid])
    assert set(live(duty_rows(db, uuid))) == {sample.members["张三"], sample.members["李四"]}
    assert len(duty_rows(db, uuid)) == 2


def test_saving_a_deleted_meeting_is_refused(db):
    sample = make_sample(db)
    uuid = meetings.save_meeting(db, new_meeting(sample))
    data = meetings.get_meeting(db, uuid).as_input()
    meetings.delete_meetings(db, [uuid])
    with pytest.raises(NotFoundError):
        meetings.save_meeting(db, data)


def test_records_made_elsewhere_for_the_meeting_are_adopted(db):
    """Demo data or an import may have written attendance records with other uuids."""
    sample = make_sample(db)
    uuid = meetings.save_meeting(db, new_meeting(sample, attendee_uuids=[]))
    with db.write() as w:
        w.insert_rows(DutyRecord, [{"member_uuid": sample.members["张三"], "duty_type": "consultation",
                                    "occurred_on": at("2024-03-05").date(), "title": "x", "source_uuid": uuid}] * 2)
    data = meetings.get_meeting(db, uuid).as_input()
    data.attendee_uuids = [sample.members["张三"]]
    meetings.save_meeting(db, data)
    rows = duty_rows(db, uuid)
    assert len(rows) == 2 and len(live(rows)) == 1


def test_attachments_saved_with_the_meeting(db, tmp_path):
    from zxdesk.core.services.attachments import list_attachments, stored_path

    sample = make_sample(db)
    photo, sheet = tmp_path / "现场照片.jpg", tmp_path / "签到表.png"
    photo.write_bytes(b"\xff\xd8photo")
    sheet.write_bytes(b"\x89PNGsheet")
    uuid = meetings.save_meeting(db, new_meeting(sample), add_files=[(photo, "照片"), (sheet, "签到表")])
    files = list_attachments(db, uuid)
    assert sorted((a.filename, a.caption, a.mime_type) for a in files) == [
        ("现场照片.jpg", "照片", "image/jpeg"), ("签到表.png", "签到表", "image/png")]
    assert stored_path(db, files[0].sha256).exists()
    data = meetings.get_meeting(db, uuid).as_input()
    meetings.save_meeting(db, data, remove_attachments=[a.uuid for a in files if a.caption == "照片"])
    assert [a.caption for a in list_attachments(db, uuid)] == ["签到表"]
    with pytest.raises(ValidationError, match="找不到文件"):  # a missing file refuses the whole save
        data.topic = "改了议题"
        meetings.save_meeting(db, data, add_files=[(tmp_path / "没有.jpg", "照片")])
    assert meetings.get_meeting(db, uuid).topic == "老旧小区停车难问题协商"


def test_only_consultation_meetings_write_attendance_records(db):
    sample = make_sample(db)
    uuid = meetings.save_meeting(db, new_meeting(sample, kind="学习交流"))
    assert live(duty_rows(db, uuid)) == {}
    data = meetings.get_meeting(db, uuid).as_input()
    data.kind = "协商议事"
    meetings.save_meeting(db, data)
    rows = live(duty_rows(db, uuid))
    assert len(rows) == 2
    assert {r.description for r in rows.values()} == {"参加向阳镇委员工作站组织的协商议事活动。"}
    data.kind = "调研视察"  # no longer a consultation: the records leave the ledger
    meetings.save_meeting(db, data)
    assert live(duty_rows(db, uuid)) == {}
    data.kind = "小板凳议事会"  # a committee's own kind counts as consultation
    meetings.save_meeting(db, data)
    assert len(live(duty_rows(db, uuid))) == 2
