"""The meeting cycle's fixtures (frozen clock, invited units, minutes) serve these tests too."""

import datetime

import pytest

from coordination import services
from tests.coordination.services.conftest import *  # noqa: F403


@pytest.fixture
def issued_minutes(closed_minutes, office_user, django_capture_on_commit_callbacks):
    """Issued minutes whose PDF the rendering task has stored (tasks run inline here)."""
    with django_capture_on_commit_callbacks(execute=True):
        return services.minutes_issue(actor=office_user, minutes=closed_minutes, reported_on=datetime.date(2026, 3, 20))
