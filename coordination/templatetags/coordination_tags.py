import html

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from coordination import rules
from coordination.personal_data import mask_phones as _mask_phones

register = template.Library()


@register.simple_tag(takes_context=True)
def can(context, name: str, obj=None, **kwargs) -> bool:
    """`{% can "item.close" item as may_close %}`: the rule the service applies, asked before showing a button."""
    return rules.can(name, context["request"].user, obj, **kwargs)


@register.filter
def mask_phones(text):
    """Phone numbers in any notation replaced by a notice (for text the public reads)."""
    return _mask_phones(str(text)) if text else text


SEGMENTS = ("red", "yellow", "green", "standing", "on_time", "late")
ROW, GAP, LABEL = 18, 6, 150


@register.simple_tag
def supervision_chart(rows):
    """Stacked horizontal bars per unit (SVG, no JavaScript): the table below carries the numbers."""
    rows = [r for r in rows if any(r[key] for key in SEGMENTS)]
    if not rows:
        return format_html('<p class="muted">{}</p>', gettext("暂无数据。"))
    largest = max(sum(r[key] for key in SEGMENTS) for r in rows)
    scale = (560 - LABEL - 40) / largest
    parts = []
    for i, row in enumerate(rows):
        y = GAP + i * (ROW + GAP)
        parts.append((LABEL - 6, y + ROW * 0.75, row["unit"].short_name, "", "", "", "", ""))
        x = LABEL
        for key in SEGMENTS:
            width = row[key] * scale
            if width:
                parts.append((x, y, "", key, width, ROW, row[key], ""))
                x += width
    labels = format_html_join(
        "", '<text x="{}" y="{}" text-anchor="end">{}</text>', ((p[0], p[1], p[2]) for p in parts if p[2])
    )
    bars = format_html_join(
        "",
        '<rect x="{}" y="{}" width="{}" height="{}" class="seg seg--{}"><title>{}</title></rect>',
        ((f"{p[0]:.1f}", p[1], f"{p[4]:.1f}", p[5], p[3], p[6]) for p in parts if p[3]),
    )
    height = GAP + len(rows) * (ROW + GAP)
    return format_html(
        '<svg class="bar-chart" viewBox="0 0 560 {}" role="img" aria-hidden="true">{}{}</svg>', height, labels, bars
    )


@register.filter
def table_cells(cells):
    """`<td>` of each value, escaped: a figures table of thousands of cells renders in one call
    instead of one template node per cell. `html.escape` is what Django's `escape` does, without
    its lazy-string wrapper, which cost more than the cell itself."""
    return mark_safe("".join(f"<td>{html.escape(str(cell))}</td>" for cell in cells))  # noqa: S308 (escaped)
