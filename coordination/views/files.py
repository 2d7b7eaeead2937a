"""Workbench downloads of private files; the rules are in coordination/files.py."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render

from coordination import files, meeting_documents, services
from coordination.documents import circular_document, minutes_document
from coordination.official import render_docx


@login_required
def progress_attachment(request, pk):
    attachment = files.progress_attachment_for(request.user, pk)
    return files.file_response(attachment.file, attachment.name)


@login_required
def topic_attachment(request, pk):
    attachment = files.topic_attachment_for(request.user, pk)
    return files.file_response(attachment.file, attachment.name)


def _stored_pdf(request, document, request_rendering, name: str):
    """Serve the stored PDF; if there is none yet, ask for it and say it is being prepared.

    A GET never renders: rendering is the task's work. Where tasks run inline (the embedded
    default) the request for it has rendered the file by the time it returns.
    """
    if not document.pdf:
        request_rendering()
        document.refresh_from_db()
    if not document.pdf:
        response = render(request, "coordination/pdf_pending.html", {"name": name}, status=202)
        response["Retry-After"] = "10"
        return response
    return files.file_response(document.pdf, name)


@login_required
def minutes_pdf(request, pk):
    """The issued minutes' PDF, as stored by the rendering task."""
    minutes = files.issued_minutes_for(request.user, pk)
    return _stored_pdf(
        request,
        minutes,
        lambda: services.minutes_pdf_request(minutes_id=minutes.pk),
        minutes.doc_number or minutes.title,
    )


@login_required
def circular_pdf(request, pk):
    """The circular's PDF, as stored by the rendering task."""
    circular = files.circular_for(request.user, pk)
    return _stored_pdf(
        request, circular, lambda: services.circular_pdf_request(circular_id=circular.pk), circular.doc_number
    )


@login_required
def minutes_docx(request, pk):
    """The issued minutes as a Word file: the PDF's text and page, for the offices' own archive."""
    minutes = files.issued_minutes_for(request.user, pk)
    return files.content_response(render_docx(minutes_document(minutes)), minutes.doc_number or minutes.title, "docx")


@login_required
def circular_docx(request, pk):
    circular = files.circular_for(request.user, pk)
    return files.content_response(render_docx(circular_document(circular)), circular.doc_number, "docx")


# Which documents come in which formats: the sign-in sheet is for printing only.
MEETING_DOCUMENTS = {("notice", "pdf"), ("notice", "docx"), ("agenda", "pdf"), ("agenda", "docx"), ("signin", "pdf")}


@login_required
def meeting_document(request, pk, kind, extension):
    """A meeting's notice, agenda or sign-in sheet, made from what the meeting holds now."""
    if (kind, extension) not in MEETING_DOCUMENTS:
        raise Http404
    meeting = files.meeting_document_for(request.user, pk, kind)
    data, title = meeting_documents.meeting_document(meeting, kind, extension)
    return files.content_response(data, title, extension)
