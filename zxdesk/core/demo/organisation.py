"""The committee, its rules and settings, sectors and work stations."""

from __future__ import annotations

import datetime as dt
import json

from ..domain import vocab
from ..storage.models import (
    AssessmentIndicator,
    BoardSettings,
    Committee,
    DutyPoints,
    Sector,
    Setting,
    Station,
)
from . import places
from .context import AS_OF, Demo, StationInfo
from .identity import landline


def build_organisation(demo: Demo) -> None:
    rng = demo.rng("organisation")
    uid = demo.uid
    committee = uid(rng)
    demo.committee_uuid = committee
    phone = landline(rng)
    demo.insert(Committee, [{
        "uuid": committee, "code": places.COMMITTEE_CODE, "name": places.COMMITTEE_NAME,
        "region": places.COMMITTEE_REGION, "address": f"{places.COUNTY}{places.COUNTY_SEAT}人民路88号",
        "supervision_phone": phone, "deleted": False,
    }])
    demo.insert(BoardSettings, [{
        "uuid": uid(rng), "committee_uuid": committee, "committee_name": places.COMMITTEE_NAME,
        "supervision_phone": phone, "seal_text": f"{places.COMMITTEE_NAME}（印章）",
        "footer": "欢迎社会各界监督", "deleted": False,
        "objection_contact": f"如有异议，请于公示期内向县政协委员工作委员会反映，电话：{phone}",
    }])
    settings = {
        "assessment.excellent_quota": 20,
        "assessment.current_year": AS_OF.year,
        "committee.term": "第十届",
        "rota.days_per_month": 3,
        "demo.generated": {"scale": demo.scale.name, "seed": demo.seed, "as_of": AS_OF.isoformat()},
    }
    demo.insert(Setting, [
        {"uuid": uid(rng), "committee_uuid": committee, "key": key,
         "value": json.dumps(value, ensure_ascii=False), "deleted": False}
        for key, value in settings.items()
    ])
    demo.insert(AssessmentIndicator, [
        {"uuid": uid(rng), "committee_uuid": committee, "code": ind["code"], "label": ind["label"],
         "duty_types": json.dumps(ind["duty_types"], ensure_ascii=False),
         "outcomes": json.dumps(ind["outcomes"], ensure_ascii=False),
         "min_count": ind["min_count"], "kind": ind["kind"], "sort_order": i, "deleted": False}
        for i, ind in enumerate(vocab.DEFAULT_INDICATORS)
    ])
    demo.insert(DutyPoints, [
        {"uuid": uid(rng), "committee_uuid": committee, "duty_type": code, "points": float(points),
         "deleted": False}
        for code, points in vocab.DEFAULT_POINTS.items()
    ])
    sectors = []
    for i, name in enumerate(vocab.SECTORS):
        demo.sectors[name] = uuid = uid(rng)
        sectors.append({"uuid": uuid, "name": name, "sort_order": i, "active": True, "deleted": False})
    demo.insert(Sector, sectors)
    build_stations(demo)


def _station_places(demo: Demo) -> list[tuple[str, str, bool]]:
    """(prefix, place, is community) for every station: towns first, about a quarter communities."""
    rng = demo.rng("station-names")
    n = demo.scale.stations
    per_county = min(n, 59)  # Jiamusi's count; the name lists hold enough for one county
    out: list[tuple[str, str, bool]] = []
    counties = ("",) + places.OTHER_COUNTIES
    block = 0
    while len(out) < n:
        prefix = counties[block % len(counties)]
        if block >= len(counties):
            prefix += f"第{block // len(counties) + 1}片区"
        take = min(per_county, n - len(out))
        communities = round(take * 0.25) if take > 4 else 0
        towns = rng.sample(places.TOWNS, take - communities)
        comms = rng.sample(places.COMMUNITIES, communities)
        out += [(prefix, t, False) for t in towns] + [(prefix, c, True) for c in comms]
        block += 1
    return out


def build_stations(demo: Demo) -> None:
    rng = demo.rng("stations")
    rows = []
    first_day = dt.date(2019, 3, 1).toordinal()
    last_day = dt.date(2021, 12, 1).toordinal()
    for prefix, place, community in _station_places(demo):
        uuid = demo.uid(rng)
        name = f"{prefix}{place}委员工作{'室' if community else '站'}"
        township = places.COUNTY_SEAT if community else place
        demo.stations.append(StationInfo(uuid, name, township, place))
        rows.append({
            "uuid": uuid, "name": name, "kind": "工作室" if community else "工作站",
            "township": township, "address": places.address(rng, place),
            "founded_on": demo.date(rng.randint(first_day, last_day)),
            "contact_phone": landline(rng),
            "has_staff": rng.random() < 0.95, "has_premises": rng.random() < 0.92,
            "has_sign": rng.random() < 0.9, "has_rules": rng.random() < 0.9,
            "has_archive": rng.random() < 0.85, "has_assessment": rng.random() < 0.75,
            "deleted": False,
        })
    demo.insert(Station, rows)
