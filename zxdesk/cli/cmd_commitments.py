"""`zxdesk commitments ...`: list, rate, carry, reviews."""

from __future__ import annotations

from .output import emit_json, say


def register(sub, parent) -> None:
    group = sub.add_parser("commitments", parents=[parent], help="承诺践诺 / public commitments and fulfilment")
    cmds = group.add_subparsers(dest="commitments_command", metavar="ACTION", required=True,
                                parser_class=type(group))

    p = cmds.add_parser("list", parents=[parent], help="列出承诺 / list commitments")
    p.add_argument("--json", action="store_true", help="JSON 输出 / print JSON")
    p.add_argument("--period", help="期别，如 2023H1 / period such as 2023H1")
    p.add_argument("--owner-type", help="member/group/branch（或 委员/委员活动组/界别党支部）")
    p.add_argument("--station", help="工作站名称或 uuid / station name or uuid")
    p.add_argument("--status", help="not_started/in_progress/fulfilled/unfulfilled（或中文）")
    p.add_argument("--category", help="类别 / category")
    p.add_argument("--search", help="按内容或主体名称查找 / text in content or owner name")
    p.add_argument("--overdue", action="store_true", help="只列逾期的 / overdue only")
    p.add_argument("--as-of", help="按此日期判断逾期（默认今天）/ judge overdue as of YYYY-MM-DD")
    p.set_defaults(handler=cmd_list)

    p = cmds.add_parser("rate", parents=[parent], help="兑现率 / fulfilment rates of a period")
    p.add_argument("--period", help="期别，如 2023H1（默认最近一期）/ period (default: the latest)")
    p.add_argument("--json", action="store_true", help="JSON 输出 / print JSON")
    p.add_argument("--as-of", help="按此日期统计逾期 / judge overdue as of YYYY-MM-DD")
    p.set_defaults(handler=cmd_rate)

    p = cmds.add_parser("carry", parents=[parent], help="结转上期未兑现承诺 / carry open commitments over")
    p.add_argument("--to", required=True, metavar="PERIOD", help="结转到的期别 / the new period, e.g. 2023H2")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_carry)

    p = cmds.add_parser("reviews", parents=[parent],
                        help="委员全年承诺评议结果（供年度考核）/ a year's review results per member")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--member", help="委员 uuid / one member's uuid")
    p.add_argument("--store", action="store_true",
                   help="写入当年已有的年度考核结果 / store into the year's assessment results")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_reviews)


def _code(value: str | None, vocab: dict[str, str]) -> str | None:
    """A code given as code or as its Chinese label (unknown values pass through to
    the core's validation)."""
    if not value:
        return None
    by_label = {label: code for code, label in vocab.items()}
    return by_label.get(value.strip(), value.strip())


def _date(text: str | None):
    import datetime as dt

    from ..core.errors import ValidationError

    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise ValidationError(f"日期“{text}”格式不对，应写作 2023-06-30", f"bad date '{text}': use YYYY-MM-DD") from exc


def _station(db, text: str | None) -> str | None:
    from ..core.errors import ValidationError
    from ..core.services.commitment_list import filter_options

    if not text:
        return None
    text = text.strip()
    for uuid, name in filter_options(db).stations:
        if text in (uuid, name):
            return uuid
    raise ValidationError(f"找不到工作站“{text}”", f"station not found: {text}")


def cmd_list(args) -> int:
    from ..core.domain.vocab import COMMITMENT_STATUSES, OWNER_TYPES
    from ..core.services.commitment_list import CommitmentFilter, list_commitments
    from .context import open_db

    db = open_db(args)
    flt = CommitmentFilter(period=args.period, owner_type=_code(args.owner_type, OWNER_TYPES),
                           station_uuid=_station(db, args.station), status=_code(args.status, COMMITMENT_STATUSES),
                           category=args.category, text=args.search, overdue_only=args.overdue)
    items = list_commitments(db, flt, today=_date(args.as_of))
    if args.json:
        emit_json(items)
        return 0
    for x in items:
        late = " 逾期" if x["overdue"] else ""
        say(f"{x['period']}  {x['owner_type_label']:<5} {x['owner_name']:<10} {x['status_label']}{late}  "
            f"{x['content'][:40]}")
    say(f"共 {len(items)} 项 / {len(items)} commitments")
    return 0


def cmd_rate(args) -> int:
    from ..core.domain.periods import Period
    from ..core.services.commitment_list import filter_options
    from ..core.services.commitment_rates import DEFINITION, commitment_rates
    from .context import open_db

    db = open_db(args)
    period = args.period
    if not period:
        periods = filter_options(db).periods
        period = periods[0] if periods else Period.current().code
    report = commitment_rates(db, period, today=_date(args.as_of))
    if args.json:
        emit_json(report.as_json())
        return 0

    def line(label: str, c) -> str:
        rate = f"{c.rate:.1%}" if c.rate is not None else "—"
        return (f"  {label:<16} 共 {c.total:>5}  已兑现 {c.fulfilled:>5}  未兑现 {c.unfulfilled:>4}  "
                f"推进中 {c.in_progress:>4}  未开始 {c.not_started:>4}  兑现率 {rate}")

    say(f"{Period.parse(report.period).label} 承诺兑现率（{DEFINITION['zh']}）")
    say(line("全部", report.overall))
    for title, rows in (("按主体类型", report.by_owner_type), ("按活动组/支部", report.by_group),
                        ("按工作站", report.by_station)):
        say(title)
        for r in rows:
            say(line(r.label, r.counts))
    return 0


def cmd_carry(args) -> int:
    from ..core.services.commitment_carry import carry_over
    from .context import open_db

    result = carry_over(open_db(args), args.to)
    if args.json:
        emit_json({"from_period": result.from_period, "to_period": result.to_period, "created": result.created,
                   "skipped": result.skipped, "uuids": list(result.uuids)})
        return 0
    say(f"已从 {result.from_period} 结转 {result.created} 项到 {result.to_period}（已结转过的 {result.skipped} 项未重复）"
        f" / carried {result.created} commitments, {result.skipped} already carried")
    return 0


def cmd_reviews(args) -> int:
    from ..core.services.commitment_assessment import store_year_reviews, year_reviews
    from .context import open_db

    db = open_db(args)
    reviews = year_reviews(db, args.year, [args.member] if args.member else None)
    stored = store_year_reviews(db, args.year) if args.store else None
    if args.json:
        emit_json({"year": args.year, "members": [r.as_json() for r in reviews.values()], "stored": stored})
        return 0
    for r in reviews.values():
        say(f"{r.member_uuid}  {r.summary or '未评议'}  未评议 {r.unreviewed} 项")
    if stored is not None:
        say(f"已写入年度考核结果 {stored} 条 / stored {stored} assessment results")
    return 0
