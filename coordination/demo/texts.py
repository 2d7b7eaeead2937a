"""Demo reply letters, written for this portal (not taken from any real letter)."""

import datetime

# Demo suggestions and the replies disclosed for them (names of deputies are invented).
REPLIES = [
    {
        "kind": "npc",
        "session": "区第十九届人大第三次会议",
        "number": "27",
        "proposer": "王丽",
        "title": "关于提高困难群众临时救助标准的建议",
        "unit": "区民政局",
        "category": "B",
        "doc_number": "陈民建函〔2026〕4号",
        "signer": "张志强",
        "reply_date": datetime.date(2026, 5, 28),
        "body": "一、关于临时救助标准\n我局已会同区财政局开展测算，拟在年内将急难型临时救助的上限提高一档，"
        "并简化小额救助的审批流程。\n二、关于主动发现机制\n我局将依托村（社区）网格员，加强对因病致贫、"
        "突发变故家庭的走访，发现一户、救助一户。如有疑问请拨打 0917-6212345 联系。",
        "contact_person": "刘洋",
        "contact_phone": "0917-6212345",
        "copies_to": "区人大常委会选举联络工作委员会，区政府办",
    },
    {
        "kind": "cppcc",
        "session": "区政协第十届第四次会议",
        "number": "d015",
        "proposer": "陈静",
        "title": "关于加强困难家庭学生教育资助的提案",
        "unit": "区教体局",
        "category": "A",
        "doc_number": "陈教体提函〔2026〕2号",
        "signer": "赵明",
        "reply_date": datetime.date(2026, 6, 10),
        "body": "一、资助对象认定\n已将低保、特困、防返贫监测户家庭的学生全部纳入资助名单，实现应助尽助。\n"
        "二、资金发放\n各学段资助资金已于春季学期开学一个月内发放到位。",
        "contact_person": "孙磊",
        "contact_phone": "13900001234",
        "copies_to": "区政协提案委员会",
    },
    {
        "kind": "npc",
        "session": "区第十九届人大第三次会议",
        "number": "41",
        "proposer": "李强",
        "title": "关于推进医疗救助一站式结算的建议",
        "unit": "区医保局",
        "category": "A",
        "doc_number": "陈医保建函〔2026〕1号",
        "signer": "周敏",
        "reply_date": datetime.date(2026, 6, 2),
        "body": "您提出的建议已全部采纳。全区定点医疗机构已实现基本医保、大病保险和医疗救助的一站式结算，"
        "困难群众出院时只需支付个人自付部分。",
        "contact_person": "吴婷",
        "contact_phone": "0917-6219876",
        "copies_to": "区人大常委会选举联络工作委员会",
    },
]
