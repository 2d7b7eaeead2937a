from django import template
from django.utils.html import format_html, format_html_join

from coordination.public import measures_of_policy

register = template.Library()


@register.simple_tag
def breadcrumb_ancestors(page) -> list:
    """The page's ancestors below the tree's root, top first.

    Routing left each page it walked through on its child (Wagtail's `_cached_parent_obj`): when
    that chain reaches the top, no query is needed; otherwise (a preview, a page not reached by
    routing) they are read as `get_ancestors()` would.
    """
    chain, node = [], page
    while (parent := getattr(node, "_cached_parent_obj", None)) is not None:
        chain.append(parent)
        node = parent
    if page.depth and len(chain) == page.depth - 2:
        return chain[::-1]
    return list(page.get_ancestors()[1:])


@register.simple_tag
def policy_measures(page):
    """The standing measures a policy document sets, as coordination publishes them."""
    return measures_of_policy(page.doc_number)


BAR_HEIGHT = 22
GAP = 10
LABEL_WIDTH = 150
CHART_WIDTH = 560


@register.simple_tag
def bar_chart(figures):
    """A horizontal bar chart as inline SVG: readable without JavaScript, printable, accessible.

    Bars are scaled to the largest value; the numbers stay in the table beside the chart, the
    chart only helps the eye compare them.
    """
    figures = [f for f in figures if f["value"] is not None]
    if not figures:
        return ""
    largest = max(float(f["value"]) for f in figures) or 1.0
    bar_room = CHART_WIDTH - LABEL_WIDTH - 90
    height = len(figures) * (BAR_HEIGHT + GAP) + GAP
    rows = []
    for i, f in enumerate(figures):
        y = GAP + i * (BAR_HEIGHT + GAP)
        width = max(2, round(float(f["value"]) / largest * bar_room))
        value = f"{float(f['value']):g}{f['unit'] or ''}"
        rows.append(
            (
                y + BAR_HEIGHT * 0.7,
                LABEL_WIDTH - 8,
                f["label"],
                LABEL_WIDTH,
                y,
                width,
                BAR_HEIGHT,
                LABEL_WIDTH + width + 6,
                y + BAR_HEIGHT * 0.7,
                value,
            )
        )
    body = format_html_join(
        "",
        '<text x="{1}" y="{0}" text-anchor="end">{2}</text>'
        '<rect x="{3}" y="{4}" width="{5}" height="{6}" rx="3"></rect>'
        '<text x="{7}" y="{8}" class="value">{9}</text>',
        rows,
    )
    return format_html(
        '<svg class="bar-chart" viewBox="0 0 {} {}" role="img" aria-hidden="true" focusable="false">{}</svg>',
        CHART_WIDTH,
        height,
        body,
    )
