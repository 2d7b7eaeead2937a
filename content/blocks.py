"""StreamField blocks of the public pages, and their plain text for search."""

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock


class FigureBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("指标"), help_text=_("如：城乡低保对象"))
    value = blocks.DecimalBlock(label=_("数值"), decimal_places=2)
    unit = blocks.CharBlock(label=_("单位"), required=False, help_text=_("如：户、人、万元"))
    # Where the figure was read from, for whoever approves the draft; figures typed by hand have none.
    source = blocks.CharBlock(
        label=_("出处"), required=False, help_text=_("数据所在的原句，供审核时核对，不在网站上显示")
    )

    class Meta:
        icon = "order"
        label = _("数据")


class FiguresBlock(blocks.StructBlock):
    """A group of comparable figures, shown as numbers and as a bar chart."""

    caption = blocks.CharBlock(label=_("标题"))
    figures = blocks.ListBlock(FigureBlock(), label=_("数据"))

    class Meta:
        icon = "table"
        label = _("数据组")
        template = "content/blocks/figures.html"


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("小标题"), form_classname="title", template="content/blocks/heading.html")
    paragraph = blocks.RichTextBlock(label=_("段落"), features=["bold", "italic", "ol", "ul", "link", "document-link"])
    table = TableBlock(label=_("表格"))
    figures = FiguresBlock()
    attachment = DocumentChooserBlock(label=_("附件"), template="content/blocks/attachment.html")


def stream_text(stream) -> str:
    """The readable text of a body StreamField, for the search index and feeds."""
    parts = []
    for child in stream:
        value = child.value
        if child.block_type == "paragraph":
            parts.append(strip_tags(value.source))
        elif child.block_type == "heading":
            parts.append(value)
        elif child.block_type == "table":
            parts.extend(" ".join(cell or "" for cell in row) for row in (value or {}).get("data") or [])
        elif child.block_type == "figures":
            parts.append(value["caption"])
            parts.extend(f"{f['label']} {f['value']}{f['unit']}" for f in value["figures"])
        elif child.block_type == "attachment" and value:
            parts.append(value.title)
    return "\n".join(p for p in parts if p)
