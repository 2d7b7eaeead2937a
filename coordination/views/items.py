"""Workbench screens of supervision (督办): what a unit owes, progress, and the office's view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination import ledger, permissions, rules, selectors, services
from coordination.errors import DomainError
from coordination.forms import ActionItemForm, CircularForm, ExtensionForm, ItemFilterForm, ProgressForm
from coordination.models import ActionItem, Circular, ExtensionRequest, MemberUnit, Urge

from .common import run


@login_required
def item_list(request):
    """A liaison's "what my unit owes"; the office's and convenors' full list with filters."""
    unit = selectors.liaison_unit(request.user)
    if not permissions.can_oversee(request.user):
        if unit is None:
            raise PermissionDenied
        return render(request, "coordination/item_owed.html", {"unit": unit, "items": selectors.unit_obligations(unit)})
    form = ItemFilterForm(request.GET or None)
    items = form.apply(selectors.action_items_visible_to(request.user)).order_by("deadline", "pk")
    return render(request, "coordination/item_list.html", {"form": form, "items": items})


@login_required
def item_create(request):
    """The office assigns work directly (办公室交办)."""
    if not permissions.is_office(request.user):
        raise PermissionDenied
    form = ActionItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.action_item_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("事项已交办。"))
            return redirect("workbench:item", pk=item.pk)
    return render(request, "coordination/item_form.html", {"form": form})


@login_required
def item_detail(request, pk):
    item = get_object_or_404(selectors.action_items_visible_to(request.user), pk=pk)
    unit = selectors.liaison_unit(request.user)
    units = [item.lead_unit, *item.co_units.all()]
    acting_unit = unit if unit in units else None
    form = ProgressForm(request.POST or None, request.FILES or None)
    if acting_unit != item.lead_unit:
        del form.fields["completion"]  # only the lead unit reports completion
    if request.method == "POST":
        if acting_unit is None:
            raise PermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.action_item_report_progress(
                    actor=request.user,
                    item=item,
                    unit=acting_unit,
                    text=data["text"],
                    percent=data["percent"],
                    completion=data.get("completion", False),
                    files=request.FILES.getlist("attachments"),
                )
            except DomainError as error:
                form.add_error(None, error.message)  # everything typed stays in the form
            else:
                messages.success(request, _("进展已报告。"))
                return redirect("workbench:item", pk=pk)
    reports = item.reports.select_related("unit", "author").prefetch_related("attachments")
    if acting_unit and acting_unit != item.lead_unit:
        reports = reports.filter(unit__in=[acting_unit, item.lead_unit])
    context = {
        "item": item,
        "units": units,
        "acting_unit": acting_unit,
        "is_lead": acting_unit == item.lead_unit,
        "form": form,
        "extension_form": ExtensionForm(),
        "reports": reports,
        "extensions": item.extension_requests.select_related("requested_by", "decided_by"),
        "urges": item.urges.select_related("unit"),
    }
    return render(request, "coordination/item_detail.html", context)


def _office_item_action(request, pk, service, success, **arguments):
    if not permissions.is_office(request.user):
        raise PermissionDenied
    item = get_object_or_404(ActionItem, pk=pk)
    return run(request, service, item=item, **arguments, success=success, redirect_to=item)


@require_POST
@login_required
def item_close(request, pk):
    return _office_item_action(request, pk, services.action_item_close, _("已确认办结。"))


@require_POST
@login_required
def item_return(request, pk):
    reason = request.POST.get("reason", "")
    return _office_item_action(request, pk, services.action_item_return, _("已退回牵头单位。"), reason=reason)


@require_POST
@login_required
def item_cancel(request, pk):
    reason = request.POST.get("reason", "")
    return _office_item_action(request, pk, services.action_item_cancel, _("事项已撤销。"), reason=reason)


@require_POST
@login_required
def item_urge(request, pk):
    unit = MemberUnit.objects.filter(pk=request.POST.get("unit") or 0).first()
    text = request.POST.get("text", "")
    if unit is None:
        messages.error(request, _("请选择被催办的单位。"))
        return redirect("workbench:item", pk=pk)
    return _office_item_action(request, pk, services.action_item_urge, _("催办通知已发出。"), unit=unit, text=text)


@require_POST
@login_required
def item_extension(request, pk):
    item = get_object_or_404(selectors.action_items_visible_to(request.user), pk=pk)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写新的时限和延期理由。"))
        return redirect("workbench:item", pk=pk)
    return run(
        request,
        services.extension_request,
        item=item,
        **form.cleaned_data,
        success=_("延期申请已提交。"),
        redirect_to=item,
    )


@require_POST
@login_required
def extension_decide(request, pk):
    if not permissions.is_office(request.user):
        raise PermissionDenied
    ext = get_object_or_404(ExtensionRequest, pk=pk)
    approve = request.POST.get("decision") == "approve"
    note = request.POST.get("note", "")
    return run(
        request,
        services.extension_decide,
        request=ext,
        approve=approve,
        note=note,
        success=_("延期申请已审批。"),
        redirect_to=ext.action_item,
    )


@require_POST
@login_required
def urge_acknowledge(request, pk):
    urge = get_object_or_404(Urge, pk=pk)
    return run(
        request,
        services.urge_acknowledge,
        urge=urge,
        success=_("已确认收到催办。"),
        redirect_to=urge.action_item,
    )


@login_required
def supervision(request):
    """The office's view: per unit, open, overdue, done on time, done late — chart first, then numbers."""
    if not permissions.can_oversee(request.user):
        raise PermissionDenied
    form = ItemFilterForm(request.GET or None)
    rows = selectors.supervision_by_unit(form.apply(ActionItem.objects.all()))
    totals = {key: sum(r[key] for r in rows) for key in ("open", "overdue", "on_time", "late")}
    return render(request, "coordination/supervision.html", {"rows": rows, "totals": totals, "form": form})


@login_required
def ledger_xlsx(request):
    if not permissions.can_oversee(request.user):
        raise PermissionDenied
    form = ItemFilterForm(request.GET or None)
    items = form.apply(selectors.action_items_visible_to(request.user))
    response = HttpResponse(
        ledger.ledger_workbook(items), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="supervision-ledger.xlsx"'
    return response


@login_required
def circular_list(request):
    """The office issues circulars here; every unit and everyone who oversees reads them."""
    if not rules.can("circular.read", request.user):
        raise PermissionDenied
    form = CircularForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            circular = services.circular_issue(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("通报 %(n)s 已印发。") % {"n": circular.doc_number})
            return redirect("workbench:circulars")
    return render(
        request,
        "coordination/circular_list.html",
        {
            "form": form,
            "circulars": Circular.objects.select_related("issued_by"),
        },
    )


@login_required
def circular_pdf(request, pk):
    if not rules.can("circular.read", request.user):
        raise PermissionDenied
    circular = get_object_or_404(Circular, pk=pk)
    services.circular_store_pdf(circular_id=circular.pk)
    circular.refresh_from_db()
    return FileResponse(
        circular.pdf.open("rb"),
        content_type="application/pdf",
        as_attachment=True,
        filename=f"{circular.doc_number}.pdf",
    )
