"""Read-only API views for units: parse → access → selector → serialize.

Every user reads the organisation structure of their own instansi (superadmins read all), as in
the HTML tree. A unit outside that scope answers 404, exactly like a unit that does not exist.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from kinerja.org import selectors
from kinerja.org.access import get_unit_for_user
from kinerja.org.api.serializers import (
    DETAIL_ERRORS,
    LIST_ERRORS,
    UnitDetailSerializer,
    UnitSerializer,
)
from kinerja.org.models import Unit, UnitType


class IntegerFilter(django_filters.NumberFilter):
    """A whole-number filter (``NumberFilter`` would accept decimals such as ``1.5``)."""

    field_class = forms.IntegerField


#: The largest id a database stores (a signed 64-bit integer). A larger value would reach the
#: database as an integer it cannot hold (SQLite raises OverflowError) when compared with a
#: foreign key column, which Django's out-of-range handling does not cover.
MAX_ID = 2**63 - 1


def integer_filter(
    label: str, *, minimum: int, maximum: int | None = None, **kwargs: Any
) -> IntegerFilter:
    """An :class:`IntegerFilter` documented in the schema as an integer with its bounds."""
    schema: dict[str, Any] = {"type": "integer", "minimum": minimum, "description": label}
    if maximum is not None:
        schema["maximum"] = maximum
    field = IntegerFilter(label=label, min_value=minimum, max_value=maximum, **kwargs)
    return extend_schema_field(schema)(field)


class UnitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Nama, nama singkat atau kode unit"), method="filter_q")
    parent = django_filters.ModelChoiceFilter(
        label=_("Unit induk (hanya unit langsung di bawahnya)"), queryset=Unit.objects.none()
    )
    type = django_filters.ChoiceFilter(label=_("Jenis unit"), choices=UnitType.choices)
    depth = integer_filter("Kedalaman dalam pohon unit (0 = perangkat daerah)", minimum=0)
    instansi = integer_filter(
        "ID instansi (berguna bagi superadmin)",
        minimum=1,
        maximum=MAX_ID,
        field_name="instansi_id",
    )

    class Meta:
        model = Unit
        fields = ["q", "parent", "type", "depth", "instansi"]

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        # A parent outside the user's scope is "not a valid choice", the same answer as an id
        # that does not exist, so the filter cannot be used to probe other instansi.
        self.filters["parent"].queryset = Unit.objects.visible_to(getattr(request, "user", None))

    def filter_q(self, queryset: QuerySet[Unit], name: str, value: str) -> QuerySet[Unit]:
        q = Q()
        for word in value.split():
            q &= Q(name__icontains=word) | Q(short_name__icontains=word) | Q(code__iexact=word)
        return queryset.filter(q)


def _units_for(user: Any) -> QuerySet[Unit]:
    return (
        Unit.objects.visible_to(user)
        .annotate(children_count=Count("children"))
        .order_by("instansi_id", "path")
    )


@extend_schema_view(
    get=extend_schema(
        operation_id="units_list",
        summary=_("Daftar unit organisasi"),
        description=_(
            "Unit organisasi yang dapat Anda lihat: seluruh unit instansi Anda (superadmin: semua"
            " instansi), urut menurut pohon unit."
        ),
        responses={200: UnitSerializer(many=True), **LIST_ERRORS},
        tags=["units"],
    )
)
class UnitListView(generics.ListAPIView):
    serializer_class = UnitSerializer
    filterset_class = UnitFilterSet

    def get_queryset(self) -> QuerySet[Unit]:
        return _units_for(self.request.user)


@extend_schema_view(
    get=extend_schema(
        operation_id="units_retrieve",
        summary=_("Rincian unit organisasi"),
        parameters=[
            OpenApiParameter(
                "unit_id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("ID unit.")
            )
        ],
        responses={200: UnitDetailSerializer, **DETAIL_ERRORS},
        tags=["units"],
    )
)
class UnitDetailView(generics.RetrieveAPIView):
    serializer_class = UnitDetailSerializer

    def get_object(self) -> Unit:
        unit = get_unit_for_user(self.request.user, self.kwargs["unit_id"])
        unit.children_count = Unit.objects.filter(parent=unit).count()  # type: ignore[attr-defined]
        return unit

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        unit = self.get_object()
        context = {**self.get_serializer_context(), "ancestors": selectors.unit_ancestors(unit)}
        return Response(self.get_serializer(unit, context=context).data)
