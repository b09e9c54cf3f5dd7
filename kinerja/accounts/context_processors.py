"""Template context shared by every page: the demo flag and the user's access scope."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kinerja.accounts.roles import principal_for


def kinerja(request: HttpRequest) -> dict[str, Any]:
    return {
        "DEMO_MODE": settings.DEMO_MODE,
        "principal": principal_for(getattr(request, "user", None)),
    }
