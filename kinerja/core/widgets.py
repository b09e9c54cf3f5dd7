"""Form widgets."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


class FastSelect(forms.Select):
    """A <select> rendered in Python rather than one template per option.

    Django's default widget renders a template for every option; for the unit tree (hundreds of
    options) that alone costs tens of milliseconds per page.
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        selected = {str(v) for v in self.format_value(value)}
        options = []
        for _group, group_options, _index in self.optgroups(name, self.format_value(value)):
            for option in group_options:
                option_value = "" if option["value"] is None else str(option["value"])
                options.append(
                    (option_value, " selected" if option_value in selected else "", option["label"])
                )
        attributes = format_html_join(
            "", ' {}="{}"', sorted((k, v) for k, v in final.items() if v not in (None, False, True))
        ) + format_html_join("", " {}", sorted((k,) for k, v in final.items() if v is True))
        body = format_html_join("", '<option value="{}"{}>{}</option>', options)
        return format_html('<select name="{}"{}>{}</select>', name, attributes, body)
