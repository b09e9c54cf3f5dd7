"""One FilterSet for the employee directory, serving the HTML list and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kinerja.core.widgets import FastSelect
from kinerja.employees.models import Employee
from kinerja.employees.reference import GOLONGAN_CHOICES, EmployeeStatus
from kinerja.org.models import JabatanType, Unit


def filter_employees(
    params: Any, queryset: QuerySet[Employee], request: Any
) -> tuple[EmployeeFilterSet, QuerySet[Employee]]:
    """The filter set for ``params`` and the rows it selects (all of ``queryset`` when the
    filters are invalid: the page shows the errors beside the unfiltered list)."""
    filterset = EmployeeFilterSet(params or None, queryset=queryset, request=request)
    valid = filterset.is_bound and filterset.is_valid()
    return filterset, filterset.qs if valid else queryset


class EmployeeFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Nama atau NIP"), method="filter_q")
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit (termasuk di bawahnya)"), queryset=Unit.objects.none(), method="filter_unit"
    )
    golongan = django_filters.ChoiceFilter(
        label=_("Golongan"), choices=GOLONGAN_CHOICES, empty_label=_("Semua")
    )
    jabatan_type = django_filters.ChoiceFilter(
        label=_("Jenis jabatan"),
        choices=JabatanType.choices,
        field_name="current_position__jabatan_type",
        empty_label=_("Semua"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=EmployeeStatus.choices, empty_label=_("Semua")
    )

    class Meta:
        model = Employee
        fields = ["q", "unit", "golongan", "jabatan_type", "status"]

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        units = Unit.objects.visible_to(user).only("pk", "name", "path", "depth", "instansi_id")
        self.filters["unit"].queryset = units
        self.form.fields["unit"].queryset = units
        self.form.fields["unit"].widget = FastSelect(choices=self.form.fields["unit"].choices)
        self.form.fields["unit"].empty_label = _("Semua unit")
        # Indent by depth: many units share a name ("Subbagian Umum"), the tree tells them apart.
        self.form.fields["unit"].label_from_instance = lambda u: f"{'— ' * u.depth}{u.name}"

    def filter_q(self, queryset: QuerySet[Employee], name: str, value: str) -> QuerySet[Employee]:
        return queryset.search(value)  # type: ignore[attr-defined]

    def filter_unit(
        self, queryset: QuerySet[Employee], name: str, value: Unit
    ) -> QuerySet[Employee]:
        return queryset.in_unit_subtree(value)  # type: ignore[attr-defined]
