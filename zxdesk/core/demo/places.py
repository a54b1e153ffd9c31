"""Places and work units of a Heilongjiang county, for demo data."""

from __future__ import annotations

import random

COUNTY = "桦南县"
CITY = "佳木斯市"
PROVINCE = "黑龙江省"
COMMITTEE_NAME = "政协桦南县委员会"
COMMITTEE_CODE = "230822"
COMMITTEE_REGION = "黑龙江省佳木斯市桦南县"
COUNTY_SEAT = "桦南镇"

# Township names of the kind found all over the northeast (towns 镇 and townships 乡).
TOWNS = (
    "太平镇", "兴隆镇", "长发镇", "富强镇", "永安镇", "东升镇", "红旗镇", "胜利镇", "新华镇",
    "双河镇", "柳树镇", "靠山镇", "团结镇", "建国镇", "民主镇", "前进镇", "和平镇", "德胜镇",
    "五道岗乡", "大八浪乡", "明义乡", "梨树乡", "金沙乡", "向阳乡", "光明乡", "红星乡",
    "新立乡", "东兴乡", "北山乡", "西集镇", "南岔镇", "平安镇", "中和镇", "安邦镇", "福兴乡",
    "龙爪镇", "石头河子镇", "驼腰子镇", "孟家岗镇", "土龙山镇", "闫家镇", "集贤镇", "曙光乡",
    "永红乡", "宏伟镇", "友谊乡",
)
COMMUNITIES = (
    "兴华社区", "文化社区", "站前社区", "铁西社区", "铁东社区", "新城社区", "阳光社区", "幸福社区",
    "和谐社区", "育才社区", "康乐社区", "湖滨社区", "滨河社区", "北苑社区", "南苑社区", "东风社区",
    "西城社区", "锦绣社区", "朝阳社区", "建设社区",
)
# Other counties of the region, used to make station names unique at province scale.
OTHER_COUNTIES = ("桦川县", "汤原县", "富锦市", "同江市", "抚远市", "依兰县", "勃利县", "集贤县", "宝清县")

VILLAGE_STEMS = (
    "新民", "永安", "红星", "东升", "前进", "光明", "太平", "胜利", "和平", "兴隆", "长发", "富强",
    "德胜", "靠山", "民主", "合发", "双龙", "新立", "东兴", "腰营", "西林", "北岗", "南岗", "黎明",
    "宏胜", "新兴", "复兴", "保安", "福山", "二道", "三合", "四合", "五星", "六合", "七一", "八一",
    "东风", "向阳", "庆丰", "丰收", "柳河", "榆树", "杨树", "青山", "金山", "銮驾", "振兴", "民强",
)
STREETS = (
    "人民路", "解放路", "建设大街", "文化路", "友谊路", "胜利街", "新华路", "中心街", "站前路",
    "兴隆大街", "光明街", "和平路", "迎宾路", "北环路", "南环路", "东风街",
)

POLICE_SUFFIX = "派出所"

_COMPANY_WORDS = (
    "恒信", "鑫源", "丰禾", "金穗", "宏达", "龙江", "盛达", "瑞丰", "福源", "佳禾", "兴农", "德润",
    "正阳", "广源", "三江", "百川", "华瑞", "晟泰", "沃野", "北垦", "益民", "天成", "顺发", "嘉禾",
)
_COMPANY_KINDS = (
    "农业发展有限公司", "米业有限公司", "食品有限公司", "建筑工程有限公司", "商贸有限公司",
    "物流有限公司", "生物科技有限公司", "新能源有限公司", "房地产开发有限公司", "医药连锁有限公司",
    "紫苏种植专业合作社", "白瓜子种植专业合作社", "水稻种植专业合作社", "鲜食玉米专业合作社",
    "食用菌种植专业合作社", "农机专业合作社", "大豆种植专业合作社", "家庭农场",
)

