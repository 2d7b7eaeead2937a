"""The admin screen that reads a work summary and proposes its figures for a report's chart block.

Stateless between its two steps: the confirm step posts the text again and it is read again, so
the figures saved are the ones read from the text, whatever else the browser sends back; only the
labels and the choice of figures come from the editor.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from coordination import permissions
from coordination.errors import DomainError, ImportRefused
from coordination.importers.files import MAX_UPLOAD_BYTES, extract_text
from portal import errors

from .models import ReportPage
from .report_figures import HOUSEHOLDS, PERSON_TIMES, PERSONS, TEN_THOUSAND_YUAN, Reason, extract_figures
from .report_figures_service import ConfirmedFigure, figures_block_choices, report_figures_add

MAX_TEXT = 50_000
REASONS = {
    Reason.GARBLED: _("数字写法有误或识别错误"),
    Reason.APPROXIMATE: _("约数，不是确数"),
    Reason.RANGE: _("数值范围"),
    Reason.PERCENTAGE: _("百分比"),
    Reason.DATE: _("日期或年份"),
    Reason.DOC_NUMBER: _("文号"),
    Reason.RATE: _("标准或人均数，不是总数"),
    Reason.CHANGE: _("增减量，不是总数"),
    Reason.NO_UNIT: _("单位不明"),
}


UNITS = {HOUSEHOLDS: _("户"), PERSONS: _("人"), PERSON_TIMES: _("人次"), TEN_THOUSAND_YUAN: _("万元")}


class SummaryForm(forms.Form):
    text = forms.CharField(
        label=_("粘贴总结全文"), required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 10})
    )
    file = forms.FileField(
        label=_("或上传文件"),
        required=False,
        help_text=_("工作总结的 .txt 或 .docx 文件，不超过 10 MB"),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx"}),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload:
            if upload.size > MAX_UPLOAD_BYTES:
                self.add_error("file", _("文件超过 10 MB，请删去图片或拆分后再上传。"))
                return cleaned
            try:
                cleaned["text"] = extract_text(upload.read(), upload.name, tables=True)[:MAX_TEXT]
            except ImportRefused as refusal:
                self.add_error("file", refusal.message)
        elif not cleaned.get("text", "").strip() and not self.errors:
            raise forms.ValidationError(_("请粘贴总结文本或上传文件。"))
        return cleaned


class ConfirmForm(forms.Form):
    """Which proposed figures go into which chart block, under which labels."""

    text = forms.CharField(widget=forms.HiddenInput, max_length=MAX_TEXT)
    target = forms.ChoiceField(label=_("放入"), required=False)
    caption = forms.CharField(label=_("新数据组标题"), required=False, max_length=255)

    def __init__(self, *args, page, figures, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = figures
        self.fields["target"].choices = [("", _("新建数据组")), *figures_block_choices(page)]
        for number, figure in enumerate(figures):
            self.fields[f"pick_{number}"] = forms.BooleanField(required=False, initial=bool(figure.what))
            self.fields[f"label_{number}"] = forms.CharField(required=False, max_length=255, initial=figure.what)

    def rows(self):
        return [(figure, self[f"pick_{n}"], self[f"label_{n}"]) for n, figure in enumerate(self.proposals)]

    def confirmed(self) -> list[ConfirmedFigure]:
        data = self.cleaned_data
        return [
            ConfirmedFigure(data[f"label_{n}"], f.value, f.unit, f.sentence)
            for n, f in enumerate(self.proposals)
            if data[f"pick_{n}"]
        ]


def _row(figure, pick, label) -> dict:
    """What the screen shows of a proposal: the value without trailing zeros, the sentence with the
    figure marked where it stands."""
    return {
        "value": f"{figure.value.normalize():f}",
        "unit": UNITS[figure.unit],
        "original": figure.original,
        "sentence": _marked(figure.sentence, figure.original),
        "pick": pick,
        "label": label,
    }


def _marked(sentence: str, text: str) -> tuple[str, str, str]:
    before, found, after = sentence.partition(text)
    return (before, found, after) if found else (sentence, "", "")


def report_figures_view(request, page_id):
    page = get_object_or_404(ReportPage, pk=page_id)
    if not permissions.can_edit_page_draft(request.user, page):
        # A 403 page rather than Wagtail's redirect to the dashboard: the address is shared as a link.
        return errors.permission_denied(request, PermissionDenied())
    summary, confirm, extraction = SummaryForm(), None, None
    if request.method == "POST" and "confirm" in request.POST:
        extraction = extract_figures(request.POST.get("text", "")[:MAX_TEXT])
        confirm = ConfirmForm(request.POST, page=page, figures=extraction.figures)
        if confirm.is_valid():
            try:
                report_figures_add(
                    actor=request.user,
                    page=page,
                    figures=confirm.confirmed(),
                    block_id=confirm.cleaned_data["target"],
                    caption=confirm.cleaned_data["caption"],
                )
            except DomainError as error:
                confirm.add_error(None, error.message)
            else:
                messages.success(request, _("数据已加入草稿，审核发布后才会在网站上显示。"))
                return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    elif request.method == "POST":
        summary = SummaryForm(request.POST, request.FILES)
        if summary.is_valid():
            text = summary.cleaned_data["text"]
            extraction = extract_figures(text)
            confirm = ConfirmForm(initial={"text": text, "caption": page.title}, page=page, figures=extraction.figures)
    flags = (
        [(flag, REASONS[flag.reason], _marked(flag.sentence, flag.text)) for flag in extraction.flags]
        if extraction
        else []
    )
    rows = [_row(figure, pick, label) for figure, pick, label in confirm.rows()] if confirm else []
    return TemplateResponse(
        request,
        "content/admin/report_figures.html",
        {
            "page": page,
            "summary": summary,
            "confirm": confirm,
            "rows": rows,
            "flags": flags,
            "page_title": _("从总结提取数据"),
        },
    )
