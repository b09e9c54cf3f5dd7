"""URL patterns of the employee import and the directory export.

Spliced into ``kinerja.employees.urls`` (app_name "employees") as ``import_urlpatterns``.
"""

from django.urls import path

from kinerja.employees import views_import

import_urlpatterns = [
    path("impor/", views_import.import_page, name="import"),
    path("impor/contoh.csv", views_import.import_sample, name="import_sample"),
    path("impor/<int:job_id>/", views_import.import_detail, name="import_detail"),
    path("impor/<int:job_id>/progres/", views_import.import_progress, name="import_progress"),
    path("impor/<int:job_id>/terapkan/", views_import.import_apply, name="import_apply"),
    path("ekspor/", views_import.export, name="export"),
]
