"""Form widgets."""

from __future__ import annotations

from html import escape
from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


class FastSelect(forms.Select):
    """A <select> rendered in Python rather than one template per option.

    Django's default widget renders a template for every option; for the unit tree (hundreds of
    options) that alone costs tens of milliseconds per page. Labels and values are escaped here.
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        selected = {str(v) for v in self.format_value(value)}
        parts = []
        for option_value, label in self.choices:
            text = "" if option_value is None else str(option_value)
            mark = " selected" if text in selected else ""
            parts.append(f'<option value="{escape(text)}"{mark}>{escape(str(label))}</option>')
        attributes = format_html_join(
            "", ' {}="{}"', sorted((k, v) for k, v in final.items() if v not in (None, False, True))
        ) + format_html_join("", " {}", sorted((k,) for k, v in final.items() if v is True))
        return format_html(
            '<select name="{}"{}>{}</select>',
            name,
            attributes,
            mark_safe("".join(parts)),  # noqa: S308
        )
