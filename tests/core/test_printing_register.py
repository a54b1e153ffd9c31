"""Board settings, the posting register and the due-board list."""

import datetime as dt

import pytest

from tests.printing_data import build, photo_bytes
from zxdesk.core.errors import NotFoundError, ValidationError
from zxdesk.core.services import board_due, boards
from zxdesk.core.services.attachments import stored_path
from zxdesk.core.storage.models import ChangeLog


def test_settings_on_a_fresh_database_create_the_committee(db):
    assert boards.get_board_settings(db).committee_name == "政协委员会"  # a neutral default
    saved = boards.save_board_settings(db, boards.BoardSettingsInfo(
        committee_name=" 政协某某县委员会 ", supervision_phone="0451-1234567", seal_text="（章）",
        footer="县政协办公室", objection_contact="县政协委员工作室"))
    assert saved.committee_name == "政协某某县委员会"
    assert boards.get_board_settings(db) == saved


def test_settings_validation_changes_nothing(db):
    with pytest.raises(ValidationError):
        boards.save_board_settings(db, boards.BoardSettingsInfo(committee_name=""))
    with pytest.raises(ValidationError):
        boards.save_board_settings(db, boards.BoardSettingsInfo(committee_name="x", footer="长" * 201))
    with db.read() as s:
        assert s.query(ChangeLog).count() == 0


def test_settings_are_used_on_boards(db):
    build(db, members=4)
    boards.save_board_settings(db, boards.BoardSettingsInfo(committee_name="政协测试委员会", supervision_phone="12345"))
    from zxdesk.core.documents.render import render_board

    import io

    from pypdf import PdfReader

    doc = render_board(db, "performance", "all", "2023")
    assert "政协测试委员会" in PdfReader(io.BytesIO(doc.pdf)).pages[0].extract_text()


def test_record_update_and_trash_a_posting(db, tmp_path):
    build(db, members=4, photos=False)
    photo = tmp_path / "posted.jpg"
    import random

    photo.write_bytes(photo_bytes(random.Random(1)))
    pdf = b"%PDF-1.4 exactly as printed"
    p = boards.record_posting(db, kind="commitments", scope="station:新华镇委员工作站", period="2023h1",
                              location="新华镇政务大厅公示栏", posted_on=dt.date(2023, 1, 12), pdf=pdf,
                              photo=photo, publicity_ends_on=dt.date(2023, 1, 18))
    assert p.period == "2023H1" and p.scope == "station:新华镇委员工作站"
    assert stored_path(db, p.pdf_sha256).read_bytes() == pdf
    assert boards.stored_file(db, p.photo_sha256).read_bytes() == photo.read_bytes()
    assert p.status(dt.date(2023, 1, 15)) == "张贴中"
    assert p.status(dt.date(2023, 1, 20)) == "公示期满待撤下"
    down = boards.update_posting(db, p.uuid, taken_down_on=dt.date(2023, 1, 19))
    assert down.status(dt.date(2023, 2, 1)) == "已撤下"
    with pytest.raises(ValidationError):
        boards.update_posting(db, p.uuid, taken_down_on=dt.date(2022, 12, 1))
    assert boards.get_posting(db, p.uuid).taken_down_on == dt.date(2023, 1, 19)
    from zxdesk.core.services.trash import move_to_trash, restore

    move_to_trash(db, "board_posting", [p.uuid])
    assert boards.list_postings(db) == []
    with pytest.raises(NotFoundError):
        boards.get_posting(db, p.uuid)
    restore(db, "board_posting", [p.uuid])
    assert [x.uuid for x in boards.list_postings(db)] == [p.uuid]


@pytest.mark.parametrize("kwargs, fragment", [
    ({"location": ""}, "地点"),
    ({"posted_on": None}, "张贴日期"),
    ({"scope": "station:不存在"}, "不存在"),
    ({"period": "2023Q1"}, "期间"),
    ({"kind": "poster"}, "类型"),
    ({"photo": "notes.txt"}, "图片"),
])
def test_bad_postings_are_refused(db, kwargs, fragment):
    build(db, members=2, photos=False)
    args = dict(kind="performance", scope="all", period="2023", location="大厅", posted_on=dt.date(2023, 7, 1))
    args.update(kwargs)
    with pytest.raises(ValidationError) as err:
        boards.record_posting(db, **args)
    assert fragment in err.value.zh
    assert boards.list_postings(db) == []


def test_due_boards(db):
    build(db, members=8, photos=False)
    today = dt.date(2024, 2, 5)
    due = board_due.due_boards(db, today)
    reasons = {(d.kind, d.scope, d.period) for d in due}
    assert ("commitments", "station:新华镇委员工作站", "2023H2") in reasons  # last half's results
    assert ("performance", "station:新华镇委员工作站", "2023H2") in reasons
    assert ("assessment", "all", "2023") in reasons and ("selection", "all", "2023") in reasons
    assert all(d.overdue for d in due if d.due_on and d.due_on < today)
    # Posting the results board (after the period) clears that item; an ended 公示期 appears.
    boards.record_posting(db, kind="commitments", scope="all", period="2023H2", location="大厅",
                          posted_on=dt.date(2024, 1, 8))
    boards.record_posting(db, kind="assessment", scope="all", period="2023", location="大厅",
                          posted_on=dt.date(2024, 1, 10), publicity_ends_on=dt.date(2024, 1, 16))
    due = board_due.due_boards(db, today)
    kinds = [(d.kind, d.period) for d in due if d.posting_uuid is None]
    assert ("commitments", "2023H2") not in kinds
    assert any("缺少现场照片" in d.reason for d in due)
    ended = [d for d in due if d.posting_uuid and "公示期已" in d.reason]
    assert ended and ended[0].overdue
    assert due[0].overdue  # overdue items first


def test_new_half_year_commitments_not_posted(db):
    build(db, members=8, photos=False, year=2024)
    due = board_due.due_boards(db, dt.date(2024, 2, 20))
    assert any(d.kind == "commitments" and d.period == "2024H1" and "承诺尚未公示" in d.reason for d in due)
