import pytest

from content import demo
from coordination.demo import load_units


@pytest.fixture
def site_pages(db, django_capture_on_commit_callbacks):
    """The demo public site: home, policies, 27 unit pages, reports and disclosed replies, indexed."""
    quiet = lambda line: None  # noqa: E731
    load_units(quiet)
    with django_capture_on_commit_callbacks(execute=True):
        return demo.load_site(quiet)


@pytest.fixture
def policy_index(site_pages):
    from content.models import PolicyIndexPage

    return PolicyIndexPage.objects.get()
