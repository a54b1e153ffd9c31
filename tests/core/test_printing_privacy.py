"""Every public document, made from demo data, is read back with pdftotext: no member's
full phone or ID number and no mediation party's full name may appear in it."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
from sqlalchemy import func, select

from zxdesk.core.documents.masking import split_names
from zxdesk.core.documents.render import render_badges, render_board, render_meeting_paper
from zxdesk.core.documents.scope import list_scopes
from zxdesk.core.storage.models import DutyRecord, MediationCase, Meeting, Member, OrgGroup, Sector, Station

DAY = dt.date(2025, 1, 10)


def fill_demo(db, scale: str) -> None:
    from zxdesk.core.demo import generate

    generate(db, scale=scale, seed=2024)


def private_values(db) -> tuple[set[str], set[str], set[str]]:
    with db.read() as s:
        phones = {re.sub(r"\D", "", p) for p in s.execute(select(Member.phone)).scalars() if p}
        ids = {i.upper() for i in s.execute(select(Member.id_number)).scalars() if i}
        public = "|".join(
            list(s.execute(select(Member.name)).scalars()) + list(s.execute(select(Station.name)).scalars())
            + list(s.execute(select(Sector.name)).scalars()) + list(s.execute(select(OrgGroup.name)).scalars()))
        parties = {n for text in s.execute(select(MediationCase.parties)).scalars() for n in split_names(text)}
    # A party who shares a name with a member (or whose name is part of one) cannot be told apart.
    parties = {p for p in parties if len(p) >= 2 and p not in public}
    return {p for p in phones if len(p) >= 7}, ids, parties


def documents(db, *, meetings: int | None = None):
    """(label, document) for every public document kind, scope and period in the data."""
    with db.read() as s:
        last = s.execute(select(func.max(DutyRecord.occurred_on))).scalar() or dt.date(2023, 12, 31)
        scopes = [c.code for c in list_scopes(s)]
        meeting_ids = s.execute(select(Meeting.uuid).where(Meeting.deleted.is_(False))
                                .order_by(Meeting.starts_at)).scalars().all()
    year = last.year
    stations = [c for c in scopes if c.startswith("station:")]
    groups = [c for c in scopes if c.startswith(("sector:", "group:"))]
    board_scopes = ["all"] + stations[:3] + groups[:2]
    for scope in board_scopes:
        yield f"performance {scope}", render_board(db, "performance", scope, f"{year}H1", day=DAY)
        yield f"performance {scope} year", render_board(db, "performance", scope, str(year), day=DAY)
        for half in ("H1", "H2"):
            yield f"commitments {scope} {half}", render_board(db, "commitments", scope, f"{year}{half}", day=DAY)
        for kind in ("assessment", "selection"):
            yield f"{kind} {scope}", render_board(db, kind, scope, str(year), day=DAY)
    picked = meeting_ids if meetings is None else meeting_ids[:: max(1, len(meeting_ids) // meetings)]
    for uuid in picked:
        for what in ("notice", "minutes", "signin"):
            yield f"{what} {uuid}", render_meeting_paper(db, what, uuid)
    for scope in stations[:2] or ["all"]:
        for style in ("badge", "table", "door"):
            yield f"{style} {scope}", render_badges(db, scope, style=style)


def extract(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                         text=True, encoding="utf-8").stdout
    return re.sub(r"\s+", "", out)


def check_documents(db, tmp_path, *, meetings: int | None = None) -> int:
    phones, ids, parties = private_values(db)
    assert phones and ids, "the data must contain phone and ID numbers to prove anything"
    count = 0
    for label, doc in documents(db, meetings=meetings):
        text = extract(doc.pdf, tmp_path)
        digits = re.sub(r"\D", "", text)
        assert text, label
        leaked_phones = [p for p in phones if p in text]
        leaked_ids = [i for i in ids if i in text.upper() or i[:17] in digits]
        leaked_names = [n for n in parties if n in text]
        assert not leaked_phones, f"{label}: full phone numbers printed"
        assert not leaked_ids, f"{label}: ID numbers printed"
        assert not leaked_names, f"{label}: mediation parties' full names printed: {leaked_names}"
        count += 1
    return count


def test_station_scale_documents_leak_nothing(db, tmp_path):
    fill_demo(db, "station")
    assert check_documents(db, tmp_path) >= 20


def test_leak_check_would_catch_a_printed_phone(db, tmp_path):
    """The check is not vacuous: a phone written into a printed title is found if unmasked."""
    from tests.printing_data import build

    data = build(db, members=6)
    phones, _ids, parties = private_values(db)
    assert parties >= {"贾宝玉", "林黛玉"}
    text = extract(render_board(db, "performance", "all", "2023", day=DAY).pdf, tmp_path)
    assert "138****1111" in text and "13800001111" not in text  # the phone in a duty title, masked
    assert "贾**" in text
    assert data["phones"][0] not in text


@pytest.mark.slow
def test_county_scale_documents_leak_nothing(county_db, tmp_path):
    assert check_documents(county_db, tmp_path, meetings=30) >= 20
