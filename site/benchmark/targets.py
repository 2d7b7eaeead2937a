"""What the benchmark drives: its two baselines, the public pages, the workbench and the API.

`prepare` makes what the targets need in the database it measures, each time the same way: the
plain Wagtail page (Wagtail's base page type, a title only, under the home page), signed-in
sessions for the office and a liaison, and the liaison's calendar token. A session is created as
a completed login would leave it (user, backend, password hash; for the office, which must use a
second factor, the verified TOTP device): nothing in the product's authentication is bypassed.
"""

import dataclasses
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.db import transaction
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import Page

from content.loaddata.pages import SLUG_PREFIX
from content.models import HomePage, PolicyDocumentPage, PolicyIndexPage, ReplyIndexPage, UnitPage
from content.publishing import publish_child
from coordination import services
from coordination.models import CalendarToken, Minutes

from .load import Target
from .urls import FLOOR_PATH

PLAIN_SLUG = "bench-plain"
UNCACHED = "portal_benchmark=uncached"  # content/page_cache.py serves only the aids, language and CSRF cookies
BACKEND = "coordination.auth.PortalModelBackend"
SEARCH_2 = "救助"  # in nearly every document
SEARCH_4 = "临时救助"  # a phrase in a good share of them
OFFICE_LISTS = ["items", "supervision", "red_list", "proposals", "proposal-figures", "meetings", "circulars"]
OFFICE_LISTS += ["notifications", "people", "reply-templates", "calendar"]
LIAISON_LISTS = ["items", "proposals", "meetings", "circulars", "notifications"]


@dataclasses.dataclass
class Prepared:
    targets: list[Target]
    office_cookie: str
    minutes_pdf: str | None  # an issued minutes' PDF, for the cached download


def session_cookie(user, device=None) -> str:
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if device is not None:
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def plain_page() -> Page:
    return publish_child(HomePage.objects.get(), Page(title="基准页", slug=PLAIN_SLUG))


def office_device(office) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=office, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=office, name="benchmark", confirmed=True)


def calendar_path(user) -> str:
    token = CalendarToken.objects.filter(user=user).first() or services.calendar_token_renew(user=user)
    return reverse("calendar-feed", args=[token.token])


def public_targets() -> list[Target]:
    policy = (
        PolicyDocumentPage.objects.live().filter(slug__startswith=SLUG_PREFIX).order_by("pk").first()
        or PolicyDocumentPage.objects.live().order_by("pk").first()
    )
    unit = UnitPage.objects.live().filter(unit__short_name="区民政局").first() or UnitPage.objects.live().first()
    public = [
        ("plain", plain_page().get_url()),
        ("home", "/"),
        ("policy_list", PolicyIndexPage.objects.get().get_url()),
        ("policy_page", policy.get_url()),
        ("reply_list", ReplyIndexPage.objects.get().get_url()),
        ("unit_page", unit.get_url()),
        ("search_2_chars", f"/search/?{urlencode({'q': SEARCH_2})}"),
        ("search_4_chars", f"/search/?{urlencode({'q': SEARCH_4})}"),
    ]
    # Each public page twice: rendered (a cookie the page cache does not know keeps the request
    # past it) and as anonymous visitors get it, from the cache once the first request filled it.
    targets = [Target("floor", FLOOR_PATH)]
    for name, path in public:
        targets += [Target(name, path, UNCACHED), Target(f"{name}_cached", path)]
    return targets


def prepare() -> Prepared:
    User = get_user_model()
    office, liaison = User.objects.get(username="office"), User.objects.get(username="liaison01")
    office_cookie = session_cookie(office, office_device(office))
    liaison_cookie = session_cookie(liaison)
    targets = public_targets()
    targets.append(Target("office_dashboard", reverse("workbench:dashboard"), office_cookie))
    targets += [Target(f"office_{n.replace('-', '_')}", reverse(f"workbench:{n}"), office_cookie) for n in OFFICE_LISTS]
    targets.append(Target("liaison_dashboard", reverse("workbench:dashboard"), liaison_cookie))
    targets += [Target(f"liaison_{n}", reverse(f"workbench:{n}"), liaison_cookie) for n in LIAISON_LISTS]
    targets.append(Target("api_items_office", reverse("api-items"), office_cookie))
    targets.append(Target("api_items_liaison", reverse("api-items"), liaison_cookie))
    targets.append(Target("liaison_calendar_feed", calendar_path(liaison)))
    targets.append(Target("office_ledger_export", ledger_export(office).get_absolute_url(), office_cookie))
    return Prepared(targets, office_cookie, minutes_pdf_path())


def ledger_export(office):
    """A prepared ledger of every item: its page (what the office reloads) is the target; the
    writing itself is a task, timed apart (`timings.ledger_export`)."""
    with transaction.atomic():
        export = services.ledger_export_request(actor=office, query="")
    return export


def minutes_pdf_path() -> str | None:
    """An issued minutes' PDF; one recorded but missing from this machine's storage (a copied
    database) is forgotten, so the first download renders it again."""
    minutes = Minutes.objects.filter(status=Minutes.Status.ISSUED).order_by("pk").first()
    if minutes is None:
        return None
    if minutes.pdf and not minutes.pdf.storage.exists(minutes.pdf.name):
        Minutes.objects.filter(pk=minutes.pk).update(pdf="", pdf_fingerprint="")
    return reverse("workbench:minutes-pdf", args=[minutes.pk])
