"""Roster import: each defect of real rosters, in real .xlsx, .xls and .csv files."""

import datetime as dt
import json

import openpyxl
import pytest
from sqlalchemy import func, select

from tests.ledger_helpers import add_member, id_number, write_xlsx
from zxdesk.core.errors import ValidationError
from zxdesk.core.importing.apply import list_batches, undo_import
from zxdesk.core.importing.export import export_members, export_rejections
from zxdesk.core.importing.mappings import save_mapping
from zxdesk.core.importing.members_import import check_import, import_members, open_roster, run_import, set_mapping
from zxdesk.core.services.members import list_members
from zxdesk.core.storage.models import ChangeLog, Member

ID_A = id_number("19750315", 1)  # male
ID_B = id_number("19800501", 2, male=False)
ID_C = id_number("19621120", 3)


def members_by_name(db):
    return {m.name: m for m in list_members(db)}


def outcomes(report):
    return [(o.line, o.outcome, o.name) for o in report.outcomes]


def test_title_rows_merged_cells_and_varied_headers(db, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [
        ["鸡西市政协第十届委员名册"],
        ["填报单位：市政协办公室", None, None, None, None, "2023年12月"],
        ["序号", "名字", "公民身份号码", "出生日期", "界别", "联系电话"],
        [1, "张三", ID_A, "1975.03", "教育界", "13900001111"],
        [2, "李四", ID_B, "1980.05", None, "13900002222"],
        [3, "王五", ID_C, "1962.11", "经济界", "13900003333"],
    ], merges=["A1:F1", "E4:E5"])
    report = import_members(db, path)
    assert outcomes(report) == [(4, "imported", "张三"), (5, "imported", "李四"), (6, "imported", "王五")]
    people = members_by_name(db)
    assert people["李四"].sector == "教育界"  # the merged cell gives both rows the sector
    assert people["王五"].sector == "经济界"
    assert people["张三"].id_number == ID_A and people["张三"].phone == "13900001111"


@pytest.mark.parametrize("headers", [
    ["姓名", "身份证号", "出生年月"],
    ["名字", "身份证号码", "出生日期"],
    ["姓 名", "公民身份号码", "出生年月日"],
    ["委员姓名", "身份证号(必填)", "出生时间"],
])
def test_header_names_vary(db, tmp_path, headers):
    path = write_xlsx(tmp_path / "h.xlsx", [headers, ["张三", ID_A, "1975-03"]])
    roster = open_roster(db, path)
    assert roster.mapping == ["name", "id_number", "birth"]
    assert import_members(db, path).count("imported") == 1


@pytest.mark.parametrize("birth", ["1975.03", "1975年3月", "1975-3", "197503", dt.datetime(1975, 3, 15), 27454,
                                   "27454", 1975.03])
def test_dates_in_every_notation(db, tmp_path, birth):
    path = write_xlsx(tmp_path / "d.xlsx", [["姓名", "出生年月", "性别"], ["赵六", birth, "男"]])
    report = import_members(db, path)
    assert report.count("imported") == 1, report.as_json()
    assert members_by_name(db)["赵六"].birth == "1975-03"


def test_number_cell_shown_with_two_decimals_reads_october(db, tmp_path):
    path = write_xlsx(tmp_path / "d.xlsx", [["姓名", "出生年月"], ["赵六", 1975.1], ["钱七", 1975.1]],
                      number_formats={(2, 2): "0.00"})
    import_members(db, path)
    people = members_by_name(db)
    assert people["赵六"].birth == "1975-10" and people["钱七"].birth == "1975-01"


def test_ambiguous_decimal_birth_is_settled_by_the_id(db, tmp_path):
    october = id_number("19751005", 4)
    path = write_xlsx(tmp_path / "d.xlsx", [["姓名", "出生年月", "身份证号"], ["赵六", 1975.1, october]])
    assert import_members(db, path).count("imported") == 1
    assert members_by_name(db)["赵六"].birth == "1975-10"


def test_full_width_digits_and_stray_spaces(db, tmp_path):
    wide = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
    path = write_xlsx(tmp_path / "w.xlsx", [
        ["姓名", "身份证号", "联系电话", "出生年月", "界别"],
        ["  张　三 ", " " + ID_A.translate(wide) + " ", "１３９ ０００ ０１１１１", "１９７５．０３", " 教育界 "],
    ])
    assert import_members(db, path).count("imported") == 1
    m = members_by_name(db)["张三"]
    assert (m.id_number, m.phone, m.birth, m.sector) == (ID_A, "13900001111", "1975-03", "教育界")


