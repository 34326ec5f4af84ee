from django.conf import settings
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.views import serve as wagtail_serve

from accounts.views.health import healthz
from accounts.views.media import serve_private_media
from bf1portal.language import switch_language
from broadcasting.urls.advertiser import verify_patterns

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Before Wagtail's admin: two of its URLs answer a server error (home/admin_urls.py).
    path("admin/", include("home.admin_urls")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("accounts.urls")),
    path("campaigns/", include("campaigns.urls")),
    path("diffusion/", include("broadcasting.urls")),
    path("broadcasts/", include("broadcasting.urls.advertiser")),
    path("verify/", include(verify_patterns)),
    path("notifications/", include("notifications.urls")),
    path("messages/", include("conversations.urls")),
    path("reports/", include("reports.urls")),
    path("billing/", include("billing.urls")),
    path("payments/", include("payments.urls")),
    # the crew's confirmation link (signed, expiring): editorial/urls/confirm.py
    path("coverage/mission/", include("editorial.urls.confirm")),
    path("coverage/", include("editorial.urls.public")),
    path("api/simulator/", include("simulator.urls")),
    # The help assistant: /aide/ and its widget's JSON endpoints (never page-cached).
    path("aide/", include("assistant.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    # The footer's language links (no form, so no CSRF cookie on public pages).
    path("language/<str:code>/", switch_language, name="switch_language"),
]

if settings.DEBUG:
    # The e-mails sent in development, links clickable (notifications/dev_outbox.py).
    urlpatterns.append(path("dev/outbox/", include("notifications.dev_outbox")))

urlpatterns += [
    # Uploaded files: public renditions for everyone, private files only after a
    # permission check (docs/decisions/0005-private-media.md).
    re_path(r"^media/(?P<path>.+)$", serve_private_media, name="private_media"),
    # The site's home page (the Wagtail root page), named so that code can say
    # redirect("home") / LOGOUT_REDIRECT_URL = "home".
    path("", wagtail_serve, {"path": ""}, name="home"),
    path("", include(wagtail_urls)),
]
