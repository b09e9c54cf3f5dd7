"""What every page form does with a service's refusal."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def refuse(
    form: forms.Form,
    exc: ValidationError,
    current_version: int | Callable[[], int] | None = None,
    field_for: Mapping[str, str] | Callable[[str], str] | None = None,
) -> int:
    """Put a service's refusal on ``form`` and give the status to answer with; what was typed
    stays in the form. A stale save (code "stale") is 409 and the form gets the current version,
    so that the user can review and save again; any other refusal is 400. ``field_for`` maps a
    service's field name to the form's when they differ (a mapping, or a function)."""
    if getattr(exc, "code", None) == "stale":
        if current_version is not None:
            value = current_version() if callable(current_version) else current_version
            data: Any = form.data  # a QueryDict or a dict: both copy, keeping every value
            data = data.copy()
            data[form.add_prefix("version")] = str(value)
            form.data = data
        form.add_error(None, exc.messages)
        return 409
    if hasattr(exc, "error_dict"):
        names = field_for if isinstance(field_for, Mapping) else {}
        for field, errors in exc.message_dict.items():
            name = field_for(field) if callable(field_for) else names.get(field, field)
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
    return 400
