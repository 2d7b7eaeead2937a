import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings

from content.models import HomePage
from coordination.models import Liaison, MemberUnit

pytestmark = pytest.mark.django_db


@override_settings(DEBUG=True)
def test_load_demo_twice_gives_the_same_data(capsys):
    call_command("load_demo")
    first = (MemberUnit.objects.count(), Liaison.objects.count(), get_user_model().objects.count())
    call_command("load_demo")
    second = (MemberUnit.objects.count(), Liaison.objects.count(), get_user_model().objects.count())
    assert first == second == (27, 27, 31)
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
