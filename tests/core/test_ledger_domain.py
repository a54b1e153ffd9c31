"""Member field checks: ID numbers, phones, year-months, the whole form, pinyin keys."""

import datetime as dt

import pytest

from tests.ledger_helpers import id_number, id_number_with_x
from zxdesk.core.domain.identity import EXCEL_DAMAGED, check_id_number, damaged_by_excel, id_gender
from zxdesk.core.domain.member_form import MemberDraft, check_birth, check_gender, validate_member
from zxdesk.core.domain.phone import check_phone
from zxdesk.core.domain.pinyin_keys import search_keys
from zxdesk.core.domain.year_month import DateText, parse_date, parse_year_month

VALID = id_number("19491231", 1, male=False)  # ends in an even order code: 女


def test_id_lowercase_x_becomes_upper_and_validates():
    body = "11010519491231002"
    assert check_id_number(body + "x") == check_id_number(body + "X")
    result = check_id_number(" " + body + "x ")
    assert result.ok and result.value == body + "X"


def test_id_with_the_apostrophe_that_keeps_excel_off_is_accepted():
    assert check_id_number("'" + VALID).value == VALID and check_id_number("'" + VALID).ok


def test_id_full_width_digits_are_normalised():
    wide = VALID.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})
    assert check_id_number(wide).value == VALID and check_id_number(wide).ok


@pytest.mark.parametrize("bad, reason", [
    (VALID[:-1] + str((int(VALID[-1]) + 1) % 10) if VALID[-1] != "X" else VALID[:-1] + "0", "校验位"),
    ("23030219491231002", "18位"),
    ("230302194912310", "15位"),
    ("2303021949133100" + "2X", "出生日期"),
    ("23030219491231A021", "数字"),
])
def test_id_errors_are_named_in_chinese(bad, reason):
    result = check_id_number(bad)
    assert not result.ok and reason in result.error


@pytest.mark.parametrize("value", [1.23456789012345e17, 230302194912310016, "1.23457E+17", "2.30302E+17",
                                   "230302194912310000", "230302194912310016.0"])
def test_excel_damaged_id_numbers_are_recognised(value):
    assert damaged_by_excel(value)
    if isinstance(value, str) and "E" in value:
        assert check_id_number(value).error == EXCEL_DAMAGED


def test_intact_id_is_not_called_damaged():
    assert not damaged_by_excel(VALID)
    assert not damaged_by_excel("")


def test_gender_comes_from_the_17th_digit():
    assert id_gender(id_number("19800101", 3, male=True)) == "男"
    assert id_gender(id_number("19800101", 3, male=False)) == "女"


@pytest.mark.parametrize("typed, stored", [
    ("13900001111", "13900001111"),
    ("１３９ ０００ ０１１１１", "13900001111"),
    ("+86 139-0000-1111", "13900001111"),
    ("0451-82345678", "0451-82345678"),
    ("（0451）8234567", "0451-8234567"),
    ("01082345678", "010-82345678"),
    ("0451-82345678转123", "0451-82345678-123"),
    ("8234567", "8234567"),
    ("13900001111、0451-82345678", "13900001111、0451-82345678"),
    ("", ""),
])
def test_phone_numbers_normalise(typed, stored):
    result = check_phone(typed)
    assert result.ok, result.error
    assert result.value == stored


@pytest.mark.parametrize("typed", ["1390000111", "12900001111", "abc", "0451-123", "139000011112"])
def test_bad_phone_numbers_are_refused(typed):
    assert not check_phone(typed).ok


@pytest.mark.parametrize("value", ["1975.03", "1975.3", "1975年3月", "1975-3", "1975/03", "197503", "19750315",
                                   "１９７５．０３", dt.date(1975, 3, 15), dt.datetime(1975, 3, 1), 27454, 27454.0,
                                   "27454", 1975.03, "1975年3月15日", " 1975 . 03 "])
def test_year_month_in_every_notation(value):
    assert parse_year_month(value) == "1975-03"


def test_number_cell_with_two_decimals_reads_october():
    assert parse_year_month(1975.1) == "1975-01"
    assert parse_year_month(1975.1, two_decimals=True) == "1975-10"


@pytest.mark.parametrize("value", ["1975", "1975.13", "abc", "", 1975])
def test_unreadable_dates_raise_with_a_reason(value):
    with pytest.raises(DateText):
        parse_year_month(value)


def test_parse_date_takes_the_first_of_the_month():
    assert parse_date("2021年6月") == dt.date(2021, 6, 1)
    assert parse_date("2021-06-18") == dt.date(2021, 6, 18)


def test_birth_must_agree_with_the_id():
    assert check_birth("1949.12", VALID) == ("1949-12", "")
    birth, msg = check_birth("1950-01", VALID)
    assert "不一致" in msg and "1949-12" in msg
    assert check_birth("", VALID) == ("1949-12", "")


def test_gender_must_agree_with_the_id():
    assert check_gender("", VALID) == ("女", "")
    assert "不一致" in check_gender("男", VALID)[1]


def test_validate_member_cleans_and_reports_each_field():
    with_x = id_number_with_x("19491231", male=False)
    clean, errors = validate_member(MemberDraft(name="张　三", id_number=with_x[:-1] + "x", phone="１３９００００１１１１", ethnicity="汉",
                                                party="中共", level="县级", role="常务委员"))
    assert errors == {}
    assert (clean.name, clean.gender, clean.birth, clean.phone) == ("张三", "女", "1949-12", "13900001111")
    assert clean.id_number == with_x
    assert (clean.ethnicity, clean.party, clean.level, clean.role) == ("汉族", "中共党员", "县", "常委")
    _, errors = validate_member(MemberDraft(name="", phone="123", level="乡", left_on=dt.date(2020, 1, 1)))
    assert set(errors) == {"name", "phone", "level", "status"}


def test_pinyin_keys():
    assert search_keys("张三") == ("zhangsan", "zs")
    assert search_keys("曾国藩") == ("zengguofan", "zgf")  # the surname reading, not ceng
    assert search_keys("尉迟恭") == ("yuchigong", "ycg")
    assert search_keys("王䶮")[1] == "wy"  # a rare character still has its reading
    assert search_keys("阿依古丽·买买提")[1] == "aygl" + "mmt"