def test_blank_rows_footer_and_repeated_header_are_skipped(db, tmp_path):
    path = write_xlsx(tmp_path / "b.xlsx", [
        ["姓名", "性别", "身份证号"],
        ["张三", "男", ID_A],
        [None, None, None],
        ["  ", None, None],
        ["姓名", "性别", "身份证号"],  # the header repeated on the next printed page
        ["李四", "女", ID_B],
        [None, None, None],
        ["合计", "2人", None],
        ["填表人：王芳", None, "审核人：刘强"],
    ])
    report = import_members(db, path)
    assert [(o.name, o.outcome) for o in report.outcomes] == [("张三", "imported"), ("李四", "imported")]
    assert report.skipped == {"blank": 3, "footer": 2, "header": 1}
    assert "合计" not in members_by_name(db)


def test_same_person_twice_is_imported_once(db, tmp_path):
    path = write_xlsx(tmp_path / "dup.xlsx", [
        ["姓名", "身份证号", "出生年月"],
        ["张三", ID_A, "1975.03"],
        ["李四", None, "1980.05"],
        ["张三", ID_A.lower(), "1975年3月"],
        ["李四", None, "1980-05"],
    ])
    report = import_members(db, path)
    assert outcomes(report) == [(2, "imported", "张三"), (3, "imported", "李四"), (4, "rejected", "张三"),
                                (5, "rejected", "李四")]
    assert "与第2行重复" in report.outcomes[2].reason and "身份证号" in report.outcomes[2].reason
    assert "与第3行重复" in report.outcomes[3].reason
    assert len(list_members(db)) == 2


def test_missing_gender_comes_from_the_id(db, tmp_path):
    path = write_xlsx(tmp_path / "g.xlsx", [["姓名", "性别", "身份证号"], ["张三", None, ID_A], ["李四", "", ID_B]])
    import_members(db, path)
    people = members_by_name(db)
    assert people["张三"].gender == "男" and people["李四"].gender == "女"
    assert people["张三"].birth == "1975-03"  # and birth, when the roster has none


def test_gender_or_birth_contradicting_the_id_is_rejected(db, tmp_path):
    path = write_xlsx(tmp_path / "g.xlsx", [["姓名", "性别", "身份证号", "出生年月"],
                                            ["张三", "女", ID_A, "1975.03"], ["李四", "女", ID_B, "1981.05"]])
    report = import_members(db, path)
    assert [o.outcome for o in report.outcomes] == ["rejected", "rejected"]
    assert "性别与身份证号不一致" in report.outcomes[0].reason
    assert "出生年月与身份证号不一致" in report.outcomes[1].reason


def test_id_damaged_by_excel_is_rejected_and_never_stored(db, tmp_path):
    damaged = float(ID_C[:-1] + "0")  # what Excel keeps of an ID typed into a number cell
    path = write_xlsx(tmp_path / "e.xlsx", [
        ["姓名", "身份证号"],
        ["张三", ID_A],
        ["王五", damaged],
        ["赵六", "2.30302E+17"],
    ], number_formats={(3, 2): "0.00E+00"})
    report = import_members(db, path)
    assert [o.outcome for o in report.outcomes] == ["imported", "rejected", "rejected"]
    for o in report.outcomes[1:]:
        assert "Excel" in o.reason and "1.23E+17" in o.reason
    with db.read() as s:
        stored = s.execute(select(Member.id_number)).scalars().all()
        logged = s.execute(select(ChangeLog.new_value).where(ChangeLog.field == "id_number")).scalars().all()
    assert stored == [ID_A]
    assert all("E+" not in (v or "") and "230302" not in (v or "")[:0] for v in logged)
    assert json.loads(logged[0]) == ID_A and len(logged) == 1


def test_csv_id_with_trailing_zeros_is_rejected(db, tmp_path):
    path = tmp_path / "e.csv"
    path.write_text(f"姓名,身份证号\n王五,{ID_C[:15]}000\n", encoding="utf-8")
    report = import_members(db, path)
    assert report.outcomes[0].outcome == "rejected" and "Excel" in report.outcomes[0].reason


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings_are_detected(db, tmp_path, encoding):
    path = tmp_path / "r.csv"
    text = ("县政协委员名册,,,\n姓名,性别,界别,工作单位\n"
            "张三,男,农业和农村界,鸡西市梨树区穆棱镇人民政府\n李四,女,医药卫生界,鸡西市人民医院\n")
    path.write_bytes(text.encode(encoding))
    roster = open_roster(db, path)
    assert roster.sheet.encoding.replace("-sig", "") in ("utf-8", "gb18030")
    import_members(db, path)
    people = members_by_name(db)
    assert people["张三"].sector == "农业和农村界" and people["李四"].unit == "鸡西市人民医院"


