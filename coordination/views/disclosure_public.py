"""The applicant's side of 依申请公开: the application form, the number and secret shown once,
and the tracking page opened with both.

Nothing here is cached (the pages carry a CSRF token and, once opened, personal data), nothing is
indexed or listed, and error reports leave out what was posted. A successful look-up remembers
the request in the session (with a new session key), so the correction, the letter and the
released files need no ids in their addresses; a failed look-up says only that nothing matched,
whether or not the number exists. Posts are limited per address and hour
(`PORTAL_DISCLOSURE_SUBMISSIONS_PER_HOUR`, `…_LOOKUPS_PER_HOUR`).
"""

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from coordination import files, rules, services
from coordination.disclosure_forms import ApplicationForm, CorrectionForm, LookupForm
from coordination.errors import DomainError
from coordination.models import DisclosureRequest
from coordination.selectors import disclosure_requests as selectors

from .disclosure_requests import letter_response

SESSION_NEW = "disclosure_new"
SESSION_TRACKED = "disclosure_tracked"


def _over_limit(request, action: str, per_hour: int) -> bool:
    """Count this post against the address's hourly allowance; True when it is used up."""
    return is_ratelimited(request, group=f"disclosure-{action}", key="ip", rate=f"{per_hour}/h", increment=True)


def _too_many(request, template, form):
    form.add_error(None, _("提交过于频繁，请一小时后再试。"))
    return render(request, template, {"form": form}, status=429)


@never_cache
@sensitive_post_parameters()  # an error report must not carry the applicant's data
def apply(request):
    form = ApplicationForm(request.POST or None, request.FILES or None)
    template = "coordination/disclosure/apply.html"
    if request.method == "POST":
        if _over_limit(request, "apply", settings.PORTAL_DISCLOSURE_SUBMISSIONS_PER_HOUR):
            return _too_many(request, template, form)
        if form.is_valid():
            try:
                created, secret = services.disclosure_request_submit(**form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                request.session[SESSION_NEW] = [created.number, secret]
                return redirect("disclosure:submitted")
    return render(request, template, {"form": form})


@never_cache
def submitted(request):
    """The number and secret, once: the session forgets them as the page is shown."""
    shown = request.session.pop(SESSION_NEW, None)
    if not shown:
        return redirect("disclosure:track")
    number, secret = shown
    request.session[SESSION_TRACKED] = DisclosureRequest.objects.get(number=number).pk
    return render(request, "coordination/disclosure/submitted.html", {"number": number, "secret": secret})


@never_cache
@sensitive_post_parameters("secret")
def track(request):
    form = LookupForm(request.POST or None)
    template = "coordination/disclosure/track.html"
    if request.method == "POST":
        if _over_limit(request, "lookup", settings.PORTAL_DISCLOSURE_LOOKUPS_PER_HOUR):
            return _too_many(request, template, form)
        if form.is_valid():
            found = selectors.disclosure_request_for_applicant(form.cleaned_data["number"], form.cleaned_data["secret"])
            if found is not None:
                request.session.cycle_key()
                request.session[SESSION_TRACKED] = found.pk
                return redirect("disclosure:status")
            form.add_error(None, _("没有找到与该受理编号和查询码相符的申请，请核对后重新输入。"))
    return render(request, template, {"form": form})


def _tracked(request) -> DisclosureRequest | None:
    pk = request.session.get(SESSION_TRACKED)
    return DisclosureRequest.objects.filter(pk=pk).first() if isinstance(pk, int) else None


@never_cache
def status(request, correction_form=None):
    item = _tracked(request)
    if item is None:
        return redirect("disclosure:track")
    context = {
        "item": item,
        "left": selectors.workdays_left(item),
        "overdue": selectors.is_overdue(item),
        "notices": item.notices.all(),
        "attachments": item.attachments.all() if item.status == item.Status.ANSWERED else [],
        "may_correct": rules.can("disclosure.supply_correction", None, item),
        "correction_form": correction_form or CorrectionForm(),
    }
    return render(request, "coordination/disclosure/status.html", context)


@never_cache
@sensitive_post_parameters("text")
@require_POST
def correction(request):
    item = _tracked(request)
    if item is None:
        return redirect("disclosure:track")
    form = CorrectionForm(request.POST)
    if form.is_valid():
        try:
            services.disclosure_request_supply_correction(request=item, text=form.cleaned_data["text"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("disclosure:status")
    return status(request, correction_form=form)


@never_cache
def letter(request):
    item = _tracked(request)
    if item is None or item.status != DisclosureRequest.Status.ANSWERED:
        return redirect("disclosure:track")
    return letter_response(item)


@never_cache
def attachment(request, pk):
    item = _tracked(request)
    if item is None or item.status != DisclosureRequest.Status.ANSWERED:
        return redirect("disclosure:track")
    found = get_object_or_404(item.attachments, pk=pk)
    return files.file_response(found.file, found.name)
