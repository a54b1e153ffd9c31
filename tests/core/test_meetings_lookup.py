"""Picking members with pinyin search, and the configurable meeting kinds."""

import pytest

from tests.meetings_data import make_sample
from zxdesk.core.errors import ValidationError
from zxdesk.core.services.meeting_kinds import get_meeting_kinds, set_meeting_kinds
from zxdesk.core.services.member_lookup import list_stations, members_by_uuid, name_pinyin, search_members
from zxdesk.core.storage.models import Member


def names(db, q, **kw):
    return sorted(c.name for c in search_members(db, q, **kw))


def test_pinyin_initials_and_full_pinyin(db):
    make_sample(db)
    assert names(db, "zs") == ["张三", "张三丰"]
    assert names(db, "zsf") == ["张三丰"]
    assert names(db, "ZhangSan") == ["张三", "张三丰"]
    assert names(db, "zhang san") == ["张三", "张三丰"]
    assert names(db, "三丰") == ["张三丰"]
    assert names(db, "zy") == ["赵䶮"]
    assert names(db, "stf") == ["单田芳"]  # 单 read as the surname shan
    assert names(db, "%") == []
    assert len(search_members(db, "")) == 6


def test_rows_with_blank_pinyin_still_match(db):
    make_sample(db, blank_pinyin=("李四",))
    assert names(db, "ls") == ["李四"]
    assert names(db, "lisi") == ["李四"]


def test_left_and_deleted_members_are_not_offered(db):
    s = make_sample(db)
    with db.write() as w:
        w.session.get(Member, s.members["王五"]).status = "离任"
        w.session.get(Member, s.members["李四"]).deleted = True
    assert names(db, "ww") == []
    assert names(db, "ww", include_left=True) == ["王五"]
    assert names(db, "ls") == []
    assert members_by_uuid(db, [s.members["李四"]])[s.members["李四"]].name == "李四"  # old records keep names


def test_name_pinyin():
    assert name_pinyin("张三丰") == ("zhangsanfeng", "zsf")


def test_stations_listed(db):
    make_sample(db)
    assert [st.name for st in list_stations(db)] == ["向阳镇委员工作站", "城关镇委员工作站"]


def test_meeting_kinds_are_configurable(db):
    assert get_meeting_kinds(db) == ["协商议事", "学习交流", "调研视察", "宣传宣讲", "咨询服务"]
    with pytest.raises(ValidationError, match="委员会"):
        set_meeting_kinds(db, ["协商议事"])
    make_sample(db)
    assert set_meeting_kinds(db, [" 协商议事 ", "小板凳议事会", "协商议事", ""]) == ["协商议事", "小板凳议事会"]
    assert get_meeting_kinds(db) == ["协商议事", "小板凳议事会"]
    set_meeting_kinds(db, ["议事"])
    assert get_meeting_kinds(db) == ["议事"]
    with pytest.raises(ValidationError, match="至少"):
        set_meeting_kinds(db, [" "])
    with pytest.raises(ValidationError, match="过长"):
        set_meeting_kinds(db, ["长" * 21])
    assert get_meeting_kinds(db) == ["议事"]
