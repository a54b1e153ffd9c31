"""Duty records: every type, edit and trash, attachments by hash, quick entry for attendees."""

import datetime as dt

import pytest
from sqlalchemy import select

from tests.ledger_helpers import add_duty, add_member
from zxdesk.core.domain.vocab import DUTY_TYPES
from zxdesk.core.errors import ValidationError
from zxdesk.core.services.attachments import stored_path
from zxdesk.core.services.duty_records import (
    DutyDraft,
    DutyFilter,
    QuickEntry,
    delete_duties,
    get_duty,
    list_duties,
    quick_entry,
    restore_duties,
    save_duty,
)
from zxdesk.core.storage.models import Attachment, DutyRecord

DAY = dt.date(2023, 5, 4)


@pytest.mark.parametrize("duty_type", list(DUTY_TYPES))
def test_every_duty_type_can_be_recorded(db, duty_type):
    m = add_member(db, "张三")
    uuid = add_duty(db, m, duty_type, DAY, f"{DUTY_TYPES[duty_type]}一次", points=2)
    draft, files = get_duty(db, uuid)
    assert (draft.duty_type, draft.occurred_on, draft.points, files) == (duty_type, DAY, 2.0, [])


def test_validation_names_the_problem(db):
    m = add_member(db, "张三")
    for draft, word in [
        (DutyDraft(m, "proposal", DAY, ""), "标题"),
        (DutyDraft(m, "proposal", None, "提案"), "日期"),
        (DutyDraft(m, "proposal", DAY, "提案", outcome="采用"), "成果"),
        (DutyDraft(m, "nonsense", DAY, "提案"), "类型"),
        (DutyDraft("", "proposal", DAY, "提案"), "委员"),
    ]:
        with pytest.raises(ValidationError) as err:
            save_duty(db, None, draft)
        assert word in err.value.zh


def test_edit_filter_and_trash(db):
    zs, ls = add_member(db, "张三"), add_member(db, "李四")
    a = add_duty(db, zs, "proposal", DAY, "关于农村道路的提案", outcome="立案")
    add_duty(db, ls, "reading", dt.date(2022, 3, 1), "读《乡土中国》")
    draft, _ = get_duty(db, a)
    draft.outcome = "采纳"
    save_duty(db, a, draft)
    assert [r.outcome for r in list_duties(db, DutyFilter(member_uuid=zs))] == ["采纳"]
    assert [r.member_name for r in list_duties(db, DutyFilter(text="ls"))] == ["李四"]
    assert [r.title for r in list_duties(db, DutyFilter(text="道路"))] == ["关于农村道路的提案"]
    assert [r.type_label for r in list_duties(db, DutyFilter(year=2022))] == ["读书"]
    assert len(list_duties(db, DutyFilter(duty_type="proposal"))) == 1
    delete_duties(db, [a])
    assert len(list_duties(db)) == 1
    restore_duties(db, [a])
    assert len(list_duties(db)) == 2


def test_attachments_are_copied_by_hash(db, tmp_path):
    m = add_member(db, "张三")
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8 not really a jpeg")
    report = tmp_path / "调研报告.pdf"
    report.write_bytes(b"%PDF-1.4 report")
    uuid = save_duty(db, None, DutyDraft(m, "research", DAY, "农村养老调研"), add_files=[str(photo), str(report)])
    photo.unlink()  # the record keeps its own copy
    _draft, files = get_duty(db, uuid)
    assert sorted(f.filename for f in files) == ["现场照片.jpg", "调研报告.pdf"]
    for f in files:
        assert stored_path(db, f.sha256).is_file()
    assert list_duties(db)[0].attachments == 2
    doc = next(f for f in files if f.filename.endswith(".pdf"))
    save_duty(db, uuid, get_duty(db, uuid)[0], remove_attachments=[doc.uuid])
    assert [f.filename for f in get_duty(db, uuid)[1]] == ["现场照片.jpg"]


def test_quick_entry_gives_every_attendee_a_record(db, tmp_path):
    members = [add_member(db, n) for n in ("张三", "李四", "王五")]
    sign_in = tmp_path / "签到表.jpg"
    sign_in.write_bytes(b"sheet")
    uuids = quick_entry(db, QuickEntry(members + [members[0]], "consultation", DAY, "小板凳协商议事会",
                                       points=2, attachments=[str(sign_in)]))
    assert len(uuids) == 3
    rows = list_duties(db)
    assert sorted(r.member_name for r in rows) == ["张三", "李四", "王五"]
    assert len({r.source_uuid for r in rows}) == 1 and rows[0].source_uuid
    with db.read() as s:
        shas = s.execute(select(Attachment.sha256).where(Attachment.owner_uuid.in_(uuids))).scalars().all()
        batches = s.execute(select(DutyRecord.version).where(DutyRecord.uuid.in_(uuids))).scalars().all()
    assert len(shas) == 3 and len(set(shas)) == 1  # one stored file, attached to each record
    assert len(set(batches)) == 1  # one transaction
    with pytest.raises(ValidationError):
        quick_entry(db, QuickEntry([], "consultation", DAY, "空"))
