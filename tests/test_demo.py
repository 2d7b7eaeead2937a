import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from content.models import HomePage
from coordination.grading import Light
from coordination.models import (
    ActionItem,
    AgendaTopic,
    ConsentAnswer,
    ExtensionRequest,
    Liaison,
    Meeting,
    MemberUnit,
    Minutes,
    Notification,
    ProgressAttachment,
    ProgressReport,
    Proposal,
    UnitAlias,
    Urge,
)
from tests.conftest import held_for_module

pytestmark = pytest.mark.django_db


DEMO_MODELS = (
    MemberUnit,
    Liaison,
    UnitAlias,
    Meeting,
    AgendaTopic,
    Minutes,
    ActionItem,
    ProgressReport,
    Urge,
    ExtensionRequest,
    Notification,
    Proposal,
)


def demo_counts() -> dict:
    return {model.__name__: model.objects.count() for model in DEMO_MODELS} | {
        "read": Notification.objects.filter(read_at__isnull=False).count(),
        "users": get_user_model().objects.count(),
    }


@override_settings(DEBUG=True)
def test_load_demo_twice_gives_the_same_data(capsys):
    call_command("load_demo")
    first = demo_counts()
    call_command("load_demo")
    assert demo_counts() == first
    assert (first["MemberUnit"], first["Liaison"], first["users"]) == (27, 27, 31)
    assert Liaison.objects.active().count() == 27
    assert HomePage.objects.count() == 1
    out = capsys.readouterr().out
    assert "office / lianxi-demo-2026" in out
    assert "[27/27]" in out


@override_settings(DEBUG=True)
def test_demo_units_follow_the_notice_order():
    call_command("load_demo", "--quiet-progress")
    names = list(MemberUnit.objects.values_list("short_name", flat=True))
    assert names[0] == "区委宣传部"
    assert names[5] == "区民政局"
    assert names[-1] == "人行陈仓支行"
    assert MemberUnit.objects.get(short_name="区残联").kind == MemberUnit.Kind.MASS_ORGANISATION


def test_load_demo_refuses_without_debug():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo")
    assert not MemberUnit.objects.exists()


@override_settings(DEBUG=True)
def test_home_page_names_the_joint_meeting_and_lists_the_units(client):
    call_command("load_demo", "--quiet-progress")
    response = client.get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "陈仓区社会救助工作联席会议" in body
    assert '<html lang="zh-Hans">' in body
    assert "人行陈仓支行" in body


@override_settings(DEBUG=True)
def test_the_office_user_sees_the_27_units_in_the_admin(client):
    call_command("load_demo", "--quiet-progress")
    assert client.login(username="office", password="lianxi-demo-2026")
    response = client.get("/admin/snippets/coordination/memberunit/")
    assert response.status_code == 200
    body = response.content.decode()
    assert all(unit.short_name in body for unit in MemberUnit.objects.all())


@override_settings(DEBUG=True)
def test_demo_liaisons_have_an_email_address_for_their_reminders():
    call_command("load_demo", "--quiet-progress")
    from django.contrib.auth import get_user_model

    liaison = get_user_model().objects.get(username="liaison06")
    assert liaison.email == "liaison06@example.gov.cn"


@pytest.fixture(scope="module")
def module_demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module's tests (see `held_for_module`)."""
    with held_for_module(django_db_blocker):
        with override_settings(DEBUG=True):  # load_demo refuses to run otherwise
            call_command("load_demo", "--quiet-progress")
        yield


@pytest.fixture
def demo(module_demo, db, settings):
    settings.DEBUG = True


def test_the_standing_measures_have_short_titles_and_no_guessed_units(demo):
    measures = ActionItem.objects.filter(source=ActionItem.Source.STANDING_MEASURE)
    assert measures.count() == 27
    assert max(len(item.title) for item in measures) <= 40
    first = measures.get(source_reference="宝陈政办发〔2022〕45号 附件2 第1条")
    assert first.title == "健全多层次救助体系" and first.description.startswith("健全多层次救助体系。")
    civil_affairs = MemberUnit.objects.get(short_name="区民政局")
    # 20 measures name 区民政局 first; no measure is given to it for want of another unit.
    assert measures.filter(lead_unit=civil_affairs).count() == 20
    audit = measures.get(source_reference__endswith="第27条")
    assert audit.lead_unit.short_name == "区审计局" and audit.external_cooperators == "区纪委"
    assert measures.get(source_reference__endswith="第5条").co_units.filter(short_name="区发改局").exists()
    assert measures.filter(external_cooperators__contains="相关成员单位").count() == 3


