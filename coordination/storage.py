"""Where the workbench keeps its files: a storage outside MEDIA_ROOT that no web server serves.

Progress and topic attachments, and the minutes' and circulars' PDFs, belong to units and the
office. They are read only through `coordination.files`, after the same permission check as the
object they belong to; nothing here has a public URL.
"""

import posixpath
import uuid

from django.core.files.storage import FileSystemStorage, storages

from .uploads import detect


class PrivateStorage(FileSystemStorage):
    """Stores a file as `<folder>/<random>.<extension of what the content is>`.

    The name a user gave is never used on disk: it may lie (`report.html` that starts with
    `%PDF-`) and it may reveal (`2026-1-minutes.pdf`). The download name is kept on the model.
    """

    def save(self, name, content, max_length=None):
        folder = posixpath.dirname(name)
        kind = detect(content)
        extension = kind.extension if kind else "bin"
        return super().save(posixpath.join(folder, f"{uuid.uuid4().hex}.{extension}"), content, max_length)

    def url(self, name):
        raise ValueError("Private files have no URL of their own; link to coordination.files' views.")


def private_storage():
    """The storage of `STORAGES["private"]`; a callable, so settings decide it and tests may change it."""
    return storages["private"]
