"""Demo pages of the public site, written in the portal's own words. Idempotent."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from coordination.demo import load_replies as load_reply_records
from coordination.models import MemberUnit

from ..models import (
    HomePage,
    PolicyAttachment,
    PolicyDocumentPage,
    PolicyIndexPage,
    PortalSettings,
    ReplyIndexPage,
    ReportIndexPage,
    ReportPage,
    UnitIndexPage,
    UnitPage,
)
from ..public_address import public_origin
from ..publishing import publish_child
from . import texts

HOME_TITLE = "陈仓区社会救助工作联席会议"
HOME_INTRO = "区政府领导、民政牵头、部门协同：27 个成员单位在这里统筹全区社会救助工作。"
HOME_BODY = (
    "<p>联席会议由分管副区长任总召集人，区政府办分管副主任和区民政局局长任召集人，"
    "办公室设在区民政局。本平台公开联席会议的政策文件、成员单位职责和建议提案答复，"
    "并供办公室和各单位联络员安排会议、落实议定事项。</p>"
)
EDITORS = "网站编辑"
APPROVERS = "办公室负责人（审核发布）"


def tree_root() -> Page:
    """Wagtail's root page (and root collection), made again if a flushed database lost them."""
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
        root = Page.add_root(instance=Page(title="Root", slug="root"))
    return root


def load_home(progress) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = tree_root()
        for placeholder in root.get_children().exact_type(Page):
            placeholder.delete()  # Wagtail's "Welcome" page; its Site row goes with it
        home = publish_child(root, HomePage(title=HOME_TITLE, slug="home", intro=HOME_INTRO, body=HOME_BODY))
        progress("home page created")
    hostname, port = public_origin()
    site, _created = Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": hostname, "port": port, "root_page": home, "site_name": HOME_TITLE},
    )
    PortalSettings.objects.update_or_create(
        site=site,
        defaults={
            "address": "宝鸡市陈仓区虢镇（区民政局）",
            "phone": "0917-6210000",
            "office_hours": "工作日 8:30–12:00，14:30–18:00",
            "email": "shjz@example.gov.cn",
            "footer_note": "本平台为演示数据，联系方式为虚构。",
        },
    )
    return home


def stream(blocks):
    """(block type, value) pairs as a StreamField's raw value."""
    return [{"type": kind, "value": value} for kind, value in blocks]


def load_policies(home, progress):
    index = publish_child(
        home,
        PolicyIndexPage(
            title="政策文件", slug="policies", show_in_menus=True, intro="联席会议及成员单位发布的社会救助政策文件。"
        ),
    )
    notice = texts.NOTICE
    page = publish_child(
        index,
        PolicyDocumentPage(
            title=notice["title"],
            slug="notice-2022-45",
            index_number=notice["index_number"],
            issuing_body=notice["issuing_body"],
            doc_number=notice["doc_number"],
            written_date=notice["written_date"],
            publish_date=notice["publish_date"],
            topic="organisation",
            summary=notice["summary"],
            body=stream(notice["body"]),
        ),
    )
    if not page.attachments.exists():
        duties = "\n".join(f"{unit}：{''.join(d)}" for unit, d in texts.UNIT_DUTIES.items())
        document = get_document_model().objects.create(
            title="附件1：成员单位工作职责", file=ContentFile(duties.encode("utf-8"), name="unit-duties.txt")
        )
        PolicyAttachment.objects.create(page=page, document=document, title="成员单位工作职责")
        page.save_revision().publish()
    by_title = {}
    for i, data in enumerate(texts.POLICIES, start=1):
        doc = publish_child(
            index,
            PolicyDocumentPage(
                title=data["title"],
                slug=f"policy-{i}",
                issuing_body=data["issuing_body"],
                doc_number=data["doc_number"],
                publish_date=data["publish_date"],
                written_date=data["publish_date"],
                topic=data["topic"],
                summary=data["summary"],
                body=stream(data["body"]),
            ),
        )
        by_title[doc.title] = doc
        progress(f"policy: {doc.title}")
    old, new = (
        by_title["陈仓区城乡最低生活保障审核确认办法"],
        by_title["陈仓区城乡最低生活保障审核确认办法（2025年修订）"],
    )
    if old.validity != PolicyDocumentPage.Validity.REPEALED:
        old.validity, old.replaced_by, old.invalid_from = PolicyDocumentPage.Validity.REPEALED, new, new.publish_date
        old.save_revision().publish()


