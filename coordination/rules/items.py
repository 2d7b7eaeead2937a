"""Rules of supervised action items, extensions, urging, circulars and the office's views."""

from django.utils.translation import gettext as _

from coordination import permissions
from coordination.errors import InvalidState, NotPermitted
from coordination.models import (
    ActionItem,
    Circular,
    ExtensionRequest,
    Urge,
)

from .base import _for_unit, _office, _state, rule

# --- action items (督办) --------------------------------------------------------------------


def _open_item(item: ActionItem, message: str) -> None:
    _state(item.status not in ActionItem.FINISHED_STATUSES, message)


def _oversees_or_serves(user) -> bool:
    """The office and convenors, and the units' current liaisons (not, say, a leader who only signs)."""
    return user.is_authenticated and (
        permissions.can_oversee(user) or permissions.liaison_unit(user) is not None
    )


@rule("item.list")
def _item_list(user, obj):
    if not _oversees_or_serves(user):
        raise NotPermitted(_("只有联席会议办公室、召集人和成员单位联络员可以查看督办事项。"))


@rule("item.create")
def _item_create(user, obj):
    _office(user, _("只有联席会议办公室可以交办事项。"))


@rule("item.report")
def _item_report(user, item, unit=None, completion=False):
    _for_unit(user, unit)
    is_lead = unit.pk == item.lead_unit_id
    if not is_lead and not item.co_units.filter(pk=unit.pk).exists():
        raise NotPermitted(_("%(unit)s 不是此事项的牵头或配合单位。") % {"unit": unit})
    _open_item(item, _("事项已办结或已撤销，不能再报告进展。"))
    if completion:
        if not is_lead:
            raise NotPermitted(_("只有牵头单位可以报办结；配合单位请报告本单位的进展。"))
        _state(item.status != ActionItem.Status.COMPLETION_REPORTED, _("已报办结，正在等待办公室审核。"))


@rule("item.close")
def _item_close(user, item):
    _office(user, _("只有联席会议办公室可以确认办结。"))
    _state(item.status == ActionItem.Status.COMPLETION_REPORTED, _("牵头单位报办结后，办公室才能确认办结。"))


@rule("item.return")
def _item_return(user, item):
    _office(user, _("只有联席会议办公室可以退回事项。"))
    _state(item.status == ActionItem.Status.COMPLETION_REPORTED, _("只有已报办结的事项可以退回。"))


@rule("item.cancel")
def _item_cancel(user, item):
    _office(user, _("只有联席会议办公室可以撤销事项。"))
    _open_item(item, _("事项已办结或已撤销。"))


@rule("item.request_extension")
def _item_request_extension(user, item):
    _for_unit(user, item.lead_unit)
    _open_item(item, _("事项已办结或已撤销，无需延期。"))
    _state(item.deadline is not None, _("常态化事项没有时限，无需延期。"))
    _state(
        not item.extension_requests.filter(status=ExtensionRequest.Status.PENDING).exists(),
        _("已有一份延期申请在等待审批。"),
    )


@rule("extension.decide")
def _extension_decide(user, request):
    _office(user, _("只有联席会议办公室可以审批延期。"))
    _state(request.status == ExtensionRequest.Status.PENDING, _("这份延期申请已审批过。"))


@rule("item.urge")
def _item_urge(user, item):
    _office(user, _("只有联席会议办公室可以催办。"))
    _open_item(item, _("事项已办结或已撤销，无需催办。"))


@rule("item.urge_many")
def _item_urge_many(user, items=None):
    _office(user, _("只有联席会议办公室可以批量催办。"))
    if items is not None:
        _state(bool(items), _("请先勾选要催办的事项。"))


@rule("urge.acknowledge")
def _urge_acknowledge(user, urge: Urge):
    _for_unit(user, urge.unit)
    _state(not urge.acknowledged_at, _("已确认收到此催办。"))


@rule("circular.issue")
def _circular_issue(user, obj, period_start=None, period_end=None, second=False):
    """One circular per period: a second one only when the office says so (a correction, say)."""
    _office(user, _("只有联席会议办公室可以印发通报。"))
    if period_start is None or period_end is None or second:
        return
    issued = Circular.objects.filter(period_start=period_start, period_end=period_end).first()
    if issued is not None:
        raise InvalidState(
            _("本期通报已印发（%(n)s）。如确需再印发一份，请勾选“本期再印发一份通报”。") % {"n": issued.doc_number}
        )


@rule("circular.read")
def _circular_read(user, obj):
    # 通报 are circulated to every unit: liaisons read them as well as those who oversee.
    if not _oversees_or_serves(user):
        raise NotPermitted(_("只有联席会议办公室、召集人和成员单位联络员可以阅读通报。"))


@rule("operations.view")
def _operations_view(user, obj):
    _office(user, _("只有联席会议办公室可以查看定时任务的运行情况。"))


@rule("ledger.export")
def _ledger_export(user, obj):
    if not permissions.can_oversee(user):
        raise NotPermitted(_("只有联席会议办公室和召集人可以导出督办台账。"))


@rule("supervision.view")
def _supervision_view(user, obj):
    if not permissions.can_oversee(user):
        raise NotPermitted(_("只有联席会议办公室和召集人可以查看督办统计。"))
