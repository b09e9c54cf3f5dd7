"""Public pages under /layanan/: the complaint form, tracking, the survey (no login)."""

from __future__ import annotations

from django.urls import path

from kinerja.complaints import views_public as views
from kinerja.complaints import views_transparency

app_name = "layanan"
urlpatterns = [
    path("", views.index, name="index"),
    path("aduan/", views.complaint_new, name="complaint_new"),
    path("aduan/terima-kasih/", views.complaint_thanks, name="complaint_thanks"),
    path("aduan/lacak/", views.track_lookup, name="track_lookup"),
    path("aduan/lacak/<str:code>/", views.track, name="track"),
    path("aduan/lacak/<str:code>/nilai/", views.rate, name="rate"),
    path("aduan/lacak/<str:code>/buka-kembali/", views.reopen, name="reopen"),
    path("aduan/lacak/<str:code>/survei/", views.complaint_survey, name="complaint_survey"),
    path("skm/", views.skm_units, name="skm_units"),
    path("skm/terima-kasih/", views.skm_thanks, name="skm_thanks"),
    path("skm/<int:unit_id>/", views.skm, name="skm"),
    path("transparansi/", views_transparency.transparency_page, name="transparency"),
]
