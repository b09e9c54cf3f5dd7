from django.urls import path

from kinerja.performance import views

app_name = "performance"
urlpatterns = [
    path("periode/", views.periods, name="periods"),
    path("periode/<int:period_id>/status/", views.period_state, name="period_state"),
]
