"""Read-only API views for SKPs: parse → access → queryset → serialize.

Scope is ``Skp.objects.visible_to``: the SKPs of the employees a user may read (themself, an
atasan's team, an Admin OPD's unit subtree, the whole instansi for Admin BKPSDM and the auditor,
everything for a superadmin), plus those the user assesses. An SKP outside that scope answers
404, exactly like an id that does not exist.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import Http404
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

from kinerja.org.api.serializers import DETAIL_ERRORS, LIST_ERRORS
from kinerja.org.api.views import IntegerFilter
from kinerja.org.models import Unit
from kinerja.org.querysets import subtree_q
from kinerja.performance.access import get_skp_for_user
from kinerja.performance.api.serializers import SkpDetailSerializer, SkpSerializer
from kinerja.performance.models import MAX_YEAR, MIN_YEAR, Iki, Rhk, Skp, SkpState

#: A NIP or NI PPPK as the ``employee`` filter takes it: exactly 18 ASCII digits.
NIP_PATTERN = r"^[0-9]{18}$"


class NipFilter(django_filters.CharFilter):
    """An exact NIP; anything but 18 digits is a 400, not an empty list."""

    field_class = forms.RegexField


class SkpFilterSet(django_filters.FilterSet):
    year = extend_schema_field(
        {
            "type": "integer",
            "minimum": MIN_YEAR,
            "maximum": MAX_YEAR,
            "description": "Tahun kinerja",
        }
    )(
        IntegerFilter(
            label=_("Tahun kinerja"),
            field_name="performance_year__year",
            min_value=MIN_YEAR,
            max_value=MAX_YEAR,
        )
    )
    state = django_filters.ChoiceFilter(label=_("Status"), choices=SkpState.choices)
    employee = extend_schema_field(
        {"type": "string", "pattern": NIP_PATTERN, "description": "NIP pegawai (18 digit)"}
    )(
        NipFilter(
            label=_("NIP pegawai"),
            field_name="employee__nip",
            regex=r"\A[0-9]{18}\Z",
            strip=False,
            error_messages={"invalid": _("NIP harus terdiri atas 18 angka.")},
        )
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit (termasuk di bawahnya)"), queryset=Unit.objects.none(), method="filter_unit"
    )

    class Meta:
        model = Skp
        fields = ["year", "state", "employee", "unit"]

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        # A unit outside the user's instansi is "not a valid choice", the same answer as an id
        # that does not exist, so the filter cannot be used to probe other instansi.
        user = getattr(request, "user", None)
        self.filters["unit"].queryset = Unit.objects.visible_to(user).only(
            "pk", "path", "instansi_id"
        )

    def filter_unit(self, queryset: QuerySet[Skp], name: str, value: Unit) -> QuerySet[Skp]:
        # The SKP's unit is where the employee was placed when it started; the whole subtree of
        # the chosen unit counts, as in the employee directory.
        return queryset.filter(subtree_q(value.path, "unit__path"), instansi_id=value.instansi_id)


@extend_schema_view(
    get=extend_schema(
        operation_id="skp_list",
        summary=_("Daftar SKP"),
        description=_(
            "SKP dalam lingkup akses Anda (SKP pegawai yang dapat Anda lihat dan SKP yang Anda"
            " nilai), urut tahun terbaru lalu nama pegawai. `unit` mencakup seluruh unit di"
            " bawahnya; `employee` adalah NIP lengkap."
        ),
        parameters=[
            # The unit filter's method hides its type from the schema generator.
            OpenApiParameter(
                "unit",
                OpenApiTypes.INT,
                OpenApiParameter.QUERY,
                description=_("ID unit; mencakup seluruh unit di bawahnya."),
            )
        ],
        responses={200: SkpSerializer(many=True), **LIST_ERRORS},
        tags=["skp"],
    )
)
class SkpListView(generics.ListAPIView):
    serializer_class = SkpSerializer
    filterset_class = SkpFilterSet

    def get_queryset(self) -> QuerySet[Skp]:
        return (
            Skp.objects.visible_to(self.request.user)
            .with_people()
            .order_by("-performance_year__year", "employee__name", "employee__nip", "starts", "pk")
        )


def _plan_prefetch() -> list[Prefetch[Any]]:
    """RHK (with the leader's RHK each supports), their IKI and the expectations: 3 queries."""
    return [
        Prefetch(
            "rhks",
            # Utama before tambahan ("-kind": "utama" sorts after "tambahan"), then as arranged.
            queryset=Rhk.objects.select_related("supports")
            .order_by("-kind", "order", "pk")
            .prefetch_related(Prefetch("ikis", queryset=Iki.objects.order_by("order", "pk"))),
        ),
        Prefetch("expectations"),
    ]


@extend_schema_view(
    get=extend_schema(
        operation_id="skp_retrieve",
        summary=_("Rincian SKP"),
        description=_(
            "SKP dengan lampiran, RHK beserta RHK pimpinan yang diintervensi dan IKI-nya, serta"
            " ekspektasi khusus pimpinan."
        ),
        parameters=[
            OpenApiParameter(
                "skp_id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("ID SKP.")
            )
        ],
        responses={200: SkpDetailSerializer, **DETAIL_ERRORS},
        tags=["skp"],
    )
)
class SkpDetailView(generics.RetrieveAPIView):
    serializer_class = SkpDetailSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        skp_id = kwargs["skp_id"]
        # ``int()`` also reads other scripts' digits ("１"); only the canonical id is an address.
        if not (skp_id.isascii() and skp_id.isdigit()):
            raise Http404
        skp = get_skp_for_user(request.user, skp_id)
        prefetch_related_objects([skp], *_plan_prefetch())
        return Response(self.get_serializer(skp).data)
