"""With PORTAL_S3_BUCKET set, every file the portal keeps is in the bucket, read through its views.

moto's S3 server stands in for the object store. A unit's attachment, uploaded through the
service, comes back byte for byte to a liaison who may read it and not at all to one who may
not; a public document downloads anonymously; a circular's PDF is rendered into the bucket; no
key is public-read; and nothing is written to the local media or private folders.
"""

import datetime

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.models import Collection

from coordination import services
from coordination.models import Circular
from portal.settings.base import object_storages
from tests.coordination.conftest import item, liaisons  # noqa: F401  (fixtures)
from tests.coordination.files.samples import PDF, upload


@pytest.fixture
def in_the_bucket(s3_bucket, monkeypatch, tmp_path):
    for name, value in s3_bucket.env.items():
        monkeypatch.setenv(name, value)
    media, private = tmp_path / "media", tmp_path / "private"
    storages = {**settings.STORAGES, **object_storages(s3_bucket.env["PORTAL_S3_BUCKET"])}
    with override_settings(STORAGES=storages, MEDIA_ROOT=media, PORTAL_PRIVATE_ROOT=private):
        yield s3_bucket
    assert not media.exists() and not private.exists()  # nothing on this machine's disk


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_an_attachment_is_stored_in_the_bucket_and_read_only_by_who_may(in_the_bucket, client, item, liaisons):  # noqa: F811
    report = services.action_item_report_progress(
        actor=liaisons["lead"], item=item, unit=item.lead_unit, text="附方案", files=[upload("方案.pdf", PDF)]
    )
    attachment = report.attachments.get()
    key = f"private/{attachment.file.name}"
    assert in_the_bucket.keys() == [key]
    grants = in_the_bucket.client.get_object_acl(Bucket=in_the_bucket.env["PORTAL_S3_BUCKET"], Key=key)["Grants"]
    assert all("AllUsers" not in str(grant["Grantee"]) for grant in grants)

    url = f"/workbench/files/progress/{attachment.pk}/"
    client.force_login(liaisons["lead"])
    response = client.get(url)
    assert response.status_code == 200 and body(response) == PDF
    client.force_login(liaisons["other"])
    assert client.get(url).status_code == 404


def test_a_public_document_downloads_from_the_bucket(in_the_bucket, client, db):
    root = Collection.get_first_root_node() or Collection.add_root(name="Root")  # (flushed by transactional tests)
    document = get_document_model().objects.create(
        title="附件1：统计表", file=ContentFile(PDF, name="统计表.pdf"), collection=root
    )
    assert in_the_bucket.keys() == [f"media/{document.file.name}"]
    response = client.get(document.url)
    assert response.status_code == 200 and body(response) == PDF


def test_a_circular_pdf_is_rendered_into_the_bucket(
    in_the_bucket,
    client,
    office_user,
    item,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        circular = services.circular_issue(
            actor=office_user, period_start=datetime.date(2026, 1, 1), period_end=datetime.date(2026, 3, 31)
        )
    circular = Circular.objects.get(pk=circular.pk)
    assert in_the_bucket.keys() == [f"private/{circular.pdf.name}"]
    client.force_login(office_user)
    response = client.get(f"/workbench/circulars/{circular.pk}/pdf/")
    assert response.status_code == 200 and body(response).startswith(b"%PDF-")
