"""Workbench screens of supervision (督办): what a unit owes, progress, and the office's view."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination import permissions, rules, selectors, services
from coordination.errors import DomainError
from coordination.filters import ActionItemFilter
from coordination.forms import ActionItemForm, BulkUrgeForm, ExtensionForm, ProgressForm
from coordination.models import ActionItem, ExtensionRequest, MemberUnit, Urge
from coordination.selectors.timeline import item_timeline

from .common import paginated, posted_id, query_without, run


@login_required
def item_list(request):
    """A liaison's "what my unit owes"; the office's and convenors' full list with filters, most
    urgent light first. The office ticks items here and urges them all at once."""
    unit = selectors.liaison_unit(request.user)
    if not permissions.can_oversee(request.user):
        if unit is None:
            raise PermissionDenied
        items = paginated(request, selectors.unit_obligations(unit), keys_first=True)
        return render(request, "coordination/item_owed.html", {"unit": unit, "items": items})
    visible = selectors.action_items_visible_to(request.user).with_light()
    filters = ActionItemFilter(request.GET or None, queryset=visible)
    ordered = filters.qs.order_by("light_rank", "deadline", "pk").select_related("lead_unit")
    items = paginated(request, ordered, keys_first=True)
    select_overdue = request.GET.get("select") == "overdue"
    shown = {item.pk for item in items}
    context = {
        "form": filters.form,
        "items": items,
        # "Tick every overdue item" ticks those on the other pages too, as hidden fields.
        "overdue_elsewhere": [pk for pk in ordered.overdue().values_list("pk", flat=True) if pk not in shown]
        if select_overdue
        else [],
        "urge_form": BulkUrgeForm(),
        "select_overdue": select_overdue,
        "query": query_without(request.GET, "select"),
    }
    return render(request, "coordination/item_list.html", context)


@require_POST
@login_required
def items_urge(request):
    """The office urges the units of every ticked item with one text (all or nothing)."""
    if not rules.can("item.urge_many", request.user):
        raise PermissionDenied
    form = BulkUrgeForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("workbench:items")
    data = form.cleaned_data
    try:
        urges = services.action_items_urge(
            actor=request.user, items=data["items"], text=data["text"], co_units=data["co_units"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("已向 %(u)s 个单位发出 %(n)s 份催办通知，涉及 %(i)s 项事项。")
            % {"u": len({urge.unit_id for urge in urges}), "n": len(urges), "i": len(data["items"])},
        )
    return redirect("workbench:items")


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
