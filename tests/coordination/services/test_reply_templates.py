"""A unit's answer templates (答复模板): kept by its liaison or the office, private to the unit."""

import pytest

from coordination import services
from coordination.errors import DomainError, NotPermitted
from coordination.models import ReplyTemplate
from coordination.selectors.reply_templates import reply_templates_of, reply_templates_visible_to

BODY = "{代表姓名}代表：您在{届次}提出的第{编号}号建议《{建议标题}》收悉，现答复如下：\n一、{主办单位}已……"


@pytest.fixture
def template(proposal, people):
    return services.reply_template_save(actor=people["lead"], unit=proposal.lead_unit, title="通用答复", body=BODY)


def test_the_liaison_keeps_the_units_templates_and_fills_one_for_a_proposal(template, proposal, people):
    assert template.unit == proposal.lead_unit and template.updated_by == people["lead"]
    filled = services.reply_template_fill(actor=people["lead"], template=template, proposal=proposal)
    assert filled.startswith(
        "赵敏代表：您在区第十九届人大第四次会议提出的第56号建议《关于为独居老人安装应急呼叫设备的建议》收悉"
    )
    assert "宝鸡市陈仓区民政局已" in filled and "{" not in filled


def test_another_units_liaison_and_the_convenor_neither_see_nor_use_nor_change_it(
    template, proposal, people, convenor_user
):
    for user in (people["other"], people["co"], convenor_user):
        assert not reply_templates_visible_to(user).exists()
        assert not reply_templates_of(user, proposal.lead_unit).exists()
        with pytest.raises(NotPermitted):
            services.reply_template_fill(actor=user, template=template, proposal=proposal)
        with pytest.raises(NotPermitted):
            services.reply_template_save(actor=user, template=template, unit=template.unit, title="改", body="改")
        with pytest.raises(NotPermitted):
            services.reply_template_delete(actor=user, template=template)
        with pytest.raises(NotPermitted):
            services.reply_template_save(actor=user, unit=proposal.lead_unit, title="冒名", body="x")
    assert list(ReplyTemplate.objects.values_list("title", flat=True)) == ["通用答复"]


def test_the_office_keeps_any_units_templates(template, proposal, people, units):
    office = people["office"]
    assert list(reply_templates_visible_to(office)) == [template]
    services.reply_template_save(
        actor=office, template=template, unit=units[0], title="通用答复（修订）", body="现答复如下。"
    )
    template.refresh_from_db()
    assert (template.unit, template.title) == (proposal.lead_unit, "通用答复（修订）")  # still the unit's own
    services.reply_template_save(actor=office, unit=units[3], title="教体局模板", body="x")
    assert not reply_templates_of(people["lead"], units[3]).exists()  # the 民政局's liaison does not see it
    services.reply_template_delete(actor=office, template=template)
    assert not ReplyTemplate.objects.filter(unit=proposal.lead_unit).exists()


def test_a_template_cannot_fill_another_units_reply(proposal, people, units):
    other = services.reply_template_save(actor=people["office"], unit=units[3], title="教体局模板", body="x")
    with pytest.raises(DomainError, match="不能用于其他单位"):
        services.reply_template_fill(actor=people["office"], template=other, proposal=proposal)


def test_unknown_placeholders_blank_fields_and_a_second_title_are_refused(template, proposal, people):
    unit = proposal.lead_unit
    with pytest.raises(DomainError, match=r"\{代表名字\}.*可用的占位符"):
        services.reply_template_save(actor=people["lead"], unit=unit, title="错", body="{代表名字}：")
    with pytest.raises(DomainError, match="模板名称"):
        services.reply_template_save(actor=people["lead"], unit=unit, title=" ", body="x")
    with pytest.raises(DomainError, match="已有名为"):
        services.reply_template_save(actor=people["lead"], unit=unit, title="通用答复", body="x")
    assert ReplyTemplate.objects.count() == 1
