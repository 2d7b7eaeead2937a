"""An editor reads a work summary's figures into a report's chart, in the browser, within the CSP."""

from content.models import ReportPage
from coordination.demo import DEMO_PASSWORD

SUMMARY = """截至6月底，全区共有城乡低保对象3250户5120人，其中城市低保对象1,210户2,030人，农村低保对象2,040户3,090人。
上半年累计发放低保金2860.5万元，同比增长12.5%。临时救助1,372人次，支出资金3,186,000元。
扫描件中的特困人员l23户、流浪乞讨人员约50人未能确认。"""


def test_an_editor_confirms_figures_from_a_pasted_summary(live_server, page, demo, tmp_path):
    report = ReportPage.objects.live().first()
    console = []
    page.on("console", lambda m: console.append((page.url, m.text)) if "Content Security Policy" in m.text else None)
    page.goto(f"{live_server.url}/login/")
    page.fill("#id_username", "editor")  # the editor has no second factor to pass
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("form.form button[type=submit]")
    page.wait_for_load_state("networkidle")
    page.goto(f"{live_server.url}/admin/pages/{report.pk}/edit/")
    page.locator("#w-slim-header-buttons").get_by_role("button", name="动作").click()
    page.get_by_role("link", name="从总结提取数据").click()
    page.wait_for_url("**/figures/")
    page.wait_for_load_state("networkidle")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=tmp_path / "report-figures-form.png")
    page.get_by_role("button", name="查找数据").click()  # nothing pasted: the form says so
    page.wait_for_load_state("networkidle")
    page.screenshot(path=tmp_path / "report-figures-empty.png")
    assert page.get_by_text("请粘贴总结文本或上传文件。").is_visible()
    page.fill("textarea[name=text]", SUMMARY)
    page.get_by_role("button", name="查找数据").click()
    page.wait_for_load_state("networkidle")
    assert page.locator("tbody tr input[type=checkbox]").count() == 9
    assert page.get_by_text("数字写法有误或识别错误").is_visible()
    page.screenshot(path=tmp_path / "report-figures.png", full_page=True)
    page.locator("#left-out").scroll_into_view_if_needed()
    page.screenshot(path=tmp_path / "report-figures-left-out.png")
    page.uncheck("input[name=pick_6]")  # 低保金: not comparable with the households
    page.uncheck("input[name=pick_7]")
    page.uncheck("input[name=pick_8]")
    page.fill("input[name=caption]", "城乡低保对象（2026年6月底）")
    page.get_by_role("button", name="加入草稿").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("数据已加入草稿").is_visible()
    draft = ReportPage.objects.get(pk=report.pk).get_latest_revision_as_object()
    block = [c.value for c in draft.body if c.block_type == "figures"][-1]
    assert block["caption"] == "城乡低保对象（2026年6月底）"
    assert [f["unit"] for f in block["figures"]] == ["户", "人", "户", "人", "户", "人"]
    assert [text for url, text in console if "/figures/" in url] == []
