"""The merge rules, one scenario each, between a county and two township workstations."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

import syncsupport as sx
from zxdesk.core.storage.models import DutyRecord, Meeting, MeetingAttendee, Member, Station
from zxdesk.core.sync import conflicts, export, fileformat, sites
from zxdesk.core.sync.errors import NotSetUp


class Net:
    """A county with a station and a member in each of two townships, and their workstations."""

    def __init__(self, folder):
        self.county = sx.county(folder)
        self.uuids = {}
        with self.county.write() as w:
            for town in ("东镇", "西镇"):
                station = Station(name=f"{town}工作站", township=town)
                w.session.add(station)
                w.session.flush()
                member = Member(name=f"{town}委员", phone="13900000000", id_number="230381199001011234",
                                station_uuid=station.uuid)
                w.session.add(member)
                w.session.flush()
                self.uuids[town] = (station.uuid, member.uuid)
            # A meeting at 东镇 attended by the 西镇 member: 东镇 sees that member as a reference.
            meeting = Meeting(topic="村道修缮协商", starts_at=dt.datetime(2024, 5, 6, 9), station_uuid=self.uuids["东镇"][0])
            w.session.add(meeting)
            w.session.flush()
            w.session.add(MeetingAttendee(meeting_uuid=meeting.uuid, member_uuid=self.uuids["西镇"][1]))
        self.east = sx.workstation(folder, "东镇", self.county)
        self.west = sx.workstation(folder, "西镇", self.county)
        self.roster(self.east)
        self.roster(self.west)

    def town(self, db) -> str:
        return "东镇" if db is self.east else "西镇"

    def roster(self, ws):
        return sx.send(sx.roster(self.county, self.town(ws)), ws)

    def up(self, ws):
        return sx.send(sx.changes(ws), self.county)

    def edit(self, db, town, **values):
        with db.write() as w:
            member = w.session.get(Member, self.uuids[town][1])
            for key, value in values.items():
                setattr(member, key, value)

    def member(self, db, town) -> Member:
        with db.read() as s:
            return s.get(Member, self.uuids[town][1])

    def dispose(self):
        for db in (self.county, self.east, self.west):
            db.dispose()


@pytest.fixture
def net():
    with sx.scratch_dir() as tmp:
        n = Net(sx.Path(tmp))
        yield n
        n.dispose()


def test_different_fields_of_one_record_merge_without_conflict(net):
    net.edit(net.county, "东镇", unit="县教育局")
    net.edit(net.east, "东镇", phone="13711112222")
    assert net.up(net.east).conflicts == 0
    assert net.roster(net.east).conflicts == 0
    for db in (net.county, net.east):
        m = net.member(db, "东镇")
        assert (m.unit, m.phone) == ("县教育局", "13711112222")
        assert conflicts.list_conflicts(db) == []


def test_same_field_concurrently_gives_one_conflict_with_the_same_winner_everywhere(net):
    net.edit(net.county, "东镇", phone="13600000001")
    net.edit(net.east, "东镇", phone="13700000002")
    report = net.up(net.east)
    assert report.conflicts == 1 and report.conflict_ids
    net.roster(net.east)
    net.up(net.east)  # repeats must not add conflicts
    views = {name: conflicts.list_conflicts(db) for name, db in (("county", net.county), ("east", net.east))}
    assert [len(v) for v in views.values()] == [1, 1]
    c_county, c_east = views["county"][0], views["east"][0]
    # The same provisional winner (and so the same value) everywhere; the loser is kept.
    winner = lambda c: c.local if c.winner == "local" else c.incoming  # noqa: E731
    loser = lambda c: c.incoming if c.winner == "local" else c.local  # noqa: E731
    assert winner(c_county).change == winner(c_east).change
    assert {c_county.local.value, c_county.incoming.value} == {"13600000001", "13700000002"}
    assert net.member(net.county, "东镇").phone == net.member(net.east, "东镇").phone == winner(c_county).value
    with net.county.read() as s:
        kept = s.execute(text("SELECT COUNT(*) FROM change_log WHERE site || ':' || seq = :c"),
                         {"c": loser(c_county).change}).scalar_one()
    assert kept == 1
    assert c_county.local.site_name == "县政协" and c_east.local.site_name == "东镇"


def test_same_value_concurrently_is_not_a_conflict(net):
    net.edit(net.county, "东镇", phone="13600000009")
    net.edit(net.east, "东镇", phone="13600000009")
    assert net.up(net.east).conflicts == 0
    assert net.roster(net.east).conflicts == 0


def test_an_edit_made_after_seeing_the_other_is_not_a_conflict_and_wins(net):
    """Three-way: the clock must advance on merge (cr-sqlite's bug)."""
    net.edit(net.east, "东镇", note="东镇写的")
    net.up(net.east)
    net.edit(net.county, "东镇", note="县里改的")
    net.roster(net.east)
    net.edit(net.east, "东镇", note="东镇看过后再改")
    assert net.up(net.east).conflicts == 0
    net.roster(net.west)
    for db in (net.county, net.east):
        assert net.member(db, "东镇").note == "东镇看过后再改"
    assert net.member(net.west, "东镇") is None  # another township's member: not in 西镇's roster
    with net.east.read() as s:
        local = s.execute(text("SELECT lamport FROM site_state")).scalar_one()
        seen = s.execute(text("SELECT MAX(lamport) FROM change_log WHERE site != (SELECT site_id FROM site_state)"))
        assert local > seen.scalar_one()


def test_delete_against_an_unseen_edit_is_a_conflict_and_the_record_is_kept(net):
    net.edit(net.county, "东镇", deleted=True)
    net.edit(net.east, "东镇", phone="13722223333")
    report = net.up(net.east)
    assert report.conflicts == 1
    [c] = conflicts.list_conflicts(net.county)
    assert c.kind == "delete" and c.local.display == "删除此记录" and "13722223333" in c.incoming.display
    m = net.member(net.county, "东镇")
    assert m is not None and m.phone == "13722223333"  # the edit is kept under the tombstone
    net.roster(net.east)
    [c_east] = conflicts.list_conflicts(net.east)
    assert c_east.kind == "delete"
    # The county restores the record: the decision travels and closes the conflict at the workstation.
    conflicts.resolve(net.county, c.id, "incoming")
    assert net.member(net.county, "东镇").deleted is False
    net.roster(net.east)
    assert conflicts.list_conflicts(net.east) == []
    assert net.member(net.east, "东镇").deleted is False
    assert net.up(net.east).conflicts == 0


def test_delete_after_seeing_the_edit_is_not_a_conflict(net):
    net.edit(net.east, "东镇", phone="13722223333")
    net.up(net.east)
    net.edit(net.county, "东镇", deleted=True)
    assert net.roster(net.east).conflicts == 0
    assert net.member(net.east, "东镇").deleted is True  # a tombstone: the row is still there


def test_resolving_travels_and_closes_the_conflict_elsewhere(net):
    net.edit(net.county, "东镇", title="县里写的职务")
    net.edit(net.east, "东镇", title="东镇写的职务")
    net.up(net.east)
    net.roster(net.east)
    assert len(conflicts.list_conflicts(net.east)) == 1
    [c] = conflicts.list_conflicts(net.county)
    take = "local" if c.winner == "incoming" else "incoming"  # take the provisional loser
    chosen = c.local if take == "local" else c.incoming
    view = conflicts.resolve(net.county, c.id, take)
    assert view.status == "resolved" and view.resolution == take
    assert net.member(net.county, "东镇").title == chosen.value
    net.roster(net.east)
    assert net.member(net.east, "东镇").title == chosen.value
    assert conflicts.list_conflicts(net.east) == []
    closed = conflicts.list_conflicts(net.east, include_closed=True)
    assert [x.status for x in closed] == ["superseded"]
    with pytest.raises(Exception, match="已经处理过"):
        conflicts.resolve(net.county, c.id, "local")


def test_a_workstation_cannot_change_another_townships_records(net):
    referenced = net.member(net.east, "西镇")  # 东镇 holds the 西镇 member who came to its meeting ...
    assert referenced.name == "西镇委员" and referenced.phone == "" and referenced.id_number == ""  # ... no personal data
    net.edit(net.east, "西镇", note="东镇擅自修改")
    net.edit(net.east, "东镇", note="本乡镇的修改")
    report = net.up(net.east)
    assert report.refused == 1 and report.applied > 0
    assert any("拒收" in w for w in report.warnings)
    assert net.member(net.county, "西镇").note == ""
    assert net.member(net.county, "东镇").note == "本乡镇的修改"
    back = net.roster(net.east)
    assert any("撤回" in w for w in back.warnings)
    assert net.member(net.east, "西镇").note == ""  # taken back at the workstation too
    net.roster(net.west)
    assert net.member(net.west, "西镇").note == ""


def test_a_record_created_in_another_township_is_refused_and_removed(net):
    west_station = net.uuids["西镇"][0]  # 东镇 knows it: the 西镇 member it references belongs to it
    with net.east.read() as s:
        assert s.get(Station, west_station).township == "西镇"
    with net.east.write() as w:
        record = DutyRecord(member_uuid=net.uuids["东镇"][1], duty_type="deed", occurred_on=dt.date(2024, 3, 1),
                            title="在西镇办的实事", station_uuid=west_station)
        w.session.add(record)
    report = net.up(net.east)
    assert report.refused == len(sx.synced_fields("duty_record"))
    with net.county.read() as s:
        assert s.get(DutyRecord, record.uuid) is None
    net.roster(net.east)
    with net.east.read() as s:
        assert s.get(DutyRecord, record.uuid) is None


def test_new_records_of_the_own_township_are_accepted(net):
    east_station, east_member = net.uuids["东镇"]
    with net.east.write() as w:
        w.session.add(DutyRecord(member_uuid=east_member, duty_type="reading", occurred_on=dt.date(2024, 4, 2),
                                 title="读《乡土中国》", station_uuid=east_station))
        w.session.add(Member(name="王五", station_uuid=east_station, phone="13800000000"))
    report = net.up(net.east)
    assert report.refused == 0
    with net.county.read() as s:
        assert s.execute(select(Member).where(Member.name == "王五")).scalar_one().phone == "13800000000"


def test_a_lost_stick_loses_nothing(net):
    net.edit(net.east, "东镇", note="第一次")
    sx.changes(net.east)  # written to a stick that is lost
    net.edit(net.east, "东镇", unit="第二次")
    net.up(net.east)
    m = net.member(net.county, "东镇")
    assert (m.note, m.unit) == ("第一次", "第二次")


def test_personal_data_is_encrypted_and_absent_from_manifest_and_name(net):
    net.edit(net.east, "东镇", phone="13755556666", id_number="230381198807070011", birth="1988-07")
    data = sx.changes(net.east)
    box = fileformat.unpack(data)
    for secret in ("13755556666", "230381198807070011", "1988-07", "13900000000", "230381199001011234"):
        assert secret.encode() not in box.payload
        assert secret.encode() not in box.manifest_bytes
    assert "$enc" in box.payload.decode()
    name = export.suggested_name(net.east)
    assert name.endswith(".zxsync") and "东镇" in name and "1375" not in name
    net.up(net.east)
    assert net.member(net.county, "东镇").id_number == "230381198807070011"
    roster = fileformat.unpack(sx.roster(net.county, "西镇"))
    assert b"230381198807070011" not in roster.payload


def test_a_workstation_without_a_roster_cannot_export(net, tmp_path):
    lonely = sx.workstation(tmp_path, "南镇")
    with pytest.raises(NotSetUp):
        sx.changes(lonely)
    lonely.dispose()


def test_tombstones_and_identity_travel(net):
    net.edit(net.east, "东镇", deleted=True)
    net.up(net.east)
    with net.county.read() as s:
        m = s.get(Member, net.uuids["东镇"][1])
        assert m.deleted is True
    me = sites.identity(net.county)
    assert me is not None and me.is_county


def test_a_workstation_cannot_resolve_another_townships_conflict(net):
    net.edit(net.county, "西镇", name="西镇委员（县改）")
    net.edit(net.west, "西镇", name="西镇委员（西镇改）")
    net.up(net.west)
    net.roster(net.east)  # 东镇 holds the 西镇 member as a reference, conflict included
    [c] = conflicts.list_conflicts(net.east)
    assert c.can_resolve is False
    with pytest.raises(Exception, match="其他乡镇"):
        conflicts.resolve(net.east, c.id, "local")
    net.roster(net.west)
    [mine] = conflicts.list_conflicts(net.west)
    assert mine.can_resolve is True
    conflicts.resolve(net.west, mine.id, "local")
    net.up(net.west)
    net.roster(net.east)
    assert conflicts.list_conflicts(net.east) == [] and conflicts.list_conflicts(net.county) == []
