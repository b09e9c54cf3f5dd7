from django.urls import path

from kinerja.employees import views_org

app_name = "org"
urlpatterns = [
    path("", views_org.tree, name="tree"),
    path("unit/<int:unit_id>/", views_org.unit_detail, name="unit"),
    path("unit/<int:unit_id>/cabang/", views_org.unit_children, name="unit_children"),
    path("jabatan/<int:position_id>/", views_org.position_detail, name="position"),
    path("penugasan/<int:assignment_id>/akhiri/", views_org.end_acting, name="end_acting"),
]
