"""Workbench screens of suggestions and proposals: registration, the reply letter, sign-off, rating."""

import copy
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination import files, permissions, rules, selectors, services
from coordination.documents import reply_document, reply_letter
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
from coordination.official import render_docx, render_pdf
from coordination.selectors.proposal_figures import header as figure_header
from coordination.selectors.proposal_handling import first_contact_late, proposal_handling
from coordination.selectors.reply_templates import reply_templates_of
from coordination.spreadsheets import table_workbook

from .common import office_required, paginated, posted_id, run
from .reply_templates import apply_template


def visible_proposal(request, pk) -> Proposal:
    return get_object_or_404(selectors.proposals_visible_to(request.user), pk=pk)


@login_required
def proposal_list(request):
    proposals = paginated(request, selectors.proposals_visible_to(request.user).order_by("deadline", "pk"))
    on_page = Proposal.objects.filter(pk__in=[p.pk for p in proposals])
    return render(
        request,
        "coordination/proposal_list.html",
        {"proposals": proposals, "contact_late": {p.pk for p in first_contact_late(on_page)}},
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
    """The letter of the round owed: after 不满意, the second reply (None until it is drafted)."""
    return proposal.replies.filter(round=proposal.reply_round).order_by("-pk").first()


def _reply_initial(proposal, reply) -> dict:
    """The reply form's first values: the letter being drafted, or a new round's fresh letter."""
    if reply and not reply.imported:
        return {f: getattr(reply, f) for f in ReplyForm.base_fields}
    return {
        "addressee": "、".join(f"{p.name}{proposal.proposer_role}" for p in proposal.proposers.all()),
        "disclosure": Reply.Disclosure.PROACTIVE,
    }


def _letter_from_form(proposal, reply, data: dict):
    """The letter the form's values would issue, nothing saved: the draft being edited with the
    typed values, or a new letter of the round owed."""
    if reply and reply.status == Reply.Status.DRAFT:
        letter = copy.copy(reply)
    else:
        letter = Reply(proposal=proposal, unit=proposal.lead_unit, round=proposal.reply_round)
    for name, value in data.items():
        setattr(letter, name, value.strip() if isinstance(value, str) else value)
    return reply_letter(letter)


@login_required
def proposal_detail(request, pk):
    """The proposal and its reply: the lead unit drafts beside the letter as it will be issued.

    The reply form posts one of three actions: 保存 (save the draft), 预览 (show the letter the
    typed values make, nothing saved: the preview step without JavaScript) and 套用模板 (fill the
    body from one of the unit's templates, nothing saved)."""
    proposal = visible_proposal(request, pk)
    unit = selectors.liaison_unit(request.user)
    reply = _current_reply(proposal)
    is_lead = unit is not None and unit.pk == proposal.lead_unit_id
    action = request.POST.get("action", "save")
    data = request.POST if request.method == "POST" else None
    if data is not None and not is_lead:
        raise PermissionDenied
    if data is not None and action == "template":
        data = apply_template(request, proposal, data)
    form = ReplyForm(data, initial=_reply_initial(proposal, reply))
    letter = None
    if data is not None and form.is_valid():
        if action == "save":
            try:
                services.reply_save(actor=request.user, proposal=proposal, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("答复稿已保存。"))
                return redirect("workbench:proposal", pk=pk)
        letter = _letter_from_form(proposal, reply, form.cleaned_data)
    if letter is None and is_lead and rules.can("reply.save", request.user, proposal):
        letter = _letter_from_form(proposal, reply, dict(form.initial))
    context = {
        "proposal": proposal,
        "reply": reply,
        "letter": letter or (reply_letter(reply) if reply else None),
        "earlier_replies": proposal.replies.exclude(pk=getattr(reply, "pk", None)).order_by("pk"),
        "templates": reply_templates_of(request.user, proposal.lead_unit) if is_lead else (),
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


@require_POST
@login_required
def reply_preview(request, pk):
    """The letter the reply form's values make, as an HTML fragment for the live preview."""
    proposal = visible_proposal(request, pk)
    unit = selectors.liaison_unit(request.user)
    if unit is None or unit.pk != proposal.lead_unit_id or not rules.can("reply.save", request.user, proposal):
        raise PermissionDenied
    form = ReplyForm(request.POST)
    if not form.is_valid():
        return HttpResponse(status=422)
    letter = _letter_from_form(proposal, _current_reply(proposal), form.cleaned_data)
    return render(request, "coordination/includes/reply_letter.html", {"letter": letter})


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


def _chosen_reply(request, proposal):
    """The current reply, or an earlier one by `?reply=`."""
    chosen = request.GET.get("reply", "")
    if chosen.isascii() and chosen.isdigit() and len(chosen) < 10:
        return proposal.replies.filter(pk=int(chosen)).first()
    return _current_reply(proposal)


@login_required
def reply_pdf(request, pk):
    """The reply letter in official layout (the current one, or an earlier one by `?reply=`); drafts
    carry the draft mark."""
    proposal = visible_proposal(request, pk)
    reply = _chosen_reply(request, proposal)
    if reply is None:
        messages.error(request, _("还没有答复稿。"))
        return redirect("workbench:proposal", pk=pk)
    response = HttpResponse(render_pdf(reply_document(reply)), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="reply-{proposal.pk}-{reply.round}.pdf"'
    return response


@login_required
def reply_docx(request, pk):
    """The same letter as a Word file, for the unit to finish and countersign in WPS/Word."""
    proposal = visible_proposal(request, pk)
    reply = _chosen_reply(request, proposal)
    if reply is None:
        messages.error(request, _("还没有答复稿。"))
        return redirect("workbench:proposal", pk=pk)
    return files.content_response(render_docx(reply_document(reply)), f"reply-{proposal.pk}-{reply.round}", "docx")


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
        {"reply": reply, "public": selectors.public_reply_fields(reply), "letter": reply_letter(reply, public=True)},
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
