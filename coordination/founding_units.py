"""The 27 member units named by notice 宝陈政办发〔2022〕45号, in the notice's order.

Each entry: (short name as the notice writes it, full official name, kind).
"""

from .models import MemberUnit

K = MemberUnit.Kind

FOUNDING_UNITS: list[tuple[str, str, str]] = [
    ("区委宣传部", "中共宝鸡市陈仓区委宣传部", K.PARTY_ORGAN),
    ("区委编办", "中共宝鸡市陈仓区委机构编制委员会办公室", K.PARTY_ORGAN),
    ("区发改局", "宝鸡市陈仓区发展和改革局", K.GOVERNMENT),
    ("区教体局", "宝鸡市陈仓区教育体育局", K.GOVERNMENT),
    ("区公安分局", "宝鸡市公安局陈仓分局", K.GOVERNMENT),
    ("区民政局", "宝鸡市陈仓区民政局", K.GOVERNMENT),
    ("区司法局", "宝鸡市陈仓区司法局", K.GOVERNMENT),
    ("区财政局", "宝鸡市陈仓区财政局", K.GOVERNMENT),
    ("区人社局", "宝鸡市陈仓区人力资源和社会保障局", K.GOVERNMENT),
    ("区自然资源和规划分局", "宝鸡市自然资源和规划局陈仓分局", K.GOVERNMENT),
    ("区住建局", "宝鸡市陈仓区住房和城乡建设局", K.GOVERNMENT),
    ("区农业农村局", "宝鸡市陈仓区农业农村局", K.GOVERNMENT),
    ("区卫健局", "宝鸡市陈仓区卫生健康局", K.GOVERNMENT),
    ("区退役军人事务局", "宝鸡市陈仓区退役军人事务局", K.GOVERNMENT),
    ("区应急局", "宝鸡市陈仓区应急管理局", K.GOVERNMENT),
    ("区审计局", "宝鸡市陈仓区审计局", K.GOVERNMENT),
    ("区行政审批局", "宝鸡市陈仓区行政审批服务局", K.GOVERNMENT),
    ("区宗教局", "宝鸡市陈仓区宗教事务局", K.GOVERNMENT),
    ("区信访局", "宝鸡市陈仓区信访局", K.GOVERNMENT),
    ("区医保局", "宝鸡市陈仓区医疗保障局", K.GOVERNMENT),
    ("区乡村振兴局", "宝鸡市陈仓区乡村振兴局", K.GOVERNMENT),
    ("区统计局", "宝鸡市陈仓区统计局", K.GOVERNMENT),
    ("区税务局", "国家税务总局宝鸡市陈仓区税务局", K.GOVERNMENT),
    ("区总工会", "宝鸡市陈仓区总工会", K.MASS_ORGANISATION),
    ("区残联", "宝鸡市陈仓区残疾人联合会", K.MASS_ORGANISATION),
    ("区妇联", "宝鸡市陈仓区妇女联合会", K.MASS_ORGANISATION),
    ("人行陈仓支行", "中国人民银行宝鸡市陈仓区支行", K.FINANCIAL),
]

# Other names under which documents name the founding units (name → short name), and bodies that
# documents name beside them but that are not member units (name → None). The import and the demo
# add the missing ones to the office's alias table (`UnitAlias`); the office edits them there.
FOUNDING_ALIASES: dict[str, str | None] = {
    "区委编委办": "区委编办",
    "区发展和改革局": "区发改局",
    "区教育体育局": "区教体局",
    "区教育局": "区教体局",
    "区公安局": "区公安分局",
    "陈仓公安分局": "区公安分局",
    "区人力资源和社会保障局": "区人社局",
    "区自然资源局": "区自然资源和规划分局",
    "区自然资源和规划局": "区自然资源和规划分局",
    "区住房和城乡建设局": "区住建局",
    "区卫生健康局": "区卫健局",
    "区卫健委": "区卫健局",
    "区退役军人局": "区退役军人事务局",
    "区应急管理局": "区应急局",
    "区行政审批服务局": "区行政审批局",
    "区宗教事务局": "区宗教局",
    "区医疗保障局": "区医保局",
    "区残疾人联合会": "区残联",
    "区妇女联合会": "区妇联",
    "人民银行陈仓支行": "人行陈仓支行",
    "人民银行陈仓区支行": "人行陈仓支行",
    "区税务分局": "区税务局",
    # Named in the founding notice's measures, not member units of the joint meeting.
    "区委文明办": None,
    "区纪委": None,
    "区纪委监委": None,
    "区流浪乞讨人员救助管理工作联席会议成员单位": None,
}
