"""Work stations with the 六有 checklist, check-ins and sectors (real SQLite)."""

import datetime as dt

import pytest
from sqlalchemy import select

from zxdesk.core.domain.vocab import SECTORS
from zxdesk.core.errors import NotFoundError, ValidationError
from zxdesk.core.services import base_data as bd
from zxdesk.core.services import trash
from zxdesk.core.storage.database import open_database
from zxdesk.core.storage.models import ChangeLog, Member, Sector, Station


def _member(db, name="张三", **kw):
    with db.write() as w:
        m = Member(name=name, **kw)
        w.session.add(m)
    return m.uuid


def test_station_name_is_required_and_unique(db):
    with pytest.raises(ValidationError) as err:
        bd.save_station(db, bd.StationData(name="  "))
    assert "名称不能为空" in err.value.zh and "required" in err.value.en
    first = bd.save_station(db, bd.StationData(name=" 东风镇委员工作站 ", township="东风镇"))
    assert first.name == "东风镇委员工作站" and first.uuid
    with pytest.raises(ValidationError) as err:
        bd.save_station(db, bd.StationData(name="东风镇委员工作站"))
    assert "已有名为" in err.value.zh
    # Saving the same station under its own name is fine; a trashed station frees its name.
    bd.save_station(db, bd.StationData(name="东风镇委员工作站", address="人民路1号", uuid=first.uuid))
    bd.delete_station(db, first.uuid)
    assert bd.list_stations(db) == []
    assert [i.label for i in trash.list_trash(db, "station")] == ["东风镇委员工作站"]
    again = bd.save_station(db, bd.StationData(name="东风镇委员工作站"))
    assert again.uuid != first.uuid
    with db.read() as s:
        assert s.execute(select(Station.deleted).where(Station.uuid == first.uuid)).scalar_one() is True


def test_bad_kind_and_future_founding_are_refused(db):
    with pytest.raises(ValidationError):
        bd.save_station(db, bd.StationData(name="甲", kind="办公室"))
    with pytest.raises(ValidationError):
        bd.save_station(db, bd.StationData(name="甲", founded_on=dt.date.today() + dt.timedelta(days=1)))
    with pytest.raises(ValidationError):
        bd.save_station(db, bd.StationData(name="甲" * 101))
    assert bd.list_stations(db) == []


def test_checklist_count_and_change_log(db):
    s = bd.save_station(db, bd.StationData(name="西林社区委员工作室", kind="工作室"))
    assert s.checklist_label == "六有 0/6" and len(s.missing) == 6
    edited = bd.save_station(db, bd.StationData(
        name=s.name, kind="工作室", uuid=s.uuid, has_staff=True, has_premises=True, has_sign=True, has_rules=True,
    ))
    assert edited.checklist_count == 4 and edited.checklist_label == "六有 4/6"
    assert edited.missing == ["履职档案", "考核评价"]
    assert bd.get_station(db, s.uuid).checklist == {
        "has_staff": True, "has_premises": True, "has_sign": True, "has_rules": True,
        "has_archive": False, "has_assessment": False,
    }
    with db.read() as ses:
        fields = ses.execute(
            select(ChangeLog.field, ChangeLog.new_value)
            .where(ChangeLog.record_uuid == s.uuid, ChangeLog.old_value == "false")
        ).all()
    assert sorted(fields) == sorted([("has_staff", "true"), ("has_premises", "true"),
                                     ("has_sign", "true"), ("has_rules", "true")])


