"""The answer templates on the workbench: kept on their own screen, picked on the reply form (no
JavaScript needed), never another unit's."""

from coordination import services
from coordination.models import ReplyTemplate
from tests.coordination.services.conftest import *  # noqa: F403  (the people and proposal fixtures)

FORM = {"category": "B", "addressee": "赵敏代表", "disclosure": "proactive", "body": "我已经打了一半的字"}


def test_the_liaison_writes_a_template_and_picks_it_on_the_reply_form(client, proposal, people):
    client.force_login(people["lead"])
    created = client.post(
        "/workbench/proposals/templates/new/", {"title": "通用答复", "body": "{代表姓名}代表：第{编号}号建议答复如下。"}
    )
    assert created.status_code == 302
    template = ReplyTemplate.objects.get()
    assert template.unit == proposal.lead_unit
    page = client.post(f"/workbench/proposals/{proposal.pk}/", {**FORM, "action": "template", "template": template.pk})
    assert page.status_code == 200 and not proposal.replies.exists()  # filled, not saved
    assert page.context["form"]["body"].value() == "赵敏代表：第56号建议答复如下。"
    assert page.context["form"]["category"].value() == "B"  # the other fields stay as typed
    assert "第56号建议答复如下。" in page.content.decode().split("data-reply-letter", 1)[1]


def test_the_reply_form_offers_only_the_units_own_templates(client, proposal, people, units):
    own = services.reply_template_save(actor=people["lead"], unit=proposal.lead_unit, title="本单位模板", body="甲")
    other = services.reply_template_save(actor=people["office"], unit=units[3], title="教体局模板", body="乙")
    client.force_login(people["lead"])
    page = client.get(f"/workbench/proposals/{proposal.pk}/").content.decode()
    assert "本单位模板" in page and "教体局模板" not in page
    refused = client.post(f"/workbench/proposals/{proposal.pk}/", {**FORM, "action": "template", "template": other.pk})
    assert refused.context["form"]["body"].value() == FORM["body"]  # nothing of the other unit's text
    assert client.get(f"/workbench/proposals/templates/{other.pk}/").status_code == 404
    assert client.post(f"/workbench/proposals/templates/{other.pk}/delete/").status_code == 404
    assert "教体局模板" not in client.get("/workbench/proposals/templates/").content.decode()
    client.force_login(people["other"])
    assert client.post(f"/workbench/proposals/templates/{own.pk}/", {"title": "x", "body": "y"}).status_code == 404
    assert ReplyTemplate.objects.get(pk=own.pk).body == "甲"


def test_the_office_keeps_templates_for_any_unit(client, proposal, people, units):
    client.force_login(people["office"])
    saved = client.post(
        "/workbench/proposals/templates/new/", {"unit": units[3].pk, "title": "教体局模板", "body": "x"}
    )
    assert saved.status_code == 302
    listed = client.get("/workbench/proposals/templates/").content.decode()
    assert "教体局模板" in listed and units[3].short_name in listed
    refused = client.post("/workbench/proposals/templates/new/", {"unit": units[3].pk, "title": "坏", "body": "{姓名}"})
    assert "不认识的占位符" in refused.content.decode() and ReplyTemplate.objects.count() == 1


def test_a_user_of_no_unit_cannot_open_the_templates(client, convenor_user):
    client.force_login(convenor_user)
    assert client.get("/workbench/proposals/templates/").status_code == 403
