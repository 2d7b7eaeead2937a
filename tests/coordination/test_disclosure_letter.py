"""The answer letter says what the code of the answer means: verdict, legal ground, referral, remedy."""

import pytest

from coordination import services
from coordination.disclosure_letters import disclosure_letter
from tests.coordination.disclosure_world import submit


@pytest.fixture
def filed(db, office_user):
    return submit()[0]


def test_a_partial_answer_names_the_ground_of_the_withheld_part(filed, office_user):
    answered = services.disclosure_request_answer(
        actor=office_user, request=filed, outcome="partial", reason="third_party", answer_text="身份证号已隐去。"
    )
    document = disclosure_letter(answered)
    text = "\n".join(document.lines())
    assert document.layout == "letter" and document.doc_number == answered.letter_number
    assert "王秀兰：" in text and "您于" in text and filed.number in text
    assert "不予公开部分：" in text and "第十五条" in text and "身份证号已隐去。" in text
    assert "行政复议" in text


def referral(office_user, filed):
    return services.disclosure_request_answer(
        actor=office_user,
        request=filed,
        outcome="unavailable",
        reason="not_held",
        referral_body="陈仓区医疗保障局",
        answer_text="如有疑问，您可致电本机关。",
    )


def test_a_referral_names_the_responsible_body(filed, office_user):
    text = "\n".join(disclosure_letter(referral(office_user, filed)).lines())
    assert "该政府信息由陈仓区医疗保障局负责，您可以向其提出申请" in text and "第三十六条" in text


def test_an_organisation_is_addressed_as_such_and_the_office_text_stays_as_typed(db, office_user):
    filed = submit(applicant_kind="organisation", organisation_kind="legal", applicant_name="秦风律师事务所")[0]
    text = "\n".join(disclosure_letter(referral(office_user, filed)).lines())
    assert "秦风律师事务所：" in text and "你单位于" in text and "未制作或获取你单位所申请" in text
    assert "你单位可以向其提出申请" in text and "如有疑问，您可致电本机关。" in text
