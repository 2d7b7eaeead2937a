"""The office's queue of requests for government information (依申请公开), and its files."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination import files, services
from coordination.disclosure_forms import AnswerForm, CorrectionRequestForm, ExtendForm
from coordination.disclosure_letters import disclosure_letter
from coordination.errors import DomainError
from coordination.models import DisclosureAttachment, DisclosureRequest
from coordination.official import render_docx, render_pdf
from coordination.selectors import disclosure_requests as selectors

from .common import office_required, paginated, query_without


@office_required
def queue(request):
    status = request.GET.get("status", "")
    overdue = request.GET.get("overdue") == "1"
    today = timezone.localdate()
    rows = paginated(request, selectors.disclosure_queue(status=status, overdue=overdue, today=today))
    return render(
        request,
        "coordination/disclosure/queue.html",
        {
            "rows": [(row, selectors.is_overdue(row, today), selectors.workdays_left(row, today)) for row in rows],
            "listing": rows,
            "status": status,
            "overdue": overdue,
            "statuses": DisclosureRequest.Status.choices,
            "query": query_without(request.GET, "page"),
        },
    )


def _detail(request, pk, **forms):
    item = get_object_or_404(DisclosureRequest, pk=pk)
    context = {
        "item": item,
        "overdue": selectors.is_overdue(item),
        "left": selectors.workdays_left(item),
        "notices": item.notices.all(),
        "attachments": item.attachments.all(),
        "extend_form": forms.get("extend_form") or ExtendForm(),
        "correction_form": forms.get("correction_form") or CorrectionRequestForm(),
        "answer_form": forms.get("answer_form") or AnswerForm(),
    }
    return render(request, "coordination/disclosure/detail.html", context)


@office_required
def detail(request, pk):
    return _detail(request, pk)


def _act(request, pk, form_class, form_name, call, success):
    """Validate the action's form, call its service, and show the page again with errors or go back."""
    item = get_object_or_404(DisclosureRequest, pk=pk)
    form = form_class(request.POST, request.FILES) if form_class else None
    if form is not None and not form.is_valid():
        return _detail(request, pk, **{form_name: form})
    try:
        call(item, form.cleaned_data if form else {})
    except DomainError as error:
        if form is None:
            messages.error(request, error.message)
            return redirect("workbench:disclosure", pk=pk)
        form.add_error(None, error.message)
        return _detail(request, pk, **{form_name: form})
    messages.success(request, success)
    return redirect("workbench:disclosure", pk=pk)


@office_required
@require_POST
def extend(request, pk):
    return _act(
        request,
        pk,
        ExtendForm,
        "extend_form",
        lambda item, data: services.disclosure_request_extend(actor=request.user, request=item, **data),
        _("已延长答复期限，并告知申请人。"),
    )


@office_required
@require_POST
def ask_correction(request, pk):
    return _act(
        request,
        pk,
        CorrectionRequestForm,
        "correction_form",
        lambda item, data: services.disclosure_request_ask_correction(actor=request.user, request=item, **data),
        _("已告知申请人补正，答复期限暂停计算。"),
    )


@office_required
@require_POST
def answer(request, pk):
    def call(item, data):
        data = {**data, "attachments": request.FILES.getlist("attachments")}
        services.disclosure_request_answer(actor=request.user, request=item, **data)

    return _act(request, pk, AnswerForm, "answer_form", call, _("已答复，答复书已生成。"))


@office_required
@require_POST
def close_uncorrected(request, pk):
    return _act(
        request,
        pk,
        None,
        "",
        lambda item, data: services.disclosure_request_close_uncorrected(actor=request.user, request=item),
        _("已按逾期不补正办结。"),
    )


def letter_response(item: DisclosureRequest) -> HttpResponse:
    """The answer letter as PDF (made from what the request holds; answered requests only)."""
    return files.content_response(render_pdf(disclosure_letter(item)), item.letter_number, "pdf")


@office_required
def letter(request, pk):
    item = get_object_or_404(DisclosureRequest, pk=pk, status=DisclosureRequest.Status.ANSWERED)
    return letter_response(item)


@office_required
def letter_docx(request, pk):
    """The same letter as a Word file, for the office's own archive (as beside every 公文 PDF)."""
    item = get_object_or_404(DisclosureRequest, pk=pk, status=DisclosureRequest.Status.ANSWERED)
    return files.content_response(render_docx(disclosure_letter(item)), item.letter_number, "docx")


@office_required
def identity_document(request, pk):
    item = get_object_or_404(DisclosureRequest, pk=pk)
    if not item.identity_document:
        return redirect("workbench:disclosure", pk=pk)
    return files.file_response(item.identity_document, item.identity_document_name or item.number)


@office_required
def attachment(request, pk, attachment_pk):
    found = get_object_or_404(DisclosureAttachment, pk=attachment_pk, request_id=pk)
    return files.file_response(found.file, found.name)
