"""Chinese text for load data: titles, summaries and paragraphs of social-assistance work.

Built from word lists written for this generator (no sentence taken from elsewhere), combined by a
seeded `random.Random`, so the same seed gives the same text. The lists are long enough that
common search terms (救助, 低保) occur in most documents and four-character phrases (临时救助,
动态管理) in a good share of them, as in a real district's archive.
"""

import random

PROGRAMMES = [
    "最低生活保障",
    "低保",
    "特困供养",
    "特困人员救助供养",
    "临时救助",
    "医疗救助",
    "教育救助",
    "住房救助",
    "就业救助",
    "受灾人员救助",
    "低保边缘家庭救助",
    "刚性支出困难家庭帮扶",
    "孤儿基本生活保障",
    "残疾人两项补贴",
    "流浪乞讨人员救助",
]
GROUPS = [
    "困难群众",
    "低保对象",
    "特困人员",
    "低保边缘家庭",
    "重度残疾人",
    "困境儿童",
    "留守老人",
    "因病致贫家庭",
    "失业人员",
    "受灾群众",
    "易返贫致贫人口",
]
ACTIONS = [
    "审核确认",
    "动态管理",
    "摸底排查",
    "精准识别",
    "资金发放",
    "信息核对",
    "入户调查",
    "民主评议",
    "张榜公示",
    "分类施救",
    "主动发现",
    "跟踪回访",
    "政策宣传",
    "档案整理",
    "专项检查",
    "整改落实",
    "绩效评价",
    "数据比对",
]
MEANS = [
    "部门信息共享",
    "一门受理、协同办理",
    "镇街审核确认权限下放",
    "社会救助热线",
    "网格员走访",
    "大数据监测预警",
    "政府购买服务",
    "急难型临时救助备用金",
    "救助资金社会化发放",
    "家庭经济状况核对平台",
]
BODIES = [
    "区民政局",
    "区财政局",
    "区人社局",
    "区医保局",
    "区卫健局",
    "区教体局",
    "区住建局",
    "区农业农村局",
    "区残联",
    "区应急管理局",
    "区总工会",
    "各镇人民政府、街道办事处",
    "区政府办",
]
DOC_KINDS = ["通知", "实施方案", "工作方案", "实施细则", "管理办法", "意见", "工作要点"]
TITLE_FRAMES = [
    "关于进一步做好{p}工作的{k}",
    "关于开展{p}{a}工作的{k}",
    "陈仓区{p}{a}{k}",
    "关于加强{g}{p}的{k}",
    "关于印发《陈仓区{p}{a}规程》的{k}",
    "关于做好{year}年{p}资金{a}的{k}",
]
REQUIREMENTS = [
    "各成员单位要按照职责分工密切配合，确保各项措施落到实处",
    "对符合条件的{g}做到应保尽保、应救尽救",
    "严禁优亲厚友、人情保、关系保",
    "每季度末将工作进展情况报送联席会议办公室",
    "对工作推进不力的单位，由联席会议办公室予以通报",
    "救助资金实行专账管理，及时足额发放到户",
    "建立工作台账，做到底数清、情况明",
    "镇街每月开展一次走访，县区每半年组织一次抽查",
    "对发现的问题建立清单，限期整改销号",
    "畅通投诉举报渠道，及时回应群众关切",
]
OPENINGS = [
    "为深入贯彻落实上级关于{p}工作的部署要求",
    "为切实兜住、兜准、兜牢民生底线",
    "根据联席会议议定事项",
    "结合我区{p}工作实际",
    "针对近期{a}中发现的问题",
    "按照{year}年社会救助重点工作安排",
]
SESSIONS = [
    "区第十八届人大第{n}次会议",
    "政协陈仓区第十一届委员会第{n}次会议",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "建国秀兰志强晓燕海军丽娟文华玉梅永平春燕国庆红霞明亮淑珍德胜桂英卫东雪梅"


class Writer:
    """Text of realistic vocabulary and length, reproducible from the `random.Random` it is given."""

    def __init__(self, rng: random.Random):
        self.rng = rng

    def pick(self, words: list[str]) -> str:
        return self.rng.choice(words)

    def _fill(self, frame: str, year: int = 2026) -> str:
        return frame.format(
            p=self.pick(PROGRAMMES), g=self.pick(GROUPS), a=self.pick(ACTIONS), k=self.pick(DOC_KINDS), year=year
        )

    def policy_title(self, year: int) -> str:
        return self._fill(self.pick(TITLE_FRAMES), year)

    def person(self) -> str:
        return self.pick(list(SURNAMES)) + "".join(self.rng.sample(GIVEN, self.rng.choice([1, 2])))

    def sentence(self) -> str:
        rng, pick = self.rng, self.pick
        shape = rng.randrange(4)
        if shape == 0:
            opening = self._fill(pick(OPENINGS))
            text = f"{opening}，{pick(BODIES)}牵头，依托{pick(MEANS)}，做好{pick(GROUPS)}的{pick(ACTIONS)}"
        elif shape == 1:
            text = f"{pick(PROGRAMMES)}实行{pick(ACTIONS)}，{self._fill(pick(REQUIREMENTS))}"
        elif shape == 2:
            money = f"{rng.randint(10, 990)}.{rng.randint(0, 99):02d}万元"
            text = (
                f"全区现有{pick(GROUPS)}{rng.randint(120, 9800)}户{rng.randint(200, 16000)}人，"
                f"{rng.randint(1, 12)}月份发放{pick(PROGRAMMES)}资金{money}"
            )
        else:
            text = f"{pick(BODIES)}负责{pick(PROGRAMMES)}的{pick(ACTIONS)}，并会同{pick(BODIES)}开展{pick(ACTIONS)}"
        return text + "。"

    def paragraph(self, sentences: tuple[int, int] = (3, 7)) -> str:
        return "".join(self.sentence() for _ in range(self.rng.randint(*sentences)))

    def summary(self) -> str:
        return self.paragraph((1, 2))

    def item_title(self) -> str:
        verb = self.pick(["落实", "完成", "推进", "开展"])
        return f"{verb}{self.pick(GROUPS)}{self.pick(PROGRAMMES)}{self.pick(ACTIONS)}"

    def proposal_title(self) -> str:
        verb, aim = self.pick(["完善", "加强", "优化", "加大"]), self.pick(["力度", "机制", "保障", "服务"])
        return f"关于{verb}{self.pick(GROUPS)}{self.pick(PROGRAMMES)}{aim}的{self.pick(['建议', '提案'])}"

    def progress(self, percent: int | None) -> str:
        done = f"已完成{percent}%。" if percent is not None else ""
        return f"本单位{self.pick(ACTIONS)}工作进展顺利，{self.sentence()}{done}"
