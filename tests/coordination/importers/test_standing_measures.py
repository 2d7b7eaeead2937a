"""Standing measures from a notice: short titles, aliases, external bodies, and what is reported."""

from pathlib import Path

import pytest
from django.core.management import call_command

from content.notice_import import ImportReport, import_measures
from coordination.importers.founding_notice import parse_notice, short_title
from coordination.models import ActionItem, MemberUnit, UnitAlias

SAMPLES = Path(__file__).parent / "samples"
REFERENCE = "陈政办函〔2026〕21号 附件2 第{}条"


def test_a_title_is_the_first_sentence_of_the_measure():
    assert short_title("健全医疗救助制度。完善医疗救助对象动态认定核查机制，全面落实资助参保。") == "健全医疗救助制度"
    assert short_title("完善“一门受理、协同办理”。规范受理、分办、转办流程。") == "完善“一门受理、协同办理”"


def test_a_long_first_sentence_is_cut_after_a_whole_clause():
    text = "开展救助资金专项检查，对发现的问题限期整改并公开通报整改结果，持续加强监督，确保专款专用"
    assert short_title(text) == "开展救助资金专项检查，对发现的问题限期整改并公开通报整改结果，持续加强监督"


def test_a_run_on_sentence_without_a_comma_is_cut_with_an_ellipsis():
    title = short_title("对" * 60)
    assert len(title) == 40 and title.endswith("…")


def import_sample(actor, name="notice-aliases.txt") -> ImportReport:
    report = ImportReport()
    import_measures(parse_notice((SAMPLES / name).read_text(encoding="utf-8")), actor, report, lambda line: None)
    return report


@pytest.fixture
def aliases(units, office_user):
    UnitAlias.objects.create(name="区发展和改革局", unit=MemberUnit.objects.get(short_name="区发改局"))
    UnitAlias.objects.create(name="区委文明办", unit=None)
    UnitAlias.objects.create(name="区纪委", unit=None)


def item(number) -> ActionItem:
    return ActionItem.objects.get(source_reference=REFERENCE.format(number))


def test_an_alias_resolves_to_its_unit_and_an_external_body_is_recorded(aliases, office_user):
    report = import_sample(office_user)
    first = item(1)
    assert first.title == "完善救助标准调整机制"
    assert first.description.startswith("完善救助标准调整机制。每年根据居民人均消费支出")
    assert first.lead_unit.short_name == "区发改局"
    assert [u.short_name for u in first.co_units.all()] == ["区民政局"]
    assert first.external_cooperators == "区委文明办"
    assert "措施（1）负责单位：区发展和改革局 → 区发改局" in report.aliased
    assert "措施（1）负责单位：区委文明办" in report.external


def test_related_member_units_are_recorded_as_unspecified_not_assigned_to_every_unit(aliases, office_user):
    report = import_sample(office_user)
    second = item(2)
    assert second.lead_unit.short_name == "区民政局"
    assert not second.co_units.exists()
    assert second.external_cooperators == "区社会救助联席会议相关成员单位"
    assert "措施（2）负责单位：区社会救助联席会议相关成员单位（未指明具体单位）" in report.external


def test_an_unknown_lead_is_not_given_to_the_next_unit_named(aliases, office_user):
    report = import_sample(office_user)
    assert not ActionItem.objects.filter(source_reference=REFERENCE.format(3)).exists()
    assert "措施（3）负责单位：区考核办" in report.unmatched
    assert any("区考核办" in line and "未导入" in line for line in report.warnings)


def test_an_unknown_co_operator_is_kept_on_the_item_and_reported(aliases, office_user):
    report = import_sample(office_user)
    assert item(5).external_cooperators == "区考评中心"
    assert "措施（5）负责单位：区考评中心" in report.unmatched


def test_an_external_lead_is_recorded_and_the_first_member_unit_named_leads(aliases, office_user):
    import_sample(office_user)
    fourth = item(4)
    assert fourth.lead_unit.short_name == "区审计局"
    assert fourth.external_cooperators == "区纪委"


