from django.urls import path

from kinerja.accounts import views

app_name = "accounts"
urlpatterns = [
    path("akun/saya/", views.me, name="me"),
    path("audit/", views.audit, name="audit"),
    path("audit/<int:event_id>/", views.audit_detail, name="audit_detail"),
]
