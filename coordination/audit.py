"""The audit trail: every state change is recorded through Wagtail's log registry.

Entries land in Wagtail's `ModelLogEntry` (who, when, action, and a `data` dict of what
changed), so they appear in the admin's site history next to the editors' own actions.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log, registry

# action → (label, message), registered with Wagtail in wagtail_hooks.py
ACTIONS = {
    "coordination.liaison.appoint": (_("任命联络员"), _("任命了联络员")),
    "coordination.liaison.end": (_("联络员离任"), _("结束了联络员任期")),
    "coordination.account.create": (_("新建账户"), _("新建了账户")),
    "coordination.account.update": (_("修改账户信息"), _("修改了账户信息")),
    "coordination.account.deactivate": (_("停用账户"), _("停用了账户")),
    "coordination.account.reset_password": (_("重置密码"), _("重置了账户密码")),
    "coordination.account.change_password": (_("修改密码"), _("修改了自己的密码")),
    "coordination.account.unlock": (_("解除登录锁定"), _("解除了账户的登录锁定")),
    "coordination.account.sign_off_grant": (_("授予签发权限"), _("授予了答复签发权限")),
    "coordination.account.sign_off_revoke": (_("收回签发权限"), _("收回了答复签发权限")),
    "coordination.account.two_factor_enrol": (_("设置两步验证"), _("设置了两步验证")),
    "coordination.account.two_factor_reset": (_("重置两步验证"), _("重置了账户的两步验证")),
    "coordination.calendar.renew": (_("更换日历订阅地址"), _("更换了日历订阅地址")),
    "coordination.meeting.schedule": (_("安排会议"), _("安排了会议")),
    "coordination.meeting.notify": (_("发出会议通知"), _("发出了会议通知")),
    "coordination.meeting.register_attendee": (_("登记参会人员"), _("登记了参会人员")),
    "coordination.meeting.hold": (_("登记会议召开"), _("登记了会议召开和出席情况")),
    "coordination.meeting.cancel": (_("取消会议"), _("取消了会议")),
    "coordination.meeting.reschedule": (_("会议改期或变更"), _("修改了会议时间、地点或主持人")),
    "coordination.meeting.record_attendance": (_("登记签到"), _("登记了会议签到情况")),
    "coordination.topic.carry_over": (_("转入暂缓议题"), _("将上次会议暂缓的议题转入本次会议")),
    "coordination.meeting.reorder_agenda": (_("调整议程"), _("调整了议程顺序")),
    "coordination.topic.propose": (_("提出议题"), _("提出了议题")),
    "coordination.topic.accepted": (_("议题列入议程"), _("将议题列入议程")),
    "coordination.topic.deferred": (_("议题暂缓"), _("暂缓了议题")),
    "coordination.topic.declined": (_("议题不予列入"), _("决定议题不予列入")),
    "coordination.minutes.draft": (_("起草纪要"), _("起草了会议纪要")),
    "coordination.minutes.revise": (_("修改纪要"), _("修改了会议纪要")),
    "coordination.minutes.open_consent": (_("征求意见"), _("向与会单位征求纪要意见")),
    "coordination.minutes.answer": (_("反馈纪要意见"), _("反馈了纪要意见")),
    "coordination.minutes.close_consent": (_("结束意见征求"), _("结束了纪要意见征求")),
    "coordination.minutes.issue": (_("印发纪要"), _("印发了会议纪要")),
    "coordination.proposal.register": (_("登记交办建议提案"), _("登记并交办了建议提案")),
    "coordination.proposal.return": (_("退回建议提案"), _("退回了误交办的建议提案")),
    "coordination.proposal.reassign": (_("重新交办"), _("重新交办了建议提案")),
    "coordination.proposal.extend": (_("建议提案延期"), _("批准了建议提案延期")),
    "coordination.proposal.co_opinion": (_("协办意见"), _("提交了协办意见")),
    "coordination.proposal.rate": (_("登记测评"), _("登记了测评意见")),
    "coordination.reply.save": (_("起草答复"), _("起草或修改了答复")),
    "coordination.reply.sign_off": (_("签发答复"), _("签发了答复")),
    "coordination.reply.reopen": (_("重新打开答复"), _("重新打开了已签发的答复")),
    "coordination.reply.import": (_("导入答复"), _("导入了既往答复函")),
    "coordination.reply.confirm_disclosure": (_("确认公开导入的答复"), _("预览后确认公开了导入的答复")),
    "coordination.reply.send": (_("寄出答复"), _("寄出了答复")),
    "coordination.proposal.contact_log": (_("登记与代表委员沟通"), _("登记了与代表委员的沟通")),
    "coordination.proposal.extension_request": (_("申请建议提案延期"), _("申请延期答复")),
    "coordination.proposal.extension_decide": (_("审批建议提案延期"), _("审批了延期申请")),
    "coordination.reply.countersign_request": (_("请协办单位会签"), _("请协办单位会签答复稿")),
    "coordination.reply.countersign": (_("会签答复"), _("会签了答复稿")),
    "coordination.reply.countersign_waive": (_("免予会签"), _("决定答复免予会签")),
    "coordination.reply_template.save": (_("保存答复模板"), _("保存了答复模板")),
    "coordination.reply_template.delete": (_("删除答复模板"), _("删除了答复模板")),
    "coordination.circular.issue": (_("印发通报"), _("印发了通报")),
    "coordination.ledger.export": (_("导出督办台账"), _("申请导出了督办台账")),
    "coordination.item.create": (_("交办事项"), _("交办了督办事项")),
    "coordination.item.update": (_("更新事项"), _("更新了常态化措施")),
    "coordination.item.report": (_("报告进展"), _("报告了进展")),
    "coordination.item.close": (_("确认办结"), _("确认事项办结")),
    "coordination.item.return": (_("退回事项"), _("退回了事项")),
    "coordination.item.cancel": (_("撤销事项"), _("撤销了事项")),
    "coordination.item.extension_request": (_("申请延期"), _("申请延期")),
    "coordination.item.extension_decide": (_("审批延期"), _("审批了延期申请")),
    "coordination.item.urge": (_("催办"), _("发出催办")),
    "coordination.item.urge_acknowledge": (_("确认催办"), _("确认收到催办")),
    "coordination.item.escalate": (_("升级督办"), _("红灯事项报召集人和办公室")),
    "coordination.disclosure.submit": (_("收到政府信息公开申请"), _("提交了政府信息公开申请")),
    "coordination.disclosure.extend": (_("延长答复期限"), _("延长了政府信息公开申请的答复期限")),
    "coordination.disclosure.request_correction": (_("告知补正"), _("告知申请人补正申请")),
    "coordination.disclosure.supply_correction": (_("申请人补正"), _("申请人提交了补正")),
    "coordination.disclosure.answer": (_("答复政府信息公开申请"), _("答复了政府信息公开申请")),
    "content.report.figures_add": (_("从总结中添加数据"), _("从工作总结文本中确认了图表数据（存为草稿）")),
}


logger = logging.getLogger(__name__)


def _registered(action: str) -> None:
    if action not in ACTIONS:
        raise ValueError(f"Unregistered audit action {action!r}: add it to coordination.audit.ACTIONS")


def record(instance, action: str, *, actor, changes: dict | None = None, note: str = ""):
    """Write one audit entry. Unknown actions are a programming error, not a silent no-op."""
    _registered(action)
    data = {"changes": changes or {}}
    if note:
        data["note"] = note
    logger.info("%s %s#%s by %s", action, type(instance).__name__, instance.pk, actor)
    return log(instance, action, user=actor if actor and actor.is_authenticated else None, data=data)


def record_many(model, action: str, entries, *, actor=None) -> None:
    """The entries `record` would write for many objects of `model` done by one job, in one insert:
    `entries` holds (pk, label, changes) for each object, the label being what `str()` gives."""
    _registered(action)
    log_model = registry.get_log_model_for_model(model)
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    now = timezone.now()
    user = actor if actor and actor.is_authenticated else None
    log_model.objects.bulk_create(
        log_model(
            content_type=content_type,
            object_id=str(pk),
            label=label,
            action=action,
            timestamp=now,
            user=user,
            data={"changes": changes},
        )
        for pk, label, changes in entries
    )
    logger.info("%s on %d %s by %s", action, len(entries), model.__name__, actor)


def register(actions) -> None:
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)
