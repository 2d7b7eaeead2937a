"""Workbench downloads of private files; the rules are in coordination/files.py."""

from django.contrib.auth.decorators import login_required

from coordination import files, services


@login_required
def progress_attachment(request, pk):
    attachment = files.progress_attachment_for(request.user, pk)
    return files.file_response(attachment.file, attachment.name)


@login_required
def topic_attachment(request, pk):
    attachment = files.topic_attachment_for(request.user, pk)
    return files.file_response(attachment.file, attachment.name)


@login_required
def minutes_pdf(request, pk):
    """The issued minutes' PDF, from storage; rendered now if the background task has not yet."""
    minutes = files.issued_minutes_for(request.user, pk)
    services.minutes_store_pdf(minutes_id=minutes.pk)
    minutes.refresh_from_db()
    return files.file_response(minutes.pdf, minutes.doc_number or minutes.title)


@login_required
def circular_pdf(request, pk):
    circular = files.circular_for(request.user, pk)
    services.circular_store_pdf(circular_id=circular.pk)
    circular.refresh_from_db()
    return files.file_response(circular.pdf, circular.doc_number)
