"""Half-year periods: parsing, labels, dates, neighbours."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zxdesk.core.domain.periods import Period, label, normalise
from zxdesk.core.domain.vocab import period_label
from zxdesk.core.errors import ValidationError


def test_parse_label_and_dates():
    p = Period.parse("2023H1")
    assert (p.year, p.half, p.code, p.label) == (2023, 1, "2023H1", "2023年上半年")
    assert (p.start, p.end) == (dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    q = Period.parse("2023H2")
    assert (q.label, q.start, q.end) == ("2023年下半年", dt.date(2023, 7, 1), dt.date(2023, 12, 31))
    assert p.next() == q and q.previous() == p
    assert q.next().code == "2024H1" and p.previous().code == "2022H2"


@pytest.mark.parametrize("text", [" 2023h1 ", "2023 H1", "2023年上半年", "2023年 上半年"])
def test_lenient_spellings_normalise(text):
    assert normalise(text) == "2023H1"


@pytest.mark.parametrize("text", ["", "2023", "2023H3", "2023H0", "23H1", "2023-1", "H1 2023", None])
def test_bad_periods_are_refused_in_both_languages(text):
    with pytest.raises(ValidationError) as err:
        Period.parse(text)
    assert "期别" in err.value.zh and "2023H1" in err.value.zh
    assert "period" in err.value.en


def test_year_out_of_range_is_refused():
    with pytest.raises(ValidationError) as err:
        Period.parse("1800H1")
    assert "年份超出范围" in err.value.zh and "out of range" in err.value.en


def test_label_of_unparseable_code_is_kept():
    assert label("2023H1") == "2023年下半年".replace("下", "上")
    assert label("bogus") == "bogus"


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_date_is_in_exactly_its_period(day):
    p = Period.of_date(day)
    assert p.contains(day)
    assert not p.next().contains(day) and not p.previous().contains(day)
    assert p.previous().end + dt.timedelta(days=1) == p.start
    assert p.end + dt.timedelta(days=1) == p.next().start
    assert Period.parse(p.code) == p and Period.parse(p.label) == p
    assert period_label(p.code) == p.label
    assert (p.code < p.next().code) and (p < p.next())
