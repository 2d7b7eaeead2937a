"""Shared fixtures: the 27 founding units, the three roles, and access to real services."""

import contextlib
import itertools
import os

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import transaction
from django.test import Client, TestCase
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from content import demo as content_demo
from coordination import permissions, services
from coordination.demo import load_units
from tests.factories import DEMO_START, UserFactory

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Within each run of a module's tests, those on data held for the module (`held_for_module`)
    go last: that data stays until the module ends, and no test that did not ask for it sees it."""
    ordered = []
    for _module, run in itertools.groupby(items, key=lambda item: item.module):
        ordered += sorted(run, key=lambda item: any(name in MODULE_DATA for name in item.fixturenames))
    items[:] = ordered


def require_service(name: str, problem: str) -> None:
    """In CI a missing service fails the test; on a laptop it is skipped with what to start."""
    message = f"{name} is not available ({problem})"
    if IN_CI:
        pytest.fail(f"{message}: CI must provide it")
    pytest.skip(f"{message}: start it to run this test")


def confirmed_device(user) -> TOTPDevice:
    """The user's enrolled authenticator, enrolling one if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def totp_code(device: TOTPDevice) -> str:
    """The code the user's phone shows now. Forgets the last code used: a device takes each code once."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


class VerifiedClient(Client):
    """The test client, whose logins pass the second step too, as a user with their phone would.

    Two-factor login stays enforced in the tests: a user who must have it gets an authenticator
    (enrolled for them here) and the session is marked verified, as `django_otp.login` does. Tests
    of the second step itself use a plain `django.test.Client`.
    """

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        self.verify(user)

    def login(self, **credentials):
        from django.contrib.auth import get_user_model

        logged_in = super().login(**credentials)
        if logged_in:
            self.verify(get_user_model().objects.get(pk=self.session["_auth_user_id"]))
        return logged_in

    def verify(self, user) -> None:
        if not (permissions.two_factor_required(user) or TOTPDevice.objects.filter(user=user, confirmed=True).exists()):
            return
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id
        session.save()


@pytest.fixture
def client():
    return VerifiedClient()


@pytest.fixture
def admin_client(db, admin_user):
    client = VerifiedClient()
    client.force_login(admin_user)
    return client


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language, whatever an earlier request activated."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_caches():
    """Pages and feeds cached by an earlier test came from its database: each test starts new generations."""
    from content.cache import PUBLIC
    from coordination.selectors.calendar_feed import FEEDS

    PUBLIC.advance()
    FEEDS.advance()
    caches["ratelimit"].clear()  # in memory (portal/settings/test.py)


@pytest.fixture
def units(db):
    return load_units(progress=lambda line: None)


def _office_user():
    """The office's test account; the module's site (below) may have made it already."""
    user = get_user_model().objects.filter(username="office-test").first()
    if user is None:
        user = UserFactory(username="office-test")
        user.groups.add(permissions.role_group(permissions.Role.OFFICE))
    return user


@pytest.fixture
def office_user(db):
    return _office_user()


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


def _build_site():
    quiet = lambda line: None  # noqa: E731
    _office_user()  # the replies are imported by the office
    load_units(quiet)
    with TestCase.captureOnCommitCallbacks(execute=True):  # indexing runs once the pages commit
        return content_demo.load_site(quiet)


MODULE_DATA = {"module_site", "module_demo"}


@contextlib.contextmanager
def held_for_module(django_db_blocker):
    """A transaction held open for a test module's data and rolled back at its end.

    Each test's own transaction is a savepoint inside it, rolled back after the test, so every
    test starts from the data as it was built. A module-scoped fixture using this must be named
    in MODULE_DATA, so that the module's other tests run before it is built.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def module_site(django_db_setup, django_db_blocker):
    """The demo public site, built once for a test module instead of once for each test.

    Publishing its pages took 5–10 s, and about 150 tests ask for it. A test that commits
    (`transaction=True`) uses `committed_site_pages` instead.
    """
    with held_for_module(django_db_blocker):
        _build_site()
        yield


@pytest.fixture
def site_pages(request, module_site, db, office_user):
    """The demo public site: home, policies, 27 unit pages, reports and disclosed replies, indexed."""
    from content.models import HomePage

    marker = request.node.get_closest_marker("django_db")
    if "transactional_db" in request.fixturenames or (marker and marker.kwargs.get("transaction")):
        pytest.fail("a test that commits cannot use the module's site (its transaction): use committed_site_pages")

    return HomePage.objects.get()


@pytest.fixture
def committed_site_pages(transactional_db, office_user):
    """The demo site for a test whose writes commit (another process reads them), built for it alone."""
    return _build_site()