def test_xls_with_title_rows_merged_cells_and_dates(db, tmp_path):
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名册")
    sheet.write_merge(0, 0, 0, 4, "县政协委员名册")
    for c, h in enumerate(["序号", "姓名", "出生年月", "界别", "身份证号"]):
        sheet.write(1, c, h)
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    sheet.write(2, 0, 1)
    sheet.write(2, 1, "张三")
    sheet.write(2, 2, dt.date(1975, 3, 15), date_style)
    sheet.write_merge(2, 3, 3, 3, "教育界")
    sheet.write(2, 4, ID_A)
    sheet.write(3, 0, 2)
    sheet.write(3, 1, "李四")
    sheet.write(3, 2, "1980年5月")
    sheet.write(3, 4, ID_B)
    sheet.write(4, 0, 3)
    sheet.write(4, 1, "王五")
    sheet.write(4, 2, 22970)  # an Excel serial day number: 1962-11-20
    sheet.write(4, 4, float(ID_C[:-1] + "0"))  # the ID typed as a number
    path = tmp_path / "r.xls"
    book.save(str(path))
    report = import_members(db, path)
    assert [o.outcome for o in report.outcomes] == ["imported", "imported", "rejected"]
    assert "Excel" in report.outcomes[2].reason
    people = members_by_name(db)
    assert people["张三"].birth == "1975-03" and people["李四"].sector == "教育界"
    assert people["李四"].birth == "1980-05"


def test_unknown_file_type_and_missing_header_are_clear_errors(db, tmp_path):
    bad = tmp_path / "r.docx"
    bad.write_bytes(b"PK")
    with pytest.raises(ValidationError) as err:
        import_members(db, bad)
    assert "不支持" in err.value.zh
    path = write_xlsx(tmp_path / "n.xlsx", [["甲", "乙"], [1, 2]])
    with pytest.raises(ValidationError) as err:
        import_members(db, path)
    assert "表头" in err.value.zh
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip at all")
    with pytest.raises(ValidationError) as err:
        import_members(db, broken)
    assert "无法读取" in err.value.zh


def test_update_by_id_then_by_name_and_birth(db, tmp_path):
    zs = add_member(db, "张三", id_number=ID_A, phone="13900001111", unit="旧单位")
    ls = add_member(db, "李四", birth="1980-05", unit="县医院")
    path = write_xlsx(tmp_path / "u.xlsx", [
        ["姓名", "身份证号", "出生年月", "工作单位", "联系电话"],
        ["张三", ID_A, None, "新单位", None],  # empty cells never erase
        ["李四", None, "1980.05", "县人民医院", "0451-8234567"],
        ["王五", None, "1962.11", "县一中", None],
    ])
    dry = import_members(db, path, dry_run=True)
    assert [(o.outcome, o.member_uuid) for o in dry.outcomes] == [("updated", zs), ("updated", ls), ("imported", "")]
    assert len(list_members(db)) == 2  # the dry run wrote nothing
    report = import_members(db, path)
    assert report.as_json()["updated"] == 2 and report.as_json()["imported"] == 1
    people = members_by_name(db)
    assert people["张三"].unit == "新单位" and people["张三"].phone == "13900001111"
    assert people["李四"].unit == "县人民医院" and people["李四"].phone == "0451-8234567"
    with db.read() as s:
        fields = s.execute(select(ChangeLog.field).where(ChangeLog.record_uuid == zs,
                                                         ChangeLog.batch == report.batch)).scalars().all()
    assert fields == ["unit"]  # one change-log entry per changed field


def test_same_name_and_birth_but_another_id_is_rejected(db, tmp_path):
    add_member(db, "张三", id_number=ID_A)
    other = id_number("19750320", 9)
    path = write_xlsx(tmp_path / "x.xlsx", [["姓名", "身份证号", "出生年月"], ["张三", other, "1975.03"]])
    report = import_members(db, path)
    assert report.outcomes[0].outcome == "rejected" and "身份证号不同" in report.outcomes[0].reason


