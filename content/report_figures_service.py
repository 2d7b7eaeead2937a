"""Writing the figures an editor confirmed into a report's chart block, as a new draft revision."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from coordination import audit, permissions
from coordination.errors import DomainError, NotPermitted

from .models import ReportPage

CENTS = Decimal("0.01")  # FigureBlock keeps two decimal places


@dataclass(frozen=True)
class ConfirmedFigure:
    label: str
    value: Decimal
    unit: str
    source: str  # the sentence it came from


def figures_block_choices(page: ReportPage) -> list[tuple[str, str]]:
    """The chart blocks of the page's latest draft, as (block id, caption)."""
    draft = page.get_latest_revision_as_object()
    return [(child.id, child.value["caption"]) for child in draft.body if child.block_type == "figures"]


@transaction.atomic
def report_figures_add(
    *, actor, page: ReportPage, figures: list[ConfirmedFigure], block_id: str = "", caption: str = ""
):
    """Add `figures` to the chart block `block_id` of the page's latest draft, or to a new chart block
    captioned `caption`, and save that as a new revision. Nothing is published: the live page
    changes only when the draft goes through the site's approval."""
    page = ReportPage.objects.select_for_update().get(pk=page.pk)
    if not permissions.can_edit_page_draft(actor, page):
        raise NotPermitted()
    if not figures:
        raise DomainError(_("请至少勾选一个数据。"))
    if any(not figure.label.strip() for figure in figures):
        raise DomainError(_("每个勾选的数据都要有指标名称，请补全后再确认。"))
    draft = page.get_latest_revision_as_object()
    block = draft.body.stream_block.child_blocks["figures"]
    items = [
        {
            "label": f.label.strip(),
            "value": f.value.quantize(CENTS, rounding=ROUND_HALF_UP),
            "unit": f.unit,
            "source": f.source,
        }
        for f in figures
    ]
    if block_id:
        index = next((i for i, c in enumerate(draft.body) if c.id == block_id and c.block_type == "figures"), None)
        if index is None:
            raise DomainError(_("所选数据组已不在最新草稿中，请重新选择。"))
        current = draft.body[index].value
        existing = [dict(figure) for figure in current["figures"]]
        caption = current["caption"]
        draft.body[index] = ("figures", block.normalize({"caption": caption, "figures": existing + items}), block_id)
    else:
        if not caption.strip():
            raise DomainError(_("新建数据组需要标题。"))
        caption = caption.strip()
        draft.body.append(("figures", block.normalize({"caption": caption, "figures": items})))
    revision = draft.save_revision(user=actor, log_action=True)
    audit.record(
        page,
        "content.report.figures_add",
        actor=actor,
        changes={
            "caption": caption,
            "revision": revision.pk,
            "figures": [f"{f.label} {f.value}{f.unit} ← {f.source}" for f in figures],
        },
    )
    return revision
