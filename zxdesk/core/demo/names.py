"""Chinese personal names for demo data, with their pinyin.

Surnames are weighted roughly as in Heilongjiang; ethnic minorities draw from surnames
common among them. A few percent of names carry a rare character (䶮, 喆, 赟 …) so that
search, sorting, fonts and printouts are exercised. Every character is in the CJK basic
block (U+4E00–9FFF) or Extension A (U+3400–4DBF), the ranges the bundled font covers.
"""

from __future__ import annotations

import random

from ..domain.pinyin_keys import search_keys

# (surname, weight): the common northeastern mix.
_SURNAMES = (
    "王75 李75 张70 刘60 陈30 杨30 赵30 孙25 于20 高20 徐15 马15 周15 吴12 郭12 韩12 "
    "黄10 胡10 朱10 宋10 董10 姜9 林8 何8 冯8 梁8 郑8 曹8 崔8 田8 曲5 吕7 魏7 孟7 白7 "
    "许7 付6 贾6 丁6 杜6 石6 郝6 任6 苏6 罗6 肖6 唐6 程6 谢5 袁5 沈5 潘4 卢5 范5 侯5 "
    "邵4 秦4 史4 姚4 方4 夏4 薛4 康4 孔4 蒋4 蔡4 阎4 彭4 金5 邓4 汪3 毛3 邱3 江3 顾3 "
    "钟3 谭3 邹3 陆3 段3 叶3 余3 戴3 佟3 关4 栾2 鞠2 隋2 曾3 单2 解1 仇1 常3 乔3 武4 "
    "尹3 柳2 牛3 闫3 谷2 包2 那1 修1 滕2 盛2"
)
SURNAMES: tuple[str, ...] = tuple(item[0] for item in _SURNAMES.split())
SURNAME_WEIGHTS: tuple[int, ...] = tuple(int(item[1:]) for item in _SURNAMES.split())

COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫")

# Surnames of members of ethnic minorities in Heilongjiang.
ETHNIC_SURNAMES: dict[str, tuple[str, ...]] = {
    "满族": ("关", "佟", "那", "赵", "富", "金", "傅", "郎", "白", "肖"),
    "朝鲜族": ("金", "朴", "李", "崔", "郑", "姜", "申", "韩", "玄", "全"),
    "蒙古族": ("包", "白", "宝", "韩", "王", "吴", "陈", "乌"),
    "回族": ("马", "白", "沙", "丁", "杨", "穆", "哈", "米"),
    "赫哲族": ("尤", "毕", "吴", "付", "葛", "卢"),
}

MALE_CHARS = (
    "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武"
    "新利清飞彬富顺信杰涛昌成康星光天达安岩中茂进林有坚彪博诚先敬震振壮思群豪心邦承绍功"
    "松善厚庆磊民友裕河哲江超浩亮政谦亨奇翰朗伯宏鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士建家致"
    "树德时泰盛雄琛钧冠策腾楠风航弘锋春喜宝金铁占"
)
FEMALE_CHARS = (
    "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱霞香"
    "月媛艳瑞凡佳嘉琼勤珍贞莉桂叶璐娅琦晶妍茜秋珊莎锦黛青倩婷婉娴瑾颖露瑶怡雁蓓仪荷丹蓉"
    "君琴蕊薇菁梦岚婕馨韵园艺卿澜纯悦冰爽茗羽欣滢筠竹晓欢枫芸菲伊亚宜舒丽妮"
)

# Rare name characters (all known to pypinyin): 䶮 is in Extension A, the rest in the
# basic block but missing from many fonts and input methods.
RARE_MALE = ("䶮", "喆", "赟", "堃", "昇", "彧", "垚", "翀", "犇", "昺", "淼", "頔")
RARE_FEMALE = ("珺", "玥", "祎", "淼", "彧", "旻", "沄", "昉", "頔", "洺")
RARE_CHARS = tuple(dict.fromkeys(RARE_MALE + RARE_FEMALE))


def allowed_char(ch: str) -> bool:
    """True for characters of the CJK basic block or Extension A."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


class NameMaker:
    """Draws names from one seeded random generator."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._rare_turn = 0

    def surname(self, ethnicity: str = "汉族", compound: bool = False) -> str:
        rng = self.rng
        if compound:
            return rng.choice(COMPOUND_SURNAMES)
        pool = ETHNIC_SURNAMES.get(ethnicity)
        if pool is not None and rng.random() < 0.8:
            return rng.choice(pool)
        return rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]

    def given(self, male: bool, *, rare: bool = False, length: int | None = None) -> str:
        rng = self.rng
        chars = MALE_CHARS if male else FEMALE_CHARS
        if length is None:
            length = 1 if rng.random() < 0.22 else 2
        out = [rng.choice(chars) for _ in range(length)]
        if length == 2 and out[0] == out[1] and rng.random() < 0.7:
            out[1] = rng.choice(chars)
        if rare:
            # Rare characters are taken in turn, 䶮 (Extension A) first whatever the
            # gender, so that even a one-station roster has it.
            pool = RARE_MALE if male or self._rare_turn == 0 else RARE_FEMALE
            out[-1] = pool[self._rare_turn % len(pool)]
            self._rare_turn += 1
        return "".join(out)

    def person(
        self, male: bool, *, ethnicity: str = "汉族", rare: bool = False, compound: bool = False
    ) -> str:
        return self.surname(ethnicity, compound) + self.given(male, rare=rare)

    def resident(self) -> str:
        """A resident's name (meeting participants, mediation parties)."""
        return self.person(self.rng.random() < 0.5)


def pinyin_of(name: str) -> tuple[str, str]:
    """('zhangsan', 'zs') for 张三: the same search keys the ledger stores."""
    return search_keys(name)
