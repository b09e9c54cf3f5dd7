"""One FilterSet for the complaint inbox, serving the HTML list and the export.

The free-text search looks at the title, the tracking code and the channel's id only: never at
the complainant's name or contacts, which must not travel in URLs or reach readers who may only
see them masked.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kinerja.complaints import selectors
from kinerja.complaints.models import Category, Channel, Complaint, Status
from kinerja.complaints.services.intake import normalise_code
from kinerja.core.widgets import FastSelect
from kinerja.org.models import Unit
from kinerja.org.querysets import subtree_q

SLA_LATE = "terlambat"
SLA_AT_RISK = "berisiko"
SLA_CHOICES = [(SLA_LATE, _("Ada langkah terlambat")), (SLA_AT_RISK, _("Ada langkah berisiko"))]


def filter_complaints(
    params: Any, queryset: QuerySet[Complaint], request: Any, book: selectors.SlaBook
) -> tuple[ComplaintFilterSet, QuerySet[Complaint]]:
    """The filter set for ``params`` and the rows it selects (all of ``queryset`` when the
    filters are invalid: the page shows the errors beside the unfiltered list)."""
    filterset = ComplaintFilterSet(params or None, queryset=queryset, request=request, book=book)
    valid = filterset.is_bound and filterset.is_valid()
    return filterset, filterset.qs if valid else queryset


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


class ComplaintFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Cari judul atau kode"), method="filter_q", max_length=100
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("Semua")
    )
    channel = django_filters.ChoiceFilter(
        label=_("Kanal"), choices=Channel.choices, empty_label=_("Semua")
    )
    category = django_filters.ModelChoiceFilter(
        label=_("Kategori"), queryset=Category.objects.none()
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("OPD / unit (termasuk di bawahnya)"),
        queryset=Unit.objects.none(),
        method="filter_unit",
    )
    sla = django_filters.ChoiceFilter(
        label=_("Waktu layanan"), choices=SLA_CHOICES, empty_label=_("Semua"), method="filter_sla"
    )
    received_from = django_filters.DateFilter(label=_("Diterima sejak"), method="filter_from")
    received_to = django_filters.DateFilter(label=_("Diterima sampai"), method="filter_to")
    mine = django_filters.BooleanFilter(label=_("Tugas saya"), method="filter_mine")
    #: One officer's complaints, open or closed (the link from their indicators).
    officer = django_filters.NumberFilter(
        label=_("Petugas"),
        field_name="officer_id",
        min_value=1,
        max_value=2**63 - 1,
        decimal_places=0,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Complaint
        fields = [
            "q", "status", "channel", "category", "unit", "sla", "received_from", "received_to",
            "mine", "officer",
        ]  # fmt: skip

    def __init__(
        self, *args: Any, request: Any = None, book: selectors.SlaBook | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, request=request, **kwargs)
        self.book = book or selectors.SlaBook()
        self.user = getattr(request, "user", None)
        units = Unit.objects.visible_to(self.user).only(
            "pk", "name", "path", "depth", "instansi_id"
        )
        categories = selectors.filter_categories(self.user)
        for name, queryset in (("unit", units), ("category", categories)):
            self.filters[name].queryset = queryset
            field = self.form.fields[name]
            field.queryset = queryset
            field.widget = FastSelect(choices=field.choices)
        self.form.fields["unit"].empty_label = _("Semua unit")
        self.form.fields["category"].empty_label = _("Semua kategori")
        # Indent by depth: many units share a name ("Subbagian Umum"), the tree tells them apart.
        self.form.fields["unit"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.name}"
        for name in ("received_from", "received_to"):
            self.form.fields[name].widget = forms.DateInput(
                attrs={"type": "date"}, format="%Y-%m-%d"
            )

    def qs_without(self, skip: str) -> QuerySet[Complaint]:
        """The rows the valid filters select, ignoring the filter ``skip`` (for the counts that
        the status quick filters show)."""
        queryset = self.queryset.all()
        if not (self.is_bound and self.is_valid()):
            return queryset
        for name, value in self.form.cleaned_data.items():
            if name != skip:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_q(self, queryset: QuerySet[Complaint], name: str, value: str) -> QuerySet[Complaint]:
        text = value.strip()
        if not text:
            return queryset
        q = Q(title__icontains=text) | Q(external_id=text)
        code = normalise_code(text)
        if code:
            q |= Q(tracking_code=code)
        return queryset.filter(q)

    def filter_unit(
        self, queryset: QuerySet[Complaint], name: str, value: Unit
    ) -> QuerySet[Complaint]:
        return queryset.filter(
            subtree_q(value.path, "unit__path"), unit__instansi_id=value.instansi_id
        )

    def filter_sla(
        self, queryset: QuerySet[Complaint], name: str, value: str
    ) -> QuerySet[Complaint]:
        if value == SLA_LATE:
            return queryset.filter(selectors.late_q(self.book.now))
        if value == SLA_AT_RISK:
            return queryset.filter(pk__in=selectors.at_risk_ids(queryset, self.book))
        return queryset

    def filter_from(
        self, queryset: QuerySet[Complaint], name: str, value: date
    ) -> QuerySet[Complaint]:
        if value <= date.min + timedelta(days=1):
            return queryset  # "since the beginning of time" (and no overflow converting to UTC)
        return queryset.filter(received_at__gte=_day_start(value))

    def filter_to(
        self, queryset: QuerySet[Complaint], name: str, value: date
    ) -> QuerySet[Complaint]:
        if value >= date.max - timedelta(days=1):
            return queryset  # "until the end of time": nothing to cut off (and no overflow)
        return queryset.filter(received_at__lt=_day_start(value + timedelta(days=1)))

    def filter_mine(
        self, queryset: QuerySet[Complaint], name: str, value: bool | None
    ) -> QuerySet[Complaint]:
        if not value or self.user is None:
            return queryset
        return queryset.filter(selectors.open_q(), officer__user_id=self.user.pk)
