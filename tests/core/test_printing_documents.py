"""Every document renders, reads back with pdftotext, has the right paper, repeats its
table headers across pages, embeds a font subset and warns about missing characters."""

import datetime as dt
import io
import re
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from tests.printing_data import build
from zxdesk.core.documents.render import render_badges, render_board, render_meeting_paper
from zxdesk.core.errors import NotFoundError, ValidationError

STATION = "station:新华镇委员工作站"
DAY = dt.date(2024, 1, 10)
MM = 72 / 25.4


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One database for the read-only tests of this module (building it takes a second)."""
    from zxdesk.core.storage.database import open_database

    database = open_database(tmp_path_factory.mktemp("printing") / "shared.sqlite3", create=True)
    facts = build(database, members=24)
    yield database, facts
    database.dispose()


@pytest.fixture
def db_ro(shared):
    return shared[0]


@pytest.fixture
def data(shared):
    return shared[1]


def pdftotext(pdf: bytes, tmp_path, name="doc") -> str:
    """The text pdftotext extracts, with all white space removed (it spaces CJK unevenly)."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True,
                         text=True, encoding="utf-8").stdout
    return re.sub(r"\s+", "", out)


def test_pdftotext_is_installed():
    assert shutil.which("pdftotext"), "poppler-utils is needed: tools/system_deps.sh installs it"


def test_performance_board_text_rare_names_and_page_numbers(db_ro, data, tmp_path):
    doc = render_board(db_ro, "performance", "all", "2023", day=DAY)
    text = pdftotext(doc.pdf, tmp_path)
    for name in ("刘䶮", "张喆", "王赟", "欧阳䶮喆"):
        assert name in text
    assert "政协委员业绩公示栏（2023年度）" in text
    assert "政协鸡西市鸡冠区委员会" in text and "0454-2223344" in text
    assert f"第1页共{doc.pages}页" in text and f"第{doc.pages}页共{doc.pages}页" in text
    assert "2024年1月10日" in text
    assert doc.rows == 24 and doc.missing == []


def test_long_board_repeats_its_header_on_every_page(db_ro, data, tmp_path):
    doc = render_board(db_ro, "performance", "all", "2023", day=DAY)
    assert doc.pages >= 3
    reader = PdfReader(io.BytesIO(doc.pdf))
    for page in reader.pages:
        text = page.extract_text()
        assert "主要业绩" in text and "履职情况" in text


@pytest.mark.parametrize("paper, size_mm", [("A4", (210, 297)), ("A3", (297, 420)), ("A2", (420, 594))])
@pytest.mark.parametrize("landscape", [False, True])
def test_paper_sizes_and_orientation(db_ro, data, paper, size_mm, landscape):
    doc = render_board(db_ro, "commitments", STATION, "2023H1", paper, landscape, day=DAY)
    box = PdfReader(io.BytesIO(doc.pdf)).pages[0].mediabox
    w, h = size_mm[::-1] if landscape else size_mm
    assert abs(float(box.width) - w * MM) < 1 and abs(float(box.height) - h * MM) < 1


def test_font_is_embedded_as_a_subset(db_ro, data):
    doc = render_board(db_ro, "assessment", STATION, "2023", day=DAY)
    page = PdfReader(io.BytesIO(doc.pdf)).pages[0]
    fonts = page["/Resources"]["/Font"]
    names = [fonts[k].get_object()["/BaseFont"] for k in fonts]
    assert names and all("+" in str(n) for n in names), names  # 'AAAAAA+ZXSansSC': a subset
    descriptor = fonts[list(fonts)[0]].get_object()["/FontDescriptor"].get_object()
    assert "/FontFile2" in descriptor


def test_commitments_board_before_and_after_the_period(db_ro, data, tmp_path):
    during = pdftotext(render_board(db_ro, "commitments", STATION, "2023H1", day=dt.date(2023, 2, 1)).pdf, tmp_path)
    after = pdftotext(render_board(db_ro, "commitments", STATION, "2023H1", day=DAY).pdf, tmp_path)
    assert "承诺公示" in during and "践诺情况" not in during and "完成时限" in during
    assert "承诺践诺情况公示" in after and "践诺情况" in after
    assert "教育界委员活动组" in during


def test_assessment_and_selection_carry_publicity_period_and_objection_contact(db_ro, data, tmp_path):
    a = render_board(db_ro, "assessment", STATION, "2023", day=DAY, publicity_days=7)
    text = pdftotext(a.pdf, tmp_path)
    assert a.publicity_ends_on == dt.date(2024, 1, 16)
    assert "公示期" in text and "2024年1月16日" in text and "0454-2223355" in text
    assert "提案" in text and "√" in text
    sel = render_board(db_ro, "selection", "all", "2023", day=DAY)
    text = pdftotext(sel.pdf, tmp_path)
    assert "优秀政协委员" in text and sel.rows == 3 and "刘䶮" in text


