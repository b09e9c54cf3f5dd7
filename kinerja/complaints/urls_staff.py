"""URL patterns of the complaint staff pages (joined under the ``complaints`` namespace)."""

from __future__ import annotations

from django.urls import path

from kinerja.complaints import views_detail, views_inbox, views_indicators

urlpatterns = [
    path("", views_inbox.inbox, name="inbox"),
    path("unduh/", views_inbox.export, name="export"),
    path("baru/", views_inbox.entry, name="entry"),
    path("terlambat/", views_inbox.overdue, name="overdue"),
    path("indikator/", views_indicators.index, name="indicators"),
    path(
        "indikator/pegawai/<int:employee_id>/",
        views_indicators.officer,
        name="officer_indicators",
    ),
    path("<int:complaint_id>/", views_detail.detail, name="detail"),
    path("<int:complaint_id>/<slug:action>/", views_detail.act, name="act"),
]
