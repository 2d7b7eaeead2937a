"""The search corpus indexed as entries of one content type (any will do: ids are the corpus ids)."""

import pytest
from django.contrib.contenttypes.models import ContentType

from content.fulltext.documents import SearchDocument
from content.fulltext.indexing import index_document

from .corpus import DATE, DOCS, LONG_ID, LONG_TEXT


@pytest.fixture
def corpus(db):
    content_type = ContentType.objects.get_by_natural_key("auth", "user")  # any type: ids are the corpus ids
    for object_id, title, kind, fields in DOCS:
        index_document(
            content_type,
            object_id,
            SearchDocument(url=f"/d/{object_id}/", title=title, kind=kind, date=DATE, fields=fields),
        )
    index_document(
        content_type,
        LONG_ID,
        SearchDocument(url="/d/long/", title="长篇工作报告", kind="report", date=DATE, fields=[(LONG_TEXT, 1.0)]),
    )
    return content_type
