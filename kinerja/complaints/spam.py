"""Keeping robots and floods off the public forms without any third-party service.

Four defences, each cheap and invisible to a person filling a form in the usual way:

* a **honeypot**: a text field hidden from sight and from assistive technology that people
  leave empty and form-filling robots do not;
* a **signed timestamp** drawn with the form: a post sent faster than a person can type
  (``KINERJA_PUBLIC_FORM_MIN_SECONDS``, 3 s) or from a form left open too long
  (``KINERJA_PUBLIC_FORM_MAX_SECONDS``, 2 h) is refused with a friendly message, what was typed
  kept;
* a **duplicate check**: the same description from the same address within
  ``KINERJA_PUBLIC_DUPLICATE_SECONDS`` (10 min) is refused;
* **rate limits** per client address in Django's cache (``KINERJA_PUBLIC_LIMITS``).

Client addresses never reach the cache in clear: every key carries a keyed hash of the address.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core import context

#: Default limits: bucket → (requests allowed, window in seconds). A counter at a service
#: counter shares one address among many respondents, hence the generous survey limit.
DEFAULT_LIMITS: dict[str, tuple[int, int]] = {
    "complaint": (5, 60 * 60),
    "lookup": (30, 10 * 60),
    "survey": (60, 60 * 60),
}
TRAP_FIELD = "website"
STAMP_FIELD = "form_ts"
_SALT = "kinerja.complaints.spam"


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def limits() -> dict[str, tuple[int, int]]:
    """The rate limits in force: the defaults, overridden per bucket by the setting."""
    configured: Mapping[str, tuple[int, int]] = _setting("KINERJA_PUBLIC_LIMITS", {})
    return {**DEFAULT_LIMITS, **configured}


def client_key(request: HttpRequest) -> str:
    """A keyed hash of the client address (the proxy-aware one of the request context)."""
    ip = context.current().ip or request.META.get("REMOTE_ADDR") or "unknown"
    key = f"{settings.SECRET_KEY}:{_SALT}".encode()
    return hmac.new(key, ip.encode(), hashlib.sha256).hexdigest()[:32]


@dataclass(frozen=True)
class Limited:
    """A refused request: how long until the client may try again."""

    retry_after: int


def _window_key(bucket: str, client: str) -> tuple[str, int, int]:
    allowed, window = limits()[bucket]
    started = int(time.time()) // window * window
    return f"layanan:rl:{bucket}:{client}:{started}", allowed, started + window


def over_limit(request: HttpRequest, bucket: str) -> Limited | None:
    """Whether the client has used up ``bucket`` for the current window (nothing is counted)."""
    key, allowed, ends = _window_key(bucket, client_key(request))
    if (cache.get(key) or 0) >= allowed:
        return Limited(retry_after=max(1, ends - int(time.time())))
    return None


def count(request: HttpRequest, bucket: str) -> None:
    """Count one request against ``bucket`` for the client."""
    key, _allowed, ends = _window_key(bucket, client_key(request))
    timeout = max(1, ends - int(time.time()))
    if not cache.add(key, 1, timeout):
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.set(key, 1, timeout)


def take(request: HttpRequest, bucket: str) -> Limited | None:
    """Count one request and say whether it went over the limit (for lookups)."""
    refused = over_limit(request, bucket)
    if refused is None:
        count(request, bucket)
    return refused


def _fingerprint(text: str) -> str:
    normalised = " ".join((text or "").casefold().split())
    return hashlib.sha256(normalised.encode()).hexdigest()[:32]


def _duplicate_key(request: HttpRequest, text: str) -> str:
    return f"layanan:dup:{client_key(request)}:{_fingerprint(text)}"


def is_duplicate(request: HttpRequest, text: str) -> bool:
    """Whether the client sent the same text (ignoring case and spacing) a short while ago."""
    return cache.get(_duplicate_key(request, text)) is not None


def remember(request: HttpRequest, text: str) -> None:
    """Remember a text the client sent, for :func:`is_duplicate`."""
    seconds = int(_setting("KINERJA_PUBLIC_DUPLICATE_SECONDS", 10 * 60))
    cache.set(_duplicate_key(request, text), 1, seconds)


def issue_stamp(at: float | None = None) -> str:
    """A signed record of when a form was drawn (``at`` for tests: a past time)."""
    return signing.dumps({"t": int(at if at is not None else time.time())}, salt=_SALT)


def stamp_problem(value: str, now: float | None = None) -> str:
    """Why a signed form timestamp is refused, or "" when it is acceptable."""
    now = now if now is not None else time.time()
    try:
        drawn = float(signing.loads(value or "", salt=_SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return _("Formulir ini sudah kedaluwarsa. Periksa isian Anda, lalu kirim sekali lagi.")
    age = now - drawn
    if age < float(_setting("KINERJA_PUBLIC_FORM_MIN_SECONDS", 3)):
        return _("Formulir terkirim terlalu cepat. Periksa isian Anda, lalu kirim sekali lagi.")
    if age > float(_setting("KINERJA_PUBLIC_FORM_MAX_SECONDS", 2 * 60 * 60)):
        return _("Formulir sudah terlalu lama terbuka. Periksa isian Anda, lalu kirim sekali lagi.")
    return ""


class _TrapInput(forms.TextInput):
    """Never gives back what was typed: a person whose browser filled it gets a clean form."""

    def format_value(self, value: Any) -> str | None:
        return None


class _StampInput(forms.HiddenInput):
    """Draws a fresh timestamp on every rendering, so a refused form can simply be sent again."""

    def format_value(self, value: Any) -> str | None:
        return issue_stamp()


class ProtectedForm(forms.Form):
    """A public form with the honeypot and the signed timestamp.

    After validation ``spam`` tells whether the post looked like a robot's (honeypot filled,
    timestamp refused); the view counts those against the client's rate limit.
    """

    website = forms.CharField(
        label=gettext_lazy("Jangan isi kolom ini"),
        required=False,
        widget=_TrapInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    form_ts = forms.CharField(required=False, widget=_StampInput)

    spam = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get(TRAP_FIELD):
            self.spam = True
            raise forms.ValidationError(
                _("Kiriman tidak dapat diproses. Periksa isian Anda, lalu kirim sekali lagi."),
                code="trap",
            )
        problem = stamp_problem(cleaned.get(STAMP_FIELD, ""))
        if problem:
            self.spam = True
            raise forms.ValidationError(problem, code="stamp")
        return cleaned
