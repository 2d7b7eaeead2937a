"""Workbench screens of supervision (督办): what a unit owes, progress, and the office's view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination import ledger, permissions, rules, selectors, services
from coordination.errors import DomainError
from coordination.filters import ActionItemFilter
from coordination.forms import ActionItemForm, CircularForm, ExtensionForm, ProgressForm
from coordination.models import ActionItem, Circular, ExtensionRequest, MemberUnit, Urge
from coordination.selectors.timeline import item_timeline

from .common import posted_id, run


@login_required
def item_list(request):
    """A liaison's "what my unit owes"; the office's and convenors' full list with filters."""
    unit = selectors.liaison_unit(request.user)
    if not permissions.can_oversee(request.user):
        if unit is None:
            raise PermissionDenied
        return render(request, "coordination/item_owed.html", {"unit": unit, "items": selectors.unit_obligations(unit)})
    filters = ActionItemFilter(request.GET or None, queryset=selectors.action_items_visible_to(request.user))
    items = filters.qs.order_by("deadline", "pk")
    return render(request, "coordination/item_list.html", {"form": filters.form, "items": items})


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
    reports = selectors.reports_visible_to(request.user, item, acting_unit)
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
        "timeline": item_timeline(request.user, item, acting_unit),
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
    unit = MemberUnit.objects.filter(pk=posted_id(request, "unit")).first()
    if unit is None:
        messages.error(request, _("请选择被催办的单位。"))
        return redirect("workbench:item", pk=pk)
    return _office_item_action(
        request, pk, services.action_item_urge, _("催办通知已发出。"), unit=unit, text=request.POST.get("text", "")
    )


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
    return run(
        request,
        services.extension_decide,
        request=ext,
        approve=approve,
        note=request.POST.get("note", ""),
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
    filters = ActionItemFilter(request.GET or None, queryset=ActionItem.objects.all())
    rows = selectors.supervision_by_unit(filters.qs)
    totals = {key: sum(r[key] for r in rows) for key in ("open", "overdue", "on_time", "late")}
    return render(request, "coordination/supervision.html", {"rows": rows, "totals": totals, "form": filters.form})


@login_required
def ledger_xlsx(request):
    if not permissions.can_oversee(request.user):
        raise PermissionDenied
    items = ActionItemFilter(request.GET or None, queryset=selectors.action_items_visible_to(request.user)).qs
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