def test_round_trip_loses_nothing(db, tmp_path):
    sector_roster = write_xlsx(tmp_path / "in.xlsx", [
        ["委员名册"],
        ["姓名", "性别", "民族", "出生年月", "政治面貌", "界别", "工作单位", "职务", "联系电话", "身份证号", "学历",
         "级别", "届次", "政协职务", "状态", "工作站", "任职日期", "离任日期", "备注"],
        ["张三", "男", "满族", "1975.03", "中共党员", "教育界", "县一中", "校长", "13900001111", ID_A, "本科",
         "县", "第十届", "常委", "在任", "城关工作站", "2021-01-10", None, "特邀"],
        ["李四", None, "汉族", None, "民盟", "医药卫生界", "县医院", "院长", "0451-8234567", ID_B, "硕士",
         "市", "第九届", "委员", "离任", "城关工作站", "2016-01-05", "2021-01-05", ""],
        ["䶮喆", "女", "回族", "1962年11月", "群众", None, "个体", "", "", None, "", "县", "", "委员", "", "",
         None, None, None],
    ], merges=["A1:S1"])
    first = import_members(db, sector_roster)
    assert first.count("imported") == 3 and first.count("rejected") == 0
    before = [m.as_json() | {"joined_on": m.joined_on, "left_on": m.left_on, "note": m.note, "title": m.title,
                             "education": m.education, "term": m.term} for m in list_members(db)]
    exported = tmp_path / "out.xlsx"
    assert export_members(db, exported) == 3
    again = import_members(db, exported)
    assert again.count("updated") == 3 and again.count("imported") == 0 and again.count("rejected") == 0
    assert all(o.changes == [] for o in again.outcomes)
    assert again.batch is None  # nothing to write
    after = [m.as_json() | {"joined_on": m.joined_on, "left_on": m.left_on, "note": m.note, "title": m.title,
                            "education": m.education, "term": m.term} for m in list_members(db)]
    assert after == before
    # into an empty database: the same members again
    from zxdesk.core.storage.database import open_database

    other = open_database(tmp_path / "other.sqlite3", create=True)
    try:
        assert import_members(other, exported).count("imported") == 3
        strip = lambda rows: [{k: v for k, v in r.items() if k != "uuid"} for r in rows]  # noqa: E731
        copied = [m.as_json() | {"joined_on": m.joined_on, "left_on": m.left_on, "note": m.note, "title": m.title,
                                 "education": m.education, "term": m.term} for m in list_members(other)]
        assert strip(copied) == strip(before)
    finally:
        other.dispose()


def test_exported_ids_and_phones_are_text_cells(db, tmp_path):
    add_member(db, "张三", id_number=ID_A, phone="13900001111")
    path = tmp_path / "out.xlsx"
    export_members(db, path)
    ws = openpyxl.load_workbook(path).active
    header = [c.value for c in ws[2]]
    row = {h: c for h, c in zip(header, ws[3])}
    assert row["身份证号"].value == ID_A and row["身份证号"].data_type == "s"
    assert row["联系电话"].value == "13900001111" and row["联系电话"].data_type == "s"


def test_undo_removes_new_members_and_restores_updated_fields(db, tmp_path):
    zs = add_member(db, "张三", id_number=ID_A, unit="旧单位")
    path = write_xlsx(tmp_path / "u.xlsx", [["姓名", "身份证号", "工作单位", "界别"],
                                            ["张三", ID_A, "新单位", "新界别"], ["李四", ID_B, "县医院", None]])
    report = import_members(db, path)
    assert {m.name: m.unit for m in list_members(db)} == {"张三": "新单位", "李四": "县医院"}
    result = undo_import(db, report.batch)
    assert (result.removed, result.kept) == (1, 0) and result.reverted >= 2
    people = members_by_name(db)
    assert list(people) == ["张三"] and people["张三"].unit == "旧单位" and people["张三"].sector == ""
    assert list_batches(db)[0].undone_at is not None
    with pytest.raises(ValidationError):
        undo_import(db, report.batch)
    from zxdesk.core.services.members import member_choices

    assert member_choices(db).sectors == []  # the sector the import created went too
    assert zs in {m.uuid for m in list_members(db)}


