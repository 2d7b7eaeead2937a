import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from coordination import services
from coordination.models import ScheduledJobRun


@pytest.fixture
def jobs_ran(db):
    services.scheduler_heartbeat()
    for name in settings.PORTAL_SCHEDULE:
        services.scheduled_job_run(name=name)


def test_healthz_reports_each_part(client, jobs_ran):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert set(data["checks"]) == {"database", "cache", "broker"}
    assert data["scheduler"]["state"] == "ok"
    jobs = {
        "publish_scheduled",
        "deliver_waiting",
        "send_reminders",
        "send_office_digest",
        "escalate_red_items",
        "send_meeting_reminders",
        "send_contact_reminders",
        "send_disclosure_reminders",
    }
    assert set(data["scheduler"]["jobs"]) == jobs


@pytest.mark.django_db
def test_healthz_says_late_while_no_scheduler_has_ever_run(client):
    data = client.get("/healthz").json()
    assert data["status"] == "late" and data["scheduler"]["state"] == "never"


def test_healthz_says_late_when_the_scheduler_has_been_silent(client, jobs_ran):
    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    ScheduledJobRun.objects.filter(name="scheduler").update(finished_at=an_hour_ago)
    response = client.get("/healthz")
    assert response.status_code == 200  # the web still serves; the scheduler is what is late
    assert response.json()["status"] == "late"
    assert response.json()["scheduler"]["state"] == "late"


def test_anonymous_visitors_see_states_and_the_office_sees_what_failed(client, settings, office_user, db):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    anonymous = client.get("/healthz").json()
    assert anonymous["checks"]["broker"] == {"ok": False, "state": "down"}
    client.force_login(office_user)
    office = client.get("/healthz").json()
    assert "127.0.0.1:1" in office["checks"]["broker"]["detail"] or "Error" in office["checks"]["broker"]["detail"]
    assert "last_tick_at" in office["scheduler"]


@pytest.mark.django_db
def test_healthz_names_the_broker_when_it_is_down(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["down"] == ["broker"]


@pytest.mark.django_db
def test_healthz_names_the_cache_when_it_is_down(client, settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert "cache" in response.json()["down"]
