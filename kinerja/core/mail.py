"""Whether real mail can go out (the daily reminder and overdue mails check before sending),
and the links that mails carry."""

from __future__ import annotations

from django.conf import settings

#: Backends that deliver nothing: a job then lists what it would have sent instead.
UNCONFIGURED_BACKENDS = frozenset(
    {
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
    }
)


def mail_backend() -> str:
    """The default mailer's backend path (``MAILERS``, or the older ``EMAIL_BACKEND``)."""
    mailers = getattr(settings, "MAILERS", None)
    if mailers is not None:
        return str(
            mailers.get("default", {}).get("BACKEND", "django.core.mail.backends.smtp.EmailBackend")
        )
    return str(settings.EMAIL_BACKEND)


def mail_configured() -> bool:
    return mail_backend() not in UNCONFIGURED_BACKENDS


def site_link(path: str) -> str:
    """``path`` as a link for a mail: absolute under ``KINERJA_SITE_URL`` when it is set."""
    base = (getattr(settings, "KINERJA_SITE_URL", "") or "").rstrip("/")
    return f"{base}{path}"
