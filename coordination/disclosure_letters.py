"""The answer letter (政府信息公开申请答复书) of an information request, as a 公文 in 信函格式.

What it says follows the answer's code: the outcome, the legal ground of a refusal, the body
responsible when the information is another body's, and the applicant's remedies. Only the
applicant (with number and secret) and the office ever read it.
"""

from django.conf import settings

from .documents import chinese_date
from .models import DisclosureRequest
from .models.disclosure_requests import Outcome, Reason
from .official import Block, OfficialDocument, blocks_from_text

ACT = "根据《中华人民共和国政府信息公开条例》"
# The ground each coded refusal rests on (条例 articles), in the letter's own words.
GROUNDS = {
    Reason.STATE_SECRET: f"{ACT}第十四条，依法确定为国家秘密的政府信息不予公开。",
    Reason.LAW_FORBIDS: f"{ACT}第十四条，法律、行政法规禁止公开的政府信息不予公开。",
    Reason.THREE_SAFETIES: f"{ACT}第十四条，公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息不予公开。",
    Reason.THIRD_PARTY: f"{ACT}第十五条，涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息不予公开。",
    Reason.INTERNAL_AFFAIRS: f"{ACT}第十六条第一款，行政机关的内部事务信息可以不予公开。",
    Reason.PROCESS_INFO: f"{ACT}第十六条第二款，行政机关在履行职责过程中形成的过程性信息可以不予公开。",
    Reason.ENFORCEMENT_FILE: f"{ACT}第十六条第二款，行政执法案卷信息可以不予公开。",
    Reason.ADMIN_QUERY: f"{ACT}第三十六条第（七）项，所申请内容属于行政查询事项，请按相关法律、行政法规的规定办理。",
    Reason.NOT_HELD: f"经检索，本机关未制作或获取您所申请的政府信息。{ACT}第三十六条第（四）项，现予告知。",
    Reason.NEEDS_MAKING: f"{ACT}第三十八条，本机关不需要对现有政府信息进行加工、分析后另行制作。",
    Reason.STILL_UNCLEAR: "经补正，您的申请内容仍不明确，本机关无法确定所申请的政府信息。",
    Reason.PETITION: f"您提出的事项属于信访、投诉、举报，{ACT}第三十九条，请通过相应渠道提出。",
    Reason.REPEATED: f"{ACT}第三十六条第（六）项，对您重复提出的申请不再重复处理。",
    Reason.PUBLICATION: f"{ACT}第三十九条，您所申请的是公开出版物，可通过公开渠道获取。",
    Reason.MASS_REQUESTS: f"{ACT}第三十五条，对无正当理由大量、反复提出的申请不予处理。",
    Reason.CONFIRM_OBTAINED: f"{ACT}第三十九条，本机关不对已获取的政府信息进行确认或者重新出具。",
    Reason.NO_CORRECTION: f"{ACT}第三十条，您无正当理由逾期未补正，视为放弃申请。",
    Reason.UNPAID_FEE: "您未在收费通知要求的期限内缴纳费用，本机关不再处理该申请。",
}
VERDICTS = {
    Outcome.GRANTED: "经审查，您申请的政府信息属于公开范围，本机关决定予以公开。",
    Outcome.PARTIAL: "经审查，您申请的政府信息中有部分内容不宜公开，本机关决定对可以公开的部分予以公开。",
    Outcome.WITHHELD: "经审查，本机关决定对您申请的政府信息不予公开。",
    Outcome.UNAVAILABLE: "经审查，本机关无法提供您申请的政府信息。",
    Outcome.NOT_PROCESSED: "经审查，本机关对您的申请不予处理。",
    Outcome.OTHER: "",
}
REMEDY = (
    "如对本答复不服，可以自收到本答复书之日起六十日内依法申请行政复议，"
    "或者自收到之日起六个月内依法向人民法院提起行政诉讼。"
)


def disclosure_letter(request: DisclosureRequest) -> OfficialDocument:
    """The answer letter of an answered request, for the PDF the office and the applicant download."""
    # A person is addressed as 您, an organisation as 你单位; the office's own text is left as typed.
    you = "你单位" if request.applicant_kind == request.ApplicantKind.ORGANISATION else "您"
    opening = (
        f"您于{chinese_date(request.received_on)}向本机关提出的政府信息公开申请（受理编号：{request.number}）收悉。"
        + (f"本机关于{chinese_date(corrected)}收到您的补正。" if (corrected := request.correction_received_on) else "")
        + "现答复如下："
    )
    verdict = VERDICTS[Outcome(request.outcome)]
    ground = GROUNDS.get(Reason(request.reason), "") if request.reason else ""
    if request.outcome == Outcome.PARTIAL and ground:
        ground = "不予公开部分：" + ground
    referral = f"该政府信息由{request.referral_body}负责，您可以向其提出申请。" if request.referral_body else ""
    body = [Block(text.replace("您", you)) for text in (opening, verdict, ground, referral) if text]
    body += blocks_from_text(request.answer_text)
    if request.attachments.exists():
        body.append(Block("所公开的信息附后，可在申请查询页面下载。"))
    body.append(Block(REMEDY))
    return OfficialDocument(
        layout="letter",
        issuer=settings.PORTAL_DISCLOSURE_ISSUER,
        doc_number=request.letter_number,
        title="政府信息公开申请答复书",
        addressee=f"{request.applicant_name}：",
        body=body,
        signature_lines=[settings.PORTAL_DISCLOSURE_ISSUER],
        date_text=chinese_date(request.answered_on),
    )
