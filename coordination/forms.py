"""Forms of the coordination domain. They validate input; services make the change."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import permissions
from .models import ActionItem, Attendance, Meeting, MemberUnit, Proposal, Reply
from .services.common import DOCUMENT_LENGTH, NOTE_LENGTH, TEXT_LENGTH


class LiaisonAdminForm(WagtailAdminModelForm):
    """Admin form of a liaison term.

    Appointing a liaison ends the current term first, inside `services.liaison_appoint`,
    which validates the constraints itself; checking "one active liaison per unit" on the
    form would refuse every replacement before the service could end the old term.
    """

    def validate_unique(self):
        if self.instance.pk:
            super().validate_unique()


# --- workbench forms ---


DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# Bounds a person would expect: the joint meeting's records start this century, and nothing is
# planned more than ten years ahead; texts are long enough for a real letter, not for a flood.
EARLIEST_DATE = datetime.date(2000, 1, 1)
YEARS_AHEAD = 10


def latest_date() -> datetime.date:
    today = timezone.localdate()
    return today.replace(year=today.year + YEARS_AHEAD, day=min(today.day, 28) if today.month == 2 else today.day)


def check_date_bounds(value: datetime.date) -> None:
    if value < EARLIEST_DATE:
        raise forms.ValidationError(_("日期不能早于 %(date)s。") % {"date": EARLIEST_DATE.isoformat()})
    if value > latest_date():
        raise forms.ValidationError(_("日期不能晚于 %(date)s。") % {"date": latest_date().isoformat()})


class BoundedDateField(forms.DateField):
    """A date between 2000-01-01 and ten years from today."""

    def validate(self, value):
        super().validate(value)
        if value:
            check_date_bounds(value)


class BoundedDateTimeField(forms.DateTimeField):
    """A date and time between 2000-01-01 and ten years from today."""

    def validate(self, value):
        super().validate(value)
        if value:
            check_date_bounds(timezone.localtime(value).date() if timezone.is_aware(value) else value.date())


def text_field(label, max_length: int, rows: int, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class MeetingTimeForm(forms.Form):
    """When and where a meeting is, and who chairs it: what rescheduling may change."""

    starts_at = BoundedDateTimeField(label=_("开始时间"), widget=DATETIME_WIDGET)
    ends_at = BoundedDateTimeField(label=_("结束时间"), widget=DATETIME_WIDGET, required=False)
    place = forms.CharField(label=_("地点"), max_length=200)
    chair = forms.ModelChoiceField(label=_("主持人"), queryset=get_user_model().objects.none())
    topic_deadline = BoundedDateTimeField(label=_("议题征集截止"), widget=DATETIME_WIDGET)
    past_reason = forms.CharField(
        label=_("补录理由"),
        max_length=300,
        required=False,
        help_text=_("开始时间已过时必填，例如补录已召开的会议"),
    )
    confirm_duplicate = forms.BooleanField(
        label=_("仍然安排"), required=False, help_text=_("同一天已有同类会议时，勾选后仍然安排")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chair"].queryset = permissions.users_in_role(permissions.Role.CONVENOR)
        self.fields["chair"].label_from_instance = lambda u: u.get_full_name() or u.get_username()


class MeetingForm(MeetingTimeForm):
    kind = forms.ChoiceField(label=_("会议类型"), choices=Meeting.Kind.choices)
    invited_units = forms.ModelMultipleChoiceField(
        label=_("参会单位"),
        queryset=MemberUnit.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("默认全部成员单位"),
    )
    field_order = ["kind", "starts_at", "ends_at", "place", "chair", "topic_deadline", "invited_units"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("invited_units", list(self.fields["invited_units"].queryset))


class TopicForm(forms.Form):
    title = forms.CharField(label=_("议题"), max_length=200)
    background = text_field(_("背景情况"), TEXT_LENGTH, 4)
    decision_requested = text_field(_("提请会议研究的事项"), TEXT_LENGTH, 3)
    attachments = forms.FileField(label=_("附件"), required=False, help_text=_("PDF、Word 或图片，单个不超过 10 MB"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=300, widget=forms.TextInput)


class AttendeeForm(forms.Form):
    attendee = forms.CharField(label=_("拟出席人员（姓名、职务）"), max_length=100)


class AttendanceForm(forms.Form):
    """One row of the sign-in sheet the office fills in at the meeting (or after it)."""

    unit_id = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        label=_("出席情况"),
        choices=[
            (Attendance.Status.UNKNOWN, _("未登记")),
            (Attendance.Status.PRESENT, _("出席")),
            (Attendance.Status.ABSENT, _("缺席")),
            (Attendance.Status.LEAVE, _("请假")),
        ],
    )
    attendee = forms.CharField(label=_("出席人员"), max_length=100, required=False)


AttendanceFormSet = forms.formset_factory(AttendanceForm, extra=0)


class ObserversForm(forms.Form):
    """Who attended without being a member unit (列席), as the 纪要 prints them."""

    observers = forms.CharField(
        label=_("列席人员"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("不在成员单位名单中的列席人员，每行一位：单位、姓名（职务）"),
    )


class MinutesForm(forms.Form):
    title = forms.CharField(label=_("纪要标题"), max_length=200)
    body = text_field(_("正文"), DOCUMENT_LENGTH, 12)
    note = forms.CharField(label=_("修改说明"), max_length=300, required=False)
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class AgreedItemForm(forms.Form):
    title = forms.CharField(label=_("议定事项"), max_length=300)
    lead_unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=MemberUnit.objects.filter(is_active=True))
    co_units = forms.ModelMultipleChoiceField(
        label=_("配合单位"),
        queryset=MemberUnit.objects.filter(is_active=True),
        required=False,
        # Checkboxes, not a multi-select: one stray click cannot clear the choice; the template puts
        # a filter box above them.
        widget=forms.CheckboxSelectMultiple(attrs={"class": "unit-checkboxes"}),
        help_text=_("勾选配合单位；牵头单位不必再勾选。"),
    )
    deadline = BoundedDateField(label=_("完成时限"), widget=DATE_WIDGET)
    expected_result = forms.CharField(label=_("预期成果"), max_length=300, required=False)

    def has_changed(self):
        # A blank row the editor only renumbered (moving rows sets every row's order) is still blank.
        return bool(set(self.changed_data) - {"ORDER"})


class BaseAgreedItemFormSet(forms.BaseFormSet):
    """The agreed items of the minutes: several rows at once, each with its place in the list."""

    default_error_messages = {"too_few_forms": _("会议纪要至少要有一项议定事项。")}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["ORDER"].label = _("序号")
        form.fields["ORDER"].widget.attrs.update({"min": 1, "class": "item-order"})
        form.fields["DELETE"].label = _("删除此项")

    def agreed_items(self) -> list[dict]:
        """The rows kept, in the order the editor gave them (rows without a number go last)."""
        return [
            {name: value for name, value in f.cleaned_data.items() if name not in ("ORDER", "DELETE")}
            for f in self.ordered_forms
        ]


AgreedItemFormSet = forms.formset_factory(
    AgreedItemForm,
    formset=BaseAgreedItemFormSet,
    extra=3,
    can_order=True,
    can_delete=True,
    min_num=1,
    validate_min=True,
)


class ConsentRoundForm(forms.Form):
    deadline = BoundedDateTimeField(label=_("反馈截止时间"), widget=DATETIME_WIDGET)


class ConsentAnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("本单位意见"), choices=[("agree", _("同意")), ("changes", _("提出修改意见"))], widget=forms.RadioSelect
    )
    comment = text_field(_("修改意见"), NOTE_LENGTH, 4, required=False)


class CloseConsentForm(forms.Form):
    silence_reason = forms.CharField(
        label=_("逾期未反馈视为同意的理由"),
        required=False,
        max_length=300,
        help_text=_("仅当有单位逾期未反馈时需要填写"),
    )


class IssueForm(forms.Form):
    reported_on = BoundedDateField(label=_("上报区政府日期"), widget=DATE_WIDGET, initial=datetime.date.today)


class ProgressForm(forms.Form):
    text = text_field(_("进展情况"), TEXT_LENGTH, 4)
    percent = forms.IntegerField(label=_("完成进度（%）"), min_value=0, max_value=100, required=False)
    completion = forms.BooleanField(label=_("事项已完成，报办结"), required=False)
    attachments = forms.FileField(
        label=_("附件"),
        required=False,
        help_text=_("PDF、Word、Excel、OFD 或图片，单个不超过 10 MB"),
    )


class ExtensionForm(forms.Form):
    new_deadline = BoundedDateField(label=_("申请延至"), widget=DATE_WIDGET)
    reason = text_field(_("延期理由"), NOTE_LENGTH, 3)


class CircularForm(forms.Form):
    period_start = BoundedDateField(label=_("起始日期"), widget=DATE_WIDGET)
    period_end = BoundedDateField(label=_("截止日期"), widget=DATE_WIDGET)
    second = forms.BooleanField(
        label=_("本期再印发一份通报"), required=False, help_text=_("本期已有通报时才需勾选，如更正前一份。")
    )


class BulkUrgeForm(forms.Form):
    """The office urges the units of several selected items with one text (批量催办)."""

    items = forms.ModelMultipleChoiceField(
        label=_("事项"),
        queryset=ActionItem.objects.all(),
        widget=forms.MultipleHiddenInput,  # the list's checkboxes post them
        error_messages={"required": _("请先勾选要催办的事项。")},
    )
    text = text_field(_("催办内容"), NOTE_LENGTH, 3)
    co_units = forms.BooleanField(label=_("同时催办配合单位"), required=False)


class ProposalForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), choices=Proposal.Kind.choices)
    session = forms.CharField(label=_("届次会议"), max_length=60, help_text=_("如：区第十九届人大第三次会议"))
    number = forms.CharField(label=_("编号"), max_length=20, help_text=_("按原样填写，如 138 或 d062"))
    title = forms.CharField(label=_("标题"), max_length=200)
    content = text_field(_("内容"), DOCUMENT_LENGTH, 5, required=False)
    received_on = BoundedDateField(label=_("收到日期"), widget=DATE_WIDGET)
    proposers = forms.CharField(
        label=_("提出人"),
        max_length=NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一人：姓名，联系电话（电话不公开）"),
    )
    lead_unit = forms.ModelChoiceField(label=_("主办单位"), queryset=MemberUnit.objects.filter(is_active=True))
    co_units = forms.ModelMultipleChoiceField(
        label=_("协办单位"),
        queryset=MemberUnit.objects.filter(is_active=True),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )

    def clean_proposers(self):
        people = []
        for line in self.cleaned_data["proposers"].splitlines():
            parts = [p.strip() for p in line.replace(",", "，").split("，")]
            if parts and parts[0]:
                people.append({"name": parts[0], "phone": parts[1] if len(parts) > 1 else ""})
        if not people:
            raise forms.ValidationError(_("请至少填写一位提出人。"))
        return people


class ReplyForm(forms.Form):
    category = forms.ChoiceField(label=_("答复类别"), choices=[("", "—")] + Reply.Category.choices, required=False)
    addressee = forms.CharField(label=_("称谓"), max_length=60, required=False)
    body = text_field(_("答复正文"), DOCUMENT_LENGTH, 10, required=False)
    contact_person = forms.CharField(label=_("联系人"), max_length=40, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    copies_to = forms.CharField(label=_("抄送"), max_length=300, required=False)
    disclosure = forms.ChoiceField(
        label=_("公开方式"),
        choices=[("", "—")] + Reply.Disclosure.choices,
        help_text=_("按原件选择；原件未注明时请核实后选择。主动公开的答复须预览并确认后才会在网站发布。"),
    )
    non_disclosure_reason = forms.CharField(label=_("不予公开理由"), max_length=300, required=False)


class ReplyTemplateForm(forms.Form):
    """A unit's answer template; the office also says whose it is."""

    unit = forms.ModelChoiceField(label=_("单位"), queryset=MemberUnit.objects.filter(is_active=True))
    title = forms.CharField(label=_("模板名称"), max_length=60)
    body = text_field(
        _("模板正文"),
        DOCUMENT_LENGTH,
        12,
        help_text=_(
            "可用占位符（套用时按本件填好）：{代表姓名} 或 {委员姓名}、"
            "{建议标题} 或 {提案标题}、{届次}、{编号}、{主办单位}。"
        ),
    )

    def __init__(self, *args, office: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not office:
            del self.fields["unit"]


class RatingForm(forms.Form):
    rating = forms.ChoiceField(label=_("测评意见"), choices=Proposal.Rating.choices, widget=forms.RadioSelect)


class LetterSourceForm(forms.Form):
    file = forms.FileField(label=_("答复函文件"), required=False, help_text=_(".txt 或 .docx"))
    text = text_field(_("或粘贴全文"), DOCUMENT_LENGTH, 8, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("file") and not (data.get("text") or "").strip():
            raise forms.ValidationError(_("请上传文件或粘贴答复函全文。"))
        return data


class LetterFieldsForm(forms.Form):
    """The parsed letter, for the office to confirm or correct before it is saved."""

    unit = forms.ModelChoiceField(label=_("答复单位"), queryset=MemberUnit.objects.filter(is_active=True))
    kind = forms.ChoiceField(label=_("类型"), choices=[("", "—")] + Proposal.Kind.choices)
    session = forms.CharField(label=_("届次会议"), max_length=60)
    proposal_number = forms.CharField(label=_("编号"), max_length=20)
    suggestion_title = forms.CharField(label=_("建议提案标题"), max_length=200, required=False)
    proposer_name = forms.CharField(label=_("提出人"), max_length=40, required=False)
    addressee = forms.CharField(label=_("称谓"), max_length=60, required=False)
    category = forms.ChoiceField(label=_("答复类别"), choices=[("", "—")] + Reply.Category.choices, required=False)
    doc_number = forms.CharField(label=_("文号"), max_length=60, required=False)
    signer = forms.CharField(label=_("签发人"), max_length=40, required=False)
    date = BoundedDateField(label=_("答复日期"), widget=DATE_WIDGET, required=False)
    body = text_field(_("正文"), DOCUMENT_LENGTH, 8)
    contact_person = forms.CharField(label=_("联系人"), max_length=40, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    copies_to = forms.CharField(label=_("抄送"), max_length=300, required=False)
    disclosure = forms.ChoiceField(
        label=_("公开方式"),
        choices=[("", "—")] + Reply.Disclosure.choices,
        help_text=_("按原件选择；原件未注明时请核实后选择。主动公开的答复须预览并确认后才会在网站发布。"),
    )


class ActionItemForm(forms.Form):
    title = forms.CharField(label=_("事项"), max_length=300)
    description = text_field(_("具体要求"), TEXT_LENGTH, 3, required=False)
    lead_unit = forms.ModelChoiceField(label=_("牵头单位"), queryset=MemberUnit.objects.filter(is_active=True))
    co_units = forms.ModelMultipleChoiceField(
        label=_("配合单位"),
        queryset=MemberUnit.objects.filter(is_active=True),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    deadline = BoundedDateField(label=_("完成时限"), widget=DATE_WIDGET)


# --- accounts ---


class OneTimeCodeForm(forms.Form):
    token = forms.CharField(
        label=_("验证码"),
        max_length=8,
        help_text=_("打开手机上的身份验证器应用，输入当前显示的六位数字。"),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


class AccountCreateForm(forms.Form):
    ROLES = [("liaison", _("联络员")), ("leader", _("单位领导（签发答复）")), ("office", _("联席会议办公室工作人员"))]

    role = forms.ChoiceField(label=_("账户类型"), choices=ROLES)
    unit = forms.ModelChoiceField(
        label=_("单位"),
        queryset=MemberUnit.objects.filter(is_active=True),
        required=False,
        help_text=_("联络员和单位领导须选择单位；任命新联络员时，该单位的现任联络员自动离任。"),
    )
    username = forms.CharField(label=_("用户名"), max_length=150, help_text=_("登录时使用，字母、数字或 @.+-_"))
    name = forms.CharField(label=_("姓名"), max_length=150)
    email = forms.EmailField(label=_("电子邮箱"), required=False, help_text=_("提醒和通知发送到这个地址。"))
    phone = forms.CharField(label=_("联系电话"), max_length=40, required=False)
    position = forms.CharField(label=_("职务"), max_length=60, required=False)
    start_date = forms.DateField(label=_("任职起始日期"), required=False, widget=DATE_WIDGET)

    def clean(self):
        data = super().clean()
        if data.get("role") in ("liaison", "leader") and not data.get("unit"):
            self.add_error("unit", _("联络员和单位领导须选择单位。"))
        return data


class AccountUpdateForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=150)
    email = forms.EmailField(label=_("电子邮箱"), required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=40, required=False, help_text=_("联络员的联系电话"))


class SignOffGrantForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("单位"), queryset=MemberUnit.objects.filter(is_active=True))


class ProposalSheetForm(forms.Form):
    file = forms.FileField(label=_("交办表格"), help_text=_("人大或政协交办的 Excel 表格（.xlsx）"))
