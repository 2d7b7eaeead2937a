"""Admin screens that are not model listings: importing a founding notice from an upload."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from coordination import permissions
from coordination.errors import DomainError
from coordination.importers.founding_notice import parse_notice

from .notice_import import import_notice


class NoticeUploadForm(forms.Form):
    file = forms.FileField(label=_("通知文本文件"), help_text=_("网页上的通知全文另存为 .txt（UTF-8 或 GB18030）"))

    def clean_file(self):
        raw = self.cleaned_data["file"].read()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError(_("无法识别文件编码。请把通知另存为 UTF-8 文本后再上传。"))


def notice_import_view(request):
    if not permissions.is_office(request.user):
        raise PermissionDenied
    form = NoticeUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        notice = parse_notice(form.cleaned_data["file"])
        try:
            report = import_notice(notice, actor=request.user, progress=lambda line: None)
        except DomainError as error:
            form.add_error(None, error.message)
    counts = sorted(report.counts.items()) if report else []  # a Counter would answer 0 to `.items` in a template
    return TemplateResponse(
        request,
        "content/admin/notice_import.html",
        {"form": form, "report": report, "counts": counts, "page_title": _("导入通知")},
    )