def test_a_second_run_changes_nothing(aliases, office_user):
    import_sample(office_user)
    before = list(ActionItem.objects.order_by("pk").values())
    report = import_sample(office_user)
    assert report.counts == {"standing measure unchanged": 4}
    assert list(ActionItem.objects.order_by("pk").values()) == before


def test_an_alias_added_by_the_office_takes_effect_on_the_next_run(aliases, office_user):
    import_sample(office_user)
    UnitAlias.objects.create(name="区考核办", unit=None)
    UnitAlias.objects.create(name="区考评中心", unit=MemberUnit.objects.get(short_name="区统计局"))
    report = import_sample(office_user)
    assert report.counts == {
        "standing measure created": 1,
        "standing measure updated": 1,
        "standing measure unchanged": 3,
    }
    assert item(3).lead_unit.short_name == "区民政局" and item(3).external_cooperators == "区考核办"
    assert [u.short_name for u in item(5).co_units.all()] == ["区统计局"]
    assert item(5).external_cooperators == ""


def test_a_measure_imported_with_its_paragraph_as_title_gets_a_short_title(aliases, office_user):
    import_sample(office_user)
    ActionItem.objects.filter(pk=item(1).pk).update(title=item(1).description[:300], description="")
    report = import_sample(office_user)
    assert report.counts["standing measure updated"] == 1
    assert item(1).title == "完善救助标准调整机制"


def test_the_command_reports_aliases_external_and_unknown_bodies(site_pages, office_user, capsys):
    call_command("import_notice", str(SAMPLES / "notice-aliases.txt"), "--user", "office-test")
    out = capsys.readouterr().out
    assert "unit alias created:" in out  # the founding units' usual names, on a table still empty
    assert "resolved by alias: 措施（1）负责单位：区发展和改革局 → 区发改局" in out
    assert "recorded as external: 措施（1）负责单位：区委文明办" in out
    assert "recorded as external: 措施（4）负责单位：区纪委" in out
    assert "not matched (recorded as external): 措施（3）负责单位：区考核办" in out
    call_command("import_notice", str(SAMPLES / "notice-aliases.txt"), "--user", "office-test")
    again = capsys.readouterr().out
    assert "created" not in again and "updated" not in again


def test_the_item_page_shows_the_full_text_and_the_external_co_operators(aliases, office_user, make_liaison, client):
    import_sample(office_user)
    client.force_login(make_liaison(MemberUnit.objects.get(short_name="区发改局")))
    body = client.get(item(1).get_absolute_url()).content.decode()
    assert "外部协作单位" in body and "区委文明办" in body
    assert "每年根据居民人均消费支出和物价指数测算低保标准" in body


def test_the_office_edits_aliases_in_the_admin(aliases, office_user, client):
    client.force_login(office_user)
    response = client.get("/admin/snippets/coordination/unitalias/")
    assert response.status_code == 200
    assert "区发展和改革局" in response.content.decode()


def test_the_office_adds_an_alias_for_a_body_that_is_not_a_member_unit(units, office_user, client):
    client.force_login(office_user)
    response = client.post("/admin/snippets/coordination/unitalias/add/", {"name": "区考核办", "unit": ""})
    assert response.status_code == 302
    assert UnitAlias.objects.get(name="区考核办").unit is None


def test_a_liaison_cannot_edit_aliases(units, make_liaison, client):
    client.force_login(make_liaison(units[5]))
    assert client.get("/admin/snippets/coordination/unitalias/").status_code in (302, 403)


def test_the_admin_upload_shows_aliases_external_and_unknown_bodies(site_pages, office_user, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(office_user)
    upload = SimpleUploadedFile("notice.txt", (SAMPLES / "notice-aliases.txt").read_bytes())
    body = client.post("/admin/coordination/import-notice/", {"file": upload}).content.decode()
    assert "按单位别名识别" in body and "区发展和改革局 → 区发改局" in body
    assert "记为外部协作单位" in body and "措施（1）负责单位：区委文明办" in body
    assert "未能匹配的单位" in body and "措施（3）负责单位：区考核办" in body
