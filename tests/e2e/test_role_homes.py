"""Each role's home leads to its next task, on the demo, in a real browser.

The liaison reports on a red item, the leader signs off a reply, the office closes the consent
round that a unit objected to and issues the minutes, and the convenor opens the red list: each
starts on /workbench/ and follows the home page's own link.
"""

import datetime

from django.utils import timezone

from coordination import services
from coordination.grading import Light
from coordination.models import ActionItem, ConsentAnswer, ConsentRound, Liaison, Minutes, Reply
from tests.e2e.conftest import loaded_html
from tests.e2e.test_meeting_cycle import login


def _liaison(unit) -> str:
    return Liaison.objects.active().get(unit=unit).user.username


def test_each_role_goes_from_home_to_its_next_task(live_server, page, demo):
    home = f"{live_server.url}/workbench/"

    # A liaison: the red item is at the top of the unit's list; they report progress on it.
    red = ActionItem.objects.with_light().filter(light=Light.RED).order_by("deadline", "pk").first()
    login(page, live_server, _liaison(red.lead_unit))
    owed = page.locator("#owed-list li")
    assert "红灯" in owed.first.inner_text()
    assert page.locator("#owed-count").inner_text() == str(owed.count())
    page.locator(f"#owed-list a[href='/workbench/items/{red.pk}/']").click()
    page.fill("#id_text", "已召开专题会，资金缺口已报区财政局。")
    page.fill("#id_percent", "60")
    page.click("#report button[type=submit]")
    assert "进展已报告" in loaded_html(page)
    assert red.reports.filter(percent=60).exists()

    # The leader: the reply waiting for 签发 is on the home page.
    draft = Reply.objects.filter(status=Reply.Status.DRAFT, unit__short_name="区民政局").first()
    login(page, live_server, "leader06")
    assert page.locator("#sign-off-count").inner_text() == str(page.locator("#sign-off-list li").count())
    page.locator(f"#sign-off-list a[href='/workbench/proposals/{draft.proposal_id}/']").click()
    page.click("button:has-text('签发')")
    draft.refresh_from_db()
    assert draft.status == Reply.Status.SIGNED_OFF and draft.doc_number
    assert draft.doc_number in loaded_html(page)

    # The office: the open round shows who objected; revise, circulate again, close, issue.
    round_ = ConsentRound.objects.get(closed_at__isnull=True)
    objection = round_.answers.get(answer=ConsentAnswer.Answer.CHANGES)
    login(page, live_server, "office")
    rounds = page.locator("#rounds-list")
    assert f"{objection.unit.short_name}提出修改意见" in rounds.inner_text()
    rounds.locator(f"a[href='/workbench/minutes/{round_.minutes_id}/']").click()
    page.click("a:has-text('修改')")
    page.fill("#id_note", f"采纳{objection.unit.short_name}意见")
    page.fill("#id_body", page.input_value("#id_body") + "\n会议同意由各单位按季度报送进展。")
    page.click("form.form button[type=submit]")
    assert "已保存为第" in loaded_html(page)
    deadline = timezone.localtime(timezone.now() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    page.fill("#id_deadline", deadline)
    page.click("text=征求与会单位意见")
    minutes = Minutes.objects.get(pk=round_.minutes_id)
    for answer in ConsentRound.objects.get(minutes=minutes, closed_at__isnull=True).answers.select_related("unit"):
        user = Liaison.objects.active().get(unit=answer.unit).user
        services.consent_answer(actor=user, minutes=minutes, unit=answer.unit, agree=True)
    page.goto(home)
    assert page.locator("#rounds-list a", has_text=minutes.title).count() == 1
    page.locator("#rounds-list a", has_text=minutes.title).click()
    page.click("text=结束意见征求")
    assert "意见征求已结束" in loaded_html(page)
    page.click("text=印发纪要")
    assert "纪要已印发" in loaded_html(page)
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.ISSUED and minutes.doc_number

    # The convenor: the red list, from the home page.
    login(page, live_server, "convenor")
    shown = page.locator("#red-list li").count()
    assert page.locator("#red-count").inner_text() == str(shown)
    page.click("#red-list-link")
    page.wait_for_url("**/workbench/supervision/red/")
    still_red = ActionItem.objects.with_light().filter(light=Light.RED)
    for item in still_red:
        assert page.locator(f"a[href='/workbench/items/{item.pk}/']").count() >= 1