def test_undo_keeps_fields_changed_after_the_import(db, tmp_path):
    from zxdesk.core.services.members import get_member, save_member

    zs = add_member(db, "张三", id_number=ID_A, unit="旧单位", title="旧职务")
    path = write_xlsx(tmp_path / "u.xlsx", [["姓名", "身份证号", "工作单位", "职务"], ["张三", ID_A, "新单位", "新职务"]])
    report = import_members(db, path)
    draft = get_member(db, zs).draft
    draft.title = "手改职务"
    save_member(db, zs, draft)
    result = undo_import(db, report.batch)
    assert (result.reverted, result.kept) == (1, 1)
    m = members_by_name(db)["张三"]
    assert m.unit == "旧单位" and m.title == "手改职务"


def test_import_is_one_transaction_and_cancel_leaves_nothing(db, tmp_path):
    from zxdesk.core.progress import Cancelled, Progress

    path = write_xlsx(tmp_path / "c.xlsx", [["姓名", "界别"], ["张三", "教育界"], ["李四", "经济界"]])
    progress = Progress(lambda done, total, msg: progress.cancel() if msg == "更新已有委员" else None)
    with pytest.raises(Cancelled):
        import_members(db, path, progress=progress)
    with db.read() as s:
        assert s.execute(select(func.count()).select_from(Member)).scalar_one() == 0
        assert s.execute(select(func.count()).select_from(ChangeLog)).scalar_one() == 0
    report = import_members(db, path)
    with db.read() as s:
        batches = s.execute(select(ChangeLog.batch).distinct()).scalars().all()
    assert batches == [report.batch]


def test_rejections_download_as_xlsx(db, tmp_path):
    path = write_xlsx(tmp_path / "r.xlsx", [["姓名", "身份证号", "联系电话"], ["张三", ID_A, "13900001111"],
                                            ["王五", 2.3e17, "139"]])
    roster = open_roster(db, path)
    report = check_import(db, roster)
    out = tmp_path / "rejected.xlsx"
    assert export_rejections(report, roster.headers, out) == 1
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[2]] == ["原行号", "原因", "姓名", "身份证号", "联系电话"]
    row = [c.value for c in ws[3]]
    assert row[0] == 3 and "Excel" in row[1] and row[2] == "王五"


def test_mapping_can_be_corrected_and_saved(db, tmp_path):
    path = write_xlsx(tmp_path / "m.xlsx", [["姓名", "手机", "所在党派"], ["张三", "13900001111", "民盟"]])
    roster = open_roster(db, path)
    assert roster.mapping == ["name", "phone", ""] and not roster.mapping_saved
    with pytest.raises(ValidationError):
        set_mapping(roster, ["", "phone", "party"])  # a name column is required
    set_mapping(roster, ["name", "phone", "party"])
    save_mapping(db, roster.headers, roster.mapping)
    again = open_roster(db, path)
    assert again.mapping == ["name", "phone", "party"] and again.mapping_saved
    run_import(db, again)
    assert members_by_name(db)["张三"].party == "民盟盟员"


def test_a_name_corrected_by_id_updates_the_search_keys(db, tmp_path):
    from zxdesk.core.services.members import MemberFilter

    uuid = add_member(db, "张山", id_number=ID_A)
    path = write_xlsx(tmp_path / "n.xlsx", [["姓名", "身份证号"], ["章善", ID_A]])
    report = import_members(db, path)
    assert report.outcomes[0].outcome == "updated" and report.as_json()["rows"][0]["changes"] == ["姓名"]
    assert [m.uuid for m in list_members(db, MemberFilter(text="zhangshan"))] == [uuid]
    assert [m.name for m in list_members(db, MemberFilter(text="zs"))] == ["章善"]
    undo_import(db, report.batch)
    assert [m.name for m in list_members(db, MemberFilter(text="zs"))] == ["张山"]


def test_station_demo_round_trips_and_is_assessed(db, tmp_path):
    from zxdesk.core.demo import generate
    from zxdesk.core.services.assessment import assess_year

    generate(db, scale="station", seed=3)
    before = [m.as_json() for m in list_members(db)]
    path = tmp_path / "demo.xlsx"
    assert export_members(db, path) == len(before) > 0
    report = import_members(db, path)
    assert report.count("updated") == len(before) and report.count("rejected") == 0
    assert all(not o.changes for o in report.outcomes) and report.batch is None
    assert [m.as_json() for m in list_members(db)] == before
    years = [r for r in range(2020, 2026) if assess_year(db, r).rows and any(x.points for x in assess_year(db, r).rows)]
    assert years  # the demo's records are assessed
