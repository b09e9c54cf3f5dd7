"""URL patterns of the complaint settings pages (joined under the ``complaints`` namespace)."""

from __future__ import annotations

from django.urls import URLPattern, path

from kinerja.complaints import views_catalog as c
from kinerja.complaints import views_settings as v

urlpatterns: list[URLPattern] = [
    path("pengaturan/", v.overview, name="settings"),
    path("pengaturan/libur/<int:year>/", v.holidays, name="settings_holidays"),
    path("pengaturan/libur/<int:year>/muat/", v.holidays_load, name="settings_holidays_load"),
    path("pengaturan/libur/hari/<int:pk>/", v.holiday_edit, name="settings_holiday_edit"),
    path("pengaturan/libur/hari/<int:pk>/hapus/", v.holiday_delete, name="settings_holiday_delete"),
    path("pengaturan/aturan/", v.rules, name="settings_rules"),
    path("pengaturan/sla/", c.sla, name="settings_sla"),
    path("pengaturan/sla/<int:pk>/", c.sla_edit, name="settings_sla_edit"),
    path("pengaturan/sla/<int:pk>/hapus/", c.sla_delete, name="settings_sla_delete"),
    path("pengaturan/kategori/", c.categories, name="settings_categories"),
    path("pengaturan/kategori/<int:pk>/", c.category_edit, name="settings_category_edit"),
    path(
        "pengaturan/kategori/<int:pk>/hapus/",
        c.category_delete,
        name="settings_category_delete",
    ),
]
