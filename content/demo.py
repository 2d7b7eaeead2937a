"""Demo pages of the public site, written in the portal's own words."""

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from .models import HomePage

HOME_TITLE = "陈仓区社会救助工作联席会议"
HOME_INTRO = "区政府领导、民政牵头、部门协同：27 个成员单位在这里统筹全区社会救助工作。"
HOME_BODY = (
    "<p>联席会议由分管副区长任总召集人，区政府办分管副主任和区民政局局长任召集人，"
    "办公室设在区民政局。本平台公开联席会议的政策文件、成员单位职责和建议提案答复，"
    "并供办公室和各单位联络员安排会议、落实议定事项。</p>"
)


def tree_root() -> Page:
    """Wagtail's root node, made again if a flushed database lost the one migrations created."""
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def load_site(progress) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = tree_root()
        for placeholder in root.get_children().exact_type(Page):
            placeholder.delete()  # Wagtail's "Welcome" page; its Site row goes with it
        home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="home", intro=HOME_INTRO, body=HOME_BODY))
        progress("home page created")
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": HOME_TITLE},
    )
    return home
