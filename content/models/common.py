"""What several page types share: pagination, routing to a column's documents, and the 索引号 of
disclosed publications."""

import functools

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

PAGE_SIZE = 10


def paginate(request, items, per_page=PAGE_SIZE):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


class RoutesToChildren:
    """A page whose children are found, as their specific type, in one query.

    Wagtail's `Page.route` reads the child as a plain page, then again as its specific type: two
    queries per level of the URL. Here the plain page is read with the row of each child type the
    page allows joined to it (`select_related` over the one-to-one link of multi-table
    inheritance), so the specific page comes with it. A child of another type (one no longer
    allowed, or a type that does not inherit from `Page` directly) is read Wagtail's way.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        links = child_links(type(self))
        try:
            page = Page.objects.child_of(self).select_related(*links.values()).get(slug=path_components[0])
        except Page.DoesNotExist as e:
            raise Http404 from e
        link = links.get(ContentType.objects.get_for_id(page.content_type_id).model_class())
        child = getattr(page, link) if link else page.specific
        child._cached_parent_obj = self  # as Wagtail does: the parent needs no query of its own
        return child.route(request, path_components[1:])


@functools.cache
def child_links(page_class) -> dict:
    """{child page model: the name `select_related` follows from `Page` to its row} for the page
    types `page_class` allows below it that inherit from `Page` directly."""
    return {
        model: model._meta.parents[Page].remote_field.get_accessor_name()
        for model in page_class.allowed_subpage_models()
        if model._meta.get_parent_list() == [Page]
    }


class IndexNumbered(models.Model):
    """A publication with a 索引号 (disclosure index number) and a `publish_date`.

    The number is taken when the page is first published (`content.index_numbers`), never in
    `clean()`: a preview or a refused save must not use up a number of the gapless series. Once
    published, the number belongs to the page: a later revision cannot change or drop it.
    """

    index_number = models.CharField(
        _("索引号"),
        max_length=80,
        blank=True,
        help_text=_("留空则在首次发布时按门户设置中的格式生成；发布后不再改变"),
    )
    exclude_fields_in_copy = ["index_number"]  # a copy is a new publication with a number of its own

    class Meta:
        abstract = True
        constraints = [
            models.UniqueConstraint(
                fields=["index_number"],
                condition=~Q(index_number=""),
                name="%(app_label)s_%(class)s_unique_index_number",
                violation_error_message=_("这个索引号已被其他文件使用。"),
            )
        ]

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if self.pk and (update_fields is None or "index_number" in update_fields):
            published = type(self).objects.filter(pk=self.pk, first_published_at__isnull=False)
            self.index_number = published.values_list("index_number", flat=True).first() or self.index_number
        return super().save(*args, **kwargs)
