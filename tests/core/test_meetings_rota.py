"""The monthly duty rota: entries, filling a month in turn, and the printed calendar."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from tests.meetings_data import make_sample
from zxdesk.core.errors import ValidationError
from zxdesk.core.services import rota


def test_month_weeks_start_on_monday():
    weeks = rota.month_weeks(2024, 5)
    assert weeks[0][0] == dt.date(2024, 4, 29) and weeks[-1][-1] == dt.date(2024, 6, 2)
    assert all(len(w) == 7 for w in weeks)
    with pytest.raises(ValidationError):
        rota.month_weeks(2024, 13)


def test_fill_month_in_turn_skips_weekends_and_covered_days(db):
    s = make_sample(db)
    xy = s.stations["向阳镇委员工作站"]
    team = [s.members["张三"], s.members["李四"], s.members["赵䶮"]]
    rota.add_entry(db, dt.date(2024, 5, 2), s.members["王五"], station_uuid=xy)
    new = rota.fill_month(db, 2024, 5, team, station_uuid=xy)
    entries = rota.month_entries(db, 2024, 5, xy)
    assert len(new) == 22 and len(entries) == 23  # 23 working days in May 2024
    assert all(e.duty_on.weekday() < 5 for e in entries)
    by_day = {e.duty_on: e.member_name for e in entries}
    assert [by_day[dt.date(2024, 5, d)] for d in (1, 2, 3, 6, 7)] == ["张三", "王五", "李四", "赵䶮", "张三"]
    assert rota.fill_month(db, 2024, 5, team, station_uuid=xy) == []  # every day covered already
    rota.remove_entries(db, new)
    assert len(rota.month_entries(db, 2024, 5)) == 1
    rota.restore_entries(db, new[:2])
    assert len(rota.month_entries(db, 2024, 5)) == 3


def test_police_station_by_place_and_validation(db):
    s = make_sample(db)
    uuid = rota.add_entry(db, dt.date(2024, 5, 6), s.members["王五"], place="城关派出所")
    (e,) = rota.month_entries(db, 2024, 5)
    assert (e.uuid, e.where, e.member_name) == (uuid, "城关派出所", "王五")
    with pytest.raises(ValidationError, match="已在此处值班"):
        rota.add_entry(db, dt.date(2024, 5, 6), s.members["王五"], place="城关派出所")
    with pytest.raises(ValidationError, match="工作站或填写值班地点"):
        rota.add_entry(db, dt.date(2024, 5, 6), s.members["王五"])
    with pytest.raises(ValidationError, match="委员"):
        rota.add_entry(db, dt.date(2024, 5, 6), "nobody", place="x")
    with pytest.raises(ValidationError, match="选择参加轮值"):
        rota.fill_month(db, 2024, 5, [], place="x")
    assert rota.fill_month(db, 2024, 5, [s.members["李四"]], place="城关派出所", weekdays_only=False)
    assert len(rota.month_entries(db, 2024, 5)) == 31


def test_rota_pdf_is_a_calendar_with_everyone(db):
    s = make_sample(db)
    xy = s.stations["向阳镇委员工作站"]
    rota.fill_month(db, 2024, 5, [s.members["张三"], s.members["赵䶮"]], station_uuid=xy)
    rota.add_entry(db, dt.date(2024, 5, 6), s.members["王五"], place="城关派出所")
    data = rota.rota_pdf(db, 2024, 5)
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "2024年5月委员轮值表" in text and "政协测试县委员会" in text
    assert "星期一" in text and "赵䶮" in text and "城关派出所" in text and "向阳镇委员工作站" in text
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height  # landscape
    only_station = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(rota.rota_pdf(db, 2024, 5, xy))).pages)
    assert "城关派出所" not in only_station and "张三" in only_station


def test_crowded_day_in_pdf_points_to_the_list(db):
    s = make_sample(db)
    day = dt.date(2024, 5, 6)
    for i, m in enumerate(s.members.values()):
        rota.add_entry(db, day, m, place=f"第{i}派出所")
        rota.add_entry(db, day, m, place=f"第{i}警务室")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(rota.rota_pdf(db, 2024, 5))).pages)
    assert "另 6 人" in text and "第5警务室" in text
