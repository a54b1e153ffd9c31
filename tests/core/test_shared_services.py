"""Attachments by hash and the trash."""

import pytest

from zxdesk.core.errors import ValidationError
from zxdesk.core.services import attachments, trash
from zxdesk.core.storage.models import Sector


def test_attachment_copied_once_by_hash(db, tmp_path):
    src = tmp_path / "签到表.jpg"
    src.write_bytes(b"\xff\xd8fake jpeg")
    a = attachments.attach(db, "meeting", "m-1", src, "签到表")
    b = attachments.attach(db, "meeting", "m-1", src)
    assert a.sha256 == b.sha256 and a.uuid != b.uuid
    stored = attachments.stored_path(db, a.sha256)
    assert stored.read_bytes() == src.read_bytes()
    assert [x.filename for x in attachments.list_attachments(db, "m-1")] == ["签到表.jpg", "签到表.jpg"]
    src.unlink()
    assert stored.exists()


def test_missing_attachment_file_is_refused(db, tmp_path):
    with pytest.raises(ValidationError):
        attachments.attach(db, "meeting", "m-1", tmp_path / "nope.jpg")
    assert attachments.list_attachments(db, "m-1") == []


def test_trash_and_restore(db):
    with db.write() as w:
        s = Sector(name="教育界")
        w.session.add(s)
    assert trash.move_to_trash(db, "sector", [s.uuid]) == 1
    assert [i.label for i in trash.list_trash(db, "sector")] == ["教育界"]
    trash.restore(db, "sector", [s.uuid])
    assert trash.list_trash(db, "sector") == []


def test_backup_makes_an_openable_copy(db, tmp_path):
    from zxdesk.core.services.backup import backup_to
    from zxdesk.core.storage.database import open_database

    with db.write() as w:
        w.session.add(Sector(name="教育界"))
    copy = backup_to(db, tmp_path / "copy.sqlite3")
    other = open_database(copy)
    assert other.site_state().site_id == db.site_state().site_id
    other.dispose()
    with pytest.raises(ValidationError):
        backup_to(db, copy)
