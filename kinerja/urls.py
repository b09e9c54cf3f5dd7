"""URL configuration. Every pattern is either covered by the access matrix or listed as public."""

from django.urls import include, path

from kinerja.core import views as core_views

urlpatterns = [
    path("", include("kinerja.employees.urls_home")),
    path("", include("kinerja.accounts.urls")),
    path("akun/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("organisasi/", include("kinerja.employees.urls_org")),
    path("pegawai/", include("kinerja.employees.urls")),
    path("kinerja/", include("kinerja.performance.urls")),
    path("aduan/", include("kinerja.complaints.urls")),
    path("layanan/", include("kinerja.complaints.urls_public")),
    path("api/v1/", include("kinerja.api_urls")),
    path("healthz", core_views.healthz, name="healthz"),
]