# Unit pools: (unit template, titles). {gov} is 县 / 佳木斯市 / 黑龙江省 by level,
# {town} a township, {village} a village, {company} a company.
UNIT_POOLS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "party": (
        ("{gov}委办公室", ("副主任", "科长")), ("{gov}委组织部", ("副部长", "科长")),
        ("{gov}委宣传部", ("副部长", "科长")), ("{gov}委统战部", ("部长", "副部长")),
        ("{gov}直机关工委", ("副书记", "科长")), ("{town}党委", ("党委书记", "党委副书记")),
    ),
    "gov": (
        ("{gov}发展和改革局", ("局长", "副局长")), ("{gov}农业农村局", ("局长", "副局长", "科长")),
        ("{gov}水务局", ("副局长", "高级工程师")), ("{gov}住房和城乡建设局", ("副局长", "科长")),
        ("{gov}自然资源局", ("副局长", "科长")), ("{gov}营商环境建设监督局", ("局长", "副局长")),
        ("{town}人民政府", ("镇长", "副镇长", "人大主席")), ("{gov}商务局", ("副局长", "科长")),
    ),
    "school": (
        ("{gov}第一中学", ("校长", "副校长", "高级教师", "教务主任")),
        ("{gov}第二中学", ("校长", "副校长", "高级教师")), ("{gov}实验小学", ("校长", "高级教师", "教师")),
        ("{town}中心学校", ("校长", "副校长", "教师")), ("{gov}职业技术教育中心", ("校长", "讲师")),
        ("{gov}第一幼儿园", ("园长", "副园长", "教师")), ("{gov}朝鲜族学校", ("校长", "教师")),
    ),
    "health": (
        ("{gov}人民医院", ("院长", "副院长", "主任医师", "副主任医师", "护士长")),
        ("{gov}中医医院", ("院长", "主任医师", "副主任医师")),
        ("{gov}妇幼保健院", ("院长", "副主任医师", "主治医师")),
        ("{gov}疾病预防控制中心", ("主任", "副主任", "主管医师")), ("{town}卫生院", ("院长", "主治医师")),
    ),
    "company": (("{company}", ()),),
    "village": (
        ("{town}{village}村村民委员会", ("村党支部书记、村委会主任", "村委会主任", "村党支部书记")),
        ("{company}", ()),
    ),
    "finance": (
        ("中国农业银行{county}支行", ("行长", "副行长")), ("{gov}农村信用合作联社", ("理事长", "主任")),
        ("中国邮政储蓄银行{county}支行", ("行长", "副行长")), ("国家税务总局{county}税务局", ("副局长",)),
    ),
    "law": (
        ("黑龙江{word}律师事务所", ("主任律师", "律师")), ("{gov}人民法院", ("副院长", "审判员")),
        ("{gov}人民检察院", ("副检察长", "检察官")), ("{gov}司法局", ("副局长", "科长")),
        ("{gov}公安局", ("副局长", "派出所所长")),
    ),
    "science": (
        ("{gov}农业技术推广中心", ("主任", "高级农艺师", "农艺师")), ("{gov}气象局", ("局长", "工程师")),
        ("{gov}畜牧兽医服务中心", ("主任", "高级兽医师")), ("{gov}工业信息科技局", ("副局长", "科长")),
    ),
    "culture": (
        ("{gov}文化馆", ("馆长", "副馆长", "馆员")), ("{gov}图书馆", ("馆长", "副研究馆员")),
        ("{gov}书法家协会", ("主席", "副主席")), ("{gov}作家协会", ("主席", "副主席")),
        ("{gov}文体广电和旅游局", ("副局长", "科长")), ("{gov}全民健身中心", ("主任", "教练员")),
    ),
    "media": (("{gov}融媒体中心", ("主任", "副主任", "记者", "编辑")),),
    "welfare": (
        ("{gov}民政局", ("局长", "副局长")), ("{gov}社会福利中心", ("主任",)),
        ("{gov}医疗保障局", ("副局长", "科长")), ("{gov}人力资源和社会保障局", ("副局长", "科长")),
        ("{gov}残疾人联合会", ("理事长", "副理事长")),
    ),
    "mass": (
        ("{gov}总工会", ("副主席", "经费审查委员会主任")), ("{gov}妇女联合会", ("主席", "副主席")),
        ("共青团{county}委员会", ("书记", "副书记")), ("{gov}工商业联合会", ("副主席", "秘书长")),
        ("{gov}退役军人事务局", ("局长", "副局长")), ("{gov}退役军人服务中心", ("主任",)),
    ),
    "religion": (
        ("{gov}佛教协会", ("会长", "副会长")), ("{gov}伊斯兰教协会", ("会长", "副会长")),
        ("{gov}基督教两会", ("主席", "会长")),
    ),
}

