from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from content import aids, feeds
from content.views import search
from coordination.views.calendar import personal_feed

from .health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/", include("coordination.account_urls")),
    path("workbench/", include("coordination.urls")),
    path("api/", include("coordination.api.urls")),
    path("disclosure/", include("coordination.disclosure_urls")),
    path("calendar/<str:token>.ics", personal_feed, name="calendar-feed"),
    path("documents/", include(wagtaildocs_urls)),
    # Like the reading aids, the language is a display preference, nothing of the visitor's own:
    # the switch in every public page's footer takes no CSRF token, so cached pages carry none.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("sitemap.xml", sitemap),
    path("aids/", aids.set_reading_aids, name="reading-aids"),
    path("search/", search, name="search"),
    path("feeds/policies/", feeds.PolicyFeed(), name="feed-policies"),
    path("feeds/policies/atom/", feeds.PolicyAtomFeed(), name="feed-policies-atom"),
    path("feeds/replies/", feeds.ReplyFeed(), name="feed-replies"),
    path("feeds/replies/atom/", feeds.ReplyAtomFeed(), name="feed-replies-atom"),
    path("feeds/reports/", feeds.ReportFeed(), name="feed-reports"),
    path("feeds/reports/atom/", feeds.ReportAtomFeed(), name="feed-reports-atom"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

# Failure pages render without the database (see portal/errors.py).
handler404 = "portal.errors.page_not_found"
handler403 = "portal.errors.permission_denied"
handler500 = "portal.errors.server_error"
