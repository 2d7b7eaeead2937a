"""Rules of requests for government information (依申请公开): the office handles them.

The applicant is no user of the portal: what they may do (supply a correction) depends only on
the request's state, so those rules ignore the user.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.models import DisclosureRequest

from .base import _office, _state, rule

Status = DisclosureRequest.Status


def _handles(user):
    _office(user, _("依申请公开由联席会议办公室办理。"))


@rule("disclosure.handle")
def _disclosure_handle(user, request=None):
    """See the queue, a request, its applicant's identity document and the letter."""
    _handles(user)


@rule("disclosure.extend")
def _disclosure_extend(user, request):
    _handles(user)
    _state(request.status == Status.RECEIVED, _("只有办理中的申请可以延期。"))
    _state(not request.extension_workdays, _("答复期限只能延长一次。"))


@rule("disclosure.request_correction")
def _disclosure_request_correction(user, request):
    _handles(user)
    _state(request.status == Status.RECEIVED, _("只有办理中的申请可以告知补正。"))
    _state(not request.correction_requested_on, _("补正应一次性告知，本申请已告知过补正。"))
    _state(not request.extension_workdays, _("已延期的申请不能再告知补正。"))


@rule("disclosure.supply_correction")
def _disclosure_supply_correction(user, request):
    _state(request.status == Status.CORRECTION, _("本申请目前不需要补正。"))
    _state(timezone.localdate() <= request.correction_due, _("补正期限已过。"))


@rule("disclosure.answer")
def _disclosure_answer(user, request):
    _handles(user)
    _state(request.status == Status.RECEIVED, _("只有办理中的申请可以答复。"))


@rule("disclosure.close_uncorrected")
def _disclosure_close_uncorrected(user, request):
    _handles(user)
    _state(request.status == Status.CORRECTION, _("只有待补正的申请可以按逾期不补正办结。"))
    _state(timezone.localdate() > request.correction_due, _("补正期限未过，不能按逾期不补正办结。"))
