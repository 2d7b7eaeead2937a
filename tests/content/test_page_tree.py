from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from content.models import (
    AnnualReportPage,
    DisclosureIndexPage,
    DisclosureTextPage,
    HomePage,
    PolicyDocumentPage,
    PolicyIndexPage,
    PolicyInterpretationPage,
    ReplyIndexPage,
    ReportIndexPage,
    ReportPage,
    UnitIndexPage,
    UnitPage,
)


class PageTreeTests(WagtailPageTestCase):
    def test_home_sits_at_the_root_and_holds_the_sections(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertAllowedSubpageTypes(
            HomePage, {PolicyIndexPage, UnitIndexPage, ReplyIndexPage, ReportIndexPage, DisclosureIndexPage}
        )

    def test_documents_live_only_under_their_index(self):
        self.assertAllowedParentPageTypes(PolicyDocumentPage, {PolicyIndexPage})
        self.assertAllowedParentPageTypes(UnitPage, {UnitIndexPage})
        self.assertAllowedParentPageTypes(ReportPage, {ReportIndexPage})
        self.assertAllowedParentPageTypes(PolicyInterpretationPage, {PolicyIndexPage})
        self.assertAllowedParentPageTypes(DisclosureTextPage, {DisclosureIndexPage})
        self.assertAllowedParentPageTypes(AnnualReportPage, {DisclosureIndexPage})
        self.assertCanNotCreateAt(HomePage, PolicyDocumentPage)

    def test_leaf_pages_have_no_children(self):
        for leaf in (
            PolicyDocumentPage,
            UnitPage,
            ReportPage,
            ReplyIndexPage,
            PolicyInterpretationPage,
            DisclosureTextPage,
            AnnualReportPage,
        ):
            self.assertAllowedSubpageTypes(leaf, set())
