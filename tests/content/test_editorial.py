import datetime

from django.utils import timezone
from wagtail.models import Page, WorkflowPage

from content.demo import APPROVERS, EDITORS, load_workflow
from content.models import PolicyDocumentPage
from content.tasks import publish_scheduled


def test_pages_under_home_go_through_the_office_heads_approval(site_pages):
    load_workflow(site_pages, progress=lambda line: None)
    page = PolicyDocumentPage.objects.first()
    workflow = page.get_workflow()
    assert workflow is not None and workflow.name == "审核后发布"
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == [APPROVERS]
    assert WorkflowPage.objects.filter(page=site_pages).exists()
    editors = Page.objects.get(pk=site_pages.pk).group_permissions.filter(group__name=EDITORS)
    assert not editors.filter(permission__codename="publish_page").exists()


def test_a_scheduled_page_goes_live_when_beat_runs_the_task(site_pages, policy_index):
    page = PolicyDocumentPage(
        title="定时发布的文件",
        slug="scheduled",
        issuing_body="陈仓区民政局",
        publish_date=datetime.date(2026, 11, 1),
        live=False,
    )
    policy_index.add_child(instance=page)
    revision = page.save_revision()
    page.go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision = page.save_revision(approved_go_live_at=page.go_live_at)
    assert not PolicyDocumentPage.objects.get(pk=page.pk).live
    publish_scheduled()
    assert PolicyDocumentPage.objects.get(pk=page.pk).live
    assert revision.pk
