"""Workbench screens of supervision by graded light (督查督办): the counts per unit, the ledger,
the convenors' red list, and the progress circulars (通报) with their preview."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination import files, rules, selectors, services
from coordination.documents import circular_document
from coordination.errors import DomainError
from coordination.filters import ActionItemFilter
from coordination.forms import CircularForm
from coordination.models import ActionItem, Circular, LedgerExport
from coordination.official.render import body_items

from .common import paginated, query_without


def _overseer(request) -> None:
    if not rules.can("supervision.view", request.user):
        raise PermissionDenied


@login_required
def supervision(request):
    """Per unit: red, yellow, green, standing (常态化) and closed items — chart first, then numbers;
    every number links to the item list filtered to exactly those items."""
    _overseer(request)
    filters = ActionItemFilter(request.GET or None, queryset=ActionItem.objects.all())
    rows = selectors.supervision_by_unit(filters.qs)
    context = {
        "rows": rows,
        "totals": selectors.supervision_totals(rows),
        "form": filters.form,
        "query": query_without(request.GET, "unit", "light"),
    }
    return render(request, "coordination/supervision.html", context)


@login_required
def red_list(request):
    """The convenors' red list (红灯事项): every red item, linked, with when it was escalated, a page at a time."""
    _overseer(request)
    items = paginated(request, selectors.red_items(selectors.action_items_visible_to(request.user)), keys_first=True)
    return render(request, "coordination/red_list.html", {"items": items})


@login_required
@require_POST
def ledger_export_create(request):
    """Ask for the ledger of the items the list's filter selects; the next page says when it is ready."""
    try:
        export = services.ledger_export_request(actor=request.user, query=request.POST.get("query", ""))
    except DomainError as error:
        raise PermissionDenied(error.message) from error
    return redirect(export)


@login_required
def ledger_export(request, pk):
    """The requested ledger: being prepared (202, with Retry-After), ready to download, or failed."""
    export = files.ledger_export_for(request.user, pk)
    response = render(request, "coordination/ledger_export.html", {"export": export})
    if export.status == LedgerExport.Status.PREPARING:
        response.status_code = 202
        response["Retry-After"] = "10"
    return response


@login_required
def ledger_export_download(request, pk):
    export = files.ledger_export_for(request.user, pk)
    if not export.is_ready:
        return redirect(export)
    name = _("督办台账") + timezone.localtime(export.created_at).strftime("%Y%m%d-%H%M")
    return files.file_response(export.file, name)


@login_required
def circular_list(request):
    """Every unit and everyone who oversees reads circulars here; the office picks a period and
    goes to the preview, from which the circular is issued."""
    if not rules.can("circular.read", request.user):
        raise PermissionDenied
    return render(
        request,
        "coordination/circular_list.html",
        {"form": CircularForm(), "circulars": Circular.objects.select_related("issued_by")},
    )


@login_required
def circular_preview(request):
    """GET: the circular of the period as it would be issued (the same snapshot and document as the
    PDF). POST: issue it for the period shown; a refusal (a duplicate, say) comes back here."""
    if not rules.can("circular.issue", request.user):
        raise PermissionDenied
    form = CircularForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        return render(request, "coordination/circular_list.html", {"form": form, "circulars": Circular.objects.all()})
    period = {key: form.cleaned_data[key] for key in ("period_start", "period_end")}
    if request.method == "POST":
        try:
            circular = services.circular_issue(actor=request.user, **period, second=form.cleaned_data["second"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("通报 %(n)s 已印发。") % {"n": circular.doc_number})
            return redirect("workbench:circulars")
    try:
        draft = services.circular_draft(**period)
    except DomainError as error:
        form.add_error(None, error.message)
        return render(request, "coordination/circular_list.html", {"form": form, "circulars": Circular.objects.all()})
    document = circular_document(draft)
    context = {
        "form": form,
        "draft": draft,
        "document": document,
        "body": body_items(document),
        "annexes": [(label, annex, body_items(annex)) for label, annex in document.labelled_annexes()],
        "earlier": Circular.objects.filter(**period),
    }
    return render(request, "coordination/circular_preview.html", context)
