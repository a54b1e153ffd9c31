"""Mediation cases: validation, mediators' duty records, masked printout."""

import datetime as dt
import io

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from tests.meetings_data import make_sample
from zxdesk.core.errors import ValidationError
from zxdesk.core.services import mediation
from zxdesk.core.services.mediation import MediationFilter, MediationInput
from zxdesk.core.storage.models import DutyRecord


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def case(sample, **kw):
    data = dict(parties="张三丰\n欧阳娜娜", opened_on=dt.date(2024, 2, 1), mediator_uuids=[sample.members["王五"]],
                dispute_type="邻里纠纷", place="向阳派出所", summary="张三丰与欧阳娜娜因排水沟发生争执")
    data.update(kw)
    return MediationInput(**data)


def duty(db, case_uuid):
    with db.read() as s:
        return s.execute(select(DutyRecord).where(DutyRecord.source_uuid == case_uuid)
                         .order_by(DutyRecord.member_uuid)).scalars().all()


def test_case_round_trip_and_mediator_records(db):
    s = make_sample(db, points=2)
    uuid = mediation.save_case(db, case(s))
    row = mediation.get_case(db, uuid)
    assert (row.parties, row.outcome_label, row.mediator_names) == ("张三丰\n欧阳娜娜", "调解中", "王五")
    assert row.parties_masked == "张**、欧阳**"  # the printing area's rule keeps compound surnames
    (rec,) = duty(db, uuid)
    assert (rec.member_uuid, rec.duty_type, rec.points, rec.occurred_on) == (
        s.members["王五"], "mediation", 3.0, dt.date(2024, 2, 1))
    assert "张三丰" not in rec.title + rec.description  # parties never reach duty records

    data = row.as_input()
    data.outcome, data.closed_on = "success", dt.date(2024, 2, 3)
    data.mediator_uuids = [s.members["李四"], s.members["王五"]]
    mediation.save_case(db, data)
    recs = duty(db, uuid)
    assert {(r.member_uuid, r.outcome, r.occurred_on, r.deleted) for r in recs} == {
        (s.members["王五"], "调解成功", dt.date(2024, 2, 3), False),
        (s.members["李四"], "调解成功", dt.date(2024, 2, 3), False)}

    data.mediator_uuids = [s.members["李四"]]
    mediation.save_case(db, data)
    assert {(r.member_uuid, r.deleted) for r in duty(db, uuid)} == {(s.members["王五"], True), (s.members["李四"], False)}
    mediation.delete_cases(db, [uuid])
    assert all(r.deleted for r in duty(db, uuid))
    assert mediation.list_cases(db) == []
    mediation.restore_cases(db, [uuid])
    assert [r.deleted for r in duty(db, uuid) if r.member_uuid == s.members["李四"]] == [False]


@pytest.mark.parametrize("change, message", [
    ({"parties": "\n "}, "当事人"),
    ({"mediator_uuids": []}, "调解委员"),
    ({"mediator_uuids": ["nobody"]}, "调解委员"),
    ({"outcome": "success"}, "结案日期"),
    ({"closed_on": dt.date(2024, 3, 1)}, "调解结果"),
    ({"outcome": "failed", "closed_on": dt.date(2024, 1, 1)}, "早于受理日期"),
    ({"outcome": "won", "closed_on": dt.date(2024, 3, 1)}, "未知"),
])
def test_bad_case_is_refused(db, change, message):
    s = make_sample(db)
    with pytest.raises(ValidationError) as err:
        mediation.save_case(db, case(s, **change))
    assert message in err.value.zh
    assert mediation.list_cases(db) == []


def test_filters(db):
    s = make_sample(db)
    xy = s.stations["向阳镇委员工作站"]
    a = mediation.save_case(db, case(s, station_uuid=xy))
    b = mediation.save_case(db, case(s, parties="李雷", opened_on=dt.date(2024, 5, 1), dispute_type="劳动争议",
                                     outcome="transferred", closed_on=dt.date(2024, 5, 2)))
    ids = lambda **kw: [r.uuid for r in mediation.list_cases(db, MediationFilter(**kw))]  # noqa: E731
    assert ids() == [b, a]
    assert ids(station_uuid=xy) == [a]
    assert ids(outcome="open") == [a]
    assert ids(outcome="transferred") == [b]
    assert ids(date_from=dt.date(2024, 3, 1)) == [b]
    assert ids(text="劳动") == [b]


def test_printout_masks_the_parties(db):
    s = make_sample(db)
    mediation.save_case(db, case(s, outcome="success", closed_on=dt.date(2024, 2, 3)))
    mediation.save_case(db, case(s, parties="赵䶮、李雷", opened_on=dt.date(2024, 3, 1)))
    text = pdf_text(mediation.mediation_pdf(db, period_label="2024年"))
    assert "矛盾纠纷调解台账" in text and "政协测试县委员会" in text
    for masked in ("张**", "欧阳**", "赵*", "李*"):
        assert masked in text
    for name in ("张三丰", "欧阳娜娜", "赵䶮", "李雷", "排水沟"):
        assert name not in text
    assert "王五" in text and "调解成功" in text and "共 2 件" in text
