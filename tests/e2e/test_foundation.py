from coordination.demo import DEMO_PASSWORD
from tests.e2e.conftest import authenticator_of, pass_second_step, serious_accessibility_violations


def test_home_page_names_the_joint_meeting_and_is_accessible(live_server, page, demo):
    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "陈仓区社会救助工作联席会议"
    assert page.locator("html").get_attribute("lang") == "zh-Hans"
    assert page.locator(".unit-grid li").count() == 27
    assert serious_accessibility_violations(page) == []


def test_the_office_logs_into_the_admin_and_sees_the_27_units(live_server, page, demo):
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "office")
    page.fill("input[name=password]", DEMO_PASSWORD)
    device = authenticator_of("office")
    page.click("button[type=submit]")
    pass_second_step(page, device)
    page.wait_for_url("**/admin/")
    page.goto(live_server.url + "/admin/snippets/coordination/memberunit/")
    rows = page.locator("table.listing tbody tr")
    assert rows.count() == 27
    assert "人行陈仓支行" in rows.nth(26).inner_text()
