"""What several page types share: pagination, routing to a column's documents, and the 索引号 of
disclosed publications."""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PAGE_SIZE = 10


def paginate(request, items, per_page=PAGE_SIZE):
    return Paginator(items, per_page).get_page(request.GET.get("page"))


class RoutesToChildren:
    """A column whose children are (nearly all) of one type: a child is found in one query.

    Wagtail's `Page.route` reads the child as a plain page, then again as its specific type; here
    the common type is asked first, and anything else is left to Wagtail's way.
    """

    def child_model(self) -> type:
        raise NotImplementedError

    def route(self, request, path_components):
        if path_components:
            model = self.child_model()
            try:
                child = model.objects.child_of(self).get(slug=path_components[0])
            except model.DoesNotExist:
                return super().route(request, path_components)
            child._cached_parent_obj = self  # as Wagtail does: the parent needs no query of its own
            return child.route(request, path_components[1:])
        return super().route(request, path_components)


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
