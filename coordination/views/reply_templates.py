"""Workbench screens of a unit's answer templates (答复模板): list, write, change, delete."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination import permissions, selectors, services
from coordination.errors import DomainError
from coordination.forms import ReplyTemplateForm
from coordination.selectors.reply_templates import reply_templates_of, reply_templates_visible_to

from .common import posted_id, run


def _keeper_unit(request):
    """The unit whose templates a liaison keeps; None for the office (it keeps every unit's)."""
    if permissions.is_office(request.user):
        return None
    unit = selectors.liaison_unit(request.user)
    if unit is None:
        raise PermissionDenied
    return unit


@login_required
def template_list(request):
    unit = _keeper_unit(request)
    return render(
        request,
        "coordination/reply_template_list.html",
        {"templates": reply_templates_visible_to(request.user), "unit": unit},
    )


@login_required
def template_edit(request, pk=None):
    """Write a new template (pk None) or change one of the templates this user keeps."""
    unit = _keeper_unit(request)
    template = get_object_or_404(reply_templates_visible_to(request.user), pk=pk) if pk else None
    office = unit is None
    initial = {"unit": template.unit if template else None}
    if template:
        initial.update(title=template.title, body=template.body)
    form = ReplyTemplateForm(request.POST or None, initial=initial, office=office)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.reply_template_save(
                actor=request.user,
                unit=data.get("unit") or unit,
                template=template,
                title=data["title"],
                body=data["body"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            return redirect("workbench:reply-templates")
    return render(request, "coordination/reply_template_form.html", {"form": form, "template": template})


@require_POST
@login_required
def template_delete(request, pk):
    template = get_object_or_404(reply_templates_visible_to(request.user), pk=pk)
    return run(
        request,
        services.reply_template_delete,
        template=template,
        success=_("答复模板“%(t)s”已删除。") % {"t": template.title},
        redirect_to="workbench:reply-templates",
    )


def apply_template(request, proposal, data):
    """The posted reply form with its body replaced by the chosen template of the proposal's lead
    unit, filled for the proposal (nothing saved); the form as posted when the choice is refused."""
    template = reply_templates_of(request.user, proposal.lead_unit).filter(pk=posted_id(request, "template")).first()
    if template is None:
        messages.error(request, _("请选择本单位的答复模板。"))
        return data
    try:
        body = services.reply_template_fill(actor=request.user, template=template, proposal=proposal)
    except DomainError as error:
        messages.error(request, error.message)
        return data
    data = data.copy()
    data["body"] = body
    messages.info(request, _("已套用模板“%(t)s”，请修改后保存。") % {"t": template.title})
    return data
