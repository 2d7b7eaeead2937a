"""Workbench screens of minutes: drafting, revisions, the consent round, issue and the PDF."""

import difflib

from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coordination import permissions, selectors, services
from coordination.documents import minutes_document
from coordination.errors import DomainError, StaleEdit
from coordination.forms import (
    AgreedItemFormSet,
    CloseConsentForm,
    ConsentAnswerForm,
    ConsentRoundForm,
    IssueForm,
    MinutesForm,
)
from coordination.models import Meeting, Minutes, MinutesRevision
from coordination.official import render_html

from .common import office_required, run


def visible_minutes(request, pk) -> Minutes:
    return get_object_or_404(selectors.minutes_visible_to(request.user).distinct(), pk=pk)


def _item_initial(minutes: Minutes) -> list[dict]:
    return [
        {
            "title": i.title,
            "lead_unit": i.lead_unit,
            "co_units": list(i.co_units.all()),
            "deadline": i.deadline,
            "expected_result": i.expected_result,
        }
        for i in minutes.agreed_items.select_related("lead_unit").prefetch_related("co_units")
    ]


def _diff_table(a: MinutesRevision, b: MinutesRevision, a_label: str, b_label: str) -> str:
    return difflib.HtmlDiff(wrapcolumn=48).make_table(
        a.as_text().splitlines(), b.as_text().splitlines(), a_label, b_label, context=False
    )


def _unsaved_revision(minutes: Minutes, form: MinutesForm, items: list[dict]) -> MinutesRevision:
    """What the editor typed, as a revision that is never saved: to set it beside the version that won."""
    snapshot = [
        {
            "order": order,
            "title": item["title"],
            "lead_unit": item["lead_unit"].short_name,
            "co_units": [u.short_name for u in item["co_units"] if u != item["lead_unit"]],
            "deadline": str(item["deadline"]),
            "expected_result": item["expected_result"],
        }
        for order, item in enumerate(items, start=1)
    ]
    return MinutesRevision(
        minutes=minutes, title=form.cleaned_data["title"], body=form.cleaned_data["body"], agreed_items=snapshot
    )


def _render_form(request, minutes: Minutes | None, meeting: Meeting, form, formset, **extra):
    return render(
        request,
        "coordination/minutes_form.html",
        {"form": form, "formset": formset, "meeting": meeting, "minutes": minutes, **extra},
    )


@office_required
def minutes_create(request, meeting_pk):
    meeting = get_object_or_404(Meeting, pk=meeting_pk)
    with translation.override(settings.LANGUAGE_CODE):  # the 公文 is written in Chinese whatever the UI speaks
        title = _("%(meeting)s纪要") % {"meeting": meeting.title}
    form = MinutesForm(request.POST or None, initial={"title": title})
    formset = AgreedItemFormSet(request.POST or None, prefix="items")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            minutes = services.minutes_draft(
                actor=request.user,
                meeting=meeting,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                agreed_items=formset.agreed_items(),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("纪要初稿已保存。"))
            return redirect("workbench:minutes", pk=minutes.pk)
    return _render_form(request, None, meeting, form, formset)


@office_required
def minutes_edit(request, pk):
    """Edit the draft. A save refused because someone saved meanwhile keeps what this user typed,
    shows it beside the version that was saved, and rebases the form on that version, so the next
    save (after the user has looked) goes through."""
    minutes = get_object_or_404(Minutes, pk=pk)
    form = MinutesForm(
        request.POST or None, initial={"title": minutes.title, "body": minutes.body, "base_version": minutes.version}
    )
    formset = AgreedItemFormSet(request.POST or None, prefix="items", initial=_item_initial(minutes))
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        data, items = form.cleaned_data, formset.agreed_items()
        try:
            saved = services.minutes_revise(
                actor=request.user,
                minutes=minutes,
                base_version=data["base_version"] or 0,
                title=data["title"],
                body=data["body"],
                agreed_items=items,
                note=data["note"],
            )
        except StaleEdit as error:
            theirs, yours = error.current, _unsaved_revision(minutes, form, items)
            minutes.refresh_from_db()
            rebased = request.POST.copy()
            rebased[form.add_prefix("base_version")] = str(theirs.version)
            form = MinutesForm(rebased)
            form.is_valid()
            form.add_error(None, error.message)
            return _render_form(
                request,
                minutes,
                minutes.meeting,
                form,
                formset,
                theirs=theirs,
                yours=yours,
                table=_diff_table(theirs, yours, _("第%(v)s版") % {"v": theirs.version}, _("您的修改（未保存）")),
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("已保存为第 %(v)s 版。") % {"v": saved.version})
            return redirect("workbench:minutes", pk=pk)
    return _render_form(request, minutes, minutes.meeting, form, formset)


