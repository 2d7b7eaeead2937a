"""Private files: who may read each one, and the response that hands it over.

A file is readable by exactly who may read the object it belongs to, asked of the same
selectors and permissions the workbench screens use: a progress attachment with its report, a
topic's attachment with its topic, the minutes' PDF with the issued minutes, a circular's PDF
with the circular list, a meeting's notice, agenda and sign-in sheet as rule `meeting.document`
says. Who may not see the object gets 404, as on its screen; circulars answer
403, as their list does.
"""

import posixpath
import re
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header

from . import rules, selectors
from .errors import DomainError
from .models import Circular, LedgerExport, Meeting, Minutes, ProgressAttachment, TopicAttachment
from .uploads import KINDS


def progress_attachment_for(user, pk: int) -> ProgressAttachment:
    attachment = get_object_or_404(ProgressAttachment.objects.select_related("report"), pk=pk)
    item = get_object_or_404(selectors.action_items_visible_to(user), pk=attachment.report.action_item_id)
    reports = selectors.reports_visible_to(user, item, selectors.liaison_unit(user))
    if not reports.filter(pk=attachment.report_id).exists():
        raise Http404
    return attachment


def topic_attachment_for(user, pk: int) -> TopicAttachment:
    attachment = get_object_or_404(TopicAttachment.objects.select_related("topic"), pk=pk)
    meeting = get_object_or_404(selectors.meetings_visible_to(user), pk=attachment.topic.meeting_id)
    if not selectors.topics_visible_to(user, meeting).filter(pk=attachment.topic_id).exists():
        raise Http404
    return attachment


def issued_minutes_for(user, pk: int) -> Minutes:
    minutes = get_object_or_404(selectors.minutes_visible_to(user).distinct(), pk=pk)
    if minutes.status != Minutes.Status.ISSUED:
        raise Http404
    return minutes


def circular_for(user, pk: int) -> Circular:
    if not rules.can("circular.read", user):
        raise PermissionDenied
    return get_object_or_404(selectors.circulars_visible_to(user), pk=pk)


def ledger_export_for(user, pk: int) -> LedgerExport:
    """A prepared ledger is its requester's alone (it holds what their filter and role showed them)."""
    return get_object_or_404(LedgerExport.objects.filter(requested_by=user), pk=pk)


def meeting_document_for(user, pk: int, kind: str) -> Meeting:
    """The meeting whose `kind` of document the user may print; 404 as its page, 403 as the rule says."""
    meeting = get_object_or_404(selectors.meetings_visible_to(user), pk=pk)
    try:
        rules.check("meeting.document", user, meeting, kind=kind)
    except DomainError as error:
        raise PermissionDenied(error.message) from error
    return meeting


UNSAFE_IN_NAMES = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def download_name(name: str, extension: str) -> str:
    """The name the user sees: theirs without path or control characters, with the real extension."""
    stem = posixpath.splitext(UNSAFE_IN_NAMES.sub("_", name).strip(" ._"))[0].strip(" ._")
    return f"{stem[:120] or 'file'}.{extension}"


def _private(response: HttpResponse, kind, name: str, extension: str) -> HttpResponse:
    inline = kind is not None and kind.shown_inline
    response["Content-Disposition"] = content_disposition_header(not inline, download_name(name, extension or "bin"))
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_cache=True)
    return response


def content_response(data: bytes, name: str, extension: str) -> HttpResponse:
    """Hand over a private document made for this request (a meeting notice, a sign-in sheet)."""
    kind = KINDS[extension]
    return _private(HttpResponse(data, content_type=kind.mime), kind, name, extension)


def file_response(stored, name: str) -> HttpResponse:
    """Hand over a stored private file: by Django, or by nginx after this check (X-Accel-Redirect)."""
    extension = posixpath.splitext(stored.name)[1].lstrip(".").lower()
    kind = KINDS.get(extension)
    content_type = kind.mime if kind else "application/octet-stream"
    accel_prefix = settings.PORTAL_PRIVATE_ACCEL_REDIRECT
    if accel_prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = accel_prefix.rstrip("/") + "/" + quote(stored.name)
    else:
        if not stored.storage.exists(stored.name):
            raise Http404
        response = FileResponse(stored.open("rb"), content_type=content_type)
    return _private(response, kind, name, extension)
