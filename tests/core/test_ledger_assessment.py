"""The yearly assessment: indicators from rules as data, points, ranking, selection, export."""

import datetime as dt

import openpyxl
import pytest

from tests.ledger_helpers import add_duty, add_member
from zxdesk.core.errors import ValidationError
from zxdesk.core.importing.assessment_export import export_assessment
from zxdesk.core.services.assessment import assess_year, indicator_records, save_results, set_selection
from zxdesk.core.services.assessment_rules import IndicatorRule, load_rules, save_rules
from zxdesk.core.services.duty_records import delete_duties

Y = 2023


def day(m=6, d=1, year=Y):
    return dt.date(year, m, d)


@pytest.fixture
def year_data(db):
    full = add_member(db, "张三")
    for t, outcome in [("proposal", "立案"), ("sentiment", ""), ("inspection", ""), ("deed", ""), ("reading", ""),
                       ("duty_report", "")]:
        add_duty(db, full, t, day(), f"{t} 记录", outcome=outcome)
    short = add_member(db, "李四")
    add_duty(db, short, "proposal", day(), "未立案的提案", outcome="不予立案")
    add_duty(db, short, "research", day(), "调研", points=10)
    add_duty(db, short, "reading", day(year=Y - 1), "去年读的书")
    idle = add_member(db, "王五")
    add_member(db, "赵六", status="离任", left_on=dt.date(Y - 1, 12, 1))
    return {"full": full, "short": short, "idle": idle}


def test_default_rules_are_jixis_five_plus_the_duty_report(db):
    rules = load_rules(db)
    assert [r.code for r in rules.indicators] == ["proposal", "sentiment", "research", "deed", "reading",
                                                 "duty_report"]
    assert not rules.stored and rules.points["proposal"] == 5


def test_each_indicator_met_or_not(db, year_data):
    a = assess_year(db, Y)
    rows = {r.name: r for r in a.rows}
    assert set(rows) == {"张三", "李四", "王五"}  # 赵六 left before the year
    assert all(rows["张三"].met.values()) and rows["张三"].passed
    assert rows["李四"].met == {"proposal": False, "sentiment": False, "research": True, "deed": False,
                              "reading": False, "duty_report": False}
    assert "一件高质量提案" in rows["李四"].missing and "向专委会述职" in rows["李四"].missing
    assert [r.name for r in a.short] == ["李四", "王五"]


def test_points_and_ranking(db, year_data):
    a = assess_year(db, Y)
    # 张三: 5 + 3 + 3 + 4 + 1 + 2 (type points, records carry none); 李四: 5 (unfiled proposal) + 10
    assert [(r.name, r.points, r.rank) for r in a.rows] == [("张三", 18.0, 1), ("李四", 15.0, 2), ("王五", 0.0, 3)]
    assert [r.as_json()["points"] for r in a.rows] == [18.0, 15.0, 0.0]


def test_evidence_behind_a_tick(db, year_data):
    records = indicator_records(db, Y, year_data["full"], "research")
    assert [r.duty_type for r in records] == ["inspection"]
    assert indicator_records(db, Y, year_data["short"], "proposal") == []  # 不予立案 does not count


def test_rules_are_data_per_committee(db, year_data):
    rules = load_rules(db)
    rules.indicators[0] = IndicatorRule("proposal", "两件提案", ["proposal"], [], 2)
    rules.indicators = [r for r in rules.indicators if r.code != "duty_report"]
    rules.points["research"] = 7
    save_rules(db, rules)
    again = load_rules(db)
    assert again.stored and [r.code for r in again.indicators][0] == "proposal"
    assert again.indicators[0].min_count == 2 and again.points["research"] == 7
    a = assess_year(db, Y)
    rows = {r.name: r for r in a.rows}
    assert "duty_report" not in rows["张三"].met
    assert rows["张三"].met["proposal"] is False  # now two are needed
    assert rows["李四"].counts["proposal"] == 1  # any outcome counts now
    with pytest.raises(ValidationError):
        save_rules(db, type(rules)([IndicatorRule("x", "坏规则", ["nonsense"])], {}))
    with pytest.raises(ValidationError):
        save_rules(db, type(rules)([IndicatorRule("x", "坏规则", ["proposal"], ["采用"])], {}))


def test_deleted_records_do_not_count(db, year_data):
    records = indicator_records(db, Y, year_data["full"], "reading")
    delete_duties(db, [records[0].uuid])
    assert assess_year(db, Y).rows[0].met["reading"] is False


def test_selection_is_recorded_with_its_reason(db, year_data):
    with pytest.raises(ValidationError):
        set_selection(db, Y, year_data["full"], True, "")
    set_selection(db, Y, year_data["full"], True, "五项全部完成，积分第一")
    rows = {r.name: r for r in assess_year(db, Y).rows}
    assert rows["张三"].selected and rows["张三"].reason == "五项全部完成，积分第一"
    assert not assess_year(db, Y - 1).rows[0].selected
    set_selection(db, Y, year_data["full"], False)
    assert not {r.name: r for r in assess_year(db, Y).rows}["张三"].selected
    assert save_results(db, Y) == 3


def test_export_to_xlsx(db, year_data, tmp_path):
    set_selection(db, Y, year_data["full"], True, "全部完成")
    path = tmp_path / "考核.xlsx"
    assert export_assessment(db, Y, path) == 3
    wb = openpyxl.load_workbook(path)
    main = wb.worksheets[0]
    assert main["A1"].value.startswith(f"{Y}年度委员履职考核结果")
    header = [c.value for c in main[2]]
    assert header[:4] == ["名次", "姓名", "界别", "一件高质量提案"] and header[-2:] == ["优秀委员", "评选理由"]
    first = [c.value for c in main[3]]
    assert first[1] == "张三" and first[3:9] == ["✓"] * 6 and first[-2:] == ["是", "全部完成"]
    assert [c.value for c in wb["未达标委员"][3]][0] == "李四"
    assert [c.value for c in wb["优秀委员"][3]][1] == "张三"