def test_checkins_refuse_a_second_on_the_same_day(db):
    station = bd.save_station(db, bd.StationData(name="东风镇委员工作站"))
    member = _member(db)
    day = dt.date(2024, 5, 6)
    row = bd.add_checkin(db, station.uuid, member, day, " 接待群众 ")
    assert (row.member_name, row.note) == ("张三", "接待群众")
    with pytest.raises(ValidationError) as err:
        bd.add_checkin(db, station.uuid, member, day)
    assert "已在本站报到过" in err.value.zh
    bd.add_checkin(db, station.uuid, member, day + dt.timedelta(days=1))
    assert [c.checked_in_on for c in bd.list_checkins(db, station.uuid)] == [day + dt.timedelta(days=1), day]
    assert bd.get_station(db, station.uuid).checkins == 2
    with pytest.raises(ValidationError):
        bd.add_checkin(db, station.uuid, "no-such-member", day)
    with pytest.raises(ValidationError):
        bd.add_checkin(db, station.uuid, member, dt.date.today() + dt.timedelta(days=2))
    with pytest.raises(NotFoundError):
        bd.add_checkin(db, "no-such-station", member, day)
    # A check-in moved to the trash no longer blocks that day.
    bd.delete_checkin(db, row.uuid)
    bd.add_checkin(db, station.uuid, member, day)
    assert len(bd.list_checkins(db, station.uuid)) == 2


def test_sectors_unique_rename_reorder_deactivate(db):
    a = bd.add_sector(db, "教育界")
    b = bd.add_sector(db, "科技界")
    c = bd.add_sector(db, "体育界")
    with pytest.raises(ValidationError):
        bd.add_sector(db, " 教育界 ")
    with pytest.raises(ValidationError):
        bd.rename_sector(db, b.uuid, "教育界")
    with pytest.raises(ValidationError):
        bd.add_sector(db, "")
    bd.rename_sector(db, b.uuid, "科学技术界")
    bd.move_sector(db, c.uuid, -1)
    bd.move_sector(db, a.uuid, +1)
    assert [s.name for s in bd.list_sectors(db)] == ["体育界", "教育界", "科学技术界"]
    assert [s.sort_order for s in bd.list_sectors(db)] == [0, 1, 2]
    bd.set_sector_active(db, a.uuid, False)
    assert [s.name for s in bd.list_sectors(db, include_inactive=False)] == ["体育界", "科学技术界"]
    with pytest.raises(ValidationError) as err:
        bd.add_sector(db, "教育界")
    assert "已停用" in err.value.zh


def test_a_sector_in_use_cannot_be_deleted(db):
    used = bd.add_sector(db, "教育界")
    free = bd.add_sector(db, "体育界")
    _member(db, sector_uuid=used.uuid)
    with pytest.raises(ValidationError):
        bd.delete_sector(db, used.uuid)
    bd.delete_sector(db, free.uuid)
    assert [(s.name, s.members) for s in bd.list_sectors(db)] == [("教育界", 1)]
    with db.read() as s:
        assert s.execute(select(Sector.deleted).where(Sector.uuid == free.uuid)).scalar_one() is True


def test_default_sectors_have_the_same_uuids_everywhere(db, tmp_path):
    other = open_database(tmp_path / "other.sqlite3", create=True)
    try:
        bd.add_sector(db, "教育界")  # already there by name: not added again
        added = bd.add_default_sectors(db)
        assert "教育界" not in added and len(added) == len(SECTORS) - 1
        assert bd.add_default_sectors(db) == []
        assert bd.add_default_sectors(other) == list(SECTORS)
        mine = {s.name: s.uuid for s in bd.list_sectors(db)}
        theirs = {s.name: s.uuid for s in bd.list_sectors(other)}
        for name in added:
            assert mine[name] == theirs[name] == bd.default_sector_uuid(name)
        assert len(set(theirs.values())) == len(SECTORS)
        assert [s.name for s in bd.list_sectors(other)] == list(SECTORS)
        # A default sector sent to the trash comes back with the same uuid, not a copy.
        trash.move_to_trash(other, "sector", [theirs["工会"]])
        assert bd.add_default_sectors(other) == ["工会"]
        assert {s.name: s.uuid for s in bd.list_sectors(other)}["工会"] == theirs["工会"]
    finally:
        other.dispose()
