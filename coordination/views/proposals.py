"""Workbench screens of suggestions and proposals: registration, the reply letter, sign-off, rating."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination import permissions, selectors, services
from coordination.documents import reply_document
from coordination.errors import DomainError
from coordination.forms import (
    LetterFieldsForm,
    LetterSourceForm,
    ProposalForm,
    RatingForm,
    ReplyForm,
    check_date_bounds,
)
from coordination.importers.files import extract_text
from coordination.importers.letters import parse_reply
from coordination.models import MemberUnit, Proposal, Reply
from coordination.pdf import render_pdf
from coordination.selectors.proposal_figures import header as figure_header
from coordination.selectors.proposal_handling import first_contact_late, proposal_handling
from coordination.spreadsheets import table_workbook

from .common import office_required, posted_id, run


def visible_proposal(request, pk) -> Proposal:
    return get_object_or_404(selectors.proposals_visible_to(request.user), pk=pk)


@login_required
def proposal_list(request):
    proposals = selectors.proposals_visible_to(request.user).order_by("deadline", "pk")
    return render(
        request,
        "coordination/proposal_list.html",
        {"proposals": proposals, "contact_late": {p.pk for p in first_contact_late(proposals)}},
    )


@office_required
def proposal_create(request):
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_register(actor=request.user, **data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("已登记并交办，答复时限 %(d)s。") % {"d": proposal.deadline})
            return redirect("workbench:proposal", pk=proposal.pk)
    return render(request, "coordination/proposal_form.html", {"form": form})


def _current_reply(proposal) -> Reply | None:
    return proposal.replies.order_by("-pk").first()


@login_required
def proposal_detail(request, pk):
    proposal = visible_proposal(request, pk)
    unit = selectors.liaison_unit(request.user)
    reply = _current_reply(proposal)
    is_lead = unit is not None and unit.pk == proposal.lead_unit_id
    initial = (
        {f: getattr(reply, f) for f in ReplyForm.base_fields}
        if reply
        else {
            "addressee": "、".join(f"{p.name}{proposal.proposer_role}" for p in proposal.proposers.all()),
            "disclosure": Reply.Disclosure.PROACTIVE,
        }
    )
    form = ReplyForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not is_lead:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.reply_save(actor=request.user, proposal=proposal, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("答复稿已保存。"))
                return redirect("workbench:proposal", pk=pk)
    context = {
        "proposal": proposal,
        "reply": reply,
        "form": form,
        "is_lead": is_lead,
        "unit": unit,
        "rating_form": RatingForm(),
        "opinions": proposal.co_opinions.select_related("unit"),
        "proposers": proposal.proposers.all(),
        "units": selectors.active_units(),
        "handling": proposal_handling(proposal, reply),
    }
    return render(request, "coordination/proposal_detail.html", context)


def _reply_action(request, pk, service, success, **arguments):
    proposal = visible_proposal(request, pk)
    reply = _current_reply(proposal)
    if reply is None:
        messages.error(request, _("还没有答复稿。"))
        return redirect(proposal)
    return run(request, service, reply=reply, **arguments, success=success, redirect_to=proposal)


@require_POST
@login_required
def reply_sign_off(request, pk):
    return _reply_action(request, pk, services.reply_sign_off, _("答复已签发。"))


@require_POST
@login_required
def reply_reopen(request, pk):
    reason = request.POST.get("reason", "")
    return _reply_action(request, pk, services.reply_reopen, _("答复已重新打开，可以修改。"), reason=reason)


@require_POST
@login_required
def reply_send(request, pk):
    return _reply_action(request, pk, services.reply_send, _("答复已寄出。"))


@require_POST
@login_required
def proposal_rate(request, pk):
    proposal = visible_proposal(request, pk)
    rating = request.POST.get("rating", "")
    return run(
        request,
        services.proposal_rate,
        proposal=proposal,
        rating=rating,
        success=_("测评意见已登记。"),
        redirect_to=proposal,
    )


@require_POST
@login_required
def proposal_co_opinion(request, pk):
    proposal = visible_proposal(request, pk)
    unit = selectors.liaison_unit(request.user)
    if unit is None:
        raise PermissionDenied
    return run(
        request,
        services.proposal_co_opinion,
        proposal=proposal,
        unit=unit,
        text=request.POST.get("text", ""),
        success=_("协办意见已送主办单位。"),
        redirect_to=proposal,
    )


@require_POST
@login_required
def proposal_return(request, pk):
    proposal = visible_proposal(request, pk)
    return run(
        request,
        services.proposal_return,
        proposal=proposal,
        reason=request.POST.get("reason", ""),
        success=_("已申请退回，等待办公室重新交办。"),
        redirect_to=proposal,
    )


@login_required
def reply_pdf(request, pk):
    """The reply letter in official layout; drafts carry the draft mark."""
    proposal = visible_proposal(request, pk)
    reply = _current_reply(proposal)
    if reply is None:
        messages.error(request, _("还没有答复稿。"))
        return redirect("workbench:proposal", pk=pk)
    response = HttpResponse(render_pdf(reply_document(reply)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="reply-{proposal.pk}.pdf"'
    return response


@login_required
def proposal_figures(request):
    """Figures by year, kind and lead unit with subtotals and the total; `?format=xlsx` downloads them."""
    if not permissions.can_oversee(request.user):
        raise PermissionDenied
    figures = selectors.proposal_figures(Proposal.objects.all())
    if request.GET.get("format") == "xlsx":
        rows = [*figures["rows"], *figures["subtotals"], figures["total"]]
        workbook = table_workbook(_("建议提案办理统计"), figure_header(), (row.cells() for row in rows))
        response = HttpResponse(
            workbook, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        response["Content-Disposition"] = 'attachment; filename="proposal-figures.xlsx"'
        return response
    return render(request, "coordination/proposal_figures.html", {"figures": figures, "header": figure_header()})


def _found(parsed) -> list[tuple[str, str | None]]:
    """What the parser found, as the office reads it: labels and values, None for a missing part."""
    codes = {"kind": dict(Proposal.Kind.choices), "disclosure": dict(Reply.Disclosure.choices)}
    rows = []
    for name, label, value in parsed.labelled():
        if isinstance(value, list):
            value = "、".join(value)
        elif name in codes and value:
            value = str(codes[name].get(value, value))
        elif name == "body" and value:
            value = _("已识别（%(n)s 字）") % {"n": len(value)}
        rows.append((label, value))
    return rows


@office_required
def letter_import(request):
    """Upload or paste a letter; see what was found per part; correct it; save it as a sent reply."""
    source = LetterSourceForm(request.POST or None, request.FILES or None)
    fields_form, found = None, None
    if request.method == "POST" and "save" in request.POST:
        fields_form = LetterFieldsForm(request.POST)
        if fields_form.is_valid():
            data = dict(fields_form.cleaned_data)
            unit = data.pop("unit")
            data["copies_to"] = [p for p in data["copies_to"].replace("，", ",").split(",") if p.strip()]
            try:
                reply = services.reply_import(actor=request.user, unit=unit, fields=data)
            except DomainError as error:
                fields_form.add_error(None, error.message)
            else:
                if reply.awaits_disclosure_confirmation:
                    messages.success(request, _("答复函已导入。请预览后确认公开，确认前不会在网站发布。"))
                    return redirect("workbench:reply-disclosure", pk=reply.pk)
                messages.success(request, _("答复函已导入。"))
                return redirect("workbench:proposal", pk=reply.proposal_id)
    elif request.method == "POST" and source.is_valid():
        upload = source.cleaned_data.get("file")
        try:
            text = extract_text(upload.read(), upload.name) if upload else source.cleaned_data["text"]
        except DomainError as error:
            source.add_error("file", error.message)
        else:
            parsed = parse_reply(text)
            found = _found(parsed)
            initial = {k: v for k, v in parsed.as_dict().items() if v is not None}
            initial["copies_to"] = "，".join(parsed.copies_to or [])
            initial["date"] = parsed.date
            initial["unit"] = selectors.unit_by_name(parsed.issuing_body)
            fields_form = LetterFieldsForm(initial=initial)
    return render(
        request, "coordination/letter_import.html", {"source": source, "fields_form": fields_form, "found": found}
    )


@office_required
def reply_disclosure(request, pk):
    """An imported letter as the public would read it; the office confirms its disclosure here."""
    reply = get_object_or_404(Reply.objects.select_related("proposal", "unit"), pk=pk, imported=True)
    if request.method == "POST":
        return run(
            request,
            services.reply_disclosure_confirm,
            reply=reply,
            success=_("已确认公开，答复已在网站发布。"),
            redirect_to=reply.proposal,
        )
    return render(
        request,
        "coordination/letter_disclosure.html",
        {"reply": reply, "public": selectors.public_reply_fields(reply)},
    )


@require_POST
@office_required
def proposal_extend(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    try:
        new_deadline = date.fromisoformat(request.POST.get("new_deadline", ""))
        check_date_bounds(new_deadline)
    except (ValueError, ValidationError):
        messages.error(request, _("请填写有效的新时限。"))
        return redirect("workbench:proposal", pk=pk)
    return run(
        request,
        services.proposal_extend,
        proposal=proposal,
        new_deadline=new_deadline,
        reason=request.POST.get("reason", ""),
        success=_("已批准延期。"),
        redirect_to=proposal,
    )


@require_POST
@office_required
def proposal_reassign(request, pk):
    proposal = get_object_or_404(Proposal, pk=pk)
    lead = MemberUnit.objects.filter(pk=posted_id(request, "lead_unit"), is_active=True).first()
    if lead is None:
        messages.error(request, _("请选择新的主办单位。"))
        return redirect("workbench:proposal", pk=pk)
    return run(
        request,
        services.proposal_reassign,
        proposal=proposal,
        lead_unit=lead,
        success=_("已重新交办。"),
        redirect_to=proposal,
    )
