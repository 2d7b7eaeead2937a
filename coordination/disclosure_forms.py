"""Forms of requests for government information: the public application and look-up, and the
office's extension, correction and answer. Their limits match the model's, so overlong input is a
form error, never a database error."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .forms import text_field
from .models import DisclosureRequest
from .models.disclosure_requests import Outcome, Reason
from .services.common import NOTE_LENGTH, REASON_LENGTH, TEXT_LENGTH

Request = DisclosureRequest


class ApplicationForm(forms.Form):
    applicant_kind = forms.ChoiceField(
        label=_("申请人类型"), choices=Request.ApplicantKind.choices, widget=forms.RadioSelect
    )
    organisation_kind = forms.ChoiceField(
        label=_("组织类型（法人或其他组织填写）"),
        choices=[("", "—"), *Request.OrganisationKind.choices],
        required=False,
    )
    applicant_name = forms.CharField(label=_("姓名或组织名称"), max_length=100)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=30, required=False)
    contact_email = forms.EmailField(label=_("电子邮箱"), required=False)
    contact_address = forms.CharField(label=_("通信地址"), max_length=200, required=False)
    description = text_field(_("所需政府信息的内容描述"), NOTE_LENGTH, 5)
    document_reference = forms.CharField(label=_("文件名称或文号（知道的请填写）"), max_length=200, required=False)
    purpose = forms.CharField(label=_("用途（选填）"), max_length=300, required=False)
    delivery = forms.ChoiceField(label=_("信息的提供形式"), choices=Request.Delivery.choices)
    receipt = forms.ChoiceField(label=_("获取信息的方式"), choices=Request.Receipt.choices)
    identity_document = forms.FileField(
        label=_("身份证明"),
        help_text=_("身份证或营业执照等的扫描件或照片：PDF、PNG 或 JPEG，不超过 10 MB。仅工作人员可见。"),
    )


class LookupForm(forms.Form):
    number = forms.CharField(label=_("受理编号"), max_length=60)
    secret = forms.CharField(label=_("查询码"), max_length=60, widget=forms.PasswordInput(render_value=False))


class CorrectionForm(forms.Form):
    text = text_field(_("补正内容"), NOTE_LENGTH, 4)


class ExtendForm(forms.Form):
    workdays = forms.IntegerField(
        label=_("延长工作日数"),
        min_value=1,
        max_value=settings.PORTAL_DISCLOSURE_MAX_EXTENSION_WORKDAYS,
        initial=settings.PORTAL_DISCLOSURE_MAX_EXTENSION_WORKDAYS,
    )
    reason = forms.CharField(label=_("延期理由（将告知申请人）"), max_length=REASON_LENGTH)


class CorrectionRequestForm(forms.Form):
    text = text_field(_("需要补正的内容（一次性告知）"), NOTE_LENGTH, 3)


class AnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("答复类型"), choices=Outcome.choices)
    reason = forms.ChoiceField(
        label=_("理由（部分公开为不公开部分的理由）"), choices=[("", "—"), *Reason.choices], required=False
    )
    referral_body = forms.CharField(label=_("负责该信息的机关（非本机关负责时填写）"), max_length=200, required=False)
    answer_text = text_field(_("答复内容"), TEXT_LENGTH, 6)
    attachments = forms.FileField(
        label=_("公开的信息（附件）"),
        required=False,
        help_text=_("予以公开或部分公开时附上；PDF、Word、Excel、OFD 或图片，单个不超过 10 MB"),
    )
