"""Members: filtering by name, pinyin and every attribute in SQL, sorting, saving, trash, history."""

import datetime as dt

import pytest

from tests.ledger_helpers import add_member, add_sector, add_station, id_number
from zxdesk.core.domain.member_form import MemberDraft
from zxdesk.core.errors import ValidationError
from zxdesk.core.services import trash
from zxdesk.core.services.member_history import record_history
from zxdesk.core.services.members import (
    MemberFilter,
    count_members,
    delete_members,
    fetch_member_rows,
    find_duplicate,
    get_member,
    member_choices,
    query_member_ids,
    restore_members,
    save_member,
)


@pytest.fixture
def people(db):
    edu, eco = add_sector(db, "教育界", 1), add_sector(db, "经济界", 2)
    town = add_station(db, "城关工作站")
    ids = {
        "张三": add_member(db, "张三", sector_uuid=edu, station_uuid=town, party="中共党员", role="常委",
                          joined_on=dt.date(2016, 1, 5), phone="13900001111"),
        "张珊珊": add_member(db, "张珊珊", sector_uuid=eco, party="民盟盟员", level="市"),
        "李四": add_member(db, "李四", sector_uuid=edu, station_uuid=town, status="离任",
                          joined_on=dt.date(2012, 1, 1), left_on=dt.date(2017, 1, 1)),
        "曾国藩": add_member(db, "曾国藩", role="主席", joined_on=dt.date(2021, 1, 1)),
    }
    return {"edu": edu, "eco": eco, "town": town, **ids}


def names(db, flt=MemberFilter(), sort="name", descending=False):
    rows = fetch_member_rows(db, query_member_ids(db, flt, sort, descending))
    return [rows[u].name for u in query_member_ids(db, flt, sort, descending)]


@pytest.mark.parametrize("text, expected", [
    ("zs", ["张三", "张珊珊"]),
    ("zss", ["张珊珊"]),
    ("zhangsan", ["张三"]),
    ("zhangs", ["张三", "张珊珊"]),
    ("zhangshan", ["张珊珊"]),
    ("ZS", ["张三", "张珊珊"]),
    ("张", ["张三", "张珊珊"]),
    ("珊", ["张珊珊"]),
    ("zgf", ["曾国藩"]),
    ("zeng", ["曾国藩"]),
    ("1390000", ["张三"]),
    ("nobody", []),
    ("%", []),
])
def test_instant_filter_by_name_pinyin_and_initials(db, people, text, expected):
    assert names(db, MemberFilter(text=text)) == expected


def test_filter_by_each_attribute(db, people):
    assert names(db, MemberFilter(sector_uuid=people["edu"])) == ["李四", "张三"]
    assert names(db, MemberFilter(station_uuid=people["town"])) == ["李四", "张三"]
    assert names(db, MemberFilter(party="民盟盟员")) == ["张珊珊"]
    assert names(db, MemberFilter(level="市")) == ["张珊珊"]
    assert names(db, MemberFilter(role="主席")) == ["曾国藩"]
    assert names(db, MemberFilter(status="离任")) == ["李四"]
    assert names(db, MemberFilter(year=2014)) == ["李四", "张珊珊"]  # 张三 joined in 2016
    assert names(db, MemberFilter(year=2020)) == ["张三", "张珊珊"]
    assert names(db, MemberFilter(year=2023, text="z")) == ["曾国藩", "张三", "张珊珊"]


def test_sorting_in_sql(db, people):
    assert names(db) == ["李四", "曾国藩", "张三", "张珊珊"]  # pinyin order
    assert names(db, sort="role") == ["曾国藩", "张三", "李四", "张珊珊"]
    assert names(db, sort="sector")[:2] == ["李四", "张三"]  # the sector's configured order
    assert names(db, sort="name", descending=True)[0] == "张珊珊"
    with pytest.raises(ValidationError):
        query_member_ids(db, MemberFilter(), "drop table")


def test_counts_for_the_status_bar(db, people):
    assert count_members(db, MemberFilter(text="zs")) == {"total": 4, "serving": 3, "shown": 2}


def test_choices(db, people):
    choices = member_choices(db)
    assert [n for _u, n in choices.sectors] == ["教育界", "经济界"]
    assert choices.stations == [(people["town"], "城关工作站")]
    assert "中共党员" in choices.parties and dt.date.today().year in choices.years


def test_save_validates_and_normalises(db):
    with pytest.raises(ValidationError) as err:
        save_member(db, None, MemberDraft(name="张三", phone="12345"))
    assert "联系电话" in err.value.zh
    valid = id_number("19750315", 1)
    uuid = save_member(db, None, MemberDraft(name="张 三", id_number=valid.lower(), phone="１３９００００１１１１"))
    detail = get_member(db, uuid)
    assert (detail.draft.name, detail.draft.gender, detail.draft.birth) == ("张三", "男", "1975-03")
    assert detail.draft.phone == "13900001111"
    assert find_duplicate(db, MemberDraft(name="别人", id_number=valid)) == "张三"
    assert find_duplicate(db, MemberDraft(name="别人", id_number=valid), exclude_uuid=uuid) is None


def test_delete_moves_to_trash_and_restore_brings_back(db, people):
    delete_members(db, [people["张三"]])
    assert "张三" not in names(db)
    assert [t.label for t in trash.list_trash(db, "member")] == ["张三"]
    with pytest.raises(Exception):
        save_member(db, people["张三"], MemberDraft(name="张三"))
    restore_members(db, [people["张三"]])
    assert "张三" in names(db)


def test_history_from_the_change_log_with_chinese_labels(db, people):
    uuid = people["张三"]
    draft = get_member(db, uuid).draft
    draft.unit = "县一中"
    draft.sector_uuid = people["eco"]
    save_member(db, uuid, draft)
    delete_members(db, [uuid])
    history = record_history(db, uuid)
    assert history[0].field == "移入回收站"
    changed = {h.field: (h.old, h.new) for h in history[1:3]}
    assert changed == {"工作单位": ("", "县一中"), "界别": ("教育界", "经济界")}
    assert history[-1].field == "新建记录"
    assert all(h.operator and len(h.when) == 16 for h in history)
