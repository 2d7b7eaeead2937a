"""The public search form: a query and the filters it combines with."""

from django import forms
from django.utils.translation import gettext_lazy as _

from coordination.widgets import QuickSelect

from .cache import remembered
from .fulltext.query import MAX_QUERY, Filters, issuers

KINDS = {
    "policy": _("政策文件"),
    "interpretation": _("政策解读"),
    "unit": _("成员单位"),
    "reply": _("建议提案答复"),
    "report": _("工作报告"),
    "disclosure": _("政府信息公开"),
}
BAD_DATE = _("请输入有效的日期，如 2024-01-31。")


class DateInput(forms.DateInput):
    input_type = "date"


class SearchForm(forms.Form):
    """Every field is optional; a value that is not valid is a message on the form, never an error page."""

    q = forms.CharField(label=_("关键词"), required=False, widget=forms.SearchInput)
    kind = forms.ChoiceField(label=_("类型"), required=False, widget=QuickSelect)
    issuer = forms.ChoiceField(label=_("发布机构"), required=False, widget=QuickSelect)
    date_from = forms.DateField(
        label=_("发布日期从"), required=False, widget=DateInput, error_messages={"invalid": BAD_DATE}
    )
    date_to = forms.DateField(
        label=_("发布日期至"), required=False, widget=DateInput, error_messages={"invalid": BAD_DATE}
    )

    def __init__(self, data=None):
        super().__init__(data, auto_id="search-%s")
        self.fields["kind"].choices = [("", _("全部类型")), *KINDS.items()]
        names = remembered("search-issuers", issuers)  # counted once for each public generation
        self.fields["issuer"].choices = [("", _("全部机构")), *((name, name) for name in names)]
        self.fields["q"].widget.attrs.update(
            {"maxlength": MAX_QUERY, "placeholder": _("如：临时救助、低保、宝陈政办发〔2022〕45号")}
        )

    def clean_q(self):
        return self.cleaned_data["q"].strip()[:MAX_QUERY]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("截止日期不能早于起始日期。"))
        return cleaned

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            kinds=(data["kind"],) if data.get("kind") else (),
            issuer=data.get("issuer", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