def load_units_pages(home, progress):
    index = publish_child(
        home,
        UnitIndexPage(
            title="成员单位",
            slug="units",
            show_in_menus=True,
            intro="联席会议由27个成员单位组成，按通知所列顺序排列。",
            convenors="<ul><li><b>总召集人</b>：区政府分管副区长</li><li><b>召集人</b>：区政府办分管副主任、区民政局局长</li></ul>",
            office="<p>设在区民政局，区民政局局长任主任，分管副局长任副主任，负责会议筹备、督促落实和情况通报。</p>",
        ),
    )
    for unit in MemberUnit.objects.order_by("order"):
        duties = texts.UNIT_DUTIES.get(unit.short_name, [])
        publish_child(
            index,
            UnitPage(
                title=unit.short_name,
                slug=f"unit-{unit.order:02}",
                unit=unit,
                responsibilities=[{"type": "duty", "value": d} for d in duties],
            ),
        )
    progress(f"unit pages: {UnitPage.objects.count()}")


def load_reports(home, progress):
    index = publish_child(
        home,
        ReportIndexPage(
            title="工作报告",
            slug="reports",
            show_in_menus=True,
            intro="联席会议办公室的工作总结、落实情况通报和专项报告。",
        ),
    )
    for i, data in enumerate(texts.REPORTS, start=1):
        caption, rows = data["figures"]
        figures = {
            "caption": caption,
            "figures": [{"label": label, "value": value, "unit": unit} for label, value, unit in rows],
        }
        publish_child(
            index,
            ReportPage(
                title=data["title"],
                slug=f"report-{i}",
                kind=data["kind"],
                publish_date=data["publish_date"],
                issuing_body=data["issuing_body"],
                summary=data["summary"],
                body=[{"type": "paragraph", "value": data["paragraph"]}, {"type": "figures", "value": figures}],
            ),
        )
        progress(f"report: {data['title']}")


def load_replies(home, progress):
    publish_child(
        home,
        ReplyIndexPage(
            title="建议提案答复",
            slug="replies",
            show_in_menus=True,
            intro="成员单位对人大代表建议、政协委员提案的答复（主动公开部分）。",
        ),
    )
    load_reply_records(progress)


def load_workflow(home, progress):
    """Editors draft; the office head approves before anything goes live."""
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    approvers, _ = Group.objects.get_or_create(name=APPROVERS)
    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    for group in (editors, approvers):
        group.permissions.add(access_admin)
        for permission in ("add_page", "change_page"):
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=home,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=permission),
            )
    GroupPagePermission.objects.get_or_create(
        group=approvers,
        page=home,
        permission=Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page"),
    )
    # Attachments and pictures of the pages they write: upload, edit and choose in any collection.
    root = Collection.get_first_root_node()
    for app, model in (("wagtaildocs", "document"), ("wagtailimages", "image")):
        for action in ("add", "change", "choose"):
            permission = Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}")
            for group in (editors, approvers):
                GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)
    task, _ = GroupApprovalTask.objects.get_or_create(name="办公室负责人审核")
    task.groups.add(approvers)
    workflow, _ = Workflow.objects.get_or_create(name="审核后发布")
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    progress("workflow: editors draft, the office head approves")
    return editors, approvers


def load_site(progress) -> HomePage:
    home = load_home(progress)
    load_policies(home, progress)
    load_units_pages(home, progress)
    load_reports(home, progress)
    load_replies(home, progress)
    return home
