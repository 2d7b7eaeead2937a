"""Where the workbench keeps its files: a storage no web server serves, on disk or in a bucket.

Progress and topic attachments, and the minutes' and circulars' PDFs, belong to units and the
office. They are read only through `coordination.files`, after the same permission check as the
object they belong to; nothing here has a public URL. On one machine they live under
PORTAL_PRIVATE_ROOT, outside MEDIA_ROOT; with PORTAL_S3_BUCKET set, in the bucket under
`private/`, with no public ACL (README, Production: several machines).
"""

import posixpath
import uuid

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty
from storages.backends.s3 import S3Storage

from .uploads import detect


class PrivateNames:
    """Stores a file as `<folder>/<random>.<extension of what the content is>`.

    The name a user gave is never used in storage: it may lie (`report.html` that starts with
    `%PDF-`) and it may reveal (`2026-1-minutes.pdf`). The download name is kept on the model.
    """

    def save(self, name, content, max_length=None):
        folder = posixpath.dirname(name)
        kind = detect(content)
        extension = kind.extension if kind else "bin"
        return super().save(posixpath.join(folder, f"{uuid.uuid4().hex}.{extension}"), content, max_length)

    def url(self, name):
        raise ValueError("Private files have no URL of their own; link to coordination.files' views.")


class PrivateStorage(PrivateNames, FileSystemStorage):
    """On the local disk (one machine)."""


class PrivateS3Storage(PrivateNames, S3Storage):
    """In an S3-compatible bucket, never public-read: read back through `open()` by the portal's views."""

    default_acl = None


class _Private(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


_private = _Private()


@receiver(setting_changed)
def _forget_private_storage(*, setting, **kwargs):
    """`override_settings(STORAGES=…)` moves private files as it moves `default_storage`."""
    if setting == "STORAGES":
        _private._wrapped = empty


def private_storage():
    """`STORAGES["private"]`, looked up when first used; a callable, as model fields and migrations name it."""
    return _private
