"""Registering a batch of suggestions and proposals from the congress/CPPCC office's sheet."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coordination.errors import DomainError
from coordination.models import MemberUnit, Proposal

from .common import check
from .proposals import proposal_register


@transaction.atomic
def proposal_batch_register(*, actor, rows: list[dict]) -> list[Proposal]:
    """Register every confirmed row (as `SheetRow.stored()` gives it), all or none.

    Each row goes through `proposal_register`, so each is checked, audited and notified as one
    registered by hand; a row that fails now (registered meanwhile, a unit gone) undoes the batch.
    """
    check("proposal.register", actor)
    wanted = {pk for row in rows for pk in [row["lead_unit"], *row["co_units"]]}
    units = MemberUnit.objects.filter(is_active=True).in_bulk(wanted)
    if set(units) != wanted:
        raise DomainError(_("表中有单位已不是成员单位，请重新上传表格。"))
    today = timezone.localdate()
    created = []
    for row in rows:
        assigned_on = datetime.date.fromisoformat(row["assigned_on"]) if row["assigned_on"] else None
        created.append(
            proposal_register(
                actor=actor,
                kind=row["kind"],
                session=row["session"],
                number=row["number"],
                title=row["title"],
                content=row["content"],
                received_on=assigned_on or today,
                proposers=[{"name": name} for name in row["proposers"]],
                lead_unit=units[row["lead_unit"]],
                co_units=[units[pk] for pk in row["co_units"]],
                assigned_on=assigned_on,
                deadline=datetime.date.fromisoformat(row["deadline"]) if row["deadline"] else None,
            )
        )
    return created
