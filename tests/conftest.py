"""Shared fixtures: the 27 founding units, the three roles, and access to real services."""

import os

import pytest

from content import demo as content_demo
from coordination import permissions, services
from coordination.demo import load_units
from tests.factories import DEMO_START, UserFactory

IN_CI = os.environ.get("CI", "").lower() == "true"


def require_service(name: str, problem: str) -> None:
    """In CI a missing service fails the test; on a laptop it is skipped with what to start."""
    message = f"{name} is not available ({problem})"
    if IN_CI:
        pytest.fail(f"{message}: CI must provide it")
    pytest.skip(f"{message}: start it to run this test")


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language, whatever an earlier request activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture
def units(db):
    return load_units(progress=lambda line: None)


@pytest.fixture
def office_user(db):
    user = UserFactory(username="office-test")
    user.groups.add(permissions.role_group(permissions.Role.OFFICE))
    return user


@pytest.fixture
def convenor_user(db):
    user = UserFactory(username="convenor-test")
    user.groups.add(permissions.role_group(permissions.Role.CONVENOR))
    return user


@pytest.fixture
def make_liaison(office_user):
    def make(unit, username=None, start_date=DEMO_START):
        user = UserFactory(username=username or f"liaison-{unit.order:02}")
        services.liaison_appoint(actor=office_user, unit=unit, user=user, start_date=start_date)
        return user

    return make


@pytest.fixture
def redis_url():
    import redis

    url = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError as error:
        require_service("Redis", f"{url}: {error}")
    return url


@pytest.fixture
def site_pages(db, office_user, django_capture_on_commit_callbacks):
    """The demo public site: home, policies, 27 unit pages, reports and disclosed replies, indexed."""
    quiet = lambda line: None  # noqa: E731
    load_units(quiet)
    with django_capture_on_commit_callbacks(execute=True):
        return content_demo.load_site(quiet)
