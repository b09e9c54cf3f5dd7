"""Template context shared by every page: the demo flag and the user's access scope."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.module_loading import import_string

from kinerja.accounts.roles import principal_for

#: Which navigation item a performance page belongs to (by URL name); the rest are "skp".
PERFORMANCE_SECTIONS = {
    "periods": "periods",
    "evaluations": "evaluations",
    "evaluation": "evaluations",
    "why": "evaluations",
    "objections": "evaluations",
    "objection": "evaluations",
    "objection_file": "evaluations",
    "penetapan_list": "penetapan",
    "penetapan": "penetapan",
    "distribution_rules": "penetapan",
    "dashboard": "dashboard",
    "cannot_plan": "dashboard",
}


def _section(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.app_name == "performance":
        return PERFORMANCE_SECTIONS.get(match.url_name or "", "skp")
    return match.app_name or match.url_name or ""


def kinerja(request: HttpRequest) -> dict[str, Any]:
    context: dict[str, Any] = {
        "DEMO_MODE": settings.DEMO_MODE,
        "principal": principal_for(getattr(request, "user", None)),
        "nav_section": _section(request),
    }
    if settings.DEMO_MODE and not request.user.is_authenticated:
        # The demo app sits at the far right of the dependency order; name it by setting.
        context["demo_logins"] = import_string(settings.KINERJA_DEMO_LOGINS)
    return context
