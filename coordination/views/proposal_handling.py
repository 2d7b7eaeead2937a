"""Workbench actions of proposal handling: contact log, 会签, the unit's extension request.

Each is a POST from the proposal page that calls one service and returns to the page's section.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from coordination import selectors, services
from coordination.forms import DATE_WIDGET, BoundedDateField, ExtensionForm
from coordination.models import ProposalExtensionRequest, ProposerContact

from .common import office_required, run
from .proposals import _current_reply, visible_proposal


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("沟通环节"), choices=ProposerContact.Kind.choices)
    contacted_on = BoundedDateField(label=gettext_lazy("沟通日期"), widget=DATE_WIDGET)
    manner = forms.ChoiceField(label=gettext_lazy("沟通方式"), choices=ProposerContact.Manner.choices)
    view = forms.ChoiceField(label=gettext_lazy("代表委员意见"), choices=ProposerContact.View.choices)
    contacted_by = forms.CharField(label=gettext_lazy("沟通人"), max_length=100)
    summary = forms.CharField(label=gettext_lazy("沟通情况"), max_length=10_000, widget=forms.Textarea)


def _to(proposal, anchor: str) -> str:
    return f"{proposal.get_absolute_url()}#{anchor}"


@require_POST
@login_required
def contact_log(request, pk):
    proposal = visible_proposal(request, pk)
    form = ContactForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写沟通环节、日期、方式、沟通人和沟通情况。"))
        return redirect(_to(proposal, "contacts"))
    return run(
        request,
        services.proposal_contact_log,
        proposal=proposal,
        **form.cleaned_data,
        success=_("沟通情况已登记。"),
        redirect_to=_to(proposal, "contacts"),
    )


def _draft(request, pk):
    proposal = visible_proposal(request, pk)
    return proposal, _current_reply(proposal)


@require_POST
@login_required
def countersign_request(request, pk):
    proposal, reply = _draft(request, pk)
    if reply is None:
        messages.error(request, _("还没有答复稿。"))
        return redirect(proposal)
    return run(
        request,
        services.reply_countersign_request,
        reply=reply,
        success=_("已请协办单位会签。"),
        redirect_to=_to(proposal, "countersign"),
    )


@require_POST
@login_required
def countersign(request, pk):
    proposal, reply = _draft(request, pk)
    unit = selectors.liaison_unit(request.user)
    if reply is None or unit is None:
        raise PermissionDenied
    return run(
        request,
        services.reply_countersign,
        reply=reply,
        unit=unit,
        decision=request.POST.get("decision", ""),
        remarks=request.POST.get("remarks", ""),
        success=_("会签意见已送主办单位。"),
        redirect_to=_to(proposal, "countersign"),
    )


@require_POST
@office_required
def countersign_waive(request, pk):
    proposal, reply = _draft(request, pk)
    if reply is None:
        messages.error(request, _("还没有答复稿。"))
        return redirect(proposal)
    return run(
        request,
        services.reply_countersign_waive,
        reply=reply,
        reason=request.POST.get("reason", ""),
        success=_("已免予会签，主办单位可以报送签发。"),
        redirect_to=_to(proposal, "countersign"),
    )


@require_POST
@login_required
def extension_request(request, pk):
    proposal = visible_proposal(request, pk)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写新的时限和延期理由。"))
        return redirect(_to(proposal, "extension"))
    return run(
        request,
        services.proposal_extension_request,
        proposal=proposal,
        **form.cleaned_data,
        success=_("延期申请已提交办公室。"),
        redirect_to=_to(proposal, "extension"),
    )


@require_POST
@office_required
def extension_decide(request, pk):
    ext = get_object_or_404(ProposalExtensionRequest, pk=pk)
    return run(
        request,
        services.proposal_extension_decide,
        request=ext,
        approve=request.POST.get("decision") == "approve",
        note=request.POST.get("note", ""),
        success=_("延期申请已审批。"),
        redirect_to=_to(ext.proposal, "extension"),
    )
