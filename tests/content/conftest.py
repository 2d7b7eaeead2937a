import pytest


@pytest.fixture
def policy_index(site_pages):
    from content.models import PolicyIndexPage

    return PolicyIndexPage.objects.get()
