from django.urls import path

from kinerja.employees import views, views_grants
from kinerja.employees.urls_import import import_urlpatterns

app_name = "employees"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:employee_id>/", views.profile, name="profile"),
    path("rantai-atasan-terputus/", views.broken_chains, name="broken_chains"),
    path("peran/", views_grants.grants, name="grants"),
    path("peran/<int:grant_id>/cabut/", views_grants.revoke, name="revoke_grant"),
]
urlpatterns += import_urlpatterns
