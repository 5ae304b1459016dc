from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.generic import RedirectView
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from sovet.core import serving
from sovet.core import views as core_views
from sovet.site import views as site_views
from sovet.site.sitemaps import TranslatedSitemap

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("csrf/", core_views.form_token, name="form_token"),
    path("robots.txt", core_views.robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": TranslatedSitemap}}, name="sitemap"),
    # Staff sign in through allauth (with two factors), never through a second login form.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("sovet.accounts.urls")),
    path("search/", site_views.search, name="search"),
    path("sitemap/", site_views.site_map, name="site_map"),
    path("registrations/", include("sovet.events.urls")),
    # Wagtail's pages, found through the way kept per content version (core/serving.py).
    path("", include(serving.urlpatterns)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns
elif settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    # Not documents/: they go through Wagtail's serve view, which checks their collection's
    # privacy (WAGTAILDOCS_SERVE_METHOD).
    media_prefix = settings.MEDIA_URL.lstrip("/")
    urlpatterns = [
        re_path(
            rf"^{media_prefix}(?!documents/)(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
        *urlpatterns,
    ]
