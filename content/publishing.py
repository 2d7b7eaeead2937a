"""Publishing pages from code (imports, demo data) the way an editor would, with every signal."""

from wagtail.models import Page


def publish_child(parent: Page, page: Page) -> Page:
    """Add `page` under `parent` unless a page with its slug is there, and publish it (signals fire)."""
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page
