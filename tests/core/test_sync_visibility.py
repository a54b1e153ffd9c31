"""Roster files carry what a township may see: its own records, shared reference data,
and references without personal data; moves and lost sticks are caught up."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

import syncsupport as sx
from zxdesk.core.storage.models import ChangeLog, Meeting, MeetingAttendee, Member, Sector, Station
from zxdesk.core.sync import fileformat


@pytest.fixture
def county3():
    with sx.scratch_dir() as tmp:
        folder = sx.Path(tmp)
        county = sx.county(folder)
        ids = {}
        with county.write() as w:
            w.session.add(Sector(name="教育界"))
            for town in ("东镇", "西镇", "南镇"):
                station = Station(name=f"{town}工作站", township=town)
                w.session.add(station)
                w.session.flush()
                member = Member(name=f"{town}委员", phone="13900000000", id_number="230381199001011234",
                                station_uuid=station.uuid)
                w.session.add(member)
                w.session.flush()
                ids[town] = (station.uuid, member.uuid)
            meeting = Meeting(topic="联合协商", starts_at=dt.datetime(2024, 5, 1, 9), station_uuid=ids["东镇"][0])
            w.session.add(meeting)
            w.session.flush()
            w.session.add(MeetingAttendee(meeting_uuid=meeting.uuid, member_uuid=ids["西镇"][1]))
        east = sx.workstation(folder, "东镇", county)
        west = sx.workstation(folder, "西镇", county)
        yield folder, county, east, west, ids
        for db in (county, east, west):
            db.dispose()


def names(db) -> dict[str, tuple[str, str]]:
    with db.read() as s:
        return {m.name: (m.phone, m.id_number) for m in s.execute(select(Member)).scalars()}


def test_a_roster_holds_the_township_shared_data_and_references_only(county3):
    _folder, county, east, west, _ids = county3
    sx.send(sx.roster(county, "东镇"), east)
    sx.send(sx.roster(county, "西镇"), west)
    # 东镇: its member in full, the 西镇 member who came to its meeting without personal data.
    assert names(east) == {"东镇委员": ("13900000000", "230381199001011234"), "西镇委员": ("", "")}
    assert names(west) == {"西镇委员": ("13900000000", "230381199001011234")}
    for db in (east, west):
        with db.read() as s:
            assert s.execute(select(Sector.name)).scalar_one() == "教育界"
            towns = set(s.execute(select(Station.township)).scalars())
        assert "南镇" not in towns
    payload = fileformat.unpack(sx.roster(county, "西镇")).payload
    assert "东镇委员".encode() not in payload and "南镇委员".encode() not in payload


def test_a_member_who_moves_is_sent_in_full_to_the_new_township(county3):
    _folder, county, east, west, ids = county3
    sx.send(sx.roster(county, "东镇"), east)
    sx.send(sx.roster(county, "西镇"), west)
    with county.write() as w:
        w.session.get(Member, ids["东镇"][1]).station_uuid = ids["西镇"][0]
    sx.send(sx.roster(county, "西镇"), west)
    assert names(west)["东镇委员"] == ("13900000000", "230381199001011234")  # the whole history
    sx.send(sx.roster(county, "东镇"), east)
    with east.read() as s:
        moved = s.get(Member, ids["东镇"][1])
        assert moved.station_uuid == ids["西镇"][0]  # 东镇 learns the member has moved away ...
    with county.write() as w:
        w.session.get(Member, ids["东镇"][1]).phone = "13100000000"
    sx.send(sx.roster(county, "东镇"), east)
    assert names(east)["东镇委员"][0] == "13900000000"  # ... and no longer gets the phone
    sx.send(sx.roster(county, "西镇"), west)
    assert names(west)["东镇委员"][0] == "13100000000"


def test_a_lost_roster_is_sent_again_until_confirmed(county3):
    _folder, county, east, _west, ids = county3
    sx.send(sx.roster(county, "东镇"), east)
    sx.send(sx.changes(east), county)  # confirms the first roster
    with county.write() as w:
        w.session.add(Member(name="新委员", phone="13500000000", station_uuid=ids["东镇"][0]))
    sx.roster(county, "东镇")  # written to a stick that is lost
    second = sx.roster(county, "东镇")  # still carries the new member in full
    sx.send(second, east)
    assert names(east)["新委员"] == ("13500000000", "")
    sx.send(sx.changes(east), county)
    third = fileformat.unpack(sx.roster(county, "东镇"))
    assert '"新委员"'.encode() not in third.payload  # confirmed: not sent again


def test_a_first_roster_leaves_other_townships_out(county3):
    """Only what the township may see travels, not the county's whole change log."""
    _folder, county, east, _west, _ids = county3
    box = fileformat.unpack(sx.roster(county, "东镇"))
    import json

    sent = json.loads(box.manifest_bytes)["counts"]["changes"]
    with county.read() as s:
        total = s.execute(select(func.count()).select_from(ChangeLog)).scalar_one()
    assert 0 < sent < total