@login_required
def minutes_detail(request, pk):
    minutes = visible_minutes(request, pk)
    unit = selectors.liaison_unit(request.user)
    round_, answers = selectors.consent_overview(minutes)
    own_answer = next((a for a in answers if unit and a.unit_id == unit.pk), None)
    context = {
        "minutes": minutes,
        "meeting": minutes.meeting,
        "is_office": permissions.is_office(request.user),
        "items": minutes.agreed_items.select_related("lead_unit").prefetch_related("co_units"),
        "revisions": minutes.revisions.select_related("created_by"),
        "round": round_,
        "answers": answers,
        "own_answer": own_answer,
        "answer_form": ConsentAnswerForm(),
        "round_form": ConsentRoundForm(),
        "close_form": CloseConsentForm(),
        "issue_form": IssueForm(),
    }
    return render(request, "coordination/minutes_detail.html", context)


@login_required
def minutes_compare(request, pk):
    minutes = visible_minutes(request, pk)
    revisions = {r.version: r for r in minutes.revisions.all()}
    try:
        a, b = revisions[int(request.GET.get("a", 1))], revisions[int(request.GET.get("b", minutes.version))]
    except (KeyError, ValueError):
        raise Http404 from None
    table = _diff_table(a, b, _("第%(v)s版") % {"v": a.version}, _("第%(v)s版") % {"v": b.version})
    return render(
        request,
        "coordination/minutes_compare.html",
        {"minutes": minutes, "a": a, "b": b, "table": table, "versions": sorted(revisions)},
    )


@require_POST
@office_required
def consent_open(request, pk):
    minutes = get_object_or_404(Minutes, pk=pk)
    form = ConsentRoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写有效的反馈截止时间。"))
        return redirect("workbench:minutes", pk=pk)
    deadline = form.cleaned_data["deadline"]
    return run(
        request,
        services.consent_round_open,
        minutes=minutes,
        deadline=deadline,
        success=_("已向出席单位征求意见。"),
        redirect_to=minutes,
    )


@require_POST
@login_required
def consent_answer(request, pk):
    minutes = visible_minutes(request, pk)
    unit = selectors.liaison_unit(request.user)
    form = ConsentAnswerForm(request.POST)
    if unit is None or not form.is_valid():
        messages.error(request, _("请选择同意或提出修改意见。"))
        return redirect("workbench:minutes", pk=pk)
    data = form.cleaned_data
    return run(
        request,
        services.consent_answer,
        minutes=minutes,
        unit=unit,
        agree=data["answer"] == "agree",
        comment=data["comment"],
        success=_("本单位意见已提交。"),
        redirect_to=minutes,
    )


@require_POST
@office_required
def consent_close(request, pk):
    minutes = get_object_or_404(Minutes, pk=pk)
    return run(
        request,
        services.consent_round_close,
        minutes=minutes,
        silence_reason=request.POST.get("silence_reason", ""),
        success=_("意见征求已结束，纪要可以印发。"),
        redirect_to=minutes,
    )


@require_POST
@office_required
def minutes_issue(request, pk):
    minutes = get_object_or_404(Minutes, pk=pk)
    form = IssueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写上报区政府的日期。"))
        return redirect("workbench:minutes", pk=pk)
    reported_on = form.cleaned_data["reported_on"]
    return run(
        request,
        services.minutes_issue,
        minutes=minutes,
        reported_on=reported_on,
        success=_("纪要已印发，议定事项已转为督办事项。"),
        redirect_to=minutes,
    )


@login_required
@csp_update({"style-src": [UNSAFE_INLINE]})  # the 公文 template carries its own page styles; no script
def minutes_preview(request, pk):
    """The HTML print preview: the same template as the PDF."""
    minutes = visible_minutes(request, pk)
    return HttpResponse(render_html(minutes_document(minutes)))
