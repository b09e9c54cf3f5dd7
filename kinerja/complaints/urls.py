"""Staff pages of complaint handling under /aduan/ (the public side is in urls_public)."""

from __future__ import annotations

from kinerja.complaints import urls_settings, urls_staff

app_name = "complaints"
urlpatterns = [*urls_staff.urlpatterns, *urls_settings.urlpatterns]
