"""The supervision ledger (督办台账) as a file prepared in the background.

Writing 20,000 rows takes seconds; inside a request it held a web worker for as long (10 s under
load). The request now records what was asked for and queues the task; the task writes the
workbook as the one who asked (their filter, what they may see) into a private file, and tells
them in the workbench when it is ready. Where tasks run inline (the embedded default) the file is
ready when the request returns. Exports are kept PORTAL_LEDGER_EXPORT_DAYS days.
"""

import datetime
import logging
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination import ledger, selectors, tasks
from coordination.filters import ActionItemFilter
from coordination.models import LedgerExport

from .common import audit, check, lock
from .notifications import notification_send
from .outbox import outbox_enqueue

logger = logging.getLogger(__name__)


def _expired():
    days = datetime.timedelta(days=settings.PORTAL_LEDGER_EXPORT_DAYS)
    return LedgerExport.objects.filter(created_at__lt=timezone.now() - days)


@transaction.atomic
def ledger_export_request(*, actor, query: str) -> LedgerExport:
    """Ask for the ledger of the items `query` (the item list's filter) selects; older exports go."""
    check("ledger.export", actor)
    expired = _expired()
    names = [name for name in expired.values_list("file", flat=True) if name]
    expired.delete()
    storage = LedgerExport._meta.get_field("file").storage

    def delete_files():
        for name in names:
            storage.delete(name)

    transaction.on_commit(delete_files)
    export = LedgerExport.objects.create(requested_by=actor, query=query[:2000])
    audit.record(export, "coordination.ledger.export", actor=actor, changes={"query": export.query})
    outbox_enqueue(tasks.render_ledger_export, export.pk)
    return export


def _items(export: LedgerExport):
    user = export.requested_by
    params = QueryDict(export.query)
    return ActionItemFilter(params or None, queryset=selectors.action_items_visible_to(user)).qs


def ledger_export_render(*, export_id: int) -> bool:
    """Write the workbook once, as its requester (who must still be allowed to export), then notify them."""
    export = LedgerExport.objects.select_related("requested_by").filter(pk=export_id).first()
    if export is None or export.status != LedgerExport.Status.PREPARING:
        return False
    try:
        check("ledger.export", export.requested_by)
        with tempfile.TemporaryFile() as out:
            rows = ledger.write_ledger(_items(export), out)
            with transaction.atomic():
                export = lock(export)
                if export.status != LedgerExport.Status.PREPARING:
                    return False
                export.file.save(f"ledger-{export.pk}.xlsx", File(out), save=False)
                export.rows = rows
                _finish(export, LedgerExport.Status.READY, _("督办台账已生成，共%(n)d项") % {"n": export.rows})
    except Exception:
        logger.exception("ledger export %s failed", export_id)
        with transaction.atomic():
            export = lock(export)
            _finish(export, LedgerExport.Status.FAILED, _("督办台账生成失败，请重新导出"))
        return False
    return True


def _finish(export: LedgerExport, status: str, title: str) -> None:
    export.status, export.finished_at = status, timezone.now()
    export.save(update_fields=["status", "file", "rows", "finished_at"])
    notification_send(recipients=[export.requested_by], title=title, url=export.get_absolute_url())