def test_assessment_needs_a_year(db_ro, data):
    with pytest.raises(ValidationError) as err:
        render_board(db_ro, "assessment", STATION, "2023H1")
    assert "年份" in err.value.zh


@pytest.mark.parametrize("scope, fragment", [("station:没有这个站", "没有这个站"), ("town:x", "范围"),
                                             ("sector:", "范围")])
def test_bad_scope_is_a_clear_error(db_ro, data, scope, fragment):
    with pytest.raises(ValidationError) as err:
        render_board(db_ro, "performance", scope, "2023")
    assert fragment in err.value.zh


@pytest.mark.parametrize("period", ["2023H3", "23", "2023-1", "", "1800"])
def test_bad_period_is_a_clear_error(db_ro, data, period):
    with pytest.raises(ValidationError):
        render_board(db_ro, "performance", "all", period)


def test_sector_and_group_scopes(db_ro, data, tmp_path):
    sector = render_board(db_ro, "performance", "sector:教育界", "2023", day=DAY)
    group = render_board(db_ro, "performance", "group:教育界委员活动组", "2023", day=DAY)
    assert sector.rows == 4 and group.rows == 8
    assert "教育界" in pdftotext(sector.pdf, tmp_path)


def test_meeting_papers(db_ro, data, tmp_path):
    notice = pdftotext(render_meeting_paper(db_ro, "notice", data["meeting"]).pdf, tmp_path)
    assert "关于召开新华镇老旧小区停车难问题协商议事会的通知" in notice and "会议地点" in notice
    minutes = pdftotext(render_meeting_paper(db_ro, "minutes", data["meeting"]).pdf, tmp_path)
    assert "会议纪要" in minutes and "协商成果" in minutes and "新华镇人民政府" in minutes
    assert "史**" in minutes and "史湘云" not in minutes
    signin = render_meeting_paper(db_ro, "signin", data["meeting"])
    text = pdftotext(signin.pdf, tmp_path)
    assert "签到表" in text and "签名" in text and signin.rows == 8
    assert all(name in text for name in data["names"][:8])


def test_unknown_meeting(db_ro, data):
    with pytest.raises(NotFoundError):
        render_meeting_paper(db_ro, "minutes", "00000000-0000-0000-0000-000000000000")


@pytest.mark.parametrize("style", ["badge", "table", "door"])
def test_badges_and_plates(db_ro, data, tmp_path, style):
    doc = render_badges(db_ro, STATION, style=style)
    text = pdftotext(doc.pdf, tmp_path)
    assert "张喆" in text
    if style == "badge":
        assert doc.pages == 2  # 18 members, 10 badges of 90×55 mm per A4 sheet
    if style == "table":
        assert doc.pages == 18


def test_missing_character_is_reported_and_printed_as_placeholder(db, tmp_path):
    from zxdesk.core.storage.models import Member

    data = build(db, members=6, photos=False)
    with db.write() as w:
        m = w.session.get(Member, data["members"][1])
        m.name = "张𠮷"
    doc = render_board(db, "performance", STATION, "2023", day=DAY)
    assert doc.missing == ["𠮷"]
    assert "张〓" in pdftotext(doc.pdf, tmp_path)
    assert render_badges(db, STATION).missing == ["𠮷"]


def test_write_is_atomic(db_ro, data, tmp_path):
    target = tmp_path / "board.pdf"
    target.write_bytes(b"old")
    doc = render_board(db_ro, "commitments", STATION, "2023H1", day=DAY)
    doc.write(target)
    assert target.read_bytes() == doc.pdf
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    with pytest.raises(ValidationError):
        doc.write(tmp_path / "missing-dir" / "x.pdf")


def test_empty_database_still_prints_a_board(db, tmp_path):
    doc = render_board(db, "performance", "all", "2023", day=DAY)
    assert doc.pages == 1 and "暂无委员" in pdftotext(doc.pdf, tmp_path)


def test_very_long_text_is_clipped_so_rows_fit_a_sheet(db, tmp_path):
    from sqlalchemy import select

    from zxdesk.core.storage.models import Commitment, CommitmentDeed

    build(db, members=4, photos=False)
    with db.write() as w:
        c = w.session.execute(select(Commitment).where(Commitment.period == "2023H1").limit(1)).scalar_one()
        c.content = "为辖区群众办实事，" * 400
        w.session.add_all(CommitmentDeed(commitment_uuid=c.uuid, text="走访" * 100) for _ in range(20))
    doc = render_board(db, "commitments", "all", "2023H1", day=DAY)
    text = pdftotext(doc.pdf, tmp_path)
    assert "……" in text and "等21件实事" in text
    assert doc.pages <= 3
