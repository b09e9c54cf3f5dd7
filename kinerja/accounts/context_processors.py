"""Template context shared by every page: the demo flag and the user's access scope."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string

from kinerja.accounts.roles import principal_for


def kinerja(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {
        "DEMO_MODE": settings.DEMO_MODE,
        "principal": principal_for(getattr(request, "user", None)),
    }
    if settings.DEMO_MODE and not request.user.is_authenticated:
        # The demo app sits at the far right of the dependency order; name it by setting.
        context["demo_logins"] = import_string(settings.KINERJA_DEMO_LOGINS)
    return context