def test_the_demo_has_an_item_in_every_light(demo):
    lights = set(ActionItem.objects.with_light().values_list("light", flat=True))
    assert {Light.RED, Light.YELLOW, Light.GREEN, Light.STANDING, Light.DONE} <= lights
    statuses = set(ActionItem.objects.values_list("status", flat=True))
    assert {ActionItem.Status.COMPLETION_REPORTED, ActionItem.Status.CLOSED} <= statuses
    returned = ActionItem.objects.get(title="残疾人两项补贴标准动态调整")
    assert returned.status == ActionItem.Status.IN_PROGRESS and returned.status_reason


def test_the_demo_has_progress_from_many_units_urging_and_extensions(demo):
    standing = ProgressReport.objects.filter(action_item__source=ActionItem.Source.STANDING_MEASURE)
    assert standing.values("unit").distinct().count() >= 8
    assert ProgressAttachment.objects.values("report__action_item").distinct().count() >= 4
    assert ProgressReport.objects.filter(created_at__lt=timezone.now() - datetime.timedelta(days=30)).exists()
    assert Urge.objects.filter(acknowledged_at__isnull=True).exists()
    assert Urge.objects.filter(acknowledged_at__isnull=False).exists()
    assert set(ExtensionRequest.objects.values_list("status", flat=True)) == set(ExtensionRequest.Status.values)
    approved = ExtensionRequest.objects.get(status=ExtensionRequest.Status.APPROVED).action_item
    assert approved.original_deadline < approved.deadline


def test_the_demo_year_has_meetings_at_every_stage(demo):
    statuses = list(Meeting.objects.values_list("status", flat=True))
    assert statuses.count(Meeting.Status.MINUTES_ISSUED) == 2
    assert {Meeting.Status.PLANNED, Meeting.Status.NOTIFIED, Meeting.Status.CANCELLED, Meeting.Status.HELD} <= set(
        statuses
    )
    in_consent = Minutes.objects.get(status=Minutes.Status.IN_CONSENT)
    objection = ConsentAnswer.objects.get(round__minutes=in_consent, answer=ConsentAnswer.Answer.CHANGES)
    assert objection.comment
    assert Meeting.objects.get(status=Meeting.Status.PLANNED).topics.exists()  # being prepared, the office's only
    upcoming = Meeting.objects.get(status=Meeting.Status.NOTIFIED)
    topics = set(upcoming.topics.exclude(unit=None).values_list("status", flat=True))
    assert {AgendaTopic.Status.PROPOSED, AgendaTopic.Status.DEFERRED} <= topics


def test_the_demo_has_proposals_at_several_steps(demo):
    statuses = set(Proposal.objects.values_list("status", flat=True))
    assert {Proposal.Status.ASSIGNED, Proposal.Status.REPLY_DRAFTED, Proposal.Status.SIGNED_OFF} <= statuses
    drafted = Proposal.objects.get(status=Proposal.Status.REPLY_DRAFTED)
    assert drafted.contacts.exists() and drafted.replies.get().countersigns.exists()


def test_demo_notifications_are_read_and_unread_and_their_links_open(demo, client):
    assert Notification.objects.filter(read_at__isnull=True).exists()
    assert Notification.objects.filter(read_at__isnull=False).exists()
    users = {user.pk: user for user in get_user_model().objects.all()}
    for recipient, url in Notification.objects.values_list("recipient", "url").distinct():
        client.force_login(users[recipient])
        assert client.get(url).status_code == 200, (users[recipient].username, url)


def test_the_office_opens_every_demo_item_and_meeting(demo, client):
    client.force_login(get_user_model().objects.get(username="office"))
    for item in ActionItem.objects.all():
        assert client.get(item.get_absolute_url()).status_code == 200, item.title
    for meeting in Meeting.objects.all():
        assert client.get(meeting.get_absolute_url()).status_code == 200, meeting.title
