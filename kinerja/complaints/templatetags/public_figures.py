"""``{% figure cell "%" %}``: one published figure, or why it is not published.

A tag rather than an included template: the transparency page draws several hundred cells, and
an include per cell was most of its rendering time.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def figure(cell: Any, suffix: str = "") -> SafeString:
    if cell.suppressed:
        return format_html('<abbr title="{}">—*</abbr>', _("Tidak ditampilkan: kurang dari 5"))
    if cell.value is None:
        return format_html("{}", "—")
    return format_html("{}{}", floatformat(cell.value, "-2g"), suffix)
