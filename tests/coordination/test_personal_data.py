"""Phone masking: every common Chinese notation is a phone; document and index numbers are not."""

import pytest

from coordination.personal_data import find_phones, mask_phones

MARK = "（电话已隐去）"

PHONES = [
    "13900001234",
    "139 0000 1234",
    "139-4444-5555",
    "１３９１１１１２２２２",
    "１３９　１１１１　２２２２",
    "+8613822223333",
    "+86 138 2222 3333",
    "＋８６－１３８２２２２３３３３",
    "0086 139 1111 2222",
    "(+86)13822223333",
    "(0917)6219876",
    "（０９１７）６２１９８７６",
    "0917－6219876",
    "０９１７-6213333",
    "0917-6212345",
    "0917 6212345",
    "09176212345",
    "029-86250000",
    "029-8625 0000",
    "029—86250000",
    "+86 29 8625 0000",
    "0917-6212345转8012",
]


@pytest.mark.parametrize("phone", PHONES)
def test_a_phone_in_any_notation_is_masked(phone):
    assert mask_phones(f"如有疑问请拨打{phone}联系。") == f"如有疑问请拨打{MARK}联系。"


@pytest.mark.parametrize("label", ["电话：", "联系电话:", "手机 ", "Tel.", "传真："])
def test_a_local_number_without_area_code_is_masked_after_a_phone_label(label):
    assert mask_phones(f"{label}6219876") == f"{label}{MARK}"


def test_several_phones_in_one_text_are_all_masked_and_the_rest_is_kept():
    text = "联系人：刘洋，电话：0917-6212345、139 0000 1234；地址：虹口路1号"
    assert mask_phones(text) == f"联系人：刘洋，电话：{MARK}、{MARK}；地址：虹口路1号"


NOT_PHONES = [
    "未民建函〔2023〕8 号",
    "陈民建函〔2026〕4号",
    "宝陈政办发〔2022〕45号",
    "索引号：610300-11610304016006562W/2022-00084",
    "610300-13911112222W/2023-00001",
    "第d062号提案",
    "对区第十八届人大第二次会议第 138 号建议的复函",
    "2023-08-15",
    "2023年8月15日",
    "20230815",
    "资金 13911112222 元",
    "累计发放15000000000元",
    "共计1391.5万元",
    "资金 62198765 万元",
    "覆盖 6219876 人",
    "占比13.91112222%",
    "拨打12345政务服务热线",
    "服务热线400-800-1234",
    "身份证号610302199001011234",
]


@pytest.mark.parametrize("text", NOT_PHONES)
def test_numbers_that_are_not_phones_are_left_alone(text):
    assert mask_phones(text) == text


def test_spans_point_into_the_original_full_width_text():
    text = "电话０９１７－６２１９８７６。"
    [(start, end)] = find_phones(text)
    assert text[start:end] == "０９１７－６２１９８７６"


def test_empty_text_stays_empty():
    assert mask_phones("") == ""
