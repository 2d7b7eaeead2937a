"""Batch registration from the congress/CPPCC office's sheet: upload, preview per row, confirm."""

import secrets

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination import services
from coordination.errors import DomainError
from coordination.forms import ProposalSheetForm
from coordination.importers.proposal_sheet import read_sheet, template_workbook
from coordination.uploads import validate_upload

from .common import office_required

SESSION_KEY = "proposal_batch"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _judged(upload) -> list:
    if validate_upload(upload) != "xlsx":
        raise DomainError(_("文件“%(name)s”不是 Excel（.xlsx）表格。") % {"name": upload.name})
    return read_sheet(upload)


@office_required
def proposal_batch(request):
    """Upload the sheet; the preview lists what will be registered and what is refused and why.

    The accepted rows are kept in the session under a one-time token, so the confirmation
    registers exactly what the preview showed.
    """
    form = ProposalSheetForm(request.POST or None, request.FILES or None)
    rows = None
    if request.method == "POST":
        request.session.pop(SESSION_KEY, None)  # a new upload withdraws the preview before it
    if request.method == "POST" and form.is_valid():
        try:
            rows = _judged(form.cleaned_data["file"])
        except DomainError as error:
            form.add_error("file", error.message)
    context = {"form": form, "rows": rows}
    if rows is not None:
        accepted = [row for row in rows if row.accepted]
        context |= {"accepted": accepted, "refused": [row for row in rows if not row.accepted]}
        if accepted:
            context["token"] = secrets.token_urlsafe(16)
            request.session[SESSION_KEY] = {"token": context["token"], "rows": [row.stored() for row in accepted]}
    return render(request, "coordination/proposal_batch.html", context)


@require_POST
@office_required
def proposal_batch_confirm(request):
    batch = request.session.get(SESSION_KEY) or {}
    if not batch or not secrets.compare_digest(batch.get("token", ""), request.POST.get("token", "")):
        messages.error(request, _("这份预览已失效（已确认过或已被新的上传替换），请重新上传表格。"))
        return redirect("workbench:proposal-batch")
    try:
        created = services.proposal_batch_register(actor=request.user, rows=batch["rows"])
    except DomainError as error:
        messages.error(request, _("没有登记任何一件：%(reason)s") % {"reason": error.message})
        return redirect("workbench:proposal-batch")
    del request.session[SESSION_KEY]
    messages.success(request, _("已登记并交办 %(n)s 件。") % {"n": len(created)})
    return redirect("workbench:proposals")


@office_required
def proposal_batch_template(request):
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="proposal-batch-template.xlsx"'
    return response