# Which unit pools a sector's members come from (weights in the same order).
SECTOR_UNITS: dict[str, dict[str, int]] = {
    "中共": {"party": 6, "gov": 4},
    "民革": {"law": 5, "company": 3, "gov": 2},
    "民盟": {"school": 6, "culture": 3, "health": 1},
    "民建": {"company": 6, "finance": 4},
    "民进": {"school": 6, "culture": 2, "media": 2},
    "农工党": {"health": 9, "science": 1},
    "致公党": {"company": 6, "health": 2, "school": 2},
    "九三学社": {"science": 6, "health": 2, "school": 2},
    "无党派人士": {"school": 3, "health": 3, "company": 2, "law": 2},
    "共青团": {"mass": 5, "school": 3, "village": 2},
    "工会": {"mass": 6, "company": 4},
    "妇联": {"mass": 5, "company": 3, "village": 2},
    "工商联": {"company": 9, "mass": 1},
    "科技界": {"science": 8, "company": 2},
    "经济界": {"company": 6, "finance": 3, "gov": 1},
    "农业和农村界": {"village": 8, "science": 1, "gov": 1},
    "教育界": {"school": 10},
    "医药卫生界": {"health": 10},
    "社会福利和社会保障界": {"welfare": 9, "village": 1},
    "文化艺术界": {"culture": 9, "media": 1},
    "体育界": {"culture": 5, "school": 5},
    "新闻出版界": {"media": 8, "culture": 2},
    "少数民族界": {"school": 4, "village": 4, "gov": 2},
    "宗教界": {"religion": 10},
    "特邀人士": {"law": 7, "gov": 3},
    "退役军人": {"mass": 5, "company": 4, "village": 1},
}



def company(rng: random.Random) -> str:
    return f"{COUNTY}{rng.choice(_COMPANY_WORDS)}{rng.choice(_COMPANY_KINDS)}"


def company_title(rng: random.Random, name: str) -> str:
    if name.endswith("合作社"):
        return rng.choice(("理事长", "副理事长"))
    if name.endswith("家庭农场"):
        return "场主"
    return rng.choice(("董事长", "总经理", "副总经理", "董事长兼总经理"))


def village(rng: random.Random) -> str:
    return rng.choice(VILLAGE_STEMS) + "村"


def unit_and_title(rng: random.Random, sector: str, level: str, town: str) -> tuple[str, str]:
    pools = SECTOR_UNITS.get(sector, {"company": 1, "gov": 1})
    pool = rng.choices(list(pools), list(pools.values()))[0]
    template, titles = rng.choice(UNIT_POOLS[pool])
    # Members of the higher committees who work here mostly hold county posts too.
    gov = CITY if level == "市" and rng.random() < 0.4 else "县"
    firm = company(rng)
    unit = template.format(
        gov=gov, county=COUNTY, town=town, village=rng.choice(VILLAGE_STEMS),
        company=firm, word=rng.choice(_COMPANY_WORDS),
    )
    return unit, rng.choice(titles) if titles else company_title(rng, firm)


def address(rng: random.Random, town: str) -> str:
    if town == COUNTY_SEAT or town.endswith("社区"):
        return f"{COUNTY}{COUNTY_SEAT}{rng.choice(STREETS)}{rng.randint(1, 399)}号"
    return f"{COUNTY}{town}{rng.choice(STREETS)}{rng.randint(1, 120)}号"
