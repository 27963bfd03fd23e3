from django.conf import settings
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from accounts.admin_views import PseudonymousAccountView
from consultations.admin_visibility import WholeTreePageTypesUsageView

from .views import AdminSideDoorRedirect, QuickExitView, SearchView, robots_txt

urlpatterns = [
    path("robots.txt", robots_txt),
    path("admin/login/", AdminSideDoorRedirect.as_view(pattern_name="account_login")),
    re_path(
        r"^admin/password_reset/",
        AdminSideDoorRedirect.as_view(pattern_name="account_reset_password"),
    ),
    # Wagtail guards its own account page; this one replaces it, so it needs the same guard.
    path("admin/account/", require_admin_access(PseudonymousAccountView.as_view())),
    # Wagtail's page types report names pages from the whole tree: served here,
    # ahead of Wagtail's own address, only to people who may explore every page.
    path(
        "admin/reports/page-types-usage/",
        require_admin_access(WholeTreePageTypesUsageView.as_view()),
    ),
    path(
        "admin/reports/page-types-usage/results/",
        require_admin_access(WholeTreePageTypesUsageView.as_view(results_only=True)),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("forum/", include("forum.urls")),
    path("moderation/articles/", include("peerkb.urls")),
    path("moderation/", include("moderation.urls")),
    path("notifications/", include("notifications.urls")),
    path("", include("notifications.email_urls")),
    path("organizations/", include("consultations.urls")),
    path("search/", SearchView.as_view(), name="search"),
    path("exit/", QuickExitView.as_view(), name="quick_exit"),
    path("account/", include("allauth.urls")),
    path("", include("accounts.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

handler400 = "peersite.views.bad_request"
handler429 = "peersite.views.too_many_requests"
