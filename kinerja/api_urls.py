"""The REST API under /api/v1/ (read-only for now; see docs/api.md)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from kinerja.complaints.api import views as complaint_views
from kinerja.employees.api import views as employee_views
from kinerja.org.api import views as org_views
from kinerja.performance.api import views as skp_views
from kinerja.performance.api import views_evaluation as evaluation_views
from kinerja.performance.api import views_indicators as indicator_views

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("units/", org_views.UnitListView.as_view(), name="api-unit-list"),
    # ``str`` rather than ``int`` so that a malformed id still gets the API's JSON 404.
    path("units/<str:unit_id>/", org_views.UnitDetailView.as_view(), name="api-unit-detail"),
    path("employees/", employee_views.EmployeeListView.as_view(), name="api-employee-list"),
    path(
        "employees/<str:nip>/",
        employee_views.EmployeeDetailView.as_view(),
        name="api-employee-detail",
    ),
    path("skp/", skp_views.SkpListView.as_view(), name="api-skp-list"),
    path("skp/<str:skp_id>/", skp_views.SkpDetailView.as_view(), name="api-skp-detail"),
    path(
        "evaluations/",
        evaluation_views.EvaluationListView.as_view(),
        name="api-evaluation-list",
    ),
    path(
        "evaluations/<str:evaluation_id>/",
        evaluation_views.EvaluationDetailView.as_view(),
        name="api-evaluation-detail",
    ),
    path(
        "units/<str:unit_id>/distribution/",
        evaluation_views.UnitDistributionView.as_view(),
        name="api-unit-distribution",
    ),
    path("indicators/", indicator_views.IndicatorView.as_view(), name="api-indicators"),
    path("complaints/", complaint_views.ComplaintListView.as_view(), name="api-complaint-list"),
    path(
        "complaints/<str:complaint_id>/",
        complaint_views.ComplaintDetailView.as_view(),
        name="api-complaint-detail",
    ),
]
