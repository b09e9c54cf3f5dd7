"""The public transparency page /layanan/transparansi/ (issue 4 §7): no login, no personal data."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from kinerja.complaints import charts
from kinerja.complaints.models import Category
from kinerja.complaints.selectors_public import MIN_CELL, transparency, years_available
from kinerja.complaints.views_public import public_instansi
from kinerja.core.widgets import FastSelect
from kinerja.org.models import Unit


class TransparencyForm(forms.Form):
    tahun = forms.TypedChoiceField(label=_("Tahun"), coerce=int, required=False)
    opd = forms.ModelChoiceField(
        label=_("Perangkat daerah"), queryset=Unit.objects.none(), required=False,
        empty_label=_("Semua perangkat daerah"), widget=FastSelect,
    )  # fmt: skip
    kategori = forms.ModelChoiceField(
        label=_("Kategori"), queryset=Category.objects.none(), required=False,
        empty_label=_("Semua kategori"), widget=FastSelect,
    )  # fmt: skip

    def __init__(self, *args: Any, instansi_id: int, years: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tahun"].choices = [(y, str(y)) for y in years]  # type: ignore[attr-defined]
        self.fields["opd"].queryset = Unit.objects.filter(  # type: ignore[attr-defined]
            instansi_id=instansi_id, depth=0
        ).order_by("name")
        self.fields["kategori"].queryset = Category.objects.filter(  # type: ignore[attr-defined]
            instansi_id=instansi_id
        ).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("opd") and data.get("kategori"):
            self.add_error("kategori", _("Pilih perangkat daerah atau kategori, tidak keduanya."))
        return data


@require_GET
def transparency_page(request: HttpRequest) -> HttpResponse:
    """Volume, share on time, median response time and IKM per OPD and category, by year."""
    instansi = public_instansi()
    if instansi is None:
        raise Http404
    years = years_available(instansi.pk) or [timezone.localdate().year]
    form = TransparencyForm(request.GET or None, instansi_id=instansi.pk, years=years)
    status = 200
    year, unit, category = years[0], None, None
    if request.GET:
        if form.is_valid():
            year = form.cleaned_data["tahun"] or years[0]
            unit, category = form.cleaned_data["opd"], form.cleaned_data["kategori"]
        else:
            status = 400
    figures = transparency(instansi.pk, year, unit=unit, category=category)
    context = {
        "instansi": instansi,
        "form": form,
        "figures": figures,
        "trend": charts.trend(figures.months),
        "min_cell": MIN_CELL,
        "unit": unit,
        "category": category,
    }
    return render(request, "complaints/public/transparency.html", context, status=status)
