from django.urls import path

from kinerja.employees import views

urlpatterns = [path("", views.home, name="home")]
