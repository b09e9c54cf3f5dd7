"""Session time limits and mandatory MFA for privileged roles."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kinerja.accounts.roles import requires_mfa


class SessionTimeoutMiddleware:
    """Log out after the idle limit (default 30 min) and the absolute limit (default 12 h)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault("kinerja_login_at", now)
            last = session.get("kinerja_seen_at", now)
            idle = now - last > settings.KINERJA_IDLE_TIMEOUT_SECONDS
            expired = now - started > settings.KINERJA_ABSOLUTE_TIMEOUT_SECONDS
            if idle or expired:
                logout(request)
                messages.info(request, _("Sesi Anda berakhir. Silakan masuk kembali."))
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                return redirect(f"{reverse('account_login')}?next={request.path}")
            if now - last > 30:  # avoid a session write on every request
                session["kinerja_seen_at"] = now
        return self.get_response(request)


_MFA_EXEMPT_PREFIXES = ("/akun/", "/accounts/", "/static/", "/i18n/", "/healthz", "/layanan/")


class RequireMfaMiddleware:
    """Users holding a role that requires MFA must enrol TOTP before using anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            settings.KINERJA_MFA_ENFORCED
            and user.is_authenticated
            and not request.path.startswith(_MFA_EXEMPT_PREFIXES)
            and requires_mfa(user)
            and not _has_totp(user)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "detail": _(
                            "Peran Anda mewajibkan autentikasi dua langkah. "
                            "Aktifkan TOTP terlebih dahulu."
                        )
                    },
                    status=403,
                )
            messages.warning(
                request,
                _("Peran Anda mewajibkan autentikasi dua langkah. Aktifkan TOTP terlebih dahulu."),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_totp(user: object) -> bool:
    cached = getattr(user, "_kinerja_has_totp", None)
    if cached is None:
        from allauth.mfa.models import Authenticator

        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._kinerja_has_totp = cached  # type: ignore[attr-defined]
    return bool(cached)
